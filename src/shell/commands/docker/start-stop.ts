/**
 * `docker start`, `stop`, `restart`, `kill`, `pause` and `unpause`, with the client's way of
 * reporting each container (names on stdout as they succeed, errors gathered at the end).
 */
import {
  killContainer,
  parseSignal,
  pauseContainer,
  stopContainer,
  unpauseContainer,
} from "../../../engine/docker/containers";
import { DaemonError } from "../../../engine/docker/errors";
import { isRunning, requireContainer } from "../../../engine/docker/lookup";
import type { Container } from "../../../engine/docker/types";
import { attached } from "./attached";
import { CliError, type DockerCommand, type DockerCtx, eachContainer } from "./cli";
import { bool, flag, str } from "./flags";
import { attachTo, startAndRun } from "./lifecycle";

/** Starts a stopped container the way `docker start` does; one-shots run (and exit) at once. */
function start(ctx: DockerCtx, c: Container): void {
  if (isRunning(c)) return;
  startAndRun(ctx, ctx.host, c, false);
}

const startCmd: DockerCommand = {
  processes: [attached],
  top: "start",
  group: ["container", "start"],
  use: "[OPTIONS] CONTAINER [CONTAINER...]",
  summary: "Start one or more stopped containers",
  aliases: "docker container start, docker start",
  flags: [
    flag("attach", "Attach STDOUT/STDERR and forward signals", { short: "a" }),
    flag("checkpoint", "Restore from this checkpoint", { value: "string", hidden: true }),
    flag("checkpoint-dir", "Use a custom checkpoint storage directory", { value: "string", hidden: true }),
    flag("detach-keys", "Override the key sequence for detaching a container", { value: "string" }),
    flag("interactive", "Attach container's STDIN", { short: "i" }),
  ],
  args: { min: 1 },
  run(ctx, { flags, args }) {
    if (bool(flags, "attach") || bool(flags, "interactive")) {
      if (args.length > 1) throw new CliError("you cannot start and attach multiple containers at once");
      const c = requireContainer(ctx.host.daemon, args[0] ?? "");
      if (isRunning(c)) return attachTo(ctx, c);
      const exit = startAndRun(ctx, ctx.host, c, true);
      if (exit !== undefined) return exit;
      return attachTo(ctx, c);
    }
    const failed: string[] = [];
    for (const name of args) {
      try {
        start(ctx, requireContainer(ctx.host.daemon, name));
        ctx.out.line(name);
      } catch (error) {
        if (!(error instanceof DaemonError)) throw error;
        ctx.out.error(`Error response from daemon: ${error.message}`);
        failed.push(name);
      }
    }
    if (failed.length === 0) return 0;
    ctx.out.error(`Error: failed to start containers: ${failed.join(", ")}`);
    return 1;
  },
};

const stopFlags = [
  flag("signal", "Signal to send to the container", { short: "s", value: "string" }),
  flag("time", "Seconds to wait before killing the container (deprecated: use --timeout)", {
    value: "int",
    hidden: true,
    deprecated: "use --timeout instead",
  }),
  flag("timeout", "Seconds to wait before killing the container", { short: "t", value: "int" }),
];

/** -t/--timeout (or the deprecated --time); undefined leaves the container's --stop-timeout. */
function timeoutOf(flags: Record<string, unknown>): number | undefined {
  const t = (flags.timeout ?? flags.time) as string | undefined;
  return t === undefined ? undefined : Number(t);
}

const stop: DockerCommand = {
  top: "stop",
  group: ["container", "stop"],
  use: "[OPTIONS] CONTAINER [CONTAINER...]",
  summary: "Stop one or more running containers",
  aliases: "docker container stop, docker stop",
  flags: stopFlags,
  args: { min: 1 },
  run(ctx, { flags, args }) {
    const timeout = timeoutOf(flags);
    return eachContainer(ctx, args, (name) =>
      stopContainer(ctx.host, requireContainer(ctx.host.daemon, name), timeout),
    );
  },
};

const restart: DockerCommand = {
  top: "restart",
  group: ["container", "restart"],
  use: "[OPTIONS] CONTAINER [CONTAINER...]",
  summary: "Restart one or more containers",
  aliases: "docker container restart, docker restart",
  flags: stopFlags,
  args: { min: 1 },
  run(ctx, { flags, args }) {
    const timeout = timeoutOf(flags);
    return eachContainer(ctx, args, (name) => {
      const c = requireContainer(ctx.host.daemon, name);
      stopContainer(ctx.host, c, timeout);
      try {
        start(ctx, c);
      } catch (error) {
        if (error instanceof DaemonError)
          throw new DaemonError(`Cannot restart container ${name}: ${error.message}`);
        throw error;
      }
    });
  },
};

const kill: DockerCommand = {
  top: "kill",
  group: ["container", "kill"],
  use: "[OPTIONS] CONTAINER [CONTAINER...]",
  summary: "Kill one or more running containers",
  aliases: "docker container kill, docker kill",
  flags: [flag("signal", "Signal to send to the container", { short: "s", value: "string" })],
  args: { min: 1 },
  run(ctx, { flags, args }) {
    const signal = str(flags, "signal") || "KILL";
    const era = ctx.host.daemon.era;
    return eachContainer(ctx, args, (name) => {
      try {
        parseSignal(signal, era);
        killContainer(ctx.host, requireContainer(ctx.host.daemon, name), signal);
      } catch (error) {
        if (!(error instanceof DaemonError)) throw error;
        // Engine 20.10 refused a bad signal as such, before naming the container.
        if (era === 20 && error.status === 400) throw error;
        throw new DaemonError(`${era === 20 ? "C" : "c"}annot kill container: ${name}: ${error.message}`);
      }
    });
  },
};

function simple(name: "pause" | "unpause", summary: string, op: (c: Container) => void): DockerCommand {
  return {
    top: name,
    group: ["container", name],
    use: "CONTAINER [CONTAINER...]",
    summary,
    aliases: `docker container ${name}, docker ${name}`,
    flags: [],
    args: { min: 1 },
    run(ctx, { args }) {
      return eachContainer(ctx, args, (n) => op(requireContainer(ctx.host.daemon, n)));
    },
  };
}

const pause = simple("pause", "Pause all processes within one or more containers", pauseContainer);
const unpause = simple("unpause", "Unpause all processes within one or more containers", unpauseContainer);

export const subcommands: DockerCommand[] = [startCmd, stop, restart, kill, pause, unpause];
