/**
 * The C library's resolver as the tools use it (getaddrinfo, getnameinfo) where they run, over the
 * engine's stub resolver (engine/packet/resolver.ts), each lookup reported as a trace.
 */
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

export function ptrName(ip: string): string {
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
