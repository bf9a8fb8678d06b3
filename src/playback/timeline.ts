/**
 * Presenting a command's result at human pace. The engine stamps output chunks and packet hops with
 * virtual time (microseconds apart for a ping across a bridge, a second between pings); the player
 * shows them in that order, each hop long enough to follow on the graph, and each output line only
 * after the packets that caused it have been seen. Pure: the timing rules are tested in Node.
 */
import type { Hop, Trace } from "../engine/packet/types";
import type { Chunk, Execution } from "../shell/types";

export type Beat =
  /**
   * One step of a packet: the hops of a trace that happen at the same instant (a bridge flooding a
   * broadcast out of every port at once) shown together; `hop` is the last of them. `moves` is false
   * when the packet stays where it was (arriving, then being delivered or dropped at one interface).
   */
  | { kind: "hop"; t: number; trace: number; hop: number; moves: boolean }
  | { kind: "chunk"; t: number; chunk: Chunk };

function place(hop: Hop): string {
  return `${hop.netns}|${hop.ifname}`;
}

/** Hops and chunks of one execution in virtual-time order; at equal times the packets come first. */
export function beatsOf(execution: Pick<Execution, "chunks" | "traces">): Beat[] {
  const beats: Beat[] = [];
  execution.traces.forEach((trace, ti) => {
    trace.hops.forEach((hop: Hop, hi) => {
      const next = trace.hops[hi + 1];
      if (next && next.t === hop.t) return;
      const previous = trace.hops[hi - 1];
      beats.push({
        kind: "hop",
        t: hop.t,
        trace: ti,
        hop: hi,
        moves: !previous || place(previous) !== place(hop),
      });
    });
  });
  for (const chunk of execution.chunks) beats.push({ kind: "chunk", t: chunk.t, chunk });
  const order = (b: Beat) => (b.kind === "hop" ? 0 : 1);
  return beats
    .map((b, i) => ({ b, i }))
    .sort((x, y) => x.b.t - y.b.t || order(x.b) - order(y.b) || x.i - y.i)
    .map(({ b }) => b);
}

export interface Pace {
  /** Wall-clock ms one hop takes to animate at 1×. */
  hopMs: number;
  /** Wall-clock ms a step that stays in place (delivered, dropped at the same interface) takes at 1×. */
  inPlaceMs: number;
  /** Longest wall-clock wait for idle virtual time (a 10 s `docker stop`, a second between pings) at 1×. */
  maxIdleMs: number;
  /** 0.25 … 4. */
  speed: number;
}

export const DEFAULT_PACE: Pace = { hopMs: 320, inPlaceMs: 90, maxIdleMs: 1000, speed: 1 };

/**
 * How long to wait (wall-clock ms) before showing `beat`, given the virtual time of the beat before it.
 * Hops take their animation time; output waits for idle virtual time, compressed to at most maxIdleMs.
 */
export function waitBefore(beat: Beat, previousT: number, pace: Pace): number {
  const idle = Math.min(Math.max(0, beat.t - previousT), pace.maxIdleMs);
  const base = beat.kind === "hop" ? Math.max(beat.moves ? pace.hopMs : pace.inPlaceMs, idle) : idle;
  return base / pace.speed;
}

export type FlatHop = { trace: number; hop: number; at: Hop };

// The player, the graph and the inspector ask on every hop; a list of traces is never changed in place.
const flatCache = new WeakMap<Trace[], readonly FlatHop[]>();
const endsCache = new WeakMap<Trace[], readonly number[]>();

/** Every hop of a list of traces, flattened in time order, for stepping and for the event list. */
export function flatHops(traces: Trace[]): readonly FlatHop[] {
  let flat = flatCache.get(traces);
  if (!flat) {
    flat = traces
      .flatMap((t, ti) => t.hops.map((h, hi) => ({ trace: ti, hop: hi, at: h })))
      .sort((a, b) => a.at.t - b.at.t || a.trace - b.trace || a.hop - b.hop);
    flatCache.set(traces, flat);
  }
  return flat;
}

/**
 * The indices into flatHops(traces) where a step ends: the hops of one trace at one instant (a
 * flood's copies) are one step, as beatsOf shows them; stepping and replaying go step by step.
 */
export function stepEnds(traces: Trace[]): readonly number[] {
  let ends = endsCache.get(traces);
  if (!ends) {
    const flat = flatHops(traces);
    ends = flat.flatMap((h, i) => {
      const next = flat[i + 1];
      return !next || next.trace !== h.trace || next.at.t !== h.at.t ? [i] : [];
    });
    endsCache.set(traces, ends);
  }
  return ends;
}
