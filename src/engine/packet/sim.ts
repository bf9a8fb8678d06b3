/**
 * One walk in progress: the world it changes, the hops recorded so far and the virtual time, in
 * milliseconds with microsecond fractions. Every cost a packet pays (a veth crossing, a bridge
 * lookup, a process waking up) is drawn from the world's generator, so the same seed gives the same
 * round-trip times.
 */
import type { Link, Netns } from "../linux/types";
import { randInt } from "../rng";
import type { World } from "../world";
import type { Decision, Hop, HopNote, Packet, PacketState, Protocol, Trace } from "./types";

export interface Sim {
  world: World;
  /** In the order the walk made them (see finishTrace). */
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
  note: HopNote,
  extra?: HopExtra,
): void {
  const h: Hop = { t: sim.t, netns: ns.id, ifname, dir, packet, decision, note };
  if (extra) Object.assign(h, extra);
  sim.hops.push(h);
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

/** Closes a walk into a Trace, its hops in time order (see inTimeOrder). */
export function finishTrace(sim: Sim, protocol: Protocol, label: string, outcome: Trace["outcome"]): Trace {
  const state = packetState(sim.world);
  return { id: `trace-${state.nextTrace++}`, protocol, label, hops: inTimeOrder(sim.hops), outcome };
}

/**
 * Hops as they happen. The walk makes them in runs that each go forward in time: flooded copies
 * one after the other, each from the moment of the flood, and a sender waiting for an answer goes
 * on from when it came. Merging neighbouring runs, round after round, orders them as a stable sort
 * by time would (ties in the order they were made) in a few passes over the hops.
 */
export function inTimeOrder(hops: Hop[]): Hop[] {
  const n = hops.length;
  // Where each run starts, and the end.
  let bounds = [0];
  for (let i = 1; i < n; i++) if ((hops[i - 1] as Hop).t > (hops[i] as Hop).t) bounds.push(i);
  if (bounds.length === 1) return hops;
  bounds.push(n);
  let from = hops.slice();
  let to: Hop[] = new Array(n);
  while (bounds.length > 2) {
    const merged = [0];
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const lo = bounds[r] ?? 0;
      const mid = bounds[r + 1] ?? n;
      const hi = bounds[r + 2] ?? mid;
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) {
        const a = from[i] as Hop;
        const b = from[j] as Hop;
        if (b.t < a.t) {
          to[o++] = b;
          j++;
        } else {
          to[o++] = a;
          i++;
        }
      }
      while (i < mid) to[o++] = from[i++] as Hop;
      while (j < hi) to[o++] = from[j++] as Hop;
      merged.push(hi);
    }
    bounds = merged;
    [from, to] = [to, from];
  }
  return from;
}
