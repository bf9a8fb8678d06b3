/**
 * ping's numeric options as each ping reads them, with its own words for a bad one. busybox 1.35
 * reads counts and sizes with xatou_range() and the interval as a duration; iputils 20221126 reads
 * integers with strtol_or_err() (a range per option) and times with strtod(), warning about
 * trailing garbage. Recorded on Debian bookworm's busybox-static and iputils-ping.
 */

import { xatouRange } from "../busybox";

export type PingStyle = "busybox" | "iputils";

export interface PingNumbers {
  c?: number;
  s?: number;
  t?: number;
  w?: number;
  W?: number;
  i?: number;
}

export type PingOptions =
  | { ok: true; numbers: PingNumbers; warnings: string[] }
  | { ok: false; message: string; exit: number };

const UINT_MAX = 4294967295;
const INT_MAX = 2147483647;
const LLONG_MAX = 9223372036854775807n;

function busyboxUint(text: string, max = UINT_MAX): number | string {
  return xatouRange("ping", text, 0, max);
}

/** busybox's duration: a non-negative decimal number of seconds. */
function busyboxDuration(text: string): number | string {
  return /^(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : `ping: invalid number '${text}'`;
}

/** iputils' strtol_or_err(): a whole number (64-bit), then within [min, max]. */
function iputilsLong(text: string, min: bigint, max: bigint): number | string {
  if (!/^\s*[+-]?\d+$/.test(text)) return `ping: invalid argument: '${text}'`;
  const n = BigInt(text.trim());
  if (n > LLONG_MAX || n < -LLONG_MAX - 1n)
    return `ping: invalid argument: '${text}': Numerical result out of range`;
  if (n < min || n > max) return `ping: invalid argument: '${text}': out of range: ${min} <= value <= ${max}`;
  return Number(n);
}

/** iputils' strtod() for times: the number it starts with; anything after it is warned about. */
function iputilsDouble(text: string, warnings: string[]): number {
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(text);
  if (!m || m[0].length !== text.length) {
    warnings.push(`ping: option argument contains garbage: ${m ? text.slice(m[0].length) : text}`);
    warnings.push("ping: this will become fatal error in the future");
  }
  return m ? Number(m[0]) : 0;
}

/** Reads -c -s -t -w -W -i as the given ping does; the first bad one ends it. */
export function pingNumbers(style: PingStyle, values: Iterable<[string, string]>): PingOptions {
  const numbers: PingNumbers = {};
  const warnings: string[] = [];
  for (const [opt, text] of values) {
    let value: number | string;
    if (style === "busybox") {
      if (opt === "c") value = busyboxUint(text, INT_MAX);
      else if (opt === "s") value = busyboxUint(text, 65535);
      else if (opt === "t" || opt === "w" || opt === "W") value = busyboxUint(text);
      else if (opt === "i") value = busyboxDuration(text);
      else continue;
    } else if (opt === "c") value = iputilsLong(text, 1n, LLONG_MAX);
    else if (opt === "s" || opt === "w") value = iputilsLong(text, 0n, BigInt(INT_MAX));
    else if (opt === "t") value = iputilsLong(text, 0n, 255n);
    else if (opt === "W") {
      value = iputilsDouble(text, warnings);
      if (value < 0) return { ok: false, message: `ping: bad linger time: ${text}`, exit: 2 };
    } else if (opt === "i") value = Math.max(0, iputilsDouble(text, warnings));
    else continue;
    if (typeof value === "string") return { ok: false, message: value, exit: 1 };
    numbers[opt] = value;
  }
  return { ok: true, numbers, warnings };
}
