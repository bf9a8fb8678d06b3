/**
 * Presenting a command's result at human pace. The engine stamps output chunks and packet hops with
 * virtual time (microseconds apart for a ping across a bridge, a second between pings); the player
 * shows them in that order, each hop long enough to follow on the graph, and each output line only
 * after the packets that caused it have been seen. Pure: the timing rules are tested in Node.
 */
import type { Hop, Trace } from "../engine/packet/types";
import type { Chunk, Execution } from "../shell/types";

/**
 * One step of a packet: the hops of a trace that happen at the same instant (a bridge flooding a
 * broadcast out of every port at once) shown together; `hop` is the last of them. `moves` is false
 * when the packet stays where it was (arriving, then being delivered or dropped at one interface).
 * A folded step stands for a stretch of hops beyond the Docker hosts (`folded`, first and last hop
 * index in the trace): the packet travels from hop `from` straight to `hop`.
 */
export interface HopBeat {
  kind: "hop";
  t: number;
  trace: number;
  hop: number;
  moves: boolean;
  from?: number;
  folded?: [number, number];
}

export type Beat = HopBeat | { kind: "chunk"; t: number; chunk: Chunk };

/**
 * How much of the way a packet goes the graph shows: "host" folds every stretch beyond the Docker
 * hosts' eth0 (the LAN switch, the router, the ISP, a public resolver) into one step out and one
 * back; "all" shows every hop.
 */
export type Detail = "host" | "all";

function place(hop: Hop): string {
  return `${hop.netns}|${hop.ifname}`;
}

/** The steps of one trace with every hop shown. */
function everyHop(trace: Trace, ti: number, first = 0, last = trace.hops.length - 1): HopBeat[] {
  const beats: HopBeat[] = [];
  for (let hi = first; hi <= last; hi++) {
    const hop = trace.hops[hi] as Hop;
    const next = trace.hops[hi + 1];
    if (hi < last && next && next.t === hop.t) continue;
    const previous = trace.hops[hi - 1];
    beats.push({
      kind: "hop",
      t: hop.t,
      trace: ti,
      hop: hi,
      moves: !previous || place(previous) !== place(hop),
    });
  }
  return beats;
}

/**
 * The steps of one trace with each stretch beyond the Docker hosts folded: out to its farthest
 * point (the router for a DNS query it answers, the site for a ping), then back to where it leaves
 * that stretch. Hops on a Docker host are shown as they are.
 */
function folded(trace: Trace, ti: number, reach: (netns: string) => number): HopBeat[] {
  const beats: HopBeat[] = [];
  const far = (hi: number) => reach((trace.hops[hi] as Hop).netns) > 0;
  let hi = 0;
  while (hi < trace.hops.length) {
    let end = hi;
    const isFar = far(hi);
    while (end + 1 < trace.hops.length && far(end + 1) === isFar) end++;
    if (!isFar) beats.push(...everyHop(trace, ti, hi, end));
    else {
      let turn = hi;
      for (let k = hi; k <= end; k++)
        if (reach((trace.hops[k] as Hop).netns) > reach((trace.hops[turn] as Hop).netns)) turn = k;
      const at = (k: number) => (trace.hops[k] as Hop).t;
      beats.push({
        kind: "hop",
        t: at(turn),
        trace: ti,
        hop: turn,
        moves: true,
        ...(hi > 0 ? { from: hi - 1 } : {}),
        folded: [hi, turn],
      });
      if (end > turn)
        beats.push({
          kind: "hop",
          t: at(end),
          trace: ti,
          hop: end,
          moves: true,
          from: turn,
          folded: [turn + 1, end],
        });
    }
    hi = end + 1;
  }
  return beats;
}

/**
 * Hops and chunks of one execution in virtual-time order; at equal times the packets come first.
 * With a `reach` (distance from the Docker hosts), stretches beyond them are folded.
 */
export function beatsOf(
  execution: Pick<Execution, "chunks" | "traces">,
  reach?: (netns: string) => number,
): Beat[] {
  const beats: Beat[] = execution.traces.flatMap((trace, ti) =>
    reach ? folded(trace, ti, reach) : everyHop(trace, ti),
  );
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

/** A step of the graph over a list of traces: where the token lands and, for a folded one, where it leaves from (flat indices). */
export interface Step {
  index: number;
  from?: number;
  folded?: [number, number];
}

const stepsCache = new WeakMap<Trace[], Partial<Record<Detail, readonly Step[]>>>();

/** A hop beat's place in flatHops(traces). */
export function flatIndex(traces: Trace[], trace: number, hop: number): number {
  return flatHops(traces).findIndex((h) => h.trace === trace && h.hop === hop);
}

/**
 * The steps over a list of traces, in time order, as beatsOf shows them: the hops of one trace at
 * one instant (a flood's copies) are one step, and under the "host" detail a stretch beyond the
 * Docker hosts is one step out and one back. Stepping and replaying go step by step.
 */
export function stepsOf(traces: Trace[], reach?: (netns: string) => number): readonly Step[] {
  const detail: Detail = reach ? "host" : "all";
  const cached = stepsCache.get(traces)?.[detail];
  if (cached) return cached;
  const flat = flatHops(traces);
  const position = new Map(flat.map((h, i) => [`${h.trace}:${h.hop}`, i]));
  const at = (trace: number, hop: number) => position.get(`${trace}:${hop}`) ?? -1;
  const steps = beatsOf({ traces, chunks: [] }, reach)
    .flatMap((b): Step[] => {
      if (b.kind !== "hop") return [];
      const step: Step = { index: at(b.trace, b.hop) };
      if (b.from !== undefined) step.from = at(b.trace, b.from);
      if (b.folded) step.folded = [at(b.trace, b.folded[0]), at(b.trace, b.folded[1])];
      return [step];
    })
    .sort((a, b) => a.index - b.index);
  stepsCache.set(traces, { ...stepsCache.get(traces), [detail]: steps });
  return steps;
}
