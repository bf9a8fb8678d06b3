/**
 * The size of every node and where each of its ports sits, computed from the model alone so that
 * the layout, the cables and the packet token agree with what the node components draw. Ports face
 * their peer: a container's ports are on its top edge when the bridge is above, a bridge's ports
 * line up over the containers they lead to, the LAN switch's ports point at the machines.
 */
import type { GraphNode, NamespaceNode, OutsideNode } from "./graph-model";

export interface Point {
  x: number;
  y: number;
}

export interface Rect extends Point {
  w: number;
  h: number;
}

export type Side = "top" | "bottom" | "left" | "right";

export interface PortPlace {
  side: Side;
  /** Offset from the node's top-left corner to the port's centre on the border. */
  x: number;
  y: number;
}

/** Text metrics the node components use too (px at zoom 1). */
export const LINE = 18;
export const HEADER = 44;
const PAD = 10;
export const NS_WIDTH = 184;
export const BRIDGE_WIDTH = 240;
export const BRIDGE_HEIGHT = 72;
export const HOSTNS_MIN_WIDTH = 320;
export const GROUP_PAD = 16;
export const GROUP_HEADER = 34;

/** The rows a namespace box lists: interfaces with addresses (lo only when alone), or a stopped container's networks. */
export function namespaceRows(n: NamespaceNode): string[] {
  if (n.role === "stopped")
    return [n.networks.length ? `networks: ${n.networks.join(", ")}` : `network: ${n.mode}`];
  const shown = n.ifaces.filter((i) => i.name !== "lo" || n.ifaces.length === 1);
  const rows = shown.map((i) => `${i.name} ${i.addrs.join(" ") || (i.up ? "" : "down")}`.trim());
  if (n.members.length > 1) rows.push(`shared with ${n.members.slice(1).join(", ")}`);
  return rows;
}

/** How many rows namespaceRows gives, without building them. */
function namespaceRowCount(n: NamespaceNode): number {
  if (n.role === "stopped") return 1;
  const shown = n.ifaces.length === 1 ? 1 : n.ifaces.filter((i) => i.name !== "lo").length;
  return shown + (n.members.length > 1 ? 1 : 0);
}

function hostNsRows(n: Extract<GraphNode, { kind: "hostns" }>): number {
  const ifaces = n.ifaces.filter((i) => i.name !== "lo").length;
  return ifaces + n.published.length + (n.hostMode.length ? 1 : 0) + (n.masquerade.length ? 1 : 0);
}

/** How many text rows a node's box has room for (a bridge's one line under its name included). */
export function rowCount(n: GraphNode): number {
  switch (n.kind) {
    case "host":
      return 0;
    case "hostns":
      return hostNsRows(n);
    case "bridge":
      return 1;
    case "namespace":
      return namespaceRowCount(n);
    case "internet":
      return n.servers.length;
    case "router":
      return n.ifaces.length + (n.masquerade.length ? 1 : 0);
    case "switch":
    case "laptop":
      return Math.min(1, n.ifaces.filter((i) => i.addrs.length).length);
  }
}

export function nodeSize(n: GraphNode): { w: number; h: number } {
  switch (n.kind) {
    case "host":
      return { w: 0, h: 0 };
    case "hostns":
      return { w: HOSTNS_MIN_WIDTH, h: 32 + rowCount(n) * LINE + PAD };
    case "bridge":
      return { w: BRIDGE_WIDTH, h: BRIDGE_HEIGHT };
    case "namespace":
      return { w: NS_WIDTH, h: HEADER + rowCount(n) * LINE + PAD };
    case "internet":
      return { w: 262, h: 32 + rowCount(n) * LINE + PAD };
    case "router":
      return { w: 210, h: 32 + rowCount(n) * LINE + PAD };
    default:
      return { w: 184, h: 32 + rowCount(n) * LINE + PAD + 6 };
  }
}

function center(r: Rect): Point {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

/** Which side of `self` faces `other`: vertical only for boxes whose cables always run up and down. */
function facing(self: Rect, other: Rect, verticalOnly: boolean): Side {
  const a = center(self);
  const b = center(other);
  if (verticalOnly || Math.abs(b.y - a.y) * 1.6 > Math.abs(b.x - a.x)) return b.y < a.y ? "top" : "bottom";
  return b.x < a.x ? "left" : "right";
}

/**
 * Where each port of a node is, given every node's absolute rectangle. Ports on a side are spread
 * in the order of their peers; a bridge's and the host namespace's ports sit right above their peer
 * when they can, so that cables drop straight.
 */
export function portPlaces(n: GraphNode, rects: Record<string, Rect>): Record<string, PortPlace> {
  const self = rects[n.id];
  const places: Record<string, PortPlace> = {};
  if (!self) return places;
  const bySide = new Map<Side, { id: string; along: number }[]>();
  for (const p of n.ports) {
    if (p.id.startsWith("srv:")) continue;
    if (p.id === "up") {
      // A bridge hangs from the middle of its top edge.
      places[p.id] = { side: "top", x: self.w / 2, y: 0 };
      continue;
    }
    const other = rects[p.peer];
    let side: Side;
    if (!other) side = "bottom";
    else side = facing(self, other, n.kind === "namespace" || n.kind === "bridge" || p.id.startsWith("up:"));
    const peerCentre = other ? center(other) : center(self);
    const along = side === "top" || side === "bottom" ? peerCentre.x : peerCentre.y;
    const onSide = bySide.get(side);
    if (onSide) onSide.push({ id: p.id, along });
    else bySide.set(side, [{ id: p.id, along }]);
  }
  const aligned = n.kind === "bridge" || n.kind === "hostns";
  for (const [side, ports] of bySide) {
    ports.sort((a, b) => a.along - b.along);
    const horizontal = side === "top" || side === "bottom";
    const length = horizontal ? self.w : self.h;
    const origin = horizontal ? self.x : self.y;
    const gap = aligned ? 16 : 70;
    let offsets = ports.map((p, i) => (aligned ? p.along - origin : ((i + 1) * length) / (ports.length + 1)));
    if (aligned) offsets = spread(offsets, length, gap);
    ports.forEach((p, i) => {
      const o = offsets[i] ?? length / 2;
      places[p.id] = {
        side,
        x: horizontal ? o : side === "left" ? 0 : self.w,
        y: horizontal ? (side === "top" ? 0 : self.h) : o,
      };
    });
  }
  return places;
}

/** Keeps sorted offsets inside [edge, length - edge] and at least `gap` apart, moving them as little as it can. */
function spread(offsets: number[], length: number, gap: number): number[] {
  const edge = Math.min(14, length / 2);
  const n = offsets.length;
  if (n === 0) return offsets;
  // Closer than `gap` only when that many do not fit (a bridge of hundreds of ports).
  const room = n > 1 ? Math.min(gap, (length - 2 * edge) / (n - 1)) : gap;
  const out = offsets.map((o) => Math.min(length - edge, Math.max(edge, o)));
  for (let i = 1; i < n; i++) out[i] = Math.max(out[i] ?? 0, (out[i - 1] ?? 0) + room);
  const overflow = (out[n - 1] ?? 0) - (length - edge);
  if (overflow > 0)
    for (let i = n - 1; i >= 0; i--) out[i] = Math.max(edge + i * room, (out[i] ?? 0) - overflow);
  return out;
}

/** Server rows inside the internet cloud: where packets that reach a server are drawn. */
export function serverPlace(n: OutsideNode, port: string): PortPlace | undefined {
  const i = n.servers.findIndex((s) => `srv:${s.machine}` === port);
  if (i < 0) return undefined;
  return { side: "left", x: 24, y: 32 + i * LINE + LINE / 2 };
}

/** The pane's viewport: its pan, zoom and width on screen. */
export interface PaneView {
  x: number;
  zoom: number;
  width: number;
}

const EDGE_MARGIN = 6;

/**
 * How far (in the token's own pixels) to move a label centred on `p` so that it stays inside the
 * pane: near the right or left edge it slides inwards instead of being cut off.
 */
export function nudge(p: Point, width: number, scale: number, view: PaneView): number {
  const factor = scale * view.zoom;
  const centre = view.x + p.x * view.zoom;
  const half = (width * factor) / 2;
  const right = view.width - EDGE_MARGIN - (centre + half);
  if (right < 0) return Math.max(right, EDGE_MARGIN - (centre - half)) / factor;
  const left = EDGE_MARGIN - (centre - half);
  return left > 0 ? left / factor : 0;
}

/** The point at a fraction of a path's length (0 its start, 1 its end), and the segment it is on. */
export function along(path: Point[], fraction: number): { point: Point; segment: number } {
  const lengths = path.slice(1).map((p, i) => {
    const q = path[i] as Point;
    return Math.hypot(p.x - q.x, p.y - q.y);
  });
  const total = lengths.reduce((a, b) => a + b, 0);
  let left = total * fraction;
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i] ?? 0;
    const a = path[i] as Point;
    const b = path[i + 1] as Point;
    if (left <= len && len > 0)
      return {
        point: { x: a.x + ((b.x - a.x) * left) / len, y: a.y + ((b.y - a.y) * left) / len },
        segment: i,
      };
    left -= len;
  }
  return { point: path[path.length - 1] ?? { x: 0, y: 0 }, segment: Math.max(0, lengths.length - 1) };
}
