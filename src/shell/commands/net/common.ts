/**
 * What every network tool needs: a name for traces, running a walk at a virtual time and reporting
 * its trace, and the number formats the tools print. (The namespace it sends from: place.ts.)
 */
import { finishTrace, type Sim, startSim } from "../../../engine/packet/sim";
import type { Hop, Protocol, Trace } from "../../../engine/packet/types";
import { randInt } from "../../../engine/rng";
import { containerOf } from "../../place";
import type { Ctx } from "../../types";

/** Who is sending, for trace labels: the container's name or the machine's. */
export function senderName(ctx: Ctx): string {
  return containerOf(ctx.world, ctx.frame)?.name ?? ctx.place.machine;
}

/**
 * Runs one exchange as a walk starting at virtual time `t`, reports its trace, and returns the
 * result and the time the walk ended.
 */
export function traced<T>(
  ctx: Ctx,
  t: number,
  protocol: Protocol,
  label: string,
  run: (sim: Sim) => T,
  ok: (result: T) => boolean,
): { result: T; end: number; trace: Trace } {
  const sim = startSim(ctx.world, t);
  const result = run(sim);
  // A walk that failed ended where something dropped it, or vanished without a word.
  const last = sim.hops.reduce<Hop | undefined>((a, h) => (a && a.t > h.t ? a : h), undefined);
  const outcome: Trace["outcome"] = ok(result)
    ? "delivered"
    : last?.decision === "dropped"
      ? "dropped"
      : "lost";
  const trace = finishTrace(sim, protocol, label, outcome);
  if (trace.hops.length > 0) ctx.out.trace(trace);
  return { result, end: sim.t, trace };
}

/** A live process in a container dies with it (SIGKILL when the container stops). */
/** Whether the command runs in the shell the terminal types into, so its stdin is the terminal. */
export function typedAtPrompt(ctx: Ctx): boolean {
  return ctx.session.frames[ctx.session.frames.length - 1] === ctx.frame;
}

export function killedWithContainer(ctx: Ctx): boolean {
  if (!ctx.frame.container) return false;
  const status = containerOf(ctx.world, ctx.frame)?.state.status;
  return status !== "running" && status !== "paused";
}

/** Microseconds as "%u.%03u" (busybox ping, traceroute and iputils' statistics). */
export function ms3(us: number): string {
  const u = Math.max(0, Math.round(us));
  return `${Math.floor(u / 1000)}.${String(u % 1000).padStart(3, "0")}`;
}

/** A process ID-like number for ICMP identifiers and source ports. */
export function processId(ctx: Ctx): number {
  return randInt(ctx.world.rng, 100, 32767);
}

export { isIpv4 } from "../../../engine/ip";
