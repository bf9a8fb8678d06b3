/**
 * Packets as data, header by header, and the Trace a walk through the kernel model produces: the
 * ordered hops a packet takes, with the headers as they are at each hop and what happened there.
 */
import type { NetnsId } from "../linux/types";

export interface EthernetHeader {
  src: string;
  dst: string;
  type: "IPv4" | "ARP";
}

export interface ArpHeader {
  op: "request" | "reply";
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
}

export interface Ipv4Header {
  src: string;
  dst: string;
  ttl: number;
  proto: "icmp" | "udp" | "tcp";
  id: number;
  length: number;
}

export interface IcmpHeader {
  type: "echo-request" | "echo-reply" | "dest-unreachable" | "time-exceeded";
  code: number;
  id: number;
  seq: number;
}

export interface UdpHeader {
  sport: number;
  dport: number;
}

export interface TcpHeader {
  sport: number;
  dport: number;
  flags: string;
  seq: number;
  ack: number;
}

export interface DnsMessage {
  id: number;
  response: boolean;
  question: { name: string; type: "A" | "AAAA" | "PTR" };
  answers: { name: string; type: "A" | "CNAME" | "PTR"; data: string; ttl: number }[];
  rcode: "NOERROR" | "NXDOMAIN" | "SERVFAIL" | "REFUSED";
}

export interface VxlanHeader {
  vni: number;
  /** The encapsulated frame. */
  inner: Packet;
}

export interface Packet {
  eth?: EthernetHeader;
  arp?: ArpHeader;
  ip?: Ipv4Header;
  icmp?: IcmpHeader;
  udp?: UdpHeader;
  tcp?: TcpHeader;
  dns?: DnsMessage;
  vxlan?: VxlanHeader;
  /** Application data summary ("GET / HTTP/1.1", "HTTP/1.1 200 OK"). */
  payload?: string;
}

export type Decision =
  | "sent"
  | "forwarded"
  | "flooded"
  | "delivered"
  | "dropped"
  | "rewritten"
  | "answered"
  | "crossed";

export interface Hop {
  /** Virtual time, ms since the epoch. */
  t: number;
  netns: NetnsId;
  /** The interface the packet is at (leaving or arriving). */
  ifname: string;
  dir: "out" | "in";
  packet: Packet;
  decision: Decision;
  /** One line for people: "ARP who-has 172.17.0.3 tell 172.17.0.2", "SNAT 172.17.0.2 -> 192.168.0.102". */
  note: string;
  /** The netfilter rule (in `iptables -S` form) that decided, when one did. */
  rule?: string;
  /** The packet before a NAT rewrite at this hop. */
  before?: Packet;
}

export type Protocol = "ARP" | "ICMP" | "DNS" | "TCP" | "UDP" | "VXLAN";

export interface Trace {
  id: string;
  protocol: Protocol;
  /** "busy1 → 172.17.0.3 echo request". */
  label: string;
  hops: Hop[];
  outcome: "delivered" | "dropped" | "lost";
}
