/**
 * The job-control builtins of bash and busybox ash: `jobs [-l]`, `fg [%N]` and `wait [%N|PID]...`
 * for what `cmd &` started (shell/background.ts holds their words). An interactive shell's `wait`
 * is a live process, so Ctrl+C stops it; a script's runs its jobs to their end there and then.
 * Recorded in scenario 40 for scripts, and from bash 5.2 and busybox 1.35.0 under `script` for
 * the interactive shells.
 */
import { advanceClock } from "../../engine/world";
import { jobLine, listOrder, shownPid } from "../background";
import { goLive, ToolExit } from "../command";
import type { Command, Ctx, Handler, ProcessKind, ShellJob } from "../types";
import { typedAtPrompt } from "./net/common";

/** Where a shell builtin's complaint starts: the shell, and in a script its line (bash before the name, ash after). */
export function builtinPrefix(ctx: Ctx, name: string): string {
  const prompt = typedAtPrompt(ctx);
  if (ctx.frame.shell === "bash") {
    if (!prompt) return `bash: line 1: ${name}: `;
    return ctx.frame.container ? `bash: ${name}: ` : `-bash: ${name}: `;
  }
  return `${ctx.frame.shell}: ${name}: ${prompt ? "" : "line 0: "}`;
}

/** ash ends a builtin's failure with status 2, bash with `bashStatus`. */
function failure(ctx: Ctx, name: string, text: string, bashStatus: number): ToolExit {
  return new ToolExit(ctx.frame.shell === "bash" ? bashStatus : 2, `${builtinPrefix(ctx, name)}${text}\n`);
}

const jobs: Handler = (ctx) => {
  const all = ctx.jobs.list();
  const withPid = ctx.argv.includes("-l");
  for (const job of listOrder(ctx.frame, all)) {
    const pid = withPid ? { pid: shownPid(ctx.world, ctx.frame, job.pid) } : {};
    ctx.out.line(jobLine(ctx.frame, job, all, { interactive: ctx.jobs.interactive, ...pid }));
    // A job reported as ended is forgotten, as at a prompt.
    if (job.ended) ctx.jobs.forget(job);
  }
  return 0;
};

const fg: Handler = (ctx) => {
  const spec = ctx.argv[1];
  const bash = ctx.frame.shell === "bash";
  if (bash && !ctx.jobs.interactive) throw failure(ctx, "fg", "no job control", 1);
  const job = ctx.jobs.find(spec ?? "%+");
  if (!job) {
    if (spec !== undefined) throw failure(ctx, "fg", `${spec}: no such job`, 1);
    throw failure(ctx, "fg", bash ? "current: no such job" : "No current job", 1);
  }
  if (job.ended) throw failure(ctx, "fg", "job has terminated", 1);
  ctx.out.line(job.text);
  ctx.jobs.foreground(job);
  return 0;
};

interface WaitState {
  /** The session's frame whose jobs it waits for. */
  shell: number;
  /** The jobs it waits for; all of that shell's when absent. */
  ids?: number[];
}

/** The status `wait` returns: the last job's named, or 0 for a bare `wait`. */
function waited(state: WaitState, jobs: readonly ShellJob[]): number {
  const last = state.ids?.[state.ids.length - 1];
  return last === undefined ? 0 : (jobs.find((j) => j.id === last)?.ended?.exit ?? 0);
}

const waitProcess: ProcessKind<WaitState> = {
  name: "wait",
  resume(ctx, state, until) {
    const mine = (ctx.session.jobs ?? []).filter((j) => j.shell === state.shell);
    const targets = mine.filter((j) => state.ids === undefined || state.ids.includes(j.id));
    if (targets.every((j) => j.ended)) return waited(state, mine);
    advanceClock(ctx.world, until);
    return undefined;
  },
  interrupt: () => 130,
};

const wait: Handler = (ctx) => {
  const all = ctx.jobs.list();
  const targets: ShellJob[] = [];
  for (const spec of ctx.argv.slice(1)) {
    const job = spec.startsWith("%")
      ? ctx.jobs.find(spec)
      : all.find((j) => /^\d+$/.test(spec) && shownPid(ctx.world, ctx.frame, j.pid) === Number(spec));
    if (!job) {
      if (spec.startsWith("%")) throw failure(ctx, "wait", `${spec}: no such job`, 127);
      if (ctx.frame.shell !== "bash") return 127;
      throw failure(ctx, "wait", `pid ${spec} is not a child of this shell`, 127);
    }
    targets.push(job);
  }
  const state: WaitState = {
    shell: ctx.session.frames.indexOf(ctx.frame),
    ...(targets.length > 0 ? { ids: targets.map((j) => j.id) } : {}),
  };
  const waitFor = targets.length > 0 ? targets : all;
  if (!ctx.jobs.interactive) {
    ctx.jobs.drain(waitFor);
    return waited(state, all);
  }
  if (waitFor.every((j) => j.ended)) return waited(state, all);
  goLive(ctx, waitProcess, state);
  return 0;
};

export const commands: Command[] = [
  { name: "jobs", where: "builtin", run: jobs },
  { name: "fg", where: "builtin", run: fg },
  { name: "wait", where: "builtin", processes: [waitProcess], run: wait },
];
