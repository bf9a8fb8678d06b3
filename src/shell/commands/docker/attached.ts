/**
 * A container running in the foreground (`docker run nginx` without -d): the terminal waits on it
 * until its main process ends (a `sleep` runs out) or Ctrl+C stops it.
 */
import { mainExited, releaseAttached } from "../../../engine/docker/containers";
import { hostOf } from "../../../engine/docker/host";
import { isRunning } from "../../../engine/docker/lookup";
import type { Container } from "../../../engine/docker/types";
import { advanceClock } from "../../../engine/world";
import { containerOf } from "../../place";
import type { Ctx, ProcessKind } from "../../types";

interface AttachedState {
  container: string;
  /** Log entries already shown: what its main process prints meanwhile (a script's background part) streams. */
  seen?: number;
}

function stream(ctx: Ctx, c: Container, state: AttachedState): void {
  for (const entry of c.logs.slice(state.seen ?? c.logs.length)) {
    if (entry.stream === "stdout") ctx.out.write(entry.text);
    else ctx.out.writeErr(entry.text);
  }
  state.seen = c.logs.length;
}

function attachedContainer(ctx: Ctx, state: AttachedState) {
  return containerOf(ctx.world, ctx.frame, state.container);
}

/** The main process has ended and its output has been read: the client lets go, with its exit status. */
function detachFrom(host: ReturnType<typeof hostOf>, c: Container): number {
  const code = c.state.exitCode;
  releaseAttached(host, c);
  return code;
}

export const attached: ProcessKind<AttachedState> = {
  name: "attached",
  resume(ctx, state, until) {
    const c = attachedContainer(ctx, state);
    if (c) stream(ctx, c, state);
    if (!c) return 0;
    const host = hostOf(ctx.world, ctx.frame.machine);
    if (!isRunning(c)) return detachFrom(host, c);
    const exitAt = c.main.exitAt;
    if (exitAt !== undefined && exitAt <= until) {
      advanceClock(ctx.world, exitAt);
      mainExited(host, c, 0);
      return detachFrom(host, c);
    }
    advanceClock(ctx.world, until);
    return undefined;
  },
  interrupt(ctx, state) {
    const c = attachedContainer(ctx, state);
    if (!c) return 0;
    const host = hostOf(ctx.world, ctx.frame.machine);
    // The CLI forwards SIGINT: servers shut down cleanly, anything else dies of the signal.
    if (isRunning(c)) mainExited(host, c, c.main.handlesTerm ? c.main.termExitCode : 130);
    return detachFrom(host, c);
  },
};
