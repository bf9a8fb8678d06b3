/**
 * The kernel's rate limit on the ICMP errors it sends (icmpv4_xrlim_allow and inet_peer_xrlim_allow):
 * per namespace and per destination, a bucket that refills one token per millisecond, holds at most
 * six errors' worth, and pays `net.ipv4.icmp_ratelimit` (1000 ms) per error. A destination not seen
 * before starts full. Only errors are limited (destination unreachable and time exceeded are in the
 * default icmp_ratemask; echo replies are not), and never towards the namespace itself (loopback).
 * This is why a traceroute whose sixteen probes reach a host at once sees only six answers.
 * ICMPv6 (icmpv6_xrlim_allow) pays less towards a wider route: net.ipv6.icmp.ratelimit (1000 ms)
 * halved for each 32 bits the route's prefix is short of /128, so 250 ms across a /64.
 */
import { inCidr6, parseCidr6, parseIp6 } from "../ip6";
import { inet6Of } from "../linux/addrconf";
import type { Netns } from "../linux/types";
import { routeOutput } from "./route";

/** What one ICMPv6 error to `dst` costs: the prefix of the route that reaches it, on-link or not. */
function cost6(ns: Netns, dst: string): number {
  const route = routeOutput(ns, dst);
  const value = parseIp6(dst);
  let prefix = 0;
  if (route.kind === "unicast" && route.nextHop === dst && value !== undefined)
    for (const a of inet6Of(route.link)) {
      const net = parseCidr6(`${a.ip}/${a.prefix}`, true);
      if (net && inCidr6(value, net)) prefix = Math.max(prefix, net.prefix);
    }
  return ICMP_RATELIMIT_MS >> ((128 - prefix) >> 5);
}

export const ICMP_RATELIMIT_MS = 1000;
/** XRLIM_BURST_FACTOR in net/ipv4/inetpeer.c. */
const BURST = 6;

/** Whether `ns` may send an ICMP error to `dst` at `now`; spends the token when it may. */
export function icmpErrorAllowed(ns: Netns, dst: string, now: number): boolean {
  const cost = dst.includes(":") ? cost6(ns, dst) : (ns.icmpRatelimit ?? ICMP_RATELIMIT_MS);
  if (cost === 0 || routeOutput(ns, dst).kind === "local") return true;
  ns.icmpPeers ??= {};
  const peer = ns.icmpPeers[dst];
  // Walks sent at one instant may reach here slightly out of order: the clock never runs back.
  const last = Math.max(now, peer?.last ?? now);
  const tokens = Math.min(BURST * cost, peer ? peer.tokens + (last - peer.last) : BURST * cost);
  const allowed = tokens >= cost;
  ns.icmpPeers[dst] = { tokens: allowed ? tokens - cost : tokens, last };
  return allowed;
}
