/**
 * The lab's starting world: Docker host `host1` (a fresh daemon, as the ground-truth recordings
 * start from) on a home LAN 192.168.0.0/24 with a gateway router and a student's laptop, and behind
 * the router a small internet: a public resolver and a few web sites.
 */

import { DEFAULT_ERA, type DockerEra } from "./docker/era";
import { setupDockerChains } from "./docker/firewall";
import { DOCKERD_COMMAND, DOCKERD_PID, hostOf } from "./docker/host";
import { imageId } from "./docker/images";
import { createPredefinedNetworks } from "./docker/networks";
import type { Daemon } from "./docker/types";
import {
  addAddr,
  addCable,
  addLink,
  addRoute,
  addVethPairAcross,
  createNetns,
  getNs,
  linkByName,
  setLinkUp,
  setMaster,
} from "./linux/kernel";
import { appendRule } from "./linux/netfilter";
import type { Netns } from "./linux/types";
import { netnsIds } from "./netns-id";
import { randHex, seedRng } from "./rng";
import { DEFAULT_START, type Machine, type MachineKind, WORLD_VERSION, type World } from "./world";

export interface WorldOptions {
  seed?: number;
  /** Virtual start time, ms since the epoch. */
  now?: number;
  /** Images present before the first command (the instrument has busybox and alpine). */
  images?: string[];
  /**
   * The recording instrument's host: eth0 a NOARP dummy device that discards every packet, with no
   * LAN behind it, so 192.168.0.1 never answers (as in tests/ground-truth).
   */
  offline?: boolean;
  /**
   * The two-host instrument (tests/ground-truth/multihost): these Docker hosts, each with a veth
   * `eth0` into a bridge `br0` in the namespace `lan`, and nothing else on the LAN (192.168.0.1,
   * their default gateway, is held by nobody).
   */
  isolatedHosts?: { name: string; ip: string }[];
  /** The Docker release the daemons run (docker/era.ts); 26 unless given. */
  era?: DockerEra;
}

export const LAN = {
  subnet: "192.168.0.0/24",
  gateway: "192.168.0.1",
  host1: "192.168.0.102",
  laptop: "192.168.0.105",
};

/** Public names and the addresses the simulated internet gives them. */
export const INTERNET: {
  name: string;
  ip: string;
  aliases: string[];
  web: boolean;
  dns: boolean;
  /** The server's initial TTL (net.ipv4.ip_default_ttl; some answer from 128). */
  ttl: number;
}[] = [
  { name: "dns.google", ip: "8.8.8.8", aliases: [], web: false, dns: true, ttl: 128 },
  { name: "example.com", ip: "93.184.215.14", aliases: ["www.example.com"], web: true, dns: false, ttl: 64 },
  { name: "google.com", ip: "142.250.185.78", aliases: ["www.google.com"], web: true, dns: false, ttl: 128 },
  { name: "docker.com", ip: "141.193.213.10", aliases: ["www.docker.com"], web: true, dns: false, ttl: 64 },
  // Sites the tutorials' readers try first (the seeds are Chinese and Russian).
  { name: "baidu.com", ip: "110.242.68.66", aliases: ["www.baidu.com"], web: true, dns: false, ttl: 64 },
  { name: "qq.com", ip: "123.151.137.18", aliases: ["www.qq.com"], web: true, dns: false, ttl: 64 },
  {
    name: "yandex.ru",
    ip: "77.88.55.88",
    aliases: ["ya.ru", "www.yandex.ru"],
    web: true,
    dns: false,
    ttl: 64,
  },
  { name: "github.com", ip: "140.82.121.4", aliases: ["www.github.com"], web: true, dns: false, ttl: 64 },
  {
    name: "bing.com",
    ip: "204.79.197.200",
    aliases: ["www.bing.com", "cn.bing.com"],
    web: true,
    dns: false,
    ttl: 128,
  },
];

/** The ISP core stands for this many routers that answer no traceroute: TTLs drop as on a real path. */
const CORE_HIDDEN_HOPS = 9;
/** One-way delays (netem) on the uplink and on each server's link, so internet RTTs are milliseconds. */
const UPLINK_DELAY_US = 3000;
const SERVER_DELAY_US = 1000;

export function machine(
  world: World,
  name: string,
  kind: MachineKind,
  hostname = name,
): { m: Machine; ns: Netns } {
  const ns = createNetns(world, netnsIds.root(name), name);
  const lo = linkByName(ns, "lo");
  if (lo) setLinkUp(world, ns, lo, true);
  const m: Machine = {
    name,
    kind,
    hostname,
    rootNs: ns.id,
    nextPid: 1000,
    procs: {},
    bootedAt: world.clock,
    fs: { dirs: [], files: {}, symlinks: {} },
    nameservers: [LAN.gateway],
    hosts: {},
  };
  world.machines[name] = m;
  return { m, ns };
}

function mac(world: World, oui: string): string {
  return `${oui}:${randHex(world.rng, 2)}:${randHex(world.rng, 2)}:${randHex(world.rng, 2)}`;
}

export function createWorld(options: WorldOptions = {}): World {
  const seed = options.seed ?? 1;
  const world: World = {
    version: WORLD_VERSION,
    seed,
    rng: seedRng(seed),
    clock: options.now ?? DEFAULT_START,
    netns: {},
    machines: {},
    zone: {},
  };
  const images = options.images ?? ["busybox:latest", "alpine:latest"];
  if (options.isolatedHosts) {
    const lan = machine(world, "lan", "router", "lan");
    const br0 = addLink(lan.ns, {
      name: "br0",
      kind: "bridge",
      mac: mac(world, "52:54:00"),
      randomMac: true,
    });
    setLinkUp(world, lan.ns, br0, true);
    for (const h of options.isolatedHosts) {
      const host = machine(world, h.name, "docker-host");
      const [port, eth0] = addVethPairAcross(
        lan.ns,
        { name: `veth-${h.name}`, kind: "veth", mac: mac(world, "52:54:00"), txqlen: 1000 },
        host.ns,
        { name: "eth0", kind: "veth", mac: mac(world, "52:54:00"), txqlen: 1000 },
      );
      setMaster(world, lan.ns, port, br0);
      setLinkUp(world, lan.ns, port, true);
      addAddr(host.ns, eth0, h.ip, 24, null);
      setLinkUp(world, host.ns, eth0, true);
      bootHost(world, host.m, host.ns);
    }
    for (const h of options.isolatedHosts) startDaemon(world, h.name, images, options.era ?? DEFAULT_ERA);
    return world;
  }
  const lan = machine(world, "lan", "router", "lan-switch");
  const lanBridge = addLink(lan.ns, { name: LAN_BRIDGE, kind: "bridge", mac: mac(world, "52:54:00") });
  setLinkUp(world, lan.ns, lanBridge, true);

  const host1 = machine(world, "host1", "docker-host");
  if (options.offline) {
    // The recording instrument's stand-in for a NIC: an `ifb` device (NOARP, pfifo_fast, qlen 32)
    // that discards every packet, addressed by `ip addr add` without a broadcast.
    const eth = addLink(host1.ns, { name: "eth0", kind: "dummy", mac: mac(world, "52:54:00"), txqlen: 32 });
    addAddr(host1.ns, eth, LAN.host1, 24, null);
    setLinkUp(world, host1.ns, eth, true);
    eth.qdisc = "pfifo_fast";
  } else plugIntoLan(world, host1.ns, LAN.host1);
  bootHost(world, host1.m, host1.ns);

  const laptop = machine(world, "laptop", "laptop");
  plugIntoLan(world, laptop.ns, LAN.laptop);
  addRoute(world, laptop.ns, { dst: "default", via: LAN.gateway, proto: "static", scope: "global" });
  // The student's laptop accepts `ssh laptop` from host1, so its own tools can reach published ports.
  laptop.m.services = [{ proto: "tcp", port: 22, app: "sshd" }];

  const router = machine(world, "router", "router", "gateway");
  plugIntoLan(world, router.ns, LAN.gateway);
  router.ns.ipForward = true;
  router.m.services = [{ proto: "udp", port: 53, app: "dnsmasq" }];
  router.m.nameservers = ["8.8.8.8"];
  router.m.hosts = { host1: LAN.host1, laptop: LAN.laptop, gateway: LAN.gateway };
  buildInternet(world, router.ns);

  startDaemon(world, "host1", images, options.era ?? DEFAULT_ERA);
  return world;
}

/** The LAN switch's bridge, in the namespace of the machine `lan`. */
const LAN_BRIDGE = "lan0";

/**
 * Plugs a machine into the LAN: a cable from its `eth0` (addressed `ip`/24) to the next port of the
 * switch (port1, port2 … in plugging order).
 */
export function plugIntoLan(world: World, ns: Netns, ip: string): void {
  const lan = getNs(world, "lan");
  const bridge = linkByName(lan, LAN_BRIDGE);
  if (!bridge) throw new Error("the LAN has no switch");
  let n = 1;
  while (linkByName(lan, `port${n}`)) n++;
  const [eth, sw] = addCable(
    { ns, link: { name: "eth0", kind: "ether", mac: mac(world, "52:54:00") } },
    { ns: lan, link: { name: `port${n}`, kind: "ether", mac: mac(world, "52:54:00") } },
  );
  addAddr(ns, eth, ip, 24);
  setLinkUp(world, ns, eth, true);
  setMaster(world, lan, sw, bridge);
  setLinkUp(world, lan, sw, true);
}

/** A Docker host's own boot: the default route to the LAN's gateway and systemd as PID 1. */
export function bootHost(world: World, m: Machine, ns: Netns): void {
  addRoute(world, ns, { dst: "default", via: LAN.gateway, proto: "static", scope: "global" });
  m.procs["1"] = { pid: 1, netns: ns.id, command: "/usr/lib/systemd/systemd" };
}

/** The ISP core behind the router, one small subnet per public server, and the router's NAT. */
function buildInternet(world: World, routerNs: Netns): void {
  const core = machine(world, "internet", "router", "isp-core");
  core.ns.ipForward = true;
  core.m.hiddenHops = CORE_HIDDEN_HOPS;
  const delay = (us: number) => ({ netem_delay_us: us });
  const [up, down] = addCable(
    {
      ns: routerNs,
      link: { name: "eth1", kind: "ether", mac: mac(world, "52:54:00"), info: delay(UPLINK_DELAY_US) },
    },
    {
      ns: core.ns,
      link: { name: "eth0", kind: "ether", mac: mac(world, "52:54:00"), info: delay(UPLINK_DELAY_US) },
    },
  );
  addAddr(routerNs, up, "100.64.0.2", 30);
  addAddr(core.ns, down, "100.64.0.1", 30);
  setLinkUp(world, routerNs, up, true);
  setLinkUp(world, core.ns, down, true);
  addRoute(world, routerNs, { dst: "default", via: "100.64.0.1", proto: "static", scope: "global" });
  addRoute(world, core.ns, { dst: LAN.subnet, via: "100.64.0.2", proto: "static", scope: "global" });
  appendRule(routerNs.netfilter, "nat", "POSTROUTING", { out: { value: "eth1" }, target: "MASQUERADE" });

  INTERNET.forEach((site, i) => {
    const server = machine(world, site.name, "server");
    const gw = site.ip.replace(/\.\d+$/, site.ip.endsWith(".1") ? ".2" : ".1");
    const [coreEnd, serverEnd] = addCable(
      {
        ns: core.ns,
        link: {
          name: `eth${i + 1}`,
          kind: "ether",
          mac: mac(world, "52:54:00"),
          info: delay(SERVER_DELAY_US),
        },
      },
      {
        ns: server.ns,
        link: { name: "eth0", kind: "ether", mac: mac(world, "52:54:00"), info: delay(SERVER_DELAY_US) },
      },
    );
    if (site.ttl !== 64) server.ns.ipDefaultTtl = site.ttl;
    addAddr(core.ns, coreEnd, gw, 24);
    addAddr(server.ns, serverEnd, site.ip, 24);
    setLinkUp(world, core.ns, coreEnd, true);
    setLinkUp(world, server.ns, serverEnd, true);
    addRoute(world, server.ns, { dst: "default", via: gw, proto: "static", scope: "global" });
    server.m.services = [
      ...(site.web ? [{ proto: "tcp" as const, port: 80, app: "http" }] : []),
      ...(site.dns ? [{ proto: "udp" as const, port: 53, app: "dns" }] : []),
    ];
    for (const name of [site.name, ...site.aliases]) world.zone[name] = site.ip;
  });
}

/** dockerd's first start on a host: docker0, the predefined networks, its iptables chains. */
export function startDaemon(world: World, hostName: string, images: string[], era: DockerEra): void {
  const m = world.machines[hostName];
  if (!m) throw new Error(`no machine ${hostName}`);
  const daemon: Daemon = {
    era,
    containers: [],
    networks: [],
    images: [],
    ports: [],
    lastEphemeral: { tcp: 32767, udp: 32767 },
    poolIndex: 0,
  };
  m.docker = daemon;
  for (const ref of images) {
    const [repo = ref, tag = "latest"] = ref.split(":");
    daemon.images.push({ ref: `${repo}:${tag}`, id: imageId(repo, tag), created: world.clock });
  }
  const host = hostOf(world, hostName);
  host.machine.procs["812"] = { pid: 812, netns: host.ns.id, command: "/usr/bin/containerd" };
  host.machine.procs[String(DOCKERD_PID)] = {
    pid: DOCKERD_PID,
    netns: host.ns.id,
    command: DOCKERD_COMMAND,
  };
  setupDockerChains(host.ns);
  createPredefinedNetworks(host);
}
