/**
 * What a file reads as on a machine or in one of its containers: what the user wrote there, else
 * Docker's generated /etc files in a container, the machine's own /etc files, and the /proc entries
 * the tutorials and Docker's tests read. The shell's tools and the engine's own probe (a name looked
 * up as the resolver does) read through here.
 */
import { hostMachineHosts, hostResolvConf, hostsFile, resolvConf } from "./docker/etc-files";
import { hostOf } from "./docker/host";
import { containerSpec } from "./docker/images";
import { procMounts } from "./docker/mounts";
import type { Container } from "./docker/types";
import { containerUserFile, userFile } from "./docker/users";
import { DEFAULT_START, type World } from "./world";

/**
 * What the lab keeps of a file or directory beside its contents (optional, so labs saved before it
 * load: a file without it dates from its container's creation, or on a machine from the world's start).
 */
export interface FileMeta {
  /** Last modification, in ms since the epoch: when written, made or touched. */
  mtime: number;
  /** Last change of the file or its times, when not its mtime (`touch -d` dates a file in the past now). */
  ctime?: number;
  /** Permission bits when not the usual 0644 for a file, 0755 for a directory (mktemp's 0600, 0700). */
  mode?: number;
  /** Names `link` joined share a number: one file under several names, written and counted together. */
  inode?: number;
}

/** When something with no FileMeta was last modified: in a container its creation (Docker's files, the
 * image's as unpacked), on a machine the world's start. */
export function defaultMtime(container: Container | undefined): number {
  return container ? container.created : DEFAULT_START;
}

/** The files every lab machine has of its own (until a root shell removes one). */
export const MACHINE_OWN_FILES = ["/etc/hostname", "/etc/hosts", "/etc/resolv.conf"];

/** The image's own files beyond its programs: its users and groups (37-file-applets, 44-moby-lifecycle). */
function imageFiles(container: Container): Record<string, string> {
  const flavor = containerSpec(container).flavor;
  return { "/etc/passwd": userFile(flavor, "/etc/passwd"), "/etc/group": userFile(flavor, "/etc/group") };
}

/** busybox's /etc/mtab is a link to the kernel's mount table. */
const hasMtabLink = (container: Container) => containerSpec(container).flavor === "busybox";

/** The files a container has that nobody wrote into it: Docker's, the image's, /.dockerenv; and its symbolic links. */
export function containerOwnFiles(container: Container): { files: string[]; links: Record<string, string> } {
  const image = imageFiles(container);
  return {
    files: ["/.dockerenv", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf", ...Object.keys(image)],
    links: hasMtabLink(container) ? { "/etc/mtab": "/proc/mounts" } : {},
  };
}

/** `container` when the reader runs in one; `netns` the namespace it runs in when not its machine's own. */
export function readMachineFile(
  world: World,
  machineName: string,
  container: Container | undefined,
  netns: string | undefined,
  path: string,
): string | undefined {
  const machine = world.machines[machineName];
  if (!machine) return undefined;
  const sys = /^\/sys\/class\/net\/([^/]+)\/(address|mtu|ifindex|iflink|operstate)$/.exec(path);
  if (sys) return sysNetFile(world, netns ?? container?.netns ?? machine.rootNs, sys[1] ?? "", sys[2] ?? "");
  if (container && machine.docker) {
    const host = hostOf(world, machine.name);
    if (path in container.files) return container.files[path];
    if (path === "/etc/passwd" || path === "/etc/group") return containerUserFile(container, path);
    if (path === "/etc/hosts") return hostsFile(host, container);
    if (path === "/etc/resolv.conf") return resolvConf(host, container);
    if (path === "/etc/hostname") return `${container.config.hostname}\n`;
    if (path === "/proc/sys/kernel/hostname") return `${container.config.hostname}\n`;
    if (path === "/proc/sys/kernel/domainname") return `${container.config.domainname || "(none)"}\n`;
    if (
      path === "/proc/mounts" ||
      path === "/proc/self/mounts" ||
      (path === "/etc/mtab" && hasMtabLink(container))
    )
      return procMounts(container);
    if (path === "/.dockerenv") return "";
    return imageFiles(container)[path];
  }
  if (path in machine.fs.files) return machine.fs.files[path];
  if (machine.fs.removed?.includes(path)) return undefined;
  if (path === "/etc/hosts" && machine.docker) return hostMachineHosts(hostOf(world, machine.name));
  if (path === "/etc/resolv.conf")
    return machine.docker
      ? hostResolvConf(hostOf(world, machine.name))
      : machine.nameservers.map((s) => `nameserver ${s}\n`).join("");
  if (path === "/etc/hostname" || path === "/proc/sys/kernel/hostname") return `${machine.hostname}\n`;
  if (path === "/proc/sys/kernel/domainname") return "(none)\n";
  if (path === "/proc/sys/net/ipv4/ip_forward") {
    const ns = world.netns[netns ?? machine.rootNs];
    return ns?.ipForward ? "1\n" : "0\n";
  }
  return undefined;
}

/** /sys/class/net/IF/{address,mtu,ifindex,iflink,operstate}: the link as the namespace has it. */
function sysNetFile(world: World, netns: string, ifname: string, field: string): string | undefined {
  const link = world.netns[netns]?.links.find((l) => l.name === ifname);
  if (!link) return undefined;
  const ns = world.netns[netns];
  // A veth has carrier when its peer is up; a bridge when one of its ports has.
  const carrier =
    link.up &&
    (link.kind === "veth" && link.peer
      ? peerUp(world, link.peer)
      : link.kind === "bridge"
        ? (ns?.links.some((p) => p.master === link.ifindex && p.up) ?? false)
        : true);
  const values: Record<string, string> = {
    address: link.mac,
    mtu: String(link.mtu),
    ifindex: String(link.ifindex),
    iflink: String(link.peer && link.kind === "veth" ? link.peer.ifindex : link.ifindex),
    operstate: link.name === "lo" ? "unknown" : carrier ? "up" : "down",
  };
  return `${values[field]}\n`;
}

function peerUp(world: World, peer: { netns: string; ifindex: number }): boolean {
  return world.netns[peer.netns]?.links.find((l) => l.ifindex === peer.ifindex)?.up === true;
}
