/**
 * paste, expand and unexpand: busybox 1.35's in busybox (its paste ends a line only after the last
 * file's field, so a shorter last file leaves the line open), GNU coreutils' on the host and in
 * Debian images.
 */
import { ToolExit } from "../command";
import type { Command, Ctx, Handler } from "../types";
import { busyboxBadOption, xatouRange } from "./busybox";
import { readOperand } from "./bytes";
import { getopt, type Problem, problemText } from "./getopt";
import { lines } from "./text";

const isBusybox = (ctx: Ctx) => ctx.place.flavor === "busybox";

function bad(ctx: Ctx, tool: string): (p: Problem) => ToolExit {
  return isBusybox(ctx)
    ? busyboxBadOption(tool)
    : (p) => new ToolExit(1, `${problemText(tool, p)}\nTry '${tool} --help' for more information.\n`);
}

/** Each operand as a reader of lines; every `-` reads on from the one stdin. Undefined if one is missing. */
function readers(ctx: Ctx, names: string[]): (() => string | undefined)[] | undefined {
  const stdin = lines(ctx.stdin);
  let stdinAt = 0;
  const out: (() => string | undefined)[] = [];
  for (const name of names.length > 0 ? names : ["-"]) {
    if (name === "-") {
      out.push(() => stdin[stdinAt++]);
      continue;
    }
    const text = readOperand(ctx, name);
    if (text === undefined) return undefined;
    const own = lines(text);
    let at = 0;
    out.push(() => own[at++]);
  }
  return out;
}

/** `-d` list's escapes (\t, \n, \\, \0 for none). */
const delimiters = (list: string) =>
  [
    ...list.replace(/\\([tn\\0])/g, (_, c: string) => ({ t: "\t", n: "\n", "\\": "\\", 0: "\0" })[c] ?? c),
  ].map((d) => (d === "\0" ? "" : d));

const paste: Handler = (ctx) => {
  const { flags, values, operands } = getopt(ctx.argv.slice(1), "d:s", bad(ctx, "paste"));
  const bb = isBusybox(ctx);
  if (flags.has("d") && values.get("d") === "" && bb)
    throw new ToolExit(1, "paste: -d '' is not supported\n");
  const delims = flags.has("d") ? delimiters(values.get("d") ?? "") : ["\t"];
  const delim = (k: number) => (delims.length === 0 ? "" : (delims[k % delims.length] ?? ""));
  const files = readers(ctx, operands);
  if (!files) return 1;
  let out = "";
  if (flags.has("s")) {
    for (const next of files) {
      const all: string[] = [];
      for (let l = next(); l !== undefined; l = next()) all.push(l);
      if (all.length === 0 && bb) continue;
      out += `${all.map((l, k) => (k === 0 ? l : delim(k - 1) + l)).join("")}\n`;
    }
  } else if (bb) {
    const open = files.map(() => true);
    while (open.some(Boolean)) {
      let k = 0;
      files.forEach((next, i) => {
        if (!open[i]) return;
        const line = next();
        if (line === undefined) {
          open[i] = false;
          return;
        }
        out += line + (i === files.length - 1 ? "\n" : delim(k++));
      });
    }
  } else
    for (;;) {
      const row = files.map((next) => next());
      if (row.every((l) => l === undefined)) break;
      out += `${row.map((l, k) => (k === 0 ? "" : delim(k - 1)) + (l ?? "")).join("")}\n`;
    }
  ctx.out.write(out);
  return 0;
};

/** -t N: busybox's xatou_range, GNU's own words. */
function tabSize(ctx: Ctx, values: Map<string, string>): number {
  const t = values.get("t");
  if (t === undefined) return 8;
  const tool = ctx.argv[0] ?? "";
  if (isBusybox(ctx)) {
    const n = xatouRange(tool, t, 1, 4294967295);
    if (typeof n === "string") throw new ToolExit(1, `${n}\n`);
    return n;
  }
  if (!/^\d+$/.test(t)) throw new ToolExit(1, `${tool}: tab size contains invalid character(s): ‘${t}’\n`);
  if (Number(t) === 0) throw new ToolExit(1, `${tool}: tab size cannot be 0\n`);
  return Number(t);
}

/** Every operand's text (stdin without any); a missing one reported, the others still read. */
function texts(ctx: Ctx, names: string[]): { text: string; failed: boolean } {
  let text = "";
  let failed = false;
  for (const name of names.length > 0 ? names : ["-"]) {
    const t = readOperand(ctx, name);
    if (t === undefined) failed = true;
    else text += t;
  }
  return { text, failed };
}

const expand: Handler = (ctx) => {
  const { flags, values, operands } = getopt(ctx.argv.slice(1), "it:", bad(ctx, "expand"));
  const size = tabSize(ctx, values);
  const { text, failed } = texts(ctx, operands);
  let out = "";
  for (const line of text.split(/(?<=\n)/)) {
    let column = 0;
    let leading = true;
    for (const c of line) {
      if (c === "\t" && (leading || !flags.has("i"))) {
        const n = size - (column % size);
        out += " ".repeat(n);
        column += n;
        continue;
      }
      if (c !== " " && c !== "\t") leading = false;
      out += c;
      column = c === "\t" ? column + size - (column % size) : column + 1;
    }
  }
  ctx.out.write(out);
  return failed ? 1 : 0;
};

/** busybox's unexpand loop (GNU's agrees on these cases): blanks up to a tab stop become tabs. */
function unexpandLine(line: string, size: number, all: boolean): string {
  let out = "";
  let at = 0;
  let column = 0;
  while (at < line.length) {
    let len = 0;
    while (line[at] === " ") {
      at++;
      len++;
    }
    column += len;
    if (line[at] === "\t") {
      column += size - (column % size);
      at++;
      continue;
    }
    const tabs = Math.floor(column / size);
    if (tabs > 0) {
      column %= size;
      len = column;
      out += "\t".repeat(tabs);
    }
    if (!all && at > 0) return out + " ".repeat(len) + line.slice(at);
    const word = /^[^\t ]*/.exec(line.slice(at))?.[0] ?? "";
    out += " ".repeat(len) + word;
    at += word.length;
    column = (column + word.length) % size;
  }
  return out;
}

const unexpand: Handler = (ctx) => {
  const { flags, values, operands } = getopt(ctx.argv.slice(1), "aft:", bad(ctx, "unexpand"));
  const size = tabSize(ctx, values);
  const all = flags.has("a") || (!isBusybox(ctx) && flags.has("t"));
  const { text, failed } = texts(ctx, operands);
  ctx.out.write(
    text
      .split(/(?<=\n)/)
      .map((l) => unexpandLine(l, size, all && !flags.has("f")))
      .join(""),
  );
  return failed ? 1 : 0;
};

export const commands: Command[] = [
  { name: "paste", where: ["host", "busybox", "debian"], run: paste },
  { name: "expand", where: ["host", "busybox", "debian"], run: expand },
  { name: "unexpand", where: ["host", "busybox", "debian"], run: unexpand },
];
