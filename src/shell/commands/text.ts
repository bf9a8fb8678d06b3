/**
 * Text filters: grep, head, tail, wc, sort, reading their file operands (or stdin without any), in
 * GNU's forms on the host and in Debian images, busybox's in busybox (they differ in wc's columns
 * and the missing-file wording).
 */
import { readFile, resolvePath } from "../files";
import type { Command, Ctx, Handler } from "../types";

/** The lines of a text, without the empty one after its last newline. */
export function lines(text: string): string[] {
  const all = text.split("\n");
  if (all[all.length - 1] === "") all.pop();
  return all;
}

/** The text of each file operand, or stdin when there is none; a missing file is reported and skipped. */
function inputs(ctx: Ctx, files: string[]): { texts: { name?: string; text: string }[]; failed: boolean } {
  if (files.length === 0) return { texts: [{ text: ctx.stdin }], failed: false };
  const tool = ctx.argv[0] ?? "";
  const texts: { name?: string; text: string }[] = [];
  let failed = false;
  for (const name of files) {
    const text = name === "-" ? ctx.stdin : readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, name));
    if (text !== undefined) {
      texts.push({ name, text });
      continue;
    }
    failed = true;
    if (ctx.place.flavor === "busybox")
      ctx.out.error(`${tool}: can't open '${name}': No such file or directory`);
    else if (tool === "head" || tool === "tail")
      ctx.out.error(`${tool}: cannot open '${name}' for reading: No such file or directory`);
    else ctx.out.error(`${tool}: ${name}: No such file or directory`);
  }
  return { texts, failed };
}

/** Every file operand's text run together (stdin without any); a missing file reported and skipped. */
export function inputText(ctx: Ctx, files: string[]): { text: string; failed: boolean } {
  const { texts, failed } = inputs(ctx, files);
  return { text: texts.map((t) => t.text).join(""), failed };
}

const grep: Handler = (ctx) => {
  let ignoreCase = false;
  let invert = false;
  let count = false;
  let lineNumbers = false;
  let word = false;
  const patterns: string[] = [];
  const operands: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "-e") patterns.push(args[++i] ?? "");
    else if (/^-[ivcnwE]+$/.test(a)) {
      ignoreCase ||= a.includes("i");
      invert ||= a.includes("v");
      count ||= a.includes("c");
      lineNumbers ||= a.includes("n");
      word ||= a.includes("w");
    } else operands.push(a);
  }
  // Without -e the first operand is the pattern, the others are files.
  if (patterns.length === 0 && operands.length > 0) patterns.push(operands.shift() ?? "");
  const pattern = patterns[0];
  if (pattern === undefined) {
    ctx.out.error("Usage: grep [OPTION]... PATTERNS [FILE]...");
    ctx.out.error("Try 'grep --help' for more information.");
    return 2;
  }
  let re: RegExp;
  try {
    const source = pattern.replace(/\\\|/g, "|");
    re = new RegExp(word ? `\\b(?:${source})\\b` : source, ignoreCase ? "i" : "");
  } catch {
    re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), ignoreCase ? "i" : "");
  }
  const { text, failed } = inputText(ctx, operands);
  const matched = lines(text)
    .map((l, i) => ({ l, n: i + 1 }))
    .filter(({ l }) => re.test(l) !== invert);
  if (count) ctx.out.line(String(matched.length));
  else for (const { l, n } of matched) ctx.out.line(lineNumbers ? `${n}:${l}` : l);
  if (failed) return 2;
  return matched.length > 0 ? 0 : 1;
};

/** head/tail's `-n N`, `-nN` and `-N` (tail's `-n +N`: from line N on), and the file operands. */
function countAndFiles(ctx: Ctx, fallback: number): { n: number; fromStart: boolean; files: string[] } {
  const args = ctx.argv.slice(1);
  let count = String(fallback);
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    const m = /^-n?(\+?\d+)$/.exec(a);
    if (a === "-n") count = args[++i] ?? count;
    else if (m) count = m[1] ?? count;
    else files.push(a);
  }
  return { n: Number(count), fromStart: count.startsWith("+"), files };
}

const head: Handler = (ctx) => {
  const { n, files } = countAndFiles(ctx, 10);
  const { text, failed } = inputText(ctx, files);
  for (const l of lines(text).slice(0, n)) ctx.out.line(l);
  return failed ? 1 : 0;
};

const tail: Handler = (ctx) => {
  const { n, fromStart, files } = countAndFiles(ctx, 10);
  const { text, failed } = inputText(ctx, files);
  const all = lines(text);
  for (const l of all.slice(fromStart ? Math.max(0, n - 1) : Math.max(0, all.length - n))) ctx.out.line(l);
  return failed ? 1 : 0;
};

/**
 * wc: one count alone is printed bare; several are columns, busybox's nine wide, GNU's as wide as
 * the total byte count of regular files needs (seven for stdin). A file's name follows its counts.
 */
const wc: Handler = (ctx) => {
  const flags = ctx.argv
    .slice(1)
    .filter((a) => /^-[lwc]+$/.test(a))
    .join("");
  const files = ctx.argv.slice(1).filter((a) => !/^-[lwc]+$/.test(a));
  const { texts, failed } = inputs(ctx, files);
  const wanted = ["l", "w", "c"].filter((f) => flags.includes(f));
  const shown = wanted.length > 0 ? wanted : ["l", "w", "c"];
  const count = (text: string, f: string) =>
    f === "l"
      ? (text.match(/\n/g) ?? []).length
      : f === "w"
        ? text.split(/\s+/).filter(Boolean).length
        : text.length;
  const busybox = ctx.place.flavor === "busybox";
  const total = texts.reduce((sum, t) => sum + t.text.length, 0);
  const width = busybox ? 9 : files.length > 0 ? Math.max(1, String(total).length) : 7;
  for (const { name, text } of texts) {
    const counts = shown.map((f) => String(count(text, f)));
    const columns = shown.length === 1 ? counts : counts.map((c) => c.padStart(width));
    ctx.out.line([...columns, ...(name === undefined ? [] : [name])].join(" "));
  }
  return failed ? 1 : 0;
};

const sort: Handler = (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => !/^-[a-z]+$/.test(a));
  const { text, failed } = inputText(ctx, files);
  const sorted = lines(text).sort();
  if (ctx.argv.slice(1).some((a) => /^-[a-z]*r/.test(a))) sorted.reverse();
  for (const l of sorted) ctx.out.line(l);
  return failed ? 2 : 0;
};

export const commands: Command[] = Object.entries({ grep, head, tail, wc, sort }).map(([name, run]) => ({
  name,
  // egrep and fgrep: grep -E and -F (the lab's grep reads either kind of pattern).
  ...(name === "grep" ? { aliases: ["egrep", "fgrep"] } : {}),
  where: ["host", "busybox", "debian"],
  run,
}));
