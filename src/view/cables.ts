/**
 * Cable paths and packet paths. A cable leaves its port straight out of the node, runs in a channel
 * and drops into the other port; a cable to a container behind another row goes down the gutter
 * beside its column. A packet between two places on the graph travels the shortest way along
 * cables and through nodes (a port to its node's centre and out another port), exactly over the
 * lines the cables draw.
 */
import type { Point, PortPlace, Rect, Side } from "./geometry";
import { portPlaces, serverPlace } from "./geometry";
import { type Anchor, type GraphModel, nodeOf } from "./graph-model";
import { type TunnelLane, tunnelLanes } from "./tunnels";

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

/** Boxes by the vertical strips of the plane they cover, to find those a vertical line may cross. */
const STRIP = 128;

function stripsOf(boxes: Rect[]): (x: number) => Rect[] {
  const strips = new Map<number, Rect[]>();
  for (const r of boxes) {
    // `crosses` reaches 4px beyond each side.
    for (let i = Math.floor((r.x - 4) / STRIP); i <= Math.floor((r.x + r.w + 4) / STRIP); i++) {
      const strip = strips.get(i);
      if (strip) strip.push(r);
      else strips.set(i, [r]);
    }
  }
  return (x) => strips.get(Math.floor(x / STRIP)) ?? [];
}

/**
 * When the straight drop into `target` would cut through another box, the x of the gutter beside
 * the target to take instead (left first, then right); undefined when the drop is clear.
 * `near(x)` gives the boxes a vertical line at x may cross.
 */
function gutterFor(
  a: PortPoint,
  b: PortPoint,
  target: Rect,
  near: (x: number) => Rect[],
): number | undefined {
  if (!(vertical(a.side) && vertical(b.side))) return undefined;
  const top = a.y + OUT[a.side].y * STUB;
  const bottom = b.y + OUT[b.side].y * STUB;
  const blocked = (x: number) => near(x).some((r) => r !== target && crosses(x, top, bottom, r));
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
    const n = nodeOf(model, anchor.node);
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
  /** The overlays' tunnels above the hosts. */
  tunnels: TunnelLane[];
}

/** Ports and cable paths for a model laid out in `rects`. */
export function draw(model: GraphModel, rects: Record<string, Rect>): Drawing {
  const places: Record<string, Record<string, PortPlace>> = {};
  for (const n of model.nodes) places[n.id] = portPlaces(n, rects);
  const cables: Record<string, Point[]> = {};
  const gutters: Record<string, number> = {};
  const near = stripsOf(model.nodes.filter((n) => n.kind !== "host").flatMap((n) => rects[n.id] ?? []));
  for (const e of model.edges) {
    const a = anchorPoint(model, rects, places, { node: e.source, port: e.sourcePort });
    const b = anchorPoint(model, rects, places, { node: e.target, port: e.targetPort });
    const target = rects[e.target];
    if (!a || !b || !target) continue;
    const gutter = gutterFor(a, b, target, near);
    if (gutter !== undefined) gutters[e.id] = gutter;
    cables[e.id] = cablePath(a, b, gutter);
  }
  return { rects, places, cables, gutters, tunnels: tunnelLanes(model, rects) };
}

function key(a: Anchor): string {
  return a.port ? `${a.node}|${a.port}` : a.node;
}

/** The length of a path along its axes (paths run up, down, left and right). */
export function pathLength(path: Point[]): number {
  let sum = 0;
  for (let i = 1; i < path.length; i++) {
    const [a, b] = [path[i - 1], path[i]];
    if (a && b) sum += Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
  }
  return sum;
}

type Crossings = Map<string, { to: string; path: Point[] }[]>;

/** Every way a packet can move on a drawing: along each cable, and inside each node between a port and its centre. */
function crossingsOf(model: GraphModel, drawing: Drawing): Crossings {
  const links: Crossings = new Map();
  const add = (a: string, b: string, path: Point[]) => {
    for (const [from, to, p] of [
      [a, b, path],
      [b, a, [...path].reverse()],
    ] as const) {
      const out = links.get(from);
      if (out) out.push({ to, path: p });
      else links.set(from, [{ to, path: p }]);
    }
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
  return links;
}

/** Which places are joined by some way: a number per connected part of the crossings. */
function partsOf(links: Crossings): Map<string, number> {
  const part = new Map<string, number>();
  let n = 0;
  for (const start of links.keys()) {
    if (part.has(start)) continue;
    n++;
    part.set(start, n);
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      for (const l of links.get(queue[head] as string) ?? []) {
        if (part.has(l.to)) continue;
        part.set(l.to, n);
        queue.push(l.to);
      }
    }
  }
  return part;
}

interface CachedCrossings {
  model: GraphModel;
  links: Crossings;
  parts?: Map<string, number>;
}

/** Built once per drawing: a hop's token asks for several paths on the same one. */
const crossingsCache = new WeakMap<Drawing, CachedCrossings>();

function cachedCrossings(model: GraphModel, drawing: Drawing): CachedCrossings {
  const cached = crossingsCache.get(drawing);
  if (cached?.model === model) return cached;
  const fresh: CachedCrossings = { model, links: crossingsOf(model, drawing) };
  crossingsCache.set(drawing, fresh);
  return fresh;
}

function crossings(model: GraphModel, drawing: Drawing): Crossings {
  return cachedCrossings(model, drawing).links;
}

/** Whether a packet can go from one place to the other at all. */
export function joined(model: GraphModel, drawing: Drawing, a: Anchor, b: Anchor): boolean {
  const cached = cachedCrossings(model, drawing);
  cached.parts ??= partsOf(cached.links);
  const [x, y] = [key(a), key(b)];
  return x === y || (cached.parts.get(x) ?? -1) === (cached.parts.get(y) ?? -2);
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
  const links = crossings(model, drawing);
  // Breadth first: packets take the fewest crossings, which on this graph is the real way.
  const goal = key(to);
  const seen = new Map<string, { prev: string; path: Point[] } | null>([[key(from), null]]);
  const queue = [key(from)];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head] as string;
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
    pieces.push(step.path);
    at = step.prev;
  }
  return simplify(pieces.reverse().flat());
}

/**
 * The places on the graph in order of how far they are from `to` along the shortest way (Dijkstra
 * over the crossings, each as long as its path), each with that distance; places with no way there
 * never come. Lazy, so that a caller who has found what it needs stops early. The way packetPath
 * takes has the fewest crossings, so it is never shorter than this distance.
 */
export function* nearestFirst(model: GraphModel, drawing: Drawing, to: Anchor): Generator<[string, number]> {
  const links = crossings(model, drawing);
  const best = new Map<string, number>([[key(to), 0]]);
  const done = new Set<string>();
  // A binary heap of [distance, place]; a place may be in it more than once, its nearest entry counts.
  const heap: [number, string][] = [[0, key(to)]];
  const less = (i: number, j: number) => (heap[i] as [number, string])[0] < (heap[j] as [number, string])[0];
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [heap[j] as [number, string], heap[i] as [number, string]];
  };
  while (heap.length > 0) {
    const [d, at] = heap[0] as [number, string];
    const last = heap.pop() as [number, string];
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        let m = i;
        if (l < heap.length && less(l, m)) m = l;
        if (l + 1 < heap.length && less(l + 1, m)) m = l + 1;
        if (m === i) break;
        swap(m, i);
        i = m;
      }
    }
    if (done.has(at)) continue;
    done.add(at);
    yield [at, d];
    for (const l of links.get(at) ?? []) {
      const next = d + pathLength(l.path);
      if (next >= (best.get(l.to) ?? Infinity)) continue;
      best.set(l.to, next);
      heap.push([next, l.to]);
      for (let i = heap.length - 1; i > 0 && less(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    }
  }
}

/** The key nearestFirst names a place by. */
export { key as placeKey };
