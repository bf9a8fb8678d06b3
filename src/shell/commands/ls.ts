/**
 * `ls`: the names in a directory of the place's files, dockerd's namespace files
 * (/var/run/docker/netns) and iproute2's (/var/run/netns), or a file named. On the terminal GNU ls
 * lays them out in columns (80 wide, tab stops every 8, as coreutils does); into a pipe or a file,
 * one per line. `-l` shows each one's mode, links, owner, size and time, in busybox's fixed columns
 * or GNU's fitted ones (everything belongs to root; times are when each was written, made or touched:
 * shell/files.ts). busybox's ls reports a missing path in its own words.
 */

import { containerOwnFiles, MACHINE_OWN_FILES } from "../../engine/files";
import { bytesOf } from "../digests";
import {
  dirExists,
  hardLinks,
  hasEntries,
  metaOf,
  mtimeOf,
  readFile,
  resolvePath,
  STANDARD_DIRS,
  symlinksOf,
} from "../files";
import { containerOf } from "../place";
import type { Command, Ctx, Handler } from "../types";
import { BUSYBOX_BANNER } from "./busybox";
import { DOCKER_NETNS_DIR, dockerNetnsFiles, NETNS_DIR, namedNetns } from "./linux/netns-names";
import { strftime } from "./system-info";

const WIDTH = 80;
const MIN_COLUMN_WIDTH = 3;

/** The entries of `dir` (undefined when it is not a directory here). */
export function dirEntries(ctx: Ctx, dir: string): string[] | undefined {
  const machine = ctx.world.machines[ctx.place.machine];
  if (!machine) return undefined;
  if (ctx.place.kind === "host") {
    if (dir === DOCKER_NETNS_DIR || dir === "/run/docker/netns")
      return machine.docker ? dockerNetnsFiles(ctx.world, machine).map((f) => f.name) : undefined;
    if ((dir === NETNS_DIR || dir === "/run/netns") && dirExists(ctx.world, ctx.frame, dir))
      return namedNetns(ctx.world, machine).map((n) => n.name);
  }
  if (!dirExists(ctx.world, ctx.frame, dir) || readFile(ctx.world, ctx.frame, dir) !== undefined)
    return undefined;
  const c = containerOf(ctx.world, ctx.frame);
  const own = c ? containerOwnFiles(c) : undefined;
  const paths = [
    ...STANDARD_DIRS,
    ...Object.keys(c ? c.files : machine.fs.files),
    ...(own
      ? [...own.files, ...Object.keys(own.links)]
      : MACHINE_OWN_FILES.filter((f) => readFile(ctx.world, ctx.frame, f) !== undefined)),
    ...(c ? (c.dirs ?? []) : machine.fs.dirs),
    ...Object.keys(symlinksOf(ctx.world, ctx.frame)),
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

/** What `ls -l` shows of an entry: its type and mode, links, size, where a link points. */
export interface Entry {
  name: string;
  mode: string;
  links: number;
  size: number;
  /** Last modification, ms since the epoch. */
  mtime: number;
  /** Last change, ms since the epoch. */
  ctime: number;
  target?: string;
}

/** Directories with a mode of their own (the rest are drwxr-xr-x). */
const DIR_MODES: Record<string, string> = { "/tmp": "drwxrwxrwt", "/proc": "dr-xr-xr-x" };

/** `ls -l`'s mode column: the type letter and the nine permission bits (with the sticky bit as t). */
export function modeText(type: "-" | "d" | "l", bits: number): string {
  const rwx = [6, 3, 0].map((shift) =>
    ["r", "w", "x"].map((c, k) => ((bits >> (shift + 2 - k)) & 1 ? c : "-")).join(""),
  );
  const text = `${type}${rwx.join("")}`;
  return bits & 0o1000 ? `${text.slice(0, 9)}${text[9] === "x" ? "t" : "T"}` : text;
}

/** The permission bits of a mode column (`drwxrwxrwt` → 0o1777). */
export function modeBits(mode: string): number {
  let bits = 0;
  for (let i = 1; i < 10; i++) if (mode[i] !== "-" && mode[i] !== "T") bits |= 1 << (9 - i);
  if (mode[9] === "t" || mode[9] === "T") bits |= 0o1000;
  return bits;
}

/** The entry at `path` as a long listing shows it, or undefined when nothing is there. */
export function stat(ctx: Ctx, path: string, name: string): Entry | undefined {
  const machine = ctx.world.machines[ctx.place.machine];
  const host = ctx.place.kind === "host";
  const c = containerOf(ctx.world, ctx.frame);
  const target = symlinksOf(ctx.world, ctx.frame)[path] ?? (c ? containerOwnFiles(c).links[path] : undefined);
  const mtime = mtimeOf(ctx.world, ctx.frame, path);
  const meta = metaOf(ctx.world, ctx.frame, path);
  const ctime = meta?.ctime ?? mtime;
  if (target !== undefined)
    return { name, mode: "lrwxrwxrwx", links: 1, size: utf8Length(target), target, mtime, ctime };
  if (host && machine) {
    const dir = path.slice(0, path.lastIndexOf("/"));
    const base = path.slice(dir.length + 1);
    // A namespace `ip netns add` made is an empty file its bind mount pins; so are dockerd's.
    const pinned =
      ((dir === NETNS_DIR || dir === "/run/netns") &&
        namedNetns(ctx.world, machine).some((n) => n.name === base)) ||
      ((dir === DOCKER_NETNS_DIR || dir === "/run/docker/netns") &&
        machine.docker !== undefined &&
        dockerNetnsFiles(ctx.world, machine).some((f) => f.name === base));
    if (pinned) return { name, mode: "-r--r--r--", links: 1, size: 0, mtime, ctime };
  }
  const text = readFile(ctx.world, ctx.frame, path);
  if (text !== undefined)
    return {
      name,
      // Docker makes /.dockerenv executable.
      mode: modeText("-", meta?.mode ?? (c && path === "/.dockerenv" ? 0o755 : 0o644)),
      links: hardLinks(ctx.world, ctx.frame, path).length,
      size: utf8Length(text),
      mtime,
      ctime,
    };
  if (!dirExists(ctx.world, ctx.frame, path)) return undefined;
  // An image's directory written into is copied up, and the overlay then counts one link; elsewhere
  // two and one per subdirectory.
  const at = (n: string) => `${path === "/" ? "" : path}/${n}`;
  const sub = (dirEntries(ctx, path) ?? []).filter((n) => stat(ctx, at(n), n)?.mode.startsWith("d"));
  const copiedUp =
    ctx.place.kind === "container" &&
    path !== "/" &&
    STANDARD_DIRS.includes(path) &&
    hasEntries(ctx.world, ctx.frame, path);
  const links = copiedUp ? 1 : 2 + sub.length;
  const mode = meta?.mode === undefined ? (DIR_MODES[path] ?? "drwxr-xr-x") : modeText("d", meta.mode);
  return { name, mode, links, size: 4096, mtime, ctime };
}

const utf8Length = (text: string) => bytesOf(text).length;

/** 1K blocks an entry takes on disk (4K blocks; an empty file or a link takes none): `total`'s sum. */
function blocks(e: Entry): number {
  if (e.mode.startsWith("l") || e.mode.startsWith("-r--r--r--")) return 0;
  return Math.ceil(e.size / 4096) * 4;
}

/** The time column: month, day and time for a recent file, the year instead for one over half a year old or in the future. */
function when(ms: number, now: number): string {
  const recent = ms <= now && now - ms < (365.2425 / 2) * 86400000;
  return strftime(recent ? "%b %e %H:%M" : "%b %e  %Y", ms);
}

/** Long lines: busybox's fixed columns, or GNU's each as wide as its widest value. */
function longLines(ctx: Ctx, list: Entry[], numeric: boolean, busybox: boolean): string {
  const owner = numeric ? "0" : "root";
  const date = (e: Entry) => when(e.mtime, ctx.world.clock);
  const shown = (e: Entry) => (e.target === undefined ? e.name : `${e.name} -> ${e.target}`);
  if (busybox)
    return list
      .map(
        (e) =>
          `${e.mode} ${String(e.links).padStart(4)} ${owner.padEnd(8)} ${owner.padEnd(8)} ${String(e.size).padStart(9)} ${date(e)} ${shown(e)}\n`,
      )
      .join("");
  const linkWidth = Math.max(...list.map((e) => String(e.links).length));
  const sizeWidth = Math.max(...list.map((e) => String(e.size).length));
  return list
    .map(
      (e) =>
        `${e.mode} ${String(e.links).padStart(linkWidth)} ${owner} ${owner} ${String(e.size).padStart(sizeWidth)} ${date(e)} ${shown(e)}\n`,
    )
    .join("");
}

const ls: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const args = ctx.argv.slice(1);
  const flags = new Set(args.filter((a) => /^-[^-]/.test(a)).flatMap((a) => [...a.slice(1)]));
  const bad = [...flags].find((c) => !"1aAldn".includes(c));
  if (bad !== undefined) {
    ctx.out.error(
      busybox
        ? `ls: invalid option -- '${bad}'\n${BUSYBOX_BANNER}\n\n${BUSYBOX_USAGE}`
        : `ls: invalid option -- '${bad}'\nTry 'ls --help' for more information.`,
    );
    return busybox ? 1 : 2;
  }
  const numeric = flags.has("n");
  const long = flags.has("l") || numeric;
  const dots = flags.has("a");
  const all = dots || flags.has("A");
  const paths = args.filter((a) => !/^-[^-]/.test(a));
  const targets = paths.length ? paths : ["."];
  let status = 0;
  const files: Entry[] = [];
  const listings: { path: string; names: string[]; full: string }[] = [];
  for (const path of targets) {
    const full = resolvePath(ctx.frame.cwd, path);
    const names = flags.has("d") ? undefined : dirEntries(ctx, full);
    if (names) {
      const shown = names.filter((n) => all || !n.startsWith(".")).sort();
      listings.push({ path, names: dots ? [".", "..", ...shown] : shown, full });
      continue;
    }
    const entry = stat(ctx, full, path);
    if (entry) {
      files.push(entry);
      continue;
    }
    ctx.out.error(
      busybox
        ? `ls: ${path}: No such file or directory`
        : `ls: cannot access '${path}': No such file or directory`,
    );
    status = busybox ? 1 : 2;
  }
  const terminal = ctx.out.reachesTerminal() && !flags.has("1");
  const names = (list: string[]) =>
    !terminal ? list.map((n) => `${n}\n`).join("") : busybox ? evenColumns(list) : gnuColumns(list);
  if (files.length > 0)
    ctx.out.write(long ? longLines(ctx, files, numeric, busybox) : names(files.map((f) => f.name)));
  listings.forEach(({ path, names: list, full }, k) => {
    if (listings.length > 1 || files.length > 0)
      ctx.out.write(`${k > 0 || files.length > 0 ? "\n" : ""}${path}:\n`);
    if (long) {
      const parent = full === "/" ? "/" : full.slice(0, full.lastIndexOf("/")) || "/";
      const stats = list.flatMap((n) => {
        const at = n === "." ? full : n === ".." ? parent : `${full === "/" ? "" : full}/${n}`;
        return stat(ctx, at, n) ?? [];
      });
      ctx.out.write(`total ${stats.reduce((sum, e) => sum + blocks(e), 0)}\n`);
      if (stats.length > 0) ctx.out.write(longLines(ctx, stats, numeric, busybox));
      return;
    }
    if (list.length > 0) ctx.out.write(names(list));
  });
  return status;
};

export const commands: Command[] = [{ name: "ls", where: ["host", "busybox", "debian"], run: ls }];
