/**
 * `sed`: the whole stream editor as GNU sed 4.9 (the host, Debian images) and busybox 1.35 run it:
 * sed/script.ts reads the script, sed/edit.ts runs the cycle. Each one's refusals in its own words.
 */
import { ToolExit } from "../command";
import { readFile, readOnly, resolvePath, writeFile } from "../files";
import type { Command, Ctx, Handler } from "../types";
import { busyboxBadOption, busyboxUsage } from "./busybox";
import { Getopt, type LongOption, type Problem, problemText } from "./getopt";
import { type Editor, edit, LateError, type Stream } from "./sed/edit";
import { parseScript, ScriptError, type SedCommand } from "./sed/script";

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
  { name: "file", key: "f", value: "required" },
  { name: "regexp-extended", key: "E" },
  { name: "in-place", key: "i", value: "optional" },
  { name: "separate", key: "s" },
];
/** busybox's sed_longopts: the same but for --separate. */
const BUSYBOX_LONG = LONG.filter((o) => o.name !== "separate");

/** The script's pieces from -e and -f (a file's last newline dropped), or the first operand. */
function scriptPieces(ctx: Ctx, parsed: Getopt, busybox: boolean): { pieces: string[]; given: boolean } {
  const pieces: string[] = [];
  for (const { key, value = "" } of parsed) {
    if (key === "e") pieces.push(value);
    else if (key === "f") {
      const text =
        value === "-" ? ctx.stdin : readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, value));
      if (text === undefined)
        throw busybox
          ? new ToolExit(1, `sed: ${value}: No such file or directory\n`)
          : new ToolExit(4, `sed: couldn't open file ${value}: No such file or directory\n`);
      pieces.push(text.endsWith("\n") ? text.slice(0, -1) : text);
    }
  }
  return { pieces, given: pieces.length > 0 };
}

const sed: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const first = ctx.argv[1];
  // busybox answers --help for every applet (on stderr); its sed alone knows --version.
  if (busybox && first === "--help") {
    ctx.out.writeErr(busyboxUsage("sed").stderr);
    return 0;
  }
  if (first === "--version" || (!busybox && first === "--help")) {
    ctx.out.write(
      busybox
        ? "This is not GNU sed version 4.0\n"
        : first === "--help"
          ? `${GNU_USAGE}${GNU_BUGS}`
          : GNU_VERSION,
    );
    return 0;
  }
  const bad = busybox
    ? busyboxBadOption("sed")
    : (problem: Problem) => new ToolExit(1, `${problemText("sed", problem)}\n${GNU_USAGE}`);
  const parsed = new Getopt(
    ctx.argv.slice(1),
    busybox ? "ne:f:i::rE" : "ne:f:i::rEs",
    bad,
    busybox ? BUSYBOX_LONG : LONG,
  );
  let quiet = false;
  let inPlace: string | undefined;
  let extended = false;
  let separate = false;
  for (const { key, value } of parsed) {
    if (key === "n") quiet = true;
    else if (key === "i") inPlace = value ?? "";
    else if (key === "r" || key === "E") extended = true;
    else if (key === "s") separate = true;
  }
  const operands = [...parsed.operands];
  const { pieces, given } = scriptPieces(ctx, parsed, busybox);
  if (!given) {
    const script = operands.shift();
    if (script === undefined) throw busybox ? busyboxUsage("sed") : new ToolExit(1, GNU_USAGE);
    pieces.push(script);
  }
  let commands: SedCommand[];
  try {
    commands = parseScript(pieces, extended, busybox);
  } catch (error) {
    if (error instanceof ScriptError) throw new ToolExit(error.code, `${error.message}\n`);
    throw error;
  }
  const read = (name: string) => readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, name));
  const ed: Editor = {
    commands,
    quiet,
    busybox,
    host: { readFile: read, stderr: (text) => ctx.out.writeErr(text) },
    hold: "",
    written: new Map(),
    reading: new Map(),
  };
  // `w` files are made (empty) when the script is read, as sed opens them then.
  for (const cmd of commands)
    if (cmd.file && "wWs".includes(cmd.name) && cmd.file !== "/dev/stdout") ed.written.set(cmd.file, "");
  const cantRead = (name: string) =>
    ctx.out.error(`sed: ${busybox ? "" : "can't read "}${name}: No such file or directory`);
  const failed = busybox ? 1 : 2;
  let status = 0;
  const fresh = () => {
    for (const cmd of commands) cmd.open = false;
  };
  const finish = (code: number) => {
    for (const [name, text] of ed.written) writeFile(ctx.world, ctx.frame, name, text);
    return code;
  };
  if (inPlace !== undefined) {
    if (operands.length === 0)
      throw new ToolExit(1, busybox ? "sed: no file specified\n" : "sed: no input files\n");
    for (const name of operands) {
      const path = resolvePath(ctx.frame.cwd, name);
      const text = readFile(ctx.world, ctx.frame, path);
      if (text === undefined) {
        cantRead(name);
        status = failed;
        continue;
      }
      fresh();
      const result = edit(ed, stream(text));
      if (readOnly(ctx.world, ctx.frame, path))
        throw new ToolExit(
          4,
          busybox
            ? `sed: can't create temp file '${name}XXXXXX': Read-only file system\n`
            : `sed: couldn't open temporary file ${parentOf(name)}/sedXXXXXX: Read-only file system\n`,
        );
      if (inPlace !== "") writeFile(ctx.world, ctx.frame, path + inPlace, text);
      writeFile(ctx.world, ctx.frame, path, result.text);
      if (result.quit !== undefined) return finish(result.quit);
    }
    return finish(status);
  }
  const texts: string[] = [];
  for (const name of operands.length ? operands : ["-"]) {
    const file = name === "-" ? ctx.stdin : read(name);
    if (file === undefined) {
      cantRead(name);
      status = failed;
    } else texts.push(file);
  }
  // Files run on as one stream (a file without its last newline gets one where the next begins),
  // or each on its own with -s.
  const inputs = separate
    ? texts
    : [texts.reduce((all, t) => (all !== "" && !all.endsWith("\n") ? `${all}\n${t}` : all + t), "")];
  for (const input of inputs) {
    fresh();
    let result: ReturnType<typeof edit>;
    try {
      result = edit(ed, stream(input));
    } catch (error) {
      if (!(error instanceof LateError)) throw error;
      ctx.out.write(error.text);
      ctx.out.error(`sed: ${error.message}`);
      return 1;
    }
    ctx.out.write(result.text);
    if (result.quit !== undefined) return finish(result.quit);
  }
  return finish(status);
};

const parentOf = (path: string) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) || "/" : ".");

const GNU_BUGS = "E-mail bug reports to: <bug-sed@gnu.org>.\n";

const GNU_VERSION = `sed (GNU sed) 4.9
Packaged by Debian
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Jay Fenlason, Tom Lord, Ken Pizzini,
Paolo Bonzini, Jim Meyering, and Assaf Gordon.

This sed program was built with SELinux support.
SELinux is disabled on this system.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
E-mail bug reports to: <bug-sed@gnu.org>.
`;

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
