/**
 * How command output is written to the terminal: line ends as CR LF, errors on stderr in the
 * theme's red, lines starting with "WARNING:" (Docker's warnings) in its amber. Chunks may end
 * mid-line, so the colour of the line being written is carried from one chunk to the next.
 */

export interface StyleState {
  /** The next character starts a line. */
  atLineStart: boolean;
  /** The line being written is a warning. */
  warning: boolean;
  /** The stderr line being written reports progress, not a failure. */
  progress?: boolean;
}

export const FRESH_LINE: StyleState = { atLineStart: true, warning: false };

/**
 * Tools write progress to stderr too; in red a student would read it as a failure. These are the
 * lab's commands' progress lines: docker's pull, curl -v and its meter, busybox wget, tcpdump, nc -v.
 */
const PROGRESS = [
  /^Unable to find image '[^']+' locally$/,
  /^[\w.-]+: Pulling from /,
  /^[0-9a-f]{12}: (Pulling fs layer|Waiting|Downloading|Verifying Checksum|Download complete|Pull complete|Already exists)/,
  /^(Digest: sha256:|Status: (Downloaded newer image|Image is up to date) for )/,
  /^(\*|>|<) /,
  /^\s+% Total\s|^\s+Dload\s+Upload\s|^\d+\s+\S+\s+\d+\s+\S+\s+\d+\s+\d+\s.*--:--:--/,
  /^(Connecting to |saving to '|writing to stdout$|written to stdout$|'[^']*' saved$)/,
  /^\S+\s+100% \|/,
  /^(tcpdump: verbose output suppressed|listening on |\d+ packets? (captured|received by filter|dropped by kernel)$)/,
  /^Connection to .* succeeded!$|^\S+ \([\d.]+:\d+\) open$/,
];

const RED = "\x1b[31m";
const AMBER = "\x1b[33m";
const DEFAULT = "\x1b[39m";

export function styleOutput(
  text: string,
  stream: "out" | "err",
  state: StyleState,
): { text: string; state: StyleState } {
  const lines = text.split("\n");
  let { atLineStart, warning, progress = false } = state;
  let out = "";
  lines.forEach((line, i) => {
    if (i > 0) {
      out += "\r\n";
      atLineStart = true;
    }
    if (line === "") return;
    if (atLineStart) {
      warning = line.startsWith("WARNING:");
      progress = stream === "err" && PROGRESS.some((p) => p.test(line));
    }
    atLineStart = false;
    const colour = warning ? AMBER : stream === "err" && !progress ? RED : "";
    out += colour ? `${colour}${line}${DEFAULT}` : line;
  });
  return { text: out, state: { atLineStart, warning, progress } };
}
