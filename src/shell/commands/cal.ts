/**
 * busybox's cal: a month (the lab clock's, or MONTH YEAR) or a whole year, with the Julian calendar
 * before September 1752 and that month's eleven missing days, -j for days of the year, -m for weeks
 * from Monday. Rows keep busybox's spacing: trailing blanks trimmed, except on a row of nothing but
 * blanks, which it prints whole.
 */
import { ToolExit } from "../command";
import type { Command, Handler } from "../types";
import { busyboxBadOption, busyboxUsage, xatouRange } from "./busybox";
import { getopt } from "./getopt";

const MONTHS = [
  ..."January February March April May June July August September October November December".split(" "),
];
const DAYS = "Su Mo Tu We Th Fr Sa".split(" ");
const LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const leap = (y: number) => (y <= 1752 ? y % 4 === 0 : (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0);
const monthLength = (m: number, y: number) => (m === 2 && leap(y) ? 29 : (LENGTHS[m - 1] ?? 30));
const dayOfYear = (d: number, m: number, y: number) => {
  let n = d;
  for (let k = 1; k < m; k++) n += monthLength(k, y);
  return n;
};

/** The day of the week (0 Sunday), counting days from year 1 as busybox's day_in_week does. */
function weekday(d: number, m: number, y: number): number {
  const before = y - 1;
  const leaps =
    Math.floor(before / 4) -
    (before > 1700 ? Math.floor(before / 100) - 17 : 0) +
    (before > 1600 ? Math.floor((before - 1600) / 400) : 0);
  const n = before * 365 + leaps + dayOfYear(d, m, y);
  const firstMissing = 639799;
  if (n < firstMissing) return (n - 1 + 6) % 7;
  if (n >= firstMissing + 11) return (n - 1 + 6 - 11) % 7;
  return 4;
}

/** The six weeks of a month: each day's number (of the month, or of the year with -j), or blank. */
function weeks(m: number, y: number, julian: boolean, monday: boolean): (number | undefined)[][] {
  const cells: (number | undefined)[] = Array(42).fill(undefined);
  let at = (weekday(1, m, y) + (monday ? 6 : 0)) % 7;
  for (let d = 1; d <= monthLength(m, y); d++) {
    // September 1752 goes from the 2nd to the 14th.
    if (y === 1752 && m === 9 && d > 2 && d < 14) continue;
    cells[at++] = julian ? dayOfYear(d, m, y) - (y === 1752 && m > 9 ? 11 : 0) : d;
  }
  return Array.from({ length: 6 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

const trimmed = (row: string) => (row.trim() === "" ? row : row.trimEnd());

const center = (text: string, width: number) => {
  const left = Math.floor((width - text.length) / 2);
  return `${" ".repeat(left)}${text}`.padEnd(width);
};

const cal: Handler = (ctx) => {
  const { flags, operands } = getopt(ctx.argv.slice(1), "jmy", busyboxBadOption("cal"));
  if (operands.length > 2) throw busyboxUsage("cal");
  const julian = flags.has("j");
  const monday = flags.has("m");
  const now = new Date(ctx.world.clock);
  const number = (text: string, min: number, max: number) => {
    const n = xatouRange("cal", text, min, max);
    if (typeof n === "string") throw new ToolExit(1, `${n}\n`);
    return n;
  };
  let month: number | undefined = now.getUTCMonth() + 1;
  let year = now.getUTCFullYear();
  if (operands.length === 2) {
    month = number(operands[0] ?? "", 1, 12);
    year = number(operands[1] ?? "", 1, 9999);
  } else if (operands.length === 1) {
    year = number(operands[0] ?? "", 1, 9999);
    month = undefined;
  } else if (flags.has("y")) month = undefined;
  const cell = julian ? 4 : 3;
  const heading = (monday ? [...DAYS.slice(1), DAYS[0]] : DAYS)
    .map((d) => (d ?? "").padStart(cell - 1))
    .join(" ");
  const row = (days: (number | undefined)[]) =>
    days.map((d) => `${d === undefined ? "" : String(d)}`.padStart(cell - 1).padEnd(cell)).join("");
  let out = "";
  if (month !== undefined) {
    const title = `${MONTHS[month - 1]} ${year}`;
    out += `${" ".repeat(Math.floor((7 * cell - 1 - title.length) / 2))}${title}\n${heading}\n`;
    for (const week of weeks(month, year, julian, monday)) out += `${trimmed(row(week))}\n`;
  } else {
    const across = julian ? 2 : 3;
    const width = 7 * cell - 1;
    const lineWidth = across * width + 2 * (across - 1);
    out += `${center(String(year), lineWidth)}\n\n`;
    for (let first = 1; first <= 12; first += across) {
      const group = Array.from({ length: across }, (_, k) => first + k);
      out += `${group.map((m) => center(MONTHS[m - 1] ?? "", width)).join("  ")}\n`;
      out += `${group.map(() => heading).join("  ")}\n`;
      const grids = group.map((m) => weeks(m, year, julian, monday));
      for (let w = 0; w < 6; w++) {
        const line = grids.map((g) => row(g[w] ?? [])).join(" ");
        // busybox's line buffer: a row with no day at all comes out as its 79 blanks.
        out += `${line.trim() === "" ? " ".repeat(79) : line.trimEnd()}\n`;
      }
    }
  }
  ctx.out.write(out);
  return 0;
};

export const commands: Command[] = [{ name: "cal", where: ["busybox"], run: cal }];
