/**
 * A line offered to the prompt from outside the terminal (a lesson's command, clicked): it goes
 * into the active tab's prompt, replacing what was being typed, and is never run: the student
 * reads it, edits it if they like, and presses Enter.
 */
type Listener = (line: string) => void;
const listeners = new Set<Listener>();

export function onOffer(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function offerLine(line: string): void {
  for (const l of listeners) l(line);
}
