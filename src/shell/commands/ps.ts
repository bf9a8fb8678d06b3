/**
 * `ps`: busybox's inside containers (PIDs as the container's PID namespace numbers them: its main
 * process is 1), procps' on a host (`ps`, `ps -ef`, `ps aux`), from the machine's process table.
 */

import type { Process } from "../../engine/world";
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

function hostPs(ctx: Ctx): number {
  const machine = ctx.world.machines[ctx.frame.machine];
  if (!machine) return 1;
  const args = ctx.argv.slice(1).join(" ");
  const procs = Object.values(machine.procs).sort((a, b) => a.pid - b.pid);
  const self = machine.nextPid + 1;
  if (args === "-ef" || args === "-e -f") {
    ctx.out.line("UID          PID    PPID  C STIME TTY          TIME CMD");
    for (const p of procs)
      ctx.out.line(
        `root     ${String(p.pid).padStart(7)} ${String(p.pid === 1 ? 0 : 1).padStart(7)}  0 09:00 ?        00:00:00 ${p.command}`,
      );
    ctx.out.line(
      `root     ${String(self).padStart(7)} ${String(self - 1).padStart(7)}  0 09:00 pts/0    00:00:00 ${ownCommand(ctx)}`,
    );
    return 0;
  }
  if (args === "aux" || args === "-aux") {
    ctx.out.line("USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND");
    for (const p of procs)
      ctx.out.line(
        `root     ${String(p.pid).padStart(7)}  0.0  0.1  12345  4321 ?        Ss   09:00   0:00 ${p.command}`,
      );
    ctx.out.line(
      `root     ${String(self).padStart(7)}  0.0  0.0   7060  1580 pts/0    R+   09:00   0:00 ${ownCommand(ctx)}`,
    );
    return 0;
  }
  if (args !== "") {
    ctx.out.error(`error: unsupported option (the lab's ps knows: ps, ps -ef, ps aux)`);
    return 1;
  }
  ctx.out.line("    PID TTY          TIME CMD");
  ctx.out.line(`${String(self - 1).padStart(7)} pts/0    00:00:00 bash`);
  ctx.out.line(`${String(self).padStart(7)} pts/0    00:00:00 ps`);
  return 0;
}

const ps: Handler = (ctx) => (ctx.frame.container ? containerPs(ctx) : hostPs(ctx));

export const commands: Command[] = [{ name: "ps", where: ["host", "busybox"], run: ps }];
