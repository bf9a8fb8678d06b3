/**
 * What the diagram export (app/diagram.ts) needs from the graph on screen: its element, and a way to
 * show the whole diagram for a moment (only what is in view is drawn) and go back to the view the
 * student had. Kept apart from React Flow, which loads with the graph, after the first screen.
 */

export interface DiagramSource {
  element: HTMLElement;
  /** Fits every node (or those `only` keeps) into view at once; returns the way back to the view before. */
  showAll(only?: (id: string) => boolean): () => void;
}

let current: DiagramSource | undefined;

export function diagramSource(): DiagramSource | undefined {
  return current;
}

/** Set by the graph while it is on screen (use-diagram-source.ts). */
export function setDiagramSource(source: DiagramSource | undefined): void {
  current = source;
}
