/**
 * `docker`: global flags, then the command by its top-level name (`docker ps`) or its management
 * form (`docker container ls`), with what the client answers for help, versions, and unknown words.
 */
import { hostOf } from "../../../engine/docker/host";
import { isManager } from "../../../engine/swarm/store";
import type { Ctx, Handler, ProcessKind } from "../../types";
import { attached } from "./attached";
import { type DockerCommand, runCommand } from "./cli";
import { containerCommands } from "./container";
import { exec } from "./exec";
import { FlagError, flag, parseFlags } from "./flags";
import { GROUPS, groupHelp, KNOWN_TOP, rootHelp } from "./help";
import { imageCommands } from "./images";
import { inspectCommands } from "./inspect";
import { networkCommands } from "./network";
import { nodeCommands } from "./node";
import { dockerLogs, dockerWait } from "./processes";
import { ps } from "./ps";
import { runCommands } from "./run";
import { swarmCommands, visibleSwarmCommands } from "./swarm";
import { systemCommands } from "./system";

export const COMMANDS: DockerCommand[] = [
  ...runCommands,
  exec,
  ps,
  ...containerCommands,
  ...inspectCommands,
  ...networkCommands,
  ...imageCommands,
  ...systemCommands,
  ...swarmCommands,
  ...nodeCommands,
];

/** The management groups whose commands the lab has (others answer "not simulated"). */
const SIMULATED_GROUPS = ["container", "image", "network", "system", "swarm", "node", "service"];

const GLOBAL_FLAGS = [
  flag("config", "Location of client config files", { value: "string" }),
  flag("context", "Name of the context to use to connect to the daemon", { short: "c", value: "string" }),
  flag("debug", "Enable debug mode", { short: "D" }),
  flag("host", "Daemon socket to connect to", { short: "H", value: "list" }),
  flag("log-level", "Set the logging level", { short: "l", value: "string" }),
  flag("tls", "Use TLS; implied by --tlsverify"),
  flag("tlscacert", "Trust certs signed only by this CA", { value: "string" }),
  flag("tlscert", "Path to TLS certificate file", { value: "string" }),
  flag("tlskey", "Path to TLS key file", { value: "string" }),
  flag("tlsverify", "Use TLS and verify the remote"),
  flag("version", "Print version information and quit", { short: "v" }),
];

/** The command a word (and for groups, the next word) names, with the path it is invoked by. */
export function findCommand(words: string[]): { cmd: DockerCommand; path: string; used: number } | undefined {
  const [first = "", second = ""] = words;
  for (const cmd of COMMANDS) {
    if (cmd.top === first) return { cmd, path: `docker ${first}`, used: 1 };
  }
  for (const cmd of COMMANDS) {
    const [group, name, ...aliases] = cmd.group ?? [];
    if (group === first && (name === second || aliases.includes(second))) {
      return { cmd, path: `docker ${group} ${name}`, used: 2 };
    }
  }
  return undefined;
}

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
    ctx.out.error(
      `${error.message}\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information`,
    );
    return 125;
  }
  if (global.flags.version === true) {
    ctx.out.line("Docker version 28.2.2, build e6534b4");
    return 0;
  }
  const argv = global.args;
  const [first] = argv;
  if (global.flags.help === true || first === undefined) {
    ctx.out.write(rootHelp(managesSwarm(ctx)));
    return 0;
  }
  if (first === "help") {
    const topic = argv.slice(1);
    if (topic.length === 0) {
      ctx.out.write(rootHelp(managesSwarm(ctx)));
      return 0;
    }
    const found = findCommand(topic);
    if (found && found.used === topic.length) return runCommand(ctx, found.cmd, found.path, ["--help"]);
    const [only] = topic;
    if (topic.length === 1 && only !== undefined && Object.hasOwn(GROUPS, only)) return groupUsage(ctx, only);
    ctx.out.error(`unknown help topic: ${topic.join(" ")}`);
    return 1;
  }
  const found = findCommand(argv);
  if (found) return runCommand(ctx, found.cmd, found.path, argv.slice(found.used));
  if (Object.hasOwn(GROUPS, first)) {
    const sub = argv[1];
    if (sub === undefined || sub === "--help" || sub === "-h") return groupUsage(ctx, first);
    if (sub.startsWith("-")) {
      ctx.out.error(
        `unknown flag: ${sub}\n\nUsage:  docker ${first} COMMAND\n\nRun 'docker ${first} --help' for more information`,
      );
      return 125;
    }
    if (!SIMULATED_GROUPS.includes(first)) return notSimulated(ctx, `docker ${first}`);
    const known = groupHelp(first).includes(`\n  ${sub} `);
    if (known) return notSimulated(ctx, `docker ${first} ${sub}`);
    ctx.out.error(
      `docker: unknown command: docker ${first} ${sub}\n\nUsage:  docker ${first}\n\nRun 'docker ${first} --help' for more information`,
    );
    return 1;
  }
  if (KNOWN_TOP.has(first)) return notSimulated(ctx, `docker ${first}`);
  ctx.out.error(`docker: unknown command: docker ${first}\n\nRun 'docker --help' for more information`);
  return 1;
};

function groupUsage(ctx: Ctx, group: string): number {
  if (!SIMULATED_GROUPS.includes(group)) return notSimulated(ctx, `docker ${group}`);
  const host = ctx.place.docker ? hostOf(ctx.world, ctx.frame.machine) : undefined;
  ctx.out.write(groupHelp(group, group === "swarm" && host ? visibleSwarmCommands(host) : undefined));
  return 0;
}

/** Whether the daemon manages a swarm: the client then lists the swarm-only commands. */
function managesSwarm(ctx: Ctx): boolean {
  return ctx.place.docker && isManager(hostOf(ctx.world, ctx.frame.machine));
}

export const dockerCommands: Record<string, Handler> = { docker };

export const dockerProcesses: Record<string, ProcessKind> = {
  attached,
  "docker-logs": dockerLogs,
  "docker-wait": dockerWait,
};
