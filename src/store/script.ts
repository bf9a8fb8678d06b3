/**
 * A scripted demo, as `script=` gives it: one command a line; `#` lines before a command are its
 * caption (what the presenter says about it); blank lines separate nothing.
 *
 *   # A user-defined network has its own bridge
 *   docker network create app
 *   # Containers on it find each other by name
 *   docker run -d --name web --network app nginx
 */
export interface Step {
  command: string;
  caption?: string;
}

export function parseScript(text: string): Step[] {
  const steps: Step[] = [];
  let caption: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    if (line.startsWith("#")) {
      caption.push(line.replace(/^#+\s*/, ""));
      continue;
    }
    steps.push({ command: line, ...(caption.length > 0 ? { caption: caption.join(" ") } : {}) });
    caption = [];
  }
  return steps;
}
