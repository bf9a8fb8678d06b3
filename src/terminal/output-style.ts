/**
 * How command output is written to the terminal: line ends as CR LF, stderr in the theme's red,
 * lines starting with "WARNING:" (Docker's warnings) in its amber. Chunks may end mid-line, so the
 * colour of the line being written is carried from one chunk to the next.
 */

export interface StyleState {
  /** The next character starts a line. */
  atLineStart: boolean;
  /** The line being written is a warning. */
  warning: boolean;
}

export const FRESH_LINE: StyleState = { atLineStart: true, warning: false };

const RED = "\x1b[31m";
const AMBER = "\x1b[33m";
const DEFAULT = "\x1b[39m";

export function styleOutput(
  text: string,
  stream: "out" | "err",
  state: StyleState,
): { text: string; state: StyleState } {
  const lines = text.split("\n");
  let { atLineStart, warning } = state;
  let out = "";
  lines.forEach((line, i) => {
    if (i > 0) {
      out += "\r\n";
      atLineStart = true;
    }
    if (line === "") return;
    if (atLineStart) warning = line.startsWith("WARNING:");
    atLineStart = false;
    const colour = warning ? AMBER : stream === "err" ? RED : "";
    out += colour ? `${colour}${line}${DEFAULT}` : line;
  });
  return { text: out, state: { atLineStart, warning } };
}
