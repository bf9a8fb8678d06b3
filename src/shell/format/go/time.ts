/**
 * Go's time.Time as templates see it (Docker's times are all UTC): its String(), Format with Go's
 * reference layouts (format.go's nextStdChunk), the methods a template can call, and the named
 * types they return (time.Month and time.Weekday print their names, time.Duration its String()).
 */
import { type GoMethod, type GoValue, goBytes } from "./value";

/** Seconds from 1970 to January 1 of year 1, where Go's zero Time is. */
const ZERO_UNIX = -62135596800;
/** Go's wall clock for times that carry no monotonic reading counts seconds from year 1 in `ext`. */
const YEAR_ONE_OFFSET = 62135596800;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export type GoTime = Extract<GoValue, { k: "time" }>;

/** A time from RFC 3339 as Docker's JSON carries it ("2026-11-23T09:00:00.000635326Z"). */
export function timeFromRfc3339(rfc: string): GoTime {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(rfc);
  if (!m) throw new Error(`not an RFC 3339 UTC time: ${rfc}`);
  const sec = Math.floor(Date.parse(`${m[1]}Z`) / 1000);
  return { k: "time", sec, nsec: Number((m[2] ?? "").padEnd(9, "0")) };
}

/** The broken-down fields of a time, in UTC. */
function parts(t: GoTime) {
  const d = new Date(t.sec * 1000);
  // (Date.UTC would read years 0-99 as 1900-1999.)
  const start = new Date(0).setUTCFullYear(d.getUTCFullYear(), 0, 1);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    min: d.getUTCMinutes(),
    sec: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
    yday: Math.floor((t.sec * 1000 - start) / 86400000) + 1,
  };
}

const pad = (n: number, width: number, fill = "0") => String(n).padStart(width, fill);

/** The layout elements of format.go, longest first where one is the prefix of another. */
const CHUNKS: [string, (t: GoTime, p: ReturnType<typeof parts>) => string][] = [
  ["January", (_t, p) => MONTHS[p.month - 1] ?? ""],
  ["Jan", (_t, p) => (MONTHS[p.month - 1] ?? "").slice(0, 3)],
  ["Monday", (_t, p) => DAYS[p.weekday] ?? ""],
  ["Mon", (_t, p) => (DAYS[p.weekday] ?? "").slice(0, 3)],
  ["MST", () => "UTC"],
  ["2006", (_t, p) => pad(p.year, 4)],
  ["002", (_t, p) => pad(p.yday, 3)],
  ["01", (_t, p) => pad(p.month, 2)],
  ["02", (_t, p) => pad(p.day, 2)],
  ["03", (_t, p) => pad(p.hour % 12 || 12, 2)],
  ["04", (_t, p) => pad(p.min, 2)],
  ["05", (_t, p) => pad(p.sec, 2)],
  ["06", (_t, p) => pad(p.year % 100, 2)],
  ["15", (_t, p) => pad(p.hour, 2)],
  ["__2", (_t, p) => pad(p.yday, 3, " ")],
  ["_2", (_t, p) => pad(p.day, 2, " ")],
  ["1", (_t, p) => String(p.month)],
  ["2", (_t, p) => String(p.day)],
  ["3", (_t, p) => String(p.hour % 12 || 12)],
  ["4", (_t, p) => String(p.min)],
  ["5", (_t, p) => String(p.sec)],
  ["PM", (_t, p) => (p.hour >= 12 ? "PM" : "AM")],
  ["pm", (_t, p) => (p.hour >= 12 ? "pm" : "am")],
  // In UTC the Z forms print Z, the numeric ones a zero offset.
  ...["Z07:00:00", "Z07:00", "Z0700", "Z070000", "Z07"].map((s): [string, () => string] => [s, () => "Z"]),
  ["-07:00:00", () => "+00:00:00"],
  ["-070000", () => "+000000"],
  ["-07:00", () => "+00:00"],
  ["-0700", () => "+0000"],
  ["-07", () => "+00"],
];

/** t.Format(layout): Go's layout elements replaced, everything else copied. */
export function formatTime(t: GoTime, layout: string): string {
  const p = parts(t);
  let out = "";
  let i = 0;
  while (i < layout.length) {
    // "_2006" is a literal underscore before the year.
    if (layout.startsWith("_2006", i)) {
      out += `_${pad(p.year, 4)}`;
      i += 5;
      continue;
    }
    const frac = /^[.,]([09])\1*/.exec(layout.slice(i));
    if (frac && !/\d/.test(layout[i + frac[0].length] ?? "")) {
      out += fraction(t.nsec, frac[0]);
      i += frac[0].length;
      continue;
    }
    const chunk = CHUNKS.find(([s]) => layout.startsWith(s, i));
    if (chunk) {
      out += chunk[1](t, p);
      i += chunk[0].length;
    } else out += layout[i++];
  }
  return out;
}

/** ".000" keeps as many digits as zeros; ".999" as many without trailing zeros (none: no dot). */
function fraction(nsec: number, element: string): string {
  const digits = pad(nsec, 9).slice(0, element.length - 1);
  if (element[1] === "0") return `${element[0]}${digits}`;
  const trimmed = digits.replace(/0+$/, "");
  return trimmed ? `${element[0]}${trimmed}` : "";
}

/** time.Time's String(): "2026-11-23 09:00:00.000635326 +0000 UTC". */
export function timeString(t: GoTime): string {
  return formatTime(t, "2006-01-02 15:04:05.999999999 -0700 MST");
}

/** MarshalJSON's RFC 3339 with nanoseconds, trailing zeros dropped. */
export function timeJson(t: GoTime): string {
  return formatTime(t, "2006-01-02T15:04:05.999999999Z07:00");
}

/** fmt's %v of a time inside an unexported field, where String() cannot be called: {wall ext loc}. */
export function timeRaw(t: GoTime): string {
  return `{${t.nsec} ${t.sec + YEAR_ONE_OFFSET} <nil>}`;
}

/** time.Duration's String(): "1m30s", "0s", "1.5s", "100ms". */
export function durationString(ns: number): string {
  if (ns === 0) return "0s";
  const sign = ns < 0 ? "-" : "";
  const abs = Math.abs(ns);
  if (abs < 1e3) return `${sign}${abs}ns`;
  if (abs < 1e6) return `${sign}${decimal(abs, 1e3)}µs`;
  if (abs < 1e9) return `${sign}${decimal(abs, 1e6)}ms`;
  const h = Math.floor(abs / 3.6e12);
  const m = Math.floor((abs % 3.6e12) / 6e10);
  const s = decimal(abs % 6e10, 1e9);
  return `${sign}${h ? `${h}h${m}m` : m ? `${m}m` : ""}${s}s`;
}

function decimal(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = String(value % unit)
    .padStart(String(unit).length - 1, "0")
    .replace(/0+$/, "");
  return rest ? `${whole}.${rest}` : String(whole);
}

const int64 = (v: number): GoValue => ({ k: "int", v, type: "int64" });
const int = (v: number): GoValue => ({ k: "int", v });
const nsBetween = (a: GoTime, b: GoTime) => (a.sec - b.sec) * 1e9 + (a.nsec - b.nsec);
const compare = (a: GoTime, b: GoTime) => Math.sign(nsBetween(a, b));
const asTime = (v: GoValue | undefined): GoTime => (v?.k === "time" ? v : { k: "time", sec: 0, nsec: 0 });
const asNumber = (v: GoValue | undefined): number => (v?.k === "int" ? v.v : 0);

/** A time moved by nanoseconds. */
function add(t: GoTime, ns: number): GoTime {
  const total = t.nsec + ns;
  const carry = Math.floor(total / 1e9);
  return { k: "time", sec: t.sec + carry, nsec: total - carry * 1e9 };
}

const method = (params: GoMethod["params"], call: GoMethod["call"]): GoMethod => ({ params, call });

/** The methods of time.Time a template can call (those with one result). */
export function timeMethods(t: GoTime): Record<string, GoMethod> {
  const p = parts(t);
  const of = (v: GoValue) => method([], () => v);
  return {
    Year: of(int(p.year)),
    Month: of({ k: "int", v: p.month, type: "time.Month" }),
    Day: of(int(p.day)),
    Hour: of(int(p.hour)),
    Minute: of(int(p.min)),
    Second: of(int(p.sec)),
    Nanosecond: of(int(t.nsec)),
    YearDay: of(int(p.yday)),
    Weekday: of({ k: "int", v: p.weekday, type: "time.Weekday" }),
    IsZero: of({ k: "bool", v: t.sec === ZERO_UNIX && t.nsec === 0 }),
    Unix: of(int64(t.sec)),
    UnixMilli: of(int64(t.sec * 1e3 + Math.floor(t.nsec / 1e6))),
    UnixMicro: of(int64(t.sec * 1e6 + Math.floor(t.nsec / 1e3))),
    UTC: of(t),
    Local: of(t),
    Location: of({ k: "string", v: "UTC", type: "*time.Location" }),
    String: of({ k: "string", v: timeString(t) }),
    MarshalJSON: of(goBytes(`"${timeJson(t)}"`)),
    MarshalText: of(goBytes(timeJson(t))),
    Format: method(["string"], ([layout]) => ({
      k: "string",
      v: formatTime(t, layout?.k === "string" ? layout.v : ""),
    })),
    Add: method(["duration"], ([d]) => add(t, asNumber(d))),
    Sub: method(["time"], ([u]) => ({ k: "int", v: nsBetween(t, asTime(u)), type: "time.Duration" })),
    Before: method(["time"], ([u]) => ({ k: "bool", v: compare(t, asTime(u)) < 0 })),
    After: method(["time"], ([u]) => ({ k: "bool", v: compare(t, asTime(u)) > 0 })),
    Equal: method(["time"], ([u]) => ({ k: "bool", v: compare(t, asTime(u)) === 0 })),
    Compare: method(["time"], ([u]) => int(compare(t, asTime(u)))),
  };
}

/** What fmt's %v prints for the named integer types time's methods return (their String()). */
export function namedIntString(v: number, type: string | undefined): string | undefined {
  if (type === "time.Month") return MONTHS[v - 1] ?? `%!Month(${v})`;
  if (type === "time.Weekday") return DAYS[v] ?? `%!Weekday(${v})`;
  if (type === "time.Duration") return durationString(v);
  return undefined;
}
