/**
 * Every command the lab knows, by name, gathered from the areas that implement them, and the rule
 * that decides whether a place has a command: the host has all host tools; a container has what its
 * image's userland ships.
 */
import { own } from "../../engine/own";
import { basename } from "../../engine/path";
import type { Frame, Handler, Place, ProcessKind } from "../types";
import { builtins, SHELL_BUILTINS, sleepProcess } from "./builtins";
import { dockerCommands, dockerProcesses } from "./docker";
import { linuxCommands } from "./linux";
import { ls } from "./ls";
import { netCommands, netProcesses } from "./net";
import { ps } from "./ps";
import { shellCommands } from "./shells";
import { textCommands } from "./text";

const ALL: Record<string, Handler> = {
  ...builtins,
  ...shellCommands,
  ps,
  ls,
  ...textCommands,
  ...linuxCommands,
  ...netCommands,
  ...dockerCommands,
};

/** Long-running process kinds by name, for resuming and interrupting them. */
export const PROCESSES: Record<string, ProcessKind> = {
  ...dockerProcesses,
  ...netProcesses,
  sleep: sleepProcess,
};

/** Commands that exist only where a Docker daemon runs: on a Docker host, never in a container or on the laptop. */
const HOST_ONLY = new Set(["docker"]);

export function commandFor(name: string, place: Place): Handler | undefined {
  const base = basename(name);
  const handler = own(ALL, base);
  if (!handler) return undefined;
  if (SHELL_BUILTINS.has(base)) return handler;
  if (HOST_ONLY.has(base)) return place.docker ? handler : undefined;
  if (place.tools === undefined) return handler;
  return place.tools.has(base) ? handler : undefined;
}

/** The names a place can run, for tab completion. */
export function commandNames(place: Place): string[] {
  return Object.keys(ALL)
    .filter((n) => commandFor(n, place))
    .sort();
}

/** What the shell says for a command it cannot find: bash on the host and in Debian images, ash in busybox. */
export function notFoundMessage(name: string, frame: Frame): string {
  if (!frame.container) return `-bash: ${name}: command not found`;
  if (frame.shell === "bash") return `bash: ${name}: command not found`;
  return `${frame.shell}: ${name}: not found`;
}
