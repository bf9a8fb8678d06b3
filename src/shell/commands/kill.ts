/**
 * Signals to processes: busybox 1.35's `kill` (the applet, and ash's builtin, which is the same code
 * and also takes `%N`), `killall` and `pidof` in containers; bash's `kill` builtin and `pidof` on a
 * host (scenario 40). What a signal does is the kernel's business (engine/docker/process-signals.ts):
 * a container's PID 1 ignores what it has no handler for, a SIGKILL from the host ends it and stops
 * the container. A job of the shell (`kill %1`, or its PID) ends as the shell reports it.
 */
import { hostOf } from "../../engine/docker/host";
import { signalProcess } from "../../engine/docker/process-signals";
import type { Process } from "../../engine/world";
import { shownPid } from "../background";
import { ToolExit } from "../command";
import { containerOf } from "../place";
import type { Command, Ctx, Handler, ShellJob } from "../types";
import { busyboxBadOption, busyboxUsage } from "./busybox";
import { builtinPrefix } from "./job-control";
import {
  bashSignal,
  bashSignalList,
  bashSignalName,
  busyboxSignal,
  busyboxSignalList,
  busyboxSignalName,
} from "./signals";
import { NOT_SIMULATED } from "./unsimulated";

/** The processes a command in `ctx` can see: its container's, or every process of the host. */
export function visibleProcesses(ctx: Ctx): { pid: number; proc: Process }[] {
  const machine = ctx.world.machines[ctx.frame.machine];
  if (!machine) return [];
  const c = containerOf(ctx.world, ctx.frame);
  return Object.values(machine.procs)
    .filter((p) => !ctx.frame.container || p.container === c?.id)
    .map((proc) => ({ pid: shownPid(ctx.world, ctx.frame, proc.pid), proc }))
    .sort((a, b) => a.pid - b.pid);
}

type Sent = "sent" | "none" | { unsimulated: string };

/** Sends `signo` to the process the command's place numbers `pid`, through its shell's job if it is one. */
function send(ctx: Ctx, pid: number, signo: number): Sent {
  const target = visibleProcesses(ctx).find((p) => p.pid === pid);
  if (!target) return "none";
  const job = ctx.jobs.list().find((j) => j.pid === target.proc.pid && !j.ended);
  if (job) {
    ctx.jobs.signal(job, signo);
    return "sent";
  }
  const machine = ctx.world.machines[ctx.frame.machine];
  if (!machine?.docker || (!target.proc.container && signo !== 0))
    return { unsimulated: target.proc.command };
  const outcome = signalProcess(
    hostOf(ctx.world, ctx.frame.machine),
    target.proc.pid,
    signo,
    !ctx.frame.container,
  );
  return outcome === "delivered" ? "sent" : "none";
}

function unsimulatedTarget(pid: number, command: string): string {
  return `(${pid}) - signalling ${command.split(" ")[0]} ${NOT_SIMULATED}`;
}

/** A `%N` job spec, as both shells' builtins take it. */
function signalJob(ctx: Ctx, spec: string, signo: number): ShellJob | undefined {
  const job = ctx.jobs.find(spec);
  if (job && !job.ended) ctx.jobs.signal(job, signo);
  return job;
}

/**
 * busybox's kill_main, as the applet (`kill: ` before its complaints) or ash's builtin (`sh: `, and
 * `%N` job specs, whose complaints are ash's own).
 */
const busyboxKill: Handler = (ctx) => {
  const builtin = !ctx.viaExec;
  const who = builtin ? ctx.frame.shell : "kill";
  const fail = (text: string) => new ToolExit(1, `${who}: ${text}\n`);
  const args = ctx.argv.slice(1);
  let signo = 15;
  if (args[0]?.startsWith("-")) {
    const arg = args.shift() ?? "";
    if (arg === "-l") {
      if (args.length === 0) {
        ctx.out.write(busyboxSignalList());
        return 0;
      }
      for (const name of args) {
        if (/^\d/.test(name)) {
          if (!/^\d+$/.test(name) || Number(name) > 4294967295) throw fail(`unknown signal '${name}'`);
          // Exit statuses above 128 name the signal that ended a process.
          ctx.out.line(busyboxSignalName(Number(name) & 0x7f));
        } else {
          const n = busyboxSignal(name);
          if (n < 0) throw fail(`unknown signal '${name}'`);
          ctx.out.line(String(n));
        }
      }
      return 0;
    }
    if (arg !== "--") {
      const name = arg === "-s" && args.length > 0 ? (args.shift() ?? "") : arg.slice(1);
      signo = busyboxSignal(name);
      if (signo < 0) throw fail(`bad signal name '${name}'`);
    }
  }
  if (args.length === 0) throw fail("you need to specify whom to kill");
  let errors = 0;
  for (const arg of args) {
    if (builtin && arg.startsWith("%")) {
      if (!signalJob(ctx, arg, signo))
        throw new ToolExit(2, `${builtinPrefix(ctx, "kill")}${arg}: no such job\n`);
      continue;
    }
    if (!/^-?\d+$/.test(arg)) {
      ctx.out.error(`${who}: invalid number '${arg}'`);
      errors++;
      continue;
    }
    const sent = send(ctx, Number(arg), signo);
    if (sent === "sent") continue;
    errors++;
    ctx.out.error(
      sent === "none"
        ? `${who}: can't kill pid ${arg}: No such process`
        : `${who}: ${unsimulatedTarget(Number(arg), sent.unsimulated)}`,
    );
  }
  return errors;
};

/** busybox's killall: every process of the container running a program of that name. */
const killall: Handler = (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[0] === "-l") {
    ctx.out.write(busyboxSignalList());
    return 0;
  }
  let quiet = false;
  if (args[0] === "-q") {
    quiet = true;
    args.shift();
    if (args.length === 0) throw busyboxUsage("killall");
  }
  let signo = 15;
  if (args[0]?.startsWith("-")) {
    const name = (args.shift() ?? "").slice(1);
    signo = busyboxSignal(name);
    if (signo < 0) throw new ToolExit(1, `killall: bad signal name '${name}'\n`);
  }
  if (args.length === 0) throw new ToolExit(1, "killall: you need to specify whom to kill\n");
  let errors = 0;
  for (const name of args) {
    const pids = matching(ctx, name);
    if (pids.length === 0) {
      errors++;
      if (!quiet) ctx.out.error(`killall: ${name}: no process killed`);
    }
    for (const pid of pids) send(ctx, pid, signo);
  }
  return errors;
};

/** The processes of the place whose program is `name` (its path's last part), newest first, as busybox scans /proc. */
function matching(ctx: Ctx, name: string): number[] {
  const base = (path: string) => path.slice(path.lastIndexOf("/") + 1);
  return visibleProcesses(ctx)
    .filter((p) => base(p.proc.command.split(" ")[0] ?? "") === base(name))
    .map((p) => p.pid)
    .reverse();
}

/** `pidof NAME...`: busybox's in a container (built without -s and -o), procps' on a host. */
const pidof: Handler = (ctx) => {
  const args = ctx.argv.slice(1);
  const bad = args.find((a) => a.startsWith("-"));
  if (bad !== undefined && ctx.place.flavor === "busybox")
    throw busyboxBadOption("pidof")({ kind: "invalid", option: bad[1] ?? "" });
  const pids = args.flatMap((name) => matching(ctx, name));
  if (pids.length === 0) return 1;
  ctx.out.line(pids.join(" "));
  return 0;
};

const BASH_KILL_USAGE =
  "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]";

/** bash's `kill` builtin: `-l [SIG]`, `-s SIG`, `-n NUM`, `-SIG`, PIDs and job specs. */
const bashKill: Handler = (ctx) => {
  const prefix = builtinPrefix(ctx, "kill");
  const args = ctx.argv.slice(1);
  const invalid = (spec: string) => new ToolExit(1, `${prefix}${spec}: invalid signal specification\n`);
  if (args[0] === "-l" || args[0] === "-L") {
    if (args.length === 1) {
      ctx.out.write(bashSignalList());
      return 0;
    }
    for (const spec of args.slice(1)) {
      const n = /^\d+$/.test(spec) ? Number(spec) : bashSignal(spec);
      const name =
        n === undefined ? undefined : /^\d+$/.test(spec) ? bashSignalName(n > 128 ? n - 128 : n) : n;
      if (name === undefined) throw invalid(spec);
      ctx.out.line(String(name));
    }
    return 0;
  }
  let signo = 15;
  const first = args[0];
  if (first?.startsWith("-") && first !== "--") {
    args.shift();
    const spec = first === "-s" || first === "-n" ? args.shift() : first.slice(1);
    if (spec === undefined) throw new ToolExit(2, `${prefix}${first}: option requires an argument\n`);
    const n = bashSignal(spec);
    if (n === undefined) throw invalid(spec);
    signo = n;
  } else if (first === "--") args.shift();
  if (args.length === 0) throw new ToolExit(2, `${BASH_KILL_USAGE}\n`);
  let exit = 0;
  for (const arg of args) {
    if (arg.startsWith("%")) {
      if (!signalJob(ctx, arg, signo)) {
        ctx.out.error(`${prefix}${arg}: no such job`);
        exit = 1;
      }
      continue;
    }
    if (!/^-?\d+$/.test(arg)) {
      ctx.out.error(`${prefix}${arg}: arguments must be process or job IDs`);
      exit = 1;
      continue;
    }
    const sent = send(ctx, Number(arg), signo);
    if (sent === "sent") continue;
    exit = 1;
    ctx.out.error(
      sent === "none"
        ? `${prefix}(${arg}) - No such process`
        : `${prefix}${unsimulatedTarget(Number(arg), sent.unsimulated)}`,
    );
  }
  return exit;
};

const kill: Handler = (ctx) => (ctx.place.flavor === "busybox" ? busyboxKill(ctx) : bashKill(ctx));

export const commands: Command[] = [
  { name: "kill", where: ["host", "busybox", "debian"], run: kill },
  { name: "killall", where: ["busybox"], run: killall },
  { name: "pidof", where: ["host", "busybox"], run: pidof },
];
