/**
 * Commands that run another and watch it. `time COMMAND`: bash's keyword on the host and in Debian
 * images, busybox's applet in busybox; the command runs, then the report goes to stderr: the real
 * time it took in the lab's virtual time, and no user or system time (the lab models no CPU). A
 * command that keeps running (`time sleep 2`, `time ping -c 3 x`) is followed until it ends, or
 * until Ctrl+C, as bash does. `timeout SECS COMMAND` stops it with SIGTERM once SECS have passed:
 * status 124 from GNU's, 143 (the signal's) from busybox's.
 */
import { advanceClock } from "../../engine/world";
import { goLive, ToolExit } from "../command";
import type { Command, Ctx, Handler, LiveProcess, ProcessKind } from "../types";
import { busyboxUsage } from "./busybox";

interface TimeState {
  start: number;
  busybox: boolean;
  inner: LiveProcess;
}

/** bash's `real\t0m0.106s` (after a blank line), or busybox's `real\t0m 0.10s`. */
function report(ctx: Ctx, start: number, busybox: boolean): void {
  const line = (name: string, ms: number) => {
    const minutes = Math.floor(ms / 60_000);
    const seconds = (ms % 60_000) / 1000;
    return busybox
      ? `${name}\t${minutes}m ${seconds.toFixed(2)}s\n`
      : `${name}\t${minutes}m${seconds.toFixed(3)}s\n`;
  };
  const real = Math.max(0, ctx.world.clock - start);
  ctx.out.writeErr(`${busybox ? "" : "\n"}${line("real", real)}${line("user", 0)}${line("sys", 0)}`);
}

/** The watched process's kind, and a context in its frame. */
function inner(ctx: Ctx, s: { inner: LiveProcess }): { kind: ProcessKind<unknown>; at: Ctx } {
  const kind = ctx.commands.process(s.inner.kind);
  if (!kind) throw new Error(`no process kind ${s.inner.kind}`);
  return { kind, at: { ...ctx, frame: s.inner.frame } };
}

const timeProcess: ProcessKind<TimeState> = {
  name: "time",
  resume(ctx, s, until) {
    const { kind, at } = inner(ctx, s);
    const exit = kind.resume(at, s.inner.state, until);
    if (exit !== undefined) report(ctx, s.start, s.busybox);
    return exit;
  },
  interrupt(ctx, s) {
    const { kind, at } = inner(ctx, s);
    const exit = kind.interrupt(at, s.inner.state);
    // The shell ends the line the terminal's ^C is on before it reports.
    ctx.out.writeErr("\n");
    report(ctx, s.start, s.busybox);
    return exit;
  },
};

const time: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const start = ctx.world.clock;
  const command = ctx.argv.slice(1);
  if (command.length === 0) {
    report(ctx, start, busybox);
    return 0;
  }
  const before = ctx.effects.live;
  const exit = ctx.exec(command, ctx.frame, ctx.out);
  const started = ctx.effects.live;
  if (started && started !== before) {
    goLive(ctx, timeProcess as ProcessKind<TimeState>, { start, busybox, inner: started });
    return exit;
  }
  report(ctx, start, busybox);
  return exit;
};

interface TimeoutState {
  deadline: number;
  busybox: boolean;
  inner: LiveProcess;
}

const timeoutProcess: ProcessKind<TimeoutState> = {
  name: "timeout",
  resume(ctx, s, until) {
    const { kind, at } = inner(ctx, s);
    const exit = kind.resume(at, s.inner.state, Math.min(until, s.deadline));
    if (exit !== undefined) return exit;
    if (until < s.deadline) return undefined;
    // SIGTERM: the command ends without a word of its own (a ping's summary is SIGINT's).
    advanceClock(ctx.world, s.deadline);
    return s.busybox ? 143 : 124;
  },
  interrupt(ctx, s) {
    const { kind, at } = inner(ctx, s);
    return kind.interrupt(at, s.inner.state);
  },
};

/** A duration as GNU's timeout reads it: a number, with s, m, h or d after it. */
function seconds(text: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * ({ "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] ?? ""] ?? 1);
}

const timeout: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const [duration, ...command] = ctx.argv.slice(1);
  if (duration === undefined || command.length === 0) {
    if (busybox) throw busyboxUsage("timeout");
    throw new ToolExit(125, "Try 'timeout --help' for more information.\n");
  }
  const secs = seconds(duration);
  if (secs === undefined)
    throw new ToolExit(
      busybox ? 1 : 125,
      busybox
        ? `timeout: invalid number '${duration}'\n`
        : `timeout: invalid time interval ‘${duration}’\nTry 'timeout --help' for more information.\n`,
    );
  const before = ctx.effects.live;
  const exit = ctx.exec(command, ctx.frame, ctx.out);
  const started = ctx.effects.live;
  // A duration of 0 lets the command run as long as it likes.
  if (started && started !== before && secs > 0)
    goLive(ctx, timeoutProcess as ProcessKind<TimeoutState>, {
      deadline: ctx.world.clock + secs * 1000,
      busybox,
      inner: started,
    });
  return exit;
};

export const commands: Command[] = [
  { name: "time", where: "builtin", processes: [timeProcess as ProcessKind<unknown>], run: time },
  {
    name: "timeout",
    where: ["host", "busybox", "debian"],
    processes: [timeoutProcess as ProcessKind<unknown>],
    run: timeout,
  },
];
