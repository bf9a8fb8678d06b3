/**
 * `systemctl status docker` (and `service docker status`): systemd 257's status of Debian's
 * docker.service. Not recorded: the instrument's dockerd is no systemd service (see
 * 32-daemon-restart). The block is systemd's format (systemctl's print_status_info: the bullet,
 * Loaded, Active with `since` and the relative time, Invocation, TriggeredBy, Docs, Main PID, Tasks,
 * Memory, CPU, CGroup; after a stop Duration, Process and the exit) filled from the unit as Debian's
 * docker.io ships it (Requires=docker.socket, ExecStart=dockerd -H fd:// … $DOCKER_OPTS) and from the lab's daemon (its PID, when it started or stopped). The journal's
 * lines that follow on a real host are not shown: the lab keeps no journal. Tasks, memory and CPU
 * are an idle daemon's, fixed, as `free` shows fixed memory.
 */
import { DOCKERD_COMMAND, dockerdPid, type Host } from "../../engine/docker/host";
import { strftime } from "./system-info";

const UNIT_FILE = "/usr/lib/systemd/system/docker.service";
/** The unit's ExecStart, its path as the lab's dockerd process has it (engine/docker/host.ts). */
const EXEC_START = `${DOCKERD_COMMAND} $DOCKER_OPTS`;

/** systemd's format_timestamp_relative: the two largest units that say it, then "ago". */
function ago(ms: number): string {
  const s = Math.floor(ms / 1000);
  const min = Math.floor(s / 60);
  const h = Math.floor(min / 60);
  const days = Math.floor(h / 24);
  if (days >= 7) return `${Math.floor(days / 7)} weeks ${days % 7} days ago`;
  if (h >= 48) return `${days} days ago`;
  if (h >= 25) return `1 day ${h - 24}h ago`;
  if (h >= 6) return `${h}h ago`;
  if (h >= 1) return `${h}h ${min % 60}min ago`;
  if (min >= 5) return `${min}min ago`;
  if (min >= 1) return `${min}min ${s % 60}s ago`;
  if (s >= 1) return `${s}s ago`;
  return ms > 0 ? `${ms}ms ago` : "now";
}

/** systemd's format_timespan to the millisecond: hours and minutes, then seconds with their fraction (`5.05s`). */
function timespan(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const min = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const frac = ms % 1000;
  const parts = [h > 0 ? `${h}h` : "", min > 0 ? `${min}min` : ""];
  if (s > 0) parts.push(frac > 0 ? `${s}.${String(frac).padStart(3, "0").replace(/0+$/, "")}s` : `${s}s`);
  else if (frac > 0) parts.push(`${frac}ms`);
  return parts.filter(Boolean).join(" ") || "0";
}

/** The invocation's 128-bit ID: systemd draws it at random; the lab derives it from the start. */
function invocationId(host: Host, since: number): string {
  let h = 0x811c9dc5;
  const text = `${host.machine.name}:${since}`;
  let out = "";
  for (let round = 0; round < 4; round++) {
    for (const ch of `${text}:${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out;
}

/** The status block and systemctl's exit status: 0 while it runs, 3 once stopped. */
export function dockerStatus(host: Host): { text: string; exit: number } {
  const clock = host.world.clock;
  const since = host.daemon.since ?? host.machine.bootedAt ?? clock;
  const when = `${strftime("%a %Y-%m-%d %H:%M:%S %Z", since)}; ${ago(clock - since)}`;
  const pid = dockerdPid(host);
  const running = !host.daemon.down && pid !== undefined;
  const last = host.daemon.lastPid ?? 0;
  const exited = "(code=exited, status=0/SUCCESS)";
  const ranFor = host.daemon.ranFor;
  const lines = [
    `${running ? "●" : "○"} docker.service - Docker Application Container Engine`,
    `     Loaded: loaded (${UNIT_FILE}; enabled; preset: enabled)`,
    `     Active: ${running ? "active (running)" : "inactive (dead)"} since ${when}`,
    ...(!running && ranFor !== undefined ? [`   Duration: ${timespan(ranFor)}`] : []),
    ` Invocation: ${invocationId(host, since)}`,
    // `service docker stop` stopped the socket too.
    `TriggeredBy: ${host.daemon.down === "socket" ? "○" : "●"} docker.socket`,
    "       Docs: https://docs.docker.com",
    ...(running
      ? [
          `   Main PID: ${pid} (dockerd)`,
          "      Tasks: 12",
          "     Memory: 38.2M (peak: 40.1M)",
          "        CPU: 412ms",
          "     CGroup: /system.slice/docker.service",
          `             └─${pid} ${host.machine.procs[String(pid)]?.command ?? DOCKERD_COMMAND}`,
        ]
      : [
          `    Process: ${last} ExecStart=${EXEC_START} ${exited}`,
          `   Main PID: ${last} ${exited}`,
          "   Mem peak: 40.1M",
          "        CPU: 412ms",
        ]),
    "",
  ];
  return { text: lines.join("\n"), exit: running ? 0 : 3 };
}
