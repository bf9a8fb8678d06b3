/**
 * A deterministic first layout: the host namespace on top, bridges in a row below it, and each
 * namespace in a column under the bridge its first cable goes to. Positions the user dragged win.
 */
import type { GraphModel } from "./model";

export interface Point {
  x: number;
  y: number;
}

const COLUMN = 260;
const ROW = 170;

export function layout(model: GraphModel, dragged: Record<string, Point>): Record<string, Point> {
  const pos: Record<string, Point> = {};
  const bridges = model.nodes.filter((n) => n.kind === "bridge");
  const hosts = model.nodes.filter((n) => n.kind === "host");
  hosts.forEach((h, i) => {
    pos[h.id] = { x: i * COLUMN * 4, y: 0 };
  });
  bridges.forEach((b, i) => {
    pos[b.id] = { x: i * COLUMN * 1.6, y: 190 };
  });
  const perBridge = new Map<string, number>();
  let loose = 0;
  for (const n of model.nodes) {
    if (n.kind !== "namespace") continue;
    const edge = model.edges.find((e) => e.target === n.id);
    const anchor = edge ? pos[edge.source] : undefined;
    if (edge && anchor) {
      const k = perBridge.get(edge.source) ?? 0;
      perBridge.set(edge.source, k + 1);
      pos[n.id] = { x: anchor.x + (k % 2) * (COLUMN * 0.8), y: anchor.y + ROW + Math.floor(k / 2) * ROW };
    } else {
      pos[n.id] = {
        x: (bridges.length + 0.5) * COLUMN * 1.6 + (loose % 2) * COLUMN * 0.8,
        y: 190 + Math.floor(loose / 2) * ROW,
      };
      loose++;
    }
  }
  for (const [id, p] of Object.entries(dragged)) if (pos[id]) pos[id] = p;
  return pos;
}
