/**
 * A route as `ip route` lists it: iproute2's print_route(), or busybox ip's shorter line. The one
 * text of a route, for the ip command and for the inspector.
 */
import { type EffectiveRoute, linkByIndex } from "../../engine/linux/kernel";
import type { Netns } from "../../engine/linux/types";

/** What a listing leaves out because its filter says it already (`ip route show dev eth0` drops `dev eth0`). */
export interface ShownFilter {
  dev?: number;
  proto?: string;
  scope?: string;
}

/** The route's line, with the space iproute2 leaves at its end. */
export function routeText(
  ns: Netns,
  r: EffectiveRoute,
  style: "iproute2" | "busybox" = "iproute2",
  filter: ShownFilter = {},
): string {
  let s = `${r.dst} `;
  if (r.via) s += `via ${r.via} `;
  if (filter.dev === undefined) s += `dev ${linkByIndex(ns, r.dev)?.name ?? `if${r.dev}`} `;
  if (style === "busybox") {
    if (r.scope !== "global") s += `scope ${r.scope} `;
    if (r.src) s += ` src ${r.src} `;
    if (r.metric) s += ` metric ${r.metric} `;
    return s;
  }
  if (r.proto === "kernel" && filter.proto === undefined) s += "proto kernel ";
  if (r.scope !== "global" && filter.scope === undefined) s += `scope ${r.scope} `;
  if (r.src) s += `src ${r.src} `;
  if (r.metric) s += `metric ${r.metric} `;
  if (r.linkdown) s += "linkdown ";
  return s;
}
