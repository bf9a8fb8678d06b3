/**
 * What every network tool needs: the namespace it sends from, a name for traces, running a walk
 * at a virtual time and reporting its trace, and the number formats the tools print.
 */
import type { Netns } from "../../../engine/linux/types";
import { finishTrace, type Sim, startSim } from "../../../engine/packet/sim";
import type { Hop, Protocol, Trace } from "../../../engine/packet/types";
import { randInt } from "../../../engine/rng";
import { containerOf } from "../../place";
import type { Ctx } from "../../types";

export function netnsOf(ctx: Ctx): Netns {
  const ns = ctx.world.netns[ctx.place.netns];
  if (!ns) throw new Error(`no namespace ${ctx.place.netns}`);
  return ns;
}

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
export function killedWithContainer(ctx: Ctx): boolean {
  if (!ctx.frame.container) return false;
  const status = containerOf(ctx.world, ctx.frame)?.state.status;
  return status !== "running" && status !== "paused";
}

/** Moves the world's clock forward to `t` (never back): output written now is stamped then. */
export function advanceTo(ctx: Ctx, t: number): void {
  if (t > ctx.world.clock) ctx.world.clock = t;
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

export function isIpv4(text: string): boolean {
  return (
    /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(text) &&
    text.split(".").every((o) => Number(o) <= 255)
  );
}

/** The errno texts the C library prints. */
export const STRERROR: Record<string, string> = {
  ENETUNREACH: "Network is unreachable",
  EHOSTUNREACH: "No route to host",
  EPERM: "Operation not permitted",
  ECONNREFUSED: "Connection refused",
  ETIMEDOUT: "Connection timed out",
  ECONNRESET: "Connection reset by peer",
};
