/**
 * A container's network sandbox, built from kernel operations only: a namespace with `lo`, one veth
 * pair per bridge endpoint (host end on the bridge, container end renamed ethN), addresses, the
 * default route through the gateway endpoint, and the embedded DNS server's sockets on user networks.
 */
import { inCidr, parseCidr, parseIp } from "../ip";
import { canonicalIp6, formatIp6, goIp6String, isLinkLocal6, parseCidr6, parseIp6 } from "../ip6";
import {
  addRoute,
  addVethPair,
  createNetns,
  deleteLink,
  deleteNetns,
  getNs,
  linkByName,
  setIpv6Disabled,
  setLinkUp,
  setMaster,
} from "../linux/kernel";
import type { Netns } from "../linux/types";
import { netnsIds } from "../netns-id";
import { randHex } from "../rng";
import { attachToOverlay, releaseOverlayAddress } from "../swarm/attachments";
import { DaemonError } from "./errors";
import { type Host, macForIp, newId, randomMac } from "./host";
import {
  allocateIp,
  allocateIp6,
  claimIp,
  claimIp6,
  ipv4Config,
  ipv6Config,
  prefixOf,
  releaseIp,
  releaseIp6,
} from "./ipam";
import { isUserDefined, networkById } from "./lookup";
import { GWBRIDGE } from "./networks";
import {
  connectGatewayBridge,
  disconnectGatewayBridge,
  joinOverlay,
  leaveOverlay,
  needsGatewayBridge,
} from "./overlay";
import { startResolver } from "./resolver";
import { intoSandbox } from "./sandbox-link";
import type { Container, Endpoint, Network } from "./types";
import { joinUnderlay } from "./underlay";

/** dockerd's PID, which owns the embedded DNS server's sockets inside containers. */

function sandboxNsId(host: Host, c: Container): string {
  return netnsIds.sandbox(host.machine.name, c.sandboxId);
}

/** Creates the container's own namespace with `lo` up, as runc does before the network is joined. */
export function createSandbox(host: Host, c: Container): Netns {
  c.sandboxId = newId(host);
  c.nextIfIndex = 0;
  const ns = createNetns(host.world, sandboxNsId(host, c), host.machine.name);
  const lo = linkByName(ns, "lo");
  // Engine 20.10 turns IPv6 off in a sandbox none of whose networks has it: no ::1 on lo, and no
  // link-local address on a veth moved in by hand either.
  if (host.daemon.era === 20) {
    ns.ipv6Disabled = true;
    if (lo) setIpv6Disabled(host.world, ns, lo, true);
  }
  if (lo) setLinkUp(host.world, ns, lo, true);
  c.netns = ns.id;
  return ns;
}

/** Tears down the container's endpoints; its namespace goes unless a `container:` partner still uses it. */
export function destroySandbox(host: Host, c: Container, keepNs: boolean): void {
  for (const ep of c.endpoints) if (ep.endpointId) leaveEndpoint(host, c, ep);
  disconnectGatewayBridge(host, c);
  const own = c.netns === sandboxNsId(host, c);
  if (own && c.netns && !keepNs && host.world.netns[c.netns]) deleteNetns(host.world, c.netns);
  delete c.netns;
}

function uniqueVethName(host: Host): string {
  for (;;) {
    const name = `veth${randHex(host.world.rng, 7)}`;
    if (!linkByName(host.ns, name)) return name;
  }
}

function mtuOf(network: Network): number {
  const mtu = Number(network.options["com.docker.network.driver.mtu"] ?? "");
  return Number.isInteger(mtu) && mtu > 0 ? mtu : 1500;
}

/** Attaches a running container to a network: address, veth pair, bridge port, routes, /etc/hosts line. */
export function joinEndpoint(host: Host, c: Container, ep: Endpoint, network: Network, name?: string): void {
  ep.networkId = network.id;
  ep.endpointId = newId(host);
  if (network.driver === "overlay" && c.netns) {
    joinOverlay(host, c, ep, network, attachToOverlay(host, c, network.id, ep.ipamConfig?.ipv4Address));
    startResolver(host, getNs(host.world, c.netns));
    c.internalDns = true;
    c.hostsEntries.push(`${ep.ip}\t${fqdn(c)}`);
    updateDefaultRoute(host, c);
    return;
  }
  if ((network.driver === "macvlan" || network.driver === "ipvlan") && c.netns) {
    const ip = reserveAddress(network, ep);
    const config = network.ipam.config[0];
    joinUnderlay(host, c, ep, network, ip, config ? prefixOf(config) : 24);
    c.hostsEntries.push(`${ip}\t${fqdn(c)}`);
    startResolver(host, getNs(host.world, c.netns));
    c.internalDns = true;
    updateDefaultRoute(host, c);
    return;
  }
  if (network.driver !== "bridge" || !c.netns) return;
  const problem =
    host.daemon.era === 20
      ? endpointProblem20(network, ep.ipamConfig?.ipv4Address, ep.aliases ?? [])
      : undefined;
  if (problem) throw new DaemonError(problem, 400);
  const linkLocal = linkLocalAddresses(ep);
  const ip = reserveAddress(network, ep);
  const config = ipv4Config(network);
  const prefix = config ? prefixOf(config) : 16;
  const config6 = ipv6Config(network);
  // libnetwork keeps the IPv4 address it took when the IPv6 one is refused (the next endpoint gets
  // the one after it).
  const mac = ep.macAddress ?? macForIp(ip);
  // The default bridge takes the address from the MAC under fixed-cidr-v6 (libnetwork's bridge driver).
  const ip6 =
    config6 && (isDefaultBridge(network) ? claimMacAddress6(network, mac) : reserveAddress(network, ep, 6));
  const ns = getNs(host.world, c.netns);
  const mtu = mtuOf(network);
  const inner = { name: uniqueVethName(host), kind: "veth" as const, mac, mtu };
  const outer = { name: uniqueVethName(host), kind: "veth" as const, mac: randomMac(host), mtu };
  // The kernel registers the peer first: the container's end gets the lower ifindex (eth0@if5 / veth@if4).
  const [containerEnd, hostEnd] = addVethPair(host.ns, inner, outer);
  // The kernel takes no multicast or all-zero address for an interface; runc's hook fails the start.
  if (Number.parseInt(inner.mac.slice(0, 2), 16) % 2 === 1 || /^(00:){5}00$/.test(inner.mac)) {
    // The pair was made (its ifindexes are spent) before the address was refused.
    deleteLink(host.world, host.ns, containerEnd);
    releaseIp(network, ip);
    if (ip6) releaseIp6(network, ip6);
    const failure = `failed to add interface ${inner.name} to sandbox: error setting interface "${inner.name}" MAC to "${inner.mac}": cannot assign requested address`;
    // Engine 20.10's hook (with containerd 1.6) logged its failure through logrus, quotes escaped.
    const stderr =
      host.daemon.era === 20
        ? `time="${new Date(host.world.clock).toISOString().slice(0, 19)}Z" level=fatal msg="${failure.replace(/"/g, '\\"')}"`
        : failure;
    throw new DaemonError(
      `${host.daemon.era === 26 ? "failed to create task for container: " : ""}failed to create shim task: OCI runtime create failed: runc create failed: ` +
        "unable to start container process: error during container init: error running hook #0: error running hook: " +
        `exit status 1, stdout: , stderr: ${stderr}: unknown`,
    );
  }
  const bridge = network.bridge ? linkByName(host.ns, network.bridge) : undefined;
  setMaster(host.world, host.ns, hostEnd, bridge);
  setLinkUp(host.world, host.ns, hostEnd, true);
  const ifname = name ?? `eth${c.nextIfIndex++}`;
  const v6 = config6 && ip6 ? { ip: ip6, prefix: prefixOf(config6) } : undefined;
  intoSandbox(host, containerEnd, ns, ifname, ip, prefix, { ...(v6 ? { ip6: v6 } : {}), linkLocal });
  Object.assign(ep, { ip, prefix, gateway: config?.gateway ?? "", mac: containerEnd.mac, ifname });
  c.hostsEntries.push(`${ip}\t${fqdn(c)}`);
  if (config6 && v6) {
    Object.assign(ep, { ip6: v6.ip, prefix6: v6.prefix, gateway6: config6.gateway });
    c.hostsEntries.push(`${v6.ip}\t${fqdn(c)}`);
  }
  if (isUserDefined(network)) {
    // libnetwork starts the resolver and rewrites resolv.conf; leaving the network later does not undo it.
    startResolver(host, ns);
    c.internalDns = true;
  }
  updateDefaultRoute(host, c);
}

/** The names of the container's own /etc/hosts line: the full name, then the short one if it differs. */
function fqdn(c: Container): string {
  const { hostname, domainname } = c.config;
  const full = domainname ? `${hostname}.${domainname}` : hostname;
  const dot = full.indexOf(".");
  return dot > 0 ? `${full} ${full.slice(0, dot)}` : full;
}

/**
 * Engine 20.10's checks of `--ip` and aliases (validateNetworkingConfig, then the IPAM driver's):
 * made when the endpoint is, at start or connect, the first problem alone.
 */
export function endpointProblem20(
  network: Network,
  ip: string | undefined,
  aliases: string[],
): string | undefined {
  if (!isUserDefined(network)) {
    if (ip) return "user specified IP address is supported on user defined networks only";
    if (aliases.length > 0)
      return "network-scoped alias is supported only for containers in user defined networks";
  }
  if (!ip) return undefined;
  if (!network.userSubnet)
    return "user specified IP address is supported only when connecting to networks with user configured subnets";
  const value = parseIp(ip) ?? -1;
  const inside = network.ipam.config.some((c) => {
    const subnet = parseCidr(c.subnet, true);
    return subnet !== undefined && inCidr(value, subnet);
  });
  return inside ? undefined : `Invalid address ${ip}: It does not belong to any of this network's subnets`;
}

/**
 * libnetwork's createEndpoint: every `--link-local-ip` must be a link-local unicast address
 * (169.254/16 or fe80::/10), refused before any address is allocated.
 */
function linkLocalAddresses(ep: Endpoint): string[] {
  return (ep.ipamConfig?.linkLocalIps ?? []).map((text) => {
    const v4 = parseIp(text);
    const v6 = parseIp6(text);
    const ok = v4 !== undefined ? v4 >>> 16 === 0xa9fe : v6 !== undefined && isLinkLocal6(v6);
    const shown = v4 !== undefined ? text : v6 !== undefined ? goIp6String(v6) : text;
    if (!ok) throw new DaemonError(`invalid link local IP address: ${shown}`, 400);
    return shown;
  });
}

function isDefaultBridge(network: Network): boolean {
  return network.options["com.docker.network.bridge.default_bridge"] === "true";
}

/** The default bridge's IPv6 address for a MAC: the subnet's prefix with the MAC's 48 bits in the low ones. */
function claimMacAddress6(network: Network, mac: string): string | undefined {
  const config = ipv6Config(network);
  const subnet = config && parseCidr6(config.subnet, true);
  if (!subnet) return undefined;
  const ip = formatIp6(subnet.net | BigInt(`0x${mac.replace(/:/g, "")}`));
  network.allocated6 = [...(network.allocated6 ?? []), ip];
  return ip;
}

/** The endpoint's address of one family: the one asked for (claimed), or the lowest free one. */
function reserveAddress(network: Network, ep: Endpoint, family: 4 | 6 = 4): string {
  const v6 = family === 6;
  const asked = v6 ? ep.ipamConfig?.ipv6Address : ep.ipamConfig?.ipv4Address;
  const wanted = asked && v6 ? (canonicalIp6(asked) ?? asked) : asked;
  if (wanted) {
    (v6 ? claimIp6 : claimIp)(network, wanted);
    return wanted;
  }
  const ip = (v6 ? allocateIp6 : allocateIp)(network);
  if (!ip) {
    throw new DaemonError(
      `no available IPv${family} addresses on this network's address pools: ${network.name} (${network.id})`,
      403,
    );
  }
  return ip;
}

export function leaveEndpoint(host: Host, c: Container, ep: Endpoint): void {
  const network = host.daemon.networks.find((n) => n.id === ep.networkId);
  if (network?.driver === "overlay") {
    leaveOverlay(host, c, ep, network);
    releaseOverlayAddress(host, c, network.id);
    Object.assign(ep, { endpointId: "", ip: "", prefix: 0, gateway: "", mac: "" });
    delete ep.ifname;
    updateDefaultRoute(host, c);
    return;
  }
  if (network && ep.ip) releaseIp(network, ep.ip);
  if (network && ep.ip6) releaseIp6(network, ep.ip6);
  delete ep.ip6;
  delete ep.prefix6;
  delete ep.gateway6;
  if (ep.ip) forgetConnections(host, ep.ip);
  const ns = c.netns ? host.world.netns[c.netns] : undefined;
  const link = ns && ep.ifname ? linkByName(ns, ep.ifname) : undefined;
  if (ns && link) deleteLink(host.world, ns, link);
  Object.assign(ep, { endpointId: "", ip: "", prefix: 0, gateway: "", mac: "" });
  delete ep.ifname;
  if (ns) updateDefaultRoute(host, c);
}

/**
 * The bridge driver flushes the host's conntrack entries of a released address, so that a later
 * container given the same address does not inherit its predecessor's flows (or NAT mappings).
 */
function forgetConnections(host: Host, ip: string): void {
  host.ns.conntrack = host.ns.conntrack.filter(
    (e) => e.orig.src !== ip && e.orig.dst !== ip && e.reply.src !== ip && e.reply.dst !== ip,
  );
}

/**
 * The endpoint that gives the sandbox its default route: libnetwork sorts endpoints with internal
 * networks last, those with an IPv6 gateway first, and otherwise by network name, and takes the first that has a gateway (an internal
 * network has none in 26; 20.10 gave it one, so a container on it alone had a default route).
 */
export function gatewayEndpoint(host: Host, c: Container): Endpoint | undefined {
  const candidates = c.endpoints
    .filter((e) => e.ifname && e.gateway)
    .map((e) => ({ e, n: networkById(host.daemon, e.networkId) }))
    .filter(({ n }) => host.daemon.era === 20 || !n.internal);
  candidates.sort(
    (a, b) =>
      Number(a.n.internal) - Number(b.n.internal) ||
      Number(Boolean(b.e.gateway6)) - Number(Boolean(a.e.gateway6)) ||
      (a.n.name < b.n.name ? -1 : a.n.name > b.n.name ? 1 : 0),
  );
  return candidates[0]?.e;
}

/**
 * The sandbox's default route: through the endpoint gatewayEndpoint picks; on overlay networks
 * alone (no endpoint with a gateway) through docker_gwbridge, which comes and goes with that need.
 */
function updateDefaultRoute(host: Host, c: Container): void {
  const ns = c.netns ? host.world.netns[c.netns] : undefined;
  if (!ns) return;
  if (needsGatewayBridge(host, c)) connectGatewayBridge(host, c);
  else disconnectGatewayBridge(host, c);
  ns.routes = ns.routes.filter((r) => r.dst !== "default");
  const ep = gatewayEndpoint(host, c) ?? c.gatewayEndpoint;
  const dev = ep?.ifname ? linkByName(ns, ep.ifname) : undefined;
  const via = ep && "gateway" in ep ? ep.gateway : gatewayOf(host, c);
  if (ep && dev && via) {
    addRoute(host.world, ns, { dst: "default", via, dev: dev.ifindex, proto: "static", scope: "global" });
  }
  // The same endpoint gives the IPv6 default route, when its network has IPv6.
  const v6 = ep && "gateway6" in ep ? ep.gateway6 : undefined;
  if (ep && dev && v6)
    ns.routes6 = [
      { dst: "default", via: v6, dev: dev.ifindex, proto: "static", scope: "global", metric: 1024 },
    ];
  else delete ns.routes6;
}

function gatewayOf(host: Host, c: Container): string | undefined {
  return c.gatewayEndpoint
    ? host.daemon.networks.find((n) => n.name === GWBRIDGE)?.ipam.config[0]?.gateway
    : undefined;
}
