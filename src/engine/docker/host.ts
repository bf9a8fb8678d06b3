/** What every daemon operation works on: the world, the Docker host's machine, its daemon and root namespace. */
import { getNs } from "../linux/kernel";
import type { Netns } from "../linux/types";
import { randHex, randInt } from "../rng";
import type { Machine, World } from "../world";
import type { Daemon } from "./types";

/** dockerd's pid on every Docker host as it boots (the owner of its sockets in `ss -p`). */
export const DOCKERD_PID = 845;

/** How dockerd runs under Debian's docker.service. */
export const DOCKERD_COMMAND = "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock";

export interface Host {
  world: World;
  machine: Machine;
  daemon: Daemon;
  ns: Netns;
}

export function hostOf(world: World, name: string): Host {
  const machine = world.machines[name];
  if (!machine?.docker) throw new Error(`${name} is not a Docker host`);
  return { world, machine, daemon: machine.docker, ns: getNs(world, machine.rootNs) };
}

export function newId(host: Host): string {
  return randHex(host.world.rng, 64);
}

/** Docker's bridge and veth MACs: random, locally administered. Bridges Docker makes start 02:42. */
export function randomMac(host: Host, prefix?: string): string {
  const bytes: string[] = prefix ? prefix.split(":") : [];
  if (!prefix) {
    // A random unicast, locally administered first octet, as the kernel's eth_random_addr picks.
    bytes.push(((randInt(host.world.rng, 0, 255) & 0xfe) | 0x02).toString(16).padStart(2, "0"));
  }
  while (bytes.length < 6) bytes.push(randHex(host.world.rng, 2));
  return bytes.join(":");
}

/** Container MACs are derived from their IPv4 address: 02:42 and the four octets in hex. */
export function macForIp(ip: string): string {
  return ["02", "42", ...ip.split(".").map((o) => Number(o).toString(16).padStart(2, "0"))].join(":");
}

/**
 * A new process on the host, with a PID a little above the last one as on a busy system (or exactly
 * `step` above it, as for the IPv6 docker-proxy that follows the IPv4 one).
 */
export function spawn(host: Host, command: string, netns: string, container?: string, step?: number): number {
  host.machine.nextPid += step ?? randInt(host.world.rng, 3, 40);
  const pid = host.machine.nextPid;
  host.machine.procs[String(pid)] = { pid, netns, command, ...(container ? { container } : {}) };
  return pid;
}

export function kill(host: Host, pid: number): void {
  delete host.machine.procs[String(pid)];
}

/** The running dockerd's pid (a restart gives it a new one); undefined while it is stopped. */
export function dockerdPid(host: Host): number | undefined {
  // The boot pid first: a daemon never restarted has it, and the process table grows with every
  // container (this is asked at each start on a user network).
  if (host.machine.procs[String(DOCKERD_PID)]?.command === DOCKERD_COMMAND) return DOCKERD_PID;
  return Object.values(host.machine.procs).find((p) => p.command === DOCKERD_COMMAND)?.pid;
}
