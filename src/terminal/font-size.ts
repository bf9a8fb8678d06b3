/**
 * The terminal's font size, shared by every tab and remembered in localStorage: Ctrl+= and Ctrl+-
 * step it, Ctrl+0 resets it. An instructor sets it large once for the projector.
 */
import { create } from "zustand";
import { localStore } from "../store/local-store";

const KEY = "docker-network-lab:terminal-font-size";
export const DEFAULT_FONT_SIZE = 14;
const MIN = 10;
const MAX = 36;

/** The next size for a step: 2 px at a time, within 10–36 px; 0 resets. */
export function stepFontSize(size: number, step: -1 | 0 | 1): number {
  if (step === 0) return DEFAULT_FONT_SIZE;
  return Math.min(MAX, Math.max(MIN, size + step * 2));
}

function saved(): number {
  const value = Number(localStore()?.getItem(KEY) ?? Number.NaN);
  return Number.isInteger(value) && value >= MIN && value <= MAX ? value : DEFAULT_FONT_SIZE;
}

interface FontSizeState {
  size: number;
  step(step: -1 | 0 | 1): void;
}

export const useFontSize = create<FontSizeState>()((set, get) => ({
  size: saved(),
  step(step) {
    const size = stepFontSize(get().size, step);
    try {
      localStore()?.setItem(KEY, String(size));
    } catch {
      // Storage disabled: the size holds for this visit.
    }
    set({ size });
  },
}));
