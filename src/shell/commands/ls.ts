/**
 * `ls`: the names in a directory of the place's files, dockerd's namespace files
 * (/var/run/docker/netns) and iproute2's (/var/run/netns). On the terminal GNU ls lays them out in
 * columns (80 wide, tab stops every 8, as coreutils does); into a pipe or a file, one per line.
 * busybox's ls reports a missing path in its own words.
 */

import { dirExists, resolvePath, STANDARD_DIRS } from "../files";
import { containerOf } from "../place";
import type { Command, Ctx, Handler } from "../types";
import { BUSYBOX_BANNER } from "./busybox";
import { DOCKER_NETNS_DIR, dockerNetnsFiles, NETNS_DIR, namedNetns } from "./linux/netns-names";

const WIDTH = 80;
const MIN_COLUMN_WIDTH = 3;

/** The entries of `dir` (undefined when it is not a directory here). */
function entries(ctx: Ctx, dir: string): string[] | undefined {
  const machine = ctx.world.machines[ctx.place.machine];
  if (!machine) return undefined;
  if (ctx.place.kind === "host") {
    if (dir === DOCKER_NETNS_DIR || dir === "/run/docker/netns")
      return machine.docker ? dockerNetnsFiles(ctx.world, machine).map((f) => f.name) : undefined;
    if ((dir === NETNS_DIR || dir === "/run/netns") && dirExists(ctx.world, ctx.frame, dir))
      return namedNetns(ctx.world, machine).map((n) => n.name);
  }
  if (!dirExists(ctx.world, ctx.frame, dir)) return undefined;
  const c = containerOf(ctx.world, ctx.frame);
  const paths = [
    ...STANDARD_DIRS,
    ...Object.keys(c ? c.files : machine.fs.files),
    ...(c ? (c.dirs ?? []) : [...machine.fs.dirs, ...Object.keys(machine.fs.symlinks)]),
  ];
  const prefix = dir === "/" ? "/" : `${dir}/`;
  const names = new Set<string>();
  for (const p of paths)
    if (p.startsWith(prefix) && p.length > prefix.length)
      names.add(p.slice(prefix.length).split("/")[0] ?? "");
  return [...names].filter((n) => n !== "");
}

/** coreutils' calculate_columns: the most columns whose widths (each name plus 2) fit the line. */
export function gnuColumns(names: string[]): string {
  const n = names.length;
  const maxCols = Math.max(1, Math.min(n, Math.floor(WIDTH / MIN_COLUMN_WIDTH)));
  let best = 1;
  let widths: number[] = [];
  for (let cols = maxCols; cols >= 1; cols--) {
    const rows = Math.ceil(n / cols);
    const w: number[] = [];
    names.forEach((name, k) => {
      const col = Math.floor(k / rows);
      const last = col === Math.ceil(n / rows) - 1;
      w[col] = Math.max(w[col] ?? MIN_COLUMN_WIDTH, name.length + (last ? 0 : 2));
    });
    if (w.reduce((a, b) => a + b, 0) < WIDTH) {
      best = Math.ceil(n / rows);
      widths = w;
      break;
    }
  }
  const rows = Math.ceil(n / best);
  let out = "";
  for (let r = 0; r < rows; r++) {
    let pos = 0;
    for (let col = 0; col < best; col++) {
      const name = names[r + col * rows];
      if (name === undefined) break;
      out += name;
      const next = names[r + (col + 1) * rows];
      if (next === undefined) break;
      // indent(): tabs to each tab stop on the way, then spaces.
      let from = pos + name.length;
      const to = pos + (widths[col] ?? 0);
      while (from < to) {
        if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
          out += "\t";
          from += 8 - (from % 8);
        } else {
          out += " ";
          from++;
        }
      }
      pos = to;
    }
    out += "\n";
  }
  return out;
}

/** busybox: every column as wide as the longest name and a gap of 2, filled down the columns. */
function evenColumns(names: string[]): string {
  const width = Math.max(...names.map((n) => n.length)) + 2;
  const cols = Math.max(1, Math.floor(WIDTH / width));
  const rows = Math.ceil(names.length / cols);
  let out = "";
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; r + c * rows < names.length; c++) row.push(names[r + c * rows] ?? "");
    out += `${row.map((n, k) => (k < row.length - 1 ? n.padEnd(width) : n)).join("")}\n`;
  }
  return out;
}

const BUSYBOX_USAGE = `Usage: ls [-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...

List directory contents

\t-1\tOne column output
\t-a\tInclude names starting with .
\t-A\tLike -a, but exclude . and ..
\t-x\tList by lines
\t-d\tList directory names, not contents
\t-L\tFollow symlinks
\t-H\tFollow symlinks on command line
\t-R\tRecurse
\t-p\tAppend / to directory names
\t-F\tAppend indicator (one of */=@|) to names
\t-l\tLong format
\t-i\tList inode numbers
\t-n\tList numeric UIDs and GIDs instead of names
\t-s\tList allocated blocks
\t-lc\tList ctime
\t-lu\tList atime
\t--full-time\tList full date/time
\t-h\tHuman readable sizes (1K 243M 2G)
\t--group-directories-first
\t-S\tSort by size
\t-X\tSort by extension
\t-v\tSort by version
\t-t\tSort by mtime
\t-tc\tSort by ctime
\t-tu\tSort by atime
\t-r\tReverse sort order
\t-w N\tFormat N columns wide
\t--color[={always,never,auto}]`;

const ls: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const args = ctx.argv.slice(1);
  const one = args.includes("-1");
  const all = args.some((a) => /^-[1aA]*a/.test(a));
  const bad = args.find((a) => a.startsWith("-") && a !== "-" && !/^-[1aA]+$/.test(a));
  if (bad) {
    const ch = [...bad.slice(1)].find((c) => !"1aA".includes(c)) ?? "";
    ctx.out.error(
      busybox
        ? `ls: invalid option -- '${ch}'\n${BUSYBOX_BANNER}\n\n${BUSYBOX_USAGE}`
        : `ls: invalid option -- '${ch}'\nTry 'ls --help' for more information.`,
    );
    return busybox ? 1 : 2;
  }
  const paths = args.filter((a) => !a.startsWith("-") || a === "-");
  const targets = paths.length ? paths : ["."];
  let status = 0;
  const listings: { path: string; names: string[] }[] = [];
  for (const path of targets) {
    const full = resolvePath(ctx.frame.cwd, path);
    const names = entries(ctx, full);
    if (!names) {
      ctx.out.error(
        busybox
          ? `ls: ${path}: No such file or directory`
          : `ls: cannot access '${path}': No such file or directory`,
      );
      status = busybox ? 1 : 2;
      continue;
    }
    listings.push({ path, names: names.filter((n) => all || !n.startsWith(".")).sort() });
  }
  const terminal = ctx.out.reachesTerminal() && !one;
  listings.forEach(({ path, names }, k) => {
    if (listings.length > 1) ctx.out.write(`${k > 0 ? "\n" : ""}${path}:\n`);
    if (names.length === 0) return;
    const text = !terminal
      ? names.map((n) => `${n}\n`).join("")
      : busybox
        ? evenColumns(names)
        : gnuColumns(names);
    ctx.out.write(text);
  });
  return status;
};

export const commands: Command[] = [{ name: "ls", where: ["host", "busybox", "debian"], run: ls }];
