/**
 * A Lab is everything a student's work consists of: the world and the terminal sessions in it.
 * Plain data: it is what gets saved, restored, shared, and replayed by lessons.
 */
import { createWorld, type WorldOptions } from "../engine/create-world";
import type { World } from "../engine/world";
import { type RunOptions, runLine } from "./run";
import type { Execution, Session } from "./types";

export interface Lab {
  world: World;
  sessions: Session[];
}

export function hostSession(id: string, machine = "host1", title = machine): Session {
  return {
    id,
    title,
    frames: [{ machine, shell: "bash", env: {}, cwd: "/root" }],
    history: [],
    lastExit: 0,
  };
}

export function createLab(options: WorldOptions = {}): Lab {
  return { world: createWorld(options), sessions: [hostSession("s1")] };
}

/** Runs a line in a session of the lab (the first one by default). */
export function run(lab: Lab, line: string, sessionId?: string, options?: RunOptions): Execution {
  const session = sessionId ? lab.sessions.find((s) => s.id === sessionId) : lab.sessions[0];
  if (!session) throw new Error(`no session ${sessionId}`);
  return runLine(lab.world, session, line, options);
}

/** What a run printed, stdout and stderr interleaved as a terminal shows them. */
export function printed(execution: Execution): string {
  return execution.chunks.map((c) => c.text).join("");
}
