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

/**
 * Why a hop went as it did. No prose: the view tells it in the page's language. Kinds marked
 * "with the packet" are told after the packet's own summary, in tcpdump's words.
 */
export type HopNote =
  /** The packet goes its way (with the packet). */
  | { kind: "packet" }
  /** Arrived on a bridge's port (with the packet). */
  | { kind: "bridge-port"; bridge: string }
  /** A broadcast copied to these ports (with the packet). */
  | { kind: "flooded"; ports: string[] }
  /** A destination MAC the bridge has not learnt: copied to every port (with the packet). */
  | { kind: "unknown-mac"; mac: string }
  /** The bridge's forwarding table has the MAC on this port (with the packet). */
  | { kind: "fdb"; mac: string; port: string }
  /** A frame for the bridge's own MAC goes up to the machine's IP stack (with the packet). */
  | { kind: "to-host"; machine: string }
  /** A frame from the parent's wire for one macvlan or ipvlan interface (with the packet). */
  | { kind: "sub-interface"; link: "macvlan" | "ipvlan"; ifname: string }
  /** An ARP reply that makes the neighbour REACHABLE (with the packet). */
  | { kind: "arp-reachable"; ip: string }
  /** An ARP request this stack answers (with the packet). */
  | { kind: "arp-answer"; ip: string; mac: string }
  /** A vxlan device answers ARP from its neighbour table (with the packet). */
  | { kind: "arp-proxy"; ifname: string; ip: string; mac: string }
  /** Local delivery (with the packet). */
  | { kind: "delivered"; dst: string }
  /** A NAT rewrite, by a rule or, on a later packet of the flow, by conntrack (`conntrack`). */
  | {
      kind: "nat";
      nat: "DNAT" | "REDIRECT" | "SNAT" | "MASQUERADE" | "un-DNAT" | "un-SNAT";
      from: string;
      to: string;
      conntrack?: string;
    }
  | { kind: "vxlan-encap"; vni: number; bytes: number; mac: string; remote: string; overhead: number }
  | { kind: "vxlan-decap"; vni: number; ifname: string; netns: string }
  /** IPVS picks a real server: round robin over `servers` for a new connection, else the connection's own. */
  | { kind: "ipvs"; fwmark: number; from: string; to: string; servers?: number }
  /** A copy the stack drops at once: another host's MAC, ARP for another address, an unasked-for ARP reply. */
  | { kind: "ignored"; because: "mac"; mac: string }
  | { kind: "ignored"; because: "arp-not-ours" | "arp-unsolicited" }
  /** Dropped by a netfilter rule, or by the chain's policy; `rule` in `iptables -S` form. */
  | { kind: "rule"; chain: string; target: string; rule: string }
  | { kind: "policy"; chain: string; target: string; rule: string }
  /** The sender has no route: the socket gets ENETUNREACH. */
  | { kind: "net-unreachable"; dst: string }
  /** A router, or IPVS, has no route for the packet. */
  | { kind: "no-route"; dst: string }
  /** Nobody answered ARP for the next hop: EHOSTUNREACH. */
  | { kind: "no-arp"; nextHop: string }
  /** Bigger than the interface's MTU with DF set: EMSGSIZE. */
  | { kind: "too-big"; length: number; ifname: string; mtu: number }
  | { kind: "link-down"; ifname: string }
  /** A veth or cable end whose other end is gone. */
  | { kind: "unplugged"; ifname: string }
  | { kind: "not-local"; dst: string }
  | { kind: "ttl-exceeded" }
  /** TTL ran out at a hidden router that sends no ICMP back. */
  | { kind: "ttl-silent" }
  /** An ICMP error the kernel's rate limit keeps back. */
  | { kind: "rate-limit"; error: "dest-unreachable" | "time-exceeded" | "port-unreachable"; to: string }
  /** A vxlan device with no neighbour entry for the ARP target (with the packet). */
  | { kind: "l3miss"; ifname: string; ip: string }
  /** A vxlan device with no forwarding entry for the MAC (with the packet). */
  | { kind: "l2miss"; ifname: string; mac: string }
  | { kind: "ipvs-empty"; fwmark: number };

export interface Hop {
  /** Virtual time, ms since the epoch (fractions are microseconds). */
  t: number;
  netns: NetnsId;
  /** The interface the packet is at (leaving or arriving). */
  ifname: string;
  dir: "out" | "in";
  packet: Packet;
  decision: Decision;
  /** What happened here, as data: the view words it in the reader's language (view/hop-note.ts). */
  note: HopNote;
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
