/**
 * `docker exec`: a command in a running container's namespaces. Non-interactive commands run in the
 * container's frame; `-it CONTAINER sh|ash|bash` enters a shell there; `-d` leaves the command
 * running in the background (servers such as `httpd -f` open their sockets in the container).
 */
import { listen, notRunning, restartingError } from "../../../engine/docker/containers";
import { DaemonError } from "../../../engine/docker/errors";
import { spawn } from "../../../engine/docker/host";
import { containerSpec } from "../../../engine/docker/images";
import { isRunning, requireContainer } from "../../../engine/docker/lookup";
import { classify, isShell } from "../../../engine/docker/process";
import type { Container } from "../../../engine/docker/types";
import { containerUser, type ProcessUser } from "../../../engine/docker/users";
import { dirExists } from "../../files";
import { inBackground } from "../../jobs";
import { CliError, type DockerCommand } from "./cli";
import { bool, flag, list, str } from "./flags";
import { containerFrame, hasExecutable, notFound, runProgram } from "./lifecycle";

const exec: DockerCommand = {
  top: "exec",
  looksUp: "container",
  common: 2,
  group: ["container", "exec"],
  use: "[OPTIONS] CONTAINER COMMAND [ARG...]",
  summary: "Execute a command in a running container",
  summary20: "Run a command in a running container",
  aliases: "docker container exec, docker exec",
  flags: [
    flag("detach", "Detached mode: run command in the background", { short: "d" }),
    flag("detach-keys", "Override the key sequence for detaching a container", { value: "string" }),
    flag("env", "Set environment variables", { short: "e", value: "list" }),
    flag("env-file", "Read in a file of environment variables", { value: "list" }),
    flag("interactive", "Keep STDIN open even if not attached", { short: "i" }),
    flag("privileged", "Give extended privileges to the command"),
    flag("tty", "Allocate a pseudo-TTY", { short: "t" }),
    flag("user", 'Username or UID (format: "<name|uid>[:<group|gid>]")', {
      short: "u",
      value: "string",
      usage20: "Username or UID (format: <name|uid>[:<group|gid>])",
    }),
    flag("workdir", "Working directory inside the container", { short: "w", value: "string" }),
  ],
  interspersed: false,
  args: { min: 2 },
  run(ctx, { flags, args }) {
    const [name = "", ...argv] = args;
    const c = requireContainer(ctx.host.daemon, name);
    if (c.state.status === "restarting") throw restartingError(c);
    if (!isRunning(c)) throw notRunning(ctx.host, c);
    if (c.state.status === "paused") {
      throw new DaemonError(`Container ${name} is paused, unpause the container before exec`, 409);
    }
    const tty = bool(flags, "tty");
    const env = list(flags, "env").map((e) => (e.includes("=") ? e : `${e}=${ctx.frame.env[e] ?? ""}`));
    const workdir = str(flags, "workdir");
    const program = argv[0] ?? "";
    const user = execUser(c, str(flags, "user"));
    const frame = containerFrame(ctx.host, c, {
      path: program,
      tty,
      env,
      user,
      ...(workdir !== undefined ? { workdir } : {}),
    });
    // runc enters the working directory before it looks for the program.
    if (workdir !== undefined && workdir !== "" && !workdir.startsWith("/"))
      throw new CliError(
        "OCI runtime exec failed: exec failed: Cwd must be an absolute path: unknown\r",
        126,
      );
    if (workdir && !dirExists(ctx.world, frame, workdir))
      throw new CliError(
        `OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd ("${workdir}") set in config.json failed: no such file or directory: unknown\r`,
        126,
      );
    if (!hasExecutable(ctx, frame, program)) {
      throw new CliError(`OCI runtime exec failed: exec failed: ${notFound(program)}\r`, 126);
    }
    ctx.touch(c.name);
    if (bool(flags, "detach")) {
      const main = classify(containerSpec(c), argv, tty, bool(flags, "interactive"));
      const background = { ...frame, detached: true };
      const out = ctx.out.discard();
      if (main.kind === "oneshot") inBackground(ctx, false, () => runProgram(ctx, argv, background, out));
      else {
        const script = main.script;
        if (script) inBackground(ctx, false, () => ctx.runLine(script, background, out));
        const pid = spawn(ctx.host, argv.join(" "), c.netns ?? ctx.host.ns.id, c.id);
        listen(ctx.host, c, main.listens, pid, program);
      }
      return 0;
    }
    if (isShell(program) && argv.length === 1 && bool(flags, "interactive")) {
      ctx.effects.push = frame;
      return 0;
    }
    return runProgram(ctx, argv, frame, tty ? ctx.out : ctx.out.piped());
  },
};

/** `-u`, else the container's --user, as runc resolves it; its refusal ends the exec with 126. */
function execUser(c: Container, spec: string | undefined): ProcessUser {
  try {
    return containerUser(c, spec ?? c.config.user);
  } catch (error) {
    // (runc's words end with the carriage return of its terminal-less exec)
    if (error instanceof DaemonError) throw new CliError(`${error.message}\r`, 126);
    throw error;
  }
}

export const subcommands: DockerCommand[] = [exec];
