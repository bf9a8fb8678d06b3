/**
 * A container's network sandbox, built from kernel operations only: a namespace with `lo`, one veth
 * pair per bridge endpoint (host end on the bridge, container end renamed ethN), addresses, the
 * default route, and the published ports with their DNAT rules and docker-proxy listeners.
 */
import {
  addAddr,
  addRoute,
  addVethPair,
  createNetns,
  deleteLink,
  deleteNetns,
  getNs,
  linkByName,
  moveLink,
  renameLink,
  setLinkUp,
  setMaster,
} from "../linux/kernel";
import type { Netns } from "../linux/types";
import { randHex } from "../rng";
import { DaemonError } from "./errors";
import { addPortRules, removePortRules } from "./firewall";
import { type Host, kill, macForIp, newId, randomMac, spawn } from "./host";
import { allocateIp, claimIp, prefixOf, releaseIp } from "./ipam";
import { networkById } from "./lookup";
import type { Container, Endpoint, Network, PortBinding } from "./types";

export function sandboxNsId(host: Host, c: Container): string {
  return `${host.machine.name}/${c.sandboxId.slice(0, 12)}`;
}

/** Creates the container's own namespace with `lo` up, as runc does before the network is joined. */
export function createSandbox(host: Host, c: Container): Netns {
  c.sandboxId = newId(host);
  const ns = createNetns(host.world, sandboxNsId(host, c), host.machine.name);
  const lo = linkByName(ns, "lo");
  if (lo) setLinkUp(ns, lo, true);
  c.netns = ns.id;
  return ns;
}

/** Destroys what the container owned; a namespace still used by `container:` partners stays. */
export function destroySandbox(host: Host, c: Container, keepNs: boolean): void {
  for (const ep of c.endpoints) leaveEndpoint(host, c, ep);
  const own = c.netns === sandboxNsId(host, c);
  if (own && c.netns && !keepNs && host.world.netns[c.netns]) deleteNetns(host.world, c.netns);
  delete c.netns;
}

function nextIfname(ns: Netns): string {
  for (let i = 0; ; i++) if (!linkByName(ns, `eth${i}`)) return `eth${i}`;
}

function uniqueVethName(host: Host): string {
  for (;;) {
    const name = `veth${randHex(host.world.rng, 7)}`;
    if (!linkByName(host.ns, name)) return name;
  }
}

/** Attaches a running container to a network: address, veth pair, bridge port, routes. */
export function joinEndpoint(host: Host, c: Container, ep: Endpoint): void {
  const network = networkById(host.daemon, ep.networkId);
  ep.endpointId = newId(host);
  if (network.driver !== "bridge" || !c.netns) return;
  const ip = reserveAddress(network, ep);
  const config = network.ipam.config[0];
  const prefix = config ? prefixOf(config) : 16;
  const ns = getNs(host.world, c.netns);
  const inner = { name: uniqueVethName(host), kind: "veth" as const, mac: macForIp(ip) };
  const outer = { name: uniqueVethName(host), kind: "veth" as const, mac: randomMac(host) };
  // The kernel registers the peer first: the container's end gets the lower ifindex (eth0@if5 / veth@if4).
  const [containerEnd, hostEnd] = addVethPair(host.ns, inner, outer);
  const bridge = network.bridge ? linkByName(host.ns, network.bridge) : undefined;
  setMaster(host.ns, hostEnd, bridge);
  setLinkUp(host.ns, hostEnd, true);
  moveLink(host.world, host.ns, containerEnd, ns);
  const ifname = nextIfname(ns);
  renameLink(ns, containerEnd, ifname);
  addAddr(ns, containerEnd, ip, prefix);
  setLinkUp(ns, containerEnd, true);
  Object.assign(ep, { ip, prefix, gateway: config?.gateway ?? "", mac: containerEnd.mac, ifname });
  updateDefaultRoute(host, c);
}

function reserveAddress(network: Network, ep: Endpoint): string {
  if (ep.requestedIp) {
    claimIp(network, ep.requestedIp);
    return ep.requestedIp;
  }
  const ip = allocateIp(network);
  if (!ip) {
    throw new DaemonError(
      `no available IPv4 addresses on this network's address pools: ${network.name} (${network.id})`,
    );
  }
  return ip;
}

export function leaveEndpoint(host: Host, c: Container, ep: Endpoint): void {
  const network = networkById(host.daemon, ep.networkId);
  if (ep.ip) releaseIp(network, ep.ip);
  const ns = c.netns ? host.world.netns[c.netns] : undefined;
  const link = ns && ep.ifname ? linkByName(ns, ep.ifname) : undefined;
  if (ns && link) deleteLink(host.world, ns, link);
  Object.assign(ep, { endpointId: "", ip: "", prefix: 0, gateway: "", mac: "" });
  delete ep.ifname;
  if (ns) updateDefaultRoute(host, c);
}

/** The default route goes through the gateway of the first attached network that has a way out. */
function updateDefaultRoute(host: Host, c: Container): void {
  const ns = c.netns ? host.world.netns[c.netns] : undefined;
  if (!ns) return;
  ns.routes = ns.routes.filter((r) => r.dst !== "default");
  const ep = c.endpoints.find(
    (e) => e.ifname && e.gateway && !networkById(host.daemon, e.networkId).internal,
  );
  const dev = ep?.ifname ? linkByName(ns, ep.ifname) : undefined;
  if (ep && dev)
    addRoute(host.world, ns, {
      dst: "default",
      via: ep.gateway,
      dev: dev.ifindex,
      proto: "static",
      scope: "global",
    });
}

/** Binds every published port of a starting container; refuses a host port already taken. */
export function publishPorts(host: Host, c: Container): void {
  c.ports = {};
  const ep = c.endpoints.find((e) => e.ip && networkById(host.daemon, e.networkId).driver === "bridge");
  if (!ep) return;
  const bridge = networkById(host.daemon, ep.networkId).bridge ?? "";
  const wanted = Object.entries(c.hostConfig.portBindings);
  if (c.hostConfig.publishAllPorts) {
    for (const port of c.config.exposedPorts) {
      if (!c.hostConfig.portBindings[port]) wanted.push([port, [{ hostIp: "", hostPort: "" }]]);
    }
  }
  wanted.sort(([a], [b]) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  for (const [port, bindings] of wanted) {
    const [num, protoText = "tcp"] = port.split("/");
    const proto = protoText === "udp" ? "udp" : "tcp";
    const bound: PortBinding[] = [];
    for (const b of bindings) {
      const hostIp = b.hostIp || "0.0.0.0";
      const hostPort = b.hostPort ? Number(b.hostPort) : ephemeralPort(host, proto, hostIp);
      if (portTaken(host, proto, hostIp, hostPort)) {
        unpublishPorts(host, c);
        throw new DaemonError(
          `driver failed programming external connectivity on endpoint ${c.name} (${ep.endpointId}): Bind for ${hostIp}:${hostPort} failed: port is already allocated`,
        );
      }
      const p = { bridge, proto, hostIp, hostPort, containerIp: ep.ip, containerPort: Number(num) } as const;
      addPortRules(host.ns, p);
      const proxyPid = spawn(
        host,
        `/usr/bin/docker-proxy -proto ${proto} -host-ip ${hostIp} -host-port ${hostPort} -container-ip ${ep.ip} -container-port ${num}`,
        host.ns.id,
      );
      host.ns.sockets.push({ proto, ip: hostIp, port: hostPort, pid: proxyPid, program: "docker-proxy" });
      host.daemon.ports.push({ ...p, containerId: c.id, proxyPid });
      bound.push({ hostIp, hostPort: String(hostPort) });
    }
    c.ports[port] = bound;
  }
}

function overlaps(a: string, b: string): boolean {
  return a === b || a === "0.0.0.0" || b === "0.0.0.0";
}

function portTaken(host: Host, proto: "tcp" | "udp", ip: string, port: number): boolean {
  return host.ns.sockets.some((s) => s.proto === proto && s.port === port && overlaps(s.ip, ip));
}

function ephemeralPort(host: Host, proto: "tcp" | "udp", ip: string): number {
  for (let tries = 0; tries <= 60999 - 32768; tries++) {
    const port = host.daemon.nextEphemeralPort;
    host.daemon.nextEphemeralPort = port >= 60999 ? 32768 : port + 1;
    if (!portTaken(host, proto, ip, port)) return port;
  }
  throw new DaemonError("Bind for 0.0.0.0:0 failed: port is already allocated");
}

/** Releases a container's host ports: rules, docker-proxy processes and their sockets. */
export function unpublishPorts(host: Host, c: Container): void {
  for (const p of host.daemon.ports.filter((a) => a.containerId === c.id)) {
    removePortRules(host.ns, p);
    kill(host, p.proxyPid);
    host.ns.sockets = host.ns.sockets.filter((s) => s.pid !== p.proxyPid);
  }
  host.daemon.ports = host.daemon.ports.filter((p) => p.containerId !== c.id);
  c.ports = {};
}
