/**
 * The files a place can read (engine/files.ts: Docker's generated /etc files inside containers, the
 * host's own, /proc entries the tutorials read, whatever the user wrote) and writes with a redirection.
 */
import { readMachineFile } from "../engine/files";
import type { World } from "../engine/world";
import { containerOf } from "./place";
import type { Frame } from "./types";

export function readFile(world: World, frame: Frame, path: string): string | undefined {
  return readMachineFile(world, frame.machine, containerOf(world, frame), frame.netns, path);
}

/** The files a write lands in: the container's own when the frame is inside one, else the machine's. */
function writableFiles(world: World, frame: Frame): Record<string, string> | undefined {
  const c = containerOf(world, frame);
  return c ? c.files : world.machines[frame.machine]?.fs.files;
}

/** Writes (or appends to) a file where the frame runs; /dev/null swallows everything. */
export function writeFile(world: World, frame: Frame, path: string, text: string, append = false): void {
  const full = resolvePath(frame.cwd, path);
  const files = writableFiles(world, frame);
  if (full === "/dev/null" || !files) return;
  files[full] = (append ? (files[full] ?? "") : "") + text;
}

/** Removes a file the frame could have written; false when there is none there to remove. */
export function removeFile(world: World, frame: Frame, path: string): boolean {
  const files = writableFiles(world, frame);
  const full = resolvePath(frame.cwd, path);
  if (!files || !Object.hasOwn(files, full)) return false;
  delete files[full];
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
    return !!c?.dirs?.includes(clean) || Object.keys(c?.files ?? {}).some((f) => f.startsWith(`${clean}/`));
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
