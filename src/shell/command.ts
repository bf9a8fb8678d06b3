/**
 * How commands are found and run: the registry every command is looked up in (by dispatch,
 * completion, and commands that run others), the one way a command ends early with a message
 * (ToolExit), and how a command leaves a long-running process behind.
 */
import { syncAddrconf } from "../engine/linux/addrconf";
import { own } from "../engine/own";
import { basename } from "../engine/path";
import type { Command, Commands, Ctx, Handler, ProcessKind, Userland } from "./types";

/**
 * Thrown to end a command from however deep in its parsing, the way the C tools `exit()`: `stderr`
 * is printed as is (with its newline), then `code` is the exit status.
 */
export class ToolExit extends Error {
  constructor(
    readonly code: number,
    readonly stderr = "",
  ) {
    super(stderr);
  }
}

/** Every userland: a lab machine's own system, busybox's applets, a Debian image's base. */
export const EVERY_USERLAND: readonly Userland[] = ["host", "busybox", "debian"];

/** A program every userland ships (the coreutils both busybox and Debian have). */
export function everywhere(name: string, run: Handler): Command {
  return { name, where: EVERY_USERLAND, run };
}

/** Runs a command: its links' IPv6 state brought up to date if it looks at links, a ToolExit its exit status. */
export function runCommand(command: Command, ctx: Ctx): number {
  if (command.addrconf) syncAddrconf(ctx.world);
  try {
    return command.run(ctx);
  } catch (error) {
    if (!(error instanceof ToolExit)) throw error;
    ctx.out.writeErr(error.stderr);
    return error.code;
  } finally {
    if (command.addrconf) syncAddrconf(ctx.world);
  }
}

/** Leaves a process of `kind` running in the command's frame: the terminal (or a job) resumes it. */
export function goLive<S>(ctx: Ctx, kind: ProcessKind<S>, state: S): void {
  ctx.effects.live = { kind: kind.name, state, frame: ctx.frame };
}

/** The registry of `commands`: each name (and alias) once, each process kind once. */
export function registry(commands: readonly Command[]): Commands {
  const byName: Record<string, Command> = {};
  const processes: Record<string, ProcessKind<unknown>> = {};
  for (const command of commands) {
    for (const name of [command.name, ...(command.aliases ?? [])]) {
      if (own(byName, name)) throw new Error(`two commands are called ${name}`);
      byName[name] = command;
    }
    for (const kind of command.processes ?? []) {
      const known = own(processes, kind.name);
      if (known && known !== kind) throw new Error(`two process kinds are called ${kind.name}`);
      processes[kind.name] = kind;
    }
  }
  const find: Commands["find"] = (name, place) => {
    const base = basename(name);
    const command = own(byName, base);
    if (!command || command.where === "builtin") return command;
    if (command.where === "docker-host") return place.docker ? command : undefined;
    // A program its userland ships, or one the container's image installs.
    return command.where.includes(place.flavor) || place.programs?.has(base) ? command : undefined;
  };
  return {
    find,
    named: (name) => own(byName, name),
    names: (place) =>
      Object.keys(byName)
        .filter((name) => find(name, place))
        .sort(),
    process: (kind) => own(processes, kind),
  };
}
