/**
 * What must hold in any lab after any command, for the property tests and the fuzzer, on every
 * Docker host: one address per endpoint, unique in its network and inside its subnet; a bridge's
 * ports are its running endpoints; a stopped container holds no address; every veth has its peer,
 * and the peer has it. In a swarm, the same across the nodes for overlay networks (checkSwarm).
 */
import { expect } from "vitest";
import { isRunning } from "../engine/docker/lookup";
import { GWBRIDGE } from "../engine/docker/networks";
import { dockerHosts } from "../engine/hosts";
import { inCidr, parseCidr, parseIp } from "../engine/ip";
import { swarms } from "../engine/swarm/store";
import type { Swarm } from "../engine/swarm/types";
import type { World } from "../engine/world";
import type { Lab } from "../shell/lab";

/** Every veth's peer exists and points back at it. */
export function vethsPaired(world: World): boolean {
  return Object.values(world.netns).every((ns) =>
    ns.links.every((l) => {
      if (l.kind !== "veth") return true;
      const peer = l.peer && world.netns[l.peer.netns]?.links.find((p) => p.ifindex === l.peer?.ifindex);
      return peer?.peer?.netns === ns.id && peer.peer.ifindex === l.ifindex;
    }),
  );
}

/** Each Docker host's daemon, its networks and containers, and its bridges' ports. */
function checkHost(world: World, machine: string, handMadePorts: boolean): void {
  const daemon = world.machines[machine]?.docker;
  if (!daemon) throw new Error(`no daemon on ${machine}`);
  const root = world.netns[world.machines[machine]?.rootNs ?? machine];
  for (const n of daemon.networks) {
    const subnet = n.ipam.config[0] ? parseCidr(n.ipam.config[0].subnet, true) : undefined;
    const ips = daemon.containers.flatMap((c) =>
      c.endpoints.filter((e) => e.networkId === n.id && e.ip).map((e) => e.ip),
    );
    expect(new Set(ips).size, `duplicate address in ${n.name} on ${machine}`).toBe(ips.length);
    for (const ip of ips) {
      expect(subnet && inCidr(parseIp(ip) ?? 0, subnet), `${ip} outside ${n.name}`).toBe(true);
      // An overlay's addresses are the cluster's to hand out (checkSwarm).
      if (n.driver !== "overlay") expect(n.allocated).toContain(ip);
    }
    if (!n.bridge || n.driver !== "bridge") continue;
    const bridge = root?.links.find((l) => l.name === n.bridge);
    const ports = root?.links.filter((l) => l.master === bridge?.ifindex).length;
    // docker_gwbridge's ports are also the ingress sandbox's and the running overlay containers' ways out.
    const gateways = n.name === GWBRIDGE ? daemon.containers.filter((c) => c.gatewayEndpoint).length : 0;
    const running =
      daemon.containers.filter(
        (c) => isRunning(c) && c.endpoints.some((e) => e.networkId === n.id && e.ifname),
      ).length +
      (n.sandboxEndpoints?.length ?? 0) +
      gateways;
    // Veths added by hand (`brctl addif docker0 A`) are ports too, beside the endpoints.
    if (handMadePorts) expect(ports, `ports of ${n.bridge}`).toBeGreaterThanOrEqual(running);
    else expect(ports, `ports of ${n.bridge} on ${machine}`).toBe(running);
  }
  for (const c of daemon.containers) {
    const withIp = c.endpoints.filter((e) => e.ip);
    expect(
      withIp.every((e) => e.ifname),
      `${c.name} has an address without an interface`,
    ).toBe(true);
    if (!isRunning(c)) expect(withIp).toEqual([]);
  }
}

/**
 * A swarm, across its nodes: every address on an overlay (tasks', containers', load balancers',
 * VIPs) is one the cluster handed out, once, inside the subnet; each node's vxlan device carries the
 * network's VNI over its own eth0; every peer it forwards to is another member's eth0 address where
 * that MAC really is on the same network.
 */
function checkSwarm(world: World, swarm: Swarm): void {
  // Gossip peers: every daemon still in the cluster (one removed by `node rm --force` does not know it).
  const members = dockerHosts(world)
    .filter((m) => m.docker?.swarm?.cluster === swarm.id)
    .map((m) => ({ machine: m.name, addr: m.docker?.swarm?.addr ?? "" }));
  const addressOf = new Map(members.map((n) => [n.machine, n.addr]));
  for (const sn of swarm.networks) {
    const subnet = parseCidr(sn.subnet, true);
    const used: string[] = [
      ...swarm.tasks.flatMap((t) => t.addresses.filter((a) => a.network === sn.id).map((a) => a.ip)),
      ...swarm.services.flatMap((s) => s.vips.filter((v) => v.network === sn.id).map((v) => v.ip)),
      ...Object.values(sn.nodeAddresses ?? {}),
    ];
    expect(new Set(used).size, `an address used twice on ${sn.name}`).toBe(used.length);
    for (const ip of used) {
      expect(subnet && inCidr(parseIp(ip) ?? 0, subnet), `${ip} outside ${sn.name}`).toBe(true);
      expect(sn.allocated, `${ip} on ${sn.name} not allocated`).toContain(ip);
    }
    const macsOn = new Map<string, string>();
    for (const node of members) {
      const n = world.machines[node.machine]?.docker?.networks.find((x) => x.id === sn.id);
      const ns = n?.overlay?.ns ? world.netns[n.overlay.ns] : undefined;
      if (!ns) continue;
      for (const l of ns.links) if (l.kind === "veth") macsOn.set(peerMac(world, l) ?? "", node.machine);
    }
    for (const node of members) {
      const n = world.machines[node.machine]?.docker?.networks.find((x) => x.id === sn.id);
      const ns = n?.overlay?.ns ? world.netns[n.overlay.ns] : undefined;
      const vxlan = ns?.links.find((l) => l.kind === "vxlan");
      if (!ns) continue;
      expect(vxlan?.vxlan?.vni, `vxlan0 of ${sn.name} on ${node.machine}`).toBe(sn.vni);
      expect(vxlan?.mtu).toBe(1450);
      expect(vxlan?.lower?.netns).toBe(world.machines[node.machine]?.rootNs);
      for (const r of vxlan?.remotes ?? []) {
        const there = macsOn.get(r.mac);
        expect(there, `${node.machine} forwards ${r.mac} on ${sn.name} to a MAC no node has`).toBeDefined();
        expect(there).not.toBe(node.machine);
        expect(r.dst).toBe(addressOf.get(there ?? ""));
      }
    }
  }
  for (const t of swarm.tasks) {
    expect(
      swarm.nodes.some((n) => n.id === t.node),
      `task ${t.id} on an unknown node`,
    ).toBe(true);
  }
}

/** The MAC at the other end of a veth (the container's or sandbox's eth). */
function peerMac(world: World, l: { peer?: { netns: string; ifindex: number } }): string | undefined {
  return l.peer
    ? world.netns[l.peer.netns]?.links.find((p) => p.ifindex === l.peer?.ifindex)?.mac
    : undefined;
}

export function checkInvariants(lab: Lab, options: { handMadePorts?: boolean } = {}): void {
  const world = lab.world;
  const hosts = dockerHosts(world);
  expect(hosts.length, "no Docker host").toBeGreaterThan(0);
  for (const m of hosts) checkHost(world, m.name, options.handMadePorts ?? false);
  for (const swarm of Object.values(swarms(world))) checkSwarm(world, swarm);
  expect(vethsPaired(world), "a veth without its peer").toBe(true);
}
