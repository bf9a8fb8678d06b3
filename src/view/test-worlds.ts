/** Worlds for the graph's tests, built with the shell and the daemon's own operations, as a student's commands build them. */
import { connectNetwork } from "../engine/docker/attachments";
import { stopContainer } from "../engine/docker/containers";
import { hostOf } from "../engine/docker/host";
import { requireContainer } from "../engine/docker/lookup";
import { createNetwork } from "../engine/docker/networks";
import {
  addAddr,
  addVethPair,
  createNetns,
  getNs,
  linkByName,
  moveLink,
  setLinkUp,
  setMaster,
} from "../engine/linux/kernel";
import { netnsIds } from "../engine/netns-id";
import type { Packet } from "../engine/packet/types";
import type { World } from "../engine/world";
import { createLab, type Lab, printed, run } from "../shell/lab";

export function lab(...lines: string[]): Lab {
  const l = createLab({ seed: 7 });
  for (const line of lines) {
    const e = run(l, line);
    if (e.exit !== 0) throw new Error(`${line}: ${printed(e)}`);
  }
  return l;
}

function host1(world: World) {
  return hostOf(world, "host1");
}

export function container(world: World, name: string) {
  return requireContainer(host1(world).daemon, name);
}

export function userNetwork(world: World, name: string) {
  return createNetwork(host1(world), { name });
}

export function connect(world: World, name: string, network: string) {
  const h = host1(world);
  const n = h.daemon.networks.find((x) => x.name === network);
  if (!n) throw new Error(`no network ${network}`);
  connectNetwork(h, container(world, name), n, { network, aliases: [], links: [] });
}

export function stop(world: World, name: string) {
  stopContainer(host1(world), container(world, name));
}

/** `ip netns add red`, a veth pair with one end in red (10.0.0.2/24) and the other on docker0. */
export function namedNetns(world: World, name: string) {
  const h = host1(world);
  const ns = createNetns(world, netnsIds.named("host1", name), "host1");
  const [inside, outside] = addVethPair(
    h.ns,
    { name: `veth-${name}`, kind: "veth", mac: "aa:bb:cc:00:00:01" },
    { name: `veth-${name}-br`, kind: "veth", mac: "aa:bb:cc:00:00:02" },
  );
  moveLink(world, h.ns, inside, ns);
  addAddr(ns, inside, "10.0.0.2", 24);
  setLinkUp(world, ns, inside, true);
  setMaster(world, h.ns, outside, linkByName(h.ns, "docker0"));
  setLinkUp(world, h.ns, outside, true);
  return getNs(world, ns.id);
}

/** busy1 (172.17.0.2) asks the segment who has 172.17.0.3. */
export const ARP_REQUEST: Packet = {
  eth: { src: "02:42:ac:11:00:02", dst: "ff:ff:ff:ff:ff:ff", type: "ARP" },
  arp: {
    op: "request",
    senderMac: "02:42:ac:11:00:02",
    senderIp: "172.17.0.2",
    targetMac: "00:00:00:00:00:00",
    targetIp: "172.17.0.3",
  },
};
