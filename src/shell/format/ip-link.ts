/**
 * What iproute2 writes after a link's name for its peer (a veth's other end, a macvlan's or vxlan's
 * lower device): `@name` when that is in the same namespace, `@ifN` when it is elsewhere (busybox
 * looks the number up where the link stands, always). The one text of it, for the ip and bridge
 * commands, the graph's cable ends and the inspector.
 */
import { linkByIndex } from "../../engine/linux/kernel";
import type { Link, Netns, NetnsId } from "../../engine/linux/types";

export interface LinkPeer {
  /** `@veth1`, `@if5`, or "" for a link with no peer. */
  at: string;
  /** The peer, when it was looked up in the link's own namespace. */
  local?: Link;
  /** The peer's namespace, when it is another one. */
  elsewhere?: NetnsId;
}

export function linkPeer(ns: Netns, link: Link, style: "iproute2" | "busybox" = "iproute2"): LinkPeer {
  const other = link.kind === "veth" ? link.peer : link.lower;
  if (!other) return { at: "" };
  const { netns, ifindex } = other;
  if (style === "busybox" || netns === ns.id) {
    const local = linkByIndex(ns, ifindex);
    return { at: `@${local?.name ?? `if${ifindex}`}`, ...(local ? { local } : {}) };
  }
  return { at: `@if${ifindex}`, elsewhere: netns };
}
