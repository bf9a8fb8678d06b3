/**
 * `ip link` and `ip addr` listings, as iproute2 prints them on the host and in Debian images and as
 * busybox prints them in busybox and alpine containers. Read from the kernel model only.
 */

import { inet6Of, isTentative } from "../../../../engine/linux/addrconf";
import { isSecondary, linkByIndex, statsOf } from "../../../../engine/linux/kernel";
import { IFF, ifFlags, operState } from "../../../../engine/linux/link-state";
import type { Link, Netns } from "../../../../engine/linux/types";
import type { Machine, World } from "../../../../engine/world";
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

/** The `@peer` after a veth's name, whether its peer counts as down (M-DOWN), and iproute2's link-netns label. */
function peerOf(v: View, link: Link): { at: string; mdown: boolean; netns?: string } {
  if (link.kind !== "veth" || !link.peer) return { at: "", mdown: false };
  const { netns, ifindex } = link.peer;
  // busybox ignores the peer's namespace and looks the index up where it stands, as it always did.
  if (v.style === "busybox" || netns === v.ns.id) {
    const local = linkByIndex(v.ns, ifindex);
    return { at: `@${local?.name ?? `if${ifindex}`}`, mdown: !local?.up };
  }
  return { at: `@if${ifindex}`, mdown: false, netns: linkNetnsLabel(v.world, v.machine, v.ns, netns) };
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
  return [head, `    ${type} ${link.mac} brd ${brd}${peer.netns ? ` ${peer.netns}` : ""}`];
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
    text: `    inet6 ${a.ip}/${a.prefix} scope ${a.scope} ${a.scope === "link" && isTentative(link, now) ? "tentative " : ""}`,
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
