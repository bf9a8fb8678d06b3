/**
 * Zoomed out, when several hosts side by side make every box's text too small to read, each
 * Docker host's name and eth0 address over its top-left corner, at a size that stays readable.
 */
import { useStore, ViewportPortal } from "@xyflow/react";
import type { Drawing } from "../view/cables";
import type { GraphModel } from "../view/graph-model";
import { NEAR_ZOOM } from "./detail";

export function HostLabels({ model, drawing }: { model: GraphModel; drawing: Drawing }) {
  const zoom = useStore((s) => s.transform[2]);
  if (zoom >= NEAR_ZOOM) return null;
  const scale = Math.min(4, 0.8 / zoom);
  return (
    <ViewportPortal>
      {model.nodes.map((n) => {
        const r = drawing.rects[n.id];
        if (n.kind !== "host" || !r) return null;
        return (
          <div
            key={n.id}
            className="dnl-host-label"
            aria-hidden
            style={{ transform: `translate(${r.x + 6}px, ${r.y + 4}px) scale(${scale})` }}
          >
            {n.hostname} <span className="dnl-muted">{n.address}</span>
          </div>
        );
      })}
    </ViewportPortal>
  );
}
