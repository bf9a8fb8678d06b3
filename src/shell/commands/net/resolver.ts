/**
 * The C library's resolver as the tools use it (getaddrinfo, getnameinfo): /etc/hosts first, then
 * the nameservers of /etc/resolv.conf, asked for A and AAAA over UDP as real packets (five seconds
 * a try, two tries each), NXDOMAIN ending the search and SERVFAIL or silence moving to the next.
 */
import { udpRequest } from "../../../engine/packet/exchange";
import type { Sim } from "../../../engine/packet/sim";
import type { DnsMessage, DnsType } from "../../../engine/packet/types";
import { randInt } from "../../../engine/rng";
import { readFile } from "../../files";
import { netnsOf } from "../../place";
import type { Ctx } from "../../types";
import { isIpv4, senderName, traced } from "./common";

export interface HostsEntry {
  ip: string;
  names: string[];
}

/** /etc/hosts lines: IPv4 ones, which is what the tools use, or (`ipv6`) every one, as getent sees them. */
export function hostsEntries(ctx: Ctx, ipv6 = false): HostsEntry[] {
  const text = readFile(ctx.world, ctx.frame, "/etc/hosts") ?? "";
  const out: HostsEntry[] = [];
  for (const line of text.split("\n")) {
    const [ip, ...names] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (ip && names.length && (isIpv4(ip) || (ipv6 && ip.includes(":")))) out.push({ ip, names });
  }
  return out;
}

/** nameserver lines of /etc/resolv.conf; without the file the C library asks 127.0.0.1. */
export function nameservers(ctx: Ctx): string[] {
  const text = readFile(ctx.world, ctx.frame, "/etc/resolv.conf");
  if (text === undefined) return ["127.0.0.1"];
  const servers = text
    .split("\n")
    .map((l) => /^\s*nameserver\s+(\S+)/.exec(l)?.[1])
    .filter((s): s is string => s !== undefined && isIpv4(s));
  return servers.length ? servers.slice(0, 3) : ["127.0.0.1"];
}

export type Resolution =
  | { kind: "found"; ips: string[]; name: string }
  /** NXDOMAIN: "Name or service not known". */
  | { kind: "nxdomain" }
  /** The name exists without an IPv4 address. */
  | { kind: "nodata" }
  /** No server answered, or each failed: "Temporary failure in name resolution". */
  | { kind: "tempfail" };

const TRY_MS = 5000;
const ATTEMPTS = 2;

export function query(id: number, name: string, type: DnsType): DnsMessage {
  return { id, response: false, question: { name, type }, answers: [], rcode: "NOERROR" };
}

/** One question to one server; undefined when nothing usable came back in time. */
function ask(sim: Sim, ctx: Ctx, server: string, q: DnsMessage, sport: number): DnsMessage | undefined {
  const start = sim.t;
  const r = udpRequest(sim, netnsOf(ctx), server, 53, { dns: q }, { sport });
  if (r.kind === "reply" && r.packet.dns) return r.packet.dns;
  if (r.kind === "timeout") sim.t = start + TRY_MS;
  return undefined;
}

/**
 * A and AAAA together to each server in turn, twice round: an answer (or NXDOMAIN) ends the search,
 * SERVFAIL, a refusal or silence moves on to the next server or the next round.
 */
function lookupDns(sim: Sim, ctx: Ctx, name: string): Resolution {
  const sport = randInt(ctx.world.rng, 32768, 60999);
  const id = randInt(ctx.world.rng, 1, 65535);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    for (const server of nameservers(ctx)) {
      const a = ask(sim, ctx, server, query(id, name, "A"), sport);
      // The lab's networks have no IPv6 to use from the AAAA answer; it is asked all the same.
      ask(sim, ctx, server, query((id + 1) & 0xffff, name, "AAAA"), sport);
      if (!a || a.rcode === "SERVFAIL" || a.rcode === "REFUSED") continue;
      if (a.rcode === "NXDOMAIN") return { kind: "nxdomain" };
      const ips = a.answers.filter((r) => r.type === "A").map((r) => r.data);
      const cname = a.answers.filter((r) => r.type === "CNAME").pop()?.data;
      return ips.length ? { kind: "found", ips, name: cname ?? name } : { kind: "nodata" };
    }
  }
  return { kind: "tempfail" };
}

/** getaddrinfo for IPv4: an address literal, /etc/hosts, then DNS. The walk starts at `t`. */
export function resolveHost(ctx: Ctx, name: string, t: number): { res: Resolution; end: number } {
  if (isIpv4(name)) return { res: { kind: "found", ips: [name], name }, end: t };
  const lower = name.toLowerCase().replace(/\.$/, "");
  const entry = hostsEntries(ctx).find((e) => e.names.some((n) => n.toLowerCase() === lower));
  if (entry) return { res: { kind: "found", ips: [entry.ip], name: entry.names[0] ?? name }, end: t };
  const run = traced(
    ctx,
    t,
    "DNS",
    `${senderName(ctx)}: DNS A? ${name}`,
    (sim) => lookupDns(sim, ctx, name),
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
        const a = ask(sim, ctx, server, query(id, ptrName(ip), "PTR"), randInt(ctx.world.rng, 32768, 60999));
        if (!a || a.rcode === "SERVFAIL" || a.rcode === "REFUSED") continue;
        return a.answers.find((r) => r.type === "PTR")?.data.replace(/\.$/, "");
      }
      return undefined;
    },
    (name) => name !== undefined,
  );
  return { ...(run.result ? { name: run.result } : {}), end: run.end };
}
