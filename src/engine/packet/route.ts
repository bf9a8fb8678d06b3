/**
 * The routing decision a namespace makes for a destination: one of its own addresses (delivered
 * over `lo`), a neighbour on a link (connected route), a gateway (longest prefix, then lowest
 * metric), or nothing ("Network is unreachable"). Also the source address the kernel picks.
 * Connected routes come from the addresses of up links, as kernel.ts's effectiveRoutes derives
 * them; the lookup reads them in place, since it runs for every packet.
 */
import { type Cidr, inCidr, maskOf, parseCidr, parseIp } from "../ip";
import { inCidr6, isLinkLocal6, parseCidr6, parseIp6 } from "../ip6";
import { inet6Of } from "../linux/addrconf";
import { linkByIndex } from "../linux/kernel";
import type { Link, Netns } from "../linux/types";

const cidrCache = new Map<string, Cidr | undefined>();
const ipCache = new Map<string, number | undefined>();

/** Parses a CIDR (or a bare address, /32) once; rules and routes repeat the same few strings. */
function cidrOf(text: string): Cidr | undefined {
  let c = cidrCache.get(text);
  if (c === undefined && !cidrCache.has(text)) {
    c =
      text === "default" ? { net: 0, prefix: 0 } : parseCidr(text.includes("/") ? text : `${text}/32`, true);
    cidrCache.set(text, c);
  }
  return c;
}

/** A dotted quad as a number, parsed once. */
function ipValue(text: string): number | undefined {
  let v = ipCache.get(text);
  if (v === undefined && !ipCache.has(text)) {
    v = parseIp(text);
    ipCache.set(text, v);
  }
  return v;
}

export function inSubnet(ip: string, cidr: string): boolean {
  const value = ipValue(ip);
  const c = cidrOf(cidr);
  return value !== undefined && c !== undefined && inCidr(value, c);
}

/** Is the address one of the namespace's own (any link, and all of 127.0.0.0/8; ::1 and IPv6 ones)? */
export function isLocalAddress(ns: Netns, ip: string): boolean {
  if (ip.includes(":")) return ns.links.some((l) => l.up && inet6Of(l).some((a) => a.ip === ip));
  if (ip.startsWith("127.")) return true;
  for (const link of ns.links) for (const a of link.addrs) if (a.ip === ip) return true;
  return false;
}

export type RouteDecision =
  | { kind: "local"; src: string }
  | { kind: "unicast"; link: Link; nextHop: string; src: string }
  | { kind: "unreachable" };

interface Best {
  prefix: number;
  metric: number;
  dev: number;
  via?: string;
  src?: string;
}

export function routeOutput(ns: Netns, dst: string): RouteDecision {
  if (dst.includes(":")) return routeOutput6(ns, dst);
  if (isLocalAddress(ns, dst)) return { kind: "local", src: dst.startsWith("127.") ? "127.0.0.1" : dst };
  const value = ipValue(dst);
  if (value === undefined) return { kind: "unreachable" };
  let best: Best | undefined;
  const consider = (prefix: number, metric: number, dev: number, via?: string, src?: string) => {
    if (!best || prefix > best.prefix || (prefix === best.prefix && metric < best.metric))
      best = { prefix, metric, dev, ...(via ? { via } : {}), ...(src ? { src } : {}) };
  };
  for (const link of ns.links) {
    if (!link.up || link.kind === "loopback") continue;
    for (const a of link.addrs) {
      const ip = ipValue(a.ip);
      if (ip === undefined || a.prefix === 32) continue;
      const mask = maskOf(a.prefix);
      if ((ip & mask) >>> 0 === (value & mask) >>> 0) consider(a.prefix, 0, link.ifindex, undefined, a.ip);
    }
  }
  for (const r of ns.routes) {
    const c = cidrOf(r.dst);
    if (c && inCidr(value, c)) consider(c.prefix, r.metric ?? 0, r.dev, r.via, r.src);
  }
  const chosen = best as Best | undefined;
  if (!chosen) return { kind: "unreachable" };
  const link = linkByIndex(ns, chosen.dev);
  if (!link?.up) return { kind: "unreachable" };
  const nextHop = chosen.via ?? dst;
  const src = chosen.src ?? sourceFor(ns, link, nextHop);
  if (!src) return { kind: "unreachable" };
  return { kind: "unicast", link, nextHop, src };
}

/** The kernel's source choice: an address of the link on the gateway's subnet, else its first, else any. */
export function sourceFor(ns: Netns, link: Link, toward: string): string | undefined {
  const onSubnet = link.addrs.find((a) => a.scope !== "host" && inSubnet(toward, `${a.ip}/${a.prefix}`));
  if (onSubnet) return onSubnet.ip;
  const first = link.addrs.find((a) => a.scope !== "host");
  if (first) return first.ip;
  for (const other of ns.links)
    for (const a of other.addrs) if (a.scope === "global" && other.kind !== "loopback") return a.ip;
  return undefined;
}

/**
 * IPv6: the connected prefixes of each up link's addresses (fe80::/64 on a link with a link-local
 * one), then the routes added; the source is the link's address of the destination's scope.
 */
function routeOutput6(ns: Netns, dst: string): RouteDecision {
  if (isLocalAddress(ns, dst)) return { kind: "local", src: dst };
  const value = parseIp6(dst);
  if (value === undefined) return { kind: "unreachable" };
  let best: { prefix: number; link: Link; via?: string } | undefined;
  for (const link of ns.links) {
    if (!link.up || link.kind === "loopback") continue;
    for (const a of inet6Of(link)) {
      const net = parseCidr6(a.scope === "link" ? "fe80::/64" : `${a.ip}/${a.prefix}`, true);
      if (net && inCidr6(value, net) && (!best || net.prefix > best.prefix))
        best = { prefix: net.prefix, link };
    }
  }
  for (const r of ns.routes6 ?? []) {
    const link = linkByIndex(ns, r.dev);
    if (!best && link?.up) best = { prefix: 0, link, ...(r.via ? { via: r.via } : {}) };
  }
  if (!best) return { kind: "unreachable" };
  const nextHop = best.via ?? dst;
  const own = inet6Of(best.link);
  const scope = isLinkLocal6(value) ? "link" : "global";
  const src = own.find((a) => a.scope === scope)?.ip ?? own[0]?.ip;
  return src ? { kind: "unicast", link: best.link, nextHop, src } : { kind: "unreachable" };
}
