/**
 * Cables. A veth cable is labelled with its bridge-side name (vethXXXX@ifN) just under the bridge,
 * the container side's name being the chip on the container's border; cables between machines have
 * chips at both ends. The path is the one route.ts computes, so packets travel exactly on it.
 */
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, Position } from "@xyflow/react";
import { memo } from "react";
import type { Point, Side } from "./geometry";
import type { GraphEdge } from "./model";
import { cablePath } from "./route";

export interface EdgeData extends Record<string, unknown> {
  edge: GraphEdge;
  gutter?: number;
  /** Where the gutter was computed for; a cable being dragged elsewhere drops straight. */
  laidFor?: Point;
  lit: boolean;
  /** 0 for the first cable into its target's side, 1 for the next …: their labels are stacked, not piled. */
  labelRow: number;
}

const SIDE: Record<Position, Side> = {
  [Position.Top]: "top",
  [Position.Bottom]: "bottom",
  [Position.Left]: "left",
  [Position.Right]: "right",
};

function svgPath(points: Point[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x},${p.y}`).join(" ");
}

export const CableEdge = memo((props: EdgeProps & { data: EdgeData }) => {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const near =
    data.laidFor && Math.abs(data.laidFor.x - targetX) < 2 && Math.abs(data.laidFor.y - targetY) < 2;
  const points = cablePath(
    { x: sourceX, y: sourceY, side: SIDE[sourcePosition] },
    { x: targetX, y: targetY, side: SIDE[targetPosition] },
    near ? data.gutter : undefined,
  );
  const e = data.edge;
  // The bridge-side label goes at the top of the drop into the target (for a cable down a gutter,
  // in the gap above the target's row, where no other label is).
  const drop = near && data.gutter !== undefined ? points[points.length - 3] : points[points.length - 2];
  const labelAt = drop && (near && data.gutter !== undefined ? { x: drop.x, y: drop.y - 26 } : drop);
  const showLabel = e.kind === "veth" && e.sourceLabel && labelAt;
  const className = `dnl-cable dnl-cable-${e.kind}${data.lit ? " dnl-cable-lit" : ""}${selected ? " dnl-cable-selected" : ""}`;
  return (
    <>
      <BaseEdge id={props.id} path={svgPath(points)} className={className} interactionWidth={14} />
      {showLabel && (
        <EdgeLabelRenderer>
          <div
            className="dnl-cable-label nodrag nopan"
            data-cable={props.id}
            style={{
              transform: `translate(-50%, 0) translate(${labelAt.x}px, ${labelAt.y + 4 + data.labelRow * 15}px)`,
            }}
          >
            {e.sourceLabel}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const edgeTypes = { cable: CableEdge };
