/**
 * Ctrl+P Ctrl+Q in a container's main shell (`docker run -it`, `docker attach`): the Docker client
 * lets go of the container, which keeps running, and the terminal is back in the shell below.
 */
import type { World } from "../engine/world";
import { Output } from "./output";
import { currentFrame } from "./session";
import type { Execution, Session } from "./types";

/** Detaches the session from the main shell it is in; undefined when it is not in one. */
export function detach(world: World, session: Session): Execution | undefined {
  const frame = currentFrame(session);
  if (!frame.main || session.frames.length <= 1) return undefined;
  session.frames.pop();
  const out = new Output(world);
  // `docker attach` ends with the escape as its error (exit 1); `docker run -it` counts it a success.
  if (frame.attach) out.error("read escape sequence");
  const exit = frame.attach ? 1 : 0;
  session.lastExit = exit;
  return {
    start: world.clock,
    end: world.clock,
    chunks: out.chunks,
    exit,
    traces: [],
    pop: true,
    touched: [],
  };
}
