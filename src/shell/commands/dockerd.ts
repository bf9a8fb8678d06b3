/**
 * `dockerd` typed on a Docker host where the daemon already runs: its version and help, its
 * refusal of flags it does not know (among them the key-value store flags of the 2016 tutorials,
 * `--cluster-store` and `--cluster-advertise`, removed in Docker 23), and, for any other start,
 * the pid file of the running daemon (a daemon in the foreground, once `systemctl stop docker` has
 * stopped the service, is not simulated). `--validate` checks /etc/docker/daemon.json (or
 * `--config-file`) as a start would read it.
 */
import { dockerdPid, hostOf } from "../../engine/docker/host";
import { readFile } from "../files";
import type { Command, Handler } from "../types";
import { DAEMON_JSON, readDaemonJson } from "./daemon-json";
import { DOCKERD_FLAGS, DOCKERD_HELP } from "./dockerd-help";

const SHORT = new Set([...DOCKERD_HELP.matchAll(/^\s+-(\w), --/gm)].map((m) => m[1]));

const dockerd: Handler = (ctx) => {
  const args = ctx.argv.slice(1);
  for (const arg of args) {
    const long = /^--([\w-]+)/.exec(arg)?.[1];
    const short = /^-(\w)/.exec(arg)?.[1];
    // --validate came with Docker 23.
    const era20 = long === "validate" && hostOf(ctx.world, ctx.frame.machine).daemon.era === 20;
    const unknown =
      long !== undefined ? !DOCKERD_FLAGS.has(long) || era20 : short !== undefined && !SHORT.has(short);
    if (unknown) {
      ctx.out.error(
        `Status: unknown flag: ${long !== undefined ? `--${long}` : `-${short}`}\nSee 'dockerd --help'., Code: 125`,
      );
      return 1;
    }
  }
  if (args.includes("--version") || args.includes("-v")) {
    ctx.out.line("Docker version 26.1.5+dfsg1, build 411e817");
    return 0;
  }
  if (args.includes("--help") || args.includes("-h")) {
    ctx.out.write(DOCKERD_HELP);
    return 0;
  }
  if (args.includes("--validate")) {
    const at = args.findIndex((a) => a === "--config-file" || a.startsWith("--config-file="));
    const given = at < 0 ? undefined : (args[at]?.split("=")[1] ?? args[at + 1]);
    const path = given ?? DAEMON_JSON;
    const read = readDaemonJson(readFile(ctx.world, ctx.frame, path), path);
    if ("error" in read) {
      ctx.out.error(read.error);
      return 1;
    }
    ctx.out.line("configuration OK");
    return 0;
  }
  const pid = dockerdPid(hostOf(ctx.world, ctx.frame.machine));
  if (pid === undefined) {
    ctx.out.error("dockerd: running the daemon in the foreground is not simulated in Docker Network Lab");
    return 1;
  }
  ctx.out.error(
    `failed to start daemon, ensure docker is not running or delete /var/run/docker.pid: process with PID ${pid} is still running`,
  );
  return 1;
};

export const commands: Command[] = [{ name: "dockerd", where: "docker-host", run: dockerd }];
