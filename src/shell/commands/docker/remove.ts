/**
 * `docker rm` (containers, or with -l a legacy link), `docker rename` and `docker container prune`.
 */
import { removeContainer, renameContainer } from "../../../engine/docker/containers";
import { DaemonError, NotFound } from "../../../engine/docker/errors";
import { isRunning, requireContainer } from "../../../engine/docker/lookup";
import { CliError, type DockerCommand, type DockerCtx, responseError } from "./cli";
import { bool, flag } from "./flags";
import { pruneCommand, pruneReport } from "./prune";

/** `docker rm -l busy2/busy1`: drops a legacy link (named parent/alias). */
function removeLink(ctx: DockerCtx, name: string): void {
  const path = name.replace(/^\//, "");
  const slash = path.lastIndexOf("/");
  if (slash < 0) throw new DaemonError("Conflict, cannot remove the default link name of the container", 409);
  const parent = requireContainer(ctx.host.daemon, path.slice(0, slash));
  const alias = path.slice(slash + 1);
  if (!parent.hostConfig.links.some((l) => l.alias === alias)) {
    throw new NotFound(`Cannot get parent /${path.slice(0, slash)} for link name /${path}`);
  }
  parent.hostConfig.links = parent.hostConfig.links.filter((l) => l.alias !== alias);
}

const rm: DockerCommand = {
  top: "rm",
  group: ["container", "rm", "remove"],
  use: "[OPTIONS] CONTAINER [CONTAINER...]",
  summary: "Remove one or more containers",
  aliases: "docker container rm, docker container remove, docker rm",
  flags: [
    flag("force", "Force the removal of a running container (uses SIGKILL)", { short: "f" }),
    flag("link", "Remove the specified link", { short: "l" }),
    flag("volumes", "Remove anonymous volumes associated with the container", { short: "v" }),
  ],
  args: { min: 1 },
  run(ctx, { flags, args }) {
    const force = bool(flags, "force");
    const errors: string[] = [];
    for (const name of args) {
      const trimmed = name.replace(/^\/+|\/+$/g, "");
      try {
        if (trimmed === "") throw new CliError("container name cannot be empty");
        if (bool(flags, "link")) removeLink(ctx, trimmed);
        else removeContainer(ctx.host, requireContainer(ctx.host.daemon, trimmed), force);
        ctx.out.line(name);
      } catch (error) {
        if (error instanceof CliError) {
          errors.push(error.message);
          continue;
        }
        if (!(error instanceof DaemonError)) throw error;
        const message = responseError(ctx, error, { object: "container", name: trimmed });
        if (force && error instanceof NotFound) ctx.out.error(message);
        else errors.push(message);
      }
    }
    if (errors.length === 0) return 0;
    ctx.out.error(errors.join("\n"));
    return 1;
  },
};

const rename: DockerCommand = {
  top: "rename",
  group: ["container", "rename"],
  use: "CONTAINER NEW_NAME",
  summary: "Rename a container",
  aliases: "docker container rename, docker rename",
  flags: [],
  args: { exact: 2 },
  run(ctx, { args }) {
    const [oldName = "", newName = ""] = args;
    if (oldName.trim() === "" || newName.trim() === "")
      throw new CliError("Error: Neither old nor new names may be empty");
    try {
      renameContainer(ctx.host, requireContainer(ctx.host.daemon, oldName), newName);
    } catch (error) {
      // The client prints the daemon's refusal, then a failure of its own.
      if (!(error instanceof DaemonError)) throw error;
      ctx.out.error(`Error response from daemon: ${error.message}`);
      throw new CliError(`Error: failed to rename container named ${oldName}`);
    }
    return 0;
  },
};

/** Removes every stopped container; their IDs, for the prune report. */
export function pruneContainers(ctx: DockerCtx): string[] {
  const stopped = ctx.host.daemon.containers.filter((c) => !isRunning(c));
  for (const c of stopped) removeContainer(ctx.host, c, false);
  return stopped.map((c) => c.id);
}

const prune = pruneCommand(
  "container",
  "Remove all stopped containers",
  "This will remove all stopped containers.",
  (ctx) => pruneReport(ctx, [["Deleted Containers", pruneContainers(ctx)]]),
);

export const subcommands: DockerCommand[] = [rm, rename, prune];
