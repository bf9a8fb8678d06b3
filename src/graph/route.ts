/**
 * Cable paths and packet paths. A cable leaves its port straight out of the node, runs in a channel
 * and drops into the other port; a cable to a container behind another row goes down the gutter
 * beside its column. A packet between two places on the graph travels the shortest way along
 * cables and through nodes (a port to its node's centre and out another port), exactly over the
 * lines the cables draw.
 */
import type { Point, PortPlace, Rect, Side } from "./geometry";
import { portPlaces, serverPlace } from "./geometry";
import type { Anchor, GraphModel } from "./model";

export interface PortPoint extends Point {
  side: Side;
}

const STUB = 16;

const OUT: Record<Side, Point> = {
  top: { x: 0, y: -1 },
  bottom: { x: 0, y: 1 },
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
};

function vertical(side: Side): boolean {
  return side === "top" || side === "bottom";
}

/** Coordinates closer than half a pixel are one (measured handles carry float noise). */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.5;
}

/** Drops points that sit on a straight line between their neighbours. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && same(last.x, p.x) && same(last.y, p.y)) continue;
    const prev = out[out.length - 2];
    if (
      prev &&
      last &&
      ((same(prev.x, last.x) && same(last.x, p.x)) || (same(prev.y, last.y) && same(last.y, p.y)))
    )
      out.pop();
    out.push(p);
  }
  return out;
}

/** An orthogonal path from port `a` to port `b`; `gutter` is the x of a free vertical lane to take instead of dropping straight. */
export function cablePath(a: PortPoint, b: PortPoint, gutter?: number): Point[] {
  const a1 = { x: a.x + OUT[a.side].x * STUB, y: a.y + OUT[a.side].y * STUB };
  const b1 = { x: b.x + OUT[b.side].x * STUB, y: b.y + OUT[b.side].y * STUB };
  let middle: Point[];
  if (vertical(a.side) && vertical(b.side)) {
    // Hanging down from a bridge: run along just under it, then drop at the target's x (or its gutter).
    const channel = a.side === "bottom" && b.side === "top" && b1.y > a1.y ? a1.y : (a1.y + b1.y) / 2;
    middle =
      gutter === undefined
        ? [
            { x: a1.x, y: channel },
            { x: b1.x, y: channel },
          ]
        : [
            { x: a1.x, y: channel },
            { x: gutter, y: channel },
            { x: gutter, y: b1.y },
            { x: b1.x, y: b1.y },
          ];
  } else if (!vertical(a.side) && !vertical(b.side)) {
    const mx = (a1.x + b1.x) / 2;
    middle = [
      { x: mx, y: a1.y },
      { x: mx, y: b1.y },
    ];
  } else if (vertical(a.side)) middle = [{ x: a1.x, y: b1.y }];
  else middle = [{ x: b1.x, y: a1.y }];
  return simplify([a, a1, ...middle, b1, b]);
}

function crosses(x: number, y1: number, y2: number, r: Rect): boolean {
  const [lo, hi] = y1 < y2 ? [y1, y2] : [y2, y1];
  return x > r.x - 4 && x < r.x + r.w + 4 && hi > r.y && lo < r.y + r.h;
}

/**
 * When the straight drop into `target` would cut through another box, the x of the gutter beside
 * the target to take instead (left first, then right); undefined when the drop is clear.
 */
export function gutterFor(a: PortPoint, b: PortPoint, target: Rect, obstacles: Rect[]): number | undefined {
  if (!(vertical(a.side) && vertical(b.side))) return undefined;
  const top = a.y + OUT[a.side].y * STUB;
  const bottom = b.y + OUT[b.side].y * STUB;
  const blocked = (x: number) => obstacles.some((r) => r !== target && crosses(x, top, bottom, r));
  if (!blocked(b.x)) return undefined;
  for (const x of [target.x - 13, target.x + target.w + 13]) if (!blocked(x)) return x;
  return target.x - 13;
}

/** The absolute point of a port (or a node's centre), with the side it faces. */
export function anchorPoint(
  model: GraphModel,
  rects: Record<string, Rect>,
  places: Record<string, Record<string, PortPlace>>,
  anchor: Anchor,
): PortPoint | undefined {
  const r = rects[anchor.node];
  if (!r) return undefined;
  if (!anchor.port) return { x: r.x + r.w / 2, y: r.y + r.h / 2, side: "bottom" };
  let place = places[anchor.node]?.[anchor.port];
  if (!place) {
    const n = model.nodes.find((x) => x.id === anchor.node);
    place = n?.kind === "internet" ? serverPlace(n, anchor.port) : undefined;
  }
  return place ? { x: r.x + place.x, y: r.y + place.y, side: place.side } : undefined;
}

export interface Drawing {
  rects: Record<string, Rect>;
  places: Record<string, Record<string, PortPlace>>;
  /** Each cable's path, from its source port to its target port. */
  cables: Record<string, Point[]>;
  /** The gutter a cable takes, for the edge to draw the same path. */
  gutters: Record<string, number>;
}

/** Ports and cable paths for a model laid out in `rects`. */
export function draw(model: GraphModel, rects: Record<string, Rect>): Drawing {
  const places: Record<string, Record<string, PortPlace>> = {};
  for (const n of model.nodes) places[n.id] = portPlaces(n, rects);
  const cables: Record<string, Point[]> = {};
  const gutters: Record<string, number> = {};
  const boxes = model.nodes
    .filter((n) => n.kind !== "host")
    .map((n) => rects[n.id])
    .filter((r): r is Rect => !!r);
  for (const e of model.edges) {
    const a = anchorPoint(model, rects, places, { node: e.source, port: e.sourcePort });
    const b = anchorPoint(model, rects, places, { node: e.target, port: e.targetPort });
    const target = rects[e.target];
    if (!a || !b || !target) continue;
    const gutter = gutterFor(a, b, target, boxes);
    if (gutter !== undefined) gutters[e.id] = gutter;
    cables[e.id] = cablePath(a, b, gutter);
  }
  return { rects, places, cables, gutters };
}

function key(a: Anchor): string {
  return a.port ? `${a.node}|${a.port}` : a.node;
}

/**
 * The way a packet travels from one place to another: along cables, and inside a node from a port
 * to the centre and out another port. Undefined when either end is not on the graph.
 */
export function packetPath(
  model: GraphModel,
  drawing: Drawing,
  from: Anchor,
  to: Anchor,
): Point[] | undefined {
  const start = anchorPoint(model, drawing.rects, drawing.places, from);
  const end = anchorPoint(model, drawing.rects, drawing.places, to);
  if (!start || !end) return undefined;
  if (key(from) === key(to)) return [end];
  const links = new Map<string, { to: string; path: Point[] }[]>();
  const add = (a: string, b: string, path: Point[]) => {
    links.set(a, [...(links.get(a) ?? []), { to: b, path }]);
    links.set(b, [...(links.get(b) ?? []), { to: a, path: [...path].reverse() }]);
  };
  const pointOf = (a: Anchor) => anchorPoint(model, drawing.rects, drawing.places, a);
  for (const n of model.nodes) {
    const c = pointOf({ node: n.id });
    if (!c) continue;
    const ports = [
      ...Object.keys(drawing.places[n.id] ?? {}),
      ...(n.kind === "internet" ? n.servers.map((s) => `srv:${s.machine}`) : []),
    ];
    for (const port of ports) {
      const p = pointOf({ node: n.id, port });
      if (p) add(n.id, `${n.id}|${port}`, [c, p]);
    }
  }
  for (const e of model.edges) {
    const path = drawing.cables[e.id];
    if (path) add(`${e.source}|${e.sourcePort}`, `${e.target}|${e.targetPort}`, path);
  }
  // Breadth first: packets take the fewest crossings, which on this graph is the real way.
  const goal = key(to);
  const seen = new Map<string, { prev: string; path: Point[] } | null>([[key(from), null]]);
  const queue = [key(from)];
  while (queue.length > 0) {
    const at = queue.shift() as string;
    if (at === goal) break;
    for (const l of links.get(at) ?? []) {
      if (seen.has(l.to)) continue;
      seen.set(l.to, { prev: at, path: l.path });
      queue.push(l.to);
    }
  }
  if (!seen.has(goal)) return [start, end];
  const pieces: Point[][] = [];
  for (let at = goal; ; ) {
    const step = seen.get(at);
    if (!step) break;
    pieces.unshift(step.path);
    at = step.prev;
  }
  return simplify(pieces.flat());
}
