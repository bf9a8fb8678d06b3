/**
 * stat, du, df and mount: what the place's files and filesystems look like, in busybox 1.35's words
 * in containers and GNU coreutils 9.1's (stat, du) on the host and in Debian images
 * (37-file-applets). A container's mounts are the ones runc makes for Docker 26: the overlay root,
 * /proc, /dev, /sys, the cgroups, Docker's /etc files from the host's disk, and the masked paths.
 */
import { containerMounts, type Mount } from "../../engine/docker/mounts";
import { ToolExit } from "../command";
import { crc32 } from "../digests";
import { hardLinks, resolvePath } from "../files";
import { containerOf } from "../place";
import type { Command, Ctx, Handler } from "../types";
import { busyboxUsage, toolOptions } from "./busybox";
import { dirEntries, type Entry, stat as entryAt, modeBits } from "./ls";
import { strftime } from "./system-info";

const isBusybox = (ctx: Ctx) => ctx.place.flavor === "busybox";

/** The entry at an operand's path, under the operand's own name. */
function lookup(ctx: Ctx, name: string): Entry | undefined {
  return entryAt(ctx, resolvePath(ctx.frame.cwd, name), name);
}

const fileType = (e: Entry) =>
  e.mode.startsWith("d")
    ? "directory"
    : e.mode.startsWith("l")
      ? "symbolic link"
      : e.size === 0
        ? "regular empty file"
        : "regular file";

/** 512-byte blocks allocated: 4K blocks on the disk, none for an empty file or a link. */
const blocks512 = (e: Entry) => (e.mode.startsWith("l") ? 0 : Math.ceil(e.size / 4096) * 8);

/** An inode number for a path: stable within the lab (the real ones belong to the run). */
const inodeOf = (ctx: Ctx, path: string) =>
  1_500_000 +
  (Number.parseInt(crc32(new TextEncoder().encode(`${ctx.frame.container ?? ""}:${path}`)), 16) % 700_000);

const fullTime = (ms: number) =>
  `${strftime("%Y-%m-%d %H:%M:%S", ms)}.${String((ms % 1000) * 1_000_000).padStart(9, "0")} +0000`;

/** stat's file format letters, as both print them (`%%`, and a letter it does not know printed bare by busybox). */
function fileFormat(ctx: Ctx, e: Entry, path: string, format: string): string {
  const raw =
    (e.mode.startsWith("d") ? 0o40000 : e.mode.startsWith("l") ? 0o120000 : 0o100000) | modeBits(e.mode);
  const seconds = String(Math.floor(e.mtime / 1000));
  const values: Record<string, string> = {
    a: modeBits(e.mode).toString(8),
    A: e.mode,
    b: String(blocks512(e)),
    B: "512",
    d: "41",
    D: "29",
    f: raw.toString(16),
    F: fileType(e),
    g: "0",
    G: "root",
    h: String(e.links),
    i: String(inodeOf(ctx, path)),
    n: e.name,
    N: e.target === undefined ? e.name : `'${e.name}' -> '${e.target}'`,
    o: "4096",
    s: String(e.size),
    t: "0",
    T: "0",
    u: "0",
    U: "root",
    x: fullTime(e.mtime),
    X: seconds,
    y: fullTime(e.mtime),
    Y: seconds,
    z: fullTime(e.ctime),
    Z: String(Math.floor(e.ctime / 1000)),
  };
  return format.replace(/%(.?)/g, (_all, c: string) => (c === "%" ? "%" : (values[c] ?? c)));
}

/** The root filesystem as `statfs` sees it: the instrument's disk under the overlay. */
const DISK = { blocks: 66053021, free: 59721609, avail: 20266316, files: 16777216, ffree: 16351409 };

function filesystemFormat(name: string, format: string): string {
  const values: Record<string, string> = {
    a: String(DISK.avail),
    b: String(DISK.blocks),
    c: String(DISK.files),
    d: String(DISK.ffree),
    f: String(DISK.free),
    i: "7f08332e9589cb13",
    l: "255",
    n: name,
    s: "4096",
    S: "4096",
    t: "794c7630",
    T: "UNKNOWN",
  };
  return format.replace(/%(.?)/g, (_all, c: string) => (c === "%" ? "%" : (values[c] ?? c)));
}

/** `stat [-ltf] [-c FMT] FILE...`: busybox's, or GNU's (whose default output adds a Birth line). */
const stat: Handler = (ctx) => {
  const bb = isBusybox(ctx);
  const opts = toolOptions(ctx, "stat", "c:fLt", [{ name: "format", key: "c", value: "required" }]);
  let format: string | undefined;
  let fs = false;
  let terse = false;
  for (const o of opts) {
    if (o.key === "c") format = o.value;
    else if (o.key === "f") fs = true;
    else if (o.key === "t") terse = true;
  }
  if (opts.operands.length === 0) {
    if (bb) throw busyboxUsage("stat");
    throw new ToolExit(1, "stat: missing operand\nTry 'stat --help' for more information.\n");
  }
  let status = 0;
  for (const name of opts.operands) {
    const path = resolvePath(ctx.frame.cwd, name);
    const e = lookup(ctx, name);
    if (!e) {
      ctx.out.error(
        bb
          ? `stat: can't stat '${name}': No such file or directory`
          : `stat: cannot statx '${name}': No such file or directory`,
      );
      status = 1;
      continue;
    }
    if (fs) {
      ctx.out.line(
        filesystemFormat(
          name,
          format ??
            (terse
              ? "%n %i %l %t %s %b %f %a %c %d"
              : `  File: "%n"\n    ID: %i Namelen: %l     Type: %T\nBlock size: %s      \nBlocks: Total: %b   Free: %f   Available: %a\nInodes: Total: %c   Free: %d`),
        ),
      );
      continue;
    }
    if (format !== undefined) ctx.out.line(fileFormat(ctx, e, path, format));
    else if (terse) ctx.out.line(fileFormat(ctx, e, path, "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %o"));
    else ctx.out.line(defaultStat(ctx, e, path, bb));
  }
  return status;
};

/** stat's default report: busybox's, or GNU's (its device as major,minor and a Birth line). */
function defaultStat(ctx: Ctx, e: Entry, path: string, busybox: boolean): string {
  const v = (letter: string) => fileFormat(ctx, e, path, `%${letter}`);
  return [
    `  File: ${e.target === undefined ? e.name : `'${e.name}' -> '${e.target}'`}`,
    `  Size: ${v("s").padEnd(10)}\tBlocks: ${v("b").padEnd(10)} IO Block: ${v("o").padEnd(6)} ${v("F")}`,
    `Device: ${busybox ? "29h/41d" : "0,41"}\tInode: ${v("i").padEnd(10)}  Links: ${v("h")}`,
    `Access: (${v("a").padStart(4, "0")}/${e.mode})  Uid: (    0/    root)   Gid: (    0/    root)`,
    `Access: ${v("x")}`,
    `Modify: ${v("y")}`,
    `Change: ${v("z")}`,
    ...(busybox ? [] : [` Birth: ${v("z")}`]),
  ].join("\n");
}

/** Human sizes: busybox's make_human_readable_str (one decimal with a unit) or GNU's -h (a decimal below 10). */
function human(bytes: number, busybox: boolean): string {
  if (bytes === 0) return "0";
  let val = bytes;
  let unit = -1;
  let fraction = 0;
  while (val >= 1024) {
    fraction = val;
    val = Math.floor(val / 1024);
    unit++;
  }
  if (unit < 0) return String(val);
  const u = "KMGTPE"[unit] ?? "";
  if (busybox) {
    let tenth = Math.floor(((fraction % 1024) * 10 + 512) / 1024);
    if (tenth >= 10) {
      val++;
      tenth = 0;
    }
    return `${val}.${tenth}${u}`;
  }
  const exact = bytes / 1024 ** (unit + 1);
  if (exact < 10) {
    const up = Math.ceil(exact * 10) / 10;
    return up >= 10 ? `10${u}` : `${up.toFixed(1)}${u}`;
  }
  return `${Math.ceil(exact)}${u}`;
}

/** 1K blocks a file or an empty directory takes: 4K blocks on the disk. */
const kblocks = (e: Entry) => (e.mode.startsWith("l") ? 0 : Math.ceil(e.size / 4096) * 4);

/** A directory's entries in the order readdir gives them here: its files, then its directories, each by name. */
export function listing(ctx: Ctx, dir: string): { name: string; path: string; entry: Entry }[] {
  const at = (n: string) => `${dir === "/" ? "" : dir}/${n}`;
  const all = (dirEntries(ctx, dir) ?? []).flatMap((n) => {
    const entry = entryAt(ctx, at(n), n);
    return entry ? [{ name: n, path: at(n), entry }] : [];
  });
  const isDir = (x: { entry: Entry }) => x.entry.mode.startsWith("d");
  const byName = (a: { name: string }, b: { name: string }) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  return [...all.filter((x) => !isDir(x)).sort(byName), ...all.filter(isDir).sort(byName)];
}

/** `du [-aschk] [-d N] [FILE]...`: 1K blocks under each operand, directories after what they hold. */
const du: Handler = (ctx) => {
  const bb = isBusybox(ctx);
  const opts = toolOptions(ctx, "du", "aHLd:clsxhmkb", [
    { name: "all", key: "a" },
    { name: "summarize", key: "s" },
    { name: "human-readable", key: "h" },
    { name: "max-depth", key: "d", value: "required" },
    { name: "total", key: "c" },
  ]);
  const f = new Set<string>();
  let maxDepth = Number.POSITIVE_INFINITY;
  for (const o of opts) {
    f.add(o.key);
    if (o.key === "d") maxDepth = Number(o.value);
  }
  if (f.has("s")) maxDepth = 0;
  const show = (k: number) =>
    f.has("h") ? human(k * 1024, bb) : f.has("m") ? String(Math.ceil(k / 1024)) : String(k);
  const seen = new Set<string>();
  let status = 0;
  let total = 0;
  const walk = (path: string, name: string, e: Entry, depth: number): number => {
    // Directories and hard-linked files are counted once, as busybox's and GNU's inode tables do.
    if (e.mode.startsWith("d") || e.links > 1) {
      const inode = [...hardLinks(ctx.world, ctx.frame, path)].sort()[0] ?? path;
      if (seen.has(inode)) return 0;
      seen.add(inode);
    }
    let size = kblocks(e);
    if (e.mode.startsWith("d")) {
      for (const child of listing(ctx, path))
        size += walk(child.path, `${name === "/" ? "" : name}/${child.name}`, child.entry, depth + 1);
    }
    if (depth <= maxDepth && (depth === 0 || e.mode.startsWith("d") || f.has("a")))
      ctx.out.write(`${show(size)}\t${name}\n`);
    return size;
  };
  for (const name of opts.operands.length > 0 ? opts.operands : ["."]) {
    const e = lookup(ctx, name);
    if (!e) {
      ctx.out.error(
        bb
          ? `du: ${name}: No such file or directory`
          : `du: cannot access '${name}': No such file or directory`,
      );
      status = 1;
      continue;
    }
    total += walk(resolvePath(ctx.frame.cwd, name), name, e, 0);
  }
  if (f.has("c")) ctx.out.write(`${show(total)}\ttotal\n`);
  return status;
};

/** The mounts of the container the command runs in. */
function mountsHere(ctx: Ctx): Mount[] {
  const c = containerOf(ctx.world, ctx.frame);
  return c ? containerMounts(c) : [];
}

/** busybox's `mount` with no operands lists the table; anything else needs privileges a container lacks. */
const mount: Handler = (ctx) => {
  const opts = toolOptions(ctx, "mount", "o:t:rwanfvsiO:T:");
  for (const _ of opts);
  if (opts.operands.length > 0) throw new ToolExit(1, "mount: permission denied (are you root?)\n");
  for (const m of mountsHere(ctx)) ctx.out.line(`${m.source} on ${m.target} type ${m.type} (${m.options})`);
  return 0;
};

/** The mount a path lies on: the longest mount point above it; Docker's /etc files share one device, found as the first. */
function mountOf(mounts: Mount[], path: string): Mount | undefined {
  const under = mounts.filter(
    (m) => m.blocks && (path === m.target || path.startsWith(m.target === "/" ? "/" : `${m.target}/`)),
  );
  const best = under.sort((a, b) => b.target.length - a.target.length)[0];
  return best?.source === "/dev/vda" ? mounts.find((m) => m.source === "/dev/vda") : best;
}

/** busybox's `df [-PkmhT] [FILESYSTEM]...` over the container's mounts. */
const df: Handler = (ctx) => {
  const opts = toolOptions(ctx, "df", "PkmhTaiB:t:");
  const f = new Set<string>();
  for (const o of opts) f.add(o.key);
  const mounts = mountsHere(ctx);
  const human = f.has("h");
  const size = (k: number) => (human ? humanSize(k) : f.has("m") ? String(Math.ceil(k / 1024)) : String(k));
  const type = f.has("T");
  const head = human ? "Size" : f.has("m") ? "1M-blocks" : f.has("P") ? "1024-blocks" : "1K-blocks";
  const headWide = f.has("P") && !human ? `${head}    Used` : `${head.padStart(9)} ${"Used".padStart(9)}`;
  ctx.out.line(
    `${"Filesystem".padEnd(20)} ${type ? `${"Type".padEnd(10)} ` : ""}${headWide} Available ${f.has("P") ? "Capacity" : "Use%"} Mounted on`,
  );
  let status = 0;
  const rows: Mount[] = [];
  for (const name of opts.operands) {
    const path = resolvePath(ctx.frame.cwd, name);
    const m = lookup(ctx, name) ? mountOf(mounts, path) : undefined;
    if (!m) {
      ctx.out.error(`df: ${name}: can't find mount point`);
      status = 1;
    } else rows.push(m);
  }
  for (const m of opts.operands.length > 0 ? rows : mounts.filter((x) => x.blocks)) {
    const [total, used, avail] = m.blocks ?? [0, 0, 0];
    const pct = used + avail === 0 ? 0 : Math.floor((used * 100 + (used + avail) / 2) / (used + avail));
    const fsType = m.source === "shm" ? "tmpfs" : m.type;
    ctx.out.line(
      `${m.source.padEnd(20)} ${type ? `${fsType.padEnd(10)} ` : ""}${size(total).padStart(9)} ${size(used).padStart(9)} ${size(avail).padStart(9)} ${`${pct}%`.padStart(4)} ${m.target}`,
    );
  }
  return status;
};

const humanSize = (k: number) => human(k * 1024, true);

export const commands: Command[] = [
  { name: "stat", where: ["host", "busybox", "debian"], run: stat },
  { name: "du", where: ["host", "busybox", "debian"], run: du },
  { name: "df", where: ["busybox"], run: df },
  { name: "mount", where: ["busybox"], run: mount },
];
