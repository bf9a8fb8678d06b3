/**
 * `docker`: global flags, then the command by its top-level name (`docker ps`) or its management
 * form (`docker container ls`), with what the client answers for help, versions, and unknown words.
 */
import { hostOf } from "../../../engine/docker/host";
import { isManager } from "../../../engine/swarm/store";
import type { Command, Ctx, Handler } from "../../types";
import { type DockerCommand, eraOf, type ListedCommand, runCommand } from "./cli";
import { dockerCompletion } from "./completion";
import { FlagError, parseFlags } from "./flags";
import { GLOBAL_FLAGS, GROUPS, groupHelp, rootHelp, rootHelp20 } from "./help";
import { visibleSwarmCommands } from "./swarm";

/**
 * The CLI's command table: every module here that exports `subcommands` (DockerCommand: names,
 * usage, flags, argument rule, run) adds them; `listed` adds what the real client has and the lab
 * does not simulate.
 */
const modules = import.meta.glob<{
  subcommands?: readonly DockerCommand[];
  listed?: readonly ListedCommand[];
}>(["./*.ts", "!./index.ts", "!./*.test.ts"], { eager: true });
const SIMULATED = Object.values(modules).flatMap((m) => m.subcommands ?? []);
const TABLE: readonly ListedCommand[] = [
  ...SIMULATED,
  ...Object.values(modules).flatMap((m) => m.listed ?? []),
];

/** Management groups with at least one command the lab simulates. */
const SIMULATED_GROUPS = new Set(SIMULATED.flatMap((c) => (c.group ? [c.group[0]] : [])));

/** The command a word (and for groups, the next word) names, with the path it is invoked by. */
function findCommand(words: string[]): { cmd: ListedCommand; path: string; used: number } | undefined {
  const [first = "", second = ""] = words;
  for (const cmd of TABLE) {
    if (cmd.top === first) return { cmd, path: `docker ${first}`, used: 1 };
  }
  for (const cmd of TABLE) {
    const [group, name, ...aliases] = cmd.group ?? [];
    if (group === first && (name === second || aliases.includes(second))) {
      return { cmd, path: `docker ${group} ${name}`, used: 2 };
    }
  }
  return undefined;
}

const simulated = (cmd: ListedCommand): cmd is DockerCommand => "run" in cmd;

/** Real docker commands this simulation does not have (building and shipping images, volumes, swarm …). */
function notSimulated(ctx: Ctx, words: string): number {
  ctx.out.error(`docker: '${words}' is not simulated in Docker Network Lab`);
  return 1;
}

const docker: Handler = (ctx: Ctx) => {
  let global: { flags: Record<string, unknown>; args: string[] };
  try {
    global = parseFlags(ctx.argv.slice(1), GLOBAL_FLAGS, false, (w) => ctx.out.error(w));
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    // Client 20.10's FlagErrorFunc: "See", then the usage of a command with subcommands.
    ctx.out.error(
      eraOf(ctx) === 20
        ? `${error.message}\nSee 'docker --help'.\n\n${rootHelp20(TABLE, true)}`
        : `${error.message}\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information`,
    );
    return 125;
  }
  if (global.flags.version === true) {
    ctx.out.line(
      eraOf(ctx) === 20
        ? "Docker version 20.10.24+dfsg1, build 297e128"
        : "Docker version 28.2.2, build e6534b4",
    );
    return 0;
  }
  const argv = global.args;
  const [first] = argv;
  if (global.flags.help === true || first === undefined) return showRootHelp(ctx);
  if (first === "help") {
    const topic = argv.slice(1);
    if (topic.length === 0) return showRootHelp(ctx);
    const found = findCommand(topic);
    if (found && simulated(found.cmd) && found.used === topic.length)
      return runCommand(ctx, found.cmd, found.path, ["--help"]);
    const [only] = topic;
    if (topic.length === 1 && only !== undefined && Object.hasOwn(GROUPS, only)) return groupUsage(ctx, only);
    ctx.out.error(`unknown help topic: ${topic.join(" ")}`);
    return 1;
  }
  const found = findCommand(argv);
  if (found) {
    const { cmd, path, used } = found;
    return simulated(cmd) ? runCommand(ctx, cmd, path, argv.slice(used)) : notSimulated(ctx, path);
  }
  if (Object.hasOwn(GROUPS, first)) {
    const sub = argv[1];
    if (sub === undefined || sub === "--help" || sub === "-h") return groupUsage(ctx, first);
    // Client 20.10 answers a word it does not know with the group's usage (required.go's NoArgs).
    if (eraOf(ctx) === 20 && !sub.startsWith("-")) return groupUsage(ctx, first, 1);
    if (sub.startsWith("-") && eraOf(ctx) === 20 && SIMULATED_GROUPS.has(first)) {
      ctx.out.error(`unknown flag: ${sub}\nSee 'docker ${first} --help'.\n\n${groupHelp(TABLE, first)}`);
      return 125;
    }
    if (sub.startsWith("-")) {
      ctx.out.error(
        `unknown flag: ${sub}\n\nUsage:  docker ${first} COMMAND\n\nRun 'docker ${first} --help' for more information`,
      );
      return 125;
    }
    if (!SIMULATED_GROUPS.has(first)) return notSimulated(ctx, `docker ${first}`);
    ctx.out.error(
      `docker: unknown command: docker ${first} ${sub}\n\nUsage:  docker ${first}\n\nRun 'docker ${first} --help' for more information`,
    );
    return 1;
  }
  ctx.out.error(
    eraOf(ctx) === 20
      ? `docker: '${first}' is not a docker command.\nSee 'docker --help'`
      : `docker: unknown command: docker ${first}\n\nRun 'docker --help' for more information`,
  );
  return 1;
};

function showRootHelp(ctx: Ctx): number {
  ctx.out.write(eraOf(ctx) === 20 ? rootHelp20(TABLE) : rootHelp(TABLE, managesSwarm(ctx)));
  return 0;
}

/** A group's usage: client 20.10 puts a blank line before it. */
function groupUsage(ctx: Ctx, group: string, status = 0): number {
  if (!SIMULATED_GROUPS.has(group)) return notSimulated(ctx, `docker ${group}`);
  const only = group === "swarm" ? visibleSwarmCommands(hostOf(ctx.world, ctx.frame.machine)) : undefined;
  ctx.out.write(`${eraOf(ctx) === 20 ? "\n" : ""}${groupHelp(TABLE, group, only)}`);
  return status;
}

/** Whether the daemon manages a swarm: the client then lists the swarm-only commands. */
function managesSwarm(ctx: Ctx): boolean {
  return isManager(hostOf(ctx.world, ctx.frame.machine));
}

export const commands: Command[] = [
  {
    name: "docker",
    where: "docker-host",
    completion: dockerCompletion(
      SIMULATED.map((c) => ({
        paths: [
          ...(c.top ? [[c.top]] : []),
          ...(c.group ?? []).slice(1).map((name) => [c.group?.[0] ?? "", name]),
        ],
        use: c.use,
        flags: c.flags
          .filter((f) => !f.hidden)
          .map((f) => ({
            long: f.long,
            ...(f.short ? { short: f.short } : {}),
            takesValue: f.value !== undefined,
          })),
        interspersed: c.interspersed ?? true,
      })),
    ),
    processes: SIMULATED.flatMap((c) => c.processes ?? []),
    run: docker,
  },
];
