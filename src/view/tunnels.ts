/**
 * Where the overlays' tunnels are drawn: each a lane above the Docker hosts (ingress nearest, then
 * each overlay by VNI), dropping to the root namespace of every host it joins, where eth0, the
 * VTEP, is. A wrapped packet travels from one host's drop along the lane to the other's.
 */
import { along, type Point, type Rect } from "./geometry";
import type { GraphModel, Tunnel } from "./graph-model";

export interface TunnelLane {
  tunnel: Tunnel;
  /** The lane's height, above every host. */
  y: number;
  /** Each member host's drop: its x, the top of its root namespace's box, and that box's centre. */
  drops: Record<string, { x: number; top: number; centre: Point }>;
  /** Where the label sits: its left end, on the lane (a tag on the tube). */
  label: Point;
}

/**
 * Lanes are far enough apart for their labels, which keep their size on screen when zoomed out
 * (graph/TunnelLayer.tsx, down to a zoom of 1/5: three hosts side by side in a laptop's graph panel).
 */
const FIRST_LANE = 40;
const LANE_GAP = 84;
/** Room the drops keep from the right edge of the root namespace's box, and between lanes. */
const DROP_INSET = 28;
const DROP_GAP = 22;

export function tunnelLanes(model: GraphModel, rects: Record<string, Rect>): TunnelLane[] {
  if (model.tunnels.length === 0) return [];
  const hostsTop = Math.min(...model.nodes.filter((n) => n.kind === "host").map((n) => rects[n.id]?.y ?? 0));
  return model.tunnels.map((tunnel, i) => {
    const y = hostsTop - FIRST_LANE - i * LANE_GAP;
    const drops: TunnelLane["drops"] = {};
    for (const m of tunnel.members) {
      const r = rects[m.node];
      if (!r) continue;
      drops[m.machine] = {
        x: r.x + r.w - DROP_INSET - i * DROP_GAP,
        top: r.y,
        centre: { x: r.x + r.w / 2, y: r.y + r.h / 2 },
      };
    }
    const xs = Object.values(drops).map((d) => d.x);
    return { tunnel, y, drops, label: { x: Math.min(...xs) + 8, y } };
  });
}

/** The box the lanes take above the hosts (for fitting the view), or undefined without tunnels. */
export function lanesRect(lanes: TunnelLane[]): Rect | undefined {
  const drops = lanes.flatMap((l) => Object.values(l.drops));
  if (drops.length === 0) return undefined;
  const x0 = Math.min(...drops.map((d) => d.x));
  const y0 = Math.min(...lanes.map((l) => l.y)) - 30;
  return {
    x: x0,
    y: y0,
    w: Math.max(...drops.map((d) => d.x)) - x0,
    h: Math.max(...drops.map((d) => d.top)) - y0,
  };
}

/** The lane as drawn: the line along it from its leftmost drop to its rightmost, and each drop. */
export function laneLines(lane: TunnelLane): Point[][] {
  const drops = Object.values(lane.drops);
  const xs = drops.map((d) => d.x);
  return [
    [
      { x: Math.min(...xs), y: lane.y },
      { x: Math.max(...xs), y: lane.y },
    ],
    ...drops.map((d) => [
      { x: d.x, y: lane.y },
      { x: d.x, y: d.top },
    ]),
  ];
}

/** The way a wrapped packet goes from one host's root namespace to another's through the tunnel. */
export function tunnelPath(lane: TunnelLane, from: string, to: string): Point[] | undefined {
  const a = lane.drops[from];
  const b = lane.drops[to];
  if (!a || !b) return undefined;
  return [
    a.centre,
    { x: a.x, y: a.centre.y },
    { x: a.x, y: lane.y },
    { x: b.x, y: lane.y },
    { x: b.x, y: b.centre.y },
    b.centre,
  ];
}

/** The part of `path` between two fractions of its length (0 its start, 1 its end). */
export function subPath(path: Point[], from: number, to: number): Point[] {
  const start = along(path, from);
  const end = along(path, to);
  return [start.point, ...path.slice(start.segment + 1, end.segment + 1), end.point];
}
