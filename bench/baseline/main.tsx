/**
 * The baseline the lab's graph is compared with: an empty React Flow page with the lab's geometry
 * (as many nodes, of the same sizes and at the same places, the same edges, canvas size, viewport and
 * chrome) but plain nodes (a box, a line of text, two handles) and nothing else on the page. The benchmark measures the lab first, then
 * hands its geometry to this page in `window.__geometry` before the page loads. With `token`, one
 * token moves along the first edge, as a packet animation would.
 */
import {
  Background,
  BaseEdge,
  Controls,
  type Edge,
  type EdgeProps,
  getBezierPath,
  Handle,
  MiniMap,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
  useNodesState,
  ViewportPortal,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { memo, useEffect, useRef } from "react";
import { createRoot } from "react-dom/client";

export interface Geometry {
  width: number;
  height: number;
  viewport: { x: number; y: number; zoom: number };
  nodes: { id: string; x: number; y: number; width: number; height: number }[];
  edges: { source: string; target: string; label: boolean }[];
  minimap: boolean;
  controls: boolean;
  background: boolean;
  token: boolean;
}

/** The edge a token travels: the token is a dot in the viewport's HTML layer, moved every frame by
 * its transform alone, the cheapest way to animate on top of React Flow. */
function TokenEdge(props: EdgeProps) {
  const [path] = getBezierPath(props);
  const track = useRef<SVGPathElement>(null);
  const dot = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let frame = 0;
    const tick = (now: number) => {
      if (track.current && dot.current) {
        const p = track.current.getPointAtLength(((now / 1000) % 1) * track.current.getTotalLength());
        dot.current.style.transform = `translate(${p.x - 6}px, ${p.y - 6}px)`;
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <>
      <BaseEdge id={props.id} path={path} />
      <path ref={track} d={path} fill="none" stroke="none" />
      <ViewportPortal>
        <div
          ref={dot}
          style={{ position: "absolute", width: 12, height: 12, borderRadius: 6, background: "#f59e0b" }}
        />
      </ViewportPortal>
    </>
  );
}

const PlainNode = memo(({ data }: NodeProps) => (
  <div
    style={{
      width: "100%",
      height: "100%",
      boxSizing: "border-box",
      padding: 4,
      border: "1px solid #94a3b8",
      borderRadius: 6,
      background: "#fff",
      fontSize: 12,
    }}
  >
    <Handle type="target" position={Position.Top} />
    {String(data.label)}
    <Handle type="source" position={Position.Bottom} />
  </div>
));

// Props React Flow copies into its store are kept stable, as every change reruns every node's selector.
const nodeTypes = { plain: PlainNode };
const proOptions = { hideAttribution: true };
const edgeTypes = { token: TokenEdge };

function nodesOf(g: Geometry): Node[] {
  return g.nodes.map((n) => ({
    id: n.id,
    type: "plain",
    position: { x: n.x, y: n.y },
    data: { label: n.id },
    style: { width: n.width, height: n.height },
  }));
}

function edgesOf(g: Geometry): Edge[] {
  return g.edges.map((e, i) => ({
    id: `e${i}`,
    source: e.source,
    target: e.target,
    ...(g.token && i === 0 ? { type: "token" } : {}),
    ...(e.label ? { label: `veth${i} ⇄ eth0@if${i}` } : {}),
  }));
}

function Baseline({ g, edges }: { g: Geometry; edges: Edge[] }) {
  const [nodes, , onNodesChange] = useNodesState<Node>(nodesOf(g));
  return (
    <div style={{ width: g.width, height: g.height }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        defaultViewport={g.viewport}
        minZoom={0.05}
        proOptions={proOptions}
      >
        {g.background && <Background />}
        {g.controls && <Controls />}
        {g.minimap && <MiniMap />}
      </ReactFlow>
    </div>
  );
}

const geometry = (window as { __geometry?: Geometry }).__geometry;
const root = document.getElementById("root");
if (!root || !geometry) throw new Error("the baseline needs #root and window.__geometry");
createRoot(root).render(<Baseline g={geometry} edges={edgesOf(geometry)} />);
