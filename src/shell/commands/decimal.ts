/**
 * The arbitrary-precision decimals of bc and dc (busybox's, Gavin Howard's port): a BigInt of digits
 * and how many of them are after the point. Results are truncated, never rounded, to the scale each
 * operation's rule gives it, as POSIX bc says.
 */

export interface Decimal {
  digits: bigint;
  scale: number;
}

export class CalcError extends Error {}

const ten = (n: number) => 10n ** BigInt(n);

export const decimal = (digits: bigint, scale = 0): Decimal => ({ digits, scale });

const rescale = (a: Decimal, scale: number): Decimal =>
  scale >= a.scale
    ? decimal(a.digits * ten(scale - a.scale), scale)
    : decimal(a.digits / ten(a.scale - scale), scale);

export function add(a: Decimal, b: Decimal): Decimal {
  const s = Math.max(a.scale, b.scale);
  return decimal(rescale(a, s).digits + rescale(b, s).digits, s);
}

export const negate = (a: Decimal): Decimal => decimal(-a.digits, a.scale);

export const sub = (a: Decimal, b: Decimal): Decimal => add(a, negate(b));

export function mul(a: Decimal, b: Decimal, scale: number): Decimal {
  const s = Math.min(a.scale + b.scale, Math.max(scale, a.scale, b.scale));
  return rescale(decimal(a.digits * b.digits, a.scale + b.scale), s);
}

export function div(a: Decimal, b: Decimal, scale: number): Decimal {
  if (b.digits === 0n) throw new CalcError("divide by zero");
  // a/b to `scale` digits: both numerators brought to whole numbers first.
  return decimal((a.digits * ten(b.scale + scale)) / (b.digits * ten(a.scale)), scale);
}

export function mod(a: Decimal, b: Decimal, scale: number): Decimal {
  const q = div(a, b, scale);
  return sub(a, mul(q, b, Math.max(scale + b.scale, a.scale)));
}

export function pow(a: Decimal, e: Decimal, scale: number): Decimal {
  if (e.scale > 0 && e.digits % ten(e.scale) !== 0n) throw new CalcError("not an integer");
  const n = e.digits / ten(e.scale);
  const k = n < 0n ? -n : n;
  // Squaring and multiplying, every digit kept: the truncation comes once, at the end.
  let result = decimal(1n);
  let square = a;
  for (let rest = k; rest > 0n; rest >>= 1n) {
    if (rest & 1n) result = decimal(result.digits * square.digits, result.scale + square.scale);
    if (rest > 1n) square = decimal(square.digits * square.digits, 2 * square.scale);
  }
  if (n < 0n) return div(decimal(1n), result, scale);
  return rescale(result, Math.min(a.scale * Number(k), Math.max(scale, a.scale)));
}

export function sqrt(a: Decimal, scale: number): Decimal {
  if (a.digits < 0n) throw new CalcError("negative number");
  const s = Math.max(scale, a.scale);
  const n = rescale(a, 2 * s).digits;
  if (n === 0n) return decimal(0n, s);
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return decimal(x, s);
}

export const compare = (a: Decimal, b: Decimal): number => {
  const d = sub(a, b).digits;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};

/** A number as written in base `ibase`: digits 0-9 and A-F, an optional point. */
export function parse(text: string, ibase = 10): Decimal {
  const [whole = "", frac = ""] = text.split(".");
  const value = (ch: string) => Math.min(Number.parseInt(ch, 16), ibase === 10 ? 9 : 15);
  let n = 0n;
  for (const ch of whole) n = n * BigInt(ibase) + BigInt(value(ch));
  if (ibase === 10) return add(decimal(n), decimal(frac === "" ? 0n : BigInt(frac), frac.length));
  let f = decimal(0n);
  let place = decimal(1n);
  for (const ch of frac) {
    place = div(place, decimal(BigInt(ibase)), frac.length + 1);
    f = add(f, mul(place, decimal(BigInt(value(ch))), frac.length + 1));
  }
  return add(decimal(n), rescale(f, frac.length));
}

/** A number as bc and dc print it: no leading zero before the point, `obase` digits, lines of 68 and a backslash. */
export function format(a: Decimal, obase = 10, lineLength = 70): string {
  const negative = a.digits < 0n;
  const abs = negative ? -a.digits : a.digits;
  let text: string;
  if (obase === 10) {
    const s = abs.toString().padStart(a.scale + 1, "0");
    const whole = s.slice(0, s.length - a.scale);
    const frac = s.slice(s.length - a.scale);
    text = (whole === "0" && a.scale > 0 ? "" : whole) + (a.scale > 0 ? `.${frac}` : "");
  } else {
    const whole = abs / ten(a.scale);
    text = obase <= 16 ? whole.toString(obase).toUpperCase() : whole.toString();
  }
  if (negative && abs !== 0n) text = `-${text}`;
  // A backslash ends a line once it holds line length - 2 characters and more follow.
  const width = lineLength - 2;
  if (width < 1 || text.length <= width) return text;
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.join("\\\n");
}
