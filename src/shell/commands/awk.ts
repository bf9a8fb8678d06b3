/**
 * `awk`: the whole language as busybox 1.35 and mawk 1.3.4 run it (awk/: lexer, parser, interpreter,
 * built-ins, arrays in each one's for-in order, files and commands). mawk's words on the host and in
 * Debian images, busybox's in busybox. Commands (`cmd | getline`, `print | cmd`, system()) run
 * through the lab's own shell where awk runs.
 */
import { ToolExit } from "../command";
import { dirExists, readFile, resolvePath, writeFile } from "../files";
import type { Command, Ctx, Handler } from "../types";
import type { Program } from "./awk/ast";
import type { Host } from "./awk/io";
import { AwkError, tokenize } from "./awk/lex";
import { Exit, Machine, Next, NextFile } from "./awk/machine";
import { Parser } from "./awk/parse";
import type { Dialect } from "./awk/value";
import { busyboxBadOption, busyboxUsage } from "./busybox";
import { Getopt, type Problem } from "./getopt";

/** How each awk says a problem, and its exit status. */
function awkProblem(dialect: Dialect, error: AwkError, machine?: Machine): { text: string; code: number } {
  const m = error.message;
  if (dialect === "busybox") {
    const what =
      error.kind === "syntax"
        ? "Unexpected token"
        : error.kind === "eof-string" || error.kind === "eof-regex"
          ? "Unexpected end of string"
          : m;
    return {
      text: error.kind === "output" ? `awk: ${m}\n` : `awk: cmd. line:${error.line}: ${what}\n`,
      code: 1,
    };
  }
  const line = `awk: line ${error.line}: `;
  switch (error.kind) {
    case "syntax":
      return { text: `${line}syntax error at or near ${m}\n`, code: 2 };
    case "eof-string":
      return { text: `${line}runaway string constant ${m.slice(0, 10)} ...\n`, code: 2 };
    case "eof-regex":
      return { text: `${line}runaway regular expression ${m.slice(0, 10)} ...\n`, code: 2 };
    case "parse":
      return { text: `${line}${m}\n`, code: 2 };
    case "output":
      return { text: `awk: ${m}\n`, code: 2 };
    case "runtime": {
      const v = (name: string) => machine?.str(machine.globals.get(name)?.v ?? "") ?? "";
      const where = `\tFILENAME="${v("FILENAME")}" FNR=${v("FNR") || 0} NR=${v("NR") || 0}`;
      return { text: `awk: run time error: ${m}\n${where}\n`, code: 2 };
    }
  }
}

/** mawk reads its options by itself, in its own words. */
function mawkBadOption(problem: Problem): ToolExit {
  const text =
    problem.kind === "missing"
      ? `option -${problem.option} lacks argument`
      : `not an option: -${problem.option}`;
  return new ToolExit(2, `awk: ${text}\n`);
}

function host(ctx: Ctx): Host {
  let stdin: string | undefined = ctx.stdin;
  return {
    readFile: (name) => {
      if (name === "-" || name === "/dev/stdin") {
        const text = stdin ?? "";
        stdin = "";
        return text;
      }
      return readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, name));
    },
    canCreate: (name) => {
      const path = resolvePath(ctx.frame.cwd, name);
      return dirExists(ctx.world, ctx.frame, path.slice(0, path.lastIndexOf("/")) || "/");
    },
    writeFile: (name, text, append) => writeFile(ctx.world, ctx.frame, name, text, append),
    run: (line, input, capture) => {
      const out = capture ? ctx.out.capture() : ctx.out;
      // popen() and system() run `/bin/sh -c`: a shell of its own, which `exit` only ends.
      const frame = { ...ctx.frame, shell: "sh" as const, env: { ...ctx.frame.env }, main: false };
      const status = ctx.runLine(line, frame, out, input);
      return { out: out.captured ?? "", status };
    },
    stdout: (text) => ctx.out.write(text),
    stderr: (text) => ctx.out.writeErr(text),
    time: () => Math.floor(ctx.world.clock / 1000),
  };
}

/** BEGIN, each record of the main input through the rules, END; what `exit` asked for. */
function execute(machine: Machine, program: Program): number {
  const { rules } = program;
  let code: number | undefined;
  const exited = (signal: unknown) => {
    if (!(signal instanceof Exit)) throw signal;
    if (signal.code !== undefined) code = signal.code;
  };
  try {
    for (const r of rules)
      if (r.begin && r.action)
        try {
          machine.run(r.action);
        } catch (signal) {
          // busybox lets `next` in BEGIN end that action.
          if (!(signal instanceof Next)) throw signal;
        }
    const main = rules.filter((r) => !r.begin && !r.end);
    if (main.length > 0 || rules.some((r) => r.end)) {
      for (let record = machine.nextMain(); record !== undefined; record = machine.nextMain()) {
        machine.count("NR");
        machine.count("FNR");
        machine.setRecord(record);
        try {
          for (const r of main) if (matches(machine, r)) runRule(machine, r);
        } catch (signal) {
          if (signal instanceof NextFile) machine.input.at = machine.input.records.length;
          else if (!(signal instanceof Next)) throw signal;
        }
      }
      if (machine.input.failed !== undefined) return -1;
    }
  } catch (signal) {
    exited(signal);
  }
  machine.ended = true;
  try {
    for (const r of rules) if (r.end && r.action) machine.run(r.action);
  } catch (signal) {
    exited(signal);
  }
  return code ?? 0;
}

function matches(machine: Machine, r: Program["rules"][number]): boolean {
  if (r.pattern && r.to) {
    if (r.inRange) {
      if (machine.truthy(machine.evaluate(r.to))) r.inRange = false;
      return true;
    }
    if (!machine.truthy(machine.evaluate(r.pattern))) return false;
    r.inRange = !machine.truthy(machine.evaluate(r.to));
    return true;
  }
  return r.pattern ? machine.truthy(machine.evaluate(r.pattern)) : true;
}

function runRule(machine: Machine, r: Program["rules"][number]): void {
  if (r.action) machine.run(r.action);
  else machine.io.out += machine.str(machine.fields[0] ?? "", "OFMT") + machine.var("ORS");
}

const awk: Handler = (ctx) => {
  const dialect: Dialect = ctx.place.flavor === "busybox" ? "busybox" : "mawk";
  const bad = dialect === "busybox" ? busyboxBadOption("awk") : mawkBadOption;
  // busybox parses with getopt_long (no long options); mawk with its own loop.
  const parsed = new Getopt(ctx.argv.slice(1), "F:v:f:", bad, dialect === "busybox" ? [] : undefined);
  const assigns: string[] = [];
  let fs: string | undefined;
  const files: string[] = [];
  for (const { key, value = "" } of parsed) {
    if (key === "F") fs = value === "t" ? "\t" : value.replace(/\\t/g, "\t");
    else if (key === "v") assigns.push(value);
    else if (key === "f") files.push(value);
  }
  const operands = [...parsed.operands];
  let source: string | undefined;
  if (files.length > 0) {
    source = "";
    for (const name of files) {
      const text = readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, name));
      if (text === undefined)
        throw dialect === "busybox"
          ? new ToolExit(1, `awk: can't open '${name}': No such file or directory\n`)
          : new ToolExit(2, `awk: cannot open ${name} (No such file or directory)\n`);
      source += `${text}\n`;
    }
  } else source = operands.shift();
  if (source === undefined) {
    // mawk without a program prints its usage and succeeds.
    if (dialect === "busybox") throw busyboxUsage("awk");
    ctx.out.write(MAWK_USAGE);
    return 0;
  }
  let program: Program;
  try {
    program = new Parser(tokenize(source, dialect === "busybox"), dialect === "mawk").program();
  } catch (error) {
    if (!(error instanceof AwkError)) throw error;
    const problem = awkProblem(dialect, error);
    throw new ToolExit(problem.code, problem.text);
  }
  const machine = new Machine(program, dialect, host(ctx));
  if (fs !== undefined) machine.globals.set("FS", { v: fs });
  for (const a of assigns) {
    if (!/^[A-Za-z_]\w*=/.test(a))
      throw dialect === "busybox"
        ? busyboxUsage("awk")
        : new ToolExit(2, `awk: improper assignment: -v ${a}\n`);
    machine.assignOperand(a);
  }
  machine.input.operands = operands.length ? operands : ["-"];
  machine.setArgs(operands, ctx.frame.env);
  try {
    const code = execute(machine, program);
    const failed = machine.input.failed;
    if (code === -1 && failed !== undefined) {
      if (dialect === "busybox") {
        machine.io.flush();
        ctx.out.error(`awk: ${failed}: No such file or directory`);
        return 1;
      }
      ctx.out.error(`awk: cannot open ${failed} (No such file or directory)`);
      machine.io.flush();
      return 2;
    }
    machine.io.closeAll();
    return code;
  } catch (error) {
    if (!(error instanceof AwkError)) throw error;
    const problem = awkProblem(dialect, error, machine);
    // mawk's complaint goes out at once, its stdout at the exit; busybox's stdout comes first.
    if (dialect === "busybox") machine.io.flush();
    ctx.out.writeErr(problem.text);
    machine.io.flush();
    return problem.code;
  }
};

const MAWK_USAGE = `Usage: mawk [Options] [Program] [file ...]

Program:
    The -f option value is the name of a file containing program text.
    If no -f option is given, a "--" ends option processing; the following
    parameters are the program text.

Options:
    -f program-file  Program  text is read from file instead of from the
                     command-line.  Multiple -f options are accepted.
    -F value         sets the field separator, FS, to value.
    -v var=value     assigns value to program variable var.
    --               unambiguous end of options.

    Implementation-specific options are prefixed with "-W".  They can be
    abbreviated:

    -W version       show version information and exit.
    -W dump          show assembler-like listing of program and exit.
    -W help          show this message and exit.
    -W interactive   set unbuffered output, line-buffered input.
    -W exec file     use file as program as well as last option.
    -W random=number set initial random seed.
    -W sprintf=number adjust size of sprintf buffer.
    -W posix_space   do not consider "\\n" a space.
    -W usage         show this message and exit.
`;

export const commands: Command[] = [{ name: "awk", where: ["host", "busybox", "debian"], run: awk }];
