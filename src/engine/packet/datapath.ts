/**
 * The walk: one IP packet handed to a namespace's stack by a process, followed hop by hop through the
 * kernel model until a stack takes it, something drops it, or it vanishes. On the way: routing,
 * conntrack and the netfilter hooks (nat OUTPUT/PREROUTING, filter OUTPUT/INPUT/FORWARD, nat
 * POSTROUTING), ARP with the neighbour table, bridges with their forwarding database (and
 * br_netfilter's FORWARD for bridged IPv4), veth pairs and cables into the next namespace, TTL
 * across routers, and the ICMP errors routers send back. Every step leaves a Hop and changes the
 * counters and tables a real kernel would.
 */
import { parseIp6 } from "../ip6";
import { addFdbEntry, fdbEntries, linkByIndex, peerOf } from "../linux/kernel";
import type { IpvsService, Link, Netns } from "../linux/types";
import { netnsName } from "../netns-id";
import { bindDnat, bindSnat, confirm, dstManip, srcManip, type Tracked, track } from "./conntrack";
import {
  BROADCAST_MAC,
  DEFAULT_TTL,
  frameSize,
  icmpError,
  ipPacket,
  ports,
  udp,
  VXLAN_OVERHEAD,
  withIp,
  ZERO_MAC,
} from "./headers";
import { icmpErrorAllowed } from "./icmp-limit";
import { ARP_FAIL_MS, findNeigh, learnFromRequest, setNeigh, usableMac } from "./neighbour";
import {
  type CtState,
  type HookContext,
  runHook,
  tracksConnections,
  type Verdict,
  verdictText,
} from "./netfilter";
import { isLocalAddress, routeOutput, sourceFor } from "./route";
import { capture, elapse, hop, type Sim } from "./sim";
import type { Decision, HopNote, Packet } from "./types";

/** A packet taken by a namespace's stack, as it arrived. */
export interface Arrival {
  ns: Netns;
  packet: Packet;
  /** The interface it came in on (`lo` for local traffic). */
  ifname: string;
}

export type Outcome =
  /** It reached a stack (after INPUT). */
  | { kind: "delivered"; at: Arrival }
  /** An ICMP error about it came back and reached a stack (normally the sender's). */
  | { kind: "icmp-error"; at: Arrival }
  /**
   * The sender's own kernel refused it: no route, neighbour unreachable, its OUTPUT chain, or too
   * big for the device with Don't Fragment set (with the device's MTU).
   */
  | {
      kind: "refused";
      errno: "ENETUNREACH" | "EHOSTUNREACH" | "EPERM" | "EMSGSIZE";
      from: string;
      mtu?: number;
    }
  /** Dropped or lost somewhere, with nothing coming back. */
  | { kind: "lost" };

const LOST: Outcome = { kind: "lost" };
/** The note of a hop where the packet just goes its way. */
const PACKET: HopNote = { kind: "packet" };
/** FDB entries age out after 300 s, as the bridge's default ageing time. */
const FDB_AGEING_MS = 300_000;

function ttlOf(ns: Netns): number {
  return ns.ipDefaultTtl ?? DEFAULT_TTL;
}

/** A process in `ns` sends an IP packet (source "" lets the kernel choose). */
export function sendIp(sim: Sim, ns: Netns, packet: Packet): Outcome {
  let p = packet;
  const ip = p.ip;
  if (!ip) throw new Error("sendIp needs an IP packet");
  let route = routeOutput(ns, ip.dst);
  if (route.kind === "unreachable") {
    hop(sim, ns, "-", "out", p, "dropped", { kind: "net-unreachable", dst: ip.dst });
    return { kind: "refused", errno: "ENETUNREACH", from: ip.src };
  }
  if (!ip.src) p = withIp(p, { src: route.src });
  const ct = tracksConnections(ns) ? track(ns, p, sim.t) : undefined;
  const outIf = route.kind === "local" ? "lo" : route.link.name;
  const nat = natDestination(
    sim,
    ns,
    "OUTPUT",
    p,
    ct,
    { out: outIf, ctstate: ct?.state ?? "UNTRACKED" },
    outIf,
  );
  if (nat !== p) {
    p = nat;
    route = routeOutput(ns, p.ip?.dst ?? "");
    if (route.kind === "unreachable") return { kind: "refused", errno: "ENETUNREACH", from: ip.src };
  }
  const out = route.kind === "local" ? "lo" : route.link.name;
  const filter = runHook(ns, "filter", "OUTPUT", p, { out, ctstate: ct?.state ?? "UNTRACKED" });
  if (filter.target !== "ACCEPT") {
    dropHop(sim, ns, out, "out", p, filter);
    return { kind: "refused", errno: "EPERM", from: p.ip?.src ?? "" };
  }
  if (route.kind === "local") return loopback(sim, ns, p, ct);
  const length = p.ip?.length ?? 0;
  if (p.ip?.df && length > route.link.mtu) {
    hop(sim, ns, out, "out", p, "dropped", { kind: "too-big", length, ifname: out, mtu: route.link.mtu });
    return { kind: "refused", errno: "EMSGSIZE", from: p.ip.src, mtu: route.link.mtu };
  }
  return postRouting(sim, ns, p, route.link, route.nextHop, ct, undefined, "sent");
}

/** Local traffic: out and back in through `lo`, then INPUT. */
function loopback(sim: Sim, ns: Netns, p: Packet, ct: Tracked | undefined): Outcome {
  const lo = ns.links.find((l) => l.kind === "loopback");
  if (!lo?.up) {
    hop(sim, ns, "lo", "out", p, "dropped", { kind: "link-down", ifname: "lo" });
    return LOST;
  }
  const q = ct ? srcManip(ct, p) : p;
  elapse(sim, 1, 4);
  count(lo, q, "out");
  capture(sim, ns, lo, "out", q);
  hop(sim, ns, "lo", "out", q, "sent", PACKET);
  count(lo, q, "in");
  capture(sim, ns, lo, "in", q);
  return localInput(sim, ns, lo, q, ct);
}

function count(link: Link, p: Packet, dir: "out" | "in"): void {
  const size = frameSize(p);
  link.stats ??= { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 };
  const stats = link.stats;
  if (dir === "out") {
    stats.txPackets += 1;
    stats.txBytes += size;
  } else {
    stats.rxPackets += 1;
    stats.rxBytes += size;
  }
}

function dropHop(sim: Sim, ns: Netns, ifname: string, dir: "out" | "in", p: Packet, v: Verdict): void {
  const rule = verdictText(v);
  const note: HopNote = { kind: v.rule ? "rule" : "policy", chain: v.chain, target: v.target, rule };
  hop(sim, ns, ifname, dir, p, "dropped", note, { rule });
}

/** nat PREROUTING or OUTPUT on a flow's first packet (DNAT), or the flow's NAT on later ones. */
function natDestination(
  sim: Sim,
  ns: Netns,
  chain: "PREROUTING" | "OUTPUT",
  p: Packet,
  ct: Tracked | undefined,
  ctx: HookContext,
  ifname: string,
): Packet {
  if (!ct) return p;
  if (!ct.fresh) return rewritten(sim, ns, ifname, chain === "OUTPUT" ? "out" : "in", p, dstManip(ct, p), ct);
  const v = runHook(ns, "nat", chain, p, ctx);
  // REDIRECT: DNAT to the address the packet arrived on (the primary one), to the given port.
  const redirect = v.target === "REDIRECT" && v.rule?.toPorts ? `${p.ip?.dst}:${v.rule.toPorts}` : undefined;
  const toDest = redirect ?? (v.target === "DNAT" ? v.rule?.toDest : undefined);
  if (!toDest) return p;
  const [toIp = "", toPort] = toDest.split(":");
  bindDnat(ct, toIp, toPort ? Number(toPort) : undefined);
  const after = dstManip(ct, p);
  const { dport } = ports(p);
  const from = `${p.ip?.dst}${p.udp || p.tcp ? `:${dport}` : ""}`;
  hop(
    sim,
    ns,
    ifname,
    chain === "OUTPUT" ? "out" : "in",
    after,
    "rewritten",
    { kind: "nat", nat: redirect ? "REDIRECT" : "DNAT", from, to: toDest },
    {
      before: p,
      rule: verdictText(v),
    },
  );
  return after;
}

/** Records the rewrite conntrack gives a later packet of a NATed flow, when it changes anything. */
function rewritten(
  sim: Sim,
  ns: Netns,
  ifname: string,
  dir: "in" | "out",
  before: Packet,
  after: Packet,
  ct: Tracked,
): Packet {
  if (after === before) return before;
  const b = before.ip;
  const a = after.ip;
  const bp = ports(before);
  const ap = ports(after);
  // A port-only rewrite (REDIRECT's reply) names the ports too.
  const at = (ip: string | undefined, port: number | undefined, portChanged: boolean) =>
    portChanged ? `${ip}:${port}` : `${ip}`;
  const srcSide = b?.src !== a?.src || bp.sport !== ap.sport;
  const note: HopNote = srcSide
    ? {
        kind: "nat",
        nat: ct.dir === "orig" ? "SNAT" : "un-DNAT",
        from: at(b?.src, bp.sport, bp.sport !== ap.sport),
        to: at(a?.src, ap.sport, bp.sport !== ap.sport),
        conntrack: ct.state,
      }
    : {
        kind: "nat",
        nat: ct.dir === "orig" ? "DNAT" : "un-SNAT",
        from: at(b?.dst, bp.dport, bp.dport !== ap.dport),
        to: at(a?.dst, ap.dport, bp.dport !== ap.dport),
        conntrack: ct.state,
      };
  hop(sim, ns, ifname, dir, after, "rewritten", note, { before });
  return after;
}

/**
 * After the routing decision: nat POSTROUTING (MASQUERADE to the egress address), conntrack
 * confirmation, then the neighbour and the wire.
 */
function postRouting(
  sim: Sim,
  ns: Netns,
  packet: Packet,
  link: Link,
  nextHop: string,
  ct: Tracked | undefined,
  inIf: string | undefined,
  decision: Decision,
): Outcome {
  let p = packet;
  if (ct?.fresh) {
    const v = runHook(ns, "nat", "POSTROUTING", p, {
      in: inIf,
      out: link.name,
      ctstate: ct.state,
      ...(ct.entry.ipvs ? { ipvs: true } : {}),
    });
    if (v.target === "MASQUERADE" || v.target === "SNAT") {
      const explicit = v.target === "SNAT" ? v.rule?.toSource?.split(":")[0] : undefined;
      const to = explicit || (sourceFor(ns, link, nextHop) ?? p.ip?.src ?? "");
      bindSnat(ns, ct, to);
      const after = srcManip(ct, p);
      // A packet already from that address (the router's own) is masqueraded to itself: no change.
      if (after !== p) {
        const note: HopNote = {
          kind: "nat",
          nat: v.target === "MASQUERADE" ? "MASQUERADE" : "SNAT",
          from: `${p.ip?.src}`,
          to: `${after.ip?.src}`,
        };
        hop(sim, ns, link.name, "out", after, "rewritten", note, {
          before: p,
          rule: verdictText(v),
        });
      }
      p = after;
    }
  } else if (ct) p = rewritten(sim, ns, link.name, "out", p, srcManip(ct, p), ct);
  if (ct) confirm(ns, ct, p, sim.t);
  return neighbourOutput(sim, ns, link, nextHop, p, decision);
}

/** Resolves the next hop's MAC (asking with ARP when needed) and puts the frame on the link. */
function neighbourOutput(
  sim: Sim,
  ns: Netns,
  link: Link,
  nextHop: string,
  p: Packet,
  decision: Decision,
): Outcome {
  const src = p.ip?.src ?? "";
  // A dummy device is NOARP: nothing to resolve, and whatever it sends vanishes.
  const mac =
    link.kind === "dummy"
      ? ZERO_MAC
      : (usableMac(ns, link.ifindex, nextHop, sim.t) ?? arpResolve(sim, ns, link, nextHop, src));
  if (!mac) {
    hop(sim, ns, link.name, "out", p, "dropped", { kind: "no-arp", nextHop });
    return { kind: "refused", errno: "EHOSTUNREACH", from: src };
  }
  const frame: Packet = { ...p, eth: { src: link.mac, dst: mac, type: src.includes(":") ? "IPv6" : "IPv4" } };
  return transmit(sim, ns, link, frame, decision);
}

/** 33:33:ff and the address's last three bytes: where a neighbour solicitation for it goes. */
function solicitedNodeMac(ip: string): string {
  const low = Number((parseIp6(ip) ?? 0n) & 0xffffffn);
  return `33:33:ff:${[16, 8, 0].map((s) => ((low >> s) & 255).toString(16).padStart(2, "0")).join(":")}`;
}

/** Broadcasts who-has and waits for the answer; three unanswered probes and the entry fails. */
function arpResolve(sim: Sim, ns: Netns, link: Link, ip: string, src: string): string | undefined {
  const sender = ip.includes(":") ? src : (sourceFor(ns, link, ip) ?? src);
  setNeigh(ns, link.ifindex, ip, undefined, "INCOMPLETE", sim.t);
  // The first packet waits in the neighbour queue while the kernel arms its timer and asks.
  elapse(sim, 150, 700);
  // IPv6 asks with a neighbour solicitation to the target's solicited-node multicast group.
  const nd = ip.includes(":");
  const request: Packet = {
    eth: { src: link.mac, dst: nd ? solicitedNodeMac(ip) : BROADCAST_MAC, type: nd ? "IPv6" : "ARP" },
    arp: {
      op: "request",
      ...(nd ? { nd } : {}),
      senderMac: link.mac,
      senderIp: sender,
      targetMac: ZERO_MAC,
      targetIp: ip,
    },
  };
  const start = sim.t;
  transmit(sim, ns, link, request, "sent");
  const entry = findNeigh(ns, link.ifindex, ip);
  if (entry?.state === "REACHABLE" && entry.mac) {
    sim.t = Math.max(start, entry.updated ?? start);
    return entry.mac;
  }
  sim.t = start + ARP_FAIL_MS;
  setNeigh(ns, link.ifindex, ip, undefined, "FAILED", sim.t);
  return undefined;
}

/** A frame leaves `link`: counters, captures, then across the veth or cable, or into the bridge. */
function transmit(sim: Sim, ns: Netns, link: Link, frame: Packet, decision: Decision): Outcome {
  if (!link.up) {
    hop(sim, ns, link.name, "out", frame, "dropped", { kind: "link-down", ifname: link.name });
    return LOST;
  }
  elapse(sim, 1, 3);
  count(link, frame, "out");
  capture(sim, ns, link, "out", frame);
  hop(sim, ns, link.name, "out", frame, decision, PACKET);
  if (link.kind === "bridge") return bridgeForward(sim, ns, link, frame, undefined);
  if (link.kind === "vxlan") return vxlanTransmit(sim, ns, link, frame);
  if (link.kind === "macvlan" || link.kind === "ipvlan") return subInterfaceTransmit(sim, link, frame);
  const peer = peerOf(sim.world, link);
  if (!peer) {
    hop(sim, ns, link.name, "out", frame, "dropped", { kind: "unplugged", ifname: link.name });
    return LOST;
  }
  if (!peer.link.up) {
    hop(sim, peer.ns, peer.link.name, "in", frame, "dropped", { kind: "link-down", ifname: peer.link.name });
    return LOST;
  }
  elapse(sim, 2, 6);
  // A netem qdisc on the sending interface delays what it sends (the internet's long links).
  const delay = Number(link.info?.netem_delay_us ?? 0);
  if (delay > 0) elapse(sim, delay, delay + delay / 10);
  return receive(sim, peer.ns, peer.link, frame);
}

/** A frame arrives on `link` from the wire. */
function receive(sim: Sim, ns: Netns, link: Link, frame: Packet): Outcome {
  count(link, frame, "in");
  capture(sim, ns, link, "in", frame);
  const subs = subInterfacesOf(sim, ns, link);
  if (subs.length > 0) return demuxSubInterfaces(sim, ns, link, frame, subs);
  if (link.master !== undefined) {
    const bridge = linkByIndex(ns, link.master);
    hop(sim, ns, link.name, "in", frame, "crossed", { kind: "bridge-port", bridge: `${bridge?.name}` });
    if (!bridge?.up) return LOST;
    if (frame.eth) learn(bridge, frame.eth.src, link.ifindex, sim.t);
    capture(sim, ns, bridge, "in", frame);
    return bridgeForward(sim, ns, bridge, frame, link);
  }
  // A frame the stack ignores at once (a flooded copy for another host) leaves one hop, where it
  // arrived; the others cross into the stack.
  const ignored = ignoredBy(ns, link, frame);
  if (ignored) return ignore(sim, ns, link, frame, ignored);
  hop(sim, ns, link.name, "in", frame, "crossed", PACKET);
  return stackInput(sim, ns, link, frame);
}

function learn(bridge: Link, mac: string, port: number, now: number): void {
  const known = fdbEntries(bridge, mac)[0];
  if (known?.local) return;
  if (known) {
    known.port = port;
    known.seen = now;
  } else addFdbEntry(bridge, { mac, port, local: false, seen: now });
}

/** The bridge's ports that are up, but the one a frame came in on. */
function portsOf(ns: Netns, bridge: Link, inPort: Link | undefined): Link[] {
  const ports: Link[] = [];
  for (const l of ns.links) if (l.master === bridge.ifindex && l.up && l !== inPort) ports.push(l);
  return ports;
}

/**
 * The bridge decides: broadcast floods every port (and goes up to the host); a known MAC goes out its
 * port; the bridge's own MACs go up to the host; an unknown one floods. Bridged IPv4 passes
 * br_netfilter's FORWARD with the bridge as both input and output interface.
 */
function bridgeForward(sim: Sim, ns: Netns, bridge: Link, frame: Packet, inPort: Link | undefined): Outcome {
  const dst = frame.eth?.dst ?? BROADCAST_MAC;
  // Frames from the host's own stack were already seen leaving the bridge device.
  const dir = inPort ? "in" : "out";
  elapse(sim, 1, 3);
  if (dst === BROADCAST_MAC || dst.startsWith("01:") || dst.startsWith("33:33")) {
    const out = portsOf(ns, bridge, inPort);
    const names = [...out.map((l) => l.name), ...(inPort ? [bridge.name] : [])];
    hop(sim, ns, bridge.name, dir, frame, "flooded", { kind: "flooded", ports: names });
    return flood(sim, ns, bridge, frame, out, inPort !== undefined);
  }
  const entry = fdbEntries(bridge, dst).find((e) => e.local || sim.t - e.seen <= FDB_AGEING_MS);
  if (dst === bridge.mac || entry?.local) {
    if (!inPort) return LOST;
    hop(sim, ns, bridge.name, "in", frame, "crossed", { kind: "to-host", machine: ns.machine });
    return l2Input(sim, ns, bridge, frame);
  }
  const port = entry ? linkByIndex(ns, entry.port) : undefined;
  if (inPort && frame.ip && !bridgeNetfilter(sim, ns, bridge, frame)) return LOST;
  if (port?.up && port.master === bridge.ifindex) {
    if (port === inPort) return LOST;
    hop(sim, ns, bridge.name, dir, frame, "forwarded", { kind: "fdb", mac: dst, port: port.name });
    return transmit(sim, ns, port, frame, "forwarded");
  }
  const out = portsOf(ns, bridge, inPort);
  hop(sim, ns, bridge.name, dir, frame, "flooded", { kind: "unknown-mac", mac: dst });
  return flood(sim, ns, bridge, frame, out, false);
}

/** Copies go out every port at the same moment; the first copy that gets an answer decides. */
function flood(sim: Sim, ns: Netns, bridge: Link, frame: Packet, out: Link[], up: boolean): Outcome {
  return branches(sim, [
    ...out.map((port) => () => transmit(sim, ns, port, frame, "flooded")),
    ...(up ? [() => l2Input(sim, ns, bridge, frame)] : []),
  ]);
}

/** Copies of a frame going their ways from the same moment: the first that gets somewhere decides. */
function branches(sim: Sim, runs: (() => Outcome)[]): Outcome {
  const start = sim.t;
  let end = start;
  let result: Outcome = LOST;
  for (const run of runs) {
    sim.t = start;
    const r = run();
    end = Math.max(end, sim.t);
    if (result.kind === "lost") result = r;
  }
  sim.t = end;
  return result;
}

/** br_netfilter: conntrack and filter FORWARD for IPv4 bridged between two ports. */
function bridgeNetfilter(sim: Sim, ns: Netns, bridge: Link, frame: Packet): boolean {
  const ct = tracksConnections(ns) ? track(ns, frame, sim.t) : undefined;
  const v = runHook(ns, "filter", "FORWARD", frame, {
    in: bridge.name,
    out: bridge.name,
    ctstate: ct?.state ?? "UNTRACKED",
  });
  if (v.target !== "ACCEPT") {
    dropHop(sim, ns, bridge.name, "in", frame, v);
    return false;
  }
  if (ct) confirm(ns, ct, frame, sim.t);
  return true;
}

/** A frame handed to this interface's stack. */
function l2Input(sim: Sim, ns: Netns, link: Link, frame: Packet): Outcome {
  const ignored = ignoredBy(ns, link, frame);
  return ignored ? ignore(sim, ns, link, frame, ignored) : stackInput(sim, ns, link, frame);
}

/** Why a stack ignores a frame at once, if it does: another host's MAC, or ARP asking for another address. */
function ignoredBy(ns: Netns, link: Link, frame: Packet): HopNote | undefined {
  const dst = frame.eth?.dst;
  const solicited = frame.arp?.nd && dst === solicitedNodeMac(frame.arp.targetIp);
  if (dst && dst !== BROADCAST_MAC && dst !== link.mac && !solicited)
    return { kind: "ignored", because: "mac", mac: link.mac };
  const arp = frame.arp;
  if (arp?.op === "request" && (!isLocalAddress(ns, arp.targetIp) || arp.targetIp.startsWith("127.")))
    return { kind: "ignored", because: "arp-not-ours" };
  return undefined;
}

function ignore(sim: Sim, ns: Netns, link: Link, frame: Packet, why: HopNote): Outcome {
  hop(sim, ns, link.name, "in", frame, "dropped", why);
  return LOST;
}

/** A frame the stack takes: ARP or IPv4. */
function stackInput(sim: Sim, ns: Netns, link: Link, frame: Packet): Outcome {
  if (frame.arp) return arpInput(sim, ns, link, frame);
  return ipInput(sim, ns, link, frame);
}

function arpInput(sim: Sim, ns: Netns, link: Link, frame: Packet): Outcome {
  const arp = frame.arp;
  if (!arp) return LOST;
  if (arp.op === "reply") {
    const n = findNeigh(ns, link.ifindex, arp.senderIp);
    if (!n) {
      hop(sim, ns, link.name, "in", frame, "dropped", { kind: "ignored", because: "arp-unsolicited" });
      return LOST;
    }
    const entry = setNeigh(ns, link.ifindex, arp.senderIp, arp.senderMac, "REACHABLE", sim.t);
    if (arp.router) entry.router = true;
    hop(sim, ns, link.name, "in", frame, "delivered", { kind: "arp-reachable", ip: arp.senderIp });
    return { kind: "delivered", at: { ns, packet: frame, ifname: link.name } };
  }
  learnFromRequest(ns, link.ifindex, arp.senderIp, arp.senderMac, sim.t);
  elapse(sim, 3, 8);
  const reply = arpReply(arp, link.mac, arp.nd === true && ns.ipForward);
  hop(sim, ns, link.name, "in", frame, "answered", { kind: "arp-answer", ip: arp.targetIp, mac: link.mac });
  return transmit(sim, ns, link, reply, "sent");
}

/** The answer to an ARP request: `mac` has the address asked for. */
function arpReply(request: NonNullable<Packet["arp"]>, mac: string, router: boolean): Packet {
  return {
    eth: { src: mac, dst: request.senderMac, type: request.nd ? "IPv6" : "ARP" },
    arp: {
      op: "reply",
      ...(request.nd ? { nd: true } : {}),
      ...(router ? { router } : {}),
      senderMac: mac,
      senderIp: request.targetIp,
      targetMac: request.senderMac,
      targetIp: request.senderIp,
    },
  };
}

/** An IPv4 packet arrives: PREROUTING, then local delivery (INPUT) or forwarding (FORWARD). */
function ipInput(sim: Sim, ns: Netns, link: Link, frame: Packet): Outcome {
  const { eth: _eth, ...packet } = frame;
  let p: Packet = packet;
  const ct = tracksConnections(ns) ? track(ns, p, sim.t) : undefined;
  const state: CtState = ct?.state ?? "UNTRACKED";
  const mark = markOf(ns, "PREROUTING", p, { in: link.name, ctstate: state });
  // IPVS, not nat, rewrites a virtual service's connection: its packets reach local input unchanged.
  const ipvsFlow = ct?.entry.ipvs && ct.dir === "orig";
  if (!ipvsFlow)
    p = natDestination(sim, ns, "PREROUTING", p, ct, { in: link.name, ctstate: state }, link.name);
  const ip = p.ip;
  if (!ip) return LOST;
  elapse(sim, 1, 3);
  if (isLocalAddress(ns, ip.dst)) return localInput(sim, ns, link, p, ct, mark);
  if (ct?.entry.ipvs && ct.dir === "reply") return ipvsReply(sim, ns, link, p, ct);
  if (!ns.ipForward) {
    hop(sim, ns, link.name, "in", p, "dropped", { kind: "not-local", dst: ip.dst });
    return LOST;
  }
  return forward(sim, ns, link, p, ct);
}

function localInput(
  sim: Sim,
  ns: Netns,
  link: Link,
  p: Packet,
  ct: Tracked | undefined,
  preroutingMark?: number,
): Outcome {
  const v = runHook(ns, "filter", "INPUT", p, { in: link.name, ctstate: ct?.state ?? "UNTRACKED" });
  if (v.target !== "ACCEPT") {
    dropHop(sim, ns, link.name, "in", p, v);
    return LOST;
  }
  const mark = markOf(ns, "INPUT", p, { in: link.name, ctstate: ct?.state ?? "UNTRACKED" }) ?? preroutingMark;
  const service = mark !== undefined ? ns.ipvs?.find((s) => s.fwmark === mark) : undefined;
  if (service && ct) return ipvsForward(sim, ns, link, p, ct, service);
  if (ct) confirm(ns, ct, p, sim.t);
  const tunnel = p.vxlan && p.udp ? vxlanDevice(sim, ns, p.vxlan.vni, p.udp.dport) : undefined;
  if (p.vxlan && tunnel) return vxlanReceive(sim, ns, link, p, tunnel);
  hop(sim, ns, link.name, "in", p, "delivered", { kind: "delivered", dst: `${p.ip?.dst}` });
  return { kind: p.icmp?.quote ? "icmp-error" : "delivered", at: { ns, packet: p, ifname: link.name } };
}

function forward(sim: Sim, ns: Netns, inLink: Link, packet: Packet, ct: Tracked | undefined): Outcome {
  const ip = packet.ip;
  if (!ip) return LOST;
  const route = routeOutput(ns, ip.dst);
  if (route.kind !== "unicast") {
    hop(sim, ns, inLink.name, "in", packet, "dropped", { kind: "no-route", dst: ip.dst });
    return sendError(sim, ns, packet, "dest-unreachable", 0);
  }
  const hidden = sim.world.machines[ns.machine]?.hiddenHops ?? 0;
  if (ip.ttl <= 1) {
    hop(sim, ns, inLink.name, "in", packet, "dropped", { kind: "ttl-exceeded" });
    return sendError(sim, ns, packet, "time-exceeded", 0);
  }
  if (ip.ttl <= 1 + hidden) {
    hop(sim, ns, inLink.name, "in", packet, "dropped", { kind: "ttl-silent" });
    return LOST;
  }
  const p = withIp(packet, { ttl: ip.ttl - 1 - hidden });
  const v = runHook(ns, "filter", "FORWARD", p, {
    in: inLink.name,
    out: route.link.name,
    ctstate: ct?.state ?? "UNTRACKED",
  });
  if (v.target !== "ACCEPT") {
    dropHop(sim, ns, inLink.name, "in", p, v);
    return v.target === "REJECT" ? sendError(sim, ns, p, "dest-unreachable", 3) : LOST;
  }
  if (hidden > 0) elapse(sim, hidden * 200, hidden * 500);
  const out = postRouting(sim, ns, p, route.link, route.nextHop, ct, inLink.name, "forwarded");
  if (out.kind === "refused" && out.errno === "EHOSTUNREACH")
    return sendError(sim, ns, p, "dest-unreachable", 1);
  return out;
}

/** A router's ICMP error back to the packet's source; never about another ICMP error. */
function sendError(
  sim: Sim,
  ns: Netns,
  about: Packet,
  type: "dest-unreachable" | "time-exceeded",
  code: number,
): Outcome {
  const ip = about.ip;
  if (!ip || about.icmp?.quote || about.icmp?.type === "dest-unreachable") return LOST;
  if (!icmpErrorAllowed(ns, ip.src, sim.t)) {
    hop(sim, ns, "-", "out", about, "dropped", { kind: "rate-limit", error: type, to: ip.src });
    return LOST;
  }
  const error = ipPacket(ip.src, icmpError(type, code, about), "", ttlOf(ns));
  const back = sendIp(sim, ns, error);
  return back.kind === "delivered"
    ? { kind: "icmp-error", at: back.at }
    : back.kind === "icmp-error"
      ? back
      : LOST;
}

/** The kernel's own answers at a stack that received a packet: echo replies, RST, port unreachable. */
export function kernelReply(sim: Sim, at: Arrival, kind: "echo" | "rst" | "port-unreachable"): Outcome {
  const ip = at.packet.ip;
  if (!ip) return LOST;
  elapse(sim, 4, 12);
  const ttl = ttlOf(at.ns);
  if (kind === "port-unreachable") {
    if (!icmpErrorAllowed(at.ns, ip.src, sim.t)) {
      hop(sim, at.ns, at.ifname, "in", at.packet, "dropped", {
        kind: "rate-limit",
        error: "port-unreachable",
        to: ip.src,
      });
      return LOST;
    }
    return sendIp(sim, at.ns, ipPacket(ip.src, icmpError("dest-unreachable", 3, at.packet), ip.dst, ttl));
  }
  if (kind === "echo") {
    const i = at.packet.icmp;
    if (!i) return LOST;
    const body: Packet = { icmp: { type: "echo-reply", code: 0, id: i.id, seq: i.seq, data: i.data ?? 0 } };
    return sendIp(sim, at.ns, ipPacket(ip.src, body, ip.dst, ttl));
  }
  const t = at.packet.tcp;
  if (!t) return LOST;
  const rst: Packet = {
    tcp: { sport: t.dport, dport: t.sport, flags: "R.", seq: 0, ack: t.seq + 1, win: 0 },
  };
  return sendIp(sim, at.ns, ipPacket(ip.src, rst, ip.dst, ttl));
}

/**
 * A frame the overlay's bridge sends out its vxlan port. ARP is answered by the device itself from
 * its neighbour table (`proxy`), as Docker sets it up; a unicast frame is wrapped whole in
 * VXLAN/UDP to port 4789 and sent, from the namespace the device was made in, to the host its FDB
 * names for the destination MAC. Nothing else crosses: Docker installs no default destination.
 */
function vxlanTransmit(sim: Sim, ns: Netns, link: Link, frame: Packet): Outcome {
  const arp = frame.arp;
  if (arp?.op === "request") {
    const entry = link.vxlan?.proxy ? findNeigh(ns, link.ifindex, arp.targetIp) : undefined;
    if (!entry?.mac)
      return droppedOut(sim, ns, link, frame, { kind: "l3miss", ifname: link.name, ip: arp.targetIp });
    elapse(sim, 2, 5);
    const reply = arpReply(arp, entry.mac, false);
    hop(sim, ns, link.name, "out", frame, "answered", {
      kind: "arp-proxy",
      ifname: link.name,
      ip: arp.targetIp,
      mac: entry.mac,
    });
    return receive(sim, ns, link, reply);
  }
  const dst = frame.eth?.dst ?? BROADCAST_MAC;
  const remote = link.remotes?.find((r) => r.mac === dst);
  const underlay = link.lower ? sim.world.netns[link.lower.netns] : undefined;
  if (!remote || !underlay || !link.vxlan)
    return droppedOut(sim, ns, link, frame, { kind: "l2miss", ifname: link.name, mac: dst });
  const sport = vxlanSourcePort(frame);
  // No `local` on Docker's vxlan devices: the underlay's route to the peer picks the source.
  const route = routeOutput(underlay, remote.dst);
  const outer = ipPacket(
    remote.dst,
    udp(sport, link.vxlan.port, { vxlan: { vni: link.vxlan.vni, inner: frame } }),
    route.kind === "unreachable" ? "" : route.src,
    ttlOf(underlay),
  );
  hop(
    sim,
    ns,
    link.name,
    "out",
    outer,
    "rewritten",
    {
      kind: "vxlan-encap",
      vni: link.vxlan.vni,
      bytes: frameSize(frame),
      mac: dst,
      remote: `${remote.dst}:${link.vxlan.port}`,
      overhead: VXLAN_OVERHEAD,
    },
    { before: frame },
  );
  return sendIp(sim, underlay, outer);
}

/** A frame the device cannot send on: one hop saying why, and it is gone. */
function droppedOut(sim: Sim, ns: Netns, link: Link, frame: Packet, why: HopNote): Outcome {
  hop(sim, ns, link.name, "out", frame, "dropped", why);
  return LOST;
}

/**
 * udp_flow_src_port(): the outer source port is a hash of the inner flow (the same both ways),
 * within the local port range, so that the underlay can spread flows.
 */
function vxlanSourcePort(frame: Packet): number {
  const ip = frame.ip;
  const { sport, dport } = ports(frame);
  const ends = [`${ip?.src}:${sport}`, `${ip?.dst}:${dport}`].sort().join("|");
  let h = 2166136261;
  for (const ch of `${ends}|${ip?.proto}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return 32768 + (h % (60999 - 32768 + 1));
}

/** The vxlan device that takes a VNI arriving on this namespace's UDP port, on the same machine. */
function vxlanDevice(sim: Sim, ns: Netns, vni: number, port: number): { ns: Netns; link: Link } | undefined {
  for (const other of Object.values(sim.world.netns)) {
    if (other.machine !== ns.machine) continue;
    const link = other.links.find(
      (l) => l.kind === "vxlan" && l.vxlan?.vni === vni && l.vxlan.port === port && l.lower?.netns === ns.id,
    );
    if (link) return { ns: other, link };
  }
  return undefined;
}

/** A VXLAN packet reached the host's stack: the inner frame comes out of the device for its VNI. */
function vxlanReceive(
  sim: Sim,
  ns: Netns,
  from: Link,
  p: Packet,
  tunnel: { ns: Netns; link: Link },
): Outcome {
  const inner = p.vxlan?.inner;
  if (!inner) return LOST;
  elapse(sim, 2, 6);
  hop(
    sim,
    ns,
    from.name,
    "in",
    inner,
    "rewritten",
    { kind: "vxlan-decap", vni: p.vxlan?.vni ?? 0, ifname: tunnel.link.name, netns: netnsName(tunnel.ns.id) },
    { before: p },
  );
  if (!tunnel.link.up) return LOST;
  return receive(sim, tunnel.ns, tunnel.link, inner);
}

type Sub = { ns: Netns; link: Link };

/** Each walk's index of sub-interfaces by parent ("netns ifindex"): every frame received looks there. */
const subIndexes = new WeakMap<Sim, Map<string, Sub[]>>();

/** The macvlan and ipvlan interfaces whose parent is `link`, wherever they have been moved. */
function subInterfacesOf(sim: Sim, ns: Netns, link: Link): Sub[] {
  let index = subIndexes.get(sim);
  if (!index) {
    index = new Map();
    for (const other of Object.values(sim.world.netns)) {
      for (const l of other.links) {
        if ((l.kind !== "macvlan" && l.kind !== "ipvlan") || !l.lower) continue;
        const parent = sim.world.netns[l.lower.netns];
        if (parent?.machine !== other.machine) continue;
        const key = `${l.lower.netns} ${l.lower.ifindex}`;
        index.set(key, [...(index.get(key) ?? []), { ns: other, link: l }]);
      }
    }
    subIndexes.set(sim, index);
  }
  return index.get(`${ns.id} ${link.ifindex}`) ?? [];
}

/** The sub-interface a frame is for: by MAC for macvlan, by address (ARP target, IP destination) for ipvlan. */
function subFor(subs: Sub[], frame: Packet): Sub | undefined {
  const dst = frame.eth?.dst;
  const ip = frame.arp?.targetIp ?? frame.ip?.dst;
  return subs.find((s) =>
    s.link.kind === "macvlan"
      ? s.link.mac === dst
      : s.link.addrs.some((a) => a.ip === ip) && dst === s.link.mac,
  );
}

/**
 * A frame from the wire at a parent with sub-interfaces: one addressed to a sub-interface goes to
 * it alone; a broadcast reaches every sub-interface and the parent's own stack.
 */
function demuxSubInterfaces(sim: Sim, ns: Netns, link: Link, frame: Packet, subs: Sub[]): Outcome {
  const dst = frame.eth?.dst ?? BROADCAST_MAC;
  const broadcast = dst === BROADCAST_MAC;
  const target = broadcast ? undefined : subFor(subs, frame);
  if (target) {
    hop(sim, ns, link.name, "in", frame, "crossed", {
      kind: "sub-interface",
      link: target.link.kind === "macvlan" ? "macvlan" : "ipvlan",
      ifname: target.link.name,
    });
    return arriveOn(sim, target, frame);
  }
  if (!broadcast) return parentInput(sim, ns, link, frame);
  return branches(sim, [
    ...subs.map((s) => () => arriveOn(sim, s, frame)),
    () => parentInput(sim, ns, link, frame),
  ]);
}

function arriveOn(sim: Sim, sub: Sub, frame: Packet): Outcome {
  count(sub.link, frame, "in");
  capture(sim, sub.ns, sub.link, "in", frame);
  return l2Input(sim, sub.ns, sub.link, frame);
}

/** What the parent's own stack does with a frame (as for any NIC). */
function parentInput(sim: Sim, ns: Netns, link: Link, frame: Packet): Outcome {
  const ignored = ignoredBy(ns, link, frame);
  if (ignored) return ignore(sim, ns, link, frame, ignored);
  hop(sim, ns, link.name, "in", frame, "crossed", PACKET);
  return stackInput(sim, ns, link, frame);
}

/**
 * A frame sent on a macvlan (bridge mode) or ipvlan (L2) interface: to a sibling on the same parent
 * directly, otherwise out of the parent onto its wire. The parent's own stack never sees it.
 */
function subInterfaceTransmit(sim: Sim, link: Link, frame: Packet): Outcome {
  const parentNs = link.lower ? sim.world.netns[link.lower.netns] : undefined;
  const parent = parentNs && linkByIndex(parentNs, link.lower?.ifindex ?? 0);
  if (!parentNs || !parent) return LOST;
  const siblings = subInterfacesOf(sim, parentNs, parent).filter((s) => s.link !== link);
  const dst = frame.eth?.dst ?? BROADCAST_MAC;
  const wire = () => transmit(sim, parentNs, parent, frame, "forwarded");
  if (dst === BROADCAST_MAC)
    return branches(sim, [...siblings.map((s) => () => arriveOn(sim, s, frame)), wire]);
  const sibling = subFor(siblings, frame);
  return sibling ? arriveOn(sim, sibling, frame) : wire();
}

/** The mark mangle's chain leaves on a packet (MARK --set-mark), if the namespace has one. */
function markOf(ns: Netns, chain: "PREROUTING" | "INPUT", p: Packet, ctx: HookContext): number | undefined {
  if (!ns.netfilter.mangle) return undefined;
  runHook(ns, "mangle", chain, p, ctx);
  return ctx.mark;
}

/**
 * IPVS at local input: a packet whose firewall mark names a virtual service goes on to one of its
 * real servers, chosen round robin, its destination rewritten (NAT forwarding; conntrack undoes it
 * on the replies), then routed and out through POSTROUTING, where Docker's `-m ipvs` rule gives it
 * this namespace's own address as its source.
 */
function ipvsForward(sim: Sim, ns: Netns, link: Link, p: Packet, ct: Tracked, service: IpvsService): Outcome {
  // A known connection keeps its real server; a new one takes the next in turn.
  const real = ct.fresh
    ? service.dests[service.next % Math.max(service.dests.length, 1)]
    : ct.entry.reply.src;
  if (!real) {
    hop(sim, ns, link.name, "in", p, "dropped", { kind: "ipvs-empty", fwmark: service.fwmark });
    return LOST;
  }
  if (ct.fresh) {
    service.next = (service.next + 1) % service.dests.length;
    bindDnat(ct, real, undefined);
    ct.entry.ipvs = true;
  }
  const after = dstManip(ct, p);
  const { dport } = ports(p);
  hop(
    sim,
    ns,
    link.name,
    "in",
    after,
    "rewritten",
    {
      kind: "ipvs",
      fwmark: service.fwmark,
      from: `${p.ip?.dst}${dport ? `:${dport}` : ""}`,
      to: real,
      ...(ct.fresh ? { servers: service.dests.length } : {}),
    },
    { before: p },
  );
  elapse(sim, 2, 6);
  const route = routeOutput(ns, real);
  if (route.kind !== "unicast") {
    hop(sim, ns, link.name, "in", after, "dropped", { kind: "no-route", dst: real });
    return LOST;
  }
  return postRouting(sim, ns, after, route.link, route.nextHop, ct, link.name, "forwarded");
}

/**
 * A real server's reply on an IPVS connection, its destination already given back to the client
 * (un-SNAT): IPVS takes it (ip_vs_reply4) whatever ip_forward says, gives it the virtual address
 * as its source again and sends it on towards the client.
 */
function ipvsReply(sim: Sim, ns: Netns, link: Link, p: Packet, ct: Tracked): Outcome {
  const dst = p.ip?.dst ?? "";
  const route = routeOutput(ns, dst);
  if (route.kind !== "unicast") {
    hop(sim, ns, link.name, "in", p, "dropped", { kind: "no-route", dst });
    return LOST;
  }
  return postRouting(sim, ns, p, route.link, route.nextHop, ct, link.name, "forwarded");
}
