/**
 * Kernel operations on the namespace table: the same primitives `ip link`, `ip addr`, `ip route`,
 * `ip netns` and `brctl` use. The Docker daemon wires containers with these and nothing else.
 * Failures throw KernelError carrying the errno the real syscall would return.
 */
import { broadcastOf, formatCidr, formatIp, inCidr, parseCidr, parseIp } from "../ip";
import { type RngState, randInt } from "../rng";
import { giveBackId, takeId } from "./id-pool";
import type { Addr, Addr6, FdbEntry, Link, LinkKind, LinkStats, Netns, NetnsId, Route } from "./types";

export type Errno =
  | "EEXIST"
  | "ENODEV"
  | "EBUSY"
  | "EINVAL"
  | "ENETUNREACH"
  | "EADDRNOTAVAIL"
  | "ESRCH"
  | "EOPNOTSUPP"
  | "ELOOP"
  | "ENETDOWN";

export class KernelError extends Error {
  constructor(
    readonly errno: Errno,
    message?: string,
    /** The netlink extended ack the kernel attaches (iproute2 prints it as `Error: ….`). */
    readonly extack?: string,
  ) {
    super(message ?? errno);
  }
}

/** The namespace table and nothing else: the kernel layer never sees machines or daemons. */
export interface NetnsTable {
  netns: Record<NetnsId, Netns>;
  /**
   * What IPv6 autoconfiguration has to look at next (see addrconf.ts): links whose state or carrier
   * may have changed, and namespaces not looked at yet (no ifindex). Emptied by syncAddrconf.
   */
  addrconfDue?: { netns: NetnsId; ifindex?: number }[];
}

/** Notes that addrconf must look at a link (and what its carrier depends on) or, without one, a whole namespace. */
function addrconfDue(table: NetnsTable, ns: Netns, link?: Link): void {
  const entry = link ? { netns: ns.id, ifindex: link.ifindex } : { netns: ns.id };
  if (table.addrconfDue) table.addrconfDue.push(entry);
  else table.addrconfDue = [entry];
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
    netfilter: {},
    conntrack: [],
    sockets: [],
    ipForward: false,
    nsids: {},
  };
  table.netns[id] = ns;
  addrconfDue(table, ns);
  return ns;
}

/** A fresh namespace's `lo`: down, and without 127.0.0.1 until it first comes up. */
function loopback(): Link {
  return {
    ifindex: 1,
    name: "lo",
    kind: "loopback",
    mac: "00:00:00:00:00:00",
    mtu: 65536,
    up: false,
    addrs: [],
    txqlen: 1000,
  };
}

const NO_TRAFFIC: Readonly<LinkStats> = Object.freeze({ rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 });

/** A link's counters: all zero until it counts its first packet. */
export function statsOf(link: Link): Readonly<LinkStats> {
  return link.stats ?? NO_TRAFFIC;
}

/** Removes a namespace; its veth ends die and take their peers with them, as in the kernel. */
export function deleteNetns(table: NetnsTable, id: NetnsId): void {
  const ns = getNs(table, id);
  for (const link of [...ns.links]) {
    if (link.peer) deleteLink(table, ns, link);
  }
  delete table.netns[id];
  for (const otherId in table.netns) {
    const other = table.netns[otherId];
    const nsid = other?.nsids[id];
    if (other === undefined || nsid === undefined) continue;
    delete other.nsids[id];
    if (other.nsidPool) giveBackId(other.nsidPool, nsid);
  }
}

export function getNs(table: NetnsTable, id: NetnsId): Netns {
  const ns = table.netns[id];
  if (!ns) throw new KernelError("ENODEV", `no netns ${id}`);
  return ns;
}

/**
 * Each namespace's links by name, so that finding one does not read every link of a host with
 * thousands. Derived data, not world state: links are added, removed and renamed only in this
 * module, which keeps the index; one missing or out of step (a namespace fresh from JSON) is rebuilt.
 */
const linksByName = new WeakMap<Netns, Map<string, Link>>();

function nameIndex(ns: Netns): Map<string, Link> {
  let index = linksByName.get(ns);
  if (!index || index.size !== ns.links.length) {
    index = new Map(ns.links.map((l) => [l.name, l]));
    linksByName.set(ns, index);
  }
  return index;
}

export function linkByName(ns: Netns, name: string): Link | undefined {
  return nameIndex(ns).get(name);
}

/** Where a link with this ifindex is, or would go, in the namespace's links (sorted by ifindex). */
function indexPosition(ns: Netns, ifindex: number): number {
  let lo = 0;
  let hi = ns.links.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ns.links[mid]?.ifindex ?? 0) < ifindex) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function linkByIndex(ns: Netns, ifindex: number): Link | undefined {
  const link = ns.links[indexPosition(ns, ifindex)];
  return link?.ifindex === ifindex ? link : undefined;
}

function insertSorted(ns: Netns, link: Link): void {
  const index = nameIndex(ns);
  ns.links.splice(indexPosition(ns, link.ifindex), 0, link);
  index.set(link.name, link);
}

function removeFrom(ns: Netns, link: Link): void {
  const at = indexPosition(ns, link.ifindex);
  if (ns.links[at] !== link) return;
  const index = nameIndex(ns);
  ns.links.splice(at, 1);
  index.delete(link.name);
}

export interface NewLink {
  name: string;
  kind: LinkKind;
  mac: string;
  mtu?: number;
  info?: Record<string, string | number>;
  /** The kernel's default is 1000; Docker creates its bridges and veths with 0 (the default here). */
  txqlen?: number;
  /** `mac` is the kernel's own random choice (ethRandomAddr), not one the creator asked for. */
  randomMac?: boolean;
}

/** eth_random_addr(): a random unicast, locally administered MAC, for devices created without one. */
export function ethRandomAddr(rng: RngState): string {
  const bytes = Array.from({ length: 6 }, () => randInt(rng, 0, 255));
  bytes[0] = ((bytes[0] ?? 0) & 0xfe) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
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
  };
  if (spec.kind === "bridge") link.fdb = [];
  if (spec.info) link.info = spec.info;
  if (spec.txqlen) link.txqlen = spec.txqlen;
  if (spec.randomMac) link.randomMac = true;
  insertSorted(ns, link);
  return link;
}

/**
 * `ip link add A type veth peer name B netns OTHER`: A in `ns`, B made directly in `other`, each
 * numbered by its own namespace (B, the peer, first).
 */
export function addVethPairAcross(ns: Netns, a: NewLink, other: Netns, b: NewLink): [Link, Link] {
  if (linkByName(ns, a.name) || linkByName(other, b.name)) throw new KernelError("EEXIST");
  const second = addLink(other, { ...b, kind: "veth" });
  const first = addLink(ns, { ...a, kind: "veth" });
  first.peer = { netns: other.id, ifindex: second.ifindex };
  second.peer = { netns: ns.id, ifindex: first.ifindex };
  nsidOf(ns, other.id);
  nsidOf(other, ns.id);
  return [first, second];
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
  detachFromBridge(table, from, link);
  removeFrom(from, link);
  const oldIndex = link.ifindex;
  if (linkByIndex(to, link.ifindex)) link.ifindex = to.nextIfindex++;
  else to.nextIfindex = Math.max(to.nextIfindex, link.ifindex + 1);
  link.up = false;
  link.addrs = [];
  // The move closes the device and shuts its qdisc down; IPv6 addresses go with the old namespace.
  delete link.qdisc;
  delete link.ll6;
  delete link.addrs6;
  // It takes the new namespace's default device settings.
  if (to.ipv6Disabled) link.noIpv6 = true;
  from.routes = from.routes.filter((r) => r.dev !== oldIndex);
  if (from.routes6) from.routes6 = from.routes6.filter((r) => r.dev !== oldIndex);
  from.neigh = from.neigh.filter((n) => n.dev !== oldIndex);
  insertSorted(to, link);
  const peer = peerOf(table, link);
  if (peer) peer.link.peer = { netns: to.id, ifindex: link.ifindex };
  // The move's netlink notifications number the namespaces involved (IFLA_NEW_NETNSID, IFLA_LINK_NETNSID).
  nsidOf(from, to.id);
  if (peer && peer.ns.id !== to.id) nsidOf(to, peer.ns.id);
  return link;
}

export function renameLink(ns: Netns, link: Link, name: string): void {
  if (link.name === name) return;
  if (link.up) throw new KernelError("EBUSY");
  if (linkByName(ns, name)) throw new KernelError("EEXIST");
  const index = nameIndex(ns);
  index.delete(link.name);
  link.name = name;
  index.set(name, link);
}

export function setLinkUp(table: NetnsTable, ns: Netns, link: Link, up: boolean): void {
  link.up = up;
  addrconfDue(table, ns, link);
  if (up) {
    // Opening a device attaches its default qdisc: a real NIC's fq_codel, nothing for virtual devices.
    link.qdisc ??= link.kind === "ether" ? "fq_codel" : "noqueue";
    // lo gets 127.0.0.1/8 the first time it comes up with no IPv4 address.
    if (link.kind === "loopback" && link.addrs.length === 0)
      link.addrs.push({ ip: "127.0.0.1", prefix: 8, scope: "host" });
    return;
  }
  // The kernel flushes routes through a device that goes down (connected ones are derived anyway)
  // and removes its IPv6 addresses.
  delete link.ll6;
  delete link.addrs6;
  ns.routes = ns.routes.filter((r) => r.dev !== link.ifindex);
  if (ns.routes6) ns.routes6 = ns.routes6.filter((r) => r.dev !== link.ifindex);
  ns.neigh = ns.neigh.filter((n) => n.dev !== link.ifindex);
}

/**
 * Each bridge's forwarding database by MAC, so that looking a frame's address up does not read the
 * entries of every port. Derived data, not world state: rebuilt when the table is another array or
 * has another length (a port left, a bridge fresh from JSON) and after a port's MAC changed.
 */
const fdbByMac = new WeakMap<FdbEntry[], { length: number; byMac: Map<string, FdbEntry[]> }>();

function fdbIndex(fdb: FdbEntry[]): Map<string, FdbEntry[]> {
  let index = fdbByMac.get(fdb);
  if (!index || index.length !== fdb.length) {
    index = { length: 0, byMac: new Map() };
    for (const e of fdb) indexFdbEntry(index, e);
    fdbByMac.set(fdb, index);
  }
  return index.byMac;
}

function indexFdbEntry(index: { length: number; byMac: Map<string, FdbEntry[]> }, e: FdbEntry): void {
  const same = index.byMac.get(e.mac);
  if (same) same.push(e);
  else index.byMac.set(e.mac, [e]);
  index.length++;
}

/** A bridge's FDB entries for a MAC, in the table's order. */
export function fdbEntries(bridge: Link, mac: string): readonly FdbEntry[] {
  return (bridge.fdb && fdbIndex(bridge.fdb).get(mac)) ?? [];
}

export function addFdbEntry(bridge: Link, entry: FdbEntry): void {
  if (!bridge.fdb) return;
  fdbIndex(bridge.fdb);
  bridge.fdb.push(entry);
  const index = fdbByMac.get(bridge.fdb);
  if (index) indexFdbEntry(index, entry);
}

/** `ip link set X address MAC`: a bridge port's local FDB entry follows; addrconf makes a new link-local. */
export function setLinkMac(table: NetnsTable, ns: Netns, link: Link, mac: string): void {
  const bridge = link.master !== undefined ? linkByIndex(ns, link.master) : undefined;
  if (bridge?.fdb) {
    for (const e of bridge.fdb) if (e.local && e.port === link.ifindex) e.mac = mac;
    fdbByMac.delete(bridge.fdb);
  }
  link.mac = mac;
  delete link.randomMac;
  delete link.ll6;
  addrconfDue(table, ns, link);
  if (bridge) recalculateBridgeMac(table, ns, bridge);
}

/** `disable_ipv6` on a link: turning it on takes the link-local address away, off lets addrconf give one. */
export function setIpv6Disabled(table: NetnsTable, ns: Netns, link: Link, disabled: boolean): void {
  if (disabled) {
    link.noIpv6 = true;
    delete link.ll6;
    delete link.addrs6;
    return;
  }
  delete link.noIpv6;
  addrconfDue(table, ns, link);
}

/**
 * br_stp_recalculate_bridge_id(): a bridge whose MAC nobody chose takes the lowest of its ports'
 * MACs, or all zeroes when it has none.
 */
function recalculateBridgeMac(table: NetnsTable, ns: Netns, bridge: Link): void {
  if (!bridge.randomMac) return;
  const ports = ns.links.filter((l) => l.master === bridge.ifindex).map((l) => l.mac);
  const lowest = ports.sort()[0] ?? "00:00:00:00:00:00";
  if (lowest !== bridge.mac) {
    bridge.mac = lowest;
    delete bridge.ll6;
    addrconfDue(table, ns, bridge);
  }
}

/** The MTU range each kind of device accepts (ETH_MIN_MTU 68 up to the driver's maximum). */
function mtuRange(link: Link): { min: number; max: number } {
  if (link.kind === "loopback" || link.kind === "dummy") return { min: 0, max: 2147483647 };
  if (link.kind === "ether") return { min: 68, max: 1500 };
  return { min: 68, max: 65535 };
}

export function setLinkMtu(link: Link, mtu: number): void {
  const { min, max } = mtuRange(link);
  if (mtu < min) throw new KernelError("EINVAL", undefined, "mtu less than device minimum");
  if (mtu > max) throw new KernelError("EINVAL", undefined, "mtu greater than device maximum");
  link.mtu = mtu;
}

export function setMaster(table: NetnsTable, ns: Netns, link: Link, bridge: Link | undefined): void {
  if (bridge && bridge.kind !== "bridge") throw new KernelError("EINVAL");
  if (bridge === link) throw new KernelError("EINVAL");
  detachFromBridge(table, ns, link);
  if (!bridge) return;
  // A port with a carrier gives its bridge one.
  addrconfDue(table, ns, link);
  link.master = bridge.ifindex;
  // Ports are numbered from 1, each new one taking the lowest free number.
  bridge.portPool ??= { next: 1 };
  link.portNo = takeId(bridge.portPool);
  if (link.mac) addFdbEntry(bridge, { mac: link.mac, port: link.ifindex, local: true, seen: 0 });
  recalculateBridgeMac(table, ns, bridge);
}

function detachFromBridge(table: NetnsTable, ns: Netns, link: Link): void {
  if (link.master === undefined) return;
  const bridge = linkByIndex(ns, link.master);
  if (bridge?.fdb) bridge.fdb = bridge.fdb.filter((e) => e.port !== link.ifindex);
  if (bridge?.portPool && link.portNo !== undefined) giveBackId(bridge.portPool, link.portNo);
  delete link.master;
  delete link.portNo;
  if (bridge) recalculateBridgeMac(table, ns, bridge);
}

/** Deletes a link; deleting either end of a veth pair deletes both. Ports leave their bridge. */
export function deleteLink(table: NetnsTable, ns: Netns, link: Link): void {
  const peer = peerOf(table, link);
  removeOne(table, ns, link);
  if (peer && link.kind === "veth") removeOne(table, peer.ns, peer.link);
  else if (peer) {
    // A cable's other end, unplugged, counts as a link of its own again (carrier while up).
    delete peer.link.peer;
    addrconfDue(table, peer.ns, peer.link);
  }
}

function removeOne(table: NetnsTable, ns: Netns, link: Link): void {
  detachFromBridge(table, ns, link);
  if (link.kind === "bridge") {
    for (const port of ns.links.filter((l) => l.master === link.ifindex)) {
      delete port.master;
      delete port.portNo;
    }
  }
  removeFrom(ns, link);
  ns.routes = ns.routes.filter((r) => r.dev !== link.ifindex);
  ns.neigh = ns.neigh.filter((n) => n.dev !== link.ifindex);
}

/** An address is secondary when an earlier one on the link has the same subnet: it adds no route of its own. */
export function isSecondary(link: Link, index: number): boolean {
  const a = link.addrs[index];
  const net = a && parseCidr(`${a.ip}/${a.prefix}`, true);
  return link.addrs.slice(0, index).some((b) => {
    const other = parseCidr(`${b.ip}/${b.prefix}`, true);
    return b.prefix === a?.prefix && other?.net === net?.net;
  });
}

/** The subnet's broadcast address, as Docker's netlink library fills it in (none for /31 and /32). */
export function defaultBroadcast(ip: string, prefix: number): string | undefined {
  const net = parseCidr(`${ip}/${prefix}`, true);
  return net && prefix < 31 ? formatIp(broadcastOf(net)) : undefined;
}

/** Adds an IPv4 address; `brd` defaults to the subnet's broadcast (`ip addr add` passes null: none). */
export function addAddr(
  _ns: Netns,
  link: Link,
  ip: string,
  prefix: number,
  brd: string | null = defaultBroadcast(ip, prefix) ?? null,
): Addr {
  if (parseIp(ip) === undefined || prefix < 0 || prefix > 32) throw new KernelError("EINVAL");
  if (link.addrs.some((a) => a.ip === ip && a.prefix === prefix))
    throw new KernelError("EEXIST", undefined, "ipv4: Address already assigned");
  const addr: Addr = { ip, prefix, scope: ip.startsWith("127.") ? "host" : "global" };
  if (brd) addr.brd = brd;
  link.addrs.push(addr);
  return addr;
}

/** An IPv6 address on a link (netlink RTM_NEWADDR), kept oldest first; the kernel lists the newest first. */
export function addAddr6(
  table: NetnsTable & { clock: number },
  link: Link,
  ip: string,
  prefix: number,
  opts: { nodad?: boolean } = {},
): Addr6 {
  if (link.noIpv6) throw new KernelError("EINVAL");
  if ((link.addrs6 ?? []).some((a) => a.ip === ip)) throw new KernelError("EEXIST");
  const addr: Addr6 = {
    ip,
    prefix,
    scope: ip.startsWith("fe80:") ? "link" : "global",
    since: table.clock,
    ...(opts.nodad ? { nodad: true } : {}),
  };
  link.addrs6 = [...(link.addrs6 ?? []), addr];
  return addr;
}

export function delAddr(ns: Netns, link: Link, ip: string, prefix?: number): void {
  const before = link.addrs.length;
  link.addrs = link.addrs.filter((a) => !(a.ip === ip && (prefix === undefined || a.prefix === prefix)));
  if (link.addrs.length === before)
    throw new KernelError("EADDRNOTAVAIL", undefined, "ipv4: Address not found");
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

/**
 * The old address ioctls (ifconfig, route's cousins) work on a link's primary IPv4 address.
 * SIOCSIFADDR replaces it (or adds the first), with the classful prefix and, on broadcast devices,
 * the matching broadcast; 0.0.0.0 removes it. Class D addresses are refused.
 */
export function ioctlSetAddr(ns: Netns, link: Link, ip: string): void {
  const value = parseIp(ip);
  if (value === undefined) throw new KernelError("EINVAL");
  const first = value >>> 24;
  const prefix =
    value === 0 || value === 0xffffffff ? 0 : first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : 32;
  if (first >= 224 && first < 240) throw new KernelError("EINVAL");
  const old = link.addrs[0];
  if (old?.ip === ip) return;
  if (old) delAddr(ns, link, old.ip, old.prefix);
  if (value === 0) return;
  const brd = link.kind !== "loopback" && prefix < 31 ? (defaultBroadcast(ip, prefix) ?? null) : null;
  const addr = addAddr(ns, link, ip, prefix, brd);
  link.addrs = [addr, ...link.addrs.filter((a) => a !== addr)];
}

/** SIOCSIFNETMASK: a contiguous mask only; the broadcast follows when it was the old subnet's. */
export function ioctlSetNetmask(link: Link, prefix: number | undefined): void {
  const addr = link.addrs[0];
  if (!addr) throw new KernelError("EADDRNOTAVAIL");
  if (prefix === undefined) throw new KernelError("EINVAL");
  if (prefix === addr.prefix) return;
  const followed = addr.brd !== undefined && addr.brd === defaultBroadcast(addr.ip, addr.prefix);
  addr.prefix = prefix;
  if (followed && link.kind !== "loopback") {
    const brd = defaultBroadcast(addr.ip, prefix);
    if (brd) addr.brd = brd;
  }
}

/** SIOCSIFBRDADDR: the primary address's broadcast. */
export function ioctlSetBroadcast(link: Link, brd: string): void {
  const addr = link.addrs[0];
  if (!addr) throw new KernelError("EADDRNOTAVAIL");
  addr.brd = brd;
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
    link.addrs.forEach((a, i) => {
      const net = parseCidr(`${a.ip}/${a.prefix}`, true);
      if (!net || a.prefix === 32 || isSecondary(link, i)) return;
      connected.push({
        dst: formatCidr(net),
        dev: link.ifindex,
        proto: "kernel",
        scope: "link",
        src: a.ip,
        linkdown: !hasCarrier(table, ns, link),
      });
    });
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

/**
 * Adds a route. `ip route add` asks exclusively (NLM_F_EXCL): any route to the same destination and
 * metric is in the way. The old SIOCADDRT ioctl (`route add`) does not: only an identical route is,
 * and a different one to the same destination goes in front of it.
 */
export function addRoute(
  table: NetnsTable,
  ns: Netns,
  route: Omit<Route, "dev"> & { dev?: number },
  opts: { exclusive?: boolean } = {},
): Route {
  let dev = route.dev;
  if (route.via) {
    const gw = parseIp(route.via);
    const hop = effectiveRoutes(table, ns).find((r) => {
      if (r.dst === "default" || r.via) return false;
      const net = parseCidr(r.dst, true);
      return gw !== undefined && net !== undefined && inCidr(gw, net) && (dev === undefined || r.dev === dev);
    });
    if (!hop) throw new KernelError("ENETUNREACH", undefined, "Nexthop has invalid gateway");
    dev = hop.dev;
  }
  if (dev === undefined) throw new KernelError("ENODEV");
  if (!route.via && !linkByIndex(ns, dev)?.up)
    throw new KernelError("ENETDOWN", undefined, "Nexthop device is not up");
  const metric = route.metric ?? 0;
  const same = effectiveRoutes(table, ns).filter((r) => r.dst === route.dst && (r.metric ?? 0) === metric);
  const exclusive = opts.exclusive ?? true;
  if (same.some((r) => exclusive || (r.via === route.via && r.dev === dev))) throw new KernelError("EEXIST");
  const added: Route = { ...route, dev };
  const first = ns.routes.findIndex((r) => r.dst === route.dst && (r.metric ?? 0) === metric);
  if (first < 0) ns.routes.push(added);
  else ns.routes.splice(first, 0, added);
  return added;
}

/** `ip route del`: the first route to `dst` that also matches what was given (gateway, device, metric). */
export function delRoute(
  ns: Netns,
  dst: string,
  match: { via?: string; dev?: number; metric?: number } = {},
): void {
  const index = ns.routes.findIndex(
    (r) =>
      r.dst === dst &&
      (match.via === undefined || r.via === match.via) &&
      (match.dev === undefined || r.dev === match.dev) &&
      (match.metric === undefined || (r.metric ?? 0) === match.metric),
  );
  if (index < 0) throw new KernelError("ESRCH");
  ns.routes.splice(index, 1);
}

/** The number by which `from` calls `to` (`link-netnsid N`): on first use the kernel takes the lowest free one. */
export function nsidOf(from: Netns, to: NetnsId): number {
  const known = from.nsids[to];
  if (known !== undefined) return known;
  from.nsidPool ??= { next: 0 };
  const id = takeId(from.nsidPool);
  from.nsids[to] = id;
  return id;
}

/**
 * A cable between two machines (a host's eth0 into the LAN switch): one ethernet link in each
 * namespace, each the other's peer. Unlike a veth pair, each end is numbered by its own namespace.
 */
export function addCable(a: { ns: Netns; link: NewLink }, b: { ns: Netns; link: NewLink }): [Link, Link] {
  // Physical NICs keep the kernel's default queue length.
  const left = addLink(a.ns, { txqlen: 1000, ...a.link });
  const right = addLink(b.ns, { txqlen: 1000, ...b.link });
  left.peer = { netns: b.ns.id, ifindex: right.ifindex };
  right.peer = { netns: a.ns.id, ifindex: left.ifindex };
  return [left, right];
}

/** `ip neigh replace IP lladdr MAC dev DEV nud permanent`: a static entry, as drivers install them. */
export function setPermanentNeigh(ns: Netns, dev: number, ip: string, mac: string): void {
  ns.neigh = ns.neigh.filter((n) => !(n.dev === dev && n.ip === ip));
  ns.neigh.push({ ip, dev, mac, state: "PERMANENT" });
}

export function deleteNeigh(ns: Netns, dev: number, ip: string): void {
  ns.neigh = ns.neigh.filter((n) => !(n.dev === dev && n.ip === ip));
}
