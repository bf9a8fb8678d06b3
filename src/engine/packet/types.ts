/**
 * Packets as data, header by header, and the Trace a walk through the kernel model produces: the
 * ordered hops a packet takes, with the headers as they are at each hop and what happened there.
 * Headers are never mutated once built: a rewrite (NAT, TTL) makes a new header object, so a Hop
 * can keep the packet it saw by reference.
 */
import type { NetnsId } from "../linux/types";

interface EthernetHeader {
  src: string;
  dst: string;
  type: "IPv4" | "IPv6" | "ARP";
}

/** ARP, or IPv6 neighbour discovery (`nd`: a neighbour solicitation or advertisement, in ICMPv6). */
interface ArpHeader {
  op: "request" | "reply";
  nd?: boolean;
  /** A neighbour advertisement's R flag: the sender forwards packets. */
  router?: boolean;
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
}

export type IpProto = "icmp" | "udp" | "tcp";

export interface Ipv4Header {
  src: string;
  dst: string;
  ttl: number;
  proto: IpProto;
  id: number;
  /** Total length: IP header and everything it carries. */
  length: number;
  /** Don't Fragment: the sender does path-MTU discovery (the kernel's default for small packets, `ping -M do`). */
  df?: boolean;
}

type IcmpType = "echo-request" | "echo-reply" | "dest-unreachable" | "time-exceeded";

export interface IcmpHeader {
  type: IcmpType;
  /** For dest-unreachable: 0 net, 1 host, 3 port, 13 administratively prohibited. */
  code: number;
  /** Echo identifier and sequence (0 in errors). */
  id: number;
  seq: number;
  /** Echo data bytes (`ping -s`), 56 by default. */
  data?: number;
  /** What an ICMP error is about: the offending datagram's IP header and first 8 bytes. */
  quote?: Packet;
}

export interface UdpHeader {
  sport: number;
  dport: number;
}

/** Flags in tcpdump's notation: "S", "S.", ".", "P.", "F.", "R.", "R". */
export type TcpFlags = "S" | "S." | "." | "P." | "F." | "R." | "R";

export interface TcpHeader {
  sport: number;
  dport: number;
  flags: TcpFlags;
  seq: number;
  ack: number;
  win: number;
}

export type DnsType = "A" | "AAAA" | "PTR";
type Rcode = "NOERROR" | "NXDOMAIN" | "SERVFAIL" | "REFUSED";

export interface DnsRecord {
  name: string;
  type: "A" | "AAAA" | "CNAME" | "PTR";
  data: string;
  ttl: number;
}

export interface DnsMessage {
  id: number;
  response: boolean;
  question: { name: string; type: DnsType };
  answers: DnsRecord[];
  rcode: Rcode;
  /** The AA bit: answered from the server's own records (dnsmasq's /etc/hosts). */
  authoritative?: boolean;
}

/** VXLAN (RFC 7348): 8 bytes after the outer UDP header, then the inner Ethernet frame whole. */
interface VxlanHeader {
  vni: number;
  /** The encapsulated frame, exactly as it left the overlay's bridge. */
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
  /** Application bytes carried (TCP/UDP payload length), for lengths and counters. */
  dataLength?: number;
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
  /** Virtual time, ms since the epoch (fractions are microseconds). */
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

/** A `tcpdump` listening on an interface: the datapath appends every frame that crosses it. */
interface Capture {
  id: number;
  netns: NetnsId;
  /** Interface name, or "any". */
  ifname: string;
  frames: CapturedFrame[];
}

export interface CapturedFrame {
  t: number;
  ifname: string;
  dir: "out" | "in";
  packet: Packet;
}

/** The datapath's own part of the world: trace numbering and live captures. */
export interface PacketState {
  nextTrace: number;
  nextCapture: number;
  captures: Capture[];
}
