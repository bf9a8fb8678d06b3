/**
 * The neighbour (ARP) table as the kernel keeps it, aged by virtual time: an answered request makes an
 * entry REACHABLE; it goes STALE after the reachable time; using a STALE entry puts it in DELAY, and
 * five seconds later the kernel's unicast probe has made it REACHABLE again. A request received for
 * one of our addresses teaches us its sender as STALE.
 */
import type { Neigh, NeighState, Netns } from "../linux/types";

/** net.ipv4.neigh.*.base_reachable_time_ms (the kernel randomises it around this). */
const REACHABLE_MS = 30_000;
/** delay_first_probe_time: how long an entry waits in DELAY for a confirmation before probing. */
const DELAY_MS = 5_000;
/** Three unanswered probes, one a second, and the entry fails. */
export const ARP_FAIL_MS = 3_000;

export interface NeighView {
  state: NeighState;
  /** Virtual time the state was entered. */
  since: number;
}

/** What an entry is at `now`, following the timers that ran since it was last touched. */
export function neighbourView(n: Neigh, now: number): NeighView {
  let state = n.state;
  let since = n.updated ?? now;
  // A walk decides an unanswered resolution at once, stamping FAILED at the end of its probes;
  // until then the kernel is still asking.
  if (state === "FAILED" && since > now)
    return { state: "INCOMPLETE", since: Math.min(now, since - ARP_FAIL_MS) };
  if (state === "DELAY" && now - since >= DELAY_MS) {
    state = "REACHABLE";
    since += DELAY_MS;
  }
  if (state === "REACHABLE" && now - since >= REACHABLE_MS) {
    state = "STALE";
    since += REACHABLE_MS;
  }
  return { state, since };
}

export function findNeigh(ns: Netns, dev: number, ip: string): Neigh | undefined {
  return ns.neigh.find((n) => n.dev === dev && n.ip === ip);
}

export function setNeigh(
  ns: Netns,
  dev: number,
  ip: string,
  mac: string | undefined,
  state: NeighState,
  now: number,
): Neigh {
  const known = findNeigh(ns, dev, ip);
  if (known) {
    if (mac) known.mac = mac;
    else delete known.mac;
    known.state = state;
    known.updated = now;
    return known;
  }
  const entry: Neigh = { ip, dev, state, updated: now, ...(mac ? { mac } : {}) };
  ns.neigh.push(entry);
  return entry;
}

/** The MAC to send to, if the entry can be used now; using a STALE entry starts the DELAY timer. */
export function usableMac(ns: Netns, dev: number, ip: string, now: number): string | undefined {
  const n = findNeigh(ns, dev, ip);
  if (!n?.mac) return undefined;
  const view = neighbourView(n, now);
  if (view.state === "FAILED" || view.state === "INCOMPLETE") return undefined;
  if (view.state === "STALE") {
    n.state = "DELAY";
    n.updated = now;
  } else {
    n.state = view.state;
    n.updated = view.since;
  }
  return n.mac;
}

/** An ARP request for one of our addresses: its sender becomes known (STALE) unless already current. */
export function learnFromRequest(ns: Netns, dev: number, ip: string, mac: string, now: number): void {
  const n = findNeigh(ns, dev, ip);
  if (n?.mac === mac && n.state !== "FAILED" && n.state !== "INCOMPLETE") return;
  setNeigh(ns, dev, ip, mac, "STALE", now);
}
