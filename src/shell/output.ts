/**
 * Where a command writes: stdout and stderr chunks stamped with the virtual clock, and the packet
 * traces it caused. A pipe gives the left command an Output whose stdout is captured as text.
 */
import type { Trace } from "../engine/packet/types";
import type { World } from "../engine/world";
import type { Chunk } from "./types";

/** The most a command prints to the terminal (characters); what it would print beyond is dropped, with a notice. */
export const OUTPUT_LIMIT = 1 << 20;
export const CAPPED = "[Docker Network Lab: this command's output passed 1 MiB; the rest is not shown]";

export class Output {
  readonly chunks: Chunk[] = [];
  /** Characters pushed to the terminal so far. */
  private shown = 0;
  readonly traces: Trace[] = [];
  /** Where stdout goes instead of the terminal, for pipes, `$(...)` and redirections. */
  captured: string | undefined;
  /** Where stderr goes: the terminal, stdout (2>&1), or nowhere (2>/dev/null). */
  errTo: "terminal" | "stdout" | "null" = "terminal";
  /** Sees everything written through this Output (a container's log records its main process). */
  private tap: ((stream: "out" | "err", text: string) => void) | undefined;
  /** Stdout is a pipe to a client that shows it (isatty is false), not the terminal itself. */
  private throughPipe = false;

  constructor(
    readonly world: World,
    private readonly parent?: Output,
  ) {}

  /** Writes text to stdout as is (callers add the newlines). */
  write(text: string): void {
    if (text === "") return;
    this.tap?.("out", text);
    if (this.captured !== undefined) this.captured += text;
    else if (this.parent) this.parent.write(text);
    else this.push("out", text);
  }

  /** Writes text to stderr as is. */
  writeErr(text: string): void {
    if (text === "") return;
    if (this.errTo === "null") return;
    if (this.errTo === "stdout") {
      this.write(text);
      return;
    }
    this.tap?.("err", text);
    if (this.parent) this.parent.writeErr(text);
    else this.push("err", text);
  }

  /** One line of stdout. */
  line(text = ""): void {
    this.write(`${text}\n`);
  }

  /** One line of stderr. */
  error(text: string): void {
    this.writeErr(`${text}\n`);
  }

  trace(trace: Trace): void {
    if (this.parent) this.parent.trace(trace);
    else this.traces.push(trace);
  }

  private push(stream: "out" | "err", written: string): void {
    // A terminal would scroll it all past; the page keeps the first mebibyte of a command's output.
    if (this.shown > OUTPUT_LIMIT) return;
    const room = OUTPUT_LIMIT - this.shown;
    this.shown += written.length;
    const text = this.shown > OUTPUT_LIMIT ? `${written.slice(0, room)}\n${CAPPED}\n` : written;
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.stream === stream && last.t === this.world.clock) last.text += text;
    else this.chunks.push({ t: this.world.clock, stream, text });
  }

  /** Whether stdout reaches the terminal rather than a pipe, `$(...)` or a file: isatty(1), as `ls` asks. */
  reachesTerminal(): boolean {
    if (this.captured !== undefined || this.throughPipe) return false;
    return this.parent ? this.parent.reachesTerminal() : true;
  }

  /** A child that shows everything but is no terminal to the process (`docker exec` without -t). */
  piped(): Output {
    const child = new Output(this.world, this);
    child.throughPipe = true;
    return child;
  }

  /** A child that passes everything on and also shows it to `tap`. */
  tee(tap: (stream: "out" | "err", text: string) => void): Output {
    const child = new Output(this.world, this);
    child.tap = tap;
    return child;
  }

  /** A child for a process no terminal shows: stdout and stderr go nowhere, its traces still count. */
  discard(): Output {
    const child = this.capture();
    child.errTo = "null";
    return child;
  }

  /** A child whose stdout is collected instead of printed; stderr still reaches the terminal. */
  capture(): Output {
    const child = new Output(this.world, this);
    child.captured = "";
    return child;
  }
}
