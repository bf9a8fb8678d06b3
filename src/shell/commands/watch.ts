/**
 * `watch`: runs a command every N seconds and shows its latest output, until Ctrl+C. On the host
 * it is procps-ng 4.0.2's, a full-screen program: it takes the terminal's alternate screen, draws
 * a title line ("Every 2.0s: CMD" and, at the right, "HOST: DATE") and the output under it, and
 * gives the screen back on exit. busybox's (in busybox containers) redraws in place with its own
 * title. Each run is a real run of the command (`sh -c CMD`), so `watch docker ps` follows the
 * daemon as time passes. Words and escapes recorded from both tools in a terminal (script(1));
 * the key that ends -e's wait is Ctrl+C here, the one key the lab hands a running program.
 */
import { advanceClock } from "../../engine/world";
import { goLive, ToolExit } from "../command";
import type { Command, Ctx, Handler, ProcessKind } from "../types";
import { busyboxBadOption, busyboxUsage } from "./busybox";
import { Getopt, type Problem, problemText } from "./getopt";

const ALT_SCREEN = "\x1b[?1049h";
const MAIN_SCREEN = "\x1b[?1049l";
const HOME_AND_CLEAR = "\x1b[H\x1b[2J";
const HOME_AND_CLEAR_BELOW = "\x1b[H\x1b[J";
const STANDOUT = "\x1b[7m";
const STANDOUT_OFF = "\x1b[27m";

interface WatchState {
  style: "procps" | "busybox";
  command: string;
  intervalMs: number;
  title: boolean;
  /** -d: changed characters in reverse video; -g: exit once the output changes; -e: exit on an error. */
  differences: boolean;
  exitOnChange: boolean;
  exitOnError: boolean;
  /** -b: ring the bell when the command fails. */
  beep: boolean;
  next: number;
  last?: string;
  /** -e: the command failed with this status; watch waits for a key (Ctrl+C here) and exits with it. */
  failed?: number;
}

const PROCPS_USAGE = `
Usage:
 watch [options] command

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -g, --chgexit          exit when output from command changes
  -q, --equexit <cycles>
                         exit when output from command does not change
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          attempt run command in precise intervals
  -t, --no-title         turn off header
  -w, --no-wrap          turn off line wrapping
  -x, --exec             pass command to exec instead of "sh -c"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

For more details see watch(1).
`;

const LONG = [
  { name: "beep", key: "b" },
  { name: "color", key: "c" },
  { name: "differences", key: "d", value: "optional" as const },
  { name: "errexit", key: "e" },
  { name: "chgexit", key: "g" },
  { name: "equexit", key: "q", value: "required" as const },
  { name: "interval", key: "n", value: "required" as const },
  { name: "precise", key: "p" },
  { name: "no-title", key: "t" },
  { name: "no-wrap", key: "w" },
  { name: "exec", key: "x" },
  { name: "help", key: "h" },
  { name: "version", key: "v" },
];

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

/** ctime(3): "Mon Dec  7 18:35:49 2026". */
function ctime(t: number): string {
  const d = new Date(t);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${time} ${d.getUTCFullYear()}`;
}

/** busybox's strftime("%Y-%m-%d %H:%M:%S"). */
function isoTime(t: number): string {
  return new Date(t).toISOString().slice(0, 19).replace("T", " ");
}

/** The terminal's width as the shell knows it (COLUMNS), 80 otherwise. */
function columns(ctx: Ctx): number {
  const n = Number(ctx.frame.env.COLUMNS);
  return Number.isInteger(n) && n > 20 ? n : 80;
}

function title(ctx: Ctx, s: WatchState): string {
  const every = `Every ${(s.intervalMs / 1000).toFixed(1)}s: ${s.command}`;
  const width = columns(ctx);
  if (s.style === "busybox") {
    const date = isoTime(ctx.world.clock);
    return `${every.slice(0, width - 1 - date.length - 1).padEnd(width - 1 - date.length)}${date}`;
  }
  const right = `${ctx.world.machines[ctx.frame.machine]?.hostname ?? ctx.frame.machine}: ${ctime(ctx.world.clock)}`;
  return `${every.slice(0, width - right.length - 1).padEnd(width - right.length)}${right}`;
}

/** -d: the characters that differ from the last run's, in reverse video. */
function highlighted(now: string, before: string | undefined): string {
  if (before === undefined) return now;
  let out = "";
  for (let i = 0; i < now.length; i++) {
    const c = now[i] ?? "";
    out += c !== "\n" && c !== before[i] ? `${STANDOUT}${c}${STANDOUT_OFF}` : c;
  }
  return out;
}

/** One round: runs the command as `sh -c` would and draws the screen; the exit status once watch ends. */
function round(ctx: Ctx, s: WatchState): number | undefined {
  advanceClock(ctx.world, s.next);
  const capture = ctx.out.capture();
  capture.errTo = "stdout";
  const status = ctx.runLine(s.command, ctx.frame, capture);
  // A command that would run on (an endless ping) is stopped: its output so far is what watch shows.
  ctx.effects.live = undefined;
  const output = capture.captured ?? "";
  const changed = s.last !== undefined && output !== s.last;
  const body = s.differences ? highlighted(output, s.last) : output;
  const head = s.title ? `${title(ctx, s)}\n\n` : "";
  ctx.out.write(`${s.style === "busybox" ? HOME_AND_CLEAR_BELOW : HOME_AND_CLEAR}${head}${body}`);
  if (s.beep && status !== 0) ctx.out.write("\x07");
  s.last = output;
  s.next += s.intervalMs;
  if (s.exitOnChange && changed) return 0;
  if (s.exitOnError && status !== 0) {
    ctx.out.write("\ncommand exit with a non-zero status, press a key to exit");
    s.failed = status;
  }
  return undefined;
}

function end(ctx: Ctx, s: WatchState): void {
  if (s.style === "procps") ctx.out.write(MAIN_SCREEN);
}

const watchProcess: ProcessKind<WatchState> = {
  name: "watch",
  resume(ctx, s, until) {
    while (s.failed === undefined && s.next <= until) {
      const exit = round(ctx, s);
      if (exit !== undefined) {
        end(ctx, s);
        return exit;
      }
    }
    advanceClock(ctx.world, until);
    return undefined;
  },
  interrupt(ctx, s) {
    end(ctx, s);
    if (s.failed !== undefined) return s.failed;
    return s.style === "procps" ? 0 : 130;
  },
};

/** procps's interval: a decimal number of seconds (a comma too, in some locales), at least 0.1. */
function procpsInterval(text: string): number {
  const n = Number(text.replace(",", "."));
  if (text.trim() === "" || !Number.isFinite(n))
    throw new ToolExit(1, `watch: failed to parse argument: '${text}': Invalid argument\n`);
  return Math.max(0.1, n);
}

const watch: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const bad = busybox
    ? busyboxBadOption("watch")
    : (p: Problem) => new ToolExit(1, `${problemText("watch", p)}\n${PROCPS_USAGE}`);
  const parsed = new Getopt(
    ctx.argv.slice(1),
    busybox ? "+n:t" : "+bcd::egq:n:ptwxhv",
    bad,
    busybox ? [] : LONG,
  );
  const s: WatchState = {
    style: busybox ? "busybox" : "procps",
    command: "",
    intervalMs: 2000,
    title: true,
    differences: false,
    exitOnChange: false,
    exitOnError: false,
    beep: false,
    next: ctx.world.clock,
  };
  for (const { key, value = "" } of parsed) {
    if (key === "n") {
      if (busybox && !/^\d+(\.\d+)?$/.test(value))
        throw new ToolExit(1, `watch: invalid number '${value}'\n`);
      s.intervalMs = Math.round((busybox ? Number(value) : procpsInterval(value)) * 1000);
    } else if (key === "t") s.title = false;
    else if (key === "d") s.differences = true;
    else if (key === "g") s.exitOnChange = true;
    else if (key === "e") s.exitOnError = true;
    else if (key === "b") s.beep = true;
    else if (key === "h") {
      ctx.out.write(PROCPS_USAGE);
      return 0;
    } else if (key === "v") {
      ctx.out.line("watch from procps-ng 4.0.2");
      return 0;
    }
  }
  if (parsed.operands.length === 0) throw busybox ? busyboxUsage("watch") : new ToolExit(1, PROCPS_USAGE);
  s.command = parsed.operands.join(" ");
  if (!busybox) ctx.out.write(ALT_SCREEN);
  const exit = watchProcess.resume(ctx, s, ctx.world.clock);
  if (exit !== undefined) return exit;
  goLive(ctx, watchProcess, s);
  return 0;
};

export const commands: Command[] = [
  {
    name: "watch",
    where: ["host", "busybox"],
    completion: { interspersed: false, operands: ["command"] },
    processes: [watchProcess],
    run: watch,
  },
];
