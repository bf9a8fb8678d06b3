/** The graph registers itself as the diagram to export (diagram-source.ts) while it is on screen. */
import { useReactFlow } from "@xyflow/react";
import { type RefObject, useEffect } from "react";
import type { Rect } from "../view/geometry";
import { type DiagramSource, diagramSource, setDiagramSource } from "./diagram-source";

export function useDiagramSource(box: RefObject<HTMLElement | null>, rects: Record<string, Rect>): void {
  const flow = useReactFlow();
  useEffect(() => {
    const element = box.current?.querySelector<HTMLElement>(".react-flow");
    if (!element) return;
    const source: DiagramSource = {
      element,
      showAll(only) {
        const before = flow.getViewport();
        const kept = Object.entries(rects).filter(([id]) => !only || only(id));
        const all = (kept.length > 0 ? kept : Object.entries(rects)).map(([, r]) => r);
        const x0 = Math.min(...all.map((r) => r.x));
        const y0 = Math.min(...all.map((r) => r.y));
        const width = Math.max(...all.map((r) => r.x + r.w)) - x0;
        const height = Math.max(...all.map((r) => r.y + r.h)) - y0;
        void flow.fitBounds({ x: x0, y: y0, width, height }, { padding: 0.04, duration: 0 });
        return () => void flow.setViewport(before, { duration: 0 });
      },
    };
    setDiagramSource(source);
    return () => {
      if (diagramSource() === source) setDiagramSource(undefined);
    };
  }, [box, rects, flow]);
}
