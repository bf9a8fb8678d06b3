/**
 * Docker commands that keep the terminal: `docker logs -f` (prints what the container logs until it
 * stops) and `docker wait` (prints exit codes as containers stop). Both end with Ctrl+C as the
 * client does when interrupted.
 */
import { settle } from "../../../engine/docker/containers";
import { hostOf } from "../../../engine/docker/host";
import { isRunning } from "../../../engine/docker/lookup";
import type { Container } from "../../../engine/docker/types";
import { advanceClock } from "../../../engine/world";
import { containerOf } from "../../place";
import type { Ctx, ProcessKind } from "../../types";

/** Moves the clock on to `until` and lets the daemon end what has run out meanwhile (sleeps). */
function advance(ctx: Ctx, until: number): void {
  advanceClock(ctx.world, until);
  settle(hostOf(ctx.world, ctx.frame.machine));
}

/** Log lines as `docker logs` prints them: --tail counts lines from the end, -t prefixes timestamps. */
export function logLines(
  c: Container,
  tail: string,
  timestamps: boolean,
  from = 0,
): { stream: "out" | "err"; text: string }[] {
  const lines: { stream: "out" | "err"; text: string; t: number }[] = [];
  for (const entry of c.logs.slice(from)) {
    for (const piece of entry.text.split(/(?<=\n)/)) {
      if (piece)
        lines.push({
          stream: c.config.tty || entry.stream === "stdout" ? "out" : "err",
          text: piece,
          t: entry.t,
        });
    }
  }
  const n = tail === "all" || tail === "" ? lines.length : Math.max(0, Number.parseInt(tail, 10));
  const shown = Number.isNaN(n) ? lines : lines.slice(lines.length - Math.min(n, lines.length));
  return shown.map((l) => ({
    stream: l.stream,
    text: timestamps
      ? `${new Date(l.t).toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z")} ${l.text}`
      : l.text,
  }));
}

interface LogsState {
  container: string;
  seen: number;
  timestamps: boolean;
}

export const dockerLogs: ProcessKind<LogsState> = {
  name: "docker-logs",
  resume(ctx, state, until) {
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

export const dockerWait: ProcessKind<WaitState> = {
  name: "docker-wait",
  resume(ctx, state, until) {
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
