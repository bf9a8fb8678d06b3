/**
 * The C library's resolver as a stub over real packets (getaddrinfo for IPv4): /etc/hosts first,
 * then the nameservers of /etc/resolv.conf, asked for A and AAAA over UDP (five seconds a try, two
 * tries each), NXDOMAIN ending the search and SERVFAIL or silence moving to the next. The shell's
 * tools and the engine's probe both resolve through here.
 */
import { isIpv4 } from "../ip";
import type { Netns } from "../linux/types";
import { randInt } from "../rng";
import { udpRequest } from "./exchange";
import type { Sim } from "./sim";
import type { DnsMessage, DnsType } from "./types";

export interface HostsEntry {
  ip: string;
  names: string[];
}

/** /etc/hosts lines: IPv4 ones, which is what the tools use, or (`ipv6`) every one, as getent sees them. */
export function parseHosts(text: string, ipv6 = false): HostsEntry[] {
  const out: HostsEntry[] = [];
  for (const line of text.split("\n")) {
    const [ip, ...names] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (ip && names.length && (isIpv4(ip) || (ipv6 && ip.includes(":")))) out.push({ ip, names });
  }
  return out;
}

/** nameserver lines of /etc/resolv.conf; without the file the C library asks 127.0.0.1. */
export function parseNameservers(text: string | undefined): string[] {
  if (text === undefined) return ["127.0.0.1"];
  const servers = text
    .split("\n")
    .map((l) => /^\s*nameserver\s+(\S+)/.exec(l)?.[1])
    .filter((s): s is string => s !== undefined && isIpv4(s));
  return servers.length ? servers.slice(0, 3) : ["127.0.0.1"];
}

/** The /etc/hosts entry that names `name`, as the resolver matches it (any case, a trailing dot dropped). */
export function hostsEntryFor(entries: HostsEntry[], name: string): HostsEntry | undefined {
  const lower = name.toLowerCase().replace(/\.$/, "");
  return entries.find((e) => e.names.some((n) => n.toLowerCase() === lower));
}

export type Resolution =
  /** `ips6`: the AAAA answer, when the name has IPv6 addresses. */
  | { kind: "found"; ips: string[]; name: string; ips6?: string[] }
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
export function ask(
  sim: Sim,
  ns: Netns,
  server: string,
  q: DnsMessage,
  sport: number,
): DnsMessage | undefined {
  const start = sim.t;
  const r = udpRequest(sim, ns, server, 53, { dns: q }, { sport });
  if (r.kind === "reply" && r.packet.dns) return r.packet.dns;
  if (r.kind === "timeout") sim.t = start + TRY_MS;
  return undefined;
}

/**
 * A and AAAA together to each server in turn, twice round: an answer (or NXDOMAIN) ends the search,
 * SERVFAIL, a refusal or silence moves on to the next server or the next round.
 */
export function lookupDns(sim: Sim, ns: Netns, servers: string[], name: string): Resolution {
  const sport = randInt(sim.world.rng, 32768, 60999);
  const id = randInt(sim.world.rng, 1, 65535);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    for (const server of servers) {
      const a = ask(sim, ns, server, query(id, name, "A"), sport);
      const aaaa = ask(sim, ns, server, query((id + 1) & 0xffff, name, "AAAA"), sport);
      if (!a || a.rcode === "SERVFAIL" || a.rcode === "REFUSED") continue;
      if (a.rcode === "NXDOMAIN") return { kind: "nxdomain" };
      const ips = a.answers.filter((r) => r.type === "A").map((r) => r.data);
      const ips6 = (aaaa?.answers ?? []).filter((r) => r.type === "AAAA").map((r) => r.data);
      const cname = a.answers.filter((r) => r.type === "CNAME").pop()?.data;
      return ips.length
        ? { kind: "found", ips, name: cname ?? name, ...(ips6.length ? { ips6 } : {}) }
        : { kind: "nodata" };
    }
  }
  return { kind: "tempfail" };
}
