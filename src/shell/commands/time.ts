/**
 * `time COMMAND`: bash's keyword on the host and in Debian images, busybox's applet in busybox. The
 * command runs, then the report goes to stderr: the real time it took in the lab's virtual time,
 * and no user or system time (the lab models no CPU). A command that keeps running (`time sleep 2`,
 * `time ping -c 3 x`) is followed until it ends, or until Ctrl+C, as bash does.
 */
import { goLive } from "../command";
import type { Command, Ctx, Handler, LiveProcess, ProcessKind } from "../types";

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

/** The timed process's kind, and a context in its frame. */
function inner(ctx: Ctx, s: TimeState): { kind: ProcessKind<unknown>; at: Ctx } {
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

export const commands: Command[] = [
  { name: "time", where: "builtin", processes: [timeProcess as ProcessKind<unknown>], run: time },
];
