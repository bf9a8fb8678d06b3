/**
 * Every command the lab knows: each module here that exports a list of commands as `commands`
 * (shell/types.ts's Command: name, where it exists, completion, processes, run) is registered, so
 * adding a command is adding its file. What the shell says for a command it cannot find is here too.
 */
import { registry } from "../command";
import type { Command, Frame } from "../types";

const modules = import.meta.glob<{ commands?: readonly Command[] }>(
  ["./**/*.ts", "!./index.ts", "!./**/*.test.ts", "!./**/test-*.ts"],
  { eager: true },
);

export const COMMANDS = registry(Object.values(modules).flatMap((m) => m.commands ?? []));

/** What the shell says for a command it cannot find: bash on the host and in Debian images, ash in busybox. */
export function notFoundMessage(name: string, frame: Frame): string {
  if (!frame.container) return `-bash: ${name}: command not found`;
  if (frame.shell === "bash") return `bash: ${name}: command not found`;
  return `${frame.shell}: ${name}: not found`;
}
