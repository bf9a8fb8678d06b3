/**
 * The Docker CLI's skeleton: commands as a table (path, usage, flags, argument rules, handler),
 * dispatch with cobra's rules, and the client-28 wording of every usage error.
 */
import { DaemonError } from "../../../engine/docker/errors";
import { type Host, hostOf } from "../../../engine/docker/host";
import type { Ctx } from "../../types";
import { FlagError, type FlagSpec, type Parsed, parseFlags } from "./flags";

export interface DockerCtx extends Ctx {
  host: Host;
}

export interface ArgRule {
  min?: number;
  max?: number;
}

export interface DockerCommand {
  /** Words after `docker`: ["network", "ls"]. */
  path: string[];
  /** Other spellings: [["network", "list"]], [["ps"]] for `docker container ls`. */
  aliases?: string[][];
  /** The usage line after "Usage:  ". */
  usage: string;
  summary: string;
  flags: FlagSpec[];
  /** Whether flags may follow positional arguments (false for run/exec: the command's own flags follow). */
  interspersed?: boolean;
  args?: ArgRule;
  /** The exit status for usage errors: 125 for run/create/exec, 1 otherwise. */
  usageExit?: number;
  run(ctx: DockerCtx, parsed: Parsed): number;
}

/** Prints a daemon refusal the way the CLI does, with the `docker: ` prefix run and create use. */
export function daemonError(ctx: Ctx, error: unknown, prefix = ""): number {
  if (error instanceof DaemonError) {
    ctx.out.error(`${prefix}Error response from daemon: ${error.message}`);
    return 1;
  }
  throw error;
}

/** `docker run`-style refusal: the message, a blank line, the pointer to --help; exit 125. */
export function runStyleError(ctx: Ctx, command: string, message: string): number {
  ctx.out.error(`docker: ${message}`);
  ctx.out.error("");
  ctx.out.error(`Run '${command} --help' for more information`);
  return 125;
}

function pluralArgs(n: number): string {
  return n === 1 ? "argument" : "arguments";
}

/** cobra argument checks, worded as docker/cli's cli/required.go words them. */
export function argError(cmd: DockerCommand, count: number): string | undefined {
  const { min, max } = cmd.args ?? {};
  const name = `docker ${cmd.path.join(" ")}`;
  if (min !== undefined && max !== undefined && min === max && count !== min) {
    return `'${name}' requires ${min} ${pluralArgs(min)}`;
  }
  if (min !== undefined && count < min) return `'${name}' requires at least ${min} ${pluralArgs(min)}`;
  if (max !== undefined && count > max) {
    return max === 0
      ? `'${name}' accepts no arguments`
      : `'${name}' requires at most ${max} ${pluralArgs(max)}`;
  }
  return undefined;
}

export function usageError(ctx: Ctx, cmd: DockerCommand, message: string): number {
  const name = `docker ${cmd.path.join(" ")}`;
  ctx.out.error(`docker: ${message}`);
  ctx.out.error("");
  ctx.out.error(`Usage:  ${cmd.usage}`);
  ctx.out.error("");
  ctx.out.error(`Run '${name} --help' for more information`);
  return cmd.usageExit ?? 1;
}

export function flagError(ctx: Ctx, cmd: DockerCommand, message: string): number {
  const name = `docker ${cmd.path.join(" ")}`;
  ctx.out.error(message);
  ctx.out.error("");
  ctx.out.error(`Usage:  ${cmd.usage}`);
  ctx.out.error("");
  ctx.out.error(`Run '${name} --help' for more information`);
  return cmd.usageExit ?? 125;
}

export function runCommand(
  ctx: Ctx,
  cmd: DockerCommand,
  argv: string[],
  printHelp: (cmd: DockerCommand) => void,
): number {
  let parsed: Parsed;
  try {
    parsed = parseFlags(argv, cmd.flags, cmd.interspersed ?? true);
  } catch (error) {
    if (error instanceof FlagError) return flagError(ctx, cmd, error.message);
    throw error;
  }
  if (parsed.flags.help === true) {
    printHelp(cmd);
    return 0;
  }
  const problem = argError(cmd, parsed.args.length);
  if (problem) return usageError(ctx, cmd, problem);
  const dctx: DockerCtx = { ...ctx, host: hostOf(ctx.world, ctx.frame.machine) };
  try {
    return cmd.run(dctx, parsed);
  } catch (error) {
    return daemonError(ctx, error);
  }
}
