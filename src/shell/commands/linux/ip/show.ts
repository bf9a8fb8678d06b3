/**
 * `ip link` and `ip addr` listings, as iproute2 prints them on the host and in Debian images and as
 * busybox prints them in busybox and alpine containers. Read from the kernel model only.
 */

import { inet6Of, isTentative } from "../../../../engine/linux/addrconf";
import { isSecondary, linkByIndex, statsOf } from "../../../../engine/linux/kernel";
import { IFF, ifFlags, operState } from "../../../../engine/linux/link-state";
import type { Link, Netns } from "../../../../engine/linux/types";
import type { Machine, World } from "../../../../engine/world";
import { linkPeer } from "../../../format/ip-link";
import { portCost } from "../brctl";
import { linkNetnsLabel } from "../netns-names";
import type { Style } from "./args";

export interface ShowOptions {
  /** `ip link` (prints `mode DEFAULT`, no addresses) rather than `ip addr`. */
  link: boolean;
  family: "any" | "inet" | "inet6";
  brief: boolean;
  oneline: boolean;
  /** Only this ifindex (`dev X`). */
  ifindex?: number;
  up?: boolean;
  /** `type veth|bridge|dummy`. */
  kind?: string;
  /** `master BR` ifindex. */
  master?: number;
  /** `-s`: the RX/TX counter block after the link (or after its addresses). */
  stats?: boolean;
  /** `-d`: the device's details (promiscuity, MTU range, its kind's and its bridge port's settings). */
  details?: boolean;
}

/** What a listing looks at: the viewing namespace, its machine's namespace names, the clock. */
export interface View {
  world: World;
  ns: Netns;
  machine: Machine | undefined;
  style: Style;
}

const FLAG_NAMES: [number, string][] = [
  [IFF.LOOPBACK, "LOOPBACK"],
  [IFF.BROADCAST, "BROADCAST"],
  [IFF.MULTICAST, "MULTICAST"],
  [IFF.NOARP, "NOARP"],
  [IFF.UP, "UP"],
  [IFF.LOWER_UP, "LOWER_UP"],
];

export function flagList(flags: number): string {
  const names = FLAG_NAMES.filter(([bit]) => flags & bit).map(([, name]) => name);
  if (flags & IFF.UP && !(flags & IFF.RUNNING)) names.unshift("NO-CARRIER");
  return names.join(",");
}

/**
 * The `@peer` after a name (a veth's peer, a macvlan's parent, a vxlan's own index where it was
 * made), whether that peer counts as down (M-DOWN), and iproute2's link-netns label.
 */
function peerOf(v: View, link: Link): { at: string; mdown: boolean; netns?: string } {
  const { at, local, elsewhere } = linkPeer(v.ns, link, v.style);
  if (elsewhere === undefined) return { at, mdown: at !== "" && !local?.up };
  return { at, mdown: false, netns: linkNetnsLabel(v.world, v.machine, v.ns, elsewhere) };
}

export function linkKind(link: Link): string | undefined {
  return link.kind === "loopback" || link.kind === "ether" ? undefined : link.kind;
}

export function nameWithPeer(v: View, link: Link): string {
  return `${link.name}${peerOf(v, link).at}`;
}

function linkLines(v: View, link: Link, opts: ShowOptions): string[] {
  const peer = peerOf(v, link);
  const flags = `<${flagList(ifFlags(v.world, v.ns, link))}${peer.mdown ? ",M-DOWN" : ""}>`;
  const master = link.master !== undefined ? linkByIndex(v.ns, link.master) : undefined;
  const qlen = link.txqlen ?? 0;
  // The kernel's AF_INET6 link dump carries no qdisc, master or group for the tools to print;
  // iproute2 asks for one device (`dev X`) with a full RTM_GETLINK instead.
  if (opts.family === "inet6" && !opts.link && !(v.style === "iproute2" && opts.ifindex !== undefined)) {
    const state = v.style === "iproute2" ? `state ${operState(v.world, v.ns, link)} ` : "";
    return [
      `${link.ifindex}: ${link.name}${peer.at}: ${flags} mtu ${link.mtu} ${state}${qlen ? `qlen ${qlen}` : ""}`,
    ];
  }
  let head = `${link.ifindex}: ${link.name}${peer.at}: ${flags} mtu ${link.mtu} qdisc ${link.qdisc ?? "noop"} `;
  if (master) head += `master ${master.name} `;
  if (v.style === "iproute2") {
    head += `state ${operState(v.world, v.ns, link)} `;
    if (opts.link) head += "mode DEFAULT ";
    head += "group default ";
  }
  if (qlen) head += `qlen ${qlen}`;
  if (opts.family !== "any" && !opts.link) return [head];
  const loop = link.kind === "loopback";
  const type = loop ? "link/loopback" : "link/ether";
  const brd = loop ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff";
  const ether = `    ${type} ${link.mac} brd ${brd}${peer.netns ? ` ${peer.netns}` : ""}`;
  return opts.details ? [head, ...detailLines(v, link, ether, master, opts.link)] : [head, ether];
}

/** 8000.2:42:8f:a8:13:60: priority, then the MAC with each byte as %x prints it. */
function bridgeId(mac: string): string {
  return `8000.${mac
    .split(":")
    .map((b) => Number.parseInt(b, 16).toString(16))
    .join(":")}`;
}

/**
 * `ip -d`: iproute2 6.1's detail fields after link/ether (promiscuity, MTU range), the kind's own
 * line, the bridge port's line, then the generic tail (`listing`: `ip link`'s, with the address
 * generation mode). Timers read 0.00 (nothing is pending).
 */
function detailLines(
  v: View,
  link: Link,
  ether: string,
  master: Link | undefined,
  listing: boolean,
): string[] {
  const port = master !== undefined;
  // A macvlan in bridge mode puts its parent in promiscuous mode, wherever the macvlan has gone.
  const parent = Object.values(v.world.netns).some((ns) =>
    ns.links.some(
      (l) => l.kind === "macvlan" && l.lower?.netns === v.ns.id && l.lower.ifindex === link.ifindex,
    ),
  );
  const promisc = port || parent ? 1 : 0;
  const loop = link.kind === "loopback";
  const range = loop ? "minmtu 0 maxmtu 0" : "minmtu 68 maxmtu 65535";
  const first = `${ether} promiscuity ${promisc}  allmulti ${port ? 1 : 0} ${range} `;
  const queues = link.kind === "veth" ? 2 : 1;
  // vxlan0 was recorded with 65536; bridges with their veth ports (33-kernel-details) and the rest with 524280.
  const tso = link.kind === "vxlan" ? 65536 : 524280;
  // `ip -d addr` leaves out the IPv6 address generation mode (33-kernel-details).
  const tail = `${listing ? "addrgenmode eui64 " : ""}numtxqueues ${queues} numrxqueues ${queues} gso_max_size 65536 gso_max_segs 65535 tso_max_size ${tso} tso_max_segs 65535 gro_max_size 65536 `;
  const kind = kindLine(link);
  const slave = master
    ? `bridge_slave state forwarding priority 32 cost ${portCost(link)} hairpin off guard off root_block off fastleave off learning on flood on port_id 0x${(0x8000 + (link.portNo ?? 0)).toString(16)} port_no 0x${(link.portNo ?? 0).toString(16)} designated_port ${0x8000 + (link.portNo ?? 0)} designated_cost 0 designated_bridge ${bridgeId(master.mac)} designated_root ${bridgeId(master.mac)} hold_timer    0.00 message_age_timer    0.00 forward_delay_timer    0.00 topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off isolated off locked off `
    : "";
  const lines = [first, ...(kind ? [`    ${kind}`] : []), ...(slave ? [`    ${slave}`] : [])];
  // The generic fields end whichever line comes last.
  lines[lines.length - 1] += tail;
  return lines;
}

function kindLine(link: Link): string | undefined {
  if (link.kind === "veth") return "veth ";
  if (link.kind === "vxlan" && link.vxlan)
    return `vxlan id ${link.vxlan.vni} srcport 0 0 dstport ${link.vxlan.port} ${link.vxlan.proxy ? "proxy l2miss l3miss " : ""}ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx `;
  if (link.kind === "macvlan")
    return `macvlan mode ${link.mode ?? "bridge"} bcqueuelen 1000 usedbcqueuelen 1000 `;
  if (link.kind === "ipvlan") return `ipvlan  mode ${link.mode ?? "l2"} bridge `;
  if (link.kind === "bridge")
    return `bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0 bridge_id ${bridgeId(link.mac)} designated_root ${bridgeId(link.mac)} root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 hello_timer    0.00 tcn_timer    0.00 topology_change_timer    0.00 gc_timer    0.00 group_fwd_mask 0 group_address 01:80:c2:00:00:00 mcast_snooping 1 no_linklocal_learn 0 mcast_vlan_snooping 0 mcast_router 1 mcast_query_use_ifaddr 0 mcast_querier 0 mcast_hash_elasticity 16 mcast_hash_max 4096 mcast_last_member_count 2 mcast_startup_query_count 2 mcast_last_member_interval 100 mcast_membership_interval 26000 mcast_querier_interval 25500 mcast_query_interval 12500 mcast_query_response_interval 1000 mcast_startup_query_interval 3124 mcast_stats_enabled 0 mcast_igmp_version 2 mcast_mld_version 1 nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 `;
  return undefined;
}

/**
 * iproute2's counter block: column widths grow to fit the largest number (size_columns); the
 * model counts packets, bytes and drops, and no errors, misses, multicast, carrier or collisions.
 */
function statsLines(link: Link): string[] {
  const s = statsOf(link);
  const rx = [s.rxBytes, s.rxPackets, 0, s.rxDropped ?? 0, 0, 0];
  const tx = [s.txBytes, s.txPackets, 0, s.txDropped ?? 0, 0, 0];
  const cols = ["*X errors:", "packets", "errors", "dropped", "heartbt", "overrun"].map((h, i) =>
    Math.max(h.length, String(rx[i]).length, String(tx[i]).length),
  );
  const c = (i: number) => cols[i] ?? 0;
  const head = (dir: string, names: string[]) =>
    `    ${dir}: ${"bytes".padStart(c(0) - 4)} ${names.map((n, i) => n.padStart(c(i + 1))).join(" ")} ${"".padStart(10)}`;
  const row = (values: number[]) => `    ${values.map((v, i) => `${String(v).padStart(c(i))} `).join("")}`;
  return [
    head("RX", ["packets", "errors", "dropped", "missed", "mcast"]),
    row(rx),
    head("TX", ["packets", "errors", "dropped", "carrier", "collsns"]),
    row(tx),
  ];
}

/** IFA_F_NODAD: iproute2 names the flag; busybox prints the flags it has no name for in hex. */
function nodad(v: View): string {
  return v.style === "iproute2" ? "nodad " : "flags 02 ";
}

interface AddrRow {
  family: "inet" | "inet6";
  text: string;
  brief: string;
}

/** Primary IPv4 addresses first, then secondaries (same subnet as an earlier one), then IPv6. */
function addrRows(v: View, link: Link): AddrRow[] {
  const primaries: AddrRow[] = [];
  const secondaries: AddrRow[] = [];
  link.addrs.forEach((a, i) => {
    const secondary = isSecondary(link, i);
    const brd = a.brd ? `brd ${a.brd} ` : "";
    const text = `    inet ${a.ip}/${a.prefix} ${brd}scope ${a.scope} ${secondary ? "secondary " : ""}${link.name}`;
    (secondary ? secondaries : primaries).push({ family: "inet", text, brief: `${a.ip}/${a.prefix}` });
  });
  const now = v.world.clock;
  const inet6 = inet6Of(link).map((a) => ({
    family: "inet6" as const,
    text: `    inet6 ${a.ip}/${a.prefix} scope ${a.scope} ${a.nodad ? nodad(v) : ""}${isTentative(a, now) ? "tentative " : ""}`,
    brief: `${a.ip}/${a.prefix}`,
  }));
  return [...primaries, ...secondaries, ...inet6];
}

function selected(v: View, link: Link, opts: ShowOptions): boolean {
  if (opts.ifindex !== undefined && link.ifindex !== opts.ifindex) return false;
  if (opts.up && !link.up) return false;
  if (opts.kind !== undefined && linkKind(link) !== opts.kind) return false;
  if (opts.master !== undefined && link.master !== opts.master) return false;
  if (opts.link || opts.family === "any") return true;
  // With a family, a link shows only when it has an address of that family.
  return addrRows(v, link).some((r) => r.family === opts.family);
}

/** The whole listing, in ifindex order. */
export function showLinks(v: View, opts: ShowOptions): string {
  let out = "";
  for (const link of v.ns.links.filter((l) => selected(v, l, opts))) {
    const rows = opts.link
      ? []
      : addrRows(v, link).filter((r) => opts.family === "any" || r.family === opts.family);
    if (opts.brief) {
      const state = operState(v.world, v.ns, link);
      const head = `${nameWithPeer(v, link).padEnd(16)} ${state.padEnd(14)} `;
      if (opts.link) {
        const peer = peerOf(v, link);
        out += `${head}${link.mac} <${flagList(ifFlags(v.world, v.ns, link))}${peer.mdown ? ",M-DOWN" : ""}> \n`;
      } else out += `${head}${rows.map((r) => `${r.brief} `).join("")}\n`;
      continue;
    }
    const stats = opts.stats ? statsLines(link) : [];
    const lines = [...linkLines(v, link, opts), ...(opts.link ? stats : [])];
    if (opts.oneline) {
      if (opts.link) out += `${lines.join("\\")}\n`;
      for (const r of rows)
        out += `${link.ifindex}: ${link.name}${r.text}\\       valid_lft forever preferred_lft forever\n`;
      continue;
    }
    out += `${lines.join("\n")}\n`;
    for (const r of rows) out += `${r.text}\n       valid_lft forever preferred_lft forever\n`;
    if (!opts.link && stats.length) out += `${stats.join("\n")}\n`;
  }
  return out;
}
