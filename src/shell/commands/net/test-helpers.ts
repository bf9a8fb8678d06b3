/** Running lines in a lab for the network tools' tests, and hiding the round-trip times that vary. */
import type { Trace } from "../../../engine/packet/types";
import { createLab, hostSession, type Lab, printed, run } from "../../lab";
import type { LiveProcess } from "../../types";

export interface Ran {
  out: string;
  exit: number;
  traces: Trace[];
  live?: LiveProcess;
}

export function sh(lab: Lab, line: string, session?: string): Ran {
  const e = run(lab, line, session);
  return { out: printed(e), exit: e.exit, traces: e.traces, ...(e.live ? { live: e.live } : {}) };
}

/** A lab with the laptop's shell as session "laptop" beside the host's. */
export function labWithLaptop(): Lab {
  const lab = createLab();
  lab.sessions.push(hostSession("laptop", "laptop"));
  return lab;
}

/** Replaces measured times (ping, traceroute) with T, keeping everything else exact. */
export function untimed(text: string): string {
  return text
    .replace(/time=\d+(\.\d+)? ms/g, "time=T ms")
    .replace(/ = [\d.]+\/[\d.]+\/[\d.]+(\/[\d.]+)? ms/g, " = T ms")
    .replace(/ {2}\d+\.\d{3} ms/g, "  T ms")
    .replace(/time \d+ms/g, "time Tms");
}

/** Every hop note of the traces, "netns ifname: note", for asserting where packets went. */
export function notes(traces: Trace[]): string[] {
  return traces.flatMap((t) => t.hops.map((h) => `${h.netns} ${h.ifname}: ${h.note}`));
}
