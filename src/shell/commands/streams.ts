/**
 * `seq` and `yes`: the tools that print as much as they are asked, or without end. A short run
 * prints at once; a long one is a live process (as `ping` is) that prints a bounded batch each
 * virtual moment, so a tab never freezes and Ctrl+C stops it, whatever the numbers say. `yes`
 * into a pipe stops after a pipe's buffer (64 KiB), as it does when the reader (`head`) has gone;
 * `seq` stops the same way once it has written 16 MiB into a pipe or a file (the lab's bound, so
 * that no line fills the page's memory: `seq 1000000 | tail -n 1` is well within it).
 * GNU coreutils 9.1's words on the host and in Debian images, busybox 1.35's in busybox.
 */
import { advanceClock } from "../../engine/world";
import { goLive, ToolExit } from "../command";
import type { Command, Ctx, Handler, ProcessKind } from "../types";
import { busyboxBadOption, busyboxUsage } from "./busybox";
import { cPrintf } from "./c-printf";
import { Getopt, type Problem, problemText } from "./getopt";

/** Lines printed at once, and in each virtual second of a live run: to the terminal, and into a pipe or file. */
const BATCH = 20_000;
const PIPE_BATCH = 1_000_000;
/** What a pipe holds before its writer blocks: all `yes` writes once its reader has stopped reading. */
const PIPE_BUFFER = 65_536;
/** The most `seq` writes into a pipe or a file before it ends as if its reader had gone. */
const PIPE_LIMIT = 16 * 1024 * 1024;
/** The status of a writer whose reader has gone (SIGPIPE). */
const SIGPIPE_STATUS = 141;

interface SeqState {
  tool: "seq";
  first: number;
  step: number;
  count: number;
  next: number;
  format: string;
  separator: string;
  /** Characters written so far into a pipe or a file. */
  piped?: number;
}

interface YesState {
  tool: "yes";
  text: string;
}

type StreamState = SeqState | YesState;

function seqNumber(s: SeqState, k: number): string {
  const n = s.first + k * s.step;
  // The usual case, whole numbers unpadded, without the formatter.
  return s.format === "%.0f" && Number.isSafeInteger(n) ? String(n) : cPrintf(s.format, [n]);
}

/** What the lab says when it stops a seq at its bound, in the words of the terminal's own cap. */
const CUT = "[Docker Network Lab: seq's output into a pipe or a file passed 16 MiB; it stopped there]";

/** The next batch: what it prints (and says on stderr), and its exit status once it has ended. */
function batch(s: StreamState, terminal: boolean): { text: string; notice?: string; exit?: number } {
  if (s.tool === "yes") return { text: `${s.text}\n`.repeat(Math.ceil(BATCH / 4)) };
  const end = Math.min(s.count, s.next + (terminal ? BATCH : PIPE_BATCH));
  const parts: string[] = [];
  for (let k = s.next; k < end; k++) parts.push(seqNumber(s, k));
  const first = s.next === 0;
  s.next = end;
  const done = end >= s.count;
  if (parts.length === 0) return done ? { text: "", exit: 0 } : { text: "" };
  const text = (first ? "" : s.separator) + parts.join(s.separator) + (done ? "\n" : "");
  if (done) return { text, exit: 0 };
  if (terminal) return { text };
  s.piped = (s.piped ?? 0) + text.length;
  return s.piped < PIPE_LIMIT ? { text } : { text: `${text}\n`, notice: CUT, exit: SIGPIPE_STATUS };
}

const streamProcess: ProcessKind<StreamState> = {
  name: "stream",
  resume(ctx, s, until) {
    const { text, notice, exit } = batch(s, ctx.out.reachesTerminal());
    ctx.out.write(text);
    if (notice) ctx.out.error(notice);
    if (exit !== undefined) return exit;
    advanceClock(ctx.world, until);
    return undefined;
  },
  interrupt() {
    return 130;
  },
};

/** Prints the first batch; goes live if there is more. */
function stream(ctx: Ctx, s: StreamState): number {
  if (s.tool === "yes" && !ctx.out.reachesTerminal()) {
    ctx.out.write(`${s.text}\n`.repeat(Math.ceil(PIPE_BUFFER / (s.text.length + 1))));
    return 0;
  }
  const { text, notice, exit } = batch(s, ctx.out.reachesTerminal());
  ctx.out.write(text);
  if (notice) ctx.out.error(notice);
  if (exit !== undefined) return exit;
  goLive(ctx, streamProcess, s);
  return 0;
}

/** The digits after the point of a number as typed (seq's precision). */
function decimals(text: string): number {
  const m = /\.(\d*)/.exec(text);
  return m ? (m[1]?.length ?? 0) : 0;
}

const seq: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const bad = busybox
    ? busyboxBadOption("seq")
    : (p: Problem) => new ToolExit(1, `${problemText("seq", p)}\nTry 'seq --help' for more information.\n`);
  // To GNU a negative number is an operand, not an option (busybox reads it as one).
  const args = ctx.argv.slice(1);
  const negative = args.findIndex((a) => /^-\.?\d/.test(a));
  if (!busybox && negative >= 0 && !args.slice(0, negative).includes("--")) args.splice(negative, 0, "--");
  const parsed = new Getopt(
    args,
    busybox ? "+ws:" : "+f:s:w",
    bad,
    busybox
      ? undefined
      : [
          { name: "format", key: "f", value: "required" },
          { name: "separator", key: "s", value: "required" },
          { name: "equal-width", key: "w" },
        ],
  );
  let separator = "\n";
  let equal = false;
  let format: string | undefined;
  for (const { key, value = "" } of parsed) {
    if (key === "s") separator = value;
    else if (key === "w") equal = true;
    else if (key === "f") format = value;
  }
  const operands = parsed.operands;
  if (operands.length === 0 || operands.length > 3) {
    if (busybox) throw busyboxUsage("seq");
    throw new ToolExit(
      1,
      operands.length === 0
        ? "seq: missing operand\nTry 'seq --help' for more information.\n"
        : `seq: extra operand '${operands[3]}'\nTry 'seq --help' for more information.\n`,
    );
  }
  const values: number[] = [];
  for (const text of operands) {
    const n = Number(text);
    if (text.trim() === "" || !Number.isFinite(n) || /^0x/i.test(text)) {
      if (busybox) throw busyboxUsage("seq");
      throw new ToolExit(
        1,
        `seq: invalid floating point argument: ‘${text}’\nTry 'seq --help' for more information.\n`,
      );
    }
    values.push(n);
  }
  const [first, step, last] =
    values.length === 1
      ? [1, 1, values[0] ?? 1]
      : values.length === 2
        ? [values[0] ?? 1, 1, values[1] ?? 1]
        : (values as [number, number, number]);
  if (step === 0 && !busybox)
    throw new ToolExit(
      1,
      `seq: invalid Zero increment value: ‘${operands[1]}’\nTry 'seq --help' for more information.\n`,
    );
  // As many decimals as the first number and the step have.
  const precision = Math.max(0, ...operands.slice(0, operands.length === 3 ? 2 : 1).map(decimals));
  const widest = equal ? Math.max(...[first, last].map((n) => n.toFixed(precision).length)) : 0;
  // busybox counts on forever with a zero step (a count the lab never reaches, and JSON can save).
  const count =
    step === 0 ? Number.MAX_SAFE_INTEGER : Math.max(0, Math.floor((last - first) / step + 1e-10) + 1);
  return stream(ctx, {
    tool: "seq",
    first,
    step,
    count,
    next: 0,
    format: format ?? (equal ? `%0${widest}.${precision}f` : `%.${precision}f`),
    separator,
  });
};

const yes: Handler = (ctx) => {
  const words = ctx.argv.slice(1);
  return stream(ctx, { tool: "yes", text: words.length ? words.join(" ") : "y" });
};

export const commands: Command[] = [
  {
    name: "seq",
    where: ["host", "busybox", "debian"],
    processes: [streamProcess as ProcessKind<unknown>],
    run: seq,
  },
  {
    name: "yes",
    where: ["host", "busybox", "debian"],
    processes: [streamProcess as ProcessKind<unknown>],
    run: yes,
  },
];
