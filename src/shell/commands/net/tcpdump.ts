/**
 * `tcpdump -i IFACE [-n] [-c N] [EXPR]` on the host: it registers a capture with the datapath, which
 * appends every frame crossing that interface (whatever session sent it); as a live process it
 * prints them in tcpdump's one-line format as virtual time reaches them. Ctrl+C (or -c N) ends it
 * with the packet counts.
 */

import { solicitedNode } from "../../../engine/ip6";
import { linkByName } from "../../../engine/linux/kernel";
import { inSubnet } from "../../../engine/packet/route";
import { packetState } from "../../../engine/packet/sim";
import type { CapturedFrame, DnsMessage, Packet } from "../../../engine/packet/types";
import { advanceClock } from "../../../engine/world";
import { goLive, ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Ctx, Handler, ProcessKind } from "../../types";
import { getopt, problemText } from "../getopt";
import { serviceName } from "./nc";

type Filter =
  | { op: "and" | "or"; a: Filter; b: Filter }
  | { op: "not"; a: Filter }
  | { op: "proto"; proto: "icmp" | "arp" | "tcp" | "udp" | "ip" | "ip6" | "icmp6" }
  | { op: "port"; port: number; side?: "src" | "dst" }
  | { op: "host"; ip: string; side?: "src" | "dst" }
  | { op: "net"; cidr: string }
  | { op: "all" };

class FilterError extends Error {}

/** tcpdump's filter language, the part people type: protocols, host, port, net, and/or/not. */
function parseFilter(words: string[]): Filter {
  let i = 0;
  const peek = () => words[i];
  const take = () => words[i++];
  const expr = (): Filter => {
    let left = term();
    while (peek() === "or" || peek() === "||") {
      take();
      left = { op: "or", a: left, b: term() };
    }
    return left;
  };
  const term = (): Filter => {
    let left = factor();
    while (peek() === "and" || peek() === "&&") {
      take();
      left = { op: "and", a: left, b: factor() };
    }
    return left;
  };
  const number = (): number => {
    const n = Number(take());
    if (!Number.isInteger(n)) throw new FilterError();
    return n;
  };
  const factor = (): Filter => {
    const w = take();
    if (w === undefined) throw new FilterError();
    if (w === "not" || w === "!") return { op: "not", a: factor() };
    if (w === "(") {
      const inner = expr();
      if (take() !== ")") throw new FilterError();
      return inner;
    }
    if (w === "src" || w === "dst") {
      if (peek() === "port") {
        take();
        return { op: "port", port: number(), side: w };
      }
      if (peek() === "host") take();
      const ip = take();
      if (!ip) throw new FilterError();
      return { op: "host", ip, side: w };
    }
    if (w === "host") {
      const ip = take();
      if (!ip) throw new FilterError();
      return { op: "host", ip };
    }
    if (w === "port") return { op: "port", port: number() };
    if (w === "net") {
      const cidr = take();
      if (!cidr) throw new FilterError();
      return { op: "net", cidr };
    }
    if (
      w === "icmp" ||
      w === "arp" ||
      w === "tcp" ||
      w === "udp" ||
      w === "ip" ||
      w === "ip6" ||
      w === "icmp6"
    ) {
      if (peek() === "port" && (w === "tcp" || w === "udp")) {
        take();
        return { op: "and", a: { op: "proto", proto: w }, b: { op: "port", port: number() } };
      }
      return { op: "proto", proto: w };
    }
    throw new FilterError();
  };
  if (words.length === 0) return { op: "all" };
  const f = expr();
  if (i < words.length) throw new FilterError();
  return f;
}

function addresses(p: Packet): { src?: string; dst?: string } {
  // A neighbour solicitation goes to the target's solicited-node group, not to the target.
  if (p.arp?.nd && p.arp.op === "request") return { src: p.arp.senderIp, dst: solicitedNode(p.arp.targetIp) };
  if (p.arp) return { src: p.arp.senderIp, dst: p.arp.targetIp };
  return { src: p.ip?.src, dst: p.ip?.dst };
}

function matches(f: Filter, p: Packet): boolean {
  switch (f.op) {
    case "all":
      return true;
    case "and":
      return matches(f.a, p) && matches(f.b, p);
    case "or":
      return matches(f.a, p) || matches(f.b, p);
    case "not":
      return !matches(f.a, p);
    case "proto": {
      // ip and icmp are IPv4's; ip6 and icmp6 take IPv6 packets and neighbour discovery (ICMPv6).
      const v6 = p.arp ? p.arp.nd === true : (p.ip?.src.includes(":") ?? false);
      if (f.proto === "arp") return !!p.arp && !v6;
      if (f.proto === "ip6") return v6;
      if (f.proto === "icmp6") return v6 && (!!p.arp || !!p.icmp);
      if (f.proto === "ip") return !!p.ip && !v6;
      return p.ip?.proto === f.proto && !v6;
    }
    case "port": {
      const l4 = p.tcp ?? p.udp;
      if (!l4) return false;
      return f.side === "src"
        ? l4.sport === f.port
        : f.side === "dst"
          ? l4.dport === f.port
          : l4.sport === f.port || l4.dport === f.port;
    }
    case "host": {
      const a = addresses(p);
      return f.side === "src"
        ? a.src === f.ip
        : f.side === "dst"
          ? a.dst === f.ip
          : a.src === f.ip || a.dst === f.ip;
    }
    case "net": {
      const a = addresses(p);
      return (
        (a.src !== undefined && inSubnet(a.src, f.cidr)) || (a.dst !== undefined && inSubnet(a.dst, f.cidr))
      );
    }
  }
}

function clock(t: number): string {
  const d = new Date(Math.floor(t));
  const two = (n: number) => String(n).padStart(2, "0");
  const micros = Math.floor((t - Math.floor(t / 1000) * 1000) * 1000);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(micros).padStart(6, "0")}`;
}

function dnsText(m: DnsMessage, length: number): string {
  const name = `${m.question.name.replace(/\.$/, "")}.`;
  if (!m.response) return `${m.id}+ ${m.question.type}? ${name} (${length})`;
  const rcode = { NOERROR: "", NXDOMAIN: " NXDomain", SERVFAIL: " ServFail", REFUSED: " Refused" }[m.rcode];
  const answers = m.answers.map(
    (a) => ` ${a.type} ${a.type === "PTR" || a.type === "CNAME" ? `${a.data.replace(/\.$/, "")}.` : a.data}`,
  );
  return `${m.id}${m.authoritative ? "*" : ""}${rcode} ${m.answers.length}/0/0${answers.join(",")} (${length})`;
}

/** Per-capture memory of each TCP direction's first sequence number, for relative numbers. */
type Isns = Record<string, number>;

function tcpText(p: Packet, isns: Isns): string {
  const t = p.tcp;
  const ip = p.ip;
  if (!t || !ip) return "";
  const key = `${ip.src}:${t.sport}>${ip.dst}:${t.dport}`;
  const back = `${ip.dst}:${t.dport}>${ip.src}:${t.sport}`;
  const len = p.dataLength ?? 0;
  const ts = (val: number, ecr: number) => `TS val ${val} ecr ${ecr}`;
  if (t.flags === "S" || t.flags === "S.") {
    isns[key] = t.seq;
    const ack = t.flags === "S." ? `, ack ${t.ack}` : "";
    const win = t.flags === "S" ? 64240 : 65160;
    return `Flags [${t.flags}], seq ${t.seq}${ack}, win ${win}, options [mss 1460,sackOK,${ts(t.seq % 100000, t.flags === "S." ? t.ack % 100000 : 0)},nop,wscale 7], length 0`;
  }
  const mine = isns[key];
  const theirs = isns[back];
  const seq = mine === undefined ? t.seq : t.seq - mine;
  const ack = theirs === undefined ? t.ack : t.ack - theirs;
  const seqText = len > 0 ? `seq ${seq}:${seq + len}, ` : t.flags === "." ? "" : `seq ${seq}, `;
  const ackText = t.flags === "R" ? "" : `ack ${ack}, `;
  const http =
    len > 0 && (t.sport === 80 || t.dport === 80 || t.sport === 8080 || t.dport === 8080) && p.payload
      ? `: HTTP: ${p.payload}`
      : "";
  const options = t.flags.startsWith("R") ? "" : `options [nop,nop,${ts(t.seq % 100000, t.ack % 100000)}], `;
  return `Flags [${t.flags}], ${seqText}${ackText}win ${t.win}, ${options}length ${len}${http}`;
}

/** One captured frame as tcpdump prints it: its time (and interface with -i any), then the packet. */
function tcpdumpLine(
  frame: CapturedFrame,
  numeric: boolean,
  isns: Isns,
  any: boolean,
  verbose: boolean,
): string {
  const prefix = `${clock(frame.t)} ${any ? `${frame.ifname.padEnd(5)} ${frame.dir === "in" ? "In " : "Out"} ` : ""}`;
  return `${prefix}${packetText(frame.packet, numeric, isns, verbose)}`;
}

const PROTO_NUMBERS = { icmp: 1, tcp: 6, udp: 17 };

/**
 * A packet without its link layer: ARP, or IP and what it carries. With -v the IP header's fields
 * come first and the addresses on a line of their own. A VXLAN packet's inner frame follows on the
 * next line, printed the same way (tcpdump decodes UDP port 4789 as VXLAN).
 */
function packetText(p: Packet, numeric: boolean, isns: Isns, verbose: boolean): string {
  if (p.arp?.nd) {
    const a = p.arp;
    return a.op === "request"
      ? `IP6 ${a.senderIp} > ${solicitedNode(a.targetIp)}: ICMP6, neighbor solicitation, who has ${a.targetIp}, length 32`
      : `IP6 ${a.senderIp} > ${a.targetIp}: ICMP6, neighbor advertisement, tgt is ${a.senderIp}, length 32`;
  }
  if (p.arp) {
    const a = p.arp;
    return a.op === "request"
      ? `ARP, Request who-has ${a.targetIp} tell ${a.senderIp}, length 28`
      : `ARP, Reply ${a.senderIp} is-at ${a.senderMac}, length 28`;
  }
  const ip = p.ip;
  if (!ip) return "unknown";
  const head = verbose
    ? `IP (tos 0x0, ttl ${ip.ttl}, id ${ip.id}, offset 0, flags [${ip.df ? "DF" : "none"}], proto ${ip.proto.toUpperCase()} (${PROTO_NUMBERS[ip.proto]}), length ${ip.length})\n    `
    : "IP ";
  const port = (n: number) => (numeric ? String(n) : (serviceName(n) ?? String(n)));
  if (p.icmp && ip.src.includes(":") && (p.icmp.type === "echo-request" || p.icmp.type === "echo-reply")) {
    const kind = p.icmp.type === "echo-request" ? "request" : "reply";
    return `IP6 ${ip.src} > ${ip.dst}: ICMP6, echo ${kind}, id ${p.icmp.id}, seq ${p.icmp.seq}, length ${ip.length - 20}`;
  }
  if (p.icmp) {
    const i = p.icmp;
    const length = ip.length - 20;
    let what: string;
    if (i.type === "echo-request" || i.type === "echo-reply")
      what = `ICMP echo ${i.type === "echo-request" ? "request" : "reply"}, id ${i.id}, seq ${i.seq}, length ${length}`;
    else if (i.type === "time-exceeded") what = `ICMP time exceeded in-transit, length ${length}`;
    else {
      const q = i.quote;
      const qdst = q?.ip?.dst ?? "";
      what =
        i.code === 3 && (q?.udp || q?.tcp)
          ? `ICMP ${qdst} ${q?.udp ? "udp" : "tcp"} port ${port((q.udp ?? q.tcp)?.dport ?? 0)} unreachable, length ${length}`
          : `ICMP ${i.code === 0 ? "net" : "host"} ${qdst} unreachable, length ${length}`;
    }
    return `${head}${ip.src} > ${ip.dst}: ${what}`;
  }
  const l4 = p.udp ?? p.tcp;
  const ends = `${ip.src}.${port(l4?.sport ?? 0)} > ${ip.dst}.${port(l4?.dport ?? 0)}`;
  if (p.tcp) return `${head}${ends}: ${tcpText(p, isns)}`;
  if (p.dns) return `${head}${ends}: ${dnsText(p.dns, ip.length - 28)}`;
  if (p.vxlan)
    return `${head}${ends}: VXLAN, flags [I] (0x08), vni ${p.vxlan.vni}\n${packetText(p.vxlan.inner, numeric, isns, verbose)}`;
  return `${head}${ends}: UDP, length ${ip.length - 28}`;
}

interface TcpdumpState {
  capture: number;
  /** Frames of the capture already looked at. */
  seen: number;
  captured: number;
  limit: number;
  numeric: boolean;
  any: boolean;
  /** -v: the IP header's fields too. */
  verbose: boolean;
  filter: Filter;
  isns: Isns;
}

function stop(ctx: Ctx, s: TcpdumpState, interrupted: boolean): number {
  const state = packetState(ctx.world);
  state.captures = state.captures.filter((c) => c.id !== s.capture);
  // After ^C the counts start on a line of their own.
  if (interrupted) ctx.out.error("");
  ctx.out.error(`${s.captured} packets captured`);
  ctx.out.error(`${s.captured} packets received by filter`);
  ctx.out.error("0 packets dropped by kernel");
  return 0;
}

/** Prints the frames captured up to `until`; true once -c N packets have been printed. */
function drain(ctx: Ctx, s: TcpdumpState, until: number): boolean {
  const capture = ctx.world.packets?.captures.find((c) => c.id === s.capture);
  if (!capture) return true;
  while (s.seen < capture.frames.length) {
    const frame = capture.frames[s.seen];
    if (!frame || frame.t > until) break;
    s.seen += 1;
    if (!matches(s.filter, frame.packet)) continue;
    advanceClock(ctx.world, frame.t);
    ctx.out.line(tcpdumpLine(frame, s.numeric, s.isns, s.any, s.verbose === true));
    s.captured += 1;
    if (s.limit > 0 && s.captured >= s.limit) return true;
  }
  return false;
}

const tcpdump: Handler = (ctx) => {
  // tcpdump says "invalid option" for a missing argument too.
  const parsed = getopt(
    ctx.argv.slice(1),
    "i:nc:vlAXeqtS",
    (p) => new ToolExit(1, `${problemText("tcpdump", { kind: "invalid", option: p.option })}\n`),
  );
  const ns = netnsOf(ctx);
  const firstUp = ns.links.find((l) => l.kind !== "loopback" && l.up)?.name ?? "lo";
  const ifname = parsed.values.get("i") ?? firstUp;
  if (ifname !== "any" && !linkByName(ns, ifname)) {
    ctx.out.error(`tcpdump: ${ifname}: No such device exists`);
    ctx.out.error("(SIOCGIFHWADDR: No such device)");
    return 1;
  }
  let filter: Filter;
  try {
    filter = parseFilter(
      parsed.operands.join(" ").replace(/\(/g, " ( ").replace(/\)/g, " ) ").split(/\s+/).filter(Boolean),
    );
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    ctx.out.error("tcpdump: can't parse filter expression: syntax error");
    return 1;
  }
  const state = packetState(ctx.world);
  const id = state.nextCapture++;
  state.captures.push({ id, netns: ns.id, ifname, frames: [] });
  const verbose = parsed.flags.has("v");
  // With -v the two lines are one.
  const listening =
    ifname === "any"
      ? "listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes"
      : `listening on ${ifname}, link-type EN10MB (Ethernet), snapshot length 262144 bytes`;
  if (verbose) ctx.out.error(`tcpdump: ${listening}`);
  else {
    ctx.out.error("tcpdump: verbose output suppressed, use -v[v]... for full protocol decode");
    ctx.out.error(listening);
  }
  const s: TcpdumpState = {
    capture: id,
    seen: 0,
    captured: 0,
    limit: Number(parsed.values.get("c") ?? "0"),
    numeric: parsed.flags.has("n"),
    any: ifname === "any",
    verbose,
    filter,
    isns: {},
  };
  goLive(ctx, tcpdumpProcess, s);
  return 0;
};

const tcpdumpProcess: ProcessKind<TcpdumpState> = {
  name: "tcpdump",
  resume(ctx, s, until) {
    if (drain(ctx, s, until)) return stop(ctx, s, false);
    advanceClock(ctx.world, until);
    return undefined;
  },
  interrupt(ctx, s) {
    if (drain(ctx, s, ctx.world.clock)) return stop(ctx, s, false);
    return stop(ctx, s, true);
  },
};

export const commands: Command[] = [
  { name: "tcpdump", where: ["host"], processes: [tcpdumpProcess], run: tcpdump },
];
