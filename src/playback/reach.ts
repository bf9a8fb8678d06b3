/**
 * How far each namespace is from the Docker hosts, counted in machines crossed: 0 on a Docker host
 * (its root namespace, its containers, its overlay namespaces), 1 for the LAN switch next to it,
 * then the router and the laptop, the ISP core, the sites behind it. The "this host" detail level
 * folds what lies at distance 1 and beyond, and a folded segment turns at its farthest point.
 */
import { netnsPlace } from "../engine/netns-id";
import type { World } from "../engine/world";

export type Reach = (netns: string) => number;

/** Breadth-first over the cables between machines (veth peers across machines), from every Docker host. */
export function reachOf(world: World): Reach {
  const machineOf = (id: string) => world.netns[id]?.machine;
  const neighbours = new Map<string, Set<string>>();
  for (const ns of Object.values(world.netns)) {
    for (const link of ns.links) {
      const other = link.peer && machineOf(link.peer.netns);
      if (!other || other === ns.machine) continue;
      for (const [a, b] of [
        [ns.machine, other],
        [other, ns.machine],
      ] as const) {
        const set = neighbours.get(a) ?? new Set<string>();
        set.add(b);
        neighbours.set(a, set);
      }
    }
  }
  const distance = new Map<string, number>();
  let frontier = Object.values(world.machines)
    .filter((m) => m.docker)
    .map((m) => m.name);
  for (const m of frontier) distance.set(m, 0);
  for (let d = 1; frontier.length > 0; d++) {
    const next: string[] = [];
    for (const m of frontier) {
      for (const n of neighbours.get(m) ?? []) {
        if (distance.has(n)) continue;
        distance.set(n, d);
        next.push(n);
      }
    }
    frontier = next;
  }
  return (netns) => {
    // A namespace gone since (a `--rm` container's) still says whose it was.
    const machine = machineOf(netns) ?? netnsPlace(netns).machine;
    return distance.get(machine) ?? Number.POSITIVE_INFINITY;
  };
}
