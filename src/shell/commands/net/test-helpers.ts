/** Running lines in a lab for the network tools' tests, and hiding the round-trip times that vary. */
import type { Trace } from "../../../engine/packet/types";
import { hopLine } from "../../../view/hop-note";
import { createLab, hostSession, type Lab, printed, run, runToEnd } from "../../lab";
import type { LiveProcess } from "../../types";

export interface Ran {
  out: string;
  exit: number;
  traces: Trace[];
  live?: LiveProcess;
}

function ran(e: ReturnType<typeof run>): Ran {
  return { out: printed(e), exit: e.exit, traces: e.traces, ...(e.live ? { live: e.live } : {}) };
}

/** Types a line and waits for the prompt, as a terminal does (a `ping -c 2` runs its two seconds). */
export function sh(lab: Lab, line: string, session?: string): Ran {
  return ran(runToEnd(lab, line, session));
}

/** Types a line and looks at what it printed at once, leaving what it started running (an endless ping). */
export function start(lab: Lab, line: string, session?: string): Ran {
  return ran(run(lab, line, session));
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

/** Every hop of the traces in one English line, "netns ifname: line", for asserting where packets went. */
export function notes(traces: Trace[]): string[] {
  return traces.flatMap((t) => t.hops.map((h) => `${h.netns} ${h.ifname}: ${hopLine(h)}`));
}
