/**
 * `docker logs [-f] [-t] [--tail N]`: what the container's main process wrote; with -f it keeps the
 * terminal, printing what the container logs until it stops.
 */
import { isRunning, requireContainer } from "../../../engine/docker/lookup";
import type { Container } from "../../../engine/docker/types";
import { goLive } from "../../command";
import { containerOf } from "../../place";
import type { ProcessKind } from "../../types";
import type { DockerCommand } from "./cli";
import { bool, flag, str } from "./flags";
import { advanceTo } from "./lifecycle";

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

const dockerLogs: ProcessKind<LogsState> = {
  name: "docker-logs",
  resume(ctx, state, until) {
    advanceTo(ctx, until);
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

/** The flags `docker logs` shares with `docker service logs`. */
export const LOG_FLAGS = {
  details: flag("details", "Show extra details provided to logs"),
  follow: flag("follow", "Follow log output", { short: "f" }),
  since: flag(
    "since",
    'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)',
    { value: "string" },
  ),
  tail: flag("tail", "Number of lines to show from the end of the logs", {
    short: "n",
    value: "string",
    def: '"all"',
  }),
  timestamps: flag("timestamps", "Show timestamps", { short: "t" }),
};

const logs: DockerCommand = {
  processes: [dockerLogs],
  top: "logs",
  looksUp: "container",
  group: ["container", "logs"],
  use: "[OPTIONS] CONTAINER",
  summary: "Fetch the logs of a container",
  aliases: "docker container logs, docker logs",
  flags: [
    LOG_FLAGS.details,
    LOG_FLAGS.follow,
    LOG_FLAGS.since,
    LOG_FLAGS.tail,
    LOG_FLAGS.timestamps,
    flag(
      "until",
      'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)',
      { value: "string" },
    ),
  ],
  args: { exact: 1 },
  run(ctx, { flags, args }) {
    const c = requireContainer(ctx.host.daemon, args[0] ?? "");
    const timestamps = bool(flags, "timestamps");
    for (const line of logLines(c, str(flags, "tail") ?? "all", timestamps)) {
      if (line.stream === "out") ctx.out.write(line.text);
      else ctx.out.writeErr(line.text);
    }
    if (bool(flags, "follow") && isRunning(c)) {
      goLive(ctx, dockerLogs, { container: c.id, seen: c.logs.length, timestamps });
    }
    return 0;
  },
};

export const subcommands: DockerCommand[] = [logs];
