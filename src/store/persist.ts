/**
 * Keeping a student's work across reloads: the lab (as a packed lab document, lab-file.ts) and the
 * UI choices go to localStorage, a little after each change. Saves of older versions (under their
 * old keys) are read and migrated. A save that cannot be read never stops the page: the lab starts
 * fresh, the unreadable text is set aside under its own key, and the page offers to export what
 * can be read of it (recovery()).
 */
import { gunzipSync, strFromU8 } from "fflate";
import type { Lab } from "../shell/lab";
import { type LabDocument, labDocument, packDocument, readLabDocument } from "./lab-file";
import type { LabState, ThemeChoice } from "./lab-store";
import { localStore } from "./local-store";

const SAVE_KEY = "docker-network-lab:v3";
const PREFS_KEY = "docker-network-lab:prefs";
/** Where earlier versions saved, newest first. */
const OLD_KEYS = ["docker-network-lab:v2", "docker-network-lab:v1"];
const UNREADABLE_KEY = `${SAVE_KEY}:unreadable`;

interface Prefs {
  theme: ThemeChoice;
  inspectorOpen: boolean;
}

interface SavedUi extends Prefs {
  lab: Lab;
  activeSession: string;
  positions: Record<string, { x: number; y: number }>;
}

export interface Loaded {
  saved?: SavedUi;
  /** Why the saved lab could not be read, when it could not. */
  problem?: string;
}

/**
 * Whether this page keeps its lab across reloads: not in a tutorial's frame (embed=1), not for a
 * scripted demo (script=), not as the custom element (which sets the flag before loading). These
 * start from their own state every time, and a page may hold several of them in one storage.
 */
function keepsSaves(): boolean {
  if (typeof location === "undefined") return true;
  if ((globalThis as { dockerNetworkLabElement?: boolean }).dockerNetworkLabElement) return false;
  const params = new URLSearchParams(location.search);
  const embed = params.get("embed");
  return !(embed && embed !== "0" && embed !== "false") && !params.get("script");
}

const keeping = keepsSaves();

/** The page's localStorage when it keeps saves and the browser allows it. */
export function storage(): Storage | undefined {
  return keeping ? localStore() : undefined;
}

function readPrefs(store: Storage, old: string | null): Prefs {
  let prefs: Partial<Prefs> = {};
  try {
    prefs = JSON.parse(store.getItem(PREFS_KEY) ?? old ?? "{}") as Partial<Prefs>;
  } catch {
    // Unreadable preferences are just the defaults.
  }
  const theme = prefs.theme === "light" || prefs.theme === "dark" ? prefs.theme : "system";
  return { theme, inspectorOpen: prefs.inspectorOpen !== false };
}

export function loadSaved(): Loaded {
  const store = storage();
  if (!store) return {};
  const key = [SAVE_KEY, ...OLD_KEYS].find((k) => store.getItem(k) !== null);
  const raw = key ? store.getItem(key) : null;
  const prefs = readPrefs(store, key === SAVE_KEY ? null : raw);
  if (raw === null) return {};
  const read = readLabDocument(raw);
  if (!read.ok) {
    try {
      store.setItem(UNREADABLE_KEY, raw);
    } catch {
      // No room to set it aside: it stays where it is until the next save.
    }
    return { problem: read.error };
  }
  const { lab, view } = read.doc;
  const activeSession = lab.sessions.some((s) => s.id === view?.activeSession)
    ? (view?.activeSession ?? "s1")
    : (lab.sessions[0]?.id ?? "s1");
  return { saved: { lab, activeSession, positions: view?.positions ?? {}, ...prefs } };
}

export function documentOf(state: Pick<LabState, "lab" | "activeSession" | "positions">): LabDocument {
  return labDocument(state.lab, { activeSession: state.activeSession, positions: state.positions });
}

function save(state: LabState): void {
  const store = storage();
  if (!store) return;
  try {
    store.setItem(SAVE_KEY, packDocument(documentOf(state)));
    store.setItem(PREFS_KEY, JSON.stringify({ theme: state.theme, inspectorOpen: state.inspectorOpen }));
    for (const old of OLD_KEYS) store.removeItem(old);
  } catch {
    // Storage full or disabled (private mode): the lab keeps working, unsaved.
  }
}

/**
 * Saves shortly after the last change, so a burst of commands writes once, and at once when the
 * page goes away (a reload, a closed tab) with a save still pending; `also` saves what goes with it.
 */
export function autoSave(
  subscribe: (listener: (state: LabState) => void) => () => void,
  also?: () => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: LabState | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    save(pending);
    also?.();
    pending = undefined;
  };
  const stop = subscribe((state) => {
    pending = state;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, 400);
  });
  addEventListener("pagehide", flush);
  return () => {
    flush();
    stop();
    removeEventListener("pagehide", flush);
  };
}

/**
 * The unreadable save, as readable as it gets: the JSON inside a packed text when it unpacks, the
 * text itself otherwise. Undefined when there is none.
 */
export function unreadableSave(): string | undefined {
  const raw = storage()?.getItem(UNREADABLE_KEY);
  if (raw == null) return undefined;
  const packed = /^lab[13]:([A-Za-z0-9+/_-]+=*)\s*$/.exec(raw.trim());
  if (!packed?.[1]) return raw;
  try {
    const binary = atob(packed[1].replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return strFromU8(gunzipSync(bytes));
  } catch {
    return raw;
  }
}

export function forgetUnreadable(): void {
  storage()?.removeItem(UNREADABLE_KEY);
}
