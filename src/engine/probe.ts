/**
 * A dry run: would a packet from here get there, and if not, why? The probe resolves the name as
 * the source's resolver would (its /etc/hosts, then DNS to its nameservers, as real packets) and
 * walks an echo request or a TCP connection (with one HTTP request, as curl sends) through the same
 * datapath as a real command, on a copy of the world: ARP caches, conntrack, counters, captures
 * and the random generator of the real world stay as they were. Lesson goals and a reachability
 * matrix ask through here.
 */
import { findContainer, isRunning } from "./docker/lookup";
import type { Container } from "./docker/types";
import { readMachineFile } from "./files";
import { isIpv4 } from "./ip";
import type { FdbEntry, Link, Netns } from "./linux/types";
import { echoRequest, type Failure, tcpSession } from "./packet/exchange";
import { requestText } from "./packet/http";
import { hostsEntryFor, lookupDns, parseHosts, parseNameservers } from "./packet/resolver";
import { type Sim, startSim } from "./packet/sim";
import type { Hop, HopNote } from "./packet/types";
import type { World } from "./world";

/** Where the packet starts: a container (name or ID), a namespace by its id, or a machine's own stack. */
export type ProbeFrom =
  | { machine?: string; container: string }
  | { machine?: string; netns: string }
  | { machine: string };

/** Where it goes: a name or an address, by ping (no port) or by a TCP connection to `port`. */
export interface ProbeTo {
  host: string;
  port?: number;
}

export type ProbeFailure =
  /** The source is not there to send: no such machine, container or namespace, or a stopped container. */
  | { kind: "no-source"; detail: "machine" | "container" | "not-running" | "netns" }
  /** The name did not resolve: NXDOMAIN, no IPv4 address, or no answer from any server. */
  | { kind: "name"; name: string; resolution: "nxdomain" | "nodata" | "tempfail" }
  /** No route to the destination in this namespace ("Network is unreachable"). */
  | { kind: "no-route"; netns: string; dst: string }
  /** Nobody answered ARP for the next hop ("Destination Host Unreachable"). */
  | { kind: "no-neighbour"; netns: string; ifname: string; dst: string }
  /** Dropped on the way: by a netfilter rule or policy (`rule`, `chain`), or by the kernel (`note`). */
  | { kind: "dropped"; netns: string; ifname: string; note: HopNote; rule?: string; chain?: string }
  /** It arrived and nobody listens there: a TCP RST or an ICMP port unreachable. */
  | { kind: "refused"; from: string }
  /** Accepted, then reset before an answer: docker-proxy whose container refused the connection. */
  | { kind: "reset" }
  /** An ICMP error came back from a router on the way. */
  | { kind: "icmp"; from: string; type: string; code: number }
  /** Nothing came back and nothing on the way says why. */
  | { kind: "timeout" };

export type ProbeResult =
  | { ok: true; address: string; hops: Hop[] }
  | { ok: false; why: ProbeFailure; address?: string; hops: Hop[] };

interface Source {
  machine: string;
  ns: Netns;
  container?: Container;
}

function sourceOf(world: World, from: ProbeFrom): Source | ProbeFailure {
  const machineName =
    from.machine ??
    ("netns" in from ? world.netns[from.netns]?.machine : undefined) ??
    Object.values(world.machines).find((m) => m.docker)?.name;
  const machine = machineName ? world.machines[machineName] : undefined;
  if (!machine) return { kind: "no-source", detail: "machine" };
  if ("container" in from) {
    const c = machine.docker && findContainer(machine.docker, from.container);
    if (!c) return { kind: "no-source", detail: "container" };
    const ns = isRunning(c) ? world.netns[c.netns ?? machine.rootNs] : undefined;
    if (!ns) return { kind: "no-source", detail: "not-running" };
    return { machine: machine.name, ns, container: c };
  }
  const ns = world.netns["netns" in from ? from.netns : machine.rootNs];
  if (!ns || ns.machine !== machine.name) return { kind: "no-source", detail: "netns" };
  return { machine: machine.name, ns };
}

/** The first drop that explains a failure: a rule's, or the kernel's, not a flooded copy another host ignored. */
function decisiveDrop(hops: Hop[]): Extract<ProbeFailure, { kind: "dropped" }> | undefined {
  const h = hops.find((x) => x.decision === "dropped" && x.note.kind !== "ignored");
  if (!h) return undefined;
  const chain = h.note.kind === "rule" || h.note.kind === "policy" ? h.note.chain : undefined;
  return {
    kind: "dropped",
    netns: h.netns,
    ifname: h.ifname,
    note: h.note,
    ...(h.rule ? { rule: h.rule } : {}),
    ...(chain ? { chain } : {}),
  };
}

function why(
  f: Failure | { kind: "refused"; from: string } | { kind: "reset" },
  src: Source,
  dst: string,
  hops: Hop[],
): ProbeFailure {
  switch (f.kind) {
    case "refused":
    case "reset":
      return f;
    case "local": {
      if (f.errno === "ENETUNREACH") return { kind: "no-route", netns: src.ns.id, dst };
      const drop = decisiveDrop(hops);
      if (f.errno === "EHOSTUNREACH")
        return { kind: "no-neighbour", netns: drop?.netns ?? src.ns.id, ifname: drop?.ifname ?? "", dst };
      return drop ?? { kind: "timeout" };
    }
    case "icmp":
      return decisiveDrop(hops) ?? { kind: "icmp", from: f.from, type: f.type, code: f.code };
    case "timeout":
      return decisiveDrop(hops) ?? { kind: "timeout" };
  }
}

/** getaddrinfo as the source's C library does it: an address, /etc/hosts, then DNS over the datapath. */
function resolve(sim: Sim, src: Source, name: string): { ip: string } | ProbeFailure {
  if (isIpv4(name)) return { ip: name };
  const read = (path: string) => readMachineFile(sim.world, src.machine, src.container, src.ns.id, path);
  const entry = hostsEntryFor(parseHosts(read("/etc/hosts") ?? ""), name);
  if (entry) return { ip: entry.ip };
  const res = lookupDns(sim, src.ns, parseNameservers(read("/etc/resolv.conf")), name);
  return res.kind === "found" ? { ip: res.ips[0] ?? name } : { kind: "name", name, resolution: res.kind };
}

/** What a name resolves to from `from`, as its resolver would answer now (on a copy of `world`). */
export function resolveFrom(
  world: World,
  from: ProbeFrom,
  name: string,
): { ok: true; address: string } | { ok: false; why: ProbeFailure } {
  const copy = structuredClone(world);
  const src = sourceOf(copy, from);
  if ("kind" in src) return { ok: false, why: src };
  const found = resolve(startSim(copy), src, name);
  return "kind" in found ? { ok: false, why: found } : { ok: true, address: found.ip };
}

/** Would a packet from `from` reach `to`? Answered on a copy of `world`, which is left as it was. */
export function probe(world: World, from: ProbeFrom, to: ProbeTo): ProbeResult {
  return walk(structuredClone(world), from, to);
}

function walk(copy: World, from: ProbeFrom, to: ProbeTo): ProbeResult {
  const src = sourceOf(copy, from);
  if ("kind" in src) return { ok: false, why: src, hops: [] };
  const sim = startSim(copy);
  const found = resolve(sim, src, to.host);
  if ("kind" in found) return { ok: false, why: found, hops: sim.hops };
  const address = found.ip;
  if (to.port === undefined) {
    const r = echoRequest(sim, src.ns, address, { id: 1, seq: 0, data: 56, cold: true });
    if (r.kind === "reply") return { ok: true, address, hops: sim.hops };
    return { ok: false, why: why(r, src, address, sim.hops), address, hops: sim.hops };
  }
  const request = requestText({
    method: "GET",
    path: "/",
    headers: [
      ["Host", `${to.host}:${to.port}`],
      ["Accept", "*/*"],
    ],
  });
  const r = tcpSession(sim, src.ns, address, to.port, request);
  if (r.kind === "connected") return { ok: true, address, hops: sim.hops };
  return { ok: false, why: why(r, src, address, sim.hops), address, hops: sim.hops };
}

/** What a walk may change in a namespace that a later walk would see: caches, flows, round robins. */
interface Remembered {
  /** Neighbours, conntrack and IPVS services as JSON: compared after a walk, parsed back when it changed them. */
  tables: string;
  /** Each bridge's FDB: how long it was, and each entry's port and time (a walk adds and refreshes). */
  fdb: { link: Link; length: number; port: number[]; seen: number[] }[];
}

const tablesOf = (ns: Netns) =>
  JSON.stringify([ns.neigh, ns.conntrack, ns.ipvs ?? null, ns.icmpPeers ?? null]);

function remember(ns: Netns): Remembered {
  return {
    tables: tablesOf(ns),
    fdb: ns.links.flatMap((link) =>
      link.fdb
        ? [
            {
              link,
              length: link.fdb.length,
              port: link.fdb.map((e) => e.port),
              seen: link.fdb.map((e) => e.seen),
            },
          ]
        : [],
    ),
  };
}

/** Puts a namespace back as remembered; a bridge keeps its FDB array (and so its index by MAC). */
function putBack(ns: Netns, kept: Remembered): void {
  if (tablesOf(ns) !== kept.tables) {
    const [neigh, conntrack, ipvs, icmpPeers] = JSON.parse(kept.tables) as [
      Netns["neigh"],
      Netns["conntrack"],
      Netns["ipvs"] | null,
      Netns["icmpPeers"] | null,
    ];
    ns.neigh = neigh;
    ns.conntrack = conntrack;
    if (ipvs) ns.ipvs = ipvs;
    if (icmpPeers) ns.icmpPeers = icmpPeers;
    else delete ns.icmpPeers;
  }
  for (const { link, length, port, seen } of kept.fdb) {
    const fdb = link.fdb;
    if (!fdb) continue;
    fdb.length = length;
    for (let i = 0; i < length; i++) {
      const e = fdb[i] as FdbEntry;
      e.port = port[i] as number;
      e.seen = seen[i] as number;
    }
  }
}

/**
 * Many probes of one world, as `probe` answers each, at the cost of one copy: after each walk, what
 * it changed in the namespaces it went through (neighbours, bridge FDBs, conntrack, IPVS turns, ICMP rate limits) and
 * the random generator are put back, so the next walk starts from the world as it was. Counters and
 * captures in the copy keep what the walks added: no walk's outcome reads them. The world must not
 * change while the prober is used.
 */
export function prober(world: World): (from: ProbeFrom, to: ProbeTo) => ProbeResult {
  const copy = structuredClone(world);
  if (copy.packets) copy.packets.captures = [];
  const rng = structuredClone(copy.rng);
  const kept = new Map(Object.values(copy.netns).map((ns) => [ns.id, remember(ns)]));
  return (from, to) => {
    const result = walk(copy, from, to);
    copy.rng = structuredClone(rng);
    for (const id of new Set(result.hops.map((h) => h.netns))) {
      const ns = copy.netns[id];
      const was = kept.get(id);
      if (ns && was) putBack(ns, was);
    }
    return result;
  };
}
