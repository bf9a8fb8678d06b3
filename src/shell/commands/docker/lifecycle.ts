/**
 * What the shell adds to the daemon's start: the container's main process runs here. A one-shot
 * command (`echo hello`, `sh -c 'exit 3'`) or the part of a `sh -c` script before its long-running
 * last command runs as a command line in the container, its output recorded as the container's log
 * (and shown when attached); then the container exits with its status, or keeps running.
 */
import { exitContainer, imageSpecOf, startContainer } from "../../../engine/docker/containers";
import { DaemonError } from "../../../engine/docker/errors";
import { processEnv } from "../../../engine/docker/etc-files";
import type { Host } from "../../../engine/docker/host";
import { base, isShell } from "../../../engine/docker/process";
import type { Container } from "../../../engine/docker/types";
import type { Output } from "../../output";
import { placeOf } from "../../place";
import type { Ctx, Frame } from "../../types";
import { commandFor } from "../index";

/** A shell (or other process) inside the container: the frame its commands run in. */
export function containerFrame(
  host: Host,
  c: Container,
  opts: { main?: boolean; path?: string; tty?: boolean; env?: string[]; workdir?: string } = {},
): Frame {
  const name = base(opts.path ?? c.path);
  const env: Record<string, string> = {};
  for (const v of processEnv(host, c, opts.tty ?? c.config.tty, opts.env)) {
    const eq = v.indexOf("=");
    if (eq > 0) env[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return {
    machine: host.machine.name,
    container: c.id,
    shell: name === "bash" ? "bash" : name === "ash" ? "ash" : "sh",
    env,
    cwd: opts.workdir || c.config.workingDir || "/",
    ...(opts.main ? { main: true } : {}),
  };
}

/** Whether the container's image has the program (else runc's "executable file not found in $PATH"). */
export function hasExecutable(ctx: Ctx, frame: Frame, program: string): boolean {
  const place = placeOf(ctx.world, frame);
  if (place.tools?.has(base(program)) || commandFor(program, place)) return true;
  const c = ctx.world.machines[frame.machine]?.docker?.containers.find((x) => x.id === frame.container);
  if (!c) return false;
  // The image's own programs (its entrypoint, its command, its servers) are there too.
  const spec = imageSpecOf(c);
  const own = [spec.entrypoint?.[0], spec.cmd[0], ...spec.services.map((s) => s.program)];
  return own.some((p) => p !== undefined && base(p) === base(program));
}

/** The error runc gives for a main process the image does not have; the start fails with it. */
export function missingExecutable(program: string): DaemonError {
  return new DaemonError(
    `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown`,
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
        base(program) === "bash"
          ? "bash: -c: option requires an argument"
          : `${base(program)}: -c requires an argument`,
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
    const error = missingExecutable(program);
    c.state.error = error.message;
    throw error;
  }
  startContainer(host, c);
  const frame = containerFrame(host, c);
  const out = logOutput(ctx, c, attached);
  if (c.main.script) ctx.runLine(c.main.script, frame, out);
  if (c.main.kind !== "oneshot") return undefined;
  const code = runProgram(ctx, argv, frame, out);
  exitContainer(host, c, code);
  return code;
}
