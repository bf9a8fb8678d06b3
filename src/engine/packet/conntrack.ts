/**
 * Connection tracking in one namespace: the original and reply tuples of each flow, the state
 * iptables' `--ctstate` sees, the NAT each flow was given on its first packet (so that later packets
 * and the replies are rewritten without consulting the nat table again), and the timers
 * `conntrack -L` counts down. A packet dropped before it leaves or is delivered leaves no entry.
 */
import type { ConntrackEntry, Netns } from "../linux/types";
import { ports, withIp, withPorts } from "./headers";
import type { CtState } from "./netfilter";
import type { Packet } from "./types";

type Tuple = ConntrackEntry["orig"];

export interface Tracked {
  entry: ConntrackEntry;
  dir: "orig" | "reply";
  /** Not yet in the table: the flow's first packet, confirmed when it leaves or is delivered. */
  fresh: boolean;
  state: CtState;
}

const TIMEOUT = { icmp: 30, udp: 30, tcpSyn: 120, tcpEstablished: 432000, tcpClosing: 120, tcpClose: 10 };

function tupleOf(p: Packet): Tuple | undefined {
  if (!p.ip) return undefined;
  const { sport, dport } = ports(p);
  return { src: p.ip.src, dst: p.ip.dst, sport, dport };
}

function same(a: Tuple, b: Tuple): boolean {
  return a.src === b.src && a.dst === b.dst && a.sport === b.sport && a.dport === b.dport;
}

function inverse(t: Tuple, icmp: boolean): Tuple {
  return icmp
    ? { src: t.dst, dst: t.src, sport: t.sport, dport: t.dport }
    : { src: t.dst, dst: t.src, sport: t.dport, dport: t.sport };
}

function alive(e: ConntrackEntry, now: number): boolean {
  return now <= e.seen + (e.timeout ?? TIMEOUT.udp) * 1000;
}

/** Finds (or starts) the flow a packet belongs to; RELATED for ICMP errors about a known flow. */
export function track(ns: Netns, p: Packet, now: number): Tracked | undefined {
  const ip = p.ip;
  const tuple = tupleOf(p);
  if (!ip || !tuple) return undefined;
  if (ns.conntrack.some((e) => !alive(e, now))) ns.conntrack = ns.conntrack.filter((e) => alive(e, now));
  const quote = p.icmp?.quote;
  if (quote) {
    const q = tupleOf(quote);
    const entry =
      q && ns.conntrack.find((e) => same(e.orig, q) || same(inverse(e.reply, e.proto === "icmp"), q));
    return entry
      ? { entry, dir: same(entry.orig, q as Tuple) ? "orig" : "reply", fresh: false, state: "RELATED" }
      : undefined;
  }
  for (const entry of ns.conntrack) {
    if (entry.proto !== ip.proto) continue;
    if (same(entry.orig, tuple))
      return { entry, dir: "orig", fresh: false, state: entry.replied ? "ESTABLISHED" : "NEW" };
    if (same(entry.reply, tuple)) return { entry, dir: "reply", fresh: false, state: "ESTABLISHED" };
  }
  const icmp = ip.proto === "icmp";
  const entry: ConntrackEntry = {
    proto: ip.proto,
    orig: tuple,
    reply: inverse(tuple, icmp),
    seen: now,
    timeout: icmp ? TIMEOUT.icmp : TIMEOUT.udp,
  };
  return { entry, dir: "orig", fresh: true, state: "NEW" };
}

/** DNAT on the flow's first packet: replies will come from the new destination. */
export function bindDnat(t: Tracked, ip: string, port: number | undefined): void {
  const icmp = t.entry.proto === "icmp";
  t.entry.reply = { ...t.entry.reply, src: ip, ...(port !== undefined && !icmp ? { sport: port } : {}) };
}

/** SNAT on the flow's first packet: replies will come back to the new source (port kept when free). */
export function bindSnat(ns: Netns, t: Tracked, ip: string): void {
  const icmp = t.entry.proto === "icmp";
  let port = icmp ? t.entry.reply.dport : t.entry.orig.sport;
  const taken = (candidate: number) =>
    ns.conntrack.some(
      (e) =>
        e.proto === t.entry.proto &&
        e.reply.dst === ip &&
        e.reply.dport === candidate &&
        e.reply.src === t.entry.reply.src &&
        e.reply.sport === t.entry.reply.sport,
    );
  while (!icmp && taken(port)) port = port >= 60999 ? 32768 : port + 1;
  t.entry.reply = { ...t.entry.reply, dst: ip, dport: port };
}

function dnatted(e: ConntrackEntry): boolean {
  const expected = inverse(e.orig, e.proto === "icmp");
  return e.reply.src !== expected.src || e.reply.sport !== expected.sport;
}

function snatted(e: ConntrackEntry): boolean {
  const expected = inverse(e.orig, e.proto === "icmp");
  return e.reply.dst !== expected.dst || e.reply.dport !== expected.dport;
}

function rewrite(
  p: Packet,
  src: { ip: string; port: number } | undefined,
  dst: { ip: string; port: number } | undefined,
): Packet {
  const ip = p.ip;
  if (!ip) return p;
  const { sport, dport } = ports(p);
  let out = withIp(p, { src: src?.ip ?? ip.src, dst: dst?.ip ?? ip.dst });
  if (p.udp || p.tcp) out = withPorts(out, src?.port ?? sport, dst?.port ?? dport);
  return out;
}

/**
 * The destination rewrite a tracked packet gets at PREROUTING or OUTPUT: the flow's DNAT going out,
 * its SNAT undone coming back. ICMP errors have their quoted packet rewritten to match.
 */
export function dstManip(t: Tracked, p: Packet): Packet {
  const e = t.entry;
  if (t.dir === "orig" && dnatted(e)) return manip(p, undefined, { ip: e.reply.src, port: e.reply.sport }, t);
  if (t.dir === "reply" && snatted(e)) return manip(p, undefined, { ip: e.orig.src, port: e.orig.sport }, t);
  return p;
}

/** The source rewrite at POSTROUTING or INPUT: the flow's SNAT going out, its DNAT undone coming back. */
export function srcManip(t: Tracked, p: Packet): Packet {
  const e = t.entry;
  if (t.dir === "orig" && snatted(e)) return manip(p, { ip: e.reply.dst, port: e.reply.dport }, undefined, t);
  if (t.dir === "reply" && dnatted(e)) return manip(p, { ip: e.orig.dst, port: e.orig.dport }, undefined, t);
  return p;
}

function manip(
  p: Packet,
  src: { ip: string; port: number } | undefined,
  dst: { ip: string; port: number } | undefined,
  t: Tracked,
): Packet {
  const quote = p.icmp?.quote;
  if (t.state !== "RELATED" || !quote || !p.icmp) return rewrite(p, src, dst);
  // An ICMP error: the outer header is the error's own; the quoted packet travelled the other way.
  const outer = rewrite(p, undefined, dst ? { ip: dst.ip, port: 0 } : undefined);
  const outerSrc = src ? withIp(outer, { src: src.ip }) : outer;
  const inner = rewrite(quote, dst, src);
  return { ...outerSrc, icmp: { ...p.icmp, quote: inner } };
}

/** The packet made it through: a new flow enters the table; every packet refreshes state and timers. */
export function confirm(ns: Netns, t: Tracked, p: Packet, now: number): void {
  const e = t.entry;
  // A RST answering a SYN (nothing listens) ends the flow at once, as nf_conntrack does.
  if (p.tcp?.flags.startsWith("R") && e.state === "SYN_SENT" && t.dir === "reply") {
    ns.conntrack = ns.conntrack.filter((x) => x !== e);
    return;
  }
  if (t.fresh) {
    ns.conntrack.push(e);
    t.fresh = false;
  }
  e.seen = now;
  if (t.dir === "reply" && t.state !== "RELATED") e.replied = true;
  if (p.tcp) advanceTcp(e, p.tcp.flags);
}

function advanceTcp(e: ConntrackEntry, flags: string): void {
  const set = (state: string, timeout: number) => {
    e.state = state;
    e.timeout = timeout;
  };
  if (flags.startsWith("R")) set("CLOSE", TIMEOUT.tcpClose);
  else if (flags === "S") set("SYN_SENT", TIMEOUT.tcpSyn);
  else if (flags === "S.") set("SYN_RECV", 60);
  else if (flags.startsWith("F")) set(e.state === "FIN_WAIT" ? "LAST_ACK" : "FIN_WAIT", TIMEOUT.tcpClosing);
  else if (e.state === "LAST_ACK") set("TIME_WAIT", TIMEOUT.tcpClosing);
  else if (e.state === "SYN_RECV") {
    set("ESTABLISHED", TIMEOUT.tcpEstablished);
    e.assured = true;
  }
}
