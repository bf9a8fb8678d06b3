/**
 * Stopping and starting dockerd itself (`systemctl stop|start|restart docker`), as moby's
 * `Daemon.Shutdown` and `Daemon.restore` do it, without live-restore: on the way down every running
 * container is stopped as `docker stop` would (SIGTERM, SIGKILL after its stop timeout, all at once)
 * but not marked as stopped by hand; on the way up the default bridge network is made anew and each
 * container whose restart policy says so is started again, with the lowest free address. Recorded in tests/ground-truth/32-daemon-restart.
 */
import { exitContainer, startContainer } from "./containers";
import { DaemonError } from "./errors";
import { DOCKERD_COMMAND, dockerdPid, type Host, kill, spawn } from "./host";
import { isRunning, isTaskContainer } from "./lookup";
import { renewDefaultBridge } from "./networks";
import type { Container } from "./types";

/** What daemon.json sets that the lab applies as dockerd starts: the default bridge's IPv6 subnet, when on. */
export interface DaemonStartSettings {
  fixedCidrV6?: string;
}

/** What dockerd takes to come up again (its own start, before it restores containers). */
const STARTUP_MS = 1500;

/** Whether the restart policy brings a container back when the daemon starts (restartmanager.ShouldRestart). */
function restartsWithDaemon(c: Container): boolean {
  // A container never started (created, or whose first start failed) is left alone.
  if (c.state.startedAt === 0) return false;
  const [policy, max] = c.hostConfig.restartPolicy.split(":");
  if (policy === "always") return true;
  if (policy === "unless-stopped") return !c.manuallyStopped;
  if (policy !== "on-failure" || c.state.exitCode === 0) return false;
  return max === undefined || Number(max) === 0 || c.restartCount < Number(max);
}

/**
 * dockerd on SIGTERM: stops its running containers together, each after its stop timeout. With
 * `socket`, docker.socket goes down too and clients find nobody listening.
 */
export function stopDaemon(host: Host, socket = false): void {
  if (host.daemon.down) {
    if (socket) host.daemon.down = "socket";
    return;
  }
  const running = host.daemon.containers.filter(isRunning);
  const waits = running.map((c) => (c.main.handlesTerm ? 300 : 10_000));
  host.world.clock += Math.max(0, ...waits);
  for (const c of running) exitContainer(host, c, c.main.handlesTerm ? c.main.termExitCode : 137);
  const pid = dockerdPid(host);
  if (pid !== undefined) {
    kill(host, pid);
    host.daemon.lastPid = pid;
  }
  host.daemon.down = socket ? "socket" : "service";
  host.daemon.ranFor = host.world.clock - (host.daemon.since ?? host.machine.bootedAt ?? host.world.clock);
  host.daemon.since = host.world.clock;
}

/**
 * dockerd starting on its data-root: the default bridge network is made anew, and the containers the
 * restart policies name start again. moby starts them together, each in its own goroutine taken from
 * a Go map, so on a real host which one gets which address (and ifindex) is chance; the lab starts
 * them in the order they were created, so that a lab replays the same way every time.
 */
export function startDaemon(host: Host, settings: DaemonStartSettings = {}): void {
  if (!host.daemon.down) return;
  delete host.daemon.down;
  if (settings.fixedCidrV6 === undefined) delete host.daemon.fixedCidrV6;
  else host.daemon.fixedCidrV6 = settings.fixedCidrV6;
  spawn(host, DOCKERD_COMMAND, host.ns.id);
  host.world.clock += STARTUP_MS;
  host.daemon.since = host.world.clock;
  renewDefaultBridge(host);
  for (const c of host.daemon.containers.filter((x) => !isTaskContainer(x) && restartsWithDaemon(x))) {
    try {
      startContainer(host, c);
    } catch (error) {
      // dockerd logs the failure and goes on with the others; the container keeps its error.
      if (!(error instanceof DaemonError)) throw error;
    }
  }
}

/** `systemctl restart docker`: the daemon goes down and comes up again on the same state. */
export function restartDaemon(host: Host, settings: DaemonStartSettings = {}): void {
  stopDaemon(host);
  startDaemon(host, settings);
}
