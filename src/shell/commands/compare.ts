/**
 * cmp and diff: GNU diffutils 3.8's on the host and in Debian images, busybox's in busybox (whose diff
 * prints unified diffs only, with no times in the header). Both exit 0 when the same, 1 when
 * different, 2 on trouble.
 */
import { ToolExit } from "../command";
import { dirExists, readFile, resolvePath } from "../files";
import type { Command, Ctx, Handler } from "../types";
import { busyboxBadOption, busyboxUsage } from "./busybox";
import { bytesOf } from "./bytes";
import { getopt, problemText } from "./getopt";
import { editScript, hunks, type Op, unifiedRange } from "./line-diff";
import { dirEntries } from "./ls";
import { strftime } from "./system-info";

const isBusybox = (ctx: Ctx) => ctx.place.flavor === "busybox";

function gnuBad(tool: string) {
  return (p: Parameters<typeof problemText>[1]) =>
    new ToolExit(2, `${problemText(tool, p)}\n${tool}: Try '${tool} --help' for more information.\n`);
}

const read = (ctx: Ctx, name: string) =>
  name === "-" ? ctx.stdin : readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, name));

const cmp: Handler = (ctx) => {
  const bb = isBusybox(ctx);
  const { flags, values, operands } = getopt(
    ctx.argv.slice(1),
    bb ? "lsn:" : "bilsn:",
    bb ? busyboxBadOption("cmp") : gnuBad("cmp"),
  );
  if (operands.length < 1 || operands.length > 4 || (bb && flags.has("l") && flags.has("s")))
    throw bb
      ? busyboxUsage("cmp")
      : new ToolExit(2, "cmp: missing operand after 'cmp'\ncmp: Try 'cmp --help' for more information.\n");
  const names = [operands[0] ?? "-", operands[1] ?? "-"];
  const texts = names.map((n) => read(ctx, n));
  const missing = names.find((_, k) => texts[k] === undefined);
  if (missing !== undefined) throw new ToolExit(2, `cmp: ${missing}: No such file or directory\n`);
  const skips = [operands[2], operands[3]].map((s) => Number(s ?? 0));
  const [a, b] = texts.map((t, k) => bytesOf(t ?? "").subarray(skips[k]));
  if (!a || !b) return 2;
  const limit = Math.min(
    values.has("n") ? Number(values.get("n")) : Number.POSITIVE_INFINITY,
    Math.max(a.length, b.length),
  );
  const common = Math.min(a.length, b.length, limit);
  const width = String(Math.max(a.length, b.length)).length;
  let lines = "";
  let line = 1;
  let differ = false;
  for (let i = 0; i < common; i++) {
    if (a[i] !== b[i]) {
      differ = true;
      if (flags.has("s")) return 1;
      if (!flags.has("l")) {
        ctx.out.line(`${names[0]} ${names[1]} differ: ${bb ? "char" : "byte"} ${i + 1}, line ${line}`);
        return 1;
      }
      const row = [String(i + 1), (a[i] ?? 0).toString(8), (b[i] ?? 0).toString(8)];
      lines += bb
        ? `${row.join(" ")}\n`
        : `${row[0]?.padStart(width)} ${row[1]?.padStart(3)} ${row[2]?.padStart(3)}\n`;
    }
    if (a[i] === 10) line++;
  }
  if (common < limit && a.length !== b.length) {
    const shorter = a.length < b.length ? names[0] : names[1];
    if (!flags.has("s")) {
      const size = Math.min(a.length, b.length);
      const eof = bb
        ? `cmp: EOF on ${shorter}\n`
        : size === 0
          ? `cmp: EOF on ${shorter} which is empty\n`
          : `cmp: EOF on ${shorter} after byte ${size}${flags.has("l") ? "" : `, line ${line - (a[size - 1] === 10 ? 1 : 0)}`}\n`;
      // GNU's stdout is buffered when it is no terminal: its lines come out after the message.
      if (!bb && !ctx.out.reachesTerminal()) {
        ctx.out.writeErr(eof);
        ctx.out.write(lines);
      } else {
        ctx.out.write(lines);
        ctx.out.writeErr(eof);
      }
      return 1;
    }
    return 1;
  }
  ctx.out.write(lines);
  return differ ? 1 : 0;
};

/** A file's lines for comparing; a last line without its newline is marked, so that it differs. */
const NO_EOL = "\u0000no-eol";
function fileLines(text: string): string[] {
  if (text === "") return [];
  const all = text.split("\n");
  if (all[all.length - 1] === "") all.pop();
  else all[all.length - 1] += NO_EOL;
  return all;
}

interface DiffOptions {
  bb: boolean;
  context: number;
  unified: boolean;
  brief: boolean;
  same: (x: string, y: string) => boolean;
  labels: string[];
  absentEmpty: boolean;
  recursive: boolean;
  reportSame: boolean;
  /** GNU's line before each pair of files compared inside directories. */
  command: string;
}

/** The unified diff of two files' lines, under their labels. */
function unified(
  a: string[],
  b: string[],
  ops: Op[],
  o: DiffOptions,
  labels: string[],
  time: string,
): string {
  let out = `--- ${labels[0]}${time}\n+++ ${labels[1]}${time}\n`;
  const shown = (prefix: string, line: string) =>
    line.endsWith(NO_EOL)
      ? `${prefix}${line.slice(0, -NO_EOL.length)}\n\\ No newline at end of file\n`
      : `${prefix}${line}\n`;
  for (const h of hunks(ops, o.context)) {
    out += `@@ -${unifiedRange(h.aStart, h.aCount)} +${unifiedRange(h.bStart, h.bCount)} @@\n`;
    for (const op of h.ops)
      out +=
        op.kind === "add" ? shown("+", b[op.b] ?? "") : shown(op.kind === "del" ? "-" : " ", a[op.a] ?? "");
  }
  return out;
}

/** GNU's default format: `1a2`, `2d1`, `1,2c1,3`, the old lines with `<`, the new with `>`. */
function normal(a: string[], b: string[], ops: Op[]): string {
  let out = "";
  const range = (from: number, count: number) =>
    count <= 1 ? String(from + 1) : `${from + 1},${from + count}`;
  const shown = (prefix: string, line: string) =>
    line.endsWith(NO_EOL)
      ? `${prefix}${line.slice(0, -NO_EOL.length)}\n\\ No newline at end of file\n`
      : `${prefix}${line}\n`;
  for (const h of hunks(ops, 0)) {
    const dels = h.ops.filter((op) => op.kind === "del");
    const adds = h.ops.filter((op) => op.kind === "add");
    const kind = dels.length === 0 ? "a" : adds.length === 0 ? "d" : "c";
    const left = kind === "a" ? String(h.aStart) : range(h.aStart, dels.length);
    const right = kind === "d" ? String(h.bStart) : range(h.bStart, adds.length);
    out += `${left}${kind}${right}\n`;
    for (const op of dels) out += shown("< ", a[op.a] ?? "");
    if (kind === "c") out += "---\n";
    for (const op of adds) out += shown("> ", b[op.b] ?? "");
  }
  return out;
}

/** Two files (undefined: absent, and -N makes it empty): 0 the same, 1 different. */
function diffFiles(
  ctx: Ctx,
  names: string[],
  texts: (string | undefined)[],
  o: DiffOptions,
  labels: string[],
): number {
  const [a, b] = texts.map((t) => fileLines(t ?? ""));
  if (!a || !b) return 2;
  const ops = editScript(a, b, o.same);
  if (ops.every((op) => op.kind === "same")) {
    if (o.reportSame && (!o.bb || names[0] !== names[1]))
      ctx.out.line(`Files ${names[0]} and ${names[1]} are identical`);
    return 0;
  }
  if (o.brief) {
    ctx.out.line(`Files ${names[0]} and ${names[1]} differ`);
    return 1;
  }
  const time = o.bb ? "" : `\t${strftime("%Y-%m-%d %H:%M:%S.000000000 +0000", ctx.world.clock)}`;
  if (o.command) ctx.out.line(`${o.command} ${names[0]} ${names[1]}`);
  ctx.out.write(o.unified ? unified(a, b, ops, o, labels, time) : normal(a, b, ops));
  return 1;
}

const isDir = (ctx: Ctx, path: string) =>
  readFile(ctx.world, ctx.frame, path) === undefined && dirExists(ctx.world, ctx.frame, path);

/** Two directories: each name in either, in order; subdirectories compared with -r, else named. */
function diffDirs(ctx: Ctx, dirs: string[], o: DiffOptions): number {
  const [left = "", right = ""] = dirs;
  const names = [
    ...new Set([
      ...(dirEntries(ctx, resolvePath(ctx.frame.cwd, left)) ?? []),
      ...(dirEntries(ctx, resolvePath(ctx.frame.cwd, right)) ?? []),
    ]),
  ].sort();
  let status = 0;
  for (const name of names) {
    const paths = [`${left}/${name}`, `${right}/${name}`];
    const full = paths.map((p) => resolvePath(ctx.frame.cwd, p));
    const dir = full.map((p) => isDir(ctx, p));
    const texts = full.map((p) => readFile(ctx.world, ctx.frame, p));
    const present = full.map((_, k) => dir[k] || texts[k] !== undefined);
    if (dir[0] && dir[1]) {
      if (o.recursive) status = Math.max(status, diffDirs(ctx, paths, o));
      else ctx.out.line(`Common subdirectories: ${paths[0]} and ${paths[1]}`);
    } else if (present[0] && present[1]) status = Math.max(status, diffFiles(ctx, paths, texts, o, paths));
    else if (o.absentEmpty && !dir[0] && !dir[1]) {
      const labels = paths.map((p, k) => (present[k] ? p : "/dev/null"));
      status = Math.max(status, diffFiles(ctx, paths, texts, o, labels));
    } else {
      ctx.out.line(`Only in ${present[0] ? left : right}: ${name}`);
      status = Math.max(status, 1);
    }
  }
  return status;
}

const diff: Handler = (ctx) => {
  const bb = isBusybox(ctx);
  const args = ctx.argv.slice(1);
  const { flags, values, operands } = getopt(
    args,
    bb ? "abdiL:NqrsS:tTU:wupBE" : "abdiL:NqrsS:tTU:wupBEcC:",
    bb ? busyboxBadOption("diff") : gnuBad("diff"),
  );
  const labels: string[] = [];
  for (let i = 0; i < args.length; i++) if (args[i] === "-L") labels.push(args[++i] ?? "");
  if (operands.length !== 2) {
    if (bb) throw busyboxUsage("diff");
    throw new ToolExit(
      2,
      `diff: ${operands.length < 2 ? "missing" : "extra"} operand after '${operands[operands.length - 1] ?? "diff"}'\ndiff: Try 'diff --help' for more information.\n`,
    );
  }
  const fold = (s: string) => {
    let t = flags.has("i") ? s.toLowerCase() : s;
    if (flags.has("w")) t = t.replace(/\s+/g, "");
    else if (flags.has("b")) t = t.replace(/\s+/g, " ").replace(/ $/, "");
    return t;
  };
  const o: DiffOptions = {
    bb,
    context: Number(values.get("U") ?? 3),
    unified: bb || flags.has("u") || flags.has("U"),
    brief: flags.has("q"),
    same: (x, y) => fold(x) === fold(y),
    labels,
    absentEmpty: flags.has("N"),
    recursive: flags.has("r"),
    reportSame: flags.has("s"),
    command: "",
  };
  const names = [...operands];
  const dir = names.map((n) => n !== "-" && isDir(ctx, resolvePath(ctx.frame.cwd, n)));
  if (dir[0] && dir[1]) {
    if (!bb) o.command = `diff ${args.filter((a) => a.startsWith("-")).join(" ")}`.trimEnd();
    return diffDirs(ctx, names, o);
  }
  // A file and a directory: the file of the same name inside it.
  if (dir[0] !== dir[1]) {
    const k = dir[0] ? 0 : 1;
    const other = names[1 - k] ?? "";
    names[k] = `${names[k]}/${other.slice(other.lastIndexOf("/") + 1)}`;
  }
  const texts = names.map((n) => read(ctx, n));
  for (const [k, name] of names.entries())
    if (texts[k] === undefined && !o.absentEmpty)
      throw new ToolExit(
        dir[0] !== dir[1] && bb ? 1 : 2,
        bb
          ? `diff: can't stat '${name}': No such file or directory\n`
          : `diff: ${name}: No such file or directory\n`,
      );
  return diffFiles(ctx, names, texts, o, [labels[0] ?? names[0] ?? "", labels[1] ?? names[1] ?? ""]);
};

export const commands: Command[] = [
  { name: "cmp", where: ["host", "busybox", "debian"], run: cmp },
  { name: "diff", where: ["host", "busybox", "debian"], run: diff },
];
