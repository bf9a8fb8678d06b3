/** Typing a tutorial into a lab, line by line, as a student does, and reading what it printed. */
import { type Lab, printed, run } from "../../src/shell/lab";
import { interruptLive, resumeLive } from "../../src/shell/run";

export interface Typed {
  out: string;
  exit: number;
}

/**
 * Types one line in a session (the first tab by default) and waits for the prompt as a student does,
 * a virtual second at a time; a command still running after `seconds` (an endless ping) gets Ctrl+C.
 */
export function type(lab: Lab, line: string, seconds = 3, sessionId?: string): Typed {
  const session = sessionId ? lab.sessions.find((s) => s.id === sessionId) : lab.sessions[0];
  if (!session) throw new Error("no session");
  const first = run(lab, line, session.id);
  const deadline = lab.world.clock + seconds * 1000 - 1;
  let out = printed(first);
  let exit = first.exit;
  let live = first.live;
  while (live) {
    const next =
      lab.world.clock >= deadline
        ? interruptLive(lab.world, session, live)
        : resumeLive(lab.world, session, live, Math.min(deadline, lab.world.clock + 1000));
    out += printed(next);
    exit = next.exit;
    live = next.live;
  }
  return { out, exit };
}

/** The shell the student is in now, as its prompt would show it. */
export function where(lab: Lab): string {
  const frame = lab.sessions[0]?.frames.at(-1);
  return frame?.container ? `container ${frame.container.slice(0, 12)}` : `host ${frame?.machine}`;
}

/** A container's address on a network, from the daemon. */
export function ipOf(lab: Lab, name: string, network = "bridge"): string {
  const daemon = lab.world.machines.host1?.docker;
  const c = daemon?.containers.find((x) => x.name === name);
  const n = daemon?.networks.find((x) => x.name === network);
  return c?.endpoints.find((e) => e.networkId === n?.id)?.ip ?? "";
}
