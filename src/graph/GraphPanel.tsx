/** The graph canvas: the world's namespaces, bridges and veth cables, draggable, following every command. */
import {
  applyNodeChanges,
  Background,
  Controls,
  type Edge,
  MiniMap,
  type Node,
  ReactFlow,
} from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import { useLab } from "../store/lab-store";
import { layout } from "./layout";
import { graphModel } from "./model";
import { nodeTypes } from "./nodes";

export function GraphPanel({ theme }: { theme: "light" | "dark" }) {
  const world = useLab((s) => s.lab.world);
  const revision = useLab((s) => s.revision);
  const positions = useLab((s) => s.positions);
  const setPosition = useLab((s) => s.setPosition);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the world is mutated in place; revision marks changes.
  const model = useMemo(() => graphModel(world), [world, revision]);
  const derived: Node[] = useMemo(() => {
    const pos = layout(model, positions);
    return model.nodes.map((n) => ({
      id: n.id,
      type: n.kind,
      position: pos[n.id] ?? { x: 0, y: 0 },
      data: n,
    }));
  }, [model, positions]);
  // React Flow moves nodes while they are dragged; the store keeps where they were dropped.
  const [nodes, setNodes] = useState(derived);
  useEffect(() => setNodes(derived), [derived]);
  const edges: Edge[] = useMemo(
    () =>
      model.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        label: `${e.sourceLabel} ⇄ ${e.targetLabel}`,
        labelStyle: { fontFamily: "var(--font-mono)", fontSize: 11 },
      })),
    [model],
  );
  return (
    <section aria-label="Network graph" className="h-full w-full">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        colorMode={theme}
        fitView
        minZoom={0.2}
        onNodeDragStop={(_, node) => setPosition(node.id, node.position)}
        onNodesChange={(changes) => setNodes((current) => applyNodeChanges(changes, current))}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls />
        <MiniMap pannable zoomable />
      </ReactFlow>
    </section>
  );
}
