/**
 * Keeping a student's work across reloads: the Lab and the UI choices go to localStorage, a little
 * after each change. A saved lab from another version of the world format is set aside, not loaded.
 */
import { WORLD_VERSION } from "../engine/world";
import type { Lab } from "../shell/lab";
import type { LabState, ThemeChoice } from "./lab-store";

const KEY = "docker-network-lab:v1";

export interface SavedUi {
  lab: Lab;
  activeSession: string;
  positions: Record<string, { x: number; y: number }>;
  theme: ThemeChoice;
  inspectorOpen: boolean;
}

function looksLikeLab(value: unknown): value is Lab {
  const lab = value as Lab | undefined;
  return (
    typeof lab === "object" &&
    lab !== null &&
    lab.world?.version === WORLD_VERSION &&
    typeof lab.world.netns === "object" &&
    typeof lab.world.machines === "object" &&
    Array.isArray(lab.sessions) &&
    lab.sessions.length > 0 &&
    lab.sessions.every((s) => Array.isArray(s.frames) && s.frames.length > 0 && Array.isArray(s.history))
  );
}

export function loadSaved(): SavedUi | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const saved = JSON.parse(raw) as Partial<SavedUi>;
    if (!looksLikeLab(saved.lab)) {
      localStorage.setItem(`${KEY}:unreadable`, raw);
      return undefined;
    }
    return {
      lab: saved.lab,
      activeSession: saved.activeSession ?? saved.lab.sessions[0]?.id ?? "s1",
      positions: saved.positions ?? {},
      theme: saved.theme ?? "system",
      inspectorOpen: saved.inspectorOpen ?? true,
    };
  } catch {
    return undefined;
  }
}

export function save(state: LabState): void {
  const data: SavedUi = {
    lab: state.lab,
    activeSession: state.activeSession,
    positions: state.positions,
    theme: state.theme,
    inspectorOpen: state.inspectorOpen,
  };
  try {
    localStorage.setItem(KEY, JSON.stringify(data));
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
