/**
 * The Linux kernel model: plain data, serializable as JSON. Every network namespace of every machine
 * lives in one table keyed by a world-unique id; links point at their veth peer across namespaces by
 * (netns id, ifindex), exactly as the kernel's IFLA_LINK + link-netnsid do.
 */

import type { IdPool } from "./id-pool";

export type NetnsId = string;

export type LinkKind = "loopback" | "ether" | "bridge" | "veth" | "vxlan" | "macvlan" | "ipvlan" | "dummy";

export interface Addr {
  /** Dotted quad. */
  ip: string;
  prefix: number;
  /** "host" for 127.0.0.1/8, "global" otherwise. */
  scope: "host" | "global" | "link";
  /** Broadcast address (`brd`): Docker's netlink library sets one, `ip addr add` only when asked. */
  brd?: string;
}

/** An IPv6 address given to a link (by Docker or `ip addr add`), besides addrconf's own link-local one. */
export interface Addr6 {
  ip: string;
  prefix: number;
  scope: "global" | "link";
  /** IFA_F_NODAD: no duplicate address detection (libnetwork gives a container's global address so). */
  nodad?: boolean;
  /** Virtual time it was added (tentative while duplicate address detection runs). */
  since: number;
}

export interface FdbEntry {
  mac: string;
  /** ifindex of the bridge port the MAC was learned on. */
  port: number;
  /** Local entries: the bridge's own ports' MACs, never aged. */
  local: boolean;
  /** Virtual time the entry was last refreshed, for `brctl showmacs` ageing. */
  seen: number;
}

export interface LinkStats {
  rxPackets: number;
  rxBytes: number;
  txPackets: number;
  txBytes: number;
  /** Packets the device dropped (`ifconfig` shows them), when the datapath counts any. */
  rxDropped?: number;
  txDropped?: number;
}

export interface Link {
  ifindex: number;
  name: string;
  kind: LinkKind;
  mac: string;
  mtu: number;
  /** Administrative state (`ip link set X up`). */
  up: boolean;
  /** ifindex of the bridge this link is a port of, in the same namespace. */
  master?: number;
  /** The other end of a veth pair (or of a machine's cable into a LAN switch). */
  peer?: { netns: NetnsId; ifindex: number };
  addrs: Addr[];
  /** Absent until the link counts its first packet. */
  stats?: LinkStats;
  /** Bridge state, only on kind "bridge". */
  fdb?: FdbEntry[];
  /** Extra driver data (netem delay …), kept opaque to this layer. */
  info?: Record<string, string | number>;
  /**
   * The device this one sits on (IFLA_LINK, printed `name@ifN`): a macvlan's or ipvlan's parent; for
   * a vxlan device, itself as created in the namespace whose sockets carry its packets (the underlay).
   */
  lower?: { netns: NetnsId; ifindex: number };
  /** A vxlan device's VNI and UDP port, and its `proxy` flag (it answers ARP from its neighbour table). */
  vxlan?: { vni: number; port: number; proxy: boolean };
  /** A vxlan device's static forwarding entries: which VTEP (host address) each remote MAC is behind. */
  remotes?: { mac: string; dst: string }[];
  /** A macvlan's or ipvlan's mode. */
  mode?: "bridge" | "private" | "vepa" | "passthru" | "l2" | "l3" | "l3s";
  /** Transmit queue length (`qlen`); absent means 0, as Docker creates its bridges and veths. */
  txqlen?: number;
  /** Root qdisc, attached when the link first comes up; absent means `noop` (never up, or just moved). */
  qdisc?: string;
  /** `disable_ipv6` on this link: Docker sets it on container interfaces of IPv4-only networks. */
  noIpv6?: boolean;
  /** The IPv6 link-local address addrconf gave the link when it came up with a carrier, and when. */
  ll6?: { ip: string; since: number };
  /** IPv6 addresses added to the link, oldest first (absent: none). */
  addrs6?: Addr6[];
  /** Port number on its bridge (`brctl showmacs`), from 1, while `master` is set. */
  portNo?: number;
  /** On a bridge: the port numbers it has handed out (absent: none yet). */
  portPool?: IdPool;
  /**
   * The MAC came from eth_random_addr() (addr_assign_type NET_ADDR_RANDOM), not from whoever created
   * the link: such a bridge takes its lowest port's MAC, and 00:00:00:00:00:00 once it has no port.
   */
  randomMac?: boolean;
}

export interface Route {
  /** "default" or a CIDR such as "10.0.0.0/8". */
  dst: string;
  via?: string;
  dev: number;
  /**
   * "kernel" for connected routes; routes added by `ip route add` or over netlink (Docker, DHCP-less
   * setups) carry the kernel's RTPROT_BOOT, which `ip route` leaves unprinted: "boot" and "static" both
   * stand for it here.
   */
  proto: "kernel" | "static" | "boot";
  scope: "link" | "global" | "host";
  src?: string;
  metric?: number;
}

export type NeighState = "REACHABLE" | "STALE" | "DELAY" | "FAILED" | "INCOMPLETE" | "PERMANENT";

export interface Neigh {
  ip: string;
  dev: number;
  mac?: string;
  state: NeighState;
  /** Virtual time `state` was entered (the datapath ages REACHABLE to STALE and DELAY on from it). */
  updated?: number;
  /** IPv6: the neighbour's advertisement said it is a router (it forwards), as `ip neigh` shows. */
  router?: boolean;
}

export type Table = "filter" | "nat" | "mangle";

export interface Match {
  value: string;
  neg?: boolean;
}

/** One iptables rule, kept as the structured data `iptables -S` and `-L` are rendered from. */
export interface Rule {
  src?: Match;
  dst?: Match;
  in?: Match;
  out?: Match;
  proto?: "tcp" | "udp" | "icmp";
  dport?: string;
  /** `-m addrtype --dst-type LOCAL`. */
  dstTypeLocal?: Match;
  /** `-m addrtype --src-type LOCAL`. */
  srcTypeLocal?: Match;
  /** `-m ipvs --ipvs`: the packet was handled by IPVS (a load balancer's DNAT). */
  ipvs?: boolean;
  /** `-m conntrack --ctstate RELATED,ESTABLISHED`. */
  ctstate?: string;
  /** `--sport` (tcp/udp): a port or "first:last"; `dport` and `sport` may be negated. */
  sport?: string;
  dportNeg?: boolean;
  sportNeg?: boolean;
  /** `-m multiport --dports|--sports|--ports 80,443`. */
  multiport?: { dir: "dports" | "sports" | "ports"; ports: string; neg?: boolean };
  /** `--icmp-type`: "any", a type number, or "type/code". */
  icmpType?: Match;
  /** `-m state --state NEW,ESTABLISHED` (listed and saved as the state match, not conntrack). */
  state?: string;
  /** `! --ctstate …`. */
  ctstateNeg?: boolean;
  /** `-m comment --comment TEXT`. */
  comment?: string;
  target: string;
  /** DNAT `--to-destination`. */
  toDest?: string;
  /** SNAT `--to-source`. */
  toSource?: string;
  /** REDIRECT `--to-ports`. */
  toPorts?: string;
  /** MARK `--set-xmark VALUE/0xffffffff` (iptables writes `--set-mark` so). */
  setMark?: number;
  /** REJECT `--reject-with` (icmp-port-unreachable when not given). */
  rejectWith?: string;
  /** LOG `--log-prefix` and `--log-level` (4, warning, when not given). */
  logPrefix?: string;
  logLevel?: number;
  /** Packets and bytes that matched, for `-L -v`. */
  pkts: number;
  bytes: number;
}

export interface Chain {
  name: string;
  /** Built-in chains have a policy; user chains do not. */
  policy?: "ACCEPT" | "DROP";
  rules: Rule[];
  pkts: number;
  bytes: number;
}

/** A namespace's tables; the kernel creates one, with its built-in chains, when it is first used (chainsOf). */
export type Netfilter = Partial<Record<Table, Chain[]>>;

export interface ConntrackEntry {
  proto: "tcp" | "udp" | "icmp";
  orig: { src: string; dst: string; sport: number; dport: number };
  reply: { src: string; dst: string; sport: number; dport: number };
  state?: string;
  /** Virtual time of the last packet. */
  seen: number;
  /** Seconds the entry had left when `seen` (the countdown `conntrack -L` shows). */
  timeout?: number;
  /** A reply has been seen (otherwise `conntrack -L` says [UNREPLIED]). */
  replied?: boolean;
  /** [ASSURED]: traffic seen both ways long enough that the entry is kept under pressure. */
  assured?: boolean;
  /** IPVS forwarded the flow (`-m ipvs --ipvs` matches its packets). */
  ipvs?: boolean;
}

export interface Socket {
  proto: "tcp" | "udp";
  /** "0.0.0.0", a local IPv4 address, or "::" (IPv6 wildcard). */
  ip: string;
  port: number;
  pid: number;
  program: string;
  /** An IPv6 socket that refuses IPv4 (`[::]` in ss); without it "::" is dual-stack (`*` in ss). */
  v6only?: boolean;
  /** listen() backlog, shown as Send-Q by `ss -l`; absent means somaxconn (4096). */
  backlog?: number;
  /** The socket's file descriptor in its process (`ss -p`); absent means 3. */
  fd?: number;
}

/** An IPVS virtual service keyed by firewall mark (`ipvsadm -A -f MARK -s rr`), NAT forwarding. */
export interface IpvsService {
  fwmark: number;
  /** Real servers, in the order they were added. */
  dests: string[];
  /** Round robin: the index of the next real server. */
  next: number;
}

/** Milliseconds' worth of ICMP errors a destination may still be sent, as of `last`. */
interface IcmpPeer {
  tokens: number;
  last: number;
}

export interface Netns {
  id: NetnsId;
  /** The machine (host1, laptop, router …) whose kernel this namespace belongs to. */
  machine: string;
  nextIfindex: number;
  /** Sorted by ifindex. */
  links: Link[];
  /** Routes added with `ip route add` or by DHCP; connected routes are derived from addresses. */
  routes: Route[];
  /** IPv6 routes added (a container's default route); connected ones are derived from addresses. */
  routes6?: Route[];
  neigh: Neigh[];
  netfilter: Netfilter;
  conntrack: ConntrackEntry[];
  sockets: Socket[];
  ipForward: boolean;
  /** net.ipv6.conf.all.forwarding (dockerd turns it on with its first IPv6 network). */
  ipv6Forward?: boolean;
  /** net.ipv4.ip_default_ttl: the TTL this namespace's packets start with (64 when unset). */
  ipDefaultTtl?: number;
  /** net.ipv4.icmp_ratelimit in ms (1000 when unset; 0 turns the limit off). */
  icmpRatelimit?: number;
  /** The ICMP error rate limit's token bucket per destination (the kernel's inet_peer), once used. */
  icmpPeers?: Record<string, IcmpPeer>;
  /**
   * net.ipv6.conf.{all,default}.disable_ipv6 = 1: links have no IPv6 here, also those moved in later
   * (what engine 20.10 set in a sandbox none of whose networks had IPv6).
   */
  ipv6Disabled?: boolean;
  /** Peer namespaces as numbered by this one (`link-netnsid N`), assigned on first use. */
  nsids: Record<NetnsId, number>;
  /** The nsids this namespace has handed out (absent: none yet); deleted peers give theirs back. */
  nsidPool?: IdPool;
  /** IPVS load-balancing services (Docker's service VIPs and routing mesh), when any. */
  ipvs?: IpvsService[];
}
