/**
 * `find [PATH]... [EXPRESSION]`: the place's files walked depth first, each tested against the
 * expression (`-name`, `-iname`, `-path`, `-type`, `-newer`, `-size`, `-empty`, `!`, `-a`, `-o`,
 * parentheses) and printed or handed to `-exec`; `-maxdepth`/`-mindepth` bound the walk. busybox
 * 1.35's words in containers, GNU findutils 4.9's on the host and in Debian images (37-file-applets).
 */
import { ToolExit } from "../command";
import { mtimeOf, resolvePath } from "../files";
import type { Command, Handler } from "../types";
import { busyboxUsage } from "./busybox";
import { listing } from "./file-status";
import { type Entry, stat } from "./ls";

/** A file as the expression sees it. */
interface Visit {
  /** As printed: the operand it was found under, joined with the names on the way. */
  shown: string;
  path: string;
  name: string;
  entry: Entry;
}

type Expr =
  | { k: "and" | "or"; a: Expr; b: Expr }
  | { k: "not"; a: Expr }
  | { k: "test"; test: (v: Visit) => boolean }
  | { k: "print"; end: string }
  | { k: "exec"; argv: string[]; batch: boolean };

/** A shell glob (`*`, `?`, `[...]`) as fnmatch reads it, whole-string. */
function glob(pattern: string, insensitive: boolean): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? "";
    if (c === "*") re += ".*";
    else if (c === "?") re += ".";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) re += "\\[";
      else {
        re += `[${pattern
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else if (c === "\\" && i + 1 < pattern.length) re += `\\${pattern[++i]}`;
    else re += c.replace(/[.+^${}()|\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, insensitive ? "is" : "s");
}

const TYPES: Record<string, (e: Entry) => boolean> = {
  f: (e) => e.mode.startsWith("-"),
  d: (e) => e.mode.startsWith("d"),
  l: (e) => e.mode.startsWith("l"),
  b: () => false,
  c: () => false,
  s: () => false,
  p: () => false,
};

const find: Handler = (ctx) => {
  const bb = ctx.place.flavor === "busybox";
  const args = ctx.argv.slice(1);
  const firstExpr = args.findIndex((a) => a.startsWith("-") || a === "!" || a === "(");
  const paths = firstExpr < 0 ? args : args.slice(0, firstExpr);
  const words = firstExpr < 0 ? [] : args.slice(firstExpr);
  let minDepth = 0;
  let maxDepth = Number.POSITIVE_INFINITY;
  let acts = false;
  const fail = (message: string) => new ToolExit(1, `find: ${message}\n`);
  let pos = 0;

  const argument = (option: string): string => {
    const value = words[pos++];
    if (value === undefined)
      throw fail(bb ? `${option} requires an argument` : `missing argument to \`${option}'`);
    return value;
  };

  const primary = (): Expr => {
    const w = words[pos++] ?? "";
    const test = (t: (v: Visit) => boolean): Expr => ({ k: "test", test: t });
    switch (w) {
      case "(": {
        const e = or();
        if (words[pos++] !== ")") throw fail(bb ? "unrecognized: (" : "invalid expression");
        return e;
      }
      case "!":
      case "-not":
        return { k: "not", a: primary() };
      case "-name":
      case "-iname": {
        const re = glob(argument(w), w === "-iname");
        return test((v) => re.test(v.name));
      }
      case "-path":
      case "-ipath":
      case "-wholename": {
        const re = glob(argument(w), w === "-ipath");
        return test((v) => re.test(v.shown));
      }
      case "-type": {
        const t = argument(w);
        const is = TYPES[t];
        if (!is) throw fail(bb ? `invalid argument '${t}' to '-type'` : `Unknown argument to -type: ${t}`);
        return test((v) => is(v.entry));
      }
      case "-maxdepth":
      case "-mindepth": {
        const n = argument(w);
        if (w === "-maxdepth") maxDepth = Number(n);
        else minDepth = Number(n);
        return test(() => true);
      }
      case "-newer": {
        const other = argument(w);
        const e = stat(ctx, resolvePath(ctx.frame.cwd, other), other);
        if (!e)
          throw fail(
            bb ? `can't stat '${other}': No such file or directory` : `‘${other}’: No such file or directory`,
          );
        return test((v) => v.entry.mtime > e.mtime);
      }
      case "-size": {
        const m = /^([+-]?)(\d+)([bckwMG]?)$/.exec(argument(w));
        if (!m) throw fail(bb ? `invalid number '${words[pos - 1]}'` : `invalid -size type`);
        const unit = { b: 512, c: 1, k: 1024, w: 2, M: 1048576, G: 1073741824, "": 512 }[m[3] ?? ""] ?? 512;
        const n = Number(m[2]);
        // busybox compares bytes; GNU rounds the size up to whole units first.
        const of = (e: Entry) => (bb ? e.size : Math.ceil(e.size / unit));
        const want = bb ? n * unit : n;
        return test((v) =>
          m[1] === "+" ? of(v.entry) > want : m[1] === "-" ? of(v.entry) < want : of(v.entry) === want,
        );
      }
      case "-empty":
        return test((v) =>
          v.entry.mode.startsWith("d") ? listing(ctx, v.path).length === 0 : v.entry.size === 0,
        );
      case "-print":
      case "-print0":
        acts = true;
        return { k: "print", end: w === "-print" ? "\n" : "\0" };
      case "-exec": {
        const start = pos;
        while (pos < words.length && words[pos] !== ";" && !(words[pos] === "+" && words[pos - 1] === "{}"))
          pos++;
        if (pos >= words.length || pos === start)
          throw fail(bb ? "-exec requires an argument" : "missing argument to `-exec'");
        acts = true;
        const batch = words[pos] === "+";
        return { k: "exec", argv: words.slice(start, pos++), batch };
      }
      default:
        if (bb) throw new ToolExit(1, `find: unrecognized: ${w}\n${busyboxUsage("find").stderr}`);
        throw fail(`unknown predicate \`${w}'`);
    }
  };
  const and = (): Expr => {
    let e = primary();
    while (pos < words.length && words[pos] !== "-o" && words[pos] !== "-or" && words[pos] !== ")") {
      if (words[pos] === "-a" || words[pos] === "-and") pos++;
      e = { k: "and", a: e, b: primary() };
    }
    return e;
  };
  const or = (): Expr => {
    let e = and();
    while (words[pos] === "-o" || words[pos] === "-or") {
      pos++;
      e = { k: "or", a: e, b: and() };
    }
    return e;
  };
  const parsed = words.length > 0 ? or() : undefined;
  const expr: Expr = !parsed
    ? { k: "print", end: "\n" }
    : acts
      ? parsed
      : { k: "and", a: parsed, b: { k: "print", end: "\n" } };

  let status = 0;
  const batches = new Map<Expr, string[]>();
  const run = (argv: string[]) => ctx.exec(argv, ctx.frame);
  const evaluate = (e: Expr, v: Visit): boolean => {
    switch (e.k) {
      case "and":
        return evaluate(e.a, v) && evaluate(e.b, v);
      case "or":
        return evaluate(e.a, v) || evaluate(e.b, v);
      case "not":
        return !evaluate(e.a, v);
      case "test":
        return e.test(v);
      case "print":
        ctx.out.write(`${v.shown}${e.end}`);
        return true;
      case "exec":
        if (e.batch) {
          batches.set(e, [...(batches.get(e) ?? []), v.shown]);
          return true;
        }
        return run(e.argv.map((a) => a.replaceAll("{}", v.shown))) === 0;
    }
  };
  const walk = (v: Visit, depth: number) => {
    if (depth >= minDepth && depth <= maxDepth) evaluate(expr, v);
    if (!v.entry.mode.startsWith("d") || depth >= maxDepth) return;
    for (const child of listing(ctx, v.path))
      walk(
        {
          shown: `${v.shown.replace(/\/$/, "")}/${child.name}`,
          path: child.path,
          name: child.name,
          entry: child.entry,
        },
        depth + 1,
      );
  };
  for (const shown of paths.length > 0 ? paths : ["."]) {
    const path = resolvePath(ctx.frame.cwd, shown);
    const entry = stat(ctx, path, shown);
    if (!entry) {
      ctx.out.error(
        bb ? `find: ${shown}: No such file or directory` : `find: ‘${shown}’: No such file or directory`,
      );
      status = 1;
      continue;
    }
    walk(
      {
        shown,
        path,
        name: path.slice(path.lastIndexOf("/") + 1) || "/",
        entry: { ...entry, mtime: mtimeOf(ctx.world, ctx.frame, path) },
      },
      0,
    );
  }
  for (const [e, names] of batches)
    if (e.k === "exec") {
      const at = e.argv.indexOf("{}");
      if (run([...e.argv.slice(0, at), ...names, ...e.argv.slice(at + 1)]) !== 0) status = 1;
    }
  return status;
};

export const commands: Command[] = [{ name: "find", where: ["host", "busybox", "debian"], run: find }];
