/**
 * Running lines in a Lab (lab-state.ts) from code: the tests, the benchmarks and, later, lessons.
 */

import { followHosts, hostNames, type Lab } from "./lab-state";
import { interruptLive, type RunOptions, resumeLive, runLine } from "./run";
import type { Execution } from "./types";

export { createLab, type Lab } from "./lab-state";
export { hostSession } from "./session";

/** Runs a line in a session of the lab (the first one by default). */
export function run(lab: Lab, line: string, sessionId?: string, options?: RunOptions): Execution {
  const session = sessionId ? lab.sessions.find((s) => s.id === sessionId) : lab.sessions[0];
  if (!session) throw new Error(`no session ${sessionId}`);
  const before = hostNames(lab);
  const execution = runLine(lab.world, session, line, options);
  followHosts(lab, before);
  return execution;
}

/**
 * Runs a line and lets what it started finish, as a terminal waiting on it would (a `sleep 5`, a
 * foreground container that exits); a process still running after `patienceMs` of virtual time
 * (an endless ping) gets Ctrl+C. One Execution for the whole.
 */
export function runToEnd(lab: Lab, line: string, sessionId?: string, patienceMs = 3_600_000): Execution {
  const session = sessionId ? lab.sessions.find((s) => s.id === sessionId) : lab.sessions[0];
  if (!session) throw new Error(`no session ${sessionId}`);
  const before = hostNames(lab);
  const first = runLine(lab.world, session, line);
  followHosts(lab, before);
  const deadline = lab.world.clock + patienceMs;
  let last = first;
  const merged = {
    ...first,
    chunks: [...first.chunks],
    traces: [...first.traces],
    touched: [...first.touched],
  };
  while (last.live) {
    const live = last.live;
    last =
      lab.world.clock >= deadline
        ? interruptLive(lab.world, session, live)
        : resumeLive(lab.world, session, live, lab.world.clock + 1000);
    merged.chunks.push(...last.chunks);
    merged.traces.push(...last.traces);
    merged.touched.push(...last.touched);
  }
  return { ...merged, end: last.end, exit: last.exit, live: undefined };
}

/** What a run printed, stdout and stderr interleaved as a terminal shows them. */
export function printed(execution: Execution): string {
  return execution.chunks.map((c) => c.text).join("");
}
