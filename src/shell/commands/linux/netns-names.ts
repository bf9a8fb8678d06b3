/**
 * Network namespace names as iproute2 sees them: the entries of /var/run/netns. `ip netns add NAME`
 * makes a namespace with its own name (its id: engine/netns-id.ts); a student can also link a
 * process's namespace there by hand (`ln -s /proc/PID/ns/net /var/run/netns/NAME`, seed 002).
 */
import { nsidOf } from "../../../engine/linux/kernel";
import type { Netns, NetnsId } from "../../../engine/linux/types";
import { netnsIds, netnsPlace } from "../../../engine/netns-id";
import type { Machine, World } from "../../../engine/world";
import type { Ctx } from "../../types";

export const NETNS_DIR = "/var/run/netns";

export interface NamedNetns {
  name: string;
  /** The namespace the entry opens; undefined when it cannot be opened (a dangling link). */
  netns: NetnsId | undefined;
  /** Made by `ip netns add` (bind mount) rather than linked by hand. */
  added: boolean;
}

/**
 * The machine whose /var/run/netns and process table a place sees: the host's from the host (and
 * from `ip netns exec`), none from inside a container, which has its own mount and PID namespaces.
 */
export function namesMachine(ctx: Ctx): Machine | undefined {
  return ctx.place.kind === "host" ? ctx.world.machines[ctx.place.machine] : undefined;
}

export function addedNetnsId(machine: Machine, name: string): NetnsId {
  return netnsIds.named(machine.name, name);
}

function entryName(path: string): string | undefined {
  for (const dir of [NETNS_DIR, "/run/netns"]) {
    if (path.startsWith(`${dir}/`) && !path.slice(dir.length + 1).includes("/"))
      return path.slice(dir.length + 1);
  }
  return undefined;
}

/** Where a link leads: /proc/PID/ns/net is that process's namespace, while the process lives. */
function resolveTarget(machine: Machine, target: string): NetnsId | undefined {
  const proc = /^\/proc\/(\d+)\/ns\/net$/.exec(target);
  return proc ? machine.procs[proc[1] ?? ""]?.netns : undefined;
}

/** The entries of /var/run/netns: hand-made links first, then namespaces `ip netns add` made. */
export function namedNetns(world: World, machine: Machine): NamedNetns[] {
  const linked = Object.entries(machine.fs.symlinks).flatMap(([path, target]) => {
    const name = entryName(path);
    return name === undefined ? [] : [{ name, netns: resolveTarget(machine, target), added: false }];
  });
  const prefix = addedNetnsId(machine, "");
  const added = Object.keys(world.netns)
    .filter((id) => id.startsWith(prefix))
    .map((id) => ({ name: id.slice(prefix.length), netns: id, added: true }));
  return [...linked, ...added];
}

export function findNamedNetns(world: World, machine: Machine, name: string): NamedNetns | undefined {
  return namedNetns(world, machine).find((n) => n.name === name);
}

/**
 * The name iproute2 prints for the namespace a view calls `nsid` (`link-netns NAME`): the entry whose
 * namespace the viewing namespace already numbers so.
 */
export function nameForNsid(world: World, machine: Machine, view: Netns, nsid: number): string | undefined {
  return namedNetns(world, machine).find((n) => n.netns !== undefined && view.nsids[n.netns] === nsid)?.name;
}

/** `link-netns NAME` or `link-netnsid N` for a peer namespace, numbering it on first use as the kernel does. */
export function linkNetnsLabel(
  world: World,
  machine: Machine | undefined,
  view: Netns,
  peer: NetnsId,
): string {
  const nsid = nsidOf(view, peer);
  const name = machine && nameForNsid(world, machine, view, nsid);
  return name !== undefined ? `link-netns ${name}` : `link-netnsid ${nsid}`;
}

/** Where dockerd keeps its sandboxes' namespace files (its exec root's netns directory). */
export const DOCKER_NETNS_DIR = "/var/run/docker/netns";

/**
 * The entries of /var/run/docker/netns: each namespace dockerd made on the machine, by its file
 * name (a container's sandbox ID, `1-<network>`, `lb_<network>`, `ingress_sbox`).
 */
export function dockerNetnsFiles(world: World, machine: Machine): { name: string; netns: NetnsId }[] {
  if (!machine.docker) return [];
  return Object.keys(world.netns)
    .flatMap((id) => {
      const place = netnsPlace(id);
      return place.kind === "sandbox" && place.machine === machine.name
        ? [{ name: place.sandbox, netns: id }]
        : [];
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
