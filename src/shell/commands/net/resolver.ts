/**
 * The C library's resolver as the tools use it (getaddrinfo, getnameinfo) where they run, over the
 * engine's stub resolver (engine/packet/resolver.ts), each lookup reported as a trace.
 */

import { canonicalIp6, parseIp6 } from "../../../engine/ip6";
import { inet6Of } from "../../../engine/linux/addrconf";
import {
  ask,
  type HostsEntry,
  hostsEntryFor,
  lookupDns,
  parseHosts,
  parseNameservers,
  query,
  type Resolution,
} from "../../../engine/packet/resolver";
import { randInt } from "../../../engine/rng";
import { readFile } from "../../files";
import { netnsOf } from "../../place";
import type { Ctx } from "../../types";
import { isIpv4, senderName, traced } from "./common";

/** /etc/hosts lines: IPv4 ones, which is what the tools use, or (`ipv6`) every one, as getent sees them. */
export function hostsEntries(ctx: Ctx, ipv6 = false): HostsEntry[] {
  return parseHosts(readFile(ctx.world, ctx.frame, "/etc/hosts") ?? "", ipv6);
}

/** nameserver lines of /etc/resolv.conf; without the file the C library asks 127.0.0.1. */
export function nameservers(ctx: Ctx): string[] {
  return parseNameservers(readFile(ctx.world, ctx.frame, "/etc/resolv.conf"));
}

/** getaddrinfo for IPv4: an address literal, /etc/hosts, then DNS. The walk starts at `t`. */
export function resolveHost(ctx: Ctx, name: string, t: number): { res: Resolution; end: number } {
  if (isIpv4(name)) return { res: { kind: "found", ips: [name], name }, end: t };
  const entry = hostsEntryFor(hostsEntries(ctx), name);
  if (entry) return { res: { kind: "found", ips: [entry.ip], name: entry.names[0] ?? name }, end: t };
  const run = traced(
    ctx,
    t,
    "DNS",
    `${senderName(ctx)}: DNS A? ${name}`,
    (sim) => lookupDns(sim, netnsOf(ctx), nameservers(ctx), name),
    (r) => r.kind === "found",
  );
  return { res: run.result, end: run.end };
}

/** An IPv6 address typed as such, with its `%interface` scope if any. */
export function literal6(target: string): { ip: string; scope?: string } | undefined {
  const [address = "", scope] = target.split("%");
  const ip = canonicalIp6(address);
  return ip ? { ip, ...(scope ? { scope } : {}) } : undefined;
}

/**
 * getaddrinfo's first answer for either family: an IPv6 literal as such, else resolveHost's. With
 * `family` 6 (ping6, traceroute6, -6) only an IPv6 address will do, with 4 only an IPv4 one;
 * otherwise IPv6 when the name has an AAAA record and the namespace a global IPv6 address to send
 * from (RFC 6724's ordering). No `ip` when there is no such address.
 */
export function resolveAddress(
  ctx: Ctx,
  target: string,
  family: 4 | 6 | undefined,
  t: number,
): { res: Resolution; end: number; ip?: string; literal?: { ip: string; scope?: string } } {
  const literal = literal6(target);
  if (literal) {
    const res: Resolution = { kind: "found", ips: [], ips6: [literal.ip], name: target };
    return { res, end: t, literal, ...(family !== 4 ? { ip: literal.ip } : {}) };
  }
  const found = resolveHost(ctx, target, t);
  if (found.res.kind !== "found") return found;
  const v4 = found.res.ips[0];
  const v6 = found.res.ips6?.[0];
  const global = () => netnsOf(ctx).links.some((l) => l.up && inet6Of(l).some((a) => a.scope === "global"));
  const ip = family === 6 ? v6 : family === 4 || !v6 ? v4 : global() || !v4 ? v6 : v4;
  return { ...found, ...(ip ? { ip } : {}) };
}

/** The reverse name of an address: in-addr.arpa's octets, or ip6.arpa's 32 nibbles. */
export function ptrName(ip: string): string {
  const v6 = parseIp6(ip);
  if (v6 !== undefined) return `${[...v6.toString(16).padStart(32, "0")].reverse().join(".")}.ip6.arpa`;
  return `${ip.split(".").reverse().join(".")}.in-addr.arpa`;
}

/** getnameinfo: the first /etc/hosts name of the address, else its PTR record. */
export function reverseName(ctx: Ctx, ip: string, t: number): { name?: string; end: number } {
  const entry = hostsEntries(ctx).find((e) => e.ip === ip);
  if (entry) return { name: entry.names[0], end: t };
  const run = traced(
    ctx,
    t,
    "DNS",
    `${senderName(ctx)}: DNS PTR? ${ip}`,
    (sim) => {
      const id = randInt(ctx.world.rng, 1, 65535);
      for (const server of nameservers(ctx)) {
        const a = ask(
          sim,
          netnsOf(ctx),
          server,
          query(id, ptrName(ip), "PTR"),
          randInt(ctx.world.rng, 32768, 60999),
        );
        if (!a || a.rcode === "SERVFAIL" || a.rcode === "REFUSED") continue;
        return a.answers.find((r) => r.type === "PTR")?.data.replace(/\.$/, "");
      }
      return undefined;
    },
    (name) => name !== undefined,
  );
  return { ...(run.result ? { name: run.result } : {}), end: run.end };
}
