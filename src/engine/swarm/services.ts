/**
 * Swarm services: their tasks on the nodes and the containers that run them.
 */
import { removeContainer } from "../docker/containers";
import type { Host } from "../docker/host";
import type { Swarm, SwarmNode } from "./types";

/**
 * A node leaves (or is removed): the containers of its tasks are force-removed on it, as
 * daemon/cluster does, and its tasks leave the store.
 */
export function removeNodeTasks(host: Host, swarm: Swarm, node: SwarmNode): void {
  const mine = swarm.tasks.filter((t) => t.node === node.id);
  for (const t of mine) {
    const c = t.service ? host.daemon.containers.find((x) => x.id === t.container) : undefined;
    if (c) removeContainer(host, c, true);
  }
  swarm.tasks = swarm.tasks.filter((t) => t.node !== node.id);
}
