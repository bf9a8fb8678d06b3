/**
 * A container running in the foreground (`docker run nginx` without -d): the terminal waits on it
 * until its main process ends (a `sleep` runs out) or Ctrl+C stops it.
 */
import { exitContainer } from "../../../engine/docker/containers";
import { hostOf } from "../../../engine/docker/host";
import { isRunning } from "../../../engine/docker/lookup";
import type { Ctx, ProcessKind } from "../../types";

interface AttachedState {
  container: string;
}

function containerOf(ctx: Ctx, state: unknown) {
  const id = (state as AttachedState).container;
  return ctx.world.machines[ctx.frame.machine]?.docker?.containers.find((c) => c.id === id);
}

export const attached: ProcessKind = {
  resume(ctx, state, until) {
    const c = containerOf(ctx, state);
    if (!c || !isRunning(c)) return c?.state.exitCode ?? 0;
    const exitAt = c.main.exitAt;
    if (exitAt !== undefined && exitAt <= until) {
      ctx.world.clock = Math.max(ctx.world.clock, exitAt);
      exitContainer(hostOf(ctx.world, ctx.frame.machine), c, 0);
      return 0;
    }
    ctx.world.clock = Math.max(ctx.world.clock, until);
    return undefined;
  },
  interrupt(ctx, state) {
    const c = containerOf(ctx, state);
    if (!c || !isRunning(c)) return c?.state.exitCode ?? 0;
    // The CLI forwards SIGINT: servers shut down cleanly, anything else dies of the signal.
    const code = c.main.handlesTerm ? c.main.termExitCode : 130;
    exitContainer(hostOf(ctx.world, ctx.frame.machine), c, code);
    return code;
  },
};
