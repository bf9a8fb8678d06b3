/**
 * The kernel's rate limit on the ICMP errors it sends (icmpv4_xrlim_allow and inet_peer_xrlim_allow):
 * per namespace and per destination, a bucket that refills one token per millisecond, holds at most
 * six errors' worth, and pays `net.ipv4.icmp_ratelimit` (1000 ms) per error. A destination not seen
 * before starts full. Only errors are limited (destination unreachable and time exceeded are in the
 * default icmp_ratemask; echo replies are not), and never towards the namespace itself (loopback).
 * This is why a traceroute whose sixteen probes reach a host at once sees only six answers.
 */
import type { Netns } from "../linux/types";
import { routeOutput } from "./route";

export const ICMP_RATELIMIT_MS = 1000;
/** XRLIM_BURST_FACTOR in net/ipv4/inetpeer.c. */
const BURST = 6;

/** Whether `ns` may send an ICMP error to `dst` at `now`; spends the token when it may. */
export function icmpErrorAllowed(ns: Netns, dst: string, now: number): boolean {
  const cost = ns.icmpRatelimit ?? ICMP_RATELIMIT_MS;
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
