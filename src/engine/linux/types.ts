/**
 * The Linux kernel model: plain data, serializable as JSON. Every network namespace of every machine
 * lives in one table keyed by a world-unique id; links point at their veth peer across namespaces by
 * (netns id, ifindex), exactly as the kernel's IFLA_LINK + link-netnsid do.
 */

export type NetnsId = string;

export type LinkKind = "loopback" | "ether" | "bridge" | "veth" | "vxlan" | "macvlan" | "dummy";

export interface Addr {
  /** Dotted quad. */
  ip: string;
  prefix: number;
  /** "host" for 127.0.0.1/8, "global" otherwise. */
  scope: "host" | "global" | "link";
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
  stats: LinkStats;
  /** Bridge state, only on kind "bridge". */
  fdb?: FdbEntry[];
  /** Extra driver data (e.g. vxlan id), kept opaque to this layer. */
  info?: Record<string, string | number>;
}

export interface Route {
  /** "default" or a CIDR such as "10.0.0.0/8". */
  dst: string;
  via?: string;
  dev: number;
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
}

export type Table = "filter" | "nat";

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
  /** `-m conntrack --ctstate RELATED,ESTABLISHED`. */
  ctstate?: string;
  target: string;
  /** DNAT `--to-destination`. */
  toDest?: string;
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

export type Netfilter = Record<Table, Chain[]>;

export interface ConntrackEntry {
  proto: "tcp" | "udp" | "icmp";
  orig: { src: string; dst: string; sport: number; dport: number };
  reply: { src: string; dst: string; sport: number; dport: number };
  state?: string;
  /** Virtual time of the last packet. */
  seen: number;
}

export interface Socket {
  proto: "tcp" | "udp";
  ip: string;
  port: number;
  pid: number;
  program: string;
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
  neigh: Neigh[];
  netfilter: Netfilter;
  conntrack: ConntrackEntry[];
  sockets: Socket[];
  ipForward: boolean;
  /** Peer namespaces as numbered by this one (`link-netnsid N`), assigned on first use. */
  nsids: Record<NetnsId, number>;
}
