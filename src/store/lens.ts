/** The layer lens the graph and the inspector show (a choice of this visit, not saved with the lab). */
import { create } from "zustand";
import type { Lens } from "../view/lens";

export const useLens = create<{ lens: Lens; setLens(lens: Lens): void }>()((set) => ({
  lens: "all",
  setLens: (lens) => set({ lens }),
}));
