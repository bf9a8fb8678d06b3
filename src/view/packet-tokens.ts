/**
 * The packet token: for the hop the player is at, what to draw and where it travels from. A token
 * is coloured and labelled by protocol and shows source → destination as they are at that hop, and
 * the rewrite where NAT changed them. A flooded frame (an ARP broadcast on a bridge) leaves a copy
 * at every port it went out of; a drop stops the token at the hop with the rule that dropped it.
 */
import type { Hop, Packet, Protocol, Trace } from "../engine/packet/types";
import { t } from "../i18n";
import { flatHops } from "../playback/timeline";
import { anchorPoint, type Drawing, joined, nearestFirst, packetPath, pathLength, placeKey } from "./cables";
import type { Point } from "./geometry";
import { type Anchor, type GraphModel, locate, nodeOf } from "./graph-model";
import { subPath, type TunnelLane, tunnelPath } from "./tunnels";

export function protocolOf(p: Packet): Protocol {
  if (p.vxlan) return "VXLAN";
  // IPv6's neighbour discovery does ARP's job in ICMPv6 messages.
  if (p.arp?.nd) return "ICMP";
  if (p.arp) return "ARP";
  if (p.dns) return "DNS";
  if (p.icmp) return "ICMP";
  if (p.tcp) return "TCP";
  return "UDP";
}

function endpoint(ip: string, port?: number): string {
  return port === undefined ? ip : `${ip}:${port}`;
}

/** "172.17.0.2 → 172.17.0.3" (with ports for TCP and UDP), or the ARP question or answer. */
export function addressesOf(p: Packet): string {
  if (p.vxlan && p.ip)
    return `${endpoint(p.ip.src, p.udp?.sport)} → ${endpoint(p.ip.dst, p.udp?.dport)} VNI ${p.vxlan.vni}`;
  if (p.arp?.nd)
    return p.arp.op === "request"
      ? `who has ${p.arp.targetIp}`
      : `tgt is ${p.arp.senderIp} at ${p.arp.senderMac}`;
  if (p.arp) {
    return p.arp.op === "request"
      ? `who-has ${p.arp.targetIp} tell ${p.arp.senderIp}`
      : `${p.arp.senderIp} is-at ${p.arp.senderMac}`;
  }
  if (!p.ip) return p.eth ? `${p.eth.src} → ${p.eth.dst}` : "";
  const l4 = p.tcp ?? p.udp;
  return `${endpoint(p.ip.src, l4?.sport)} → ${endpoint(p.ip.dst, l4?.dport)}`;
}

/** What the packet says, briefly: "echo request", "A web?", "A web = 172.18.0.2", "[S]". */
export function summaryOf(p: Packet): string {
  // A wrapped frame: what it carries.
  if (p.vxlan) {
    const inner = p.vxlan.inner;
    return `⟨${[protocolOf(inner), addressesOf(inner), summaryOf(inner)].filter(Boolean).join(" ")}⟩`;
  }
  if (p.dns) {
    const q = `${p.dns.question.type} ${p.dns.question.name}`;
    if (!p.dns.response) return `${q}?`;
    if (p.dns.rcode !== "NOERROR") return `${q}: ${p.dns.rcode}`;
    return p.dns.answers.length ? `${q} = ${p.dns.answers.map((a) => a.data).join(", ")}` : `${q}: no answer`;
  }
  if (p.arp?.nd) return p.arp.op === "request" ? "neighbor solicitation" : "neighbor advertisement";
  if (p.icmp) return p.icmp.type.replace("-", " ");
  if (p.tcp) return `[${p.tcp.flags}]${p.payload ? ` ${p.payload}` : ""}`;
  if (p.payload) return p.payload;
  return "";
}

/** "SNAT 172.17.0.2 → 192.168.0.102" when NAT rewrote an address at this hop. */
export function rewriteOf(hop: Hop): string | undefined {
  const before = hop.before?.ip;
  const after = hop.packet.ip;
  if (!before || !after) return undefined;
  const bl4 = hop.before?.tcp ?? hop.before?.udp;
  const al4 = hop.packet.tcp ?? hop.packet.udp;
  const parts: string[] = [];
  if (before.src !== after.src || bl4?.sport !== al4?.sport)
    parts.push(`SNAT ${endpoint(before.src, bl4?.sport)} → ${endpoint(after.src, al4?.sport)}`);
  if (before.dst !== after.dst || bl4?.dport !== al4?.dport)
    parts.push(`DNAT ${endpoint(before.dst, bl4?.dport)} → ${endpoint(after.dst, al4?.dport)}`);
  return parts.length ? parts.join(", ") : undefined;
}

export interface TokenView {
  /** Index into flatHops(traces): changes for every hop, so the token's animation restarts. */
  index: number;
  protocol: Protocol;
  addresses: string;
  summary: string;
  rewrite?: string;
  decision: Hop["decision"];
  rule?: string;
  /** Where the token travels, in flow coordinates; one point when it appears in place. */
  path: Point[];
  netns: string;
  ifname: string;
  dir: Hop["dir"];
  /** False for the copies a flood left at other ports. */
  current: boolean;
  /** A folded step: how many hops beyond the Docker host it stands for. */
  folded?: number;
}

/** Every hop of `traces` in time order, with each hop's index: computed once per set of traces. */
const flatCache = new WeakMap<Trace[], { flat: ReturnType<typeof flatHops>; index: Map<Hop, number> }>();

export function hopsOf(traces: Trace[]): { flat: ReturnType<typeof flatHops>; index: Map<Hop, number> } {
  let hops = flatCache.get(traces);
  if (!hops) {
    const flat = flatHops(traces);
    hops = { flat, index: new Map(flat.map((f, i) => [f.at, i])) };
    flatCache.set(traces, hops);
  }
  return hops;
}

/**
 * The hop a packet came from: the one before it, or, after a flood, whichever flooded copy is
 * nearest (the one whose port the packet then arrives through; of equally near ones, the latest).
 */
function cameFrom(
  model: GraphModel,
  drawing: Drawing,
  hops: Hop[],
  h: number,
): { hop: Hop; path: Point[] } | undefined {
  const here = hops[h];
  const to = here && locate(model, here.netns, here.ifname);
  if (!to) return undefined;
  const before = hops.slice(0, h);
  // A flooded copy leaves from where the frame entered the bridge, not from its sibling copies.
  const origin = before.findLast(
    (x) => !(here.decision === "flooded" && x.decision === "flooded" && x.t === here.t),
  );
  const candidates =
    here.decision === "flooded"
      ? origin
        ? [origin]
        : []
      : before.filter((x, i) => i === h - 1 || x.decision === "flooded");
  // The candidate with the shortest path wins (of equally short ones, the latest). No path is
  // shorter than the shortest way there (crossings never double back, so a path is as long as its
  // crossings together): the places nearest the hop come first, and the search stops at the first
  // too far to beat the best. A flood at a bridge of 500 ports leaves 500 candidates, of which one
  // is near. A candidate with no way there has the straight line for its path.
  let best: { hop: Hop; path: Point[]; len: number; i: number } | undefined;
  const beaten = (bound: number, i: number) =>
    !!best && (bound > best.len || (bound === best.len && i < best.i));
  const consider = (hop: Hop, i: number, from: Anchor) => {
    const path = packetPath(model, drawing, from, to);
    if (!path) return;
    const len = pathLength(path);
    if (!best || len < best.len || (len === best.len && i > best.i)) best = { hop, path, len, i };
  };
  const waiting = new Map<string, { hop: Hop; i: number; from: Anchor }[]>();
  candidates.forEach((hop, i) => {
    const from = locate(model, hop.netns, hop.ifname);
    if (!from) return;
    const at = placeKey(from);
    // Latest first among candidates at one place.
    waiting.set(at, [{ hop, i, from }, ...(waiting.get(at) ?? [])]);
  });
  const searched = waiting.size > 1;
  if (searched) {
    for (const [at, d] of nearestFirst(model, drawing, to)) {
      if (best && d > best.len) break;
      for (const c of waiting.get(at) ?? []) if (!beaten(d, c.i)) consider(c.hop, c.i, c.from);
      waiting.delete(at);
    }
  }
  // Those not reached are farther than the best, or have no way there: for those, the straight
  // line is their path.
  const target = anchorPoint(model, drawing.rects, drawing.places, to);
  for (const c of [...waiting.values()].flat().sort((a, b) => b.i - a.i)) {
    if (searched && joined(model, drawing, c.from, to)) continue;
    const p = anchorPoint(model, drawing.rects, drawing.places, c.from);
    const straight = p && target ? Math.abs(p.x - target.x) + Math.abs(p.y - target.y) : 0;
    if (!beaten(straight, c.i)) consider(c.hop, c.i, c.from);
  }
  return best;
}

function view(hop: Hop, index: number, path: Point[], current: boolean): TokenView {
  const rewrite = rewriteOf(hop);
  return {
    index,
    protocol: protocolOf(hop.packet),
    addresses: addressesOf(hop.packet),
    summary: summaryOf(hop.packet),
    ...(rewrite ? { rewrite } : {}),
    decision: hop.decision,
    ...(hop.rule ? { rule: hop.rule } : {}),
    path,
    netns: hop.netns,
    ifname: hop.ifname,
    dir: hop.dir,
    current,
  };
}

/**
 * Where hop `h` of a trace stands in an overlay's tunnel: the lane, the hosts at its ends (by the
 * outer addresses) and how far along, 0 at the sending host's eth0 and 1 at the receiving one's,
 * the LAN's hops spread between. Undefined for a hop that is not a wrapped packet on the way.
 */
function inTunnel(
  model: GraphModel,
  drawing: Drawing,
  trace: Trace,
  h: number,
): { lane: TunnelLane; from: string; to: string; f: number } | undefined {
  const hop = trace.hops[h];
  const p = hop?.packet;
  if (!hop || !p?.vxlan || !p.ip) return undefined;
  const vni = p.vxlan.vni;
  const lane = drawing.tunnels.find((l) => l.tunnel.vni === vni);
  const at = (ip: string) => lane?.tunnel.members.find((m) => m.address === ip);
  const from = at(p.ip.src);
  const to = at(p.ip.dst);
  if (!lane || !from || !to) return undefined;
  const nodeAt = (k: number) => {
    const x = trace.hops[k];
    const a = x?.packet.vxlan?.vni === vni ? locate(model, x.netns, x.ifname) : undefined;
    return a && nodeOf(model, a.node);
  };
  const node = nodeAt(h);
  if (node?.id === from.node) return { lane, from: from.machine, to: to.machine, f: 0 };
  if (node?.id === to.node) return { lane, from: from.machine, to: to.machine, f: 1 };
  const onLan = (k: number) => {
    const n = nodeAt(k);
    return n?.kind === "switch" || n?.kind === "router";
  };
  if (!onLan(h)) return undefined;
  let first = h;
  while (onLan(first - 1)) first--;
  let last = h;
  while (onLan(last + 1)) last++;
  return { lane, from: from.machine, to: to.machine, f: (h - first + 1) / (last - first + 2) };
}

/** The way through the tunnel from hop `a` to hop `b` of a trace, when both are in the same one. */
function tunnelStep(
  model: GraphModel,
  drawing: Drawing,
  trace: Trace,
  a: number,
  b: number,
): Point[] | undefined {
  const x = inTunnel(model, drawing, trace, a);
  const y = inTunnel(model, drawing, trace, b);
  if (!x || !y || x.lane !== y.lane || x.from !== y.from || x.to !== y.to || x.f >= y.f) return undefined;
  const path = tunnelPath(y.lane, y.from, y.to);
  return path && subPath(path, x.f, y.f);
}

/** The copies a flood left, by hop, kept while the drawing is the same: they stay put from hop to hop. */
const copies = new WeakMap<Hop, { drawing: Drawing; index: number; view: TokenView | undefined }>();

function copyOf(model: GraphModel, drawing: Drawing, h: Hop, index: number): TokenView | undefined {
  const cached = copies.get(h);
  if (cached?.drawing === drawing && cached.index === index) return cached.view;
  const a = locate(model, h.netns, h.ifname);
  const p = a && packetPath(model, drawing, a, a);
  const copy = p && view(h, index, p, false);
  copies.set(h, { drawing, index, view: copy });
  return copy;
}

/**
 * The tokens to draw with the player at `cursor` (an index into flatHops(traces)). A folded step
 * (`from`, and the flat indices of the hops it stands for) travels straight from its starting hop.
 */
export function tokensAt(
  model: GraphModel,
  drawing: Drawing,
  traces: Trace[],
  cursor: number,
  step: { from?: number; folded?: [number, number] } = {},
): TokenView[] {
  const { flat, index: indexOf } = hopsOf(traces);
  const at = flat[cursor];
  const trace = at && traces[at.trace];
  if (!at || !trace) return [];
  const here = locate(model, at.at.netns, at.at.ifname);
  if (!here) return [];
  const end = packetPath(model, drawing, here, here) ?? [];
  if (step.folded) {
    const start = step.from === undefined ? undefined : flat[step.from];
    const origin = start && locate(model, start.at.netns, start.at.ifname);
    const path =
      (start?.trace === at.trace ? tunnelStep(model, drawing, trace, start.hop, at.hop) : undefined) ??
      (origin && packetPath(model, drawing, origin, here)) ??
      end;
    const [first, last] = step.folded;
    const count = flat.slice(first, last + 1).filter((h) => h.trace === at.trace).length;
    return [{ ...view(at.at, cursor, path, true), folded: count }];
  }
  const from = cameFrom(model, drawing, trace.hops, at.hop);
  const through = from && tunnelStep(model, drawing, trace, trace.hops.indexOf(from.hop), at.hop);
  const tokens = [view(at.at, cursor, through ?? from?.path ?? end, true)];
  // Copies of a flood already sent out of other ports stay where they are.
  const times = new Set([at.at.t, from?.hop.t]);
  trace.hops.slice(0, at.hop).forEach((h) => {
    if (h.decision !== "flooded" || !times.has(h.t) || h === from?.hop) return;
    const copy = copyOf(model, drawing, h, indexOf.get(h) ?? -1);
    if (copy) tokens.push(copy);
  });
  return tokens;
}

/** Where a hop is, in words: "busy1 eth0", "docker0 port veth1a2b3c4", "host1 eth0", "dns.google eth0". */
export function placeName(model: GraphModel, netns: string, ifname: string): string {
  const a = locate(model, netns, ifname);
  const node = a && nodeOf(model, a.node);
  if (!node) return `${netns} ${ifname}`;
  switch (node.kind) {
    case "namespace":
      return `${node.title} ${ifname}`;
    case "bridge":
      return ifname === node.name
        ? node.name
        : t("narration.bridgePort", { bridge: node.name, port: ifname });
    case "internet": {
      const server = node.servers.find((s) => `srv:${s.machine}` === a?.port);
      return server && netns === server.machine
        ? `${server.name} ${ifname}`
        : `${t("graph.outside.internet")} ${ifname}`;
    }
    default:
      return `${node.machine} ${ifname}`;
  }
}
