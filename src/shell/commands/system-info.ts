/**
 * What a program asks of the system it runs on: who it runs as (id), the kernel (uname), the CPUs
 * (nproc), the host ID, the clock (date), the kernel's log (dmesg, refused to a container as its
 * missing capability makes the kernel refuse it). busybox 1.35's words in busybox, GNU coreutils
 * 9.1's on the host and in Debian images (30-busybox-applets).
 */
import { named, ROOT } from "../../engine/docker/users";
import { ToolExit } from "../command";
import { readFile } from "../files";
import { containerOf } from "../place";
import type { Command, Ctx, Handler } from "../types";
import { sleepFor } from "./builtins";
import { busyboxUsage, xatouRange } from "./busybox";
import { typedAtPrompt } from "./net/common";

/** The lab host's kernel: the instrument's (`docker info`'s Kernel Version). */
export const KERNEL_RELEASE = "6.18.44-fc-v595";
const KERNEL_VERSION = "#1 SMP PREEMPT_DYNAMIC @0";
/** The CPUs every lab machine has (the instrument's two). */
const CPUS = 2;

/** `id`: the process's user and groups, named from the place's /etc/passwd and /etc/group. */
const id: Handler = (ctx) => {
  const user = ctx.frame.user ?? ROOT;
  const passwd = readFile(ctx.world, ctx.frame, "/etc/passwd") ?? "root:x:0:0:";
  const group = readFile(ctx.world, ctx.frame, "/etc/group") ?? "root:x:0:";
  const groups = user.groups.map((g) => named(g, group)).join(",");
  ctx.out.line(`uid=${named(user.uid, passwd)} gid=${named(user.gid, group)} groups=${groups}`);
  return 0;
};

const UNAME_FIELDS = "snrvmpio";

/** The machine the kernel reports: 32-bit under `linux32`. */
function machineName(ctx: Ctx): string {
  return ctx.frame.linux32 ? "i686" : "x86_64";
}

const arch: Handler = (ctx) => {
  ctx.out.line(machineName(ctx));
  return 0;
};

/**
 * `linux32`/`linux64 [PROG ARGS]`: the program (a shell when none, which at a prompt is a nested
 * one and with no input ends at once) runs with the kernel's personality set.
 */
const personality: Handler = (ctx) => {
  const [name, ...argv] = ctx.argv;
  const frame = { ...ctx.frame, linux32: name === "linux32" };
  if (argv.length === 0) {
    if (!typedAtPrompt(ctx)) return 0;
    ctx.effects.push = { ...frame, env: { ...ctx.frame.env }, main: false };
    return 0;
  }
  return ctx.exec(argv, frame);
};

/** `usleep N`: N microseconds, as sleep waits. */
const usleep: Handler = (ctx) => {
  const arg = ctx.argv[1];
  if (arg === undefined) throw busyboxUsage("usleep");
  const us = xatouRange("usleep", arg, 0, 4294967295);
  if (typeof us === "string") throw new ToolExit(1, `${us}\n`);
  sleepFor(ctx, us / 1000);
  return 0;
};

/** The users an image's /etc/passwd has that the lab knows the groups of: root alone. */
const groups: Handler = (ctx) => {
  const user = ctx.argv[1] ?? "root";
  if (user !== "root") throw new ToolExit(1, `groups: unknown user ${user}\n`);
  ctx.out.line("root");
  return 0;
};

/** getlogin() reads the terminal's utmp entry, and a container has none. */
const logname: Handler = () => {
  throw new ToolExit(1, "logname: getlogin: No such device or address\n");
};

/** `uname [-asnrvmpio]`: the fields asked for in the kernel's order (-a all but the unknown -p/-i). */
const uname: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const wanted = new Set<string>();
  for (const arg of ctx.argv.slice(1)) {
    const bad = !/^-[a-z]+$/.test(arg) ? arg : [...arg.slice(1)].find((c) => !`a${UNAME_FIELDS}`.includes(c));
    if (bad !== undefined) {
      const text = bad === arg ? `extra operand '${arg}'` : `invalid option -- '${bad}'`;
      throw new ToolExit(
        1,
        busybox ? `uname: ${text}\n` : `uname: ${text}\nTry 'uname --help' for more information.\n`,
      );
    }
    for (const c of arg.slice(1)) wanted.add(c);
  }
  const c = containerOf(ctx.world, ctx.frame);
  const hostname = c
    ? c.config.hostname
    : (ctx.world.machines[ctx.place.machine]?.hostname ?? ctx.place.machine);
  const all = wanted.has("a");
  const values: Record<string, string> = {
    s: "Linux",
    n: hostname,
    r: KERNEL_RELEASE,
    v: KERNEL_VERSION,
    m: machineName(ctx),
    p: "unknown",
    i: "unknown",
    o: "GNU/Linux",
  };
  const shown = [...UNAME_FIELDS].filter((f) =>
    all ? !"pi".includes(f) : wanted.has(f) || (wanted.size === 0 && f === "s"),
  );
  ctx.out.line(shown.map((f) => values[f]).join(" "));
  return 0;
};

const nproc: Handler = (ctx) => {
  ctx.out.line(String(CPUS));
  return 0;
};

/**
 * gethostid(): the address the container's hostname has (its first network's, from Docker's
 * /etc/hosts) with its 16-bit halves swapped, in hex; 0 without one.
 */
const hostid: Handler = (ctx) => {
  const c = containerOf(ctx.world, ctx.frame);
  const address = c?.endpoints.find((e) => e.ip)?.ip ?? "0.0.0.0";
  const [a = 0, b = 0, d3 = 0, d4 = 0] = address.split(".").map(Number);
  const hex = (n: number) => n.toString(16).padStart(2, "0");
  ctx.out.line(hex(b) + hex(a) + hex(d4) + hex(d3));
  return 0;
};

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** strftime over the lab's clock, in UTC (every lab machine's zone). */
export function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  const day = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const codes: Record<string, string> = {
    Y: String(d.getUTCFullYear()),
    m: two(d.getUTCMonth() + 1),
    d: two(d.getUTCDate()),
    e: String(d.getUTCDate()).padStart(2),
    H: two(d.getUTCHours()),
    M: two(d.getUTCMinutes()),
    S: two(d.getUTCSeconds()),
    s: String(Math.floor(ms / 1000)),
    a: DAYS[d.getUTCDay()] ?? "",
    b: MONTHS[d.getUTCMonth()] ?? "",
    Z: "UTC",
    z: "+0000",
    T: time,
    F: day,
    n: "\n",
    t: "\t",
    "%": "%",
  };
  return format.replace(/%(.)/g, (all, c: string) => codes[c] ?? all);
}

/** `date [+FORMAT]`: the lab's clock; setting it is the one thing refused (no CAP_SYS_TIME in a container). */
const date: Handler = (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => a !== "-u");
  const format = args.find((a) => a.startsWith("+"));
  const other = args.find((a) => !a.startsWith("+"));
  if (other !== undefined) {
    const busybox = ctx.place.flavor === "busybox";
    throw new ToolExit(1, busybox ? `date: invalid date '${other}'\n` : `date: invalid date ‘${other}’\n`);
  }
  ctx.out.line(strftime(format ? format.slice(1) : "%a %b %e %H:%M:%S %Z %Y", ctx.world.clock));
  return 0;
};

/** The kernel's ring buffer: a container lacks CAP_SYSLOG, so busybox's klogctl is refused. */
const dmesg: Handler = (ctx) => {
  if (ctx.place.kind === "container") throw new ToolExit(1, "dmesg: klogctl: Operation not permitted\n");
  return 0;
};

/** `sync`: the lab's files are always on "disk". */
const sync: Handler = () => 0;

export const commands: Command[] = [
  { name: "sync", where: ["host", "busybox", "debian"], run: sync },
  { name: "id", where: ["host", "busybox", "debian"], run: id },
  { name: "uname", where: ["host", "busybox", "debian"], run: uname },
  { name: "nproc", where: ["host", "busybox", "debian"], run: nproc },
  { name: "hostid", where: ["busybox"], run: hostid },
  { name: "date", where: ["host", "busybox", "debian"], run: date },
  { name: "dmesg", where: ["busybox"], run: dmesg },
  { name: "arch", where: ["busybox"], run: arch },
  { name: "linux32", where: ["busybox"], run: personality },
  { name: "linux64", where: ["busybox"], run: personality },
  { name: "usleep", where: ["busybox"], run: usleep },
  { name: "groups", where: ["busybox"], run: groups },
  { name: "logname", where: ["busybox"], run: logname },
];
