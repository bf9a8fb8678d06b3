/**
 * Where nodes go. A tidy layout reads from the outside in, left to right: the internet and the
 * router, the LAN switch and the laptop, then each Docker host as a group with its root namespace
 * on top, its bridges in a row below, and each bridge's containers in a grid under it. Positions of
 * children are relative to their host group, as React Flow wants them.
 *
 * The layout is stable: once a node has a place it keeps it; new nodes go to the first free slot
 * near their bridge; positions the user dragged always win. "Tidy up" is a layout from nothing.
 */
import {
  BRIDGE_HEIGHT,
  BRIDGE_WIDTH,
  GROUP_HEADER,
  GROUP_PAD,
  HOSTNS_MIN_WIDTH,
  NS_WIDTH,
  nodeSize,
  type Point,
  type Rect,
} from "./geometry";
import type { GraphModel, GraphNode, NamespaceNode } from "./graph-model";

const COL_GAP = 26;
const GROUP_GAP = 56;
const ROW_GAP = 64;
/** Room between a bridge and its containers for the cables' labels. */
const CABLE_DROP = 78;
const HOSTNS_TO_BRIDGES = 56;
const OUTSIDE_X = 320;
const HOSTS_X = 620;

export type Positions = Record<string, Point>;

function bridgesY(hostns: GraphNode | undefined): number {
  return GROUP_HEADER + (hostns ? nodeSize(hostns).h : 80) + HOSTNS_TO_BRIDGES;
}

function rowYUnder(bridgeY: number): number {
  return bridgeY + BRIDGE_HEIGHT + CABLE_DROP;
}

function columnsFor(n: number): number {
  return Math.max(1, Math.min(n, Math.max(4, Math.ceil(Math.sqrt(n * 1.5)))));
}

/** Containers also cabled to bridges further right go last, those cabled further left first. */
function orderMembers(
  members: NamespaceNode[],
  bridgeOrder: Map<string, number>,
  home: number,
): NamespaceNode[] {
  const lean = (n: NamespaceNode) => {
    const others = n.ports
      .map((p) => bridgeOrder.get(p.peer))
      .filter((i): i is number => i !== undefined && i !== home);
    if (n.role === "stopped") return 2;
    return others.length === 0 ? 0 : others.some((i) => i > home) ? 1 : -1;
  };
  return [...members].sort((a, b) => lean(a) - lean(b));
}

/** Places a grid of boxes from (x, y), `cols` wide, rows as tall as their tallest box; returns its bottom. */
function grid(pos: Positions, nodes: GraphNode[], x: number, y: number, cols: number): number {
  let rowY = y;
  for (let start = 0; start < nodes.length; start += cols) {
    const row = nodes.slice(start, start + cols);
    row.forEach((n, i) => {
      pos[n.id] = { x: x + i * (NS_WIDTH + COL_GAP), y: rowY };
    });
    rowY += Math.max(...row.map((n) => nodeSize(n).h)) + ROW_GAP;
  }
  return rowY;
}

function tidyHost(model: GraphModel, group: string, pos: Positions): void {
  const children = model.nodes.filter((n) => n.kind !== "host" && n.parent === group);
  const hostns = children.find((n) => n.kind === "hostns");
  if (hostns) pos[hostns.id] = { x: GROUP_PAD, y: GROUP_HEADER };
  const by = bridgesY(hostns);
  const rowY = rowYUnder(by);
  const bridges = children.filter((n) => n.kind === "bridge");
  const order = new Map(bridges.map((b, i) => [b.id, i]));
  const namespaces = children.filter((n): n is NamespaceNode => n.kind === "namespace");
  let x = GROUP_PAD;
  bridges.forEach((b, i) => {
    const members = orderMembers(
      namespaces.filter((n) => n.home === b.id),
      order,
      i,
    );
    const cols = columnsFor(members.length);
    const gridW = members.length ? cols * NS_WIDTH + (cols - 1) * COL_GAP : 0;
    const width = Math.max(BRIDGE_WIDTH, gridW);
    pos[b.id] = { x: x + (width - BRIDGE_WIDTH) / 2, y: by };
    grid(pos, members, x + (width - gridW) / 2, rowY, cols);
    x += width + GROUP_GAP;
  });
  // Sandboxes cabled to no bridge (an overlay's namespace, its load balancer, ingress) in columns of
  // three once there are several: a swarm host stays narrow enough for several side by side.
  const loose = namespaces.filter((n) => !n.home || !order.has(n.home));
  grid(pos, loose, x, rowY, loose.length > 3 ? Math.ceil(loose.length / 3) : columnsFor(loose.length));
}

/** A layout from nothing, as "Tidy up" does. */
export function tidyLayout(model: GraphModel): Positions {
  const pos: Positions = {};
  const find = (kind: GraphNode["kind"]) => model.nodes.find((n) => n.kind === kind);
  // The internet on the left; the router, the LAN switch and the laptop in a column beside it.
  const internet = find("internet");
  const router = find("router");
  const sw = find("switch");
  const laptop = find("laptop");
  if (internet) pos[internet.id] = { x: 0, y: 0 };
  const routerH = router ? nodeSize(router).h : 0;
  const swH = sw ? nodeSize(sw).h : 0;
  if (router) pos[router.id] = { x: OUTSIDE_X, y: 0 };
  if (sw) pos[sw.id] = { x: OUTSIDE_X + 12, y: routerH + 56 };
  if (laptop) pos[laptop.id] = { x: OUTSIDE_X + 12, y: routerH + 56 + swH + 56 };
  let x = HOSTS_X;
  for (const host of model.nodes.filter((n) => n.kind === "host")) {
    pos[host.id] = { x, y: 0 };
    tidyHost(model, host.id, pos);
    const right = Math.max(
      HOSTNS_MIN_WIDTH,
      ...model.nodes
        .filter((n) => n.parent === host.id && pos[n.id])
        .map((n) => (pos[n.id]?.x ?? 0) + nodeSize(n).w),
    );
    x += right + GROUP_PAD + 80;
  }
  return pos;
}

function overlaps(a: Rect, b: Rect, margin: number): boolean {
  return (
    a.x < b.x + b.w + margin &&
    b.x < a.x + a.w + margin &&
    a.y < b.y + b.h + margin &&
    b.y < a.y + a.h + margin
  );
}

/**
 * Keeps every node where it was (or where the user dragged it) and finds places for new ones: a new
 * bridge to the right of its host's other boxes, a new container in the first free slot under its
 * bridge (the row first, then rows below), anything else where a tidy layout would put it if free.
 * Returns `previous` itself when no node moved, came or went.
 */
export function layout(model: GraphModel, previous: Positions | undefined, dragged: Positions): Positions {
  if (!previous) return { ...tidyLayout(model), ...pick(dragged, model) };
  const pos: Positions = {};
  const fresh: GraphNode[] = [];
  let moved = Object.keys(previous).length !== model.nodes.length;
  for (const n of model.nodes) {
    const kept = dragged[n.id] ?? previous[n.id];
    if (kept) pos[n.id] = kept;
    else fresh.push(n);
    if (kept !== previous[n.id]) moved = true;
  }
  if (!moved && fresh.length === 0) return previous;
  // The boxes already placed in each group (and outside any), which a new box must not overlap.
  const placed = new Map<string | undefined, { n: GraphNode; r: Rect }[]>();
  const place = (n: GraphNode, at: Point) => {
    pos[n.id] = at;
    if (n.kind === "host") return;
    const group = placed.get(n.parent);
    const box = { n, r: { ...at, ...nodeSize(n) } };
    if (group) group.push(box);
    else placed.set(n.parent, [box]);
  };
  for (const n of model.nodes) {
    const p = pos[n.id];
    if (p) place(n, p);
  }
  const free = (n: GraphNode, at: Point) => {
    const me = { ...at, ...nodeSize(n) };
    return (placed.get(n.parent) ?? []).every(({ r }) => !overlaps(me, r, 14));
  };
  // Where a tidy layout would put a node; computed only when a new node needs it.
  let tidy: Positions | undefined;
  const wanted = (n: GraphNode) => {
    tidy ??= tidyLayout(model);
    return tidy[n.id] ?? { x: GROUP_PAD, y: GROUP_HEADER };
  };
  // Bridges first: containers are placed under them.
  fresh.sort((a, b) => Number(b.kind === "bridge") - Number(a.kind === "bridge"));
  for (const n of fresh) {
    if (n.kind === "bridge") {
      const right = Math.max(
        GROUP_PAD - GROUP_GAP,
        ...(placed.get(n.parent) ?? []).filter(({ n: o }) => o.kind !== "hostns").map(({ r }) => r.x + r.w),
      );
      place(n, { x: right + GROUP_GAP, y: wanted(n).y });
    } else if (n.kind === "namespace") {
      place(
        n,
        slotFor(n, pos, free, () => wanted(n)),
      );
    } else place(n, wanted(n));
  }
  return pos;
}

function pick(positions: Positions, model: GraphModel): Positions {
  const out: Positions = {};
  for (const n of model.nodes) {
    const p = positions[n.id];
    if (p) out[n.id] = p;
  }
  return out;
}

function slotFor(
  n: NamespaceNode,
  pos: Positions,
  free: (n: GraphNode, at: Point) => boolean,
  wantedOf: () => Point,
): Point {
  const home = n.home ? pos[n.home] : undefined;
  const pitch = NS_WIDTH + COL_GAP;
  if (home) {
    const baseY = rowYUnder(home.y);
    const centre = home.x + BRIDGE_WIDTH / 2 - NS_WIDTH / 2;
    const rowPitch = nodeSize(n).h + ROW_GAP;
    for (let row = 0; row < 50; row++) {
      for (const k of [0, 1, -1, 2, -2, 3, -3, 4, -4]) {
        const at = { x: centre + k * pitch, y: baseY + row * rowPitch };
        if (at.x >= GROUP_PAD && free(n, at)) return at;
      }
    }
  }
  const wanted = wantedOf();
  if (free(n, wanted)) return wanted;
  // To the right of everything in the containers' row.
  let x = wanted.x;
  while (!free(n, { x, y: wanted.y }) && x < 100_000) x += pitch / 2;
  return { x, y: wanted.y };
}

/**
 * A bridge reaches over the row of containers hanging from it, so their cables drop straight; it
 * never reaches past halfway to a neighbouring bridge. Positions are relative to the group.
 */
function bridgeSpan(model: GraphModel, pos: Positions, id: string): { x: number; w: number } {
  const me = pos[id] ?? { x: 0, y: 0 };
  let lo = me.x;
  let hi = me.x + BRIDGE_WIDTH;
  for (const n of model.nodes) {
    const p = pos[n.id];
    if (n.kind !== "namespace" || n.home !== id || !p) continue;
    if (p.y < me.y || p.y > me.y + BRIDGE_HEIGHT + CABLE_DROP + 40) continue;
    lo = Math.min(lo, p.x + 20);
    hi = Math.max(hi, p.x + NS_WIDTH - 20);
  }
  for (const n of model.nodes) {
    const p = pos[n.id];
    if (n.kind !== "bridge" || n.id === id || !p || Math.abs(p.y - me.y) > BRIDGE_HEIGHT) continue;
    if (p.x >= me.x) hi = Math.min(hi, Math.max(me.x + BRIDGE_WIDTH, (me.x + BRIDGE_WIDTH + p.x) / 2 - 12));
    else lo = Math.max(lo, Math.min(me.x, (p.x + BRIDGE_WIDTH + me.x) / 2 + 12));
  }
  return { x: lo, w: hi - lo };
}

/**
 * Absolute rectangles of every node: children offset by their group, the host namespace stretched
 * over the bridges it owns, each group around its children.
 */
export function rectsOf(model: GraphModel, pos: Positions): Record<string, Rect> {
  const rects: Record<string, Rect> = {};
  for (const host of model.nodes.filter((n) => n.kind === "host")) {
    const origin = pos[host.id] ?? { x: 0, y: 0 };
    const children = model.nodes.filter((n) => n.parent === host.id);
    let w = HOSTNS_MIN_WIDTH + 2 * GROUP_PAD;
    let h = GROUP_HEADER + GROUP_PAD;
    const bridgesRight = Math.max(
      0,
      ...children
        .filter((c) => c.kind === "bridge")
        .map((c) => {
          const span = bridgeSpan(model, pos, c.id);
          return span.x + span.w;
        }),
    );
    for (const c of children) {
      const p = pos[c.id] ?? { x: GROUP_PAD, y: GROUP_HEADER };
      const size = nodeSize(c);
      if (c.kind === "hostns") size.w = Math.max(size.w, bridgesRight - p.x);
      const span = c.kind === "bridge" ? bridgeSpan(model, pos, c.id) : { x: p.x, w: size.w };
      rects[c.id] = { x: origin.x + span.x, y: origin.y + p.y, w: span.w, h: size.h };
      w = Math.max(w, span.x + span.w + GROUP_PAD);
      h = Math.max(h, p.y + size.h + GROUP_PAD);
    }
    rects[host.id] = { ...origin, w, h };
  }
  for (const n of model.nodes) {
    if (rects[n.id]) continue;
    rects[n.id] = { ...(pos[n.id] ?? { x: 0, y: 0 }), ...nodeSize(n) };
  }
  return rects;
}
