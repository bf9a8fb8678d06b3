/**
 * Docker commands that keep the terminal: `docker logs -f` (prints what the container logs until it
 * stops) and `docker wait` (prints exit codes as containers stop). Both end with Ctrl+C as the
 * client does when interrupted.
 */
import { settle } from "../../../engine/docker/containers";
import { hostOf } from "../../../engine/docker/host";
import { isRunning } from "../../../engine/docker/lookup";
import { advanceClock } from "../../../engine/world";
import { containerOf } from "../../place";
import type { Ctx, ProcessKind } from "../../types";
import { logLines } from "./container";

/** Moves the clock on to `until` and lets the daemon end what has run out meanwhile (sleeps). */
function advance(ctx: Ctx, until: number): void {
  advanceClock(ctx.world, until);
  settle(hostOf(ctx.world, ctx.frame.machine));
}

interface LogsState {
  container: string;
  seen: number;
  timestamps: boolean;
}

export const dockerLogs: ProcessKind = {
  resume(ctx, raw, until) {
    const state = raw as LogsState;
    advance(ctx, until);
    const c = containerOf(ctx.world, ctx.frame, state.container);
    if (!c) return 0;
    for (const line of logLines(c, "all", state.timestamps, state.seen)) {
      if (line.stream === "out") ctx.out.write(line.text);
      else ctx.out.writeErr(line.text);
    }
    state.seen = c.logs.length;
    return isRunning(c) ? undefined : 0;
  },
  interrupt() {
    return 130;
  },
};

interface WaitState {
  containers: string[];
  errors: string[];
}

export const dockerWait: ProcessKind = {
  resume(ctx, raw, until) {
    const state = raw as WaitState;
    advance(ctx, until);
    for (const id of [...state.containers]) {
      const c = containerOf(ctx.world, ctx.frame, id);
      if (c && isRunning(c)) continue;
      ctx.out.line(String(c?.state.exitCode ?? 0));
      state.containers = state.containers.filter((x) => x !== id);
    }
    if (state.containers.length > 0) return undefined;
    if (state.errors.length === 0) return 0;
    ctx.out.error(state.errors.join("\n"));
    return 1;
  },
  interrupt() {
    return 130;
  },
};
