/**
 * One traceroute probe: a UDP datagram to port `port` with TTL `ttl`, walked through the datapath.
 * Routers whose TTL runs out answer with ICMP time exceeded; the destination with port unreachable;
 * a next hop nobody answers ARP for with the sender's own host unreachable (!H) three seconds later.
 */
import { udpRequest } from "../../../engine/packet/exchange";
import { netnsOf } from "../../place";
import type { Ctx } from "../../types";
import { strerror } from "../strerror";
import { senderName, traced } from "./common";

export type Probe =
  | { kind: "answer"; from: string; last: boolean; mark: string }
  | { kind: "silent" }
  /** The kernel refused to send it at all: the tool stops with this message. */
  | { kind: "error"; text: string };

/** Sends probe to `port` with `ttl` at virtual time `t`: what comes of it, and when it arrives. */
export type ProbeSender = (port: number, ttl: number, t: number) => { p: Probe; end: number };

const MARKS: Record<number, string> = { 0: " !N", 1: " !H", 13: " !X" };

export function probeSender(ctx: Ctx, ip: string, data: number): ProbeSender {
  const busybox = ctx.place.flavor === "busybox";
  return (port, ttl, t) => {
    const { result, end } = traced(
      ctx,
      t,
      "UDP",
      `${senderName(ctx)} → ${ip}:${port} traceroute probe ttl ${ttl}`,
      (sim) => udpRequest(sim, netnsOf(ctx), ip, port, { dataLength: data }, { ttl }),
      (r) => r.kind === "refused" || r.kind === "icmp",
    );
    if (result.kind === "refused")
      return { p: { kind: "answer", from: result.from, last: true, mark: "" }, end };
    if (result.kind === "icmp") {
      const exceeded = result.type === "time-exceeded";
      const mark = exceeded ? "" : (MARKS[result.code] ?? "");
      return { p: { kind: "answer", from: result.from, last: !exceeded, mark }, end };
    }
    if (result.kind === "local") {
      // The kernel's own "host unreachable" once ARP gives up, from the address it sent from.
      if (result.errno === "EHOSTUNREACH")
        return { p: { kind: "answer", from: result.from, last: true, mark: " !H" }, end };
      const why = strerror(result.errno);
      return { p: { kind: "error", text: busybox ? `${ctx.argv[0]}: sendto: ${why}` : `send: ${why}` }, end };
    }
    return { p: { kind: "silent" }, end };
  };
}
