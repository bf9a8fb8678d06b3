/**
 * What the graph draws, derived from the world alone: for a Docker host, its own namespace, each
 * Linux bridge with subnet and gateway, each other namespace (containers, hand-made `ip netns`) with
 * its interfaces, and a cable for every veth pair. Pure: no React here, so it is tested in Node.
 */
import { isRunning } from "../engine/docker/lookup";
import { linkByIndex } from "../engine/linux/kernel";
import type { Link, Netns } from "../engine/linux/types";
import type { World } from "../engine/world";

export interface IfaceView {
  name: string;
  ifindex: number;
  addrs: string[];
  mac: string;
  up: boolean;
}

export type GraphNode =
  | { kind: "host"; id: string; machine: string; hostname: string; ifaces: IfaceView[] }
  | {
      kind: "bridge";
      id: string;
      machine: string;
      name: string;
      subnet: string;
      gateway: string;
      network?: string;
    }
  | {
      kind: "namespace";
      id: string;
      machine: string;
      netns: string;
      /** Container name, or the `ip netns` name, or the short sandbox id. */
      title: string;
      image?: string;
      state?: string;
      /** Containers sharing this namespace (`--network container:`). */
      members: string[];
      ifaces: IfaceView[];
    };

export interface GraphEdge {
  id: string;
  kind: "veth";
  source: string;
  target: string;
  /** Interface names at each end: the bridge port (vethXXX) and the namespace end (eth0@if5). */
  sourceLabel: string;
  targetLabel: string;
}

export interface GraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function iface(link: Link): IfaceView {
  return {
    name: link.name,
    ifindex: link.ifindex,
    addrs: link.addrs.filter((a) => a.scope !== "host").map((a) => `${a.ip}/${a.prefix}`),
    mac: link.mac,
    up: link.up,
  };
}

function bridgeNodeId(ns: Netns, link: Link): string {
  return `${ns.id}#br:${link.name}`;
}

export function graphModel(world: World): GraphModel {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const machine of Object.values(world.machines)) {
    if (machine.kind !== "docker-host") continue;
    const hostNs = world.netns[machine.rootNs];
    if (!hostNs) continue;
    const daemon = machine.docker;
    nodes.push({
      kind: "host",
      id: hostNs.id,
      machine: machine.name,
      hostname: machine.hostname,
      ifaces: hostNs.links.filter((l) => l.kind === "loopback" || l.kind === "ether").map(iface),
    });
    for (const link of hostNs.links.filter((l) => l.kind === "bridge")) {
      const network = daemon?.networks.find((n) => n.bridge === link.name);
      const addr = link.addrs[0];
      nodes.push({
        kind: "bridge",
        id: bridgeNodeId(hostNs, link),
        machine: machine.name,
        name: link.name,
        subnet: network?.ipam.config[0]?.subnet ?? (addr ? `${addr.ip}/${addr.prefix}` : ""),
        gateway: addr?.ip ?? "",
        ...(network ? { network: network.name } : {}),
      });
    }
    const prefix = `${machine.name}/`;
    for (const ns of Object.values(world.netns)) {
      if (!ns.id.startsWith(prefix)) continue;
      const members = daemon?.containers.filter((c) => isRunning(c) && c.netns === ns.id) ?? [];
      const owner = members.find((c) => !c.hostConfig.networkMode.startsWith("container:")) ?? members[0];
      const title = owner?.name ?? ns.id.slice(ns.id.lastIndexOf("/") + 1);
      nodes.push({
        kind: "namespace",
        id: ns.id,
        machine: machine.name,
        netns: ns.id,
        title,
        ...(owner ? { image: owner.image, state: owner.state.status } : {}),
        members: members.map((c) => c.name),
        ifaces: ns.links.map(iface),
      });
      for (const link of ns.links) {
        if (link.kind !== "veth" || link.peer?.netns !== hostNs.id) continue;
        const hostEnd = linkByIndex(hostNs, link.peer.ifindex);
        const bridge = hostEnd?.master !== undefined ? linkByIndex(hostNs, hostEnd.master) : undefined;
        if (!hostEnd) continue;
        edges.push({
          id: `${ns.id}:${link.ifindex}`,
          kind: "veth",
          source: bridge ? bridgeNodeId(hostNs, bridge) : hostNs.id,
          target: ns.id,
          sourceLabel: hostEnd.name,
          targetLabel: `${link.name}@if${hostEnd.ifindex}`,
        });
      }
    }
  }
  return { nodes, edges };
}
