/**
 * Cables. A veth cable is labelled with its bridge-side name (vethXXXX@ifN) just under the bridge,
 * the container side's name being the chip on the container's border; cables between machines have
 * chips at both ends. The path is the one route.ts computes, so packets travel exactly on it. The
 * label is SVG text in the cable's own drawing (no HTML portal per cable), left out when zoomed out.
 */
import { BaseEdge, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useLessonUi } from "../store/lesson-ui";
import { cablePath } from "../view/cables";
import type { Point, PortPlace } from "../view/geometry";
import type { GraphEdge } from "../view/graph-model";
import { useNear } from "./detail";

export interface EdgeData extends Record<string, unknown> {
  edge: GraphEdge;
  /** The ports at each end, from their node's top-left corner (where React Flow's one handle is). */
  from: PortPlace;
  to: PortPlace;
  gutter?: number;
  /** Where the gutter was computed for; a cable being dragged elsewhere drops straight. */
  laidFor?: Point;
  lit: boolean;
  /** 0 for the first cable into its target's side, 1 for the next …: their labels are stacked, not piled. */
  labelRow: number;
}

function svgPath(points: Point[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x},${p.y}`).join(" ");
}

const CableEdge = memo((props: EdgeProps & { data: EdgeData }) => {
  const { sourceX, sourceY, targetX, targetY, data, selected } = props;
  const detailed = useNear();
  // A veth pair is the endpoint joining a sandbox to a network, in the CNM's words.
  const cnm = useLessonUi((s) => s.cnm);
  // sourceX/Y and targetX/Y are the corners of the two nodes, wherever they are being dragged.
  const a = { x: sourceX + data.from.x, y: sourceY + data.from.y, side: data.from.side };
  const b = { x: targetX + data.to.x, y: targetY + data.to.y, side: data.to.side };
  const near = data.laidFor && Math.abs(data.laidFor.x - b.x) < 2 && Math.abs(data.laidFor.y - b.y) < 2;
  const points = cablePath(a, b, near ? data.gutter : undefined);
  const e = data.edge;
  // The bridge-side label goes at the top of the drop into the target (for a cable down a gutter,
  // in the gap above the target's row, where no other label is).
  const drop = near && data.gutter !== undefined ? points[points.length - 3] : points[points.length - 2];
  const labelAt = drop && (near && data.gutter !== undefined ? { x: drop.x, y: drop.y - 26 } : drop);
  const showLabel = detailed && e.kind === "veth" && e.sourceLabel && labelAt;
  const className = `dnl-cable dnl-cable-${e.kind}${data.lit ? " dnl-cable-lit" : ""}${selected ? " dnl-cable-selected" : ""}`;
  return (
    <>
      <BaseEdge id={props.id} path={svgPath(points)} className={className} interactionWidth={14} />
      {showLabel && (
        // Centred under the point, its 14px line starting 4px below it (stacked 15px apart).
        <text
          className="dnl-cable-label"
          data-cable={props.id}
          x={labelAt.x}
          y={labelAt.y + 4 + data.labelRow * 15 + 7}
          textAnchor="middle"
          dominantBaseline="central"
        >
          {cnm ? `endpoint ${e.sourceLabel}` : e.sourceLabel}
        </text>
      )}
    </>
  );
});

export const edgeTypes = { cable: CableEdge };
