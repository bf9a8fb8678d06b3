/**
 * Reading the swarm: which cluster a daemon belongs to, whether it manages it, and the refusals a
 * daemon gives when it is asked for cluster state it cannot reach (daemon/cluster/errors.go).
 */
import { DaemonError } from "../docker/errors";
import type { Host } from "../docker/host";
import type { Container } from "../docker/types";
import type { World } from "../world";
import type { Membership, Swarm, SwarmNode } from "./types";

export const NOT_IN_SWARM = "This node is not part of a swarm";
export const SWARM_EXISTS =
  'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.';
const NO_MANAGER =
  'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
const NOT_MANAGER =
  "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.";

/** How long after its last heartbeat a node counts as Down (dispatcher: 5 s period, 3 periods of grace). */
const HEARTBEAT_GRACE_MS = 15_000;

export function swarms(world: World): Record<string, Swarm> {
  world.swarms ??= {};
  return world.swarms;
}

/** The cluster an active member belongs to. */
export function clusterOf(host: Host): Swarm | undefined {
  const m = host.daemon.swarm;
  return m?.state === "active" ? host.world.swarms?.[m.cluster] : undefined;
}

export function nodeOf(swarm: Swarm, m: Membership | undefined): SwarmNode | undefined {
  return m ? swarm.nodes.find((n) => n.id === m.node) : undefined;
}

/** This daemon's own node, when it is an active member. */
export function selfNode(host: Host): SwarmNode | undefined {
  const swarm = clusterOf(host);
  return swarm && nodeOf(swarm, host.daemon.swarm);
}

export function isManager(host: Host): boolean {
  return selfNode(host)?.role === "manager";
}

/** The cluster, for a command only a manager may run (errNoManager otherwise). */
export function requireManager(host: Host): Swarm {
  const swarm = clusterOf(host);
  const m = host.daemon.swarm;
  if (!m) throw new DaemonError(NO_MANAGER, 503);
  if (!swarm || nodeOf(swarm, m)?.role !== "manager") throw new DaemonError(NOT_MANAGER, 503);
  return swarm;
}

/** Nodes whose heartbeats stopped a grace period ago are Down by now. */
export function refreshNodes(swarm: Swarm, now: number): void {
  for (const n of swarm.nodes) {
    if (n.leftAt !== undefined && n.state === "ready" && now >= n.leftAt + HEARTBEAT_GRACE_MS)
      n.state = "down";
  }
}

/** The lab machine of each active node of a cluster, with its daemon. */
export function memberHosts(world: World, swarm: Swarm): { node: SwarmNode; machine: string }[] {
  return swarm.nodes.flatMap((node) => {
    const m = world.machines[node.machine]?.docker?.swarm;
    return m?.state === "active" && m.cluster === swarm.id && m.node === node.id
      ? [{ node, machine: node.machine }]
      : [];
  });
}

/**
 * The machines gossiping in a cluster (networkdb over 7946): every daemon that believes itself a
 * member, including one the managers removed with `node rm --force`, which does not know it.
 */
export function gossipPeers(world: World, swarm: Swarm): string[] {
  return Object.values(world.machines)
    .filter((m) => m.docker?.swarm?.state === "active" && m.docker.swarm.cluster === swarm.id)
    .map((m) => m.name);
}

/** The address a task was given on an overlay network (its container's endpoint takes it). */
export function taskAddress(world: World, c: Container, networkId: string): string | undefined {
  const id = c.config.labels["com.docker.swarm.task.id"];
  for (const swarm of Object.values(world.swarms ?? {})) {
    const task = swarm.tasks.find((t) => t.id === id);
    if (task) return task.addresses.find((a) => a.network === networkId)?.ip;
  }
  return undefined;
}
