/** A terminal session: the shell it starts in, and the shell typed lines go to now. */
import type { Frame, Session } from "./types";

/** A tab with a login shell on `machine`. */
export function hostSession(id: string, machine = "host1", title = machine): Session {
  return {
    id,
    title,
    frames: [{ machine, shell: "bash", env: {}, cwd: "/root" }],
    history: [],
    lastExit: 0,
  };
}

/** The shell the session is in now: the host's, or the innermost exec/attach. */
export function currentFrame(session: Session): Frame {
  const frame = session.frames[session.frames.length - 1];
  if (!frame) throw new Error("a session always has its host shell");
  return frame;
}
