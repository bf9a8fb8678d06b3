/**
 * What a machine has used of its time and memory: `uptime`, `free` and `top -b`, busybox 1.35's in a
 * container and procps-ng 4's on a host (scenario 40). A container shares its host's kernel, so it
 * sees the host's clock, boot and memory. The lab models neither load nor memory use: the machine
 * is idle (load 0.00) and its memory is the instrument's (`docker info`'s 23.54GiB) with a fixed
 * use; the replay compares these figures as the per-run values they are.
 */
import { advanceClock } from "../../engine/world";
import { ToolExit } from "../command";
import type { Command, Ctx, Handler } from "../types";
import { busyboxBadOption, busyboxUsage } from "./busybox";
import { getopt } from "./getopt";
import { visibleProcesses } from "./kill";
import { strftime } from "./system-info";
import { NOT_SIMULATED } from "./unsimulated";

/** /proc/meminfo of every lab machine, in kB: the instrument's total, an idle system's use. */
const MEMINFO = {
  total: 24683748,
  free: 23437224,
  buffers: 7732,
  cached: 899508,
  reclaimable: 129964,
  shared: 10152,
  available: 24177700,
};

/** The machine's time up, in whole minutes. */
function minutesUp(ctx: Ctx): number {
  const booted = ctx.world.machines[ctx.frame.machine]?.bootedAt ?? ctx.world.clock;
  return Math.floor((ctx.world.clock - booted) / 60_000);
}

/** `up 2 days,  3:04` or `up 5 min`, as both print it: days, then hours:minutes or minutes alone. */
function upTime(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor(minutes / 60) % 24;
  const mins = minutes % 60;
  const dayText = days > 0 ? `${days} day${days === 1 ? "" : "s"}, ` : "";
  return `${dayText}${hours > 0 ? `${String(hours).padStart(2)}:${String(mins).padStart(2, "0")}` : `${mins} min`}`;
}

const uptime: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const args = ctx.argv.slice(1);
  if (busybox) {
    const parsed = getopt(args, "s", busyboxBadOption("uptime"));
    if (parsed.flags.has("s")) {
      ctx.out.line(strftime("%F %T", ctx.world.clock - minutesUp(ctx) * 60_000));
      return 0;
    }
    // busybox counts no users: a container has no utmp.
    ctx.out.line(
      ` ${strftime("%T", ctx.world.clock)} up ${upTime(minutesUp(ctx))},  0 users,  load average: 0.00, 0.00, 0.00`,
    );
    return 0;
  }
  if (args.length > 0) throw new ToolExit(1, `uptime: ${args.join(" ")}: this option ${NOT_SIMULATED}\n`);
  ctx.out.line(
    ` ${strftime("%T", ctx.world.clock)} up ${upTime(minutesUp(ctx))},  0 user,  load average: 0.00, 0.00, 0.00`,
  );
  return 0;
};

/** busybox's make_human_readable_str: one decimal and K, M, G … ; an integer count of `unit`; 0 as such. */
function busyboxScale(kb: number, unit: number): string {
  if (kb === 0) return "0";
  let value = kb * 1024;
  if (unit > 0) return String(Math.floor((value + unit / 2) / unit));
  const units = ["", "K", "M", "G", "T", "P"];
  let u = 0;
  let frac = 0;
  while (value >= 1024 && u < units.length - 1) {
    frac = Math.floor(((value % 1024) * 10 + 512) / 1024);
    value = Math.floor(value / 1024);
    u++;
  }
  if (frac >= 10) {
    value++;
    frac = 0;
  }
  return u === 0 ? String(value) : `${value}.${frac}${units[u]}`;
}

/** procps' human sizes: one decimal while it fits four characters, else whole units, with `i`. */
function procpsScale(kb: number): string {
  if (kb === 0) return "0B";
  const units = ["K", "M", "G", "T", "P"];
  for (let i = 0; i < units.length; i++) {
    const value = kb / 1024 ** i;
    const decimal = `${value.toFixed(1)}${units[i]}`;
    if (decimal.length <= 4) return `${decimal}i`;
    const whole = `${Math.floor(value)}${units[i]}`;
    if (whole.length <= 4) return `${whole}i`;
  }
  return `${kb}K`;
}

const BUSYBOX_FREE_UNITS: Record<string, number> = {
  "-b": 1,
  "-k": 1024,
  "-m": 1 << 20,
  "-g": 1 << 30,
  "-h": 0,
};

/** busybox free: buff/cache is buffers, page cache and reclaimable slab; used is what is left. */
function busyboxFree(ctx: Ctx): number {
  const flag = ctx.argv[1];
  let unit = 1024;
  if (flag?.startsWith("-")) {
    const chosen = BUSYBOX_FREE_UNITS[flag.slice(0, 2)];
    if (chosen === undefined) throw busyboxUsage("free");
    unit = chosen;
  }
  const m = MEMINFO;
  const cache = m.buffers + m.cached + m.reclaimable;
  const cols = (values: number[]) => values.map((v) => busyboxScale(v, unit).padStart(12)).join("");
  ctx.out.line(
    `       ${["total", "used", "free", "shared", "buff/cache", "available"].map((h) => h.padStart(12)).join("")}`,
  );
  ctx.out.line(`Mem:   ${cols([m.total, m.total - cache - m.free, m.free, m.shared, cache, m.available])}`);
  ctx.out.line(`Swap:  ${cols([0, 0, 0])}`);
  return 0;
}

/** procps-ng free: used is what is not available; -k (the default), -m, -g, -h. */
function procpsFree(ctx: Ctx): number {
  const flags = ctx.argv.slice(1);
  const known: Record<string, number> = {
    "-k": 1,
    "--kibi": 1,
    "-m": 1024,
    "--mebi": 1024,
    "-g": 1024 ** 2,
    "--gibi": 1024 ** 2,
  };
  const human = flags.includes("-h") || flags.includes("--human");
  const other = flags.find((f) => !(f in known) && f !== "-h" && f !== "--human");
  if (other !== undefined) throw new ToolExit(1, `free: ${other}: this option ${NOT_SIMULATED}\n`);
  const divisor = flags.map((f) => known[f]).find((d) => d !== undefined) ?? 1;
  const m = MEMINFO;
  const cache = m.buffers + m.cached + m.reclaimable;
  const show = (kb: number) => (human ? procpsScale(kb) : String(Math.floor(kb / divisor)));
  const row = (label: string, values: number[]) =>
    `${label.padEnd(9)}${values.map((v, i) => (i === 0 ? show(v).padStart(11) : ` ${show(v).padStart(11)}`)).join("")}`;
  ctx.out.line(
    `${"".padEnd(9)}${["total", "used", "free", "shared", "buff/cache", "available"].map((h, i) => (i === 0 ? h.padStart(11) : ` ${h.padStart(11)}`)).join("")}`,
  );
  ctx.out.line(row("Mem:", [m.total, m.total - m.available, m.free, m.shared, cache, m.available]));
  ctx.out.line(row("Swap:", [0, 0, 0]));
  return 0;
}

const free: Handler = (ctx) => (ctx.place.flavor === "busybox" ? busyboxFree(ctx) : procpsFree(ctx));

/** The size busybox-static's processes have, in kB: every applet is the same program. */
const BUSYBOX_VSZ = 2268;

/** busybox `top -b`: one screen of the container's processes (batch mode; -n counts screens, -d their spacing). */
const top: Handler = (ctx) => {
  if (ctx.place.flavor !== "busybox") throw new ToolExit(1, `top: procps' top ${NOT_SIMULATED}\n`);
  const parsed = getopt(ctx.argv.slice(1), "bHn:d:m", busyboxBadOption("top"));
  if (!parsed.flags.has("b"))
    throw new ToolExit(1, `top: an interactive top ${NOT_SIMULATED} (try top -b -n 1)\n`);
  const screens = Number(parsed.values.get("n") ?? "1");
  const delay = Number(parsed.values.get("d") ?? "5") * 1000;
  const procs = visibleProcesses(ctx);
  const self = (procs.length ? Math.max(...procs.map((p) => p.pid)) : 0) + 1;
  const m = MEMINFO;
  for (let screen = 0; screen < Math.max(1, screens); screen++) {
    if (screen > 0) advanceClock(ctx.world, ctx.world.clock + delay);
    ctx.out.line(
      `Mem: ${m.total - m.free}K used, ${m.free}K free, ${m.shared}K shrd, ${m.buffers}K buff, ${m.cached}K cached`,
    );
    ctx.out.line("CPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq");
    ctx.out.line(`Load average: 0.00 0.00 0.00 1/${procs.length + 1} ${self}`);
    ctx.out.line("  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND");
    const row = (pid: number, stat: string, command: string) =>
      `${String(pid).padStart(5)}     0 root     ${stat}     ${BUSYBOX_VSZ}   0%   0% ${command}`;
    for (const p of procs) ctx.out.line(row(p.pid, "S", p.proc.command));
    ctx.out.line(row(self, "R", ctx.argv.join(" ")));
    ctx.out.line();
  }
  return 0;
};

export const commands: Command[] = [
  { name: "uptime", where: ["host", "busybox", "debian"], run: uptime },
  { name: "free", where: ["host", "busybox", "debian"], run: free },
  { name: "top", where: ["host", "busybox", "debian"], run: top },
];
