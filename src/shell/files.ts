/**
 * The files a place can read (engine/files.ts: Docker's generated /etc files inside containers, the
 * host's own, /proc entries the tutorials read, whatever the user wrote) and writes with a redirection.
 */
import { defaultMtime, type FileMeta, readMachineFile } from "../engine/files";
import type { World } from "../engine/world";
import { containerOf } from "./place";
import type { Frame } from "./types";

/** The symbolic links where the frame runs: the container's own (made on first use), else the machine's. */
export function symlinksOf(world: World, frame: Frame): Record<string, string> {
  const c = containerOf(world, frame);
  if (c) {
    c.symlinks ??= {};
    return c.symlinks;
  }
  return world.machines[frame.machine]?.fs.symlinks ?? {};
}

/** What a file reads as, through the symbolic links on its way (as the kernel, at most 40 of them). */
export function readFile(world: World, frame: Frame, path: string): string | undefined {
  const links = containerOf(world, frame)?.symlinks ?? world.machines[frame.machine]?.fs.symlinks ?? {};
  let at = path;
  for (let hops = 0; hops < 40 && Object.hasOwn(links, at); hops++) {
    const target = links[at] ?? "";
    at = resolvePath(at.slice(0, at.lastIndexOf("/")) || "/", target);
  }
  return readMachineFile(world, frame.machine, containerOf(world, frame), frame.netns, at);
}

/** The files a write lands in: the container's own when the frame is inside one, else the machine's. */
function writableFiles(world: World, frame: Frame): Record<string, string> | undefined {
  const c = containerOf(world, frame);
  return c ? c.files : world.machines[frame.machine]?.fs.files;
}

/**
 * Whether a write at `path` fails with EROFS: in a `--read-only` container everything but /dev is
 * read-only, Docker's /etc/hosts, /etc/hostname and /etc/resolv.conf included.
 */
export function readOnly(world: World, frame: Frame, path: string): boolean {
  const c = containerOf(world, frame);
  const full = resolvePath(frame.cwd, path);
  return c?.hostConfig.readonlyRootfs === true && full !== "/dev" && !full.startsWith("/dev/");
}

/** Writes (or appends to) a file where the frame runs; /dev/null swallows everything. */
export function writeFile(world: World, frame: Frame, path: string, text: string, append = false): void {
  const full = resolvePath(frame.cwd, path);
  const files = writableFiles(world, frame);
  if (full === "/dev/null" || !files) return;
  // Appending to a file nobody wrote yet starts from what it reads as (Docker's /etc/hosts …).
  const before = append ? (files[full] ?? readFile(world, frame, full) ?? "") : "";
  if (!Object.hasOwn(files, full)) touched(world, frame, parentOf(full));
  for (const name of hardLinks(world, frame, full)) {
    files[name] = before + text;
    touched(world, frame, name);
  }
  const machine = world.machines[frame.machine];
  if (!containerOf(world, frame) && machine?.fs.removed)
    machine.fs.removed = machine.fs.removed.filter((p) => p !== full);
}

const parentOf = (path: string) => path.slice(0, path.lastIndexOf("/")) || "/";

/** The times, modes and links kept where the frame runs (made on first use). */
export function metaTable(world: World, frame: Frame): Record<string, FileMeta> {
  const c = containerOf(world, frame);
  if (c) {
    c.meta ??= {};
    return c.meta;
  }
  const fs = world.machines[frame.machine]?.fs;
  if (!fs) return {};
  fs.meta ??= {};
  return fs.meta;
}

/** Marks `path` modified at `mtime` (now, unless told), keeping its mode and links. */
export function touched(world: World, frame: Frame, path: string, mtime = world.clock): void {
  const table = metaTable(world, frame);
  const meta: FileMeta = { ...table[path], mtime };
  if (mtime === world.clock) delete meta.ctime;
  else meta.ctime = world.clock;
  table[path] = meta;
}

/** What is kept of `path` where the frame runs, if anything (reading makes no table). */
export function metaOf(world: World, frame: Frame, path: string): FileMeta | undefined {
  const c = containerOf(world, frame);
  return (c ? c.meta : world.machines[frame.machine]?.fs.meta)?.[path];
}

/** When `path` was last modified where the frame runs. */
export function mtimeOf(world: World, frame: Frame, path: string): number {
  return metaOf(world, frame, path)?.mtime ?? defaultMtime(containerOf(world, frame));
}

/** Every name of the file at `path` (hard links share an inode), itself first. */
export function hardLinks(world: World, frame: Frame, path: string): string[] {
  const inode = metaOf(world, frame, path)?.inode;
  if (inode === undefined) return [path];
  const table = metaTable(world, frame);
  return [path, ...Object.keys(table).filter((p) => p !== path && table[p]?.inode === inode)];
}

/** Forgets what was kept of `path` (it was removed), and dates its directory's change. */
export function forget(world: World, frame: Frame, path: string): void {
  const table = metaTable(world, frame);
  delete table[path];
  touched(world, frame, parentOf(path));
}

/** Whether anything written or made lies below `dir` where the frame runs. */
export function hasEntries(world: World, frame: Frame, dir: string): boolean {
  const prefix = `${dir}/`;
  const c = containerOf(world, frame);
  const dirs = c ? (c.dirs ?? []) : (world.machines[frame.machine]?.fs.dirs ?? []);
  return [...Object.keys(writableFiles(world, frame) ?? {}), ...dirs].some((p) => p.startsWith(prefix));
}

/** Makes the directory `dir` (its parent exists) now, with `mode` when not 0755. */
export function makeDir(world: World, frame: Frame, dir: string, mode?: number): void {
  madeDirs(world, frame)?.push(dir);
  touched(world, frame, parentOf(dir));
  touched(world, frame, dir);
  if (mode !== undefined) metaTable(world, frame)[dir] = { mtime: world.clock, mode };
}

/** The directories made with `mkdir` where the frame runs (the list to add to). */
export function madeDirs(world: World, frame: Frame): string[] | undefined {
  const c = containerOf(world, frame);
  if (c) {
    c.dirs ??= [];
    return c.dirs;
  }
  return world.machines[frame.machine]?.fs.dirs;
}

/**
 * Removes a file where the frame runs; false when there is none there that can be removed. On a
 * machine, root removes its own generated files too (/etc/hostname …); the kernel's (/proc, /sys)
 * and, in a container, Docker's bind-mounted /etc files stay.
 */
export function removeFile(world: World, frame: Frame, path: string): boolean {
  const files = writableFiles(world, frame);
  const full = resolvePath(frame.cwd, path);
  if (files && Object.hasOwn(files, full)) {
    delete files[full];
    forget(world, frame, full);
    return true;
  }
  const machine = world.machines[frame.machine];
  if (containerOf(world, frame) || !machine || /^\/(proc|sys)\//.test(full)) return false;
  if (readFile(world, frame, full) === undefined) return false;
  machine.fs.removed = [...(machine.fs.removed ?? []), full];
  return true;
}

export function fileExists(world: World, frame: Frame, path: string): boolean {
  const files = writableFiles(world, frame);
  return files !== undefined && resolvePath(frame.cwd, path) in files;
}

/** Directories that exist on every system; others appear with `mkdir` or `ip netns add`. */
export const STANDARD_DIRS = [
  "/",
  "/etc",
  "/proc",
  "/root",
  "/tmp",
  "/usr",
  "/var",
  "/var/run",
  "/run",
  "/bin",
  "/sbin",
  "/usr/bin",
  "/usr/local",
  "/home",
  "/dev",
];

export function dirExists(world: World, frame: Frame, path: string): boolean {
  const machine = world.machines[frame.machine];
  if (!machine) return false;
  const clean = path.length > 1 ? path.replace(/\/+$/, "") : path;
  if (STANDARD_DIRS.includes(clean)) return true;
  if (frame.container) {
    const c = containerOf(world, frame);
    const within = [...Object.keys(c?.files ?? {}), ...(c?.dirs ?? [])];
    return within.some((f) => f === clean || f.startsWith(`${clean}/`));
  }
  return (
    machine.fs.dirs.includes(clean) || (clean === "/run/netns" && machine.fs.dirs.includes("/var/run/netns"))
  );
}

export function resolvePath(cwd: string, path: string): string {
  const parts = (path.startsWith("/") ? path : `${cwd}/${path}`).split("/");
  const out: string[] = [];
  for (const part of parts) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}
