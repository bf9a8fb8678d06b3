/**
 * Undo, redo and the history list, from snapshots of the lab. The history is a tree: every command
 * (and every reset, share link or file that replaced the lab) is an entry whose parent is where it
 * was taken from. Jumping back to an earlier entry and typing a command starts a branch; the other
 * branches stay in the list. An entry's snapshot is the lab as it was when it was last left; the
 * current entry has none, the live lab is its state.
 *
 * The history is kept with the saved lab, its snapshots packed, within a budget: beyond it the
 * oldest entries go first.
 */
import * as v from "valibot";
import { create } from "zustand";
import { type DockerEra, eraOfWorld } from "../engine/docker/era";
import type { Lab } from "../shell/lab-state";
import { type LabView, labDocument, packDocument, readLabDocument } from "./lab-file";
import { type CommandEvent, onCommand, useLab } from "./lab-store";
import { storage } from "./persist";
import { usePlayer } from "./player";

export type EntryKind = "start" | "command" | "reset" | "load";

export interface Entry {
  id: number;
  parent: number | null;
  kind: EntryKind;
  /** The command line, or what replaced the lab ("Opened a shared lab"). */
  label: string;
  /** The tab a command ran in. */
  session?: string;
  /** The lab when this entry was last left: JSON taken in this page, or a packed document from storage. */
  snapshot?: string;
}

export interface History {
  entries: Entry[];
  current: number;
  nextId: number;
  /** The child each entry was last left for, where redo goes. */
  lastChild: Record<number, number>;
}

/**
 * Entries kept in the page, characters of their snapshots in memory (a thousand-container lab is
 * tens of MB of JSON: its history keeps the last few steps), and characters of packed snapshots
 * kept in storage.
 */
export const HISTORY_LIMITS = { entries: 200, memoryChars: 200_000_000, storedChars: 2_500_000 };

export function startHistory(label = "Start", kind: EntryKind = "start"): History {
  return { entries: [{ id: 0, parent: null, kind, label }], current: 0, nextId: 1, lastChild: {} };
}

function withSnapshot(entries: Entry[], id: number, snapshot: string): Entry[] {
  return entries.map((e) => (e.id === id ? { ...e, snapshot } : e));
}

/** Drops the oldest entries beyond `max`; their children take their parent. */
function prune(h: History, max: number): History {
  let entries = h.entries;
  while (entries.length > max) {
    const oldest = entries.find((e) => e.id !== h.current);
    if (!oldest) break;
    entries = entries
      .filter((e) => e !== oldest)
      .map((e) => (e.parent === oldest.id ? { ...e, parent: oldest.parent } : e));
  }
  return entries === h.entries ? h : { ...h, entries };
}

/** A new entry after the current one; `before` is the lab as the current entry leaves it. */
export function record(
  h: History,
  before: string,
  entry: Omit<Entry, "id" | "parent" | "snapshot">,
): History {
  const id = h.nextId;
  const next: History = {
    entries: [...withSnapshot(h.entries, h.current, before), { ...entry, id, parent: h.current }],
    current: id,
    nextId: id + 1,
    lastChild: { ...h.lastChild, [h.current]: id },
  };
  let kept = prune(next, HISTORY_LIMITS.entries);
  const size = (h: History) => h.entries.reduce((n, e) => n + (e.snapshot?.length ?? 0), 0);
  while (kept.entries.length > 1 && size(kept) > HISTORY_LIMITS.memoryChars)
    kept = prune(kept, kept.entries.length - 1);
  return kept;
}

/** Goes to entry `id`, leaving the current one as `now`; returns the snapshot to restore. */
export function moveTo(
  h: History,
  now: string,
  id: number,
): { history: History; snapshot: string } | undefined {
  const target = h.entries.find((e) => e.id === id);
  if (!target?.snapshot || id === h.current) return undefined;
  const lastChild = { ...h.lastChild };
  // Jumping to an ancestor remembers the way back down for redo.
  for (let at = h.entries.find((e) => e.id === h.current); at && at.parent !== null; ) {
    lastChild[at.parent] = at.id;
    if (at.parent === id) break;
    at = h.entries.find((e) => e.id === at?.parent);
  }
  const entries = withSnapshot(h.entries, h.current, now).map((e) =>
    e.id === id
      ? {
          id: e.id,
          parent: e.parent,
          kind: e.kind,
          label: e.label,
          ...(e.session ? { session: e.session } : {}),
        }
      : e,
  );
  return { history: { ...h, entries, current: id, lastChild }, snapshot: target.snapshot };
}

export function undoTarget(h: History): number | undefined {
  const parent = h.entries.find((e) => e.id === h.current)?.parent;
  return parent ?? undefined;
}

export function redoTarget(h: History): number | undefined {
  const remembered = h.lastChild[h.current];
  if (remembered !== undefined && h.entries.some((e) => e.id === remembered)) return remembered;
  return h.entries.findLast((e) => e.parent === h.current)?.id;
}

/** The lab in a snapshot; a packed one comes from storage and passes the same checks as any file. */
export function labOfSnapshot(snapshot: string): Lab | undefined {
  if (!snapshot.startsWith("lab3:")) return JSON.parse(snapshot) as Lab;
  const read = readLabDocument(snapshot);
  return read.ok ? read.doc.lab : undefined;
}

// --- Keeping the history with the saved lab ---

const HISTORY_KEY = "docker-network-lab:history";
const packedCache = new Map<string, string>();

function packed(snapshot: string): string {
  if (snapshot.startsWith("lab3:")) return snapshot;
  let p = packedCache.get(snapshot);
  if (!p) {
    p = packDocument(labDocument(JSON.parse(snapshot) as Lab));
    packedCache.set(snapshot, p);
  }
  return p;
}

/** The history as stored: snapshots packed, the oldest dropped beyond the budget. */
export function storedHistory(h: History): string {
  let kept = h;
  const size = (x: History) =>
    x.entries.reduce((n, e) => n + (e.snapshot ? packed(e.snapshot).length : 0), 0);
  while (size(kept) > HISTORY_LIMITS.storedChars && kept.entries.length > 1)
    kept = prune(kept, kept.entries.length - 1);
  const live = new Set(kept.entries.map((e) => e.snapshot));
  for (const key of packedCache.keys()) if (!live.has(key)) packedCache.delete(key);
  return JSON.stringify({
    ...kept,
    entries: kept.entries.map((e) => (e.snapshot ? { ...e, snapshot: packed(e.snapshot) } : e)),
  });
}

const storedSchema = v.object({
  entries: v.pipe(
    v.array(
      v.object({
        id: v.pipe(v.number(), v.integer()),
        parent: v.nullable(v.pipe(v.number(), v.integer())),
        kind: v.picklist(["start", "command", "reset", "load"]),
        label: v.pipe(v.string(), v.maxLength(100_000)),
        session: v.optional(v.string()),
        snapshot: v.optional(v.pipe(v.string(), v.startsWith("lab3:"))),
      }),
    ),
    v.minLength(1),
  ),
  current: v.pipe(v.number(), v.integer()),
  nextId: v.pipe(v.number(), v.integer()),
  lastChild: v.record(v.string(), v.pipe(v.number(), v.integer())),
});

/** A stored history, or undefined when it is not one (then the history starts again from the saved lab). */
export function readStoredHistory(text: string | null): History | undefined {
  if (!text) return undefined;
  try {
    const parsed = v.safeParse(storedSchema, JSON.parse(text));
    if (!parsed.success) return undefined;
    const h = parsed.output;
    const ids = new Set(h.entries.map((e) => e.id));
    const sound =
      ids.size === h.entries.length &&
      ids.has(h.current) &&
      h.entries.every((e) => e.id < h.nextId && (e.parent === null || ids.has(e.parent))) &&
      h.entries.every((e) => e.id === h.current || e.snapshot);
    return sound
      ? { ...h, lastChild: Object.fromEntries(Object.entries(h.lastChild).map(([k, c]) => [Number(k), c])) }
      : undefined;
  } catch {
    return undefined;
  }
}

export function saveHistory(h: History): void {
  try {
    storage()?.setItem(HISTORY_KEY, storedHistory(h));
  } catch {
    // No room: the lab itself is saved; the history is kept in the page.
  }
}

export function loadHistory(): History | undefined {
  return readStoredHistory(storage()?.getItem(HISTORY_KEY) ?? null);
}

// --- The store the toolbar, the list and the keys use ---

interface HistoryState {
  history: History;
  /** Set when a step's snapshot could not be restored (a damaged save). */
  failed?: number;
}

export const useHistory = create<HistoryState>()(() => ({ history: startHistory() }));

function labNow(): string {
  return JSON.stringify(useLab.getState().lab);
}

function go(id: number | undefined): boolean {
  if (id === undefined) return false;
  const moved = moveTo(useHistory.getState().history, labNow(), id);
  if (!moved) return false;
  const lab = labOfSnapshot(moved.snapshot);
  if (!lab) {
    useHistory.setState({ failed: id });
    return false;
  }
  usePlayer.getState().clear();
  useHistory.setState({ history: moved.history, failed: undefined });
  const { activeSession, positions } = useLab.getState();
  useLab.getState().replaceLab(lab, { activeSession, positions });
  return true;
}

export const undo = () => go(undoTarget(useHistory.getState().history));
export const redo = () => go(redoTarget(useHistory.getState().history));
export const jumpTo = (id: number) => go(id);

function recordReplacement(label: string, kind: "reset" | "load"): void {
  useHistory.setState({ history: record(useHistory.getState().history, labNow(), { kind, label }) });
  usePlayer.getState().clear();
}

/** Replaces the lab (a share link, a file, a `lab:load`) as a step that undo takes back. */
export function replaceWith(lab: Lab, label: string, view?: LabView): void {
  recordReplacement(label, "load");
  useLab.getState().replaceLab(lab, view);
}

/** Another Docker release for the lab (the toolbar's switch), as a step that undo takes back. */
export function switchEra(era: DockerEra): void {
  if (eraOfWorld(useLab.getState().lab.world) === era) return;
  recordReplacement(era === 20 ? "Docker 20.10" : "Docker 26", "load");
  useLab.getState().setEra(era);
}

/** "Reset lab": a fresh Docker host, as a step that undo takes back. */
export function resetLab(): void {
  recordReplacement("Reset lab", "reset");
  useLab.getState().reset();
}

function sessionTitle(id: string): string | undefined {
  return useLab.getState().lab.sessions.find((s) => s.id === id)?.title;
}

/** Records every command the store runs; returns the unsubscribe. */
export function trackCommands(): () => void {
  return onCommand((e: CommandEvent) => {
    const title = sessionTitle(e.session);
    useHistory.setState({
      history: record(useHistory.getState().history, e.before, {
        kind: "command",
        label: e.line.trim(),
        ...(title ? { session: title } : {}),
      }),
    });
  });
}
