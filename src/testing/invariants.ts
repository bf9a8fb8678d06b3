/**
 * What must hold in any lab after any command, for the property tests and the fuzzer: one address
 * per endpoint, unique in its network and inside its subnet; a bridge's ports are its running
 * endpoints; a stopped container holds no address; every veth has its peer, and the peer has it.
 */
import { expect } from "vitest";
import { isRunning } from "../engine/docker/lookup";
import { inCidr, parseCidr, parseIp } from "../engine/ip";
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

export function checkInvariants(lab: Lab, options: { handMadePorts?: boolean } = {}): void {
  const world = lab.world;
  const daemon = world.machines.host1?.docker;
  if (!daemon) throw new Error("no daemon");
  for (const n of daemon.networks) {
    const subnet = n.ipam.config[0] ? parseCidr(n.ipam.config[0].subnet, true) : undefined;
    const ips = daemon.containers.flatMap((c) =>
      c.endpoints.filter((e) => e.networkId === n.id && e.ip).map((e) => e.ip),
    );
    expect(new Set(ips).size, `duplicate address in ${n.name}`).toBe(ips.length);
    for (const ip of ips) {
      expect(subnet && inCidr(parseIp(ip) ?? 0, subnet), `${ip} outside ${n.name}`).toBe(true);
      expect(n.allocated).toContain(ip);
    }
    if (!n.bridge) continue;
    const host = world.netns.host1;
    const bridge = host?.links.find((l) => l.name === n.bridge);
    const ports = host?.links.filter((l) => l.master === bridge?.ifindex).length;
    const running = daemon.containers.filter(
      (c) => isRunning(c) && c.endpoints.some((e) => e.networkId === n.id && e.ifname),
    ).length;
    // Veths added by hand (`brctl addif docker0 A`) are ports too, beside the endpoints.
    if (options.handMadePorts) expect(ports, `ports of ${n.bridge}`).toBeGreaterThanOrEqual(running);
    else expect(ports, `ports of ${n.bridge}`).toBe(running);
  }
  for (const c of daemon.containers) {
    const withIp = c.endpoints.filter((e) => e.ip);
    expect(
      withIp.every((e) => e.ifname),
      `${c.name} has an address without an interface`,
    ).toBe(true);
    if (!isRunning(c)) expect(withIp).toEqual([]);
  }
  expect(vethsPaired(world), "a veth without its peer").toBe(true);
}
