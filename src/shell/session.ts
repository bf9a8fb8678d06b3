/**
 * A Lab is everything a student's work consists of: the world and the terminal sessions in it.
 * Plain data: it is what gets saved, restored, shared, and replayed by lessons. Nothing here runs
 * commands (that is run.ts), so the page can draw a lab before the shell has loaded.
 */
import { createWorld, type WorldOptions } from "../engine/create-world";
import type { World } from "../engine/world";
import type { Frame, Session } from "./types";

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

/** A fresh lab: the world and one terminal on its first Docker host (host1, or the instrument's h1). */
export function createLab(options: WorldOptions = {}): Lab {
  const first = options.isolatedHosts?.[0]?.name ?? "host1";
  return { world: createWorld(options), sessions: [hostSession("s1", first)] };
}

/** The shell the session is in now: the host's, or the innermost exec/attach. */
export function currentFrame(session: Session): Frame {
  const frame = session.frames[session.frames.length - 1];
  if (!frame) throw new Error("a session always has its host shell");
  return frame;
}
