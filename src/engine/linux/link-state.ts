/**
 * What the kernel reports about a link beyond its configuration: the interface flags (IFF_*) and the
 * RFC 2863 operational state, both derived from the admin state and the carrier, as dev_get_flags()
 * and the link watch do.
 */
import { hasCarrier, type NetnsTable } from "./kernel";
import type { Link, Netns } from "./types";

export const IFF = {
  UP: 0x1,
  BROADCAST: 0x2,
  LOOPBACK: 0x8,
  RUNNING: 0x40,
  NOARP: 0x80,
  MULTICAST: 0x1000,
  LOWER_UP: 0x10000,
} as const;

export type OperState = "UNKNOWN" | "DOWN" | "LOWERLAYERDOWN" | "UP";

/** Devices that never signal a carrier report UNKNOWN while up; a veth without its peer is LOWERLAYERDOWN. */
export function operState(table: NetnsTable, ns: Netns, link: Link): OperState {
  if (!link.up) return "DOWN";
  if (link.kind === "loopback" || link.kind === "dummy" || link.kind === "vxlan") return "UNKNOWN";
  if (hasCarrier(table, ns, link)) return "UP";
  return link.kind === "veth" ? "LOWERLAYERDOWN" : "DOWN";
}

export function ifFlags(table: NetnsTable, ns: Netns, link: Link): number {
  let flags = link.kind === "loopback" ? IFF.LOOPBACK : IFF.BROADCAST | IFF.MULTICAST;
  if (link.kind === "dummy") flags = IFF.BROADCAST | IFF.NOARP;
  if (!link.up) return flags;
  flags |= IFF.UP;
  const state = operState(table, ns, link);
  if (state === "UP" || state === "UNKNOWN") flags |= IFF.RUNNING;
  if (hasCarrier(table, ns, link)) flags |= IFF.LOWER_UP;
  return flags;
}
