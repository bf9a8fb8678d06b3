/**
 * The Docker CLI's skeleton: commands as a table (names, usage, flags, argument rule, handler), the
 * wording of usage errors (cli/required.go, FlagErrorFunc) of client 28 and of client 20.10 (the
 * client is the daemon's era), `--help` in docker/cli's usage template, and how daemon refusals are
 * printed.
 */

import { startDaemon } from "../../../engine/docker/daemon-lifecycle";
import type { DockerEra } from "../../../engine/docker/era";
import { DaemonError, NotFound } from "../../../engine/docker/errors";
import { type Host, hostOf } from "../../../engine/docker/host";
import { ToolExit } from "../../command";
import type { Ctx, ProcessKind } from "../../types";
import { DAEMON_JSON, startSettings } from "../daemon-json";
import { FlagError, type FlagSpec, flagsOf, flagUsages, type Parsed, parseFlags } from "./flags";

export interface DockerCtx extends Ctx {
  host: Host;
  /** The command words as invoked: "docker ps" or "docker container ls". */
  path: string;
}

export type ArgRule = { none: true } | { exact: number } | { min: number; max?: number } | { max: number };

/** A command of the real client as `docker --help` lists it; the lab may not simulate it. */
export interface ListedCommand {
  /** The top-level name (`docker ps`), when the command has one. */
  top?: string;
  /** The management group, its name there and the other names it answers to (`container`, `ls`, `list`, `ps`). */
  group?: [string, string, ...string[]];
  summary: string;
  /** Client 20.10's summary where it was worded otherwise (its usage errors end with it). */
  summary20?: string;
  /** Its place among the Common Commands of `docker --help` (docker/cli's "category-top" annotation). */
  common?: number;
}

export interface DockerCommand extends ListedCommand {
  /** What follows the name in the usage line: "[OPTIONS] CONTAINER [CONTAINER...]". */
  use: string;
  /** The "Aliases:" line of --help (docker/cli's "aliases" annotation or cobra's). */
  aliases?: string;
  flags: FlagSpec[];
  /** false for run/exec: the first argument ends the flags, the command's own follow. */
  interspersed?: boolean;
  args: ArgRule;
  /** The object its first argument names when client 20.10 looks it up first (responseError). */
  looksUp?: "container";
  /** The kinds of long-running process it starts. */
  processes?: readonly ProcessKind<unknown>[];
  run(ctx: DockerCtx, parsed: Parsed): number;
}

/**
 * A failure the CLI prints as is (to stderr) with an exit status: docker/cli's StatusError, the
 * ToolExit of docker's commands; `message` is the text without its newline.
 */
export class CliError extends ToolExit {
  constructor(message: string, status = 1) {
    super(status, message ? `${message}\n` : "");
    this.message = message;
  }
}

/** The release of the client: the lab's daemon and its client are of one era (engine/docker/era.ts). */
export function eraOf(ctx: Ctx): DockerEra {
  return hostOf(ctx.world, ctx.frame.machine).daemon.era;
}

/**
 * What the client prints for a daemon refusal. Client 20.10 turned a 404 from the calls that look one
 * object up (inspect, remove, logs; exec and port inspect first) into its own "Error: No such
 * <object>: <name>" (client/errors.go, wrapResponseError); `lookup` names that object for those calls.
 */
export function responseError(
  ctx: Ctx,
  error: DaemonError,
  lookup?: { object: "container" | "network" | "image"; name: string },
): string {
  if (lookup && error instanceof NotFound && eraOf(ctx) === 20)
    return `Error: No such ${lookup.object}: ${lookup.name}`;
  return `Error response from daemon: ${error.message}`;
}

/** Prints a daemon refusal the way the CLI does and returns 1; other errors (a CliError) go on up. */
export function daemonError(ctx: Ctx, error: unknown, lookup?: Parameters<typeof responseError>[2]): number {
  if (error instanceof DaemonError) {
    ctx.out.error(responseError(ctx, error, lookup));
    return 1;
  }
  throw error;
}

/**
 * How `docker run` reports a failure: client 28's withHelp ("docker: <message>", a blank line, the
 * pointer to --help), or client 20.10's reportError (the message ending in one full stop, then "See"
 * unless the container was created and failed to start).
 */
export function withHelp(ctx: Ctx, message: string, command: string, help20 = true): string {
  if (eraOf(ctx) === 20)
    return `docker: ${message.replace(/\.$/, "")}.${help20 ? `\nSee 'docker ${command} --help'.` : ""}`;
  return `docker: ${message}\n\nRun 'docker ${command} --help' for more information`;
}

function plural(n: number): string {
  return n === 1 ? "argument" : "arguments";
}

/** Client 20.10's cli/required.go: every rule's message, then the usage line and the summary. */
function argError20(rule: ArgRule, count: number, path: string, cmd: DockerCommand): string | undefined {
  const need =
    "none" in rule
      ? count === 0 || "accepts no arguments"
      : "exact" in rule
        ? count === rule.exact || `requires exactly ${rule.exact} ${plural(rule.exact)}`
        : "min" in rule && rule.max !== undefined
          ? (count >= rule.min && count <= rule.max) ||
            `requires at least ${rule.min} and at most ${rule.max} ${plural(rule.max)}`
          : "min" in rule
            ? count >= rule.min || `requires at least ${rule.min} ${plural(rule.min)}`
            : count <= rule.max || `requires at most ${rule.max} ${plural(rule.max)}`;
  if (need === true) return undefined;
  return `"${path}" ${need}.\nSee '${path} --help'.\n\nUsage:  ${usageLine(cmd, path)}\n\n${cmd.summary20 ?? cmd.summary}`;
}

/** cli/required.go of client 28, word for word (the "SRun" typo of RequiresMaxArgs included). */
function argError(rule: ArgRule, count: number, path: string, usageLine: string): string | undefined {
  const tail = (verb: string) => `\n\nUsage:  ${usageLine}\n\n${verb} '${path} --help' for more information`;
  if ("none" in rule) return count === 0 ? undefined : `docker: '${path}' accepts no arguments${tail("Run")}`;
  if ("exact" in rule) {
    return count === rule.exact
      ? undefined
      : `docker: '${path}' requires ${rule.exact} ${plural(rule.exact)}${tail("Run")}`;
  }
  if ("min" in rule && rule.max !== undefined) {
    if (count >= rule.min && count <= rule.max) return undefined;
    return `docker: '${path}' requires at least ${rule.min} and at most ${rule.max} ${plural(rule.max)}${tail("Run")}`;
  }
  if ("min" in rule) {
    return count >= rule.min
      ? undefined
      : `docker: '${path}' requires at least ${rule.min} ${plural(rule.min)}${tail("See")}`;
  }
  return count <= rule.max
    ? undefined
    : `docker: '${path}' requires at most ${rule.max} ${plural(rule.max)}${tail("SRun")}`;
}

export function usageLine(cmd: DockerCommand, path: string): string {
  return `${path} ${cmd.use}`.trimEnd();
}

/**
 * docker/cli's usage template for a command that has no subcommands; client 20.10's began with a
 * blank line and had no Aliases section.
 */
export function commandHelp(cmd: DockerCommand, path: string, era: DockerEra): string {
  const lines =
    era === 20
      ? ["", `Usage:  ${usageLine(cmd, path)}`, "", cmd.summary20 ?? cmd.summary]
      : [`Usage:  ${usageLine(cmd, path)}`, "", cmd.summary];
  if (cmd.aliases && era === 26) lines.push("", "Aliases:", `  ${cmd.aliases}`);
  const options = flagUsages(flagsOf(cmd.flags, era));
  if (options) lines.push("", "Options:", options);
  return `${lines.join("\n")}\n`;
}

/** Parses flags and arguments as cobra does, prints help or the usage error, or runs the command. */
export function runCommand(ctx: Ctx, cmd: DockerCommand, path: string, argv: string[]): number {
  let parsed: Parsed;
  const era = eraOf(ctx);
  try {
    parsed = parseFlags(argv, flagsOf(cmd.flags, era), cmd.interspersed ?? true, (w) => ctx.out.error(w));
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    ctx.out.error(
      era === 20
        ? `${error.message}\nSee '${path} --help'.`
        : `${error.message}\n\nUsage:  ${usageLine(cmd, path)}\n\nRun '${path} --help' for more information`,
    );
    return 125;
  }
  if (parsed.flags.help === true) {
    ctx.out.write(commandHelp(cmd, path, era));
    return 0;
  }
  const problem =
    era === 20
      ? argError20(cmd.args, parsed.args.length, path, cmd)
      : argError(cmd.args, parsed.args.length, path, usageLine(cmd, path));
  if (problem) {
    ctx.out.error(problem);
    return 1;
  }
  const dctx: DockerCtx = { ...ctx, host: hostOf(ctx.world, ctx.frame.machine), path };
  // systemd starts a stopped dockerd for the first client that connects to docker.socket, with
  // what daemon.json says. One that cannot start leaves the client nobody to talk to (the lab does
  // not model systemd's retries and start limit).
  const settings = dctx.host.daemon.down === "service" ? startSettings(ctx) : {};
  if (dctx.host.daemon.down === "socket" || settings === "fails") {
    ctx.out.error(
      "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
    );
    return 1;
  }
  if (dctx.host.daemon.down) {
    if ("unapplied" in settings) {
      ctx.out.error(
        `docker: starting dockerd with ${DAEMON_JSON}'s ${settings.unapplied.join(", ")} is not simulated in Docker Network Lab`,
      );
      return 1;
    }
    startDaemon(dctx.host, settings);
  }
  const [first] = parsed.args;
  try {
    return cmd.run(dctx, parsed);
  } catch (error) {
    return daemonError(ctx, error, cmd.looksUp && first ? { object: cmd.looksUp, name: first } : undefined);
  }
}

/**
 * Runs `op` for each name and prints the name on success; failures are gathered and printed at the
 * end, one per line (errors.Join), as stop, rm, kill, pause and unpause do.
 */
export function eachContainer(ctx: DockerCtx, names: string[], op: (name: string) => void): number {
  const errors: string[] = [];
  for (const name of names) {
    try {
      op(name);
      ctx.out.line(name);
    } catch (error) {
      if (!(error instanceof DaemonError)) throw error;
      errors.push(`Error response from daemon: ${error.message}`);
    }
  }
  if (errors.length === 0) return 0;
  ctx.out.error(errors.join("\n"));
  return 1;
}
