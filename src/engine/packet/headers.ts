/**
 * Building packets and measuring them: IPv4 total lengths, Ethernet frame sizes, DNS message sizes,
 * and one-line summaries for hops. Builders never mutate: a rewrite returns a new packet.
 */
import type {
  DnsMessage,
  IcmpHeader,
  IpProto,
  Ipv4Header,
  Packet,
  TcpFlags,
  TcpHeader,
  UdpHeader,
} from "./types";

export const BROADCAST_MAC = "ff:ff:ff:ff:ff:ff";
export const ZERO_MAC = "00:00:00:00:00:00";
export const DEFAULT_TTL = 64;
const IP_HEADER = 20;
const ETH_HEADER = 14;
const ARP_FRAME = 42;
/** What VXLAN adds around a frame: outer Ethernet 14, IPv4 20, UDP 8 and the VXLAN header 8. */
export const VXLAN_OVERHEAD = 50;

/** A DNS message's size on the wire: header, question, and answers with name compression. */
function dnsSize(m: DnsMessage): number {
  const qname = m.question.name.replace(/\.$/, "").length + 2;
  let size = 12 + qname + 4;
  for (const a of m.answers) {
    const rdata = a.type === "A" ? 4 : a.type === "AAAA" ? 16 : a.data.replace(/\.$/, "").length + 2;
    size += 2 + 10 + rdata;
  }
  return size;
}

/** Length of what IP carries: the ICMP, UDP or TCP header and its data. */
function l4Length(p: Packet): number {
  if (p.icmp) {
    const quote = p.icmp.quote?.ip ? IP_HEADER + 8 : 0;
    return 8 + (p.icmp.data ?? 0) + quote;
  }
  if (p.udp)
    return 8 + (p.dns ? dnsSize(p.dns) : p.vxlan ? 8 + frameSize(p.vxlan.inner) : (p.dataLength ?? 0));
  if (p.tcp) return (p.tcp.flags === "S" || p.tcp.flags === "S." ? 40 : 32) + (p.dataLength ?? 0);
  return 0;
}

function ipHeader(
  src: string,
  dst: string,
  proto: IpProto,
  body: Packet,
  ttl = DEFAULT_TTL,
  id = 0,
): Ipv4Header {
  return { src, dst, proto, ttl, id, length: IP_HEADER + l4Length(body) };
}

/** An IP packet whose source the kernel fills in when routing it ("" until then). */
export function ipPacket(dst: string, body: Packet, src = "", ttl = DEFAULT_TTL): Packet {
  const proto: IpProto = body.icmp ? "icmp" : body.udp ? "udp" : "tcp";
  return { ...body, ip: ipHeader(src, dst, proto, body, ttl) };
}

export function echo(type: "echo-request" | "echo-reply", id: number, seq: number, data: number): Packet {
  const icmp: IcmpHeader = { type, code: 0, id, seq, data };
  return { icmp };
}

export function icmpError(type: "dest-unreachable" | "time-exceeded", code: number, about: Packet): Packet {
  const quote: Packet = { ip: about.ip };
  if (about.udp) quote.udp = about.udp;
  if (about.tcp) quote.tcp = about.tcp;
  if (about.icmp) quote.icmp = { ...about.icmp, quote: undefined };
  return { icmp: { type, code, id: 0, seq: 0, quote } };
}

export function udp(sport: number, dport: number, rest: Omit<Packet, "udp"> = {}): Packet {
  const header: UdpHeader = { sport, dport };
  return { ...rest, udp: header };
}

export function tcp(
  sport: number,
  dport: number,
  flags: TcpFlags,
  seq: number,
  ack: number,
  data?: { payload: string; length: number },
): Packet {
  const header: TcpHeader = { sport, dport, flags, seq, ack, win: flags === "S" ? 64240 : 502 };
  return data ? { tcp: header, payload: data.payload, dataLength: data.length } : { tcp: header };
}

/** Bytes on the wire without the FCS, as interface counters count them. */
export function frameSize(p: Packet): number {
  if (p.arp) return ARP_FRAME;
  return ETH_HEADER + (p.ip?.length ?? 0);
}

export function withIp(p: Packet, change: Partial<Ipv4Header>): Packet {
  if (!p.ip) throw new Error("not an IP packet");
  return { ...p, ip: { ...p.ip, ...change } };
}

/** Source or destination port, for UDP and TCP (the echo identifier stands for both in ICMP). */
export function ports(p: Packet): { sport: number; dport: number } {
  if (p.udp) return p.udp;
  if (p.tcp) return p.tcp;
  if (p.icmp && (p.icmp.type === "echo-request" || p.icmp.type === "echo-reply"))
    return { sport: p.icmp.id, dport: 0 };
  return { sport: 0, dport: 0 };
}

/** The same packet with other ports: NAT rewrites addresses and ports together. */
export function withPorts(p: Packet, sport: number, dport: number): Packet {
  if (p.udp) return { ...p, udp: { sport, dport } };
  if (p.tcp) return { ...p, tcp: { ...p.tcp, sport, dport } };
  return p;
}

/** The last packet summarized: a flood summarizes the same frame at every port (packets never change). */
let last: { packet: Packet; text: string } | undefined;

/** "ICMP echo request 172.17.0.2 > 172.17.0.3 seq 0", "UDP 172.17.0.2:40000 > 127.0.0.11:53 DNS A? web". */
export function summarize(p: Packet): string {
  if (last?.packet !== p) last = { packet: p, text: summaryOf(p) };
  return last.text;
}

function summaryOf(p: Packet): string {
  if (p.arp?.nd)
    return p.arp.op === "request"
      ? `ICMP6 neighbor solicitation, who has ${p.arp.targetIp}`
      : `ICMP6 neighbor advertisement, tgt is ${p.arp.senderIp}`;
  if (p.arp) {
    return p.arp.op === "request"
      ? `ARP who-has ${p.arp.targetIp} tell ${p.arp.senderIp}`
      : `ARP ${p.arp.senderIp} is-at ${p.arp.senderMac}`;
  }
  const ip = p.ip;
  if (!ip) return "frame";
  if (p.icmp) {
    const i = p.icmp;
    const what =
      i.type === "echo-request" || i.type === "echo-reply"
        ? `${i.type.replace("-", " ")} id ${i.id} seq ${i.seq}`
        : i.type === "time-exceeded"
          ? "time exceeded in-transit"
          : `${["net", "host", "protocol", "port"][i.code] ?? "admin"} unreachable`;
    return `ICMP ${ip.src} > ${ip.dst} ${what}`;
  }
  const { sport, dport } = ports(p);
  if (p.vxlan)
    return `UDP ${ip.src}:${sport} > ${ip.dst}:${dport} VXLAN vni ${p.vxlan.vni} [${summaryOf(p.vxlan.inner)}]`;
  const proto = p.udp ? "UDP" : "TCP";
  const flags = p.tcp ? ` [${p.tcp.flags}]` : "";
  const app = p.dns ? ` ${dnsSummary(p.dns)}` : p.payload ? ` ${p.payload}` : "";
  return `${proto} ${ip.src}:${sport} > ${ip.dst}:${dport}${flags}${app}`;
}

function dnsSummary(m: DnsMessage): string {
  const q = `${m.question.type}? ${m.question.name}`;
  if (!m.response) return `DNS ${q}`;
  if (m.rcode !== "NOERROR") return `DNS ${q} ${m.rcode}`;
  const answers = m.answers.map((a) => a.data);
  return `DNS ${q} -> ${answers.length ? answers.join(", ") : "(no records)"}`;
}
