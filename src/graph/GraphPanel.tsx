/**
 * The graph panel: the world drawn from its model (derived once per revision), laid out stably,
 * draggable; the packets of the last command moving over it hop by hop; the playback bar, the
 * event list and the legend. Node and edge objects are reused while unchanged, so React Flow only
 * re-renders what a command changed.
 */
import {
  applyNodeChanges,
  Background,
  ConnectionMode,
  Controls,
  type Edge,
  MiniMap,
  type Node,
  type NodeChange,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
} from "@xyflow/react";
import type { TFunction } from "i18next";
import { memo, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Protocol } from "../engine/packet/types";
import { useGraphModel } from "../store/graph-model";
import { type Selection, useLab } from "../store/lab-store";
import { useLens } from "../store/lens";
import { usePlayer } from "../store/player";
import { anchorPoint, type Drawing, draw } from "../view/cables";
import type { PortPlace, Rect } from "../view/geometry";
import type { GraphModel, GraphNode } from "../view/graph-model";
import { layout, type Positions, rectsOf } from "../view/layout";
import { type LensView, lensView } from "../view/lens";
import { hopsOf, placeName } from "../view/packet-tokens";
import { lanesRect } from "../view/tunnels";
import { DetailProvider } from "./detail";
import { EventList } from "./EventList";
import { type EdgeData, edgeTypes } from "./edges";
import { HostLabels } from "./HostLabels";
import { LensSwitch } from "./LensSwitch";
import { labelOf, type NodeData, nodeTypes } from "./nodes";
import { PacketLayer, PROTOCOL_STYLE } from "./PacketLayer";
import { PlaybackBar } from "./PlaybackBar";
import { ReachPanel } from "./ReachPanel";
import { StoryPanel } from "./StoryPanel";
import { TunnelLayer } from "./TunnelLayer";
import { useDiagramSource } from "./use-diagram-source";
import "./graph.css";

/** Names a node answers to, for the highlight of what the last command touched. */
function namesOf(n: GraphNode): string[] {
  switch (n.kind) {
    case "namespace":
      return [n.title, ...n.members];
    case "bridge":
      return [n.name, ...(n.network ? [n.network] : [])];
    case "hostns":
      return n.hostMode;
    default:
      return [];
  }
}

function samePlaces(a: Record<string, PortPlace>, b: Record<string, PortPlace>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const p = a[k];
    const q = b[k];
    return p && q && p.side === q.side && p.x === q.x && p.y === q.y;
  });
}

/**
 * React Flow's nodes for the drawing. A node whose content and place did not change is the object
 * of the last call (`last`), so React Flow redraws only what a command changed.
 */
function toNodes(
  model: GraphModel,
  drawing: Drawing,
  lit: Set<string>,
  selected: string | undefined,
  last: Map<string, Node<NodeData>>,
  t: TFunction,
  lenses: Record<string, { view: LensView; key: string }> | undefined,
): Node<NodeData>[] {
  return model.nodes.map((n) => {
    const r = drawing.rects[n.id] as Rect;
    // Where the layout drew it (a bridge reaches left over its containers), relative to its group.
    const origin = n.parent ? drawing.rects[n.parent] : undefined;
    const position = origin ? { x: r.x - origin.x, y: r.y - origin.y } : { x: r.x, y: r.y };
    const old = last.get(n.id);
    const drawn = drawing.places[n.id] ?? {};
    const places = old && samePlaces(old.data.places, drawn) ? old.data.places : drawn;
    const isLit = namesOf(n).some((x) => lit.has(x));
    const isSelected = selected === n.id;
    const ariaLabel = labelOf(n, t);
    const lens = lenses?.[n.id];
    if (
      old &&
      old.ariaLabel === ariaLabel &&
      old.data.lensKey === lens?.key &&
      old.data.node === n &&
      old.data.places === places &&
      old.data.lit === isLit &&
      old.selected === isSelected &&
      old.position.x === position.x &&
      old.position.y === position.y &&
      old.width === r.w &&
      old.height === r.h
    )
      return old;
    return {
      id: n.id,
      type: n.kind,
      position,
      data: { node: n, places, lit: isLit, ...(lens ? { lens: lens.view, lensKey: lens.key } : {}) },
      width: r.w,
      height: r.h,
      // As React Flow measured it: a node it knows keeps its handle (at its corner, where it
      // always is) instead of being hidden and measured again, and its cables stay drawn.
      measured: { width: r.w, height: r.h },
      ariaLabel,
      selected: isSelected,
      ...(n.parent ? { parentId: n.parent, extent: "parent" as const } : {}),
      ...(n.kind === "host" ? { zIndex: -1, className: "dnl-group-node" } : {}),
    };
  });
}

function samePlace(a: PortPlace | undefined, b: PortPlace | undefined): boolean {
  return a === b || (!!a && !!b && a.side === b.side && a.x === b.x && a.y === b.y);
}

/** React Flow's edges for the drawing; unchanged ones are the objects of the last call, as for nodes. */
function toEdges(
  model: GraphModel,
  drawing: Drawing,
  litNodes: Set<string>,
  selected: string | undefined,
  last: Map<string, Edge<EdgeData>>,
  t: TFunction,
): Edge<EdgeData>[] {
  const intoNode = new Map<string, number>();
  return model.edges.flatMap((e) => {
    const labelRow = intoNode.get(e.target) ?? 0;
    intoNode.set(e.target, labelRow + 1);
    const from = drawing.places[e.source]?.[e.sourcePort];
    const to = drawing.places[e.target]?.[e.targetPort];
    if (!from || !to) return [];
    const laidFor = anchorPoint(model, drawing.rects, drawing.places, { node: e.target, port: e.targetPort });
    const gutter = drawing.gutters[e.id];
    const lit = litNodes.has(e.target);
    const isSelected = selected === e.id;
    const old = last.get(e.id);
    const d = old?.data;
    const ariaLabel =
      e.kind === "uplink"
        ? t("graph.label.uplink", { bridge: e.target })
        : t("graph.label.cable", { from: e.sourceLabel, to: e.targetLabel });
    if (
      old &&
      old.ariaLabel === ariaLabel &&
      d &&
      d.edge === e &&
      samePlace(d.from, from) &&
      samePlace(d.to, to) &&
      d.gutter === gutter &&
      d.laidFor?.x === laidFor?.x &&
      d.laidFor?.y === laidFor?.y &&
      d.lit === lit &&
      d.labelRow === labelRow &&
      old.selected === isSelected
    )
      return [old];
    return [
      {
        id: e.id,
        type: "cable",
        source: e.source,
        target: e.target,
        selected: isSelected,
        ariaLabel,
        data: {
          edge: e,
          from,
          to,
          ...(gutter !== undefined ? { gutter } : {}),
          ...(laidFor ? { laidFor: { x: laidFor.x, y: laidFor.y } } : {}),
          lit,
          labelRow,
        },
      },
    ];
  });
}

/** Items by id, to compare the next derivation with. */
function byId<T extends { id: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((x) => [x.id, x]));
}

function reducedMotion(): boolean {
  return typeof matchMedia !== "undefined" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** Fits the view when new nodes appear outside it; otherwise leaves the viewer's pan and zoom alone. */
function useFollow(model: GraphModel, rects: Record<string, Rect>, refit: string) {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const known = useRef<Set<string> | undefined>(undefined);
  const lastRefit = useRef(refit);
  const fitted = useRef(false);
  useEffect(() => {
    const ids = new Set(model.nodes.map((n) => n.id));
    const before = known.current;
    known.current = ids;
    const duration = reducedMotion() ? 0 : 300;
    // Fit to the layout's own rectangles: React Flow's fitView only sees nodes it has measured.
    const all = Object.values(rects);
    const x0 = Math.min(...all.map((r) => r.x));
    const y0 = Math.min(...all.map((r) => r.y));
    const bounds = {
      x: x0,
      y: y0,
      width: Math.max(...all.map((r) => r.x + r.w)) - x0,
      height: Math.max(...all.map((r) => r.y + r.h)) - y0,
    };
    const fit = () => flow.fitBounds(bounds, { padding: 0.06, duration });
    if (lastRefit.current !== refit) {
      lastRefit.current = refit;
      // After the panel beside the graph has taken its room.
      setTimeout(fit, 80);
      return;
    }
    if (width === 0) return;
    if (!fitted.current) {
      // The first view: nodes outside it would never be drawn (only visible elements are), so fit them all.
      fitted.current = true;
      flow.fitBounds(bounds, { padding: 0.06, duration: 0 });
      return;
    }
    if (!before) return;
    const { x, y, zoom } = flow.getViewport();
    const view = { x: -x / zoom, y: -y / zoom, w: width / zoom, h: height / zoom };
    const outside = [...ids].some((id) => {
      if (before.has(id)) return false;
      const r = rects[id];
      return (
        r && (r.x < view.x || r.y < view.y || r.x + r.w > view.x + view.w || r.y + r.h > view.y + view.h)
      );
    });
    if (outside) requestAnimationFrame(fit);
  }, [model, rects, flow, width, height, refit]);
}

/** What shows beside the graph: the event list, the story of the packets, or who can reach whom. */
type Side = "events" | "story" | "reach";

function Legend() {
  const { t } = useTranslation();
  return (
    <div
      role="note"
      aria-label={t("playback.legend")}
      className="rounded border border-slate-300 bg-white/95 p-2 text-xs shadow dark:border-slate-700 dark:bg-slate-900/95"
    >
      <div className="mb-1 font-semibold">{t("legend.packets")}</div>
      <ul className="space-y-0.5">
        {(Object.keys(PROTOCOL_STYLE) as Protocol[]).map((name) => (
          <li key={name} className="flex items-center gap-1.5">
            <span
              className="rounded px-1 font-mono font-bold"
              style={{ background: PROTOCOL_STYLE[name].color, color: PROTOCOL_STYLE[name].text }}
            >
              {name}
            </span>
            {t(`legend.meanings.${name}`)}
          </li>
        ))}
        <li className="flex items-center gap-1.5">
          <span className="inline-block h-4 w-4 rounded-full bg-[#d55e00] text-center font-bold leading-4 text-white">
            ✕
          </span>
          {t("legend.dropped")}
        </li>
      </ul>
      <div className="mt-1.5 mb-0.5 font-semibold">{t("legend.boxes")}</div>
      <ul className="space-y-0.5">
        <li>
          <span className="font-mono text-emerald-700 dark:text-emerald-400">■</span> {t("legend.container")}{" "}
          · <span className="font-mono text-violet-600 dark:text-violet-400">■</span> {t("legend.netns")} ·{" "}
          <span className="font-mono text-sky-700 dark:text-sky-400">■</span> {t("legend.bridge")}
        </li>
        <li>{t("legend.stopped")}</li>
        <li>
          <span className="rounded border border-[#d55e00] px-0.5 font-mono text-[10px] font-bold text-[#a84300] dark:text-[#ff9a5c]">
            SNAT
          </span>{" "}
          <span className="rounded border border-[#d55e00] px-0.5 font-mono text-[10px] font-bold text-[#a84300] dark:text-[#ff9a5c]">
            DNAT
          </span>{" "}
          {t("legend.nat")}
        </li>
      </ul>
    </div>
  );
}

// Props React Flow copies into its store are kept stable: each change reruns every node's and edge's selector.
const proOptions = { hideAttribution: true };

/**
 * React Flow with the graph's nodes and cables. It moves nodes while they are dragged, in this
 * component's state alone (the store keeps where they were dropped), so that a drag redraws the
 * flow and not the panel around it; `children` (the packets, the controls) are the panel's.
 */
const Flow = memo(function Flow({
  derived,
  edges,
  theme,
  onNodeDragStop,
  onSelect,
  children,
}: {
  derived: Node<NodeData>[];
  edges: Edge<EdgeData>[];
  theme: "light" | "dark";
  onNodeDragStop: (event: unknown, node: Node, moved: Node[]) => void;
  onSelect: (selection: Selection | null) => void;
  children: ReactNode;
}) {
  const [flow, setFlow] = useState({ derived, nodes: derived });
  // A new derivation replaces the dragged copies at once, in this render (not an effect and a second one).
  if (flow.derived !== derived) setFlow({ derived, nodes: derived });
  const nodes = flow.derived === derived ? flow.nodes : derived;
  const onNodesChange = useCallback(
    (changes: NodeChange<Node<NodeData>>[]) =>
      setFlow((f) => ({ derived: f.derived, nodes: applyNodeChanges(changes, f.nodes) })),
    [],
  );
  const onNodeClick = useCallback((_: unknown, n: Node) => onSelect({ kind: "node", id: n.id }), [onSelect]);
  const onEdgeClick = useCallback((_: unknown, e: Edge) => onSelect({ kind: "edge", id: e.id }), [onSelect]);
  const onPaneClick = useCallback(() => onSelect(null), [onSelect]);
  const { t } = useTranslation();
  const ariaLabelConfig = useMemo(
    () => ({
      "controls.ariaLabel": t("graph.controls.panel"),
      "controls.zoomIn.ariaLabel": t("graph.controls.zoomIn"),
      "controls.zoomOut.ariaLabel": t("graph.controls.zoomOut"),
      "controls.fitView.ariaLabel": t("graph.controls.fitView"),
      "minimap.ariaLabel": t("graph.controls.minimap"),
    }),
    [t],
  );
  return (
    <ReactFlow
      ariaLabelConfig={ariaLabelConfig}
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      colorMode={theme}
      connectionMode={ConnectionMode.Loose}
      nodesConnectable={false}
      onlyRenderVisibleElements
      minZoom={0.1}
      maxZoom={4}
      onNodesChange={onNodesChange}
      onNodeDragStop={onNodeDragStop}
      onNodeClick={onNodeClick}
      onEdgeClick={onEdgeClick}
      onPaneClick={onPaneClick}
      proOptions={proOptions}
    >
      {children}
    </ReactFlow>
  );
});

function Graph({ theme }: { theme: "light" | "dark" }) {
  const { t, i18n } = useTranslation();
  const model = useGraphModel();
  const dragged = useLab((s) => s.positions);
  const setPosition = useLab((s) => s.setPosition);
  const clearPositions = useLab((s) => s.clearPositions);
  const highlight = useLab((s) => s.highlight);
  const selection = useLab((s) => s.selection);
  const select = useLab((s) => s.select);
  // The hop on screen is read by the packet layer, the bar and the event list themselves, so that a
  // hop redraws them only, not the nodes and cables.
  const traces = usePlayer((s) => s.traces);
  const [tidied, setTidied] = useState(0);
  // Beside the graph: the event list or the reachability matrix, one at a time.
  const [side, setSide] = useState<Side | undefined>(() =>
    typeof innerWidth !== "undefined" && innerWidth >= 1600 ? "events" : undefined,
  );
  const eventsOpen = side === "events";
  const toggleSide = (which: Side) => setSide((open) => (open === which ? undefined : which));
  const [legendOpen, setLegendOpen] = useState(false);
  // Room for a minimap only on a wide screen (a projector); on a laptop it would cover the graph.
  const [mapOpen, setMapOpen] = useState(() => typeof innerWidth !== "undefined" && innerWidth >= 1600);

  const placed = useRef<Positions | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tidied` asks for a layout from nothing.
  const positions = useMemo(() => {
    const next = layout(model, placed.current, dragged);
    placed.current = next;
    return next;
  }, [model, dragged, tidied]);
  const rects = useMemo(() => rectsOf(model, positions), [model, positions]);
  const drawing = useMemo(() => draw(model, rects), [model, rects]);
  const lit = useMemo(() => new Set(highlight), [highlight]);
  const selectedId = selection?.kind === "hop" ? undefined : selection?.id;
  const lens = useLens((s) => s.lens);
  const world = useLab((s) => s.lab.world);
  const revision = useLab((s) => s.revision);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the world changes in place; the revision says when (an ARP cache, not the model).
  const lenses = useMemo(() => {
    if (lens === "all") return undefined;
    const out: Record<string, { view: LensView; key: string }> = {};
    for (const n of model.nodes) {
      const view = lensView(world, n, lens);
      if (view) out[n.id] = { view, key: JSON.stringify(view) };
    }
    return out;
  }, [model, world, revision, lens]);
  const lastNodes = useRef(new Map<string, Node<NodeData>>());
  const derivedNodes = useMemo(() => {
    const next = toNodes(model, drawing, lit, selectedId, lastNodes.current, t, lenses);
    lastNodes.current = byId(next);
    return next;
  }, [model, drawing, lit, selectedId, t, lenses]);
  const litNodes = useMemo(
    () => new Set(derivedNodes.filter((n) => n.data.lit).map((n) => n.id)),
    [derivedNodes],
  );
  const lastEdges = useRef(new Map<string, Edge<EdgeData>>());
  const edges = useMemo(() => {
    const next = toEdges(model, drawing, litNodes, selectedId, lastEdges.current, t);
    lastEdges.current = byId(next);
    return next;
  }, [model, drawing, litNodes, selectedId, t]);
  // A tidy-up or a panel opening beside the graph fits the view again.
  const fitted = useMemo(() => {
    const lanes = lanesRect(drawing.tunnels);
    return lanes ? { ...rects, tunnels: lanes } : rects;
  }, [rects, drawing]);
  useFollow(model, fitted, `${tidied}:${side}`);
  const flowBox = useRef<HTMLDivElement>(null);
  useDiagramSource(flowBox, rects);

  // biome-ignore lint/correctness/useExhaustiveDependencies: placeName() words a bridge's port in i18n's language.
  const rows = useMemo(
    () => hopsOf(traces).flat.map((f) => ({ hop: f.at, where: placeName(model, f.at.netns, f.at.ifname) })),
    [traces, model, i18n.language],
  );
  const pickHop = useCallback(
    (index: number) => {
      usePlayer.getState().seek(index);
      select({ kind: "hop", id: String(index) });
    },
    [select],
  );
  const onNodeDragStop = useCallback(
    (_: unknown, __: unknown, moved: Node[]) => {
      for (const n of moved) setPosition(n.id, n.position);
    },
    [setPosition],
  );
  const tidy = () => {
    clearPositions();
    placed.current = undefined;
    setTidied((n) => n + 1);
  };

  return (
    <div className="dnl-graph flex h-full min-h-0 w-full flex-col">
      <PlaybackBar
        rows={rows}
        eventsOpen={eventsOpen}
        reachOpen={side === "reach"}
        storyOpen={side === "story"}
        legendOpen={legendOpen}
        mapOpen={mapOpen}
        onEvents={() => toggleSide("events")}
        onReach={() => toggleSide("reach")}
        onStory={() => toggleSide("story")}
        onLegend={() => setLegendOpen((o) => !o)}
        onMap={() => setMapOpen((o) => !o)}
        onTidy={tidy}
      />
      <div className="flex min-h-0 flex-1">
        <div ref={flowBox} className="relative min-w-0 flex-1">
          <DetailProvider>
            <Flow
              derived={derivedNodes}
              edges={edges}
              theme={theme}
              onNodeDragStop={onNodeDragStop}
              onSelect={select}
            >
              <Background gap={24} />
              <Controls showInteractive={false} position="bottom-left" orientation="horizontal" />
              {mapOpen && (
                <MiniMap pannable zoomable position="bottom-right" style={{ width: 160, height: 100 }} />
              )}
              <Panel position="top-left">
                <LensSwitch />
              </Panel>
              {legendOpen && (
                <Panel position="bottom-left">
                  <Legend />
                </Panel>
              )}
              <TunnelLayer drawing={drawing} />
              <HostLabels model={model} drawing={drawing} />
              <PacketLayer model={model} drawing={drawing} onSelect={pickHop} />
            </Flow>
          </DetailProvider>
        </div>
        {eventsOpen && <EventList rows={rows} onPick={pickHop} />}
        {side === "story" && <StoryPanel rows={rows} onPick={pickHop} />}
        {side === "reach" && <ReachPanel />}
      </div>
    </div>
  );
}

export function GraphPanel({ theme }: { theme: "light" | "dark" }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t("app.graph")} className="h-full w-full">
      <ReactFlowProvider>
        <Graph theme={theme} />
      </ReactFlowProvider>
    </section>
  );
}
