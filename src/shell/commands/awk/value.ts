/**
 * awk's values: a number, a string, or a string from input that may be a number (strnum). The two
 * awks read numbers differently: busybox's my_strtod takes `0x1A` and a leading-zero octal `010`
 * everywhere; mawk converts with strtod (hex too) but calls only decimal text a number in comparisons.
 */
import { cPrintf } from "../c-printf";

/** `uninit` marks a variable never set: both "" and 0 in comparisons. */
export type Value = number | string | { strnum: string; uninit?: boolean };

export type Dialect = "busybox" | "mawk";

export const UNINIT: Value = { strnum: "", uninit: true };

const DECIMAL = /^[ \t\n\r\f\v]*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/;
const HEX = /^[ \t\n\r\f\v]*([-+]?)0[xX]([0-9a-fA-F]+)/;

/** The number at the start of a text, and how much of it that number took. */
function leadingNumber(text: string, dialect: Dialect): [number, number] {
  if (dialect === "busybox" && /^0\d/.test(text)) {
    const octal = /^0[0-7]*/.exec(text)?.[0] ?? "0";
    const next = text[octal.length] ?? "";
    if (!/[\d.]/.test(next)) return [Number.parseInt(octal, 8), octal.length];
  }
  const hex = HEX.exec(text);
  if (hex) return [(hex[1] === "-" ? -1 : 1) * Number.parseInt(hex[2] ?? "0", 16), hex[0].length];
  const m = DECIMAL.exec(text);
  return m ? [Number(m[0]), m[0].length] : [0, 0];
}

export function toNum(v: Value, dialect: Dialect): number {
  if (typeof v === "number") return v;
  return leadingNumber(typeof v === "string" ? v : v.strnum, dialect)[0];
}

/** Whether a value compares as a number: a number, or a strnum that is all number (and blanks). */
export function isNumeric(v: Value, dialect: Dialect): boolean {
  if (typeof v === "number") return true;
  if (typeof v === "string") return false;
  if (v.uninit) return true;
  if (dialect === "mawk") return /^[ \t\n]*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[ \t\n]*$/.test(v.strnum);
  const [, used] = leadingNumber(v.strnum, dialect);
  return used > 0 && /^[ \t\n]*$/.test(v.strnum.slice(used)) && /\d/.test(v.strnum.slice(0, used));
}

/**
 * A number as text through CONVFMT or OFMT: an integral value prints as an integer (mawk only within
 * a C int; beyond, it too goes through the format).
 */
export function numText(n: number, format: string, dialect: Dialect): string {
  const integral =
    Number.isInteger(n) && (dialect === "busybox" ? Math.abs(n) < 2 ** 63 : Math.abs(n) < 2 ** 31);
  if (integral) return String(n === 0 ? 0 : n);
  if (Number.isNaN(n)) return dialect === "mawk" ? "-nan" : "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  return cPrintf(format, [n]);
}

export function isTrue(v: Value, dialect: Dialect): boolean {
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v !== "";
  if (v.uninit) return false;
  return isNumeric(v, dialect) ? toNum(v, dialect) !== 0 : v.strnum !== "";
}

/** `<`, `==` …: numerically when both sides are numeric, else as strings (through CONVFMT). */
export function compare(a: Value, b: Value, dialect: Dialect, str: (v: Value) => string): number {
  if (isNumeric(a, dialect) && isNumeric(b, dialect)) {
    const x = toNum(a, dialect);
    const y = toNum(b, dialect);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = str(a);
  const y = str(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Bytes, not UTF-16 units: both awks count a string's length in bytes. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
