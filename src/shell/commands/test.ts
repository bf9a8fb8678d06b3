/**
 * `test`, `[` and busybox's `[[`: the shell's conditions over files (-e -f -d -s -r -w -x -L),
 * strings (-z -n = != ) and integers (-eq -ne -lt -le -gt -ge), with `!`, `-a` and `-o`. Builtins
 * of bash and of busybox's ash; exit 0 for true, 1 for false, 2 for a malformed expression.
 */
import { ToolExit } from "../command";
import { dirExists, readFile, resolvePath } from "../files";
import type { Command, Ctx, Handler } from "../types";

const INTEGER = /^\s*[-+]?\d+\s*$/;

function fail(ctx: Ctx, message: string): ToolExit {
  const name = ctx.argv[0] ?? "test";
  if (ctx.place.flavor === "busybox") return new ToolExit(2, `sh: ${message}\n`);
  return new ToolExit(2, `${ctx.frame.container ? "bash" : "-bash"}: ${name}: ${message}\n`);
}

function unary(ctx: Ctx, op: string, operand: string): boolean {
  const path = resolvePath(ctx.frame.cwd, operand);
  const file = readFile(ctx.world, ctx.frame, path);
  const dir = dirExists(ctx.world, ctx.frame, path);
  const link = ctx.world.machines[ctx.frame.machine]?.fs.symlinks[path] !== undefined && !ctx.frame.container;
  switch (op) {
    case "-e":
    case "-r":
    case "-w":
      return file !== undefined || dir || link;
    case "-f":
      return file !== undefined;
    case "-d":
      return dir;
    case "-s":
      return (file !== undefined && file !== "") || dir;
    case "-x":
      return dir;
    case "-L":
    case "-h":
      return link;
    case "-z":
      return operand === "";
    case "-n":
      return operand !== "";
  }
  throw fail(ctx, `${op}: unary operator expected`);
}

function binary(ctx: Ctx, a: string, op: string, b: string): boolean {
  if (op === "=" || op === "==") return a === b;
  if (op === "!=") return a !== b;
  const ints = ["-eq", "-ne", "-lt", "-le", "-gt", "-ge"];
  if (!ints.includes(op)) throw fail(ctx, `${op}: binary operator expected`);
  for (const n of [a, b])
    if (!INTEGER.test(n))
      throw fail(
        ctx,
        ctx.place.flavor === "busybox" ? `invalid number '${n}'` : `${n}: integer expression expected`,
      );
  const x = Number(a);
  const y = Number(b);
  return (
    { "-eq": x === y, "-ne": x !== y, "-lt": x < y, "-le": x <= y, "-gt": x > y, "-ge": x >= y }[op] ?? false
  );
}

/** POSIX's rules by the number of arguments, then -a/-o for longer ones. */
function evaluate(ctx: Ctx, args: string[]): boolean {
  const or = args.indexOf("-o");
  if (or > 0) return evaluate(ctx, args.slice(0, or)) || evaluate(ctx, args.slice(or + 1));
  const and = args.indexOf("-a");
  if (and > 0 && args.length > 3)
    return evaluate(ctx, args.slice(0, and)) && evaluate(ctx, args.slice(and + 1));
  const [a = "", b = "", c = ""] = args;
  switch (args.length) {
    case 0:
      return false;
    case 1:
      return a !== "";
    case 2:
      return a === "!" ? b === "" : unary(ctx, a, b);
    case 3:
      if (a === "!") return !evaluate(ctx, args.slice(1));
      if (a === "(" && c === ")") return b !== "";
      return binary(ctx, a, b, c);
    default:
      if (a === "!") return !evaluate(ctx, args.slice(1));
      throw fail(ctx, "too many arguments");
  }
}

const test: Handler = (ctx) => {
  const name = ctx.argv[0] ?? "test";
  let args = ctx.argv.slice(1);
  if (name === "[" || name === "[[") {
    const close = name === "[" ? "]" : "]]";
    if (args[args.length - 1] !== close) throw fail(ctx, `missing '${close}'`);
    args = args.slice(0, -1);
  }
  return evaluate(ctx, args) ? 0 : 1;
};

export const commands: Command[] = [
  { name: "test", where: "builtin", run: test },
  { name: "[", where: "builtin", run: test },
  { name: "[[", where: ["busybox"], run: test },
];
