/**
 * Docker hosts on the LAN. host1 is there from the start; a student adds host2, host3 … (each a
 * fresh Docker 26 daemon with its eth0 on the switch, named in the router's DNS) and removes one
 * when nothing on it is left. Addresses follow the two-host instrument the multi-host recordings
 * come from: its h2 is 192.168.0.102 (host1's address) and its h1 192.168.0.101, which host2 takes;
 * later hosts take the next free addresses (the laptop keeps .105).
 */
import { bootHost, LAN, machine, plugIntoLan, startDaemon } from "./create-world";
import { eraOfWorld } from "./docker/era";
import { deleteLink, deleteNetns, getNs, linkByName, peerOf } from "./linux/kernel";
import type { Machine, World } from "./world";

/**
 * Why a host cannot be added or removed. No real tool says these, so the shell words them in the
 * student's language (shell/commands/lab.ts); the engine keeps only the facts.
 */
export type HostRefusal =
  | { kind: "full"; max: number }
  | { kind: "no-lan" }
  | { kind: "lan-full" }
  | { kind: "unknown"; name: string }
  | { kind: "first"; name: string }
  | { kind: "containers"; name: string; containers: string[] }
  | { kind: "swarm"; name: string };

export class HostError extends Error {
  constructor(readonly refusal: HostRefusal) {
    super(`${refusal.kind}${"name" in refusal ? `: ${refusal.name}` : ""}`);
  }
}

/** The Docker hosts, in the order they were added. */
export function dockerHosts(world: World): Machine[] {
  return Object.values(world.machines).filter((m) => m.kind === "docker-host");
}

/** The LAN address of a machine: its eth0's. */
export function lanAddress(world: World, m: Machine): string | undefined {
  return linkByName(getNs(world, m.rootNs), "eth0")?.addrs[0]?.ip;
}

function takenAddresses(world: World): Set<string> {
  const taken = new Set<string>([LAN.gateway, LAN.laptop]);
  for (const m of Object.values(world.machines)) {
    const ip = world.netns[m.rootNs] ? lanAddress(world, m) : undefined;
    if (ip) taken.add(ip);
  }
  return taken;
}

/** The next host's name and address: the lowest free hostN, and .101, then .103, .104 … */
function nextHost(world: World): { name: string; ip: string } {
  let n = 2;
  while (world.machines[`host${n}`]) n++;
  const taken = takenAddresses(world);
  for (let last = 101; last < 255; last++) {
    const ip = `192.168.0.${last}`;
    if (!taken.has(ip)) return { name: `host${n}`, ip };
  }
  throw new HostError({ kind: "lan-full" });
}

/** At most this many Docker hosts: the graph stays readable, and so does a student's swarm. */
const MAX_HOSTS = 5;

/** Adds a Docker host on the LAN with a freshly started daemon (busybox and alpine present, as on host1). */
export function addDockerHost(world: World): Machine {
  if (dockerHosts(world).length >= MAX_HOSTS) throw new HostError({ kind: "full", max: MAX_HOSTS });
  if (!world.netns.lan || !linkByName(getNs(world, "lan"), "lan0")) throw new HostError({ kind: "no-lan" });
  const { name, ip } = nextHost(world);
  const host = machine(world, name, "docker-host");
  plugIntoLan(world, host.ns, ip);
  bootHost(world, host.m, host.ns);
  const router = world.machines.router;
  if (router) router.hosts[name] = ip;
  const first = dockerHosts(world)[0]?.docker;
  startDaemon(
    world,
    name,
    first ? first.images.filter((i) => BASE_IMAGES.includes(i.ref)).map((i) => i.ref) : BASE_IMAGES,
    eraOfWorld(world),
  );
  return host.m;
}

const BASE_IMAGES = ["busybox:latest", "alpine:latest"];

/**
 * What keeps a host from being removed: being host1 (the lab's own), containers on it, or its
 * daemon being in a swarm; undefined when it can go.
 */
export function removalBlocker(world: World, name: string): HostRefusal | undefined {
  const m = world.machines[name];
  if (m?.kind !== "docker-host") return { kind: "unknown", name };
  if (dockerHosts(world)[0] === m) return { kind: "first", name };
  const containers = m.docker?.containers ?? [];
  if (containers.length > 0) return { kind: "containers", name, containers: containers.map((c) => c.name) };
  if (m.docker?.swarm) return { kind: "swarm", name };
  return undefined;
}

/** Unplugs a host from the LAN and removes its machine and namespaces (see removalBlocker). */
export function removeDockerHost(world: World, name: string): void {
  const blocker = removalBlocker(world, name);
  if (blocker) throw new HostError(blocker);
  const eth0 = linkByName(getNs(world, world.machines[name]?.rootNs ?? name), "eth0");
  const port = eth0 && peerOf(world, eth0);
  if (port) deleteLink(world, port.ns, port.link);
  for (const id of Object.keys(world.netns)) {
    if (world.netns[id]?.machine === name) deleteNetns(world, id);
  }
  delete world.machines[name];
  const router = world.machines.router;
  if (router) delete router.hosts[name];
}
