/**
 * `systemctl` and `service` on a Docker host, for the docker unit of Debian's docker.io
 * (docker.service, started by docker.socket: `Requires=docker.socket`, `KillMode=process`). A
 * restart does what a real one does to the containers (engine/docker/daemon-lifecycle.ts); like
 * systemctl, a job that succeeds prints nothing. `status` prints systemd's block (systemctl-status.ts,
 * derived, not recorded); the other units are not simulated, nor a swarm node's restart.
 */
import { restartDaemon, stopDaemon } from "../../engine/docker/daemon-lifecycle";
import { hostOf } from "../../engine/docker/host";
import type { Command, Ctx, Handler } from "../types";
import { DAEMON_JSON, startSettings } from "./daemon-json";
import { dockerStatus } from "./systemctl-status";

const DOCKER = "docker.service";

const host = (ctx: Ctx) => hostOf(ctx.world, ctx.frame.machine);
/** Units a Debian Docker host has that the lab does not run as such. */
const UNSIMULATED = new Set(["docker.socket", "containerd.service"]);
const JOBS = ["start", "stop", "restart", "try-restart", "reload-or-restart"] as const;
type Job = (typeof JOBS)[number];

/** systemctl's unit name mangling for a plain name: `docker` is `docker.service`. */
function unitName(name: string): string {
  return /\.(service|socket|target|timer|mount|path|slice|scope|device|swap|automount)$/.test(name)
    ? name
    : `${name}.service`;
}

function notSimulated(ctx: Ctx, tool: string, words: string): number {
  ctx.out.error(`${tool}: '${words}' is not simulated in Docker Network Lab`);
  return 1;
}

/**
 * What the job does to dockerd; `socket`: docker.socket is stopped or started with it (`service`).
 * false when the lab cannot do it: a swarm node's tasks would fail and be rescheduled, which the
 * lab's swarm does not model.
 */
function runJob(ctx: Ctx, job: Job, socket: boolean): "done" | "failed" | "unsimulated" {
  const host = hostOf(ctx.world, ctx.frame.machine);
  if (host.daemon.swarm && job !== "start") return "unsimulated";
  if (job === "stop") {
    stopDaemon(host, socket);
    return "done";
  }
  if (job === "start" ? !host.daemon.down : job === "try-restart" && host.daemon.down) return "done";
  // dockerd reads /etc/docker/daemon.json as it starts.
  const settings = startSettings(ctx);
  if (typeof settings === "object" && "unapplied" in settings) return "unsimulated";
  if (settings === "fails") {
    stopDaemon(host, false);
    return "failed";
  }
  restartDaemon(host, settings);
  return "done";
}

/** systemd's word when the service's start fails (dockerd exited with an error). */
function jobFailed(ctx: Ctx): number {
  ctx.out.error(
    `Job for ${DOCKER} failed because the control process exited with error code.\n` +
      `See "systemctl status ${DOCKER}" and "journalctl -xeu ${DOCKER}" for details.`,
  );
  return 1;
}

/** `systemctl status UNIT...`: docker.service's block; a unit the host does not have is not found. */
function status(ctx: Ctx, units: string[]): number {
  let exit = 0;
  for (const unit of units) {
    if (unit !== DOCKER) {
      ctx.out.error(`Unit ${unit} could not be found.`);
      exit = 4;
      continue;
    }
    const shown = dockerStatus(hostOf(ctx.world, ctx.frame.machine));
    ctx.out.write(shown.text);
    if (exit === 0) exit = shown.exit;
  }
  return exit;
}

const systemctl: Handler = (ctx) => {
  const words = ctx.argv.slice(1);
  const quiet = words.some((w) => w === "-q" || w === "--quiet");
  const args = words.filter((w) => !["-q", "--quiet", "--no-pager"].includes(w));
  const [verb = "list-units", ...names] = args;
  const verbs: readonly string[] = [...JOBS, "is-active", "status"];
  if (!verbs.includes(verb) || args.some((w) => w.startsWith("-")))
    return notSimulated(ctx, "systemctl", words.join(" ") || verb);
  // The whole system's status (every unit, the boot's) is not simulated.
  if (names.length === 0 && verb === "status") return notSimulated(ctx, "systemctl", "status");
  if (names.length === 0) {
    ctx.out.error("Too few arguments.");
    return 1;
  }
  const units = names.map(unitName);
  if (units.some((u) => UNSIMULATED.has(u))) return notSimulated(ctx, "systemctl", words.join(" "));
  if (verb === "status") return status(ctx, units);
  if (verb === "is-active") {
    const host = hostOf(ctx.world, ctx.frame.machine);
    let exit = 0;
    for (const unit of units) {
      const active = unit === DOCKER && !host.daemon.down;
      if (!active) exit = 3;
      if (!quiet) ctx.out.line(active ? "active" : "inactive");
    }
    return exit;
  }
  const job = verb as Job;
  const missing = units.find((u) => u !== DOCKER);
  if (missing !== undefined) {
    ctx.out.error(
      `Failed to ${job} ${missing}: Unit ${missing} ${job === "stop" ? "not loaded" : "not found"}.`,
    );
    return 5;
  }
  const done = runJob(ctx, job, false);
  if (done === "failed") return jobFailed(ctx);
  if (done === "unsimulated")
    return notSimulated(
      ctx,
      "systemctl",
      host(ctx).daemon.swarm ? `${job} on a swarm node` : `${job} with ${DAEMON_JSON}'s settings`,
    );
  // The socket that activates the service keeps listening: the next client starts it again.
  if (job === "stop")
    ctx.out.error(`Stopping '${DOCKER}', but its triggering units are still active:\ndocker.socket`);
  return 0;
};

/**
 * Debian's `service NAME ACTION` under systemd: `systemctl ACTION NAME.service`, and for start and
 * stop also the sockets that trigger the service (init-system-helpers' service script).
 */
const service: Handler = (ctx) => {
  const [name, action, ...rest] = ctx.argv.slice(1);
  if (name === undefined || (action === undefined && !name.startsWith("-"))) {
    ctx.out.error("Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]");
    return 1;
  }
  if (action === undefined || rest.length > 0)
    return notSimulated(ctx, "service", ctx.argv.slice(1).join(" "));
  if (name !== "docker") {
    ctx.out.error(`${name}: unrecognized service`);
    return 1;
  }
  // Debian's service script hands `status` to systemctl as it is.
  if (action === "status") return status(ctx, [DOCKER]);
  if (!["start", "stop", "restart", "try-restart", "force-reload"].includes(action))
    return notSimulated(ctx, "service", ctx.argv.slice(1).join(" "));
  const done = runJob(ctx, action === "force-reload" ? "restart" : (action as Job), true);
  if (done === "failed") return jobFailed(ctx);
  if (done === "unsimulated")
    return notSimulated(
      ctx,
      "service",
      host(ctx).daemon.swarm ? `${action} on a swarm node` : `${action} with ${DAEMON_JSON}'s settings`,
    );
  return 0;
};

export const commands: Command[] = [
  {
    name: "systemctl",
    where: "docker-host",
    addrconf: true,
    completion: {
      subcommands: Object.fromEntries(
        [...JOBS, "is-active", "status"].map((v) => [v, { operands: ["text"] }]),
      ),
      strict: true,
    },
    run: systemctl,
  },
  { name: "service", where: "docker-host", addrconf: true, run: service },
];
