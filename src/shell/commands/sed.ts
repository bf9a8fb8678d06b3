/**
 * `sed`: the part of the stream editor a tutorial types: `s///` with its flags (g, p, N, I), `p`,
 * `d`, `q`, `=`, `y`, addresses (line numbers, `$`, `/re/`, ranges, `!`), `-n`, `-e`, `-E`/`-r`,
 * `-i` on the place's files. The rest of sed's commands (`a`, `N`, hold space, branches …) are
 * refused by name rather than run wrongly. GNU sed 4.9's words on the host and in Debian images,
 * busybox 1.35's in busybox.
 */
import { ToolExit } from "../command";
import { readFile, readOnly, resolvePath, writeFile } from "../files";
import type { Command, Handler } from "../types";
import { busyboxBadOption, busyboxUsage } from "./busybox";
import { Getopt, type LongOption, type Problem, problemText } from "./getopt";
import { posixRegExp } from "./posix-regex";
import { NOT_SIMULATED } from "./unsimulated";

type Address = { line: number } | { last: true } | { re: RegExp };

interface SedCommand {
  from?: Address;
  to?: Address;
  negate: boolean;
  name: string;
  /** s: what to find, what to put, every match or the Nth, print after. */
  find?: RegExp;
  replacement?: string;
  nth?: number;
  print?: boolean;
  /** y: the two alphabets. */
  source?: string;
  target?: string;
  /** Whether the range is open (its first address matched, its last not yet). */
  open?: boolean;
}

/** sed's commands the lab leaves out: recognised, so that they are refused plainly. */
const LEFT_OUT = "aicnNDPhHgGxbtTlrRwWzFeLQv{}:";

class ScriptError extends Error {}

/** Reads one script (an -e, or the first operand) into commands. */
function parse(script: string, extended: boolean, busybox: boolean, nth: number): SedCommand[] {
  const commands: SedCommand[] = [];
  let i = 0;
  const fail = (gnu: string, bb: string) =>
    new ScriptError(busybox ? `sed: ${bb}` : `sed: -e expression #${nth}, char ${i}: ${gnu}`);

  /** A delimited part starting after the delimiter at `i`; `\delim` is the delimiter itself. */
  const delimited = (delim: string): string | undefined => {
    let text = "";
    while (i < script.length) {
      const c = script[i++] ?? "";
      if (c === delim) return text;
      if (c === "\\" && i < script.length) {
        const n = script[i++] ?? "";
        text += n === delim ? n : `\\${n}`;
      } else if (c === "\n" && delim !== "\n") return undefined;
      else text += c;
    }
    return undefined;
  };

  const regex = (source: string, flags: string): RegExp => {
    const re = posixRegExp(source, extended, flags);
    if (!re) throw fail("Unmatched ( or \\(", `bad regex '${source}': Unmatched ( or \\(`);
    return re;
  };

  const address = (): Address | undefined => {
    const c = script[i];
    if (c !== undefined && /\d/.test(c)) {
      let n = "";
      while (/\d/.test(script[i] ?? "")) n += script[i++];
      return { line: Number(n) };
    }
    if (c === "$") {
      i++;
      return { last: true };
    }
    if (c === "/" || c === "\\") {
      i++;
      const delim = c === "\\" ? (script[i++] ?? "") : "/";
      const source = delimited(delim);
      if (source === undefined) throw fail(`unterminated address regex`, `unmatched '${delim}'`);
      const caseless = script[i] === "I";
      if (caseless) i++;
      return { re: regex(source, caseless ? "i" : "") };
    }
    return undefined;
  };

  while (i < script.length) {
    while (/[\s;]/.test(script[i] ?? "")) i++;
    if (i >= script.length) break;
    const cmd: SedCommand = { negate: false, name: "" };
    cmd.from = address();
    if (cmd.from && script[i] === ",") {
      i++;
      cmd.to = address();
      if (!cmd.to) throw fail("unexpected `,'", "unexpected ','");
    }
    while (script[i] === " ") i++;
    if (script[i] === "!") {
      cmd.negate = true;
      i++;
      while (script[i] === " ") i++;
    }
    const name = script[i++];
    if (name === undefined) throw fail("missing command", "missing command");
    cmd.name = name;
    if (name === "s") {
      const delim = script[i++] ?? "";
      const find = delimited(delim);
      const replacement = find === undefined ? undefined : delimited(delim);
      if (find === undefined || replacement === undefined)
        throw fail("unterminated `s' command", `unmatched '${delim}'`);
      cmd.replacement = replacement;
      let flags = "";
      cmd.nth = 1;
      while (i < script.length && !/[\s;}]/.test(script[i] ?? "")) {
        const f = script[i++] ?? "";
        if (f === "g") cmd.nth = 0;
        else if (f === "p") cmd.print = true;
        else if (f === "I" || f === "i") flags += "i";
        else if (/\d/.test(f)) {
          let n = f;
          while (/\d/.test(script[i] ?? "")) n += script[i++];
          cmd.nth = Number(n);
        } else if (f === "w" || f === "e" || f === "m" || f === "M")
          throw new ScriptError(`sed: the s command's ${f} flag ${NOT_SIMULATED}`);
        else throw fail("unknown option to `s'", "bad option in substitution expression");
      }
      cmd.find = regex(find, flags);
    } else if (name === "y") {
      const delim = script[i++] ?? "";
      const source = delimited(delim);
      const target = source === undefined ? undefined : delimited(delim);
      if (source === undefined || target === undefined)
        throw fail("unterminated `y' command", `unmatched '${delim}'`);
      const unescaped = (t: string) => t.replace(/\\(.)/g, (_, ch: string) => (ch === "n" ? "\n" : ch));
      cmd.source = unescaped(source);
      cmd.target = unescaped(target);
      if ([...cmd.source].length !== [...cmd.target].length)
        throw fail(
          "strings for `y' command are different lengths",
          "strings for 'y' command are different lengths",
        );
    } else if (name === "q") {
      // An exit code may follow; the lab's q ends with 0 unless one is given.
      let n = "";
      while (script[i] === " ") i++;
      while (/\d/.test(script[i] ?? "")) n += script[i++];
      cmd.nth = n === "" ? 0 : Number(n);
    } else if (!"pd=".includes(name)) {
      if (LEFT_OUT.includes(name)) throw new ScriptError(`sed: the ${name} command ${NOT_SIMULATED}`);
      throw fail(`unknown command: \`${name}'`, `unsupported command ${name}`);
    }
    while (script[i] === " ") i++;
    if (i < script.length && !/[;\n}]/.test(script[i] ?? "") && name !== "}")
      throw fail("extra characters after command", `unsupported command ${script[i]}`);
    commands.push(cmd);
  }
  return commands;
}

/** The replacement for one match: `&` the match, `\N` a group, `\n` a newline. */
function expand(replacement: string, match: RegExpExecArray): string {
  return replacement.replace(/\\(.)|&/g, (all, ch: string | undefined) => {
    if (all === "&") return match[0];
    if (ch !== undefined && /\d/.test(ch)) return match[Number(ch)] ?? "";
    return ch === "n" ? "\n" : (ch ?? "");
  });
}

/** `s`: the Nth match (0: every one) replaced; whether anything was. */
function substitute(cmd: SedCommand, text: string): string | undefined {
  const re = new RegExp(cmd.find?.source ?? "", `${cmd.find?.flags ?? ""}g`);
  let out = "";
  let last = 0;
  let count = 0;
  let done = false;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    count++;
    if (cmd.nth === 0 || count === cmd.nth) {
      out += text.slice(last, m.index) + expand(cmd.replacement ?? "", m);
      last = m.index + m[0].length;
      done = true;
      if (cmd.nth !== 0) break;
    }
    if (m[0] === "") re.lastIndex++;
  }
  return done ? out + text.slice(last) : undefined;
}

interface Stream {
  lines: string[];
  /** Whether the input's last line ended without a newline (sed keeps it so). */
  open: boolean;
}

function matches(a: Address, text: string, n: number, last: boolean): boolean {
  if ("line" in a) return a.line === n;
  if ("last" in a) return last;
  return a.re.test(text);
}

function selected(cmd: SedCommand, text: string, n: number, last: boolean): boolean {
  let hit: boolean;
  if (!cmd.from) hit = true;
  else if (!cmd.to) hit = matches(cmd.from, text, n, last);
  else if (cmd.open) {
    hit = true;
    const end = cmd.to;
    if ("line" in end ? n >= end.line : matches(end, text, n, last)) cmd.open = false;
  } else if (matches(cmd.from, text, n, last)) {
    hit = true;
    const end = cmd.to;
    // A range whose end is a line number already passed is that one line.
    cmd.open = "line" in end ? end.line > n : !("last" in end && last);
  } else hit = false;
  return hit !== cmd.negate;
}

/** Runs the script over the lines; what it prints, and whether a `q` ended it (with its status). */
function edit(commands: SedCommand[], input: Stream, quiet: boolean): { text: string; quit?: number } {
  let text = "";
  const emit = (line: string, k: number) => {
    text += line + (k === input.lines.length - 1 && input.open ? "" : "\n");
  };
  for (const [k, line] of input.lines.entries()) {
    let space = line;
    let deleted = false;
    const n = k + 1;
    const last = k === input.lines.length - 1;
    for (const cmd of commands) {
      if (!selected(cmd, space, n, last)) continue;
      if (cmd.name === "d") {
        deleted = true;
        break;
      }
      if (cmd.name === "p") emit(space, k);
      else if (cmd.name === "=") text += `${n}\n`;
      else if (cmd.name === "s") {
        const changed = substitute(cmd, space);
        if (changed !== undefined) {
          space = changed;
          if (cmd.print) emit(space, k);
        }
      } else if (cmd.name === "y") {
        const from = [...(cmd.source ?? "")];
        const to = [...(cmd.target ?? "")];
        space = [...space].map((ch) => (from.includes(ch) ? (to[from.indexOf(ch)] ?? ch) : ch)).join("");
      } else if (cmd.name === "q") {
        if (!quiet) emit(space, k);
        return { text, quit: cmd.nth ?? 0 };
      }
    }
    if (!deleted && !quiet) emit(space, k);
  }
  return { text };
}

function stream(text: string): Stream {
  const lines = text.split("\n");
  const open = lines[lines.length - 1] !== "";
  if (!open) lines.pop();
  return { lines: text === "" ? [] : lines, open: text !== "" && open };
}

const LONG: LongOption[] = [
  { name: "quiet", key: "n" },
  { name: "silent", key: "n" },
  { name: "expression", key: "e", value: "required" },
  { name: "regexp-extended", key: "E" },
  { name: "in-place", key: "i", value: "optional" },
];

const sed: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const bad = busybox
    ? busyboxBadOption("sed")
    : (problem: Problem) => new ToolExit(1, `${problemText("sed", problem)}\n${GNU_USAGE}`);
  const parsed = new Getopt(ctx.argv.slice(1), "ne:f:i::rEs", bad, busybox ? undefined : LONG);
  const scripts: string[] = [];
  let quiet = false;
  let inPlace = false;
  let extended = false;
  for (const { key, value } of parsed) {
    if (key === "n") quiet = true;
    else if (key === "e") scripts.push(value ?? "");
    else if (key === "i") inPlace = true;
    else if (key === "r" || key === "E") extended = true;
    else if (key === "f") throw new ToolExit(1, `sed: -f ${NOT_SIMULATED}\n`);
  }
  const operands = [...parsed.operands];
  if (scripts.length === 0) {
    const script = operands.shift();
    if (script === undefined) throw busybox ? busyboxUsage("sed") : new ToolExit(1, GNU_USAGE);
    scripts.push(script);
  }
  let commands: SedCommand[];
  try {
    commands = scripts.flatMap((s, k) => parse(s, extended, busybox, k + 1));
  } catch (error) {
    if (error instanceof ScriptError) throw new ToolExit(1, `${error.message}\n`);
    throw error;
  }
  const cantRead = (name: string) =>
    ctx.out.error(`sed: ${busybox ? "" : "can't read "}${name}: No such file or directory`);
  let status = 0;
  if (inPlace) {
    if (operands.length === 0)
      throw new ToolExit(1, busybox ? "sed: no file specified\n" : "sed: no input files\n");
    for (const name of operands) {
      const path = resolvePath(ctx.frame.cwd, name);
      const text = readFile(ctx.world, ctx.frame, path);
      if (text === undefined) {
        cantRead(name);
        status = busybox ? 1 : 2;
        continue;
      }
      for (const cmd of commands) cmd.open = false;
      const result = edit(commands, stream(text), quiet);
      if (readOnly(ctx.world, ctx.frame, path))
        throw new ToolExit(
          4,
          busybox
            ? `sed: can't create temp file '${name}XXXXXX': Read-only file system\n`
            : `sed: couldn't open temporary file ${parentOf(name)}/sedXXXXXX: Read-only file system\n`,
        );
      writeFile(ctx.world, ctx.frame, path, result.text);
      if (result.quit !== undefined) return result.quit;
    }
    return status;
  }
  let text = "";
  for (const name of operands.length ? operands : ["-"]) {
    const file = name === "-" ? ctx.stdin : readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, name));
    if (file === undefined) {
      cantRead(name);
      status = busybox ? 1 : 2;
      continue;
    }
    // Files run on as one stream; one without a last newline gets one where the next begins.
    text += text !== "" && !text.endsWith("\n") ? `\n${file}` : file;
  }
  const result = edit(commands, stream(text), quiet);
  ctx.out.write(result.text);
  return result.quit ?? status;
};

const parentOf = (path: string) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) || "/" : ".");

const GNU_USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

export const commands: Command[] = [{ name: "sed", where: ["host", "busybox", "debian"], run: sed }];
