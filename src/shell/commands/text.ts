/** Text filters for pipes: grep, head, tail, wc, sort, in GNU's forms (busybox's agree for these flags). */
import type { Ctx, Handler } from "../types";

function lines(text: string): string[] {
  const all = text.split("\n");
  if (all[all.length - 1] === "") all.pop();
  return all;
}

function inputOf(ctx: Ctx): string {
  return ctx.stdin;
}

const grep: Handler = (ctx) => {
  let ignoreCase = false;
  let invert = false;
  let count = false;
  let lineNumbers = false;
  let word = false;
  const patterns: string[] = [];
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
    } else patterns.push(a);
  }
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
  const matched = lines(inputOf(ctx))
    .map((l, i) => ({ l, n: i + 1 }))
    .filter(({ l }) => re.test(l) !== invert);
  if (count) ctx.out.line(String(matched.length));
  else for (const { l, n } of matched) ctx.out.line(lineNumbers ? `${n}:${l}` : l);
  return matched.length > 0 ? 0 : 1;
};

function countArg(ctx: Ctx, fallback: number): number {
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "-n") return Number(args[i + 1] ?? fallback);
    const m = /^-n?(\d+)$/.exec(a);
    if (m) return Number(m[1]);
  }
  return fallback;
}

const head: Handler = (ctx) => {
  for (const l of lines(inputOf(ctx)).slice(0, countArg(ctx, 10))) ctx.out.line(l);
  return 0;
};

const tail: Handler = (ctx) => {
  const n = countArg(ctx, 10);
  const all = lines(inputOf(ctx));
  for (const l of all.slice(Math.max(0, all.length - n))) ctx.out.line(l);
  return 0;
};

const wc: Handler = (ctx) => {
  const text = inputOf(ctx);
  const l = (text.match(/\n/g) ?? []).length;
  const w = text.split(/\s+/).filter(Boolean).length;
  const flags = ctx.argv.slice(1).join("");
  if (flags.includes("l")) ctx.out.line(String(l));
  else if (flags.includes("w")) ctx.out.line(String(w));
  else if (flags.includes("c")) ctx.out.line(String(text.length));
  else ctx.out.line(`${String(l).padStart(7)} ${String(w).padStart(7)} ${String(text.length).padStart(7)}`);
  return 0;
};

const sort: Handler = (ctx) => {
  const sorted = lines(inputOf(ctx)).sort();
  if (ctx.argv.includes("-r")) sorted.reverse();
  for (const l of sorted) ctx.out.line(l);
  return 0;
};

export const textCommands: Record<string, Handler> = { grep, head, tail, wc, sort };
