/** The graph model of the current world, derived once per revision and shared by the graph and the inspector. */

import { type GraphModel, graphModel } from "../view/graph-model";
import { useLab } from "./lab-store";

let cached: { world: object; revision: number; model: GraphModel } | undefined;

export function useGraphModel(): GraphModel {
  const world = useLab((s) => s.lab.world);
  const revision = useLab((s) => s.revision);
  if (!cached || cached.world !== world || cached.revision !== revision) {
    // The same world a revision later: unchanged nodes keep their objects (and an unchanged model its own).
    const previous = cached?.world === world ? cached.model : undefined;
    cached = { world, revision, model: graphModel(world, previous) };
  }
  return cached.model;
}
