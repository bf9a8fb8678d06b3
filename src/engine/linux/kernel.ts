/**
 * Kernel operations on the namespace table: the same primitives `ip link`, `ip addr`, `ip route`,
 * `ip netns` and `brctl` use. The Docker daemon wires containers with these and nothing else.
 * Failures throw KernelError carrying the errno the real syscall would return.
 */
import { formatCidr, inCidr, parseCidr, parseIp } from "../ip";
import { defaultNetfilter } from "./netfilter";
import type { Addr, Link, LinkKind, Netns, NetnsId, Route } from "./types";

export type Errno = "EEXIST" | "ENODEV" | "EBUSY" | "EINVAL" | "ENETUNREACH" | "EADDRNOTAVAIL" | "ESRCH";

export class KernelError extends Error {
  constructor(
    readonly errno: Errno,
    message?: string,
  ) {
    super(message ?? errno);
  }
}

/** The namespace table and nothing else: the kernel layer never sees machines or daemons. */
export interface NetnsTable {
  netns: Record<NetnsId, Netns>;
}

export function createNetns(table: NetnsTable, id: NetnsId, machine: string): Netns {
  if (table.netns[id]) throw new KernelError("EEXIST", `netns ${id}`);
  const ns: Netns = {
    id,
    machine,
    nextIfindex: 2,
    links: [loopback()],
    routes: [],
    neigh: [],
    netfilter: defaultNetfilter(),
    conntrack: [],
    sockets: [],
    ipForward: false,
    nsids: {},
  };
  table.netns[id] = ns;
  return ns;
}

function loopback(): Link {
  return {
    ifindex: 1,
    name: "lo",
    kind: "loopback",
    mac: "00:00:00:00:00:00",
    mtu: 65536,
    up: false,
    addrs: [{ ip: "127.0.0.1", prefix: 8, scope: "host" }],
    stats: emptyStats(),
  };
}

function emptyStats() {
  return { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 };
}

/** Removes a namespace; its veth ends die and take their peers with them, as in the kernel. */
export function deleteNetns(table: NetnsTable, id: NetnsId): void {
  const ns = getNs(table, id);
  for (const link of [...ns.links]) {
    if (link.peer) deleteLink(table, ns, link);
  }
  delete table.netns[id];
  for (const other of Object.values(table.netns)) delete other.nsids[id];
}

export function getNs(table: NetnsTable, id: NetnsId): Netns {
  const ns = table.netns[id];
  if (!ns) throw new KernelError("ENODEV", `no netns ${id}`);
  return ns;
}

export function linkByName(ns: Netns, name: string): Link | undefined {
  return ns.links.find((l) => l.name === name);
}

export function linkByIndex(ns: Netns, ifindex: number): Link | undefined {
  return ns.links.find((l) => l.ifindex === ifindex);
}

export function requireLink(ns: Netns, name: string): Link {
  const link = linkByName(ns, name);
  if (!link) throw new KernelError("ENODEV", `Cannot find device "${name}"`);
  return link;
}

function insertSorted(ns: Netns, link: Link): void {
  ns.links.push(link);
  ns.links.sort((a, b) => a.ifindex - b.ifindex);
}

export interface NewLink {
  name: string;
  kind: LinkKind;
  mac: string;
  mtu?: number;
  info?: Record<string, string | number>;
}

export function addLink(ns: Netns, spec: NewLink): Link {
  if (linkByName(ns, spec.name)) throw new KernelError("EEXIST");
  const link: Link = {
    ifindex: ns.nextIfindex++,
    name: spec.name,
    kind: spec.kind,
    mac: spec.mac,
    mtu: spec.mtu ?? 1500,
    up: false,
    addrs: [],
    stats: emptyStats(),
  };
  if (spec.kind === "bridge") link.fdb = [];
  if (spec.info) link.info = spec.info;
  insertSorted(ns, link);
  return link;
}

/** `ip link add A type veth peer name B`: both ends in `ns`, A first, each pointing at the other. */
export function addVethPair(ns: Netns, a: NewLink, b: NewLink): [Link, Link] {
  if (linkByName(ns, a.name) || linkByName(ns, b.name) || a.name === b.name) throw new KernelError("EEXIST");
  const first = addLink(ns, { ...a, kind: "veth" });
  const second = addLink(ns, { ...b, kind: "veth" });
  first.peer = { netns: ns.id, ifindex: second.ifindex };
  second.peer = { netns: ns.id, ifindex: first.ifindex };
  return [first, second];
}

export function peerOf(table: NetnsTable, link: Link): { ns: Netns; link: Link } | undefined {
  if (!link.peer) return undefined;
  const ns = table.netns[link.peer.netns];
  const peer = ns && linkByIndex(ns, link.peer.ifindex);
  return ns && peer ? { ns, link: peer } : undefined;
}

/** `ip link set X netns Y`: keeps the ifindex when the target has it free; the link arrives down and bare. */
export function moveLink(table: NetnsTable, from: Netns, link: Link, to: Netns): Link {
  if (from.id === to.id) return link;
  if (linkByName(to, link.name)) throw new KernelError("EEXIST");
  detachFromBridge(from, link);
  from.links = from.links.filter((l) => l !== link);
  const oldIndex = link.ifindex;
  if (linkByIndex(to, link.ifindex)) link.ifindex = to.nextIfindex++;
  else to.nextIfindex = Math.max(to.nextIfindex, link.ifindex + 1);
  link.up = false;
  link.addrs = [];
  from.routes = from.routes.filter((r) => r.dev !== oldIndex);
  from.neigh = from.neigh.filter((n) => n.dev !== oldIndex);
  insertSorted(to, link);
  const peer = peerOf(table, link);
  if (peer) peer.link.peer = { netns: to.id, ifindex: link.ifindex };
  return link;
}

export function renameLink(ns: Netns, link: Link, name: string): void {
  if (link.name === name) return;
  if (link.up) throw new KernelError("EBUSY");
  if (linkByName(ns, name)) throw new KernelError("EEXIST");
  link.name = name;
}

export function setLinkUp(ns: Netns, link: Link, up: boolean): void {
  link.up = up;
  // The kernel flushes routes through a device that goes down; connected ones are derived anyway.
  if (!up) {
    ns.routes = ns.routes.filter((r) => r.dev !== link.ifindex);
    ns.neigh = ns.neigh.filter((n) => n.dev !== link.ifindex);
  }
}

export function setMaster(ns: Netns, link: Link, bridge: Link | undefined): void {
  if (bridge && bridge.kind !== "bridge") throw new KernelError("EINVAL");
  if (bridge === link) throw new KernelError("EINVAL");
  detachFromBridge(ns, link);
  if (!bridge) return;
  link.master = bridge.ifindex;
  if (link.mac) bridge.fdb?.push({ mac: link.mac, port: link.ifindex, local: true, seen: 0 });
}

function detachFromBridge(ns: Netns, link: Link): void {
  if (link.master === undefined) return;
  const bridge = linkByIndex(ns, link.master);
  if (bridge?.fdb) bridge.fdb = bridge.fdb.filter((e) => e.port !== link.ifindex);
  delete link.master;
}

/** Deletes a link; deleting either end of a veth pair deletes both. Ports leave their bridge. */
export function deleteLink(table: NetnsTable, ns: Netns, link: Link): void {
  const peer = peerOf(table, link);
  removeOne(ns, link);
  if (peer && link.kind === "veth") removeOne(peer.ns, peer.link);
  else if (peer) delete peer.link.peer;
}

function removeOne(ns: Netns, link: Link): void {
  detachFromBridge(ns, link);
  if (link.kind === "bridge") {
    for (const port of ns.links) if (port.master === link.ifindex) delete port.master;
  }
  ns.links = ns.links.filter((l) => l !== link);
  ns.routes = ns.routes.filter((r) => r.dev !== link.ifindex);
  ns.neigh = ns.neigh.filter((n) => n.dev !== link.ifindex);
}

export function addAddr(ns: Netns, link: Link, ip: string, prefix: number): Addr {
  if (parseIp(ip) === undefined || prefix < 0 || prefix > 32) throw new KernelError("EINVAL");
  if (ns.links.some((l) => l.addrs.some((a) => a.ip === ip && a.prefix === prefix && l === link)))
    throw new KernelError("EEXIST");
  const addr: Addr = { ip, prefix, scope: ip.startsWith("127.") ? "host" : "global" };
  link.addrs.push(addr);
  return addr;
}

export function delAddr(ns: Netns, link: Link, ip: string, prefix?: number): void {
  const before = link.addrs.length;
  link.addrs = link.addrs.filter((a) => !(a.ip === ip && (prefix === undefined || a.prefix === prefix)));
  if (link.addrs.length === before) throw new KernelError("EADDRNOTAVAIL");
  // Routes whose gateway is no longer reachable on this device go too.
  ns.routes = ns.routes.filter((r) => r.dev !== link.ifindex || !r.via || onLinkSubnet(link, r.via));
}

function onLinkSubnet(link: Link, ip: string): boolean {
  const value = parseIp(ip);
  if (value === undefined) return false;
  return link.addrs.some((a) => {
    const net = parseCidr(`${a.ip}/${a.prefix}`, true);
    return net !== undefined && inCidr(value, net);
  });
}

/** Does the link have a carrier: a veth when its peer is up, a bridge when a port is, anything else when up. */
export function hasCarrier(table: NetnsTable, ns: Netns, link: Link): boolean {
  if (!link.up) return false;
  if (link.kind === "veth" || (link.kind === "ether" && link.peer)) {
    const peer = peerOf(table, link);
    return peer?.link.up === true;
  }
  if (link.kind === "bridge") {
    return ns.links.some((p) => p.master === link.ifindex && p.up && hasCarrier(table, ns, p));
  }
  return true;
}

/** A route with the kernel's connected routes filled in from the addresses of up links. */
export interface EffectiveRoute extends Route {
  linkdown: boolean;
}

export function effectiveRoutes(table: NetnsTable, ns: Netns): EffectiveRoute[] {
  const connected: EffectiveRoute[] = [];
  for (const link of ns.links) {
    if (!link.up || link.kind === "loopback") continue;
    for (const a of link.addrs) {
      const net = parseCidr(`${a.ip}/${a.prefix}`, true);
      if (!net || a.prefix === 32) continue;
      connected.push({
        dst: formatCidr(net),
        dev: link.ifindex,
        proto: "kernel",
        scope: "link",
        src: a.ip,
        linkdown: !hasCarrier(table, ns, link),
      });
    }
  }
  const statics = ns.routes.map((r) => {
    const link = linkByIndex(ns, r.dev);
    return { ...r, linkdown: !link || !hasCarrier(table, ns, link) };
  });
  const defaults = statics.filter((r) => r.dst === "default");
  const rest = [...statics.filter((r) => r.dst !== "default"), ...connected];
  rest.sort((a, b) => {
    const ca = parseCidr(a.dst, true);
    const cb = parseCidr(b.dst, true);
    return (ca?.net ?? 0) - (cb?.net ?? 0) || (cb?.prefix ?? 0) - (ca?.prefix ?? 0);
  });
  return [...defaults, ...rest];
}

export function addRoute(table: NetnsTable, ns: Netns, route: Omit<Route, "dev"> & { dev?: number }): Route {
  let dev = route.dev;
  if (route.via) {
    const gw = parseIp(route.via);
    const hop = effectiveRoutes(table, ns).find((r) => {
      if (r.dst === "default" || r.via) return false;
      const net = parseCidr(r.dst, true);
      return gw !== undefined && net !== undefined && inCidr(gw, net) && (dev === undefined || r.dev === dev);
    });
    if (!hop) throw new KernelError("ENETUNREACH");
    dev = hop.dev;
  }
  if (dev === undefined) throw new KernelError("EINVAL");
  if (ns.routes.some((r) => r.dst === route.dst && (r.metric ?? 0) === (route.metric ?? 0)))
    throw new KernelError("EEXIST");
  const added: Route = { ...route, dev };
  ns.routes.push(added);
  return added;
}

export function delRoute(ns: Netns, dst: string): void {
  const before = ns.routes.length;
  ns.routes = ns.routes.filter((r) => r.dst !== dst);
  if (ns.routes.length === before) throw new KernelError("ESRCH");
}

/** The number by which `from` calls `to` (`link-netnsid N`), assigned on first use like the kernel does. */
export function nsidOf(from: Netns, to: NetnsId): number {
  const known = from.nsids[to];
  if (known !== undefined) return known;
  const id = Object.keys(from.nsids).length === 0 ? 0 : Math.max(...Object.values(from.nsids)) + 1;
  from.nsids[to] = id;
  return id;
}

/** All addresses of a namespace, for "is this address local" decisions. */
export function localAddrs(ns: Netns): string[] {
  return ns.links.flatMap((l) => l.addrs.map((a) => a.ip));
}

/**
 * A cable between two machines (a host's eth0 into the LAN switch): one ethernet link in each
 * namespace, each the other's peer. Unlike a veth pair, each end is numbered by its own namespace.
 */
export function addCable(a: { ns: Netns; link: NewLink }, b: { ns: Netns; link: NewLink }): [Link, Link] {
  const left = addLink(a.ns, a.link);
  const right = addLink(b.ns, b.link);
  left.peer = { netns: b.ns.id, ifindex: right.ifindex };
  right.peer = { netns: a.ns.id, ifindex: left.ifindex };
  return [left, right];
}
