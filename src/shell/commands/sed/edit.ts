/**
 * sed's cycle: each line into the pattern space, the script over it (addresses and ranges, blocks,
 * branches, the hold space, n/N/D reading on), the pattern space printed unless -n, then what `a`,
 * `r` and `R` queued. Files written by `w` are gathered and handed back for the caller to write.
 */
import type { Address, SedCommand } from "./script";
import { substitute } from "./substitute";

/**
 * busybox finds a block's `}` and a branch's label only when it needs them: what it says when it
 * cannot, and what was printed until then.
 */
export class LateError extends Error {
  constructor(
    message: string,
    readonly text: string,
  ) {
    super(message);
  }
}

export interface Stream {
  lines: string[];
  /** Whether the last line ended without a newline (sed keeps it so). */
  open: boolean;
}

/** What sed may read and where `w` writes. */
export interface EditHost {
  readFile(name: string): string | undefined;
  /** `w /dev/stderr` goes out at once, ahead of sed's buffered stdout. */
  stderr(text: string): void;
}

export interface Editor {
  commands: SedCommand[];
  quiet: boolean;
  busybox: boolean;
  host: EditHost;
  hold: string;
  lastRegex?: RegExp;
  /** `w` files: their text so far. */
  written: Map<string, string>;
  /** `R` files: the lines still to read. */
  reading: Map<string, string[]>;
}

/** GNU's `l`: escapes, octal for the rest, lines wrapped at width - 1 with `\`, a `$` at the end. */
function listed(text: string, width: number): string {
  const names: Record<string, string> = {
    "\\": "\\\\",
    "\x07": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
  };
  let out = "";
  let col = 0;
  for (const byte of new TextEncoder().encode(text)) {
    const ch = String.fromCharCode(byte);
    const piece = names[ch] ?? (byte < 32 || byte >= 127 ? `\\${byte.toString(8).padStart(3, "0")}` : ch);
    if (width > 1 && col + piece.length > width - 1) {
      out += "\\\n";
      col = 0;
    }
    out += piece;
    col += piece.length;
  }
  return `${out}$\n`;
}

function matches(ed: Editor, a: Address, text: string, n: number, last: boolean): boolean {
  if ("line" in a) return a.line === n;
  if ("last" in a) return last;
  if ("step" in a) {
    const [first, step] = a.step;
    return step <= 0 ? n === first : n >= first && (n - first) % step === 0;
  }
  if ("re" in a) {
    const re = a.re ?? ed.lastRegex;
    if (re) ed.lastRegex = re;
    return re ? re.test(text) : false;
  }
  return false;
}

/** Whether the command applies to this line, moving its range along. */
function selected(ed: Editor, cmd: SedCommand, text: string, n: number, last: boolean): boolean {
  const { from, to } = cmd;
  let hit: boolean;
  if (!from) hit = true;
  else if (!to)
    hit = ed.busybox && "line" in from && from.line === 0 ? true : matches(ed, from, text, n, last);
  else if (cmd.open) {
    hit = true;
    if ("re" in to) cmd.open = !matches(ed, to, text, n, last);
    else if ("last" in to) cmd.open = !last;
    else cmd.open = n < (cmd.endLine ?? 0);
  } else {
    // `0,/re/` is open before the first line, so the regex may end it there.
    const zero = "line" in from && from.line === 0;
    if (zero && n === 1 && "re" in to) {
      hit = true;
      cmd.open = !ed.busybox && !matches(ed, to, text, n, last);
      if (ed.busybox) hit = false;
    } else if (!zero && matches(ed, from, text, n, last)) {
      hit = true;
      if ("line" in to) cmd.endLine = to.line;
      else if ("plus" in to) cmd.endLine = n + to.plus;
      else if ("multiple" in to)
        cmd.endLine = to.multiple <= 0 ? n : Math.ceil(n / to.multiple) * to.multiple;
      cmd.open = "re" in to ? true : "last" in to ? !last : n < (cmd.endLine ?? 0);
    } else hit = false;
  }
  return hit !== cmd.negate;
}

/** Runs the script over one stream; what it prints, and the status a q or Q asked for. */
export function edit(ed: Editor, input: Stream): { text: string; quit?: number } {
  const { commands, quiet } = ed;
  let text = "";
  let k = 0;
  let n = 0;
  let appended = "";
  const lastOf = () => k >= input.lines.length;
  // The last line keeps its missing newline when it is printed last.
  const emit = (line: string) => {
    text += `${line}\n`;
  };
  const flush = () => {
    text += appended;
    appended = "";
  };
  const next = (): string | undefined => {
    const line = input.lines[k];
    if (line === undefined) return undefined;
    k++;
    n++;
    return line;
  };
  const queueFile = (name: string) => {
    const file = ed.host.readFile(name);
    if (file !== undefined && file !== "") appended += file.endsWith("\n") ? file : `${file}\n`;
  };
  for (let space = next(); space !== undefined; space = next()) {
    let substituted = false;
    let autoprint = !quiet;
    let quit: number | undefined;
    let pc = 0;
    cycle: while (pc < commands.length) {
      const cmd = commands[pc] as SedCommand;
      pc++;
      if (cmd.name === "}" || cmd.name === ":") continue;
      const hit = selected(ed, cmd, space, n, lastOf());
      if (cmd.name === "{") {
        if (!hit && cmd.jump === undefined) throw new LateError("unterminated {", text);
        if (!hit) pc = (cmd.jump ?? pc) + 1;
        continue;
      }
      if (!hit) continue;
      switch (cmd.name) {
        case "=":
          text += `${n}\n`;
          break;
        case "p":
          emit(space);
          break;
        case "P":
          emit(space.split("\n")[0] ?? "");
          break;
        case "l":
          if (!ed.busybox) text += listed(space, cmd.code ?? 70);
          break;
        case "d":
          autoprint = false;
          break cycle;
        case "D": {
          const nl = space.indexOf("\n");
          if (nl < 0) {
            autoprint = false;
            break cycle;
          }
          space = space.slice(nl + 1);
          flush();
          pc = 0;
          continue;
        }
        case "s": {
          const find = cmd.find ?? ed.lastRegex;
          if (find) ed.lastRegex = find;
          const changed: string | undefined = find ? substitute(cmd, find, space, ed.busybox) : undefined;
          if (changed === undefined) break;
          space = changed;
          substituted = true;
          if (cmd.print) emit(space);
          if (cmd.file) write(ed, cmd.file, `${space}\n`, (t) => (text += t));
          break;
        }
        case "y":
          space = [...space]
            .map((ch) => {
              const at = cmd.source?.indexOf(ch) ?? -1;
              return at >= 0 ? (cmd.target?.[at] ?? ch) : ch;
            })
            .join("");
          break;
        case "a":
          if (cmd.text !== undefined) appended += `${cmd.text}\n`;
          break;
        case "i":
          if (cmd.text !== undefined) text += `${cmd.text}\n`;
          break;
        case "c":
          // In a range, the text replaces the whole range: it is printed at its end.
          if ((cmd.negate || !cmd.to || !cmd.open) && cmd.text !== undefined) text += `${cmd.text}\n`;
          autoprint = false;
          break cycle;
        case "r":
          queueFile(cmd.file ?? "");
          break;
        case "R": {
          const name = cmd.file ?? "";
          if (!ed.reading.has(name)) {
            const file = ed.host.readFile(name) ?? "";
            const lines = file.split("\n");
            if (lines[lines.length - 1] === "") lines.pop();
            ed.reading.set(name, lines);
          }
          const line = ed.reading.get(name)?.shift();
          if (line !== undefined) appended += `${line}\n`;
          break;
        }
        case "w":
          write(ed, cmd.file ?? "", `${space}\n`, (t) => (text += t));
          break;
        case "W":
          write(ed, cmd.file ?? "", `${space.split("\n")[0]}\n`, (t) => (text += t));
          break;
        case "n": {
          if (lastOf()) {
            // No next line: sed ends here, printing the pattern space as at the end of a cycle.
            quit = 0;
            break cycle;
          }
          if (!quiet) emit(space);
          flush();
          space = next() ?? "";
          break;
        }
        case "N":
          if (lastOf()) {
            quit = 0;
            break cycle;
          }
          flush();
          space = `${space}\n${next() ?? ""}`;
          break;
        case "g":
          space = ed.hold;
          break;
        case "G":
          space = `${space}\n${ed.hold}`;
          break;
        case "h":
          ed.hold = space;
          break;
        case "H":
          ed.hold = `${ed.hold}\n${space}`;
          break;
        case "x":
          [space, ed.hold] = [ed.hold, space];
          break;
        case "z":
          space = "";
          break;
        case "F":
          text += "-\n";
          break;
        case "b":
        case "t":
        case "T": {
          const go = cmd.name === "b" || (cmd.name === "t" ? substituted : !substituted);
          if (cmd.name !== "b") substituted = false;
          if (!go) break;
          if (cmd.jump === undefined) throw new LateError(`can't find label for jump to '${cmd.text}'`, text);
          pc = cmd.jump;
          break;
        }
        case "q":
          quit = cmd.code ?? 0;
          break cycle;
        case "Q":
          return { text, quit: cmd.code ?? 0 };
      }
    }
    if (autoprint) emit(space);
    flush();
    if (quit !== undefined) return { text: ending(text, input, k), quit };
  }
  return { text: ending(text, input, k) };
}

/** A last input line without its newline is printed without one, when it is what sed printed last. */
function ending(text: string, input: Stream, k: number): string {
  return input.open && k >= input.lines.length && text.endsWith("\n") ? text.slice(0, -1) : text;
}

function write(ed: Editor, name: string, line: string, stdout: (text: string) => void): void {
  if (name === "/dev/stdout") stdout(line);
  else if (name === "/dev/stderr") ed.host.stderr(line);
  else ed.written.set(name, (ed.written.get(name) ?? "") + line);
}
