/**
 * Realtime pacing: the terminal shows a command's output when the real tool would print it, and its
 * packets animate alongside, compressed. Hops close together in virtual time (one ping's ARP,
 * request and reply, microseconds apart) form a burst; each burst starts when it happened, as its
 * output does, and plays in a short span (about 1.5 s at 1×) whatever its hop count, ending before
 * the next burst is due. Within a burst the time goes to the hops a student studies: those moving
 * on a Docker host; a folded stretch beyond it and a packet staying in place get less.
 */
import type { HopBeat } from "./timeline";

/** One step of a compressed animation: when it starts (wall-clock ms after the command began) and how long it travels. */
export interface TimedBeat {
  beat: HopBeat;
  at: number;
  ms: number;
}

/** Hops further apart than this (virtual ms) belong to different bursts: a ping's seconds, a retry. */
const BURST_GAP_MS = 250;
/** The longest a burst plays at 1× (wall-clock ms). */
const BURST_MS = 1500;
/** The time one unit of weight gets at 1×, so that a short burst is not stretched to BURST_MS. */
const UNIT_MS = 110;
/** What share of the time until the next burst a burst may use: the graph never lags behind the terminal. */
const FIT = 0.9;

function weight(beat: HopBeat, near: (b: HopBeat) => boolean): number {
  if (!beat.moves) return 1;
  if (beat.folded) return 2;
  return near(beat) ? 3 : 1.5;
}

/**
 * The schedule of `beats` (hop beats in time order) for a command that began at virtual time
 * `start`; `horizon` is the virtual time by which the last burst must have played (a live
 * process's next second), if any. `near` tells the hops on a Docker host.
 */
export function compress(
  beats: HopBeat[],
  start: number,
  speed: number,
  near: (b: HopBeat) => boolean,
  horizon?: number,
): TimedBeat[] {
  const bursts: HopBeat[][] = [];
  for (const beat of beats) {
    const current = bursts[bursts.length - 1];
    const last = current?.[current.length - 1];
    if (current && last && beat.t - last.t < BURST_GAP_MS) current.push(beat);
    else bursts.push([beat]);
  }
  const timed: TimedBeat[] = [];
  bursts.forEach((burst, i) => {
    const first = burst[0] as HopBeat;
    const at = Math.max(0, first.t - start);
    const next = bursts[i + 1]?.[0]?.t ?? horizon;
    const weights = burst.map((b) => weight(b, near));
    const total = weights.reduce((a, b) => a + b, 0);
    let span = Math.min(BURST_MS, total * UNIT_MS) / speed;
    if (next !== undefined) span = Math.min(span, Math.max(0, next - first.t) * FIT);
    let offset = at;
    burst.forEach((beat, j) => {
      const ms = (span * (weights[j] ?? 0)) / total;
      timed.push({ beat, at: offset, ms });
      offset += ms;
    });
  });
  return timed;
}
