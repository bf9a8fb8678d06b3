/**
 * The player: shows each command's result at the chosen speed, packets on the graph and output in
 * the terminal in one timeline, so a reply line appears when its packet has arrived. Pausing the
 * animation pauses the output; a command typed meanwhile waits its turn, as in a real terminal.
 * Endless processes (ping without -c) are resumed a virtual second at a time while they run.
 */
import { create } from "zustand";
import type { Trace } from "../engine/packet/types";
import { type Beat, beatsOf, DEFAULT_PACE, flatHops, stepEnds, waitBefore } from "../playback/timeline";
import type { Chunk, Execution } from "../shell/types";
import { useLab } from "./lab-store";
import { localStore } from "./local-store";

export type PlayerEvent =
  | { kind: "chunk"; session: string; chunk: Chunk }
  /**
   * All of an execution has been shown; `live` tells whether its process still runs, `idle` that
   * nothing more is queued for the session (its shell is back at the prompt).
   */
  | { kind: "done"; session: string; execution: Execution; idle: boolean };

interface Item {
  session: string;
  execution: Execution;
  beats: Beat[];
  next: number;
  /** Virtual time of the last beat shown. */
  lastT: number;
  /** Trace indices in this item are offset by this much in the player's `traces`. */
  traceBase: number;
}

export interface PlayerState {
  /** Traces of the command being shown (and of its continuations), for the graph and the event list. */
  traces: Trace[];
  /** Index into flatHops(traces) of the hop on screen; -1 before the first. */
  cursor: number;
  paused: boolean;
  speed: number;
  busy: Record<string, boolean>;

  /** Shows an execution after what is queued; `continuation` when it goes on from the previous one (a live process). */
  enqueue(session: string, execution: Execution, continuation?: boolean): void;
  /** Ctrl+C: stop showing the session's pending output and show what the interrupt printed. */
  interrupt(session: string): void;
  setSpeed(speed: number): void;
  pause(): void;
  play(): void;
  /** One beat forward (while paused), or one hop back on the graph. */
  step(direction: 1 | -1): void;
  /** Show the last command's packets again (graph only). */
  replay(): void;
  /** Jump the graph to a hop of the current traces (from the event list). */
  seek(cursor: number): void;
  /** Forgets everything queued and shown: another lab has taken this one's place (undo, a share link). */
  clear(): void;
}

const SPEED_KEY = "docker-network-lab:speed";
const listeners = new Set<(e: PlayerEvent) => void>();

/** The terminal listens for output and for the end of each command. */
export function onPlayer(listener: (e: PlayerEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(e: PlayerEvent): void {
  for (const l of listeners) l(e);
}

function savedSpeed(): number {
  const v = Number(localStore()?.getItem(SPEED_KEY) ?? Number.NaN);
  return v >= 0.25 && v <= 4 ? v : 1;
}

export const usePlayer = create<PlayerState>()((set, get) => {
  const queue: Item[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let replaying: { cursor: number } | undefined;

  const current = () => queue[0];

  /** Shows one beat of the head item; returns false when the item is finished. */
  const show = (item: Item): boolean => {
    const beat = item.beats[item.next];
    if (!beat) return false;
    item.next++;
    item.lastT = beat.t;
    if (beat.kind === "chunk") emit({ kind: "chunk", session: item.session, chunk: beat.chunk });
    else {
      const hops = flatHops(get().traces);
      const index = hops.findIndex((h) => h.trace === beat.trace + item.traceBase && h.hop === beat.hop);
      set({ cursor: index });
    }
    return true;
  };

  const finish = (item: Item) => {
    queue.shift();
    const { execution, session } = item;
    const idle = !execution.live && !queue.some((q) => q.session === session);
    emit({ kind: "done", session, execution, idle });
    set({ busy: { ...get().busy, [session]: queue.some((q) => q.session === session) || !!execution.live } });
    if (execution.live) {
      // The process runs on: ask the engine for its next virtual second.
      const next = useLab.getState().resume(session, item.lastT + 1000);
      if (next) get().enqueue(session, next, true);
    }
  };

  const tick = () => {
    timer = undefined;
    if (get().paused) return;
    if (replaying) {
      const ends = stepEnds(get().traces);
      if (replaying.cursor < ends.length) {
        set({ cursor: ends[replaying.cursor++] ?? 0 });
        timer = setTimeout(tick, DEFAULT_PACE.hopMs / get().speed);
        return;
      }
      replaying = undefined;
    }
    const item = current();
    if (!item) return;
    if (!show(item)) finish(item);
    schedule();
  };

  const schedule = () => {
    if (timer || get().paused) return;
    const item = current();
    if (!item) return;
    const beat = item.beats[item.next];
    const wait = beat ? waitBefore(beat, item.lastT, { ...DEFAULT_PACE, speed: get().speed }) : 0;
    timer = setTimeout(tick, wait);
  };

  return {
    traces: [],
    cursor: -1,
    paused: false,
    speed: savedSpeed(),
    busy: {},

    enqueue(session, execution, continuation = false) {
      const continuing = continuation && get().traces.length > 0;
      const traceBase = continuing ? get().traces.length : 0;
      if (execution.traces.length > 0) {
        set({
          traces: continuing ? [...get().traces, ...execution.traces] : execution.traces,
          cursor: continuing ? get().cursor : -1,
        });
      }
      const start = execution.chunks[0]?.t ?? execution.traces[0]?.hops[0]?.t ?? 0;
      queue.push({ session, execution, beats: beatsOf(execution), next: 0, lastT: start, traceBase });
      set({ busy: { ...get().busy, [session]: true } });
      schedule();
    },
    interrupt(session) {
      // What the engine already ran is shown at once: the output it printed is not lost, only
      // its animation skipped (a finished `ping -c 5` still prints its statistics).
      for (const item of queue.filter((q) => q.session === session)) {
        for (const beat of item.beats.slice(item.next)) {
          if (beat.kind === "chunk") emit({ kind: "chunk", session, chunk: beat.chunk });
        }
        item.next = item.beats.length;
        item.execution = { ...item.execution, live: undefined };
      }
      const result = useLab.getState().interrupt(session);
      if (result) get().enqueue(session, result, true);
      // Nothing left running: the keypress still echoes, after what had already run.
      else
        emit({
          kind: "chunk",
          session,
          chunk: { t: useLab.getState().lab.world.clock, stream: "out", text: "^C" },
        });
      if (timer) clearTimeout(timer);
      timer = undefined;
      schedule();
    },
    setSpeed(speed) {
      const clamped = Math.min(4, Math.max(0.25, speed));
      try {
        localStore()?.setItem(SPEED_KEY, String(clamped));
      } catch {
        // Storage full: the speed holds for this visit.
      }
      set({ speed: clamped });
    },
    pause() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      set({ paused: true });
    },
    play() {
      set({ paused: false });
      schedule();
    },
    step(direction) {
      const ends = stepEnds(get().traces);
      const { cursor } = get();
      if (direction < 0) {
        set({ cursor: ends.findLast((e) => e < cursor) ?? Math.min(cursor, ends[0] ?? 0) });
        return;
      }
      const next = ends.find((e) => e > cursor);
      if (next !== undefined && !current()) {
        set({ cursor: next });
        return;
      }
      const item = current();
      if (item && !show(item)) finish(item);
    },
    replay() {
      if (get().traces.length === 0) return;
      replaying = { cursor: 0 };
      if (!timer) schedule();
      if (!timer) tick();
    },
    seek(cursor) {
      set({ cursor });
    },
    clear() {
      queue.length = 0;
      replaying = undefined;
      if (timer) clearTimeout(timer);
      timer = undefined;
      set({ traces: [], cursor: -1, busy: {} });
    },
  };
});
