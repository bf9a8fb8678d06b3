/**
 * Level of detail. Zoomed out below NEAR_ZOOM a box's 12px rows and port chips are under 5px on
 * screen and cannot be read anyway, so nodes draw their title (larger) and one line and cables drop
 * their labels: a quarter of the elements, which is what keeps a graph of hundreds of containers
 * smooth. A dozen containers fitted in a laptop's graph panel are still drawn in full (zoom ~0.5).
 * One subscriber reads the zoom, as a boolean, so nodes and cables re-render only when the zoom
 * crosses the threshold.
 */
import { useStore } from "@xyflow/react";
import { createContext, type ReactNode, useContext } from "react";

export const NEAR_ZOOM = 0.4;

const Near = createContext(true);

export function DetailProvider({ children }: { children: ReactNode }) {
  const near = useStore((s) => s.transform[2] >= NEAR_ZOOM);
  return <Near.Provider value={near}>{children}</Near.Provider>;
}

/** Whether the graph is zoomed in enough for every detail to be drawn. */
export function useNear(): boolean {
  return useContext(Near);
}
