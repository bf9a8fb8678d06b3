/**
 * Keeping a student's work across reloads: the Lab (packed: gzip-compressed JSON) and the UI
 * choices go to localStorage, a little after each change. A saved lab this version cannot read is
 * set aside under its own key, not loaded and not overwritten.
 */
import type { Lab } from "../shell/lab";
import { packLab, unpackLab } from "../shell/snapshot";
import type { LabState, ThemeChoice } from "./lab-store";

export const SAVE_KEY = "docker-network-lab:v2";

export interface SavedUi {
  lab: Lab;
  activeSession: string;
  positions: Record<string, { x: number; y: number }>;
  theme: ThemeChoice;
  inspectorOpen: boolean;
}

export function loadSaved(): SavedUi | undefined {
  try {
    const raw = localStorage.getItem(SAVE_KEY);
    if (!raw) return undefined;
    const saved = JSON.parse(raw) as Partial<Omit<SavedUi, "lab">> & { lab?: string };
    const lab = typeof saved.lab === "string" ? unpackLab(saved.lab) : undefined;
    if (!lab) {
      localStorage.setItem(`${SAVE_KEY}:unreadable`, raw);
      return undefined;
    }
    return {
      lab,
      activeSession: saved.activeSession ?? lab.sessions[0]?.id ?? "s1",
      positions: saved.positions ?? {},
      theme: saved.theme ?? "system",
      inspectorOpen: saved.inspectorOpen ?? true,
    };
  } catch {
    return undefined;
  }
}

export function save(state: LabState): void {
  const data = {
    lab: packLab(state.lab),
    activeSession: state.activeSession,
    positions: state.positions,
    theme: state.theme,
    inspectorOpen: state.inspectorOpen,
  };
  try {
    localStorage.setItem(SAVE_KEY, JSON.stringify(data));
  } catch {
    // Storage full or disabled (private mode): the lab keeps working, unsaved.
  }
}

/** Saves shortly after the last change, so a burst of commands writes once. */
export function autoSave(subscribe: (listener: (state: LabState) => void) => () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return subscribe((state) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => save(state), 400);
  });
}
