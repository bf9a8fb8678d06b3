/**
 * The files a place can read: Docker's generated /etc files inside containers, the host's own
 * /etc files, /proc entries the tutorials read, and whatever the user wrote with a redirection.
 */
import { hostResolvConf, hostsFile, resolvConf } from "../engine/docker/etc-files";
import { hostOf } from "../engine/docker/host";
import type { World } from "../engine/world";
import { containerOf } from "./place";
import type { Frame } from "./types";

const HOST_HOSTS = [
  "127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4",
  "::1         localhost localhost.localdomain localhost6 localhost6.localdomain6",
  "",
].join("\n");

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
  if (path === "/etc/hosts") return HOST_HOSTS;
  if (path === "/etc/resolv.conf")
    return machine.docker ? hostResolvConf(hostOf(world, machine.name)) : undefined;
  if (path === "/etc/hostname") return `${machine.hostname}\n`;
  if (path === "/proc/sys/net/ipv4/ip_forward") {
    const ns = world.netns[frame.netns ?? machine.rootNs];
    return ns?.ipForward ? "1\n" : "0\n";
  }
  return undefined;
}

/** Directories that exist on every system; others appear with `mkdir` or `ip netns add`. */
const STANDARD_DIRS = [
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
