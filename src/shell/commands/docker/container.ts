/**
 * Container lifecycle commands: start, stop, restart, kill, rm, rename, pause, unpause, wait, logs,
 * top, port, attach and container prune, with the client's way of reporting each container
 * (names on stdout as they succeed, errors gathered at the end).
 */
import {
  killContainer,
  parseSignal,
  pauseContainer,
  removeContainer,
  renameContainer,
  stopContainer,
  unpauseContainer,
} from "../../../engine/docker/containers";
import { DaemonError, NotFound } from "../../../engine/docker/errors";
import { isRunning, requireContainer } from "../../../engine/docker/lookup";
import type { Container } from "../../../engine/docker/types";
import { goLive } from "../../command";
import { tabwrite } from "../../format/tabwriter";
import { CliError, type DockerCommand, type DockerCtx, eachContainer } from "./cli";
import { bool, flag, str } from "./flags";
import { naturalLess } from "./format";
import { attachTo, startAndRun } from "./lifecycle";
import { dockerLogs, dockerWait, logLines } from "./processes";
import { pruneCommand, pruneReport } from "./prune";
import { livePorts } from "./views";

function get(ctx: DockerCtx, name: string): Container {
  return requireContainer(ctx.host.daemon, name);
}

/** Starts a stopped container the way `docker start` does; one-shots run (and exit) at once. */
function start(ctx: DockerCtx, c: Container): void {
  if (isRunning(c)) return;
  startAndRun(ctx, ctx.host, c, false);
}

const startCmd: DockerCommand = {
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
      const c = get(ctx, args[0] ?? "");
      if (isRunning(c)) return attachTo(ctx, c);
      const exit = startAndRun(ctx, ctx.host, c, true);
      if (exit !== undefined) return exit;
      return attachTo(ctx, c);
    }
    const failed: string[] = [];
    for (const name of args) {
      try {
        start(ctx, get(ctx, name));
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
  }),
  flag("timeout", "Seconds to wait before killing the container", { short: "t", value: "int" }),
];

function timeoutOf(flags: Record<string, unknown>): number {
  const t = (flags.timeout ?? flags.time) as string | undefined;
  return t === undefined ? 10 : Number(t);
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
    return eachContainer(ctx, args, (name) => stopContainer(ctx.host, get(ctx, name), timeout));
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
      const c = get(ctx, name);
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
    return eachContainer(ctx, args, (name) => {
      try {
        parseSignal(signal);
        killContainer(ctx.host, get(ctx, name), signal);
      } catch (error) {
        if (error instanceof DaemonError)
          throw new DaemonError(`cannot kill container: ${name}: ${error.message}`);
        throw error;
      }
    });
  },
};

/** `docker rm -l busy2/busy1`: drops a legacy link (named parent/alias). */
function removeLink(ctx: DockerCtx, name: string): void {
  const path = name.replace(/^\//, "");
  const slash = path.lastIndexOf("/");
  if (slash < 0) throw new DaemonError("Conflict, cannot remove the default link name of the container", 409);
  const parent = get(ctx, path.slice(0, slash));
  const alias = path.slice(slash + 1);
  if (!parent.hostConfig.links.some((l) => l.alias === alias)) {
    throw new NotFound(`Cannot get parent /${path.slice(0, slash)} for link name /${path}`);
  }
  parent.hostConfig.links = parent.hostConfig.links.filter((l) => l.alias !== alias);
}

const rm: DockerCommand = {
  top: "rm",
  group: ["container", "rm", "remove"],
  use: "[OPTIONS] CONTAINER [CONTAINER...]",
  summary: "Remove one or more containers",
  aliases: "docker container rm, docker container remove, docker rm",
  flags: [
    flag("force", "Force the removal of a running container (uses SIGKILL)", { short: "f" }),
    flag("link", "Remove the specified link", { short: "l" }),
    flag("volumes", "Remove anonymous volumes associated with the container", { short: "v" }),
  ],
  args: { min: 1 },
  run(ctx, { flags, args }) {
    const force = bool(flags, "force");
    const errors: string[] = [];
    for (const name of args) {
      try {
        const trimmed = name.replace(/^\/+|\/+$/g, "");
        if (trimmed === "") throw new CliError("container name cannot be empty");
        if (bool(flags, "link")) removeLink(ctx, trimmed);
        else removeContainer(ctx.host, get(ctx, trimmed), force);
        ctx.out.line(name);
      } catch (error) {
        if (error instanceof CliError) {
          errors.push(error.message);
          continue;
        }
        if (!(error instanceof DaemonError)) throw error;
        const message = `Error response from daemon: ${error.message}`;
        if (force && error instanceof NotFound) ctx.out.error(message);
        else errors.push(message);
      }
    }
    if (errors.length === 0) return 0;
    ctx.out.error(errors.join("\n"));
    return 1;
  },
};

const rename: DockerCommand = {
  top: "rename",
  group: ["container", "rename"],
  use: "CONTAINER NEW_NAME",
  summary: "Rename a container",
  aliases: "docker container rename, docker rename",
  flags: [],
  args: { exact: 2 },
  run(ctx, { args }) {
    const [oldName = "", newName = ""] = args;
    if (oldName.trim() === "" || newName.trim() === "")
      throw new CliError("Error: Neither old nor new names may be empty");
    renameContainer(ctx.host, get(ctx, oldName), newName);
    return 0;
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
      return eachContainer(ctx, args, (n) => op(get(ctx, n)));
    },
  };
}

const pause = simple("pause", "Pause all processes within one or more containers", pauseContainer);
const unpause = simple("unpause", "Unpause all processes within one or more containers", unpauseContainer);

const wait: DockerCommand = {
  top: "wait",
  group: ["container", "wait"],
  use: "CONTAINER [CONTAINER...]",
  summary: "Block until one or more containers stop, then print their exit codes",
  aliases: "docker container wait, docker wait",
  flags: [],
  args: { min: 1 },
  run(ctx, { args }) {
    const errors: string[] = [];
    const waiting: string[] = [];
    for (const name of args) {
      try {
        const c = get(ctx, name);
        if (isRunning(c)) waiting.push(c.id);
        else ctx.out.line(String(c.state.exitCode));
      } catch (error) {
        if (!(error instanceof DaemonError)) throw error;
        errors.push(`Error response from daemon: ${error.message}`);
      }
    }
    if (waiting.length > 0) {
      goLive(ctx, dockerWait, { containers: waiting, errors });
      return 0;
    }
    if (errors.length === 0) return 0;
    ctx.out.error(errors.join("\n"));
    return 1;
  },
};

const logs: DockerCommand = {
  top: "logs",
  group: ["container", "logs"],
  use: "[OPTIONS] CONTAINER",
  summary: "Fetch the logs of a container",
  aliases: "docker container logs, docker logs",
  flags: [
    flag("details", "Show extra details provided to logs"),
    flag("follow", "Follow log output", { short: "f" }),
    flag(
      "since",
      'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)',
      { value: "string" },
    ),
    flag("tail", "Number of lines to show from the end of the logs", {
      short: "n",
      value: "string",
      def: '"all"',
    }),
    flag("timestamps", "Show timestamps", { short: "t" }),
    flag(
      "until",
      'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)',
      { value: "string" },
    ),
  ],
  args: { exact: 1 },
  run(ctx, { flags, args }) {
    const c = get(ctx, args[0] ?? "");
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

function hhmm(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

const top: DockerCommand = {
  top: "top",
  group: ["container", "top"],
  use: "CONTAINER [ps OPTIONS]",
  summary: "Display the running processes of a container",
  aliases: "docker container top, docker top",
  flags: [],
  interspersed: false,
  args: { min: 1 },
  run(ctx, { args }) {
    const c = get(ctx, args[0] ?? "");
    if (!isRunning(c)) throw new DaemonError(`container ${c.id} is not running`, 409);
    const tty = c.config.tty ? "pts/0" : "?";
    const procs = Object.values(ctx.host.machine.procs)
      .filter((p) => p.container === c.id)
      .sort((a, b) => a.pid - b.pid);
    const rows = ["UID\tPID\tPPID\tC\tSTIME\tTTY\tTIME\tCMD"];
    for (const p of procs) {
      const main = p.pid === c.state.pid;
      rows.push(
        [
          "root",
          p.pid,
          c.shimPid,
          "0",
          hhmm(c.state.startedAt),
          main ? tty : "?",
          "00:00:00",
          p.command,
        ].join("\t"),
      );
    }
    ctx.out.write(tabwrite(`${rows.join("\n")}\n`, { minwidth: 20, padding: 3 }));
    return 0;
  },
};

const port: DockerCommand = {
  top: "port",
  group: ["container", "port"],
  use: "CONTAINER [PRIVATE_PORT[/PROTO]]",
  summary: "List port mappings or a specific mapping for the container",
  aliases: "docker container port, docker port",
  flags: [],
  args: { min: 1, max: 2 },
  run(ctx, { args }) {
    const [name = "", wanted] = args;
    const c = get(ctx, name);
    const ports = livePorts(c);
    const join = (ip: string, p: string) => (ip.includes(":") ? `[${ip}]:${p}` : `${ip}:${p}`);
    let out: string[];
    if (wanted !== undefined) {
      const [num = "", proto = "tcp"] = wanted.split("/");
      if (!/^\d+$/.test(num) || Number(num) > 65535) {
        throw new CliError(
          `Error: invalid port (${num}): strconv.ParseUint: parsing "${num}": invalid syntax`,
        );
      }
      const frontends = ports[`${num}/${proto || "tcp"}`];
      if (!frontends || frontends.length === 0)
        throw new CliError(`Error: No public port '${wanted}' published for ${name}`);
      out = frontends.map((f) => join(f.hostIp, f.hostPort));
    } else {
      out = Object.entries(ports).flatMap(([from, fs]) =>
        (fs ?? []).map((f) => `${from} -> ${join(f.hostIp, f.hostPort)}`),
      );
    }
    out.sort((a, b) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0));
    if (out.length > 0) ctx.out.line(out.join("\n"));
    return 0;
  },
};

const attach: DockerCommand = {
  top: "attach",
  group: ["container", "attach"],
  use: "[OPTIONS] CONTAINER",
  summary: "Attach local standard input, output, and error streams to a running container",
  aliases: "docker container attach, docker attach",
  flags: [
    flag("detach-keys", "Override the key sequence for detaching a container", { value: "string" }),
    flag("no-stdin", "Do not attach STDIN"),
    flag("sig-proxy", "Proxy all received signals to the process", { def: "true" }),
  ],
  args: { exact: 1 },
  run(ctx, { args }) {
    const c = get(ctx, args[0] ?? "");
    if (c.state.status === "paused")
      throw new CliError("You cannot attach to a paused container, unpause it first");
    if (!isRunning(c)) throw new CliError("You cannot attach to a stopped container, start it first");
    return attachTo(ctx, c, true);
  },
};

/** Removes every stopped container; their IDs, for the prune report. */
export function pruneContainers(ctx: DockerCtx): string[] {
  const stopped = ctx.host.daemon.containers.filter((c) => !isRunning(c));
  for (const c of stopped) removeContainer(ctx.host, c, false);
  return stopped.map((c) => c.id);
}

const prune = pruneCommand(
  "container",
  "Remove all stopped containers",
  "This will remove all stopped containers.",
  (ctx) => pruneReport(ctx, [["Deleted Containers", pruneContainers(ctx)]]),
);

export const subcommands: DockerCommand[] = [
  startCmd,
  stop,
  restart,
  kill,
  rm,
  rename,
  pause,
  unpause,
  wait,
  logs,
  top,
  port,
  attach,
  prune,
];
