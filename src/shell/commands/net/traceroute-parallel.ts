/**
 * Linux traceroute 2.1.2's way of tracing (traceroute.c's do_it): up to sixteen probes in flight at
 * once across several hops, each printed in order as soon as it is answered or its wait runs out.
 * A probe's wait is 5 s (-w), shortened to three times an answer's round trip once another probe of
 * its hop is answered, or ten times one from a further hop. Only the first unprinted probe can
 * expire; when it does, every probe sent with it expires too. A trace ends with the hop in which
 * some probe reached the destination (or got a !H, !N …).
 */
import { advanceClock } from "../../../engine/world";
import type { Ctx } from "../../types";
import { ms3 } from "./common";
import type { Probe, ProbeSender } from "./traceroute-probe";

/** traceroute.c's DEF_SIM_PROBES, DEF_HERE_FACTOR, DEF_NEAR_FACTOR and DEF_WAIT_PREC (1 ms). */
const SIM_PROBES = 16;
const HERE_FACTOR = 3;
const NEAR_FACTOR = 10;
const WAIT_PREC_MS = 1;

/** One probe (saved with the lab, so plain data): when it left, and what became of it. */
interface Slot {
  sent: number;
  /** When its answer arrives; absent for a probe nothing answers. */
  arrives?: number;
  answer?: Extract<Probe, { kind: "answer" }>;
  /** Answered by now, or expired (then `answer` is not read). */
  done: boolean;
  expired?: boolean;
}

/** A running parallel trace. Probe `i` has TTL `i / probes + 1`. */
export interface ParallelTrace {
  parallel: true;
  ip: string;
  numeric: boolean;
  data: number;
  port: number;
  probes: number;
  waitMs: number;
  /** The first probe not yet printed, and the index past the last one the trace may send. */
  start: number;
  end: number;
  slots: Record<number, Slot>;
  /** The address the last printed answer of the current hop came from. */
  from?: string;
  /** Reverse lookups already made. */
  names: Record<string, string>;
}

export function parallelTrace(
  options: Pick<ParallelTrace, "ip" | "numeric" | "data" | "port" | "probes" | "waitMs">,
  firstTtl: number,
  maxTtl: number,
): ParallelTrace {
  const { probes } = options;
  return {
    parallel: true,
    ...options,
    start: (firstTtl - 1) * probes,
    end: maxTtl * probes,
    slots: {},
    names: {},
  };
}

/** get_timeout(): the wait for probe `n`, shortened by answers already in. */
function timeoutOf(s: ParallelTrace, n: number): number {
  const rtt = (slot: Slot | undefined) =>
    slot?.done && !slot.expired && slot.arrives !== undefined ? slot.arrives - slot.sent : 0;
  const hop = n - (n % s.probes);
  for (let i = hop; i < hop + s.probes; i++) {
    const r = rtt(s.slots[i]);
    if (r > 0) return Math.min((r + WAIT_PREC_MS) * HERE_FACTOR, s.waitMs);
  }
  for (let i = n + 1; s.slots[i]; i++) {
    const r = rtt(s.slots[i]);
    if (r > 0) return Math.min((r + WAIT_PREC_MS) * NEAR_FACTOR, s.waitMs);
  }
  return s.waitMs;
}

/** print_probe(): the hop number first, then each probe's address (when it changes) and time. */
function printProbe(ctx: Ctx, s: ParallelTrace, n: number, label: (addr: string) => string): void {
  const np = n % s.probes;
  if (np === 0) {
    ctx.out.write(`\n${String(n / s.probes + 1).padStart(2)} `);
    delete s.from;
  }
  const slot = s.slots[n];
  const answer = slot && !slot.expired ? slot.answer : undefined;
  if (!answer || slot?.arrives === undefined) {
    ctx.out.write(" *");
    return;
  }
  if (answer.from !== s.from) ctx.out.write(` ${label(answer.from)}`);
  s.from = answer.from;
  ctx.out.write(`  ${ms3((slot.arrives - slot.sent) * 1000)} ms${answer.mark}`);
}

/**
 * Runs the trace up to virtual time `until`; an exit status when it ends. `send` walks one probe
 * through the datapath now; `label` names an address as the tool prints it.
 */
export function advanceParallel(
  ctx: Ctx,
  s: ParallelTrace,
  until: number,
  send: ProbeSender,
  label: (addr: string) => string,
): number | undefined {
  // Answered probes take microseconds: past this many rounds in one step the trace falls behind
  // the clock, as a busy process does, instead of freezing the tab (`-q 10 -m 255` to a neighbour).
  for (let round = 0; round < 50; round++) {
    const now = ctx.world.clock;
    for (const slot of Object.values(s.slots))
      if (!slot.done && slot.arrives !== undefined && slot.arrives <= now) slot.done = true;
    let next = Number.POSITIVE_INFINITY;
    let inFlight = 0;
    for (let n = s.start; n < s.end; n++) {
      let slot = s.slots[n];
      if (n === s.start && slot && !slot.done) {
        const expires = slot.sent + timeoutOf(s, n);
        if (expires > now) next = Math.min(next, expires);
        else {
          slot.done = true;
          slot.expired = true;
        }
      }
      if (slot?.done) {
        if (n === s.start) {
          printProbe(ctx, s, n, label);
          s.start += 1;
        }
        if (!slot.expired && slot.answer?.last) s.end = (Math.floor(n / s.probes) + 1) * s.probes;
        continue;
      }
      if (!slot) {
        const ttl = Math.floor(n / s.probes) + 1;
        const { p, end } = send(s.port + n, ttl, now);
        if (p.kind === "error") {
          ctx.out.error(`\n${p.text}`);
          return 1;
        }
        slot =
          p.kind === "answer"
            ? { sent: now, arrives: end, answer: p, done: false }
            : { sent: now, done: false };
        s.slots[n] = slot;
      }
      if (next === Number.POSITIVE_INFINITY) next = slot.sent + timeoutOf(s, n);
      inFlight += 1;
      if (inFlight >= SIM_PROBES) break;
    }
    // Printed hops' probes are no longer read (a hop's own answers are, until it is printed).
    for (const key of Object.keys(s.slots))
      if (Number(key) < s.start - (s.start % s.probes)) delete s.slots[Number(key)];
    if (s.start >= s.end) {
      ctx.out.write("\n");
      return 0;
    }
    for (const slot of Object.values(s.slots))
      if (!slot.done && slot.arrives !== undefined) next = Math.min(next, slot.arrives);
    if (next > until) break;
    advanceClock(ctx.world, Math.max(next, ctx.world.clock));
  }
  advanceClock(ctx.world, Math.max(until, ctx.world.clock));
  return undefined;
}
