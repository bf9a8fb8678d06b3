/**
 * One walk in progress: the world it changes, the hops recorded so far and the virtual time, in
 * milliseconds with microsecond fractions. Every cost a packet pays (a veth crossing, a bridge
 * lookup, a process waking up) is drawn from the world's generator, so the same seed gives the same
 * round-trip times.
 */
import type { Link, Netns } from "../linux/types";
import { randInt } from "../rng";
import type { World } from "../world";
import type { Decision, Hop, Packet, PacketState, Protocol, Trace } from "./types";

export interface Sim {
  world: World;
  hops: Hop[];
  /** Virtual now: ms since the epoch, fractions are microseconds. */
  t: number;
}

export function startSim(world: World, t = world.clock): Sim {
  return { world, hops: [], t };
}

/** Time passes by a cost between `minUs` and `maxUs` microseconds. */
export function elapse(sim: Sim, minUs: number, maxUs: number): void {
  sim.t += randInt(sim.world.rng, minUs, maxUs) / 1000;
}

export interface HopExtra {
  rule?: string;
  before?: Packet;
}

export function hop(
  sim: Sim,
  ns: Netns,
  ifname: string,
  dir: "out" | "in",
  packet: Packet,
  decision: Decision,
  note: string,
  extra: HopExtra = {},
): void {
  sim.hops.push({ t: sim.t, netns: ns.id, ifname, dir, packet, decision, note, ...extra });
}

export function packetState(world: World): PacketState {
  world.packets ??= { nextTrace: 1, nextCapture: 1, captures: [] };
  return world.packets;
}

/** Records the frame for every capture listening on this interface (or on "any" in its namespace). */
export function capture(sim: Sim, ns: Netns, link: Link, dir: "out" | "in", packet: Packet): void {
  const captures = sim.world.packets?.captures;
  if (!captures || captures.length === 0) return;
  for (const c of captures) {
    if (c.netns === ns.id && (c.ifname === link.name || c.ifname === "any"))
      c.frames.push({ t: sim.t, ifname: link.name, dir, packet });
  }
}

/**
 * Closes a walk into a Trace. Flooded branches run one after the other in the walk but at the same
 * virtual time, so hops are ordered by time (stably) to show them as they happen.
 */
export function finishTrace(sim: Sim, protocol: Protocol, label: string, outcome: Trace["outcome"]): Trace {
  const state = packetState(sim.world);
  const ordered = sim.hops.every((h, i) => i === 0 || (sim.hops[i - 1]?.t ?? 0) <= h.t);
  const hops = ordered ? sim.hops : [...sim.hops].sort((a, b) => a.t - b.t);
  return { id: `trace-${state.nextTrace++}`, protocol, label, hops, outcome };
}
