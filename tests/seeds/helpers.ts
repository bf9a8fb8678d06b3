/** Typing a tutorial into a lab, line by line, as a student does, and reading what it printed. */
import { type Lab, printed, run } from "../../src/shell/lab";
import { interruptLive, resumeLive } from "../../src/shell/run";

export interface Typed {
  out: string;
  exit: number;
}

/**
 * Types one line in a session (the first tab by default); an endless command (ping without -c)
 * runs `seconds` virtual seconds, then gets Ctrl+C.
 */
export function type(lab: Lab, line: string, seconds = 3, sessionId?: string): Typed {
  const session = sessionId ? lab.sessions.find((s) => s.id === sessionId) : lab.sessions[0];
  if (!session) throw new Error("no session");
  const first = run(lab, line, session.id);
  let out = printed(first);
  let exit = first.exit;
  let live = first.live;
  if (live) {
    const next = resumeLive(lab.world, session, live, lab.world.clock + seconds * 1000 - 1);
    out += printed(next);
    live = next.live;
    if (live) {
      const stopped = interruptLive(lab.world, session, live);
      out += printed(stopped);
      exit = stopped.exit;
    } else exit = next.exit;
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
