/**
 * What the shell adds to the daemon's start: the container's main process runs here. A one-shot
 * command (`echo hello`, `sh -c 'exit 3'`) or the part of a `sh -c` script before its long-running
 * last command runs as a command line in the container, its output recorded as the container's log
 * (and shown when attached); then the container exits with its status, or keeps running.
 */
import { mainExited, settle, startContainer } from "../../../engine/docker/containers";
import type { DockerEra } from "../../../engine/docker/era";
import { DaemonError } from "../../../engine/docker/errors";
import { processEnv } from "../../../engine/docker/etc-files";
import { type Host, hostOf } from "../../../engine/docker/host";
import { containerSpec } from "../../../engine/docker/images";
import { isShell } from "../../../engine/docker/process";
import type { Container } from "../../../engine/docker/types";
import { containerUser, type ProcessUser } from "../../../engine/docker/users";
import { basename } from "../../../engine/path";
import { advanceClock } from "../../../engine/world";
import { goLive } from "../../command";
import { inBackground } from "../../jobs";
import type { Output } from "../../output";
import { containerOf, placeOf } from "../../place";
import type { Ctx, Frame } from "../../types";
import { shellName } from "../shells";
import { attached } from "./attached";
import type { DockerCtx } from "./cli";

/** A shell (or other process) inside the container: the frame its commands run in. */
export function containerFrame(
  host: Host,
  c: Container,
  opts: {
    main?: boolean;
    path?: string;
    tty?: boolean;
    env?: string[];
    workdir?: string;
    user?: ProcessUser;
  } = {},
): Frame {
  const user = opts.user ?? containerUser(c);
  const env: Record<string, string> = {};
  for (const v of processEnv(host, c, opts.tty ?? c.config.tty, opts.env)) {
    const eq = v.indexOf("=");
    if (eq > 0) env[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return {
    machine: host.machine.name,
    container: c.id,
    shell: shellName(opts.path ?? c.path),
    env,
    cwd: opts.workdir || c.config.workingDir || "/",
    ...(opts.main ? { main: true } : {}),
    ...(user.uid !== 0 || user.gid !== 0 || user.groups.length !== 1 ? { user } : {}),
  };
}

/** Where images keep their programs; a PATH with none of them finds nothing by name. */
const BIN_DIRS = ["/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"];

/**
 * Whether the container's image has the program (else runc's "executable file not found in $PATH").
 * runc execs a file: a shell builtin is none (cd, export) unless it is a program too (echo, pwd).
 */
export function hasExecutable(ctx: Ctx, frame: Frame, program: string): boolean {
  const path = frame.env.PATH;
  if (!program.includes("/") && path !== undefined && !path.split(":").some((d) => BIN_DIRS.includes(d)))
    return false;
  const place = placeOf(ctx.world, frame);
  if (place.programs?.has(basename(program))) return true;
  const command = ctx.commands.find(program, place);
  if (command && (command.where !== "builtin" || command.alsoProgram)) return true;
  const c = containerOf(ctx.world, frame);
  if (!c) return false;
  // The image's own programs (its entrypoint, its command, its servers) are there too.
  const spec = containerSpec(c);
  const own = [spec.entrypoint?.[0], spec.cmd[0], ...spec.services.map((s) => s.program)];
  return own.some((p) => p !== undefined && basename(p) === basename(program));
}

/** runc's words for a program the image does not have: looked up in $PATH by name, or a path that is not there. */
export function notFound(program: string): string {
  const why = program.includes("/")
    ? `stat ${program}: no such file or directory`
    : "executable file not found in $PATH";
  return `unable to start container process: exec: "${program}": ${why}: unknown`;
}

/**
 * The error runc gives for a main process the image does not have; the start fails with it (engine
 * 20.10, with containerd 1.6, did not say "failed to create task for container" first).
 */
export function missingExecutable(program: string, era: DockerEra): DaemonError {
  return new DaemonError(
    `${era === 26 ? "failed to create task for container: " : ""}failed to create shim task: OCI runtime create failed: runc create failed: ${notFound(program)}`,
    400,
  );
}

/**
 * Runs a program in a container frame as runc would exec it: `sh -c SCRIPT` runs the script as a
 * command line, a shell with nothing to read exits at once, anything else is looked up and run.
 */
export function runProgram(ctx: Ctx, argv: string[], frame: Frame, out: Output): number {
  const [program = "", ...args] = argv;
  if (isShell(program)) {
    if (args[0] === "-c") {
      if (args[1] !== undefined) return ctx.runLine(args[1], frame, out);
      out.error(
        basename(program) === "bash"
          ? "bash: -c: option requires an argument"
          : `${basename(program)}: -c requires an argument`,
      );
      return 2;
    }
    if (args.length === 0) return 0;
  }
  return ctx.exec(argv, frame, out);
}

/** An Output that records what the main process prints as the container's log, shown only if attached. */
function logOutput(ctx: Ctx, c: Container, attached: boolean): Output {
  const log = (stream: "out" | "err", text: string) =>
    c.logs.push({ t: ctx.world.clock, stream: stream === "out" ? "stdout" : "stderr", text });
  return attached ? ctx.out.tee(log) : ctx.out.capture().tee(log);
}

/** Puts the terminal on the container's main process: its shell takes it, anything else streams until it ends. */
export function attachTo(ctx: DockerCtx, c: Container, viaAttach = false): number {
  if (c.main.kind === "shell") {
    // Detaching from `docker attach` is an error to the client ("read escape sequence"); from `start -a` it is not.
    ctx.effects.push = {
      ...containerFrame(ctx.host, c, { main: true }),
      ...(viaAttach ? { attach: true } : {}),
    };
    return 0;
  }
  c.attached = true;
  goLive(ctx, attached, { container: c.id, seen: c.logs.length });
  return 0;
}

/**
 * Starts the container and runs what its main process does at once. Returns the exit status when
 * the main process has already ended (a one-shot), undefined while it runs on.
 */
export function startAndRun(ctx: Ctx, host: Host, c: Container, attached: boolean): number | undefined {
  const argv = [c.path, ...c.args].filter((a) => a !== "");
  const program = argv[0] ?? "";
  const probe = containerFrame(host, c);
  if (program && !isShell(program) && !hasExecutable(ctx, probe, program)) {
    c.state.exitCode = 127;
    const error = missingExecutable(program, host.daemon.era);
    c.state.error = error.message;
    throw error;
  }
  startContainer(host, c);
  const frame = { ...containerFrame(host, c), ...(attached ? {} : { detached: true }) };
  const out = logOutput(ctx, c, attached);
  const script = c.main.script;
  if (script) inBackground(ctx, false, () => ctx.runLine(script, frame, out));
  if (c.main.kind !== "oneshot") return undefined;
  // A script that goes on after a `sleep` keeps the container running until its last command.
  const code = inBackground(ctx, true, () => runProgram(ctx, argv, frame, out));
  if (code !== undefined) mainExited(host, c, code);
  return code;
}

/** Moves the clock on to `until` and lets the daemon end what has run out meanwhile (sleeps). */
export function advanceTo(ctx: Ctx, until: number): void {
  advanceClock(ctx.world, until);
  settle(hostOf(ctx.world, ctx.frame.machine));
}
