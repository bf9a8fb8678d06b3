/**
 * Line filters a tutorial pipes output through: cut, tr, uniq, rev, nl, fold. They read their file
 * operands (or stdin); GNU coreutils 9.1's words on the host and in Debian images, busybox 1.35's
 * in busybox.
 */
import { EVERY_USERLAND, ToolExit } from "../command";
import type { Command, Ctx, Handler } from "../types";
import { badOption, busyboxUsage } from "./busybox";
import { Getopt } from "./getopt";
import { inputText, lines } from "./text";

const busybox = (ctx: Ctx) => ctx.place.flavor === "busybox";

/** A tool's complaint in GNU's two lines (the message, then where help is), or busybox's one. */
function refuse(ctx: Ctx, tool: string, message: string): ToolExit {
  return new ToolExit(
    1,
    busybox(ctx)
      ? `${tool}: ${message}\n`
      : `${tool}: ${message}\nTry '${tool} --help' for more information.\n`,
  );
}

/** Lines with their newline kept apart: the last one may lack it, and tools keep that. */
function eachLine(text: string, f: (line: string) => string | undefined): string {
  let out = "";
  for (const line of lines(text)) {
    const r = f(line);
    if (r !== undefined) out += `${r}\n`;
  }
  return out;
}

/** A cut list (`1,3-5,7-`) as ranges, or the problem with it. */
function ranges(list: string): { from: number; to: number }[] | "zero" | "invalid" {
  let zero = false;
  const out: { from: number; to: number }[] = [];
  for (const part of list.split(",")) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || part === "" || part === "-") return "invalid";
    const from = m[1] ? Number(m[1]) : 1;
    const to = m[2] ? (m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY) : from;
    if (to < from) return "invalid";
    zero ||= from === 0;
    out.push({ from, to });
  }
  return zero ? "zero" : out;
}

const inRanges = (rs: { from: number; to: number }[], n: number) => rs.some((r) => n >= r.from && n <= r.to);

const cut: Handler = (ctx) => {
  const parsed = new Getopt(ctx.argv.slice(1), "b:c:f:d:sn", badOption(ctx, "cut"));
  let mode: "b" | "c" | "f" | undefined;
  let list = "";
  let delim: string | undefined;
  let onlyDelimited = false;
  for (const { key, value = "" } of parsed) {
    if (key === "b" || key === "c" || key === "f") {
      if (mode && mode !== key)
        throw refuse(
          ctx,
          "cut",
          busybox(ctx) ? "only one type of list may be specified" : "only one list may be specified",
        );
      mode = key;
      list = value;
    } else if (key === "d") delim = value;
    else if (key === "s") onlyDelimited = true;
  }
  if (!mode)
    throw refuse(
      ctx,
      "cut",
      busybox(ctx)
        ? "expected a list of bytes, characters, or fields"
        : "you must specify a list of bytes, characters, or fields",
    );
  if (delim !== undefined && mode !== "f")
    throw refuse(ctx, "cut", "an input delimiter may be specified only when operating on fields");
  if (delim !== undefined && [...delim].length !== 1)
    throw refuse(
      ctx,
      "cut",
      busybox(ctx) ? "delimiter must be one character" : "the delimiter must be a single character",
    );
  const rs = ranges(list);
  // busybox takes field 0 as no field at all.
  if (rs === "zero" && !busybox(ctx))
    throw refuse(
      ctx,
      "cut",
      mode === "f" ? "fields are numbered from 1" : "byte/character positions are numbered from 1",
    );
  if (rs === "invalid")
    throw refuse(ctx, "cut", busybox(ctx) ? `invalid range '${list}'` : "invalid field range");
  const chosen = rs === "zero" ? [] : rs;
  const d = delim ?? "\t";
  const { text, failed } = inputText(ctx, parsed.operands);
  ctx.out.write(
    eachLine(text, (line) => {
      if (mode !== "f") return [...line].filter((_, k) => inRanges(chosen, k + 1)).join("");
      if (!line.includes(d)) return onlyDelimited ? undefined : line;
      return line
        .split(d)
        .filter((_, k) => inRanges(chosen, k + 1))
        .join(d);
    }),
  );
  return failed ? 1 : 0;
};

/** A tr set: ranges (`a-z`), escapes, and the classes a tutorial uses. */
function trSet(spec: string): string[] {
  const out: string[] = [];
  const classes: Record<string, string> = {
    "[:lower:]": "abcdefghijklmnopqrstuvwxyz",
    "[:upper:]": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "[:digit:]": "0123456789",
    "[:space:]": " \t\n\r\f\v",
    "[:blank:]": " \t",
  };
  let i = 0;
  const char = (): string => {
    const c = spec[i++] ?? "";
    if (c !== "\\") return c;
    const n = spec[i++] ?? "\\";
    return { n: "\n", t: "\t", r: "\r", "\\": "\\" }[n] ?? n;
  };
  while (i < spec.length) {
    const cls = Object.keys(classes).find((k) => spec.startsWith(k, i));
    if (cls) {
      out.push(...(classes[cls] ?? ""));
      i += cls.length;
      continue;
    }
    const c = char();
    if (spec[i] === "-" && i + 1 < spec.length) {
      i++;
      const to = char();
      for (let k = c.charCodeAt(0); k <= to.charCodeAt(0); k++) out.push(String.fromCharCode(k));
    } else out.push(c);
  }
  return out;
}

const tr: Handler = (ctx) => {
  const parsed = new Getopt(ctx.argv.slice(1), "cdsC", badOption(ctx, "tr"));
  const flags = new Set([...parsed].map((o) => o.key));
  const [one, two] = parsed.operands;
  const need = flags.has("d") ? 1 : flags.has("s") ? 1 : 2;
  if (one === undefined || (two === undefined && need === 2)) {
    if (busybox(ctx)) throw busyboxUsage("tr");
    throw new ToolExit(
      1,
      one === undefined
        ? "tr: missing operand\nTry 'tr --help' for more information.\n"
        : `tr: missing operand after '${one}'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`,
    );
  }
  const from = trSet(one);
  const to = two === undefined ? [] : trSet(two);
  const squeeze = new Set(
    flags.has("s") ? (two !== undefined && !flags.has("d") ? to : flags.has("d") ? to : from) : [],
  );
  let out = "";
  for (const ch of ctx.stdin) {
    let c: string | undefined = ch;
    if (flags.has("d")) {
      if (from.includes(ch) !== flags.has("c")) c = undefined;
    } else if (two !== undefined) {
      const k = from.indexOf(ch);
      if (k >= 0) c = to[Math.min(k, to.length - 1)] ?? ch;
    }
    if (c === undefined) continue;
    if (squeeze.has(c) && out.endsWith(c)) continue;
    out += c;
  }
  ctx.out.write(out);
  return 0;
};

const uniq: Handler = (ctx) => {
  const parsed = new Getopt(ctx.argv.slice(1), "cdui", badOption(ctx, "uniq"));
  const flags = new Set([...parsed].map((o) => o.key));
  const { text, failed } = inputText(ctx, parsed.operands.slice(0, 1));
  if (failed) return 1;
  const same = (a: string, b: string) => (flags.has("i") ? a.toLowerCase() === b.toLowerCase() : a === b);
  const groups: { line: string; n: number }[] = [];
  for (const line of lines(text)) {
    const last = groups[groups.length - 1];
    if (last && same(last.line, line)) last.n++;
    else groups.push({ line, n: 1 });
  }
  let out = "";
  for (const g of groups) {
    if (flags.has("d") && g.n < 2) continue;
    if (flags.has("u") && g.n > 1) continue;
    out += flags.has("c") ? `${String(g.n).padStart(7)} ${g.line}\n` : `${g.line}\n`;
  }
  ctx.out.write(out);
  return 0;
};

const rev: Handler = (ctx) => {
  const { text, failed } = inputText(ctx, ctx.argv.slice(1));
  ctx.out.write(eachLine(text, (line) => [...line].reverse().join("")));
  return failed ? 1 : 0;
};

/** `nl`: non-empty lines numbered, six wide and a tab (empty ones get the blank margin). */
const nl: Handler = (ctx) => {
  const { text, failed } = inputText(
    ctx,
    ctx.argv.slice(1).filter((a) => !a.startsWith("-")),
  );
  let n = 0;
  ctx.out.write(eachLine(text, (line) => (line === "" ? "       " : `${String(++n).padStart(6)}\t${line}`)));
  return failed ? 1 : 0;
};

const fold: Handler = (ctx) => {
  const parsed = new Getopt(ctx.argv.slice(1), "bsw:", badOption(ctx, "fold"));
  let width = 80;
  for (const { key, value = "" } of parsed) if (key === "w") width = Math.max(1, Number(value) || 80);
  const { text, failed } = inputText(ctx, parsed.operands);
  ctx.out.write(
    eachLine(text, (line) => {
      const parts: string[] = [];
      for (let k = 0; k < line.length || k === 0; k += width) parts.push(line.slice(k, k + width));
      return parts.join("\n");
    }),
  );
  return failed ? 1 : 0;
};

/** `tac`: the lines last first. */
const tac: Handler = (ctx) => {
  const { text, failed } = inputText(ctx, ctx.argv.slice(1));
  ctx.out.write(
    lines(text)
      .reverse()
      .map((l) => `${l}\n`)
      .join(""),
  );
  return failed ? 1 : 0;
};

/** The bytes of a text as UTF-8 encodes it. */
const utf8 = (text: string) => new TextEncoder().encode(text);

/** `base64 [-d]`: encoded in lines of 76, or decoded. */
const base64: Handler = (ctx) => {
  const parsed = new Getopt(ctx.argv.slice(1), "dw:", badOption(ctx, "base64"));
  const decode = [...parsed].some((o) => o.key === "d");
  const { text, failed } = inputText(ctx, parsed.operands);
  if (failed) return 1;
  if (decode) {
    const clean = text.replace(/\s/g, "");
    let binary: string;
    try {
      binary = atob(clean);
    } catch {
      throw new ToolExit(1, "base64: invalid input\n");
    }
    ctx.out.write(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return 0;
  }
  const encoded = btoa(String.fromCharCode(...utf8(text)));
  ctx.out.write(encoded === "" ? "" : `${encoded.match(/.{1,76}/g)?.join("\n")}\n`);
  return 0;
};

export const commands: Command[] = [
  ...Object.entries({ cut, tr, uniq, nl, fold, tac, base64 }).map(([name, run]) => ({
    name,
    where: EVERY_USERLAND,
    run,
  })),
  // util-linux's rev is not in a Debian image's base.
  { name: "rev", where: ["host", "busybox"], run: rev },
];
