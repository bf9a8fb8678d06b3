/**
 * IPv6 address autoconfiguration, the part the lab shows: `::1` on an up `lo`, and the fe80::/64
 * link-local address (EUI-64 from the MAC) a link gets once it is up with a carrier, tentative while
 * duplicate address detection runs. Links with IPv6 disabled get neither.
 */
import { formatIpv6 } from "../ip";
import { hasCarrier, linkByIndex, type NetnsTable, peerOf } from "./kernel";
import type { Link, Netns } from "./types";

/** Duplicate address detection: a random delay up to a second, then one probe a second long. */
const DAD_MS = 1500;

/** fe80:: plus the MAC with ff:fe in the middle and the universal/local bit flipped. */
export function linkLocalFor(mac: string): string {
  const b = mac.split(":").map((x) => Number.parseInt(x, 16));
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0] = b;
  return formatIpv6([0xfe80, 0, 0, 0, ((b0 ^ 2) << 8) | b1, (b2 << 8) | 0xff, 0xfe00 | b3, (b4 << 8) | b5]);
}

function wantsLinkLocal(link: Link): boolean {
  return link.kind !== "loopback" && !link.noIpv6 && link.mac !== "00:00:00:00:00:00";
}

/**
 * Brings link-local addresses up to date at `clock`: given to a link that is up with a carrier, kept
 * when the carrier goes (the kernel keeps it), dropped when the link goes down. The kernel operations
 * note which links to look at (NetnsTable.addrconfDue): a link whose state changed, and the links
 * whose carrier follows it (its veth or cable peer, and the bridges above either). In a namespace
 * looked at for the first time (a machine as it booted) the addresses are long settled.
 */
export function syncAddrconf(world: NetnsTable & { clock: number }): void {
  const due = world.addrconfDue;
  if (!due) return;
  delete world.addrconfDue;
  const fresh = new Set(due.flatMap((d) => (d.ifindex === undefined ? [d.netns] : [])));
  const configure = (ns: Netns, link: Link) => {
    if (!link.up || !wantsLinkLocal(link)) {
      if (link.ll6) delete link.ll6;
    } else if (!link.ll6 && hasCarrier(world, ns, link))
      link.ll6 = { ip: linkLocalFor(link.mac), since: fresh.has(ns.id) ? 0 : world.clock };
  };
  for (const d of due) {
    const ns = world.netns[d.netns];
    if (!ns) continue;
    if (d.ifindex === undefined) {
      for (const link of ns.links) configure(ns, link);
      continue;
    }
    const link = linkByIndex(ns, d.ifindex);
    if (!link) continue;
    const peer = peerOf(world, link);
    for (const end of peer ? [{ ns, link }, peer] : [{ ns, link }]) {
      // The bridges above each end, whose carrier follows their ports'.
      for (
        let l: Link | undefined = end.link;
        l;
        l = l.master === undefined ? undefined : linkByIndex(end.ns, l.master)
      )
        configure(end.ns, l);
    }
  }
}

export interface Inet6 {
  ip: string;
  prefix: number;
  scope: "host" | "link" | "global";
  /** Added with IFA_F_NODAD: never tentative. */
  nodad?: boolean;
  /** When duplicate address detection started (absent: never tentative). */
  since?: number;
}

export function isTentative(a: Inet6, now: number): boolean {
  return a.since !== undefined && !a.nodad && now - a.since < DAD_MS;
}

/**
 * The IPv6 addresses a link shows, in the kernel's order: the list is kept by scope (global before
 * link) and a new address goes before older ones of its scope; addrconf's link-local address comes
 * when the link gets its carrier, after those Docker gave it.
 */
export function inet6Of(link: Link): Inet6[] {
  if (link.kind === "loopback")
    return link.up && !link.noIpv6 ? [{ ip: "::1", prefix: 128, scope: "host" }] : [];
  const given = [...(link.addrs6 ?? [])].reverse();
  return [
    ...given.filter((a) => a.scope === "global"),
    ...(link.ll6 ? [{ ip: link.ll6.ip, prefix: 64, scope: "link" as const, since: link.ll6.since }] : []),
    ...given.filter((a) => a.scope === "link"),
  ];
}
