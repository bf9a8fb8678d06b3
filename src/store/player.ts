/**
 * The player: shows each command's result, output in the terminal and packets on the graph, in one
 * of two modes, as Cisco Packet Tracer has them.
 *
 * - Realtime (the default): the terminal answers at the real tool's pace (a ping's replies a second
 *   apart, everything else at once) and the prompt returns when the real command would. The packets
 *   animate alongside, compressed (playback/realtime.ts). A new command's packets cut in: the graph
 *   shows what the terminal is showing, never packets of a command several lines back.
 * - Step by step: one timeline for packets and output, so a reply line appears when its packet has
 *   arrived; pause, step, back, the speed chooser. A command typed meanwhile waits its turn.
 *
 * In both, the detail level folds the hops beyond the Docker hosts, and skip finishes the animation
 * at once (the world is already in its final state). Endless processes (ping without -c, tcpdump)
 * are resumed a virtual second at a time while they run.
 */
import { create } from "zustand";
import type { Trace } from "../engine/packet/types";
import { type Reach, reachOf } from "../playback/reach";
import { compress, type TimedBeat } from "../playback/realtime";
import {
  type Beat,
  beatsOf,
  DEFAULT_PACE,
  type Detail,
  flatIndex,
  type HopBeat,
  type Step,
  stepsOf,
  waitBefore,
} from "../playback/timeline";
import type { Chunk, Execution } from "../shell/types";
import { useLab } from "./lab-store";
import { localStore } from "./local-store";

export type Mode = "realtime" | "step";
export type { Detail };

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
  mode: Mode;
  /** Step mode: every beat; realtime: the output's chunks only (the packets go to the animation). */
  beats: Beat[];
  next: number;
  /** Virtual time of the last beat shown. */
  lastT: number;
  /** Trace indices in this item are offset by this much in the player's `traces`. */
  traceBase: number;
  /** Realtime: the wall-clock time (performance.now()) its virtual start corresponds to. */
  wall0?: number;
}

/** The hop on screen and how the token gets there. */
interface Shown {
  /** Index into flatHops(traces); -1 before the first. */
  cursor: number;
  /** A folded step's starting hop (flat index), and the stretch of hops it stands for. */
  from?: number;
  folded?: [number, number];
  /** Wall-clock ms the token takes to travel there. */
  ms: number;
}

export interface PlayerState {
  /** Traces of the command being shown (and of its continuations), for the graph and the event list. */
  traces: Trace[];
  /** Index into flatHops(traces) of the hop on screen; -1 before the first. */
  cursor: number;
  /** How the token reaches the cursor. */
  shown: Shown;
  /** Whether packets are on their way on the graph right now. */
  animating: boolean;
  paused: boolean;
  speed: number;
  mode: Mode;
  detail: Detail;
  busy: Record<string, boolean>;

  /** Shows an execution after what is queued; `continuation` when it goes on from the previous one (a live process). */
  enqueue(session: string, execution: Execution, continuation?: boolean): void;
  /** Ctrl+C: stop showing the session's pending output and show what the interrupt printed. */
  interrupt(session: string): void;
  /** The choices; `remember` (by default) keeps them for the next visit, which a URL parameter or presenter mode does not. */
  setSpeed(speed: number, remember?: boolean): void;
  setMode(mode: Mode, remember?: boolean): void;
  setDetail(detail: Detail, remember?: boolean): void;
  pause(): void;
  play(): void;
  /** One step forward (while paused), or one step back on the graph. */
  step(direction: 1 | -1): void;
  /** Finishes the animation at once: the last hop on the graph; in step mode, the waiting output too. */
  skip(): void;
  /** Show the last command's packets again (graph only). */
  replay(): void;
  /** Show these packets on the graph in place of the last command's (a dry run's walk, say). */
  show(traces: Trace[]): void;
  /** Jump the graph to a hop of the current traces (from the event list). */
  seek(cursor: number): void;
  /** Forgets everything queued and shown: another lab has taken this one's place (undo, a share link). */
  clear(): void;
}

const KEYS = {
  speed: "docker-network-lab:speed",
  mode: "docker-network-lab:mode",
  detail: "docker-network-lab:detail",
};
const listeners = new Set<(e: PlayerEvent) => void>();
/** How many traces of a live process the graph and the event list keep (a minute of an endless ping, about). */
const KEPT_TRACES = 60;

/** The terminal listens for output and for the end of each command. */
export function onPlayer(listener: (e: PlayerEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(e: PlayerEvent): void {
  for (const l of listeners) l(e);
}

function saved(key: string): string | null {
  return localStore()?.getItem(key) ?? null;
}

function remember(key: string, value: string): void {
  try {
    localStore()?.setItem(key, value);
  } catch {
    // Storage full: the choice holds for this visit.
  }
}

function savedSpeed(): number {
  const v = Number(saved(KEYS.speed) ?? Number.NaN);
  return v >= 0.25 && v <= 4 ? v : 1;
}

const now = () => performance.now();

export const usePlayer = create<PlayerState>()((set, get) => {
  const queue: Item[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Step mode: when the head step item may show its next beat. */
  let stepDue = 0;
  /** The animation of realtime items and replays: timed steps against a wall-clock origin. */
  let animation: { steps: { timed: TimedBeat; base: number }[]; next: number; wall0: number } | undefined;
  /** The steps a replay in step mode walks through, and how far it has come. */
  let replaying: { steps: readonly Step[]; next: number } | undefined;
  /** When the animation last paused, so that resuming shifts it rather than rushing to catch up. */
  let pausedAt: number | undefined;
  /** When the token on screen set off. */
  let lastLanding = 0;

  const reach = (): Reach | undefined =>
    get().detail === "host" ? reachOf(useLab.getState().lab.world) : undefined;

  /** Puts the graph at a hop beat of the item's traces. */
  const land = (beat: HopBeat, base: number, ms: number) => {
    const { traces } = get();
    const at = (hop: number) => flatIndex(traces, beat.trace + base, hop);
    const cursor = at(beat.hop);
    const shown: Shown = { cursor, ms };
    if (beat.from !== undefined) shown.from = at(beat.from);
    if (beat.folded) shown.folded = [at(beat.folded[0]), at(beat.folded[1])];
    lastLanding = now();
    set({ cursor, shown, animating: true });
  };

  const landStep = (step: Step, ms: number) => {
    const shown: Shown = { cursor: step.index, ms };
    if (step.from !== undefined) shown.from = step.from;
    if (step.folded) shown.folded = step.folded;
    lastLanding = now();
    set({ cursor: step.index, shown, animating: true });
  };

  /** The head item of a session, and whether it may be shown now. */
  const heads = (): Item[] => {
    const seen = new Set<string>();
    let stepSeen = false;
    const active: Item[] = [];
    for (const item of queue) {
      if (seen.has(item.session)) continue;
      seen.add(item.session);
      if (item.mode === "step") {
        if (stepSeen) continue;
        stepSeen = true;
      }
      active.push(item);
    }
    return active;
  };

  const finish = (item: Item) => {
    queue.splice(queue.indexOf(item), 1);
    const { execution, session } = item;
    const idle = !execution.live && !queue.some((q) => q.session === session);
    emit({ kind: "done", session, execution, idle });
    set({ busy: { ...get().busy, [session]: queue.some((q) => q.session === session) || !!execution.live } });
    if (execution.live) {
      // The process runs on: ask the engine for its next virtual second.
      const next = useLab.getState().resume(session, execution.end + 1000);
      // Realtime output carries on from where this second ended, without drift.
      const wall0 = item.wall0 === undefined ? undefined : item.wall0 + (execution.end - execution.start);
      if (next) push(session, next, true, wall0);
    }
  };

  /** Shows one beat of a step item; false when it has none left. */
  const showStep = (item: Item): boolean => {
    const beat = item.beats[item.next];
    if (!beat) return false;
    item.next++;
    item.lastT = beat.t;
    if (beat.kind === "chunk") emit({ kind: "chunk", session: item.session, chunk: beat.chunk });
    else land(beat, item.traceBase, (beat.moves ? DEFAULT_PACE.hopMs * 0.9 : 0) / get().speed);
    return true;
  };

  /** Realtime: shows every chunk whose moment has come; true when the item has ended. */
  const showDue = (item: Item, t: number): boolean => {
    const wall0 = item.wall0 ?? t;
    item.wall0 = wall0;
    const start = item.execution.start;
    for (;;) {
      const beat = item.beats[item.next];
      if (!beat || wall0 + (beat.t - start) > t) break;
      item.next++;
      item.lastT = beat.t;
      if (beat.kind === "chunk") emit({ kind: "chunk", session: item.session, chunk: beat.chunk });
    }
    return item.next >= item.beats.length && wall0 + (item.execution.end - start) <= t;
  };

  /** Wall-clock time the item next needs attention. */
  const dueOf = (item: Item): number => {
    if (item.mode === "step") return stepDue;
    const wall0 = item.wall0 ?? now();
    const beat = item.beats[item.next];
    return wall0 + ((beat ? beat.t : item.execution.end) - item.execution.start);
  };

  const animate = (t: number) => {
    if (!animation || get().paused) return;
    const { steps } = animation;
    while (animation.next < steps.length) {
      const step = steps[animation.next] as { timed: TimedBeat; base: number };
      if (animation.wall0 + step.timed.at > t) return;
      animation.next++;
      land(step.timed.beat, step.base, step.timed.ms);
    }
    const last = steps[steps.length - 1];
    if (!last || animation.wall0 + last.timed.at + last.timed.ms <= t) {
      animation = undefined;
      set({ animating: false });
    }
  };

  const tick = () => {
    timer = undefined;
    const t = now();
    const { paused } = get();
    if (replaying && !paused) {
      const step = replaying.steps[replaying.next];
      if (step) {
        replaying.next++;
        const ms = (DEFAULT_PACE.hopMs * 0.9) / get().speed;
        landStep(step, ms);
        stepDue = t + DEFAULT_PACE.hopMs / get().speed;
      } else {
        replaying = undefined;
        set({ animating: false });
      }
    }
    for (const item of heads()) {
      if (item.mode === "realtime") {
        if (showDue(item, t)) finish(item);
      } else if (!paused && !replaying && stepDue <= t) {
        if (!showStep(item)) finish(item);
        else {
          const beat = item.beats[item.next];
          stepDue = t + (beat ? waitBefore(beat, item.lastT, { ...DEFAULT_PACE, speed: get().speed }) : 0);
        }
      }
    }
    animate(t);
    // The last token has had its time to travel and no packet is waiting for its turn.
    const waiting = queue.some(
      (q) => q.mode === "step" && q.beats.slice(q.next).some((b) => b.kind === "hop"),
    );
    if (get().animating && !animation && !replaying && !waiting && t >= lastLanding + get().shown.ms)
      set({ animating: false });
    schedule();
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const dues: number[] = [];
    const paused = get().paused;
    for (const item of heads()) if (item.mode === "realtime" || !paused) dues.push(dueOf(item));
    if (animation && !paused) {
      const step = animation.steps[animation.next];
      const last = animation.steps[animation.steps.length - 1];
      if (step) dues.push(animation.wall0 + step.timed.at);
      else if (last) dues.push(animation.wall0 + last.timed.at + last.timed.ms);
    }
    if (replaying && !paused) dues.push(stepDue);
    if (get().animating && !animation && !replaying) dues.push(lastLanding + get().shown.ms);
    if (dues.length === 0) return;
    timer = setTimeout(tick, Math.max(0, Math.min(...dues) - now()));
  };

  /**
   * Starts (or, for the next second of a live process, extends) the compressed animation of an
   * execution whose traces sit at `base` in the player's traces, its virtual start shown at `wall0`.
   */
  const animateExecution = (execution: Execution, base: number, wall0: number, continuing: boolean) => {
    const r = reach();
    const hops = beatsOf({ traces: execution.traces, chunks: [] }, r).filter(
      (b): b is HopBeat => b.kind === "hop",
    );
    if (hops.length === 0) return;
    const distance = r ?? reachOf(useLab.getState().lab.world);
    const near = (b: HopBeat) => distance(execution.traces[b.trace]?.hops[b.hop]?.netns ?? "") === 0;
    const horizon = execution.live ? execution.end + 1000 : undefined;
    const steps = compress(hops, execution.start, get().speed, near, horizon).map((timed) => ({
      timed,
      base,
    }));
    if (continuing && animation) {
      // Its bursts follow on the same clock as the seconds before.
      const shift = wall0 - animation.wall0;
      animation.steps.push(...steps.map((s) => ({ ...s, timed: { ...s.timed, at: s.timed.at + shift } })));
    } else animation = { steps, next: 0, wall0 };
  };

  /** Queues an execution; `wall0` places a realtime continuation right after the second before it. */
  /**
   * A process running for hours (an endless ping) would pile up its traces: the graph, the event
   * list and the inspector keep the last KEPT_TRACES, dropping older ones that nothing still shows.
   */
  const trimTraces = () => {
    const { traces, cursor, shown } = get();
    const pending = [
      ...queue.filter((q) => q.next < q.beats.length).map((q) => q.traceBase),
      ...(animation ? animation.steps.slice(animation.next).map((st) => st.base) : []),
    ];
    const drop = Math.min(traces.length - KEPT_TRACES, ...pending);
    if (drop <= 0) return;
    const hops = traces.slice(0, drop).reduce((n, tr) => n + tr.hops.length, 0);
    for (const q of queue) q.traceBase -= drop;
    for (const st of animation?.steps ?? []) st.base -= drop;
    const shift = (i: number) => i - hops;
    set({
      traces: traces.slice(drop),
      cursor: Math.max(-1, shift(cursor)),
      shown: {
        cursor: Math.max(-1, shift(shown.cursor)),
        ms: shown.ms,
        ...(shown.from !== undefined && shift(shown.from) >= 0 ? { from: shift(shown.from) } : {}),
        ...(shown.folded && shift(shown.folded[0]) >= 0
          ? { folded: [shift(shown.folded[0]), shift(shown.folded[1])] as [number, number] }
          : {}),
      },
    });
    // A hop selected in the inspector keeps pointing at the same hop, or lets go once it is gone.
    const { selection, select } = useLab.getState();
    if (selection?.kind === "hop") {
      const index = shift(Number(selection.id));
      select(index >= 0 ? { kind: "hop", id: String(index) } : null);
    }
  };

  const push = (session: string, execution: Execution, continuation: boolean, wall0?: number) => {
    const mode = get().mode;
    const continuing = continuation && get().traces.length > 0;
    if (continuing && execution.traces.length > 0) trimTraces();
    const traceBase = continuing ? get().traces.length : 0;
    if (execution.traces.length > 0) {
      set({
        traces: continuing ? [...get().traces, ...execution.traces] : execution.traces,
        cursor: continuing ? get().cursor : -1,
      });
      // A new command's packets cut in on whatever the graph was showing.
      if (!continuing) replaying = undefined;
    }
    const all = beatsOf(execution, reach());
    const beats = mode === "step" ? all : all.filter((b) => b.kind === "chunk");
    const item: Item = { session, execution, mode, beats, next: 0, lastT: execution.start, traceBase };
    queue.push(item);
    set({ busy: { ...get().busy, [session]: true } });
    if (mode === "realtime") {
      const previous = queue.find((q) => q !== item && q.session === session);
      if (wall0 !== undefined || !previous) item.wall0 = wall0 ?? now();
      if (execution.traces.length > 0)
        animateExecution(execution, traceBase, item.wall0 ?? now(), continuing && !!animation);
    } else if (!queue.some((q) => q !== item && q.mode === "step")) stepDue = now();
    schedule();
  };

  return {
    traces: [],
    cursor: -1,
    shown: { cursor: -1, ms: 0 },
    animating: false,
    paused: false,
    speed: savedSpeed(),
    mode: saved(KEYS.mode) === "step" ? "step" : "realtime",
    detail: saved(KEYS.detail) === "all" ? "all" : "host",
    busy: {},

    enqueue(session, execution, continuation = false) {
      push(session, execution, continuation);
    },
    interrupt(session) {
      // What a live process printed in the second it has run ahead is shown at once: its
      // statistics count it (a finished `ping -c 5` still prints them all). So is all of a step
      // item, whose animation is merely skipped. A command that is no live process but would still
      // be printing in realtime stops where it is (a traceroute to a silent host).
      for (const item of queue.filter((q) => q.session === session)) {
        const shown = item.mode === "step" || !!item.execution.live;
        for (const beat of item.beats.slice(item.next)) {
          if (beat.kind === "chunk" && shown) emit({ kind: "chunk", session, chunk: beat.chunk });
        }
        item.next = item.beats.length;
        item.wall0 = Number.NEGATIVE_INFINITY;
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
      stepDue = now();
      schedule();
    },
    setSpeed(speed, keep = true) {
      const clamped = Math.min(4, Math.max(0.25, speed));
      if (keep) remember(KEYS.speed, String(clamped));
      set({ speed: clamped });
    },
    setMode(mode, keep = true) {
      if (keep) remember(KEYS.mode, mode);
      set({ mode, paused: false });
      schedule();
    },
    setDetail(detail, keep = true) {
      if (keep) remember(KEYS.detail, detail);
      set({ detail });
    },
    pause() {
      pausedAt = now();
      set({ paused: true });
      schedule();
    },
    play() {
      if (animation && pausedAt !== undefined) animation.wall0 += now() - pausedAt;
      pausedAt = undefined;
      set({ paused: false });
      stepDue = now();
      schedule();
    },
    step(direction) {
      const steps = stepsOf(get().traces, reach());
      const { cursor } = get();
      if (direction < 0) {
        const back = steps.findLast((s) => s.index < cursor) ?? steps[0];
        if (back) landStep(back, 0);
        return;
      }
      const stepItem = queue.find((q) => q.mode === "step");
      if (!stepItem) {
        const next = steps.find((s) => s.index > cursor);
        if (next) landStep(next, (DEFAULT_PACE.hopMs * 0.9) / get().speed);
        return;
      }
      if (!showStep(stepItem)) finish(stepItem);
      schedule();
    },
    skip() {
      replaying = undefined;
      animation = undefined;
      // Step mode: what waited for its packets is shown now, and the next command's turn comes.
      const stepItem = queue.find((q) => q.mode === "step");
      if (stepItem) {
        for (const beat of stepItem.beats.slice(stepItem.next))
          if (beat.kind === "chunk") emit({ kind: "chunk", session: stepItem.session, chunk: beat.chunk });
        stepItem.next = stepItem.beats.length;
        finish(stepItem);
      }
      const steps = stepsOf(get().traces, reach());
      const last = steps[steps.length - 1];
      if (last) set({ cursor: last.index, shown: { cursor: last.index, ms: 0 } });
      set({ animating: false });
      stepDue = now();
      schedule();
    },
    replay() {
      const { traces, mode } = get();
      if (traces.length === 0) return;
      if (mode === "step") {
        replaying = { steps: stepsOf(traces, reach()), next: 0 };
        animation = undefined;
        stepDue = now();
      } else {
        replaying = undefined;
        const start = traces[0]?.hops[0]?.t ?? 0;
        animateExecution({ start, end: start, chunks: [], traces, exit: 0, touched: [] }, 0, now(), false);
      }
      set({ paused: false, animating: true });
      schedule();
    },
    show(traces) {
      set({ traces, cursor: -1, shown: { cursor: -1, ms: 0 } });
      get().replay();
    },
    seek(cursor) {
      set({ cursor, shown: { cursor, ms: 0 } });
    },
    clear() {
      queue.length = 0;
      replaying = undefined;
      animation = undefined;
      if (timer) clearTimeout(timer);
      timer = undefined;
      set({ traces: [], cursor: -1, shown: { cursor: -1, ms: 0 }, animating: false, busy: {} });
    },
  };
});
