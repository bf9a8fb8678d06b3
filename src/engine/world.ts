/**
 * The whole simulated world as one plain, JSON-serializable value: the seeded random generator, the
 * virtual clock, every network namespace of every machine, and each machine's processes, files and
 * (on Docker hosts) daemon state. Nothing outside this value influences a command's result.
 */
import type { Daemon } from "./docker/types";
import type { FileMeta } from "./files";
import type { NetnsTable } from "./linux/kernel";
import type { Netns, NetnsId } from "./linux/types";
import type { PacketState } from "./packet/types";
import type { RngState } from "./rng";
import type { Swarm } from "./swarm/types";

/**
 * The shape of a saved world; a saved lab of another version is set aside (store/persist.ts).
 * 2: netfilter tables created on first use, link counters on first packet, id pools for nsids and
 * bridge ports, addresses allocated in address order, the daemon's next exit time.
 * 3: each daemon's era (the Docker release it runs).
 */
export const WORLD_VERSION = 3;

/** Where a new world's clock starts, unless told otherwise; the machines' own files date from then. */
export const DEFAULT_START = Date.UTC(2026, 10, 23, 9, 0, 0);

export interface Process {
  pid: number;
  netns: NetnsId;
  command: string;
  /** The container this process belongs to, when it is one's init. */
  container?: string;
  /** Its parent, where the lab knows it (a shell's background job); systemd (1) otherwise. */
  ppid?: number;
}

interface Filesystem {
  /** Directories that exist beyond the ones every system has. */
  dirs: string[];
  files: Record<string, string>;
  symlinks: Record<string, string>;
  /** The machine's own files (its /etc/hostname, /etc/hosts …) that a root shell removed. */
  removed?: string[];
  /** Times, modes and hard links of what was written or made there, by path (engine/files.ts). */
  meta?: Record<string, FileMeta>;
}

export type MachineKind = "docker-host" | "laptop" | "router" | "server";

export interface Machine {
  name: string;
  kind: MachineKind;
  hostname: string;
  rootNs: NetnsId;
  nextPid: number;
  procs: Record<string, Process>;
  fs: Filesystem;
  /** Resolvers from the machine's /etc/resolv.conf. */
  nameservers: string[];
  /** Names only this machine knows (/etc/hosts beyond localhost). */
  hosts: Record<string, string>;
  docker?: Daemon;
  /** Services listening without a container (a web server on the internet, the public resolver). */
  services?: { proto: "tcp" | "udp"; port: number; app: string }[];
  /** When it booted (virtual ms), for `uptime`; absent in labs saved before it was kept. */
  bootedAt?: number;
  /** Routers this machine stands for (an ISP core): forwarding through it costs that many more TTL. */
  hiddenHops?: number;
}

export interface World extends NetnsTable {
  version: number;
  seed: number;
  rng: RngState;
  /** Virtual time in milliseconds since the Unix epoch. */
  clock: number;
  netns: Record<NetnsId, Netns>;
  machines: Record<string, Machine>;
  /** Display names the world gives to public addresses (the internet's DNS zone). */
  zone: Record<string, string>;
  /** Trace numbering and live packet captures (tcpdump), kept by the datapath. */
  packets?: PacketState;
  /**
   * Programs running in containers with no terminal (a main script's `sleep 2; exit 3`, a
   * `docker exec -d … ping -c 4`): the shell's live processes, resumed as the clock moves.
   */
  jobs?: { main?: boolean; process: unknown }[];
  /** Swarm clusters, by cluster ID: what their managers keep (nodes, overlay networks, services, tasks). */
  swarms?: Record<string, Swarm>;
}

/** Moves the virtual clock forward to `t`, never back: what happens next is stamped then. */
export function advanceClock(world: World, t: number): void {
  if (t > world.clock) world.clock = t;
}
