/**
 * awk's built-in functions, as busybox 1.35 and mawk 1.3.4 compute them where they differ:
 * substr's negative start, index of "", printf's missing arguments and unknown conversions.
 */
import { convert } from "../c-printf";
import type { Expr } from "./ast";
import { AwkError } from "./lex";
import type { Machine } from "./machine";
import { byteLength, type Dialect, type Value } from "./value";

const INT_MAX = 2 ** 31 - 1;

/**
 * The C integer an integer conversion prints. mawk clamps: %d and %i to ±INT_MAX, the unsigned ones
 * to 0 … UINT_MAX. busybox casts to int (out of range it is INT_MIN, as x86 gives) and prints the
 * unsigned ones as 32-bit.
 */
function cInteger(n: number, conv: string, dialect: Dialect): number {
  const signed = "di".includes(conv);
  if (dialect === "mawk")
    return signed ? Math.max(-INT_MAX, Math.min(INT_MAX, n)) : Math.max(0, Math.min(2 ** 32 - 1, n));
  const int = Math.trunc(n);
  const cast = Number.isNaN(int) || int > INT_MAX || int < -INT_MAX - 1 ? -INT_MAX - 1 : int;
  return signed ? cast : cast >>> 0;
}
const MATH = ["sqrt", "exp", "log", "sin", "cos", "atan2"];

export function callBuiltin(m: Machine, name: string, args: Expr[]): Value {
  if (m.dialect === "busybox" && MATH.includes(name))
    throw new AwkError("runtime", "Math support is not compiled in");
  const value = (k: number) => (args[k] ? m.evaluate(args[k]) : (m.fields[0] ?? ""));
  const str = (k: number) => m.str(value(k));
  const num = (k: number) => m.num(args[k] ? m.evaluate(args[k]) : 0);
  switch (name) {
    case "length": {
      const arg = args[0];
      if (arg?.k === "var" && m.cell(arg.name).a) return m.array(arg.name).size;
      return byteLength(str(0));
    }
    case "substr":
      return substr(m, str(0), num(1), args.length > 2 ? num(2) : undefined);
    case "index": {
      const needle = str(1);
      if (needle === "" && m.dialect === "busybox") return 0;
      return str(0).indexOf(needle) + 1;
    }
    case "split":
      return split(m, args);
    case "sub":
    case "gsub":
      return substitute(m, name === "gsub", args);
    case "match": {
      const text = str(0);
      const found = (args[1] ? m.regexOf(args[1]) : /$^/).exec(text);
      const start = found ? found.index + 1 : 0;
      m.globals.set("RSTART", { v: start });
      m.globals.set("RLENGTH", { v: found ? found[0].length : -1 });
      return start;
    }
    // In the C locale only ASCII letters change case.
    case "tolower":
      return str(0).replace(/[A-Z]+/g, (t) => t.toLowerCase());
    case "toupper":
      return str(0).replace(/[a-z]+/g, (t) => t.toUpperCase());
    case "sprintf":
      return sprintf(m, args);
    case "int":
      return Math.trunc(num(0));
    case "sqrt":
    case "exp":
    case "log":
    case "sin":
    case "cos":
      return Math[name](num(0));
    case "atan2":
      return Math.atan2(num(0), num(1));
    case "system":
      return m.io.system(str(0));
    case "close":
      return m.io.close(str(0));
    case "fflush":
      m.io.flush();
      return 0;
    case "rand":
      return m.random.draw();
    case "srand": {
      // The previous seed; the new one is the argument, or the clock's seconds.
      const previous = m.random.seed;
      m.random.reseed(args[0] ? Math.trunc(num(0)) >>> 0 : m.io.host.time());
      return previous;
    }
  }
  throw new AwkError("runtime", "Call to undefined function");
}

/** substr: busybox clamps the start to the string; mawk shortens the length by what lies before 1. */
function substr(m: Machine, s: string, startAt: number, length: number | undefined): string {
  const len = s.length;
  if (m.dialect === "busybox") {
    const i = Math.min(Math.max(Math.trunc(startAt) - 1, 0), len);
    const n = Math.max(length === undefined ? len - i : Math.trunc(length), 0);
    return s.slice(i, i + n);
  }
  if (len === 0) return "";
  let n = length === undefined ? len : Math.trunc(length);
  let i = Math.trunc(startAt) - 1;
  if (i > len) n = 0;
  if (i < 0) {
    n -= i + 1;
    i = 0;
  }
  n = Math.min(n, len - i);
  return n <= 0 ? "" : s.slice(i, i + n);
}

function split(m: Machine, args: Expr[]): number {
  const [source, target, separator] = args;
  if (!source || target?.k !== "var") throw new AwkError("syntax", ",");
  const text = m.str(m.evaluate(source));
  const fs =
    separator === undefined
      ? m.var("FS")
      : separator.k === "re"
        ? separator.re
        : m.str(m.evaluate(separator));
  const parts = m.split(text, fs);
  m.array(target.name).load(parts.map((p) => ({ strnum: p })));
  return parts.length;
}

/** sub and gsub: the first (or every) match in the target ($0 by default) replaced; `&` is the match, `\&` a `&`. */
function substitute(m: Machine, global: boolean, args: Expr[]): number {
  const [find, replacement, target = { k: "field", e: { k: "num", v: 0 } } as Expr] = args;
  if (!find || !replacement) throw new AwkError("syntax", ")");
  const re = m.regexOf(find);
  const by = m.str(m.evaluate(replacement));
  const text = m.str(m.get(target));
  let count = 0;
  const all = new RegExp(re.source, `${re.flags.replace("g", "")}g`);
  const result = text.replace(all, (match) => {
    if (!global && count > 0) return match;
    count++;
    return by.replace(/\\\\|\\&|&/g, (x) => (x === "&" ? match : x === "\\&" ? "&" : "\\"));
  });
  if (count > 0) m.set(target, result);
  return count;
}

const SPEC = /%([-+ 0#]*)(\*|\d*)(?:\.(\*|\d*))?(.?)/gs;

/** printf's format with its arguments; each awk refuses what it does not know in its own words. */
function sprintf(m: Machine, args: Expr[]): string {
  const [formatExpr, ...rest] = args;
  const format = m.str(formatExpr ? m.evaluate(formatExpr) : "");
  const values = rest.map((a) => m.evaluate(a));
  let next = 0;
  const take = (): Value | undefined => values[next++];
  const conversion = (flags: string, width: string, precision: string | undefined, conv: string): string => {
    if (conv === "%" && flags === "" && width === "" && precision === undefined) return "%";
    if (m.dialect === "busybox" && (width === "*" || precision === "*"))
      throw new AwkError("runtime", "%*x formats are not supported");
    const w = width === "*" ? m.num(take() ?? 0) : Number(width || 0);
    const p =
      precision === undefined ? undefined : precision === "*" ? m.num(take() ?? 0) : Number(precision || 0);
    if (!/[diouxXcseEfFgG]/.test(conv)) {
      if (m.dialect === "busybox") throw new AwkError("runtime", "Invalid format specifier");
      const v = take();
      const what = v === undefined ? "" : typeof v === "number" ? `number ${m.str(v)}` : `string ${m.str(v)}`;
      throw new AwkError("runtime", `improper conversion(${what}) in printf("${format}")`);
    }
    const v = take();
    if (v === undefined) {
      if (m.dialect === "mawk")
        throw new AwkError("runtime", `not enough arguments passed to printf("${format}")`);
      return convert(conv, flags, w, p, conv === "s" || conv === "c" ? "" : 0);
    }
    if (conv === "c") {
      const text = typeof v === "number" ? String.fromCharCode(Math.trunc(v) & 0xff) : m.str(v).slice(0, 1);
      return convert("s", flags, w, undefined, text);
    }
    if (conv === "s") return convert("s", flags, w, p, m.str(v));
    const n = m.num(v);
    return convert(conv, flags, w, p, "diouxX".includes(conv) ? cInteger(n, conv, m.dialect) : n);
  };
  let done = "";
  let last = 0;
  try {
    for (const spec of format.matchAll(SPEC)) {
      const [all, flags = "", width = "", precision, conv = ""] = spec;
      done += format.slice(last, spec.index);
      done += conversion(flags, width, precision, conv);
      last = spec.index + all.length;
    }
  } catch (error) {
    // What printf had made before it stopped: mawk has already written it.
    if (error instanceof AwkError) error.partial = done;
    throw error;
  }
  return done + format.slice(last);
}
