/**
 * `docker wait`: prints each container's exit code as it stops, keeping the terminal meanwhile
 * (Ctrl+C ends it as the client does when interrupted).
 */
import { DaemonError } from "../../../engine/docker/errors";
import { isRunning, requireContainer } from "../../../engine/docker/lookup";
import { goLive } from "../../command";
import { containerOf } from "../../place";
import type { ProcessKind } from "../../types";
import type { DockerCommand } from "./cli";
import { advanceTo } from "./lifecycle";

interface WaitState {
  containers: string[];
  errors: string[];
}

const dockerWait: ProcessKind<WaitState> = {
  name: "docker-wait",
  resume(ctx, state, until) {
    advanceTo(ctx, until);
    for (const id of [...state.containers]) {
      const c = containerOf(ctx.world, ctx.frame, id);
      if (c && isRunning(c)) continue;
      ctx.out.line(String(c?.state.exitCode ?? 0));
      state.containers = state.containers.filter((x) => x !== id);
    }
    if (state.containers.length > 0) return undefined;
    if (state.errors.length === 0) return 0;
    ctx.out.error(state.errors.join("\n"));
    return 1;
  },
  interrupt() {
    return 130;
  },
};

const wait: DockerCommand = {
  processes: [dockerWait],
  top: "wait",
  group: ["container", "wait"],
  use: "CONTAINER [CONTAINER...]",
  summary: "Block until one or more containers stop, then print their exit codes",
  aliases: "docker container wait, docker wait",
  flags: [],
  args: { min: 1 },
  run(ctx, { args }) {
    const errors: string[] = [];
    const waiting: string[] = [];
    for (const name of args) {
      try {
        const c = requireContainer(ctx.host.daemon, name);
        if (isRunning(c)) waiting.push(c.id);
        else ctx.out.line(String(c.state.exitCode));
      } catch (error) {
        if (!(error instanceof DaemonError)) throw error;
        errors.push(`Error response from daemon: ${error.message}`);
      }
    }
    if (waiting.length > 0) {
      goLive(ctx, dockerWait, { containers: waiting, errors });
      return 0;
    }
    if (errors.length === 0) return 0;
    ctx.out.error(errors.join("\n"));
    return 1;
  },
};

export const subcommands: DockerCommand[] = [wait];
