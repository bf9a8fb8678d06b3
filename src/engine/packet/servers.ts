/**
 * Who answers on a port: the process whose socket listens there (found through the namespace's
 * socket table and the machine's process table, as `ss -p` would), or a machine's own service (the
 * router's dnsmasq, the public resolver, the internet's web servers). Each is a small server: DNS
 * (dnsmasq with the router's /etc/hosts, the public resolver with the world's zone, dockerd's
 * embedded resolver), HTTP (image services, busybox httpd, web sites), docker-proxy, or a socket
 * that accepts and says nothing.
 */

import { formatIp6 } from "../ip6";
import type { Netns, Socket } from "../linux/types";
import { own } from "../own";
import type { Machine, World } from "../world";
import type { Arrival } from "./datapath";
import {
  externalServers,
  lookupName,
  lookupPtr,
  type ResolverClient,
  resolverClient,
} from "./docker-resolver";
import { imagePage, processRoot } from "./docker-servers";
import { type HttpRequest, type HttpResponse, serveFiles, serveImagePage, serveSite } from "./http";
import { elapse, type Sim } from "./sim";
import type { DnsMessage, DnsRecord } from "./types";

/**
 * What a DNS server does with a query: answers it, or has it sent on to other servers in turn (the
 * exchange sends it, so the servers never send packets themselves), with an answer for when none does.
 */
export type DnsAction =
  | { answer: DnsMessage }
  /** `otherwise` absent: the server says nothing when none of them answers. */
  | { forward: { from: Netns; servers: string[]; timeoutMs: number }; otherwise?: DnsMessage };

export type Server =
  | { kind: "dns"; answer: (sim: Sim, query: DnsMessage) => DnsAction }
  | { kind: "http"; respond: (sim: Sim, req: HttpRequest) => HttpResponse }
  /** docker-proxy: relays the connection to the container from the host's namespace. */
  | { kind: "proxy"; ns: Netns; ip: string; port: number }
  | { kind: "silent" };

/** The socket that takes a packet for ip:port, as the kernel's lookup does (exact address, then wildcard). */
function listeningSocket(ns: Netns, proto: "tcp" | "udp", ip: string, port: number): Socket | undefined {
  const candidates = ns.sockets.filter((s) => s.proto === proto && s.port === port && !s.v6only);
  return (
    candidates.find((s) => s.ip === ip) ??
    candidates.find((s) => s.ip === "0.0.0.0" || s.ip === "::" || s.ip === "*")
  );
}

export function findServer(world: World, at: Arrival, proto: "tcp" | "udp"): Server | undefined {
  const ip = at.packet.ip?.dst ?? "";
  const port = (proto === "tcp" ? at.packet.tcp?.dport : at.packet.udp?.dport) ?? 0;
  const machine = world.machines[at.ns.machine];
  if (!machine) return undefined;
  const socket = listeningSocket(at.ns, proto, ip, port) ?? embeddedDnsSocket(at.ns, proto, ip, port);
  if (socket) return socketServer(world, machine, at.ns, socket, port);
  if (at.ns.id !== machine.rootNs) return undefined;
  const service = machine.services?.find((s) => s.proto === proto && s.port === port);
  if (!service) return undefined;
  if (service.app === "http")
    return { kind: "http", respond: (sim, req) => serveSite(machine.name, req, sim.t) };
  if (service.app === "dnsmasq") return { kind: "dns", answer: (sim, q) => dnsmasq(sim, machine, at.ns, q) };
  if (service.app === "dns") return { kind: "dns", answer: (_sim, q) => ({ answer: publicDns(world, q) }) };
  return { kind: "silent" };
}

/**
 * Docker DNATs 127.0.0.11:53 inside the container to the random ports its resolver listens on
 * (DOCKER_OUTPUT); a namespace without those rules still reaches the resolver's socket this way.
 */
function embeddedDnsSocket(ns: Netns, proto: "tcp" | "udp", ip: string, port: number): Socket | undefined {
  if (ip !== "127.0.0.11" || port !== 53) return undefined;
  return ns.sockets.find((s) => s.proto === proto && s.ip === "127.0.0.11" && s.program === "dockerd");
}

function argValue(command: string, flag: string): string | undefined {
  const words = command.split(/\s+/);
  const at = words.indexOf(flag);
  return at >= 0 ? words[at + 1] : undefined;
}

function socketServer(world: World, machine: Machine, ns: Netns, socket: Socket, port: number): Server {
  const command = machine.procs[String(socket.pid)]?.command ?? "";
  if (socket.program === "dockerd") {
    const client = resolverClient(world, ns);
    return client
      ? { kind: "dns", answer: (sim, q) => embeddedDns(sim, world, client, q) }
      : { kind: "silent" };
  }
  if (socket.program === "docker-proxy") {
    const ip = argValue(command, "-container-ip") ?? "";
    const to = Number(argValue(command, "-container-port") ?? "0");
    return { kind: "proxy", ns, ip, port: to };
  }
  const page = imagePage(machine, socket.pid, port);
  if (page) return { kind: "http", respond: (sim, req) => serveImagePage(page, req, sim.t) };
  // busybox httpd, started by hand or as the last command of a `sh -c` script.
  if (/(^|[\s;&|/])httpd(\s|$)/.test(command)) {
    const root = processRoot(world, machine, socket.pid);
    const home = argValue(command, "-h") ?? root.cwd;
    return { kind: "http", respond: (sim, req) => serveFiles(root.read, home, req, sim.t, root.since) };
  }
  return { kind: "silent" };
}

function reply(
  query: DnsMessage,
  rcode: DnsMessage["rcode"],
  answers: DnsRecord[],
  authoritative = false,
): DnsMessage {
  return { ...query, response: true, rcode, answers, ...(authoritative ? { authoritative } : {}) };
}

/** "3.0.18.172.in-addr.arpa" -> "172.18.0.3"; the 32 nibbles of an ip6.arpa name -> its IPv6 address. */
function ptrAddress(name: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa\.?$/i.exec(name);
  if (m) return `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
  const v6 = /^((?:[0-9a-f]\.){32})ip6\.arpa\.?$/i.exec(name);
  return v6?.[1] ? formatIp6(BigInt(`0x${v6[1].split(".").reverse().join("")}`)) : undefined;
}

/** Answers from a table of names, PTR for their addresses; undefined when the name is not there. */
function answerFrom(
  table: Record<string, string>,
  query: DnsMessage,
  ttl: number,
  aa: boolean,
): DnsMessage | undefined {
  const q = query.question;
  const name = q.name.replace(/\.$/, "").toLowerCase();
  if (q.type === "PTR") {
    const ip = ptrAddress(name);
    const owner = Object.keys(table).find((n) => table[n] === ip);
    return owner ? reply(query, "NOERROR", [{ name: q.name, type: "PTR", data: owner, ttl }], aa) : undefined;
  }
  const ip = own(table, name);
  if (ip === undefined) return undefined;
  return reply(query, "NOERROR", q.type === "A" ? [{ name: q.name, type: "A", data: ip, ttl }] : [], aa);
}

/** Docker Hub's registry: the daemon looks it up before every pull (its HTTPS is not simulated). */
const REGISTRY_ZONE: Record<string, string> = { "registry-1.docker.io": "54.236.113.205" };

/** The public resolver: the world's zone, NXDOMAIN for anything else. */
function publicDns(world: World, query: DnsMessage): DnsMessage {
  return answerFrom({ ...REGISTRY_ZONE, ...world.zone }, query, 300, false) ?? reply(query, "NXDOMAIN", []);
}

/** dnsmasq on the router: its /etc/hosts authoritatively, everything else from its upstream resolvers. */
function dnsmasq(sim: Sim, machine: Machine, ns: Netns, query: DnsMessage): DnsAction {
  elapse(sim, 20, 60);
  const local = answerFrom(machine.hosts, query, 0, true);
  if (local) return { answer: local };
  return {
    forward: { from: ns, servers: machine.nameservers, timeoutMs: 10_000 },
    otherwise: reply(query, "SERVFAIL", []),
  };
}

/** dockerd's resolver: container names on shared networks, then the external servers (SERVFAIL if none answers, in 26). */
function embeddedDns(sim: Sim, world: World, client: ResolverClient, query: DnsMessage): DnsAction {
  elapse(sim, 40, 120);
  const q = query.question;
  if (q.type === "PTR") {
    const ip = ptrAddress(q.name);
    const name = ip ? lookupPtr(client, ip) : undefined;
    if (name)
      return { answer: reply(query, "NOERROR", [{ name: q.name, type: "PTR", data: name, ttl: 600 }]) };
  } else {
    const found = lookupName(client, q.name);
    if (found.known) {
      const answers: DnsRecord[] = (q.type === "A" ? found.ips : found.ips6).map((ip) => ({
        name: q.name,
        type: q.type === "A" ? ("A" as const) : ("AAAA" as const),
        data: ip,
        ttl: 600,
      }));
      return { answer: reply(query, "NOERROR", answers) };
    }
  }
  const ns = world.netns[client.container.netns ?? ""];
  const servfail = reply(query, "SERVFAIL", []);
  if (!ns) return { answer: servfail };
  // Forwarded from inside the container's namespace, as dockerd does for non-loopback servers.
  const forward = { from: ns, servers: externalServers(client), timeoutMs: 4_000 };
  // Engine 20.10's resolver dropped a query none of the external servers answered.
  return client.daemon.era === 20 ? { forward } : { forward, otherwise: servfail };
}
