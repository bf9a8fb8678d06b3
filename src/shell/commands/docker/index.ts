/**
 * `docker`: finds the subcommand (short forms like `docker ps`, management forms like
 * `docker container ls`), and answers what the client answers for help, versions and unknown words.
 */
import type { Ctx, Handler, ProcessKind } from "../../types";
import { attached } from "./attached";
import { type DockerCommand, runCommand } from "./cli";
import { commandHelp, groupHelp, mainHelp } from "./help";
import { networkCommands } from "./network";
import { runCommands } from "./run";

export const COMMANDS: DockerCommand[] = [...runCommands, ...networkCommands];

/** Management groups and what `docker GROUP` alone prints. */
export const GROUPS: Record<string, string> = {
  network: "Manage networks",
  container: "Manage containers",
  image: "Manage images",
};

function matches(words: string[], path: string[]): boolean {
  return path.length <= words.length && path.every((p, i) => words[i] === p);
}

/** The command whose path (or alias) is the longest prefix of the words. */
export function findCommand(words: string[]): { cmd: DockerCommand; used: number } | undefined {
  let best: { cmd: DockerCommand; used: number } | undefined;
  for (const cmd of COMMANDS) {
    for (const path of [cmd.path, ...(cmd.aliases ?? [])]) {
      if (matches(words, path) && (!best || path.length > best.used)) best = { cmd, used: path.length };
    }
  }
  return best;
}

const docker: Handler = (ctx: Ctx) => {
  const argv = ctx.argv.slice(1);
  const first = argv[0];
  const print = (text: string) => ctx.out.write(text);
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    print(mainHelp(COMMANDS));
    return 0;
  }
  if (first === "-v" || first === "--version") {
    ctx.out.line("Docker version 28.2.2, build e6534b4");
    return 0;
  }
  if (first.startsWith("-")) {
    ctx.out.error(`unknown flag: ${first}`);
    ctx.out.error("See 'docker --help'.");
    return 125;
  }
  const found = findCommand(argv);
  const group = GROUPS[first];
  if (!found) {
    const words = argv.filter((a) => !a.startsWith("-"));
    if (group && (argv.length === 1 || argv[1] === "--help" || argv[1] === "-h")) {
      print(groupHelp(first, COMMANDS));
      return 0;
    }
    const unknown = group ? `docker ${words.slice(0, 2).join(" ")}` : `docker ${first}`;
    ctx.out.error(`docker: unknown command: ${unknown}`);
    ctx.out.error("");
    if (group) {
      ctx.out.error(`Usage:  docker ${first} COMMAND`);
      ctx.out.error("");
      ctx.out.error(`Run 'docker ${first} --help' for more information`);
    } else ctx.out.error("Run 'docker --help' for more information");
    return 1;
  }
  return runCommand(ctx, found.cmd, argv.slice(found.used), (cmd) => print(commandHelp(cmd)));
};

export const dockerCommands: Record<string, Handler> = { docker };

export const dockerProcesses: Record<string, ProcessKind> = { attached };
