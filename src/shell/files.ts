/**
 * The files a place can read: Docker's generated /etc files inside containers, the host's own
 * /etc files, /proc entries the tutorials read, and whatever the user wrote with a redirection.
 */
import { hostMachineHosts, hostResolvConf, hostsFile, resolvConf } from "../engine/docker/etc-files";
import { hostOf } from "../engine/docker/host";
import type { World } from "../engine/world";
import { containerOf } from "./place";
import type { Frame } from "./types";

export function readFile(world: World, frame: Frame, path: string): string | undefined {
  const machine = world.machines[frame.machine];
  if (!machine) return undefined;
  const c = containerOf(world, frame);
  if (c && machine.docker) {
    const host = hostOf(world, machine.name);
    if (path in c.files) return c.files[path];
    if (path === "/etc/hosts") return hostsFile(host, c);
    if (path === "/etc/resolv.conf") return resolvConf(host, c);
    if (path === "/etc/hostname") return `${c.config.hostname}\n`;
    return undefined;
  }
  if (path in machine.fs.files) return machine.fs.files[path];
  if (path === "/etc/hosts" && machine.docker) return hostMachineHosts(hostOf(world, machine.name));
  if (path === "/etc/resolv.conf")
    return machine.docker
      ? hostResolvConf(hostOf(world, machine.name))
      : machine.nameservers.map((s) => `nameserver ${s}\n`).join("");
  if (path === "/etc/hostname") return `${machine.hostname}\n`;
  if (path === "/proc/sys/net/ipv4/ip_forward") {
    const ns = world.netns[frame.netns ?? machine.rootNs];
    return ns?.ipForward ? "1\n" : "0\n";
  }
  return undefined;
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
  if (frame.container)
    return Object.keys(containerOf(world, frame)?.files ?? {}).some((f) => f.startsWith(`${clean}/`));
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
