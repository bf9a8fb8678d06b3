/** Finding containers and networks the way the daemon does: full ID, name, or a unique ID prefix. */
import { DaemonError, NotFound } from "./errors";
import type { Container, Daemon, Network } from "./types";

/**
 * The daemon's containers by full ID and by name, so that finding one does not read them all.
 * Derived data: rebuilt when daemon.containers is another array or has another length (a container
 * created or removed, a daemon fresh from JSON); names change only through renameTo, which keeps it.
 */
interface ContainerIndex {
  list: Container[];
  length: number;
  byId: Map<string, Container>;
  byName: Map<string, Container>;
}

const indexes = new WeakMap<Daemon, ContainerIndex>();

function containerIndex(daemon: Daemon): ContainerIndex {
  const list = daemon.containers;
  let index = indexes.get(daemon);
  if (!index || index.list !== list || index.length !== list.length) {
    index = {
      list,
      length: list.length,
      byId: new Map(list.map((c) => [c.id, c])),
      byName: new Map(list.map((c) => [c.name, c])),
    };
    indexes.set(daemon, index);
  }
  return index;
}

/** Adds a new container to the daemon's list. */
export function addContainer(daemon: Daemon, c: Container): void {
  const index = containerIndex(daemon);
  daemon.containers.push(c);
  index.length++;
  index.byId.set(c.id, c);
  index.byName.set(c.name, c);
}

/** Renames a container (the daemon has checked the name is free). */
export function renameTo(daemon: Daemon, c: Container, name: string): void {
  const index = containerIndex(daemon);
  index.byName.delete(c.name);
  c.name = name;
  index.byName.set(name, c);
}

/** The container with this full ID: how the lab's own records (links, processes, frames) name one. */
export function containerById(daemon: Daemon | undefined, id: string | undefined): Container | undefined {
  return id === undefined || !daemon ? undefined : containerIndex(daemon).byId.get(id);
}

export function containerNamed(daemon: Daemon, name: string): Container | undefined {
  return containerIndex(daemon).byName.get(name);
}

export function findContainer(daemon: Daemon, ref: string): Container | undefined {
  const name = ref.startsWith("/") ? ref.slice(1) : ref;
  // A full ID first, then a name, as the daemon's GetContainer looks.
  const exact = containerById(daemon, ref) ?? containerNamed(daemon, name);
  if (exact) return exact;
  if (!/^[0-9a-f]+$/.test(ref)) return undefined;
  const matches = daemon.containers.filter((c) => c.id.startsWith(ref));
  if (matches.length > 1) throw new DaemonError(`multiple IDs found with provided prefix: ${ref}`, 400);
  return matches[0];
}

export function requireContainer(daemon: Daemon, ref: string): Container {
  const found = findContainer(daemon, ref);
  if (!found) throw new NotFound(`No such container: ${ref}`);
  return found;
}

/** Networks match by full ID, then exact name, then ID prefix (Docker's order of precedence). */
export function findNetwork(daemon: Daemon, ref: string): Network | undefined {
  const byId = daemon.networks.find((n) => n.id === ref);
  if (byId) return byId;
  const byName = daemon.networks.find((n) => n.name === ref);
  if (byName) return byName;
  if (!/^[0-9a-f]+$/.test(ref)) return undefined;
  const matches = daemon.networks.filter((n) => n.id.startsWith(ref));
  return matches.length === 1 ? matches[0] : undefined;
}

export function networkById(daemon: Daemon, id: string): Network {
  const found = daemon.networks.find((n) => n.id === id);
  if (!found) throw new Error(`dangling network id ${id}`);
  return found;
}

export function isRunning(c: Container): boolean {
  return c.state.status === "running" || c.state.status === "paused";
}

/** Networks the user created (not bridge, host, none): they have the embedded DNS server and aliases. */
export function isUserDefined(network: Network): boolean {
  return !["bridge", "host", "none"].includes(network.name);
}

/** A container the swarm runs for a service task (it may use networks that are not attachable). */
export function isTaskContainer(c: Container): boolean {
  return c.config.labels["com.docker.swarm.task.id"] !== undefined;
}

/** Docker's /etc files are bind mounts from the host: writing to them leaves the container's layer as it was. */
const BIND_MOUNTED = new Set(["/etc/hosts", "/etc/resolv.conf", "/etc/hostname"]);

/** SizeRw: the bytes of the files the container wrote into its own layer. */
export function writtenBytes(c: Container): number {
  const encoder = new TextEncoder();
  return Object.entries(c.files)
    .filter(([path]) => !BIND_MOUNTED.has(path))
    .reduce((sum, [, text]) => sum + encoder.encode(text).length, 0);
}
