/**
 * What a process sees through its socket: an ICMP echo and its reply, a UDP request and its answer
 * (or the port unreachable that refuses it), a TCP connection (handshake, one request and its
 * response, the close). Each is a series of walks through the datapath in one Sim, so every packet,
 * including the kernel's own answers and whatever a server sends on (dnsmasq forwarding, docker-proxy
 * connecting to the container), lands in the same trace.
 */

import type { Netns } from "../linux/types";
import { randInt } from "../rng";
import { type Arrival, kernelReply, type Outcome, sendIp } from "./datapath";
import { DEFAULT_TTL, echo, ipPacket, tcp, udp, withIp } from "./headers";
import { parseRequest, responseText } from "./http";
import { routeOutput } from "./route";
import { type DnsAction, findServer } from "./servers";
import { elapse, type Sim } from "./sim";
import type { DnsMessage, IcmpHeader, Packet, TcpFlags } from "./types";

/** An ICMP error that came back, as a socket's error queue reports it. */
interface IcmpReport {
  from: string;
  type: IcmpHeader["type"];
  code: number;
}

export type Failure =
  /** The sender's own kernel said no: no route, no ARP answer on the link, its OUTPUT chain. */
  | {
      kind: "local";
      errno: "ENETUNREACH" | "EHOSTUNREACH" | "EPERM" | "EMSGSIZE";
      from: string;
      mtu?: number;
    }
  /** An ICMP error came back from `from`. */
  | ({ kind: "icmp" } & IcmpReport)
  | { kind: "timeout" };

function arrivedAt(ns: Netns, out: Outcome): Arrival | undefined {
  return out.kind === "delivered" && out.at.ns.id === ns.id ? out.at : undefined;
}

function failure(ns: Netns, out: Outcome): Failure {
  if (out.kind === "refused")
    return { kind: "local", errno: out.errno, from: out.from, ...(out.mtu ? { mtu: out.mtu } : {}) };
  if (out.kind === "icmp-error" && out.at.ns.id === ns.id) {
    const icmp = out.at.packet.icmp;
    return {
      kind: "icmp",
      from: out.at.packet.ip?.src ?? "",
      type: icmp?.type ?? "dest-unreachable",
      code: icmp?.code ?? 0,
    };
  }
  return { kind: "timeout" };
}

export interface EchoOptions {
  id: number;
  seq: number;
  /** Data bytes (`-s`). */
  data: number;
  ttl?: number;
  /** The process's first packet: sockets, routes and caches are cold. */
  cold?: boolean;
  /**
   * Path-MTU discovery (IP_MTU_DISCOVER): "want", the kernel's default, sets Don't Fragment on what
   * fits the route's MTU and lets bigger packets be fragmented; "do" (`ping -M do`) sets it always,
   * so a packet too big is refused; "dont" never sets it.
   */
  pmtu?: "want" | "do" | "dont";
}

export type EchoResult = { kind: "reply"; from: string; ttl: number; bytes: number } | Failure;

/** One echo request and, if it comes, its reply; sim.t ends when the process has the answer. */
export function echoRequest(sim: Sim, ns: Netns, dst: string, o: EchoOptions): EchoResult {
  elapse(sim, o.cold ? 80 : 10, o.cold ? 420 : 30);
  const request = ipPacket(dst, echo("echo-request", o.id, o.seq, o.data), "", o.ttl ?? ttlOf(ns));
  const route = routeOutput(ns, dst);
  const mtu = route.kind === "unicast" ? route.link.mtu : 65536;
  const mode = o.pmtu ?? "want";
  const df = mode === "do" || (mode === "want" && (request.ip?.length ?? 0) <= mtu);
  const out = sendIp(sim, ns, df ? withIp(request, { df: true }) : request);
  if (out.kind !== "delivered") return failure(ns, out);
  const back = kernelReply(sim, out.at, "echo");
  const at = arrivedAt(ns, back);
  const icmp = at?.packet.icmp;
  if (!at || icmp?.type !== "echo-reply" || icmp.id !== o.id) return failure(ns, back);
  elapse(sim, 8, 25);
  return { kind: "reply", from: at.packet.ip?.src ?? dst, ttl: at.packet.ip?.ttl ?? 0, bytes: 8 + o.data };
}

function ttlOf(ns: Netns): number {
  return ns.ipDefaultTtl ?? DEFAULT_TTL;
}

function ephemeralPort(sim: Sim): number {
  return randInt(sim.world.rng, 32768, 60999);
}

export type UdpResult =
  | { kind: "reply"; packet: Packet; from: string }
  | { kind: "refused"; from: string }
  | Failure;

/** A datagram and the answer, if the server sends one; an ICMP port unreachable means nobody listens. */
export function udpRequest(
  sim: Sim,
  ns: Netns,
  dst: string,
  dport: number,
  body: Omit<Packet, "udp">,
  options: { sport?: number; ttl?: number } = {},
): UdpResult {
  const sport = options.sport ?? ephemeralPort(sim);
  elapse(sim, 10, 30);
  const out = sendIp(sim, ns, ipPacket(dst, udp(sport, dport, body), "", options.ttl ?? ttlOf(ns)));
  if (out.kind !== "delivered") return udpFailure(ns, out);
  const server = findServer(sim.world, out.at, "udp");
  if (!server) return udpFailure(ns, kernelReply(sim, out.at, "port-unreachable"));
  const query = out.at.packet.dns;
  const answer = server.kind === "dns" && query ? resolve(sim, server.answer(sim, query), query) : undefined;
  if (!answer) return { kind: "timeout" };
  const seen = out.at.packet;
  const response = ipPacket(
    seen.ip?.src ?? "",
    udp(seen.udp?.dport ?? 0, seen.udp?.sport ?? 0, { dns: answer }),
    seen.ip?.dst,
    ttlOf(out.at.ns),
  );
  const back = sendIp(sim, out.at.ns, response);
  const at = arrivedAt(ns, back);
  if (!at || at.packet.udp?.dport !== sport) return udpFailure(ns, back);
  elapse(sim, 8, 25);
  return { kind: "reply", packet: at.packet, from: at.packet.ip?.src ?? dst };
}

/** A DNS server's answer, after sending the query on to each server it names in turn if it must. */
function resolve(sim: Sim, action: DnsAction, query: DnsMessage): DnsMessage | undefined {
  if ("answer" in action) return action.answer;
  const { from, servers, timeoutMs } = action.forward;
  for (const server of servers) {
    const out = udpRequest(sim, from, server, 53, { dns: { ...query, response: false } });
    const answer = out.kind === "reply" ? out.packet.dns : undefined;
    // The first answer that is not a failure wins.
    if (answer && answer.rcode !== "SERVFAIL" && answer.rcode !== "REFUSED")
      return { ...answer, id: query.id };
    if (out.kind === "timeout") sim.t += timeoutMs;
  }
  return action.otherwise;
}

function udpFailure(ns: Netns, out: Outcome): UdpResult {
  const f = failure(ns, out);
  return f.kind === "icmp" && f.type === "dest-unreachable" && f.code === 3
    ? { kind: "refused", from: f.from }
    : f;
}

export type TcpResult =
  /** Connected; the response, if a request was sent and the server answered. */
  | { kind: "connected"; response?: string }
  /** RST to the SYN: nothing listens there. */
  | { kind: "refused"; from: string }
  /** Connected, then reset before an answer (docker-proxy whose container refused). */
  | { kind: "reset" }
  | Failure;

interface Side {
  ns: Netns;
  ip: string;
  port: number;
  seq: number;
}

/** Sends a segment from one side to the other; returns what the other side's stack received. */
function segment(
  sim: Sim,
  from: Side,
  to: { ip: string; port: number },
  flags: TcpFlags,
  ack: number,
  data?: string,
): Outcome {
  const payload =
    data === undefined ? undefined : { payload: data.split("\r\n")[0] ?? "", length: data.length };
  const out = sendIp(
    sim,
    from.ns,
    ipPacket(to.ip, tcp(from.port, to.port, flags, from.seq, ack, payload), from.ip, ttlOf(from.ns)),
  );
  from.seq += (data?.length ?? 0) + (flags.includes("S") || flags.includes("F") ? 1 : 0);
  return out;
}

/**
 * A TCP client: connect to dst:dport, send `request` if given and read the response, then close.
 * The server side is whatever listens where the SYN arrives (after any DNAT).
 */
export function tcpSession(sim: Sim, ns: Netns, dst: string, dport: number, request?: string): TcpResult {
  const client: Side = { ns, ip: "", port: ephemeralPort(sim), seq: randInt(sim.world.rng, 1, 0xfffffff0) };
  elapse(sim, 20, 60);
  const syn = sendIp(sim, ns, ipPacket(dst, tcp(client.port, dport, "S", client.seq, 0), "", ttlOf(ns)));
  client.seq += 1;
  if (syn.kind !== "delivered") return failure(ns, syn);
  const seen = syn.at.packet;
  const server: Side = {
    ns: syn.at.ns,
    ip: seen.ip?.dst ?? "",
    port: seen.tcp?.dport ?? 0,
    seq: randInt(sim.world.rng, 1, 0xfffffff0),
  };
  const peer = { ip: seen.ip?.src ?? "", port: seen.tcp?.sport ?? 0 };
  const app = findServer(sim.world, syn.at, "tcp");
  if (!app) {
    const rst = kernelReply(sim, syn.at, "rst");
    return arrivedAt(ns, rst) ? { kind: "refused", from: dst } : failure(ns, rst);
  }
  const remote = { ip: dst, port: dport };
  if (!arrivedAt(ns, segment(sim, server, peer, "S.", client.seq))) return { kind: "timeout" };
  segment(sim, client, remote, ".", server.seq);
  let response: string | undefined;
  if (request !== undefined) {
    const sent = segment(sim, client, remote, "P.", server.seq, request);
    if (sent.kind !== "delivered") return { kind: "timeout" };
    const answer = serve(sim, app, request);
    if (answer === "reset") {
      segment(sim, server, peer, "R.", client.seq);
      return { kind: "reset" };
    }
    if (answer !== undefined) {
      const back = segment(sim, server, peer, "P.", client.seq, answer);
      if (arrivedAt(ns, back)) response = answer;
    }
  }
  segment(sim, client, remote, "F.", server.seq);
  segment(sim, server, peer, "F.", client.seq);
  segment(sim, client, remote, ".", server.seq);
  return response === undefined ? { kind: "connected" } : { kind: "connected", response };
}

/** The server's answer to one request: an HTTP response, a relayed one, nothing, or a reset. */
function serve(
  sim: Sim,
  app: NonNullable<ReturnType<typeof findServer>>,
  request: string,
): string | "reset" | undefined {
  if (app.kind === "http") {
    const req = parseRequest(request);
    elapse(sim, 40, 160);
    if (!req) return "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    const res = app.respond(sim, req);
    return responseText(res, req.method === "HEAD");
  }
  if (app.kind === "proxy") {
    elapse(sim, 30, 90);
    const inner = tcpSession(sim, app.ns, app.ip, app.port, request);
    return inner.kind === "connected" ? inner.response : "reset";
  }
  return undefined;
}
