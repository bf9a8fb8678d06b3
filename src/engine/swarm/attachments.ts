/**
 * A standalone container on an overlay network is attached through the swarm: at each start a
 * manager records a network attachment task for it and gives it an address from the network's
 * cluster-wide pool (the next one after the last handed out); the task goes when the container
 * stops, and with it the address. A disconnected container keeps its (empty) task until then.
 */

import { DaemonError } from "../docker/errors";
import type { Host } from "../docker/host";
import { isTaskContainer } from "../docker/lookup";
import { allocateSerial, releaseSerial } from "../docker/overlay";
import type { Container } from "../docker/types";
import { swarmId } from "./ids";
import { clusterOf, selfNode, taskAddress } from "./store";
import type { Swarm, Task } from "./types";

function attachmentOf(swarm: Swarm, c: Container): Task | undefined {
  return swarm.tasks.find((t) => t.service === undefined && t.container === c.id);
}

/**
 * The container's address on an overlay network: a service task's container has the one its task
 * was given; a standalone container's comes from its attachment task (made or extended here).
 */
export function attachToOverlay(host: Host, c: Container, networkId: string, wanted?: string): string {
  if (isTaskContainer(c)) {
    const ip = taskAddress(host.world, c, networkId);
    if (!ip) throw new DaemonError(`network ${networkId} not found`, 404);
    return ip;
  }
  const swarm = clusterOf(host);
  const node = selfNode(host);
  const sn = swarm?.networks.find((n) => n.id === networkId);
  if (!swarm || !node || !sn) throw new DaemonError(`network ${networkId} not found`, 404);
  let task = attachmentOf(swarm, c);
  if (!task) {
    task = {
      id: swarmId(host.world.rng),
      node: node.id,
      desired: "running",
      state: "running",
      since: host.world.clock,
      created: host.world.clock,
      networks: [],
      addresses: [],
      container: c.id,
    };
    swarm.tasks.push(task);
  }
  let ip: string;
  if (wanted) {
    if (sn.allocated.includes(wanted) || wanted === sn.gateway)
      throw new DaemonError("Address already in use", 403);
    sn.allocated.push(wanted);
    ip = wanted;
  } else ip = allocateSerial(sn);
  if (!task.networks.includes(networkId)) task.networks.push(networkId);
  task.addresses.push({ network: networkId, ip });
  swarm.index += 1;
  return ip;
}

/** The container left one overlay network (`network disconnect`): its address goes back. */
export function releaseOverlayAddress(host: Host, c: Container, networkId: string): void {
  const swarm = clusterOf(host);
  const task = swarm && attachmentOf(swarm, c);
  if (!swarm || !task) return;
  const sn = swarm.networks.find((n) => n.id === networkId);
  for (const a of task.addresses.filter((x) => x.network === networkId)) if (sn) releaseSerial(sn, a.ip);
  task.addresses = task.addresses.filter((x) => x.network !== networkId);
}

/** The container stopped or went: its attachment task and addresses go. */
export function detachContainer(host: Host, c: Container): void {
  const swarm = clusterOf(host);
  const task = swarm && attachmentOf(swarm, c);
  if (!swarm || !task) return;
  for (const a of task.addresses) {
    const sn = swarm.networks.find((n) => n.id === a.network);
    if (sn) releaseSerial(sn, a.ip);
  }
  swarm.tasks = swarm.tasks.filter((t) => t !== task);
  swarm.index += 1;
}

/** Whether any task on this node keeps the overlay network listed here. */
function attachedHere(host: Host, networkId: string): boolean {
  const swarm = clusterOf(host);
  const node = selfNode(host);
  return !!swarm && !!node && swarm.tasks.some((t) => t.node === node.id && t.networks.includes(networkId));
}

/**
 * Overlay networks no longer used on this node leave its list: none set up here (no local endpoint)
 * and no task here attached to them. The ingress network stays while the node is in the swarm.
 */
export function pruneLocalOverlays(host: Host): void {
  host.daemon.networks = host.daemon.networks.filter(
    (n) => n.driver !== "overlay" || n.ingress || n.overlay?.ns !== undefined || attachedHere(host, n.id),
  );
}
