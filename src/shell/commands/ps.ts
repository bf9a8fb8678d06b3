/**
 * `ps`: busybox's inside containers (PIDs as the container's PID namespace numbers them: its main
 * process is 1), procps' on a host (`ps`, `ps -ef`, `ps aux`), from the machine's process table.
 */

import type { Process } from "../../engine/world";
import { shellPid } from "../background";
import { containerOf } from "../place";
import type { Command, Ctx, Handler } from "../types";

function ownCommand(ctx: Ctx): string {
  return ctx.argv.join(" ");
}

/** busybox ps in a container: the main process is PID 1, the others keep their order. */
function containerPs(ctx: Ctx): number {
  const c = containerOf(ctx.world, ctx.frame);
  const machine = ctx.world.machines[ctx.frame.machine];
  if (!c || !machine) return 1;
  const procs = Object.values(machine.procs)
    .filter((p) => p.container === c.id)
    .sort((a, b) => a.pid - b.pid);
  const main = c.state.pid;
  // PIDs in the container's namespace: 1 for the main process, then as the kernel hands them out.
  const nsPid = (p: Process) => (p.pid === main ? 1 : p.pid - main + 1);
  const mine = (procs.length ? Math.max(...procs.map(nsPid)) : 1) + 1;
  ctx.out.line("PID   USER     COMMAND");
  for (const p of procs) ctx.out.line(`${String(nsPid(p)).padStart(5)} root     ${p.command}`);
  // `docker run busybox ps`: ps is the main process itself, already listed as PID 1.
  const isMain =
    c.main.kind === "oneshot" && procs.some((p) => p.pid === main && p.command === ownCommand(ctx));
  if (!isMain) ctx.out.line(`${String(mine).padStart(5)} root     ${ownCommand(ctx)}`);
  return 0;
}

/**
 * procps ps on a host: the shell that runs it has a PID of its own (given when first asked for) and
 * is ps's parent; a job the shell started in the background has the shell as its parent.
 */
function hostPs(ctx: Ctx): number {
  const machine = ctx.world.machines[ctx.frame.machine];
  if (!machine) return 1;
  const args = ctx.argv.slice(1).join(" ");
  const shell = shellPid(ctx.world, ctx.frame);
  const self = machine.nextPid + 1;
  const procs = Object.values(machine.procs).sort((a, b) => a.pid - b.pid);
  const ppid = (p: Process) => p.ppid ?? (p.pid === 1 ? 0 : 1);
  if (args === "-ef" || args === "-e -f") {
    ctx.out.line("UID          PID    PPID  C STIME TTY          TIME CMD");
    const row = (pid: number, parent: number, tty: string, command: string) =>
      `root     ${String(pid).padStart(7)} ${String(parent).padStart(7)}  0 09:00 ${tty.padEnd(8)} 00:00:00 ${command}`;
    const lines = procs.map((p) => ({
      pid: p.pid,
      text: row(p.pid, ppid(p), p.ppid ? "pts/0" : "?", p.command),
    }));
    lines.push({ pid: shell, text: row(shell, 1, "pts/0", "-bash") });
    for (const l of lines.sort((a, b) => a.pid - b.pid)) ctx.out.line(l.text);
    ctx.out.line(row(self, shell, "pts/0", ownCommand(ctx)));
    return 0;
  }
  if (args === "aux" || args === "-aux") {
    ctx.out.line("USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND");
    const row = (pid: number, size: string, tty: string, stat: string, command: string) =>
      `root     ${String(pid).padStart(7)}  0.0  ${size} ${tty.padEnd(8)} ${stat.padEnd(4)} 09:00   0:00 ${command}`;
    const lines = procs.map((p) => ({
      pid: p.pid,
      text: row(p.pid, "0.1  12345  4321", p.ppid ? "pts/0" : "?", p.ppid ? "S" : "Ss", p.command),
    }));
    lines.push({ pid: shell, text: row(shell, "0.0   8264  4880", "pts/0", "Ss", "-bash") });
    for (const l of lines.sort((a, b) => a.pid - b.pid)) ctx.out.line(l.text);
    ctx.out.line(row(self, "0.0   7060  1580", "pts/0", "R+", ownCommand(ctx)));
    return 0;
  }
  if (args !== "") {
    ctx.out.error(`error: unsupported option (the lab's ps knows: ps, ps -ef, ps aux)`);
    return 1;
  }
  // Plain ps: the processes of the terminal, the shell and what it runs.
  ctx.out.line("    PID TTY          TIME CMD");
  const tty = (pid: number, command: string) => `${String(pid).padStart(7)} pts/0    00:00:00 ${command}`;
  ctx.out.line(tty(shell, "bash"));
  for (const p of procs) if (p.ppid === shell) ctx.out.line(tty(p.pid, p.command.split(" ")[0] ?? ""));
  ctx.out.line(tty(self, "ps"));
  return 0;
}

const ps: Handler = (ctx) => (ctx.frame.container ? containerPs(ctx) : hostPs(ctx));

export const commands: Command[] = [{ name: "ps", where: ["host", "busybox"], run: ps }];
