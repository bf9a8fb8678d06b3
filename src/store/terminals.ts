/**
 * The terminal of each session on screen, as what drives the lab from outside needs it (driver.ts:
 * a page's lab:run, a scripted demo): a way to type into it and to wait for its prompt. The
 * terminal registers itself here when it is drawn and leaves when it goes.
 */
export interface TerminalHandle {
  /** Types text as if from the keyboard, even when the student may not type (readonly=1). */
  type(text: string): void;
  /** Resolves when the shell is at its prompt, telling whether it waits for the rest of a line. */
  ready(): Promise<{ continued: boolean }>;
}

const terminals = new Map<string, TerminalHandle>();
const listeners = new Set<() => void>();

export function terminalFor(sessionId: string): TerminalHandle | undefined {
  return terminals.get(sessionId);
}

/** Called whenever a terminal appears or goes (a new lab after undo, a new tab). */
export function onTerminals(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Registers a session's terminal; returns the way to leave. */
export function registerTerminal(sessionId: string, handle: TerminalHandle): () => void {
  terminals.set(sessionId, handle);
  for (const l of listeners) l();
  return () => {
    if (terminals.get(sessionId) === handle) terminals.delete(sessionId);
    for (const l of listeners) l();
  };
}
