/**
 * Job control's words: how bash and busybox ash number background jobs (`cmd &`), mark the current
 * and previous one, and list them (`jobs`) or report their end before a prompt. Recorded in
 * scenario 40 (`sh -c`/`bash -c`) and, for the interactive shells that a recorder without a
 * terminal cannot drive, from busybox 1.35.0 (Debian's build, the image's) and bash 5.2 run under
 * `script`: bash prints `[1] PID` when it starts a job, ash nothing; ash lists the newest job first.
 */
import type { World } from "../engine/world";
import { containerOf } from "./place";
import type { Frame, ShellJob } from "./types";

/** Signal names as the shells report a job a signal ended (strsignal's, as both print them). */
const ENDED_BY: Record<number, string> = {
  1: "Hangup",
  2: "Interrupt",
  3: "Quit",
  6: "Aborted",
  9: "Killed",
  10: "User defined signal 1",
  12: "User defined signal 2",
  13: "Broken pipe",
  14: "Alarm clock",
  15: "Terminated",
};

/** The number a new job gets: one above the highest still known, as both shells count. */
export function nextJobId(jobs: readonly ShellJob[]): number {
  return Math.max(0, ...jobs.map((j) => j.id)) + 1;
}

function status(job: ShellJob, bash: boolean): string {
  const ended = job.ended;
  if (!ended) return "Running";
  if (ended.signal !== undefined) return ENDED_BY[ended.signal] ?? `Signal ${ended.signal}`;
  if (ended.exit === 0) return "Done";
  return bash ? `Exit ${ended.exit}` : `Done(${ended.exit})`;
}

/** `+` for the current job (the newest), `-` for the one before, as `%+` and `%-` name them. */
function mark(job: ShellJob, jobs: readonly ShellJob[]): string {
  const sorted = [...jobs].sort((a, b) => b.id - a.id);
  return job === sorted[0] ? "+" : job === sorted[1] ? "-" : " ";
}

/**
 * One job as `jobs` (or `jobs -l`) lists it and as the shell reports its end. ash pads the status
 * (after the PID with -l) to 27 columns and, in a script, knows no command text; bash pads it to 24
 * and adds ` &` to a job still running.
 */
export function jobLine(
  frame: Frame,
  job: ShellJob,
  jobs: readonly ShellJob[],
  opts: { pid?: number; interactive: boolean },
): string {
  const bash = frame.shell === "bash";
  const head = `[${job.id}]${mark(job, jobs)}  `;
  const pid = opts.pid === undefined ? "" : `${opts.pid} `;
  if (bash) return `${head}${pid}${status(job, true).padEnd(24)}${job.text}${job.ended ? "" : " &"}`;
  return `${head}${`${pid}${status(job, false)}`.padEnd(27)}${opts.interactive ? job.text : ""}`;
}

/** The jobs a shell lists: bash oldest first, ash newest first. */
export function listOrder(frame: Frame, jobs: readonly ShellJob[]): ShellJob[] {
  const sorted = [...jobs].sort((a, b) => a.id - b.id);
  return frame.shell === "bash" ? sorted : sorted.reverse();
}

/**
 * The job a `%` spec names (`%1`, `%+`, `%%`, `%-`, `%sleep`), or undefined. A bare spec in `fg`
 * (none given) is the current job.
 */
export function findJob(jobs: readonly ShellJob[], spec: string): ShellJob | undefined {
  const sorted = [...jobs].sort((a, b) => b.id - a.id);
  const rest = spec.replace(/^%/, "");
  if (rest === "" || rest === "+" || rest === "%") return sorted[0];
  if (rest === "-") return sorted[1];
  if (/^\d+$/.test(rest)) return jobs.find((j) => j.id === Number(rest));
  return sorted.find((j) => j.text.startsWith(rest));
}

/** A host PID as a process in `frame` sees it: in a container, numbered in its PID namespace (its main process is 1). */
export function shownPid(world: World, frame: Frame, hostPid: number): number {
  const main = frame.container ? containerOf(world, frame)?.state.pid : undefined;
  return main ? hostPid - main + 1 : hostPid;
}

/** The PID of the shell running in `frame` on its host, given the first time it is asked for. */
export function shellPid(world: World, frame: Frame): number {
  if (frame.pid !== undefined) return frame.pid;
  const machine = world.machines[frame.machine];
  if (!machine) throw new Error(`no machine ${frame.machine}`);
  machine.nextPid += 1;
  frame.pid = machine.nextPid;
  return frame.pid;
}
