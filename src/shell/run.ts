/**
 * The one command API: `runLine(world, session, line)` runs a typed line where the session's
 * current shell is, mutating the world and the session, and returns what happened. The terminal,
 * the replay tests, and later lessons and host pages all call this and nothing else.
 */
import { mainExited, settle } from "../engine/docker/containers";
import { hostOf } from "../engine/docker/host";
import { isRunning } from "../engine/docker/lookup";
import { syncAddrconf } from "../engine/linux/addrconf";
import { settleSwarms } from "../engine/swarm/services";
import { advanceClock, type World } from "../engine/world";
import { findJob, jobLine, nextJobId, shellPid, shownPid } from "./background";
import { runCommand } from "./command";
import { COMMANDS, notFoundMessage } from "./commands";
import { readFile, readOnly, resolvePath, writeFile } from "./files";
import { Output } from "./output";
import { type ListItem, ParseError, parseLine, type SimpleCommand, type Word } from "./parse";
import { containerOf, placeOf } from "./place";
import { REDIRECTED } from "./process-kinds";
import { currentFrame } from "./session";
import type {
  Ctx,
  Execution,
  Frame,
  Job,
  JobControl,
  LiveProcess,
  ProcessKind,
  Rest,
  Session,
  ShellJob,
} from "./types";

export interface RunOptions {
  /** Wall-clock time to catch the virtual clock up to (the UI passes Date.now()). */
  now?: number;
}

/** The virtual time every command takes at least, so that "N seconds ago" moves between commands. */
const COMMAND_COST_MS = 50;

/**
 * A process whose stdout does not reach the terminal (`ping -c 100 x | tail -1`, `tcpdump > f`):
 * it runs as time passes like any other, and what it prints goes where the line sent it: a file
 * grows as it runs; a pipe's reader gets it all once the process has ended (as `tail` does). Ctrl+C
 * stops the whole line, as SIGINT to the foreground process group does.
 */
interface Redirected {
  inner: LiveProcess;
  to: { file: string } | { pipe: string; buffer: string };
  /** Where its stderr goes, as the line's redirections said. */
  errTo: Output["errTo"];
}

/** How long `$(...)` waits for a process inside it, in virtual time, before giving up on it (Ctrl+C). */
const SUBSTITUTION_PATIENCE_MS = 3_600_000;

function settleAll(world: World): void {
  for (const m of Object.values(world.machines)) if (m.docker) settle(hostOf(world, m.name));
  settleSwarms(world);
}

/** Shells inside containers that stopped meanwhile are gone, as `docker exec` sessions end with them. */
function dropDeadFrames(world: World, session: Session): void {
  while (session.frames.length > 1) {
    const frame = currentFrame(session);
    if (!frame.container) return;
    const c = containerOf(world, frame);
    if (c && isRunning(c)) return;
    session.frames.pop();
  }
}

export function runLine(world: World, session: Session, line: string, options: RunOptions = {}): Execution {
  if (options.now !== undefined) advanceClock(world, options.now);
  settleAll(world);
  dropDeadFrames(world, session);
  const trimmed = line.trim();
  if (trimmed && !line.startsWith(" ") && session.history[session.history.length - 1] !== trimmed) {
    session.history.push(trimmed);
  }
  let items: ListItem[];
  try {
    items = parseLine(line);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    if (error.incomplete)
      return {
        start: world.clock,
        end: world.clock,
        chunks: [],
        exit: 0,
        traces: [],
        incomplete: true,
        touched: [],
      };
    return envelope(world, session, (runner) => {
      runner.out.error(`${shellName(currentFrame(session))}: ${error.message}`);
      return 2;
    });
  }
  return envelope(world, session, (runner) => runner.list(items, currentFrame(session)));
}

/**
 * Resumes every background job up to `until` (before the foreground, so that what a job sends is
 * there for a capture to see); their output goes to their container's log or nowhere, their
 * traces to `out`. A job whose rest of line goes live again stays; a main process that ends stops
 * its container with its status.
 */
function runJobs(world: World, until: number, out: Output): void {
  const jobs = (world.jobs ?? []) as Job[];
  if (jobs.length === 0) return;
  world.jobs = [];
  for (const job of jobs) {
    const kept = runJob(world, job, until, out);
    if (kept) world.jobs.push(kept);
  }
}

function runJob(world: World, job: Job, until: number, out: Output): Job | undefined {
  const frame = job.process.frame;
  const c = containerOf(world, frame);
  if (!c || !isRunning(c)) return undefined;
  const session: Session = { id: "job", title: "", frames: [frame], history: [], lastExit: 0 };
  const log = (stream: "out" | "err", text: string) =>
    c.logs.push({ t: world.clock, stream: stream === "out" ? "stdout" : "stderr", text });
  const sink = job.main ? out.discard().tee(log) : out.discard();
  const effects: Ctx["effects"] = {};
  const runner = new Runner(world, session, sink, effects, new Set());
  let live = job.process;
  for (;;) {
    const exit = runner.process(live, (kind, ctx) => kind.resume(ctx, live.state, until));
    if (exit === undefined) return { ...job, process: live };
    const code = runner.finish(live, exit);
    if (!effects.live) {
      if (job.main && isRunning(c)) mainExited(hostOf(world, frame.machine), c, code);
      return undefined;
    }
    live = effects.live;
    effects.live = undefined;
  }
}

/** Runs a live process on to virtual time `until`; when it ends, the rest of its line runs. */
export function resumeLive(world: World, session: Session, live: LiveProcess, until: number): Execution {
  return envelope(
    world,
    session,
    (runner) => {
      const exit = runner.process(live, (kind, ctx) => kind.resume(ctx, live.state, until));
      return exit === undefined ? session.lastExit : runner.finish(live, exit);
    },
    live,
    until,
  );
}

/** Ctrl+C on a live process: what the tool prints when interrupted, then the rest of the line. */
export function interruptLive(world: World, session: Session, live: LiveProcess): Execution {
  return envelope(world, session, (runner) => {
    const exit =
      runner.process(live, (kind, ctx) => {
        const ended = kind.settle?.(ctx, live.state);
        if (ended !== undefined) return ended;
        // The terminal echoes ^C where the keypress falls among the output.
        ctx.out.write("^C");
        return kind.interrupt(ctx, live.state);
      }) ?? 130;
    return runner.finish(live, exit);
  });
}

/** Runs `body` with a fresh output and effects, then applies the effects to the session. */
function envelope(
  world: World,
  session: Session,
  body: (runner: Runner) => number,
  continuing?: LiveProcess,
  jobsUntil = world.clock,
): Execution {
  const out = new Output(world);
  const effects: Ctx["effects"] = {};
  const touched = new Set<string>();
  const runner = new Runner(world, session, out, effects, touched);
  const start = world.clock;
  runJobs(world, jobsUntil, out);
  runner.sessionJobs(jobsUntil);
  const exit = body(runner);
  runner.sessionJobs(world.clock);
  // IPv6 link-local addresses appear on links that got a carrier during the command.
  syncAddrconf(world);
  if (continuing && !runner.ended) effects.live = continuing;
  if (!effects.live) runner.reportJobs();
  const end = world.clock;
  if (!effects.live) advanceClock(world, start + COMMAND_COST_MS);
  session.lastExit = exit;
  if (effects.pop) session.frames.pop();
  if (effects.push) session.frames.push(effects.push);
  settleAll(world);
  return { start, end, chunks: out.chunks, exit, traces: out.traces, ...effects, touched: [...touched] };
}

/** `then` after everything `first` has to run. */
function chain(first: Rest | undefined, then: Rest): Rest {
  return first ? { ...first, after: chain(first.after, then) } : then;
}

function shellName(frame: Frame): string {
  return frame.container ? frame.shell : "-bash";
}

/** A process of the machine for a background job, numbered as the next one started there. */
function spawnJob(world: World, frame: Frame, command: string): number {
  const machine = world.machines[frame.machine];
  if (!machine) throw new Error(`no machine ${frame.machine}`);
  const c = containerOf(world, frame);
  // In a container the shell is no process the lab keeps: the job's parent is its namespace's.
  const ppid = c ? undefined : shellPid(world, frame);
  machine.nextPid += 1;
  const pid = machine.nextPid;
  const netns = placeOf(world, frame).netns;
  machine.procs[String(pid)] = {
    pid,
    netns,
    command,
    ...(c ? { container: c.id } : {}),
    ...(ppid ? { ppid } : {}),
  };
  return pid;
}

function endJobProcess(world: World, job: ShellJob, frame: Frame): void {
  delete world.machines[frame.machine]?.procs[String(job.pid)];
}

/** Signals that a process handles by its Ctrl+C path: SIGINT always; tcpdump also SIGTERM. */
function handles(kind: string, signo: number): boolean {
  return signo === 2 || (signo === 15 && kind === "tcpdump");
}

class Runner {
  /** Set when a resumed live process has finished. */
  ended = false;
  /** Jobs of shells that run a script (`sh -c 'sleep 1 & wait'`): theirs while the script runs. */
  readonly scriptJobs = new Map<Frame, ShellJob[]>();

  constructor(
    readonly world: World,
    readonly session: Session,
    readonly out: Output,
    readonly effects: Ctx["effects"],
    readonly touched: Set<string>,
  ) {}

  /** `stdin` is what the list's first command reads (awk's `print | "cmd"`); the terminal gives none. */
  list(items: ListItem[], frame: Frame, out = this.out, stdin = ""): number {
    let exit = this.session.lastExit;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!item) continue;
      if (item.next === "&") {
        this.background(item, frame, out);
        exit = 0;
        this.session.lastExit = exit;
        continue;
      }
      exit = this.pipeline(item.pipeline, frame, out, i === 0 ? stdin : "");
      this.session.lastExit = exit;
      if (this.effects.live) {
        const rest = items
          .slice(i + 1)
          .map((it) => `${it.text}${it.next ? ` ${it.next} ` : ""}`)
          .join("");
        // The rest runs where this line runs (inside a container for `sh -c 'sleep 1; echo hi'`).
        // A rest already there is an inner line's (`docker exec c sh -c 'sleep 1; echo a'; echo b`): it runs first.
        const here = frame === currentFrame(this.session) ? {} : { frame };
        const inner = this.effects.live.rest;
        if (rest) {
          const mine = { line: rest, connector: item.next ?? ";", ...here } as const;
          this.effects.live.rest = chain(inner, mine);
        }
        return exit;
      }
      if (this.effects.pop || this.effects.push) return exit;
      // Skip what a failed && or a successful || guards, as far as the connectors say.
      let connector: ListItem["next"] = item.next;
      while (
        i + 1 < items.length &&
        ((connector === "&&" && exit !== 0) || (connector === "||" && exit === 0))
      ) {
        i++;
        connector = items[i]?.next;
      }
    }
    return exit;
  }

  /** The jobs of the shell running in `frame`: an interactive shell's in the session, a script's here. */
  jobsOf(frame: Frame): { jobs: ShellJob[]; owner: number } {
    const owner = this.session.frames.indexOf(frame);
    if (owner < 0) return { jobs: this.scriptJobs.get(frame) ?? [], owner };
    return { jobs: (this.session.jobs ?? []).filter((j) => j.shell === owner), owner };
  }

  /** `cmd &`: runs the command; what it leaves running becomes a job of the shell, and the line goes on. */
  background(item: ListItem, frame: Frame, out: Output): void {
    const { jobs, owner } = this.jobsOf(frame);
    const pid = spawnJob(this.world, frame, item.text);
    const job: ShellJob = { id: nextJobId(jobs), text: item.text, pid, shell: owner };
    // An interactive bash says which job and process it started, before the job prints anything; ash says nothing.
    if (owner >= 0 && frame.shell === "bash") out.error(`[${job.id}] ${shownPid(this.world, frame, pid)}`);
    const before = this.effects.live;
    const { push, pop } = this.effects;
    // The job runs in a subshell: its `cd`, variables, `exit` and shells entered stay there.
    const exit = this.pipeline(item.pipeline, { ...frame, env: { ...frame.env } }, out);
    const live = this.effects.live !== before ? this.effects.live : undefined;
    this.effects.live = before;
    if (push) this.effects.push = push;
    else delete this.effects.push;
    if (pop) this.effects.pop = pop;
    else delete this.effects.pop;
    if (live) job.process = live;
    else {
      // Ended at once (`echo hi &`): the shell still hears of it only after its next prompt.
      job.ended = { exit };
      job.late = true;
      endJobProcess(this.world, job, frame);
    }
    if (owner < 0) {
      this.scriptJobs.set(frame, [...jobs, job]);
      return;
    }
    this.session.jobs = [...(this.session.jobs ?? []), job];
  }

  /** Runs one job on to `until`; true once it has ended (its process gone from the machine meanwhile: killed). */
  stepJob(job: ShellJob, frame: Frame, until: number, out: Output): boolean {
    const live = job.process;
    if (!live) return true;
    const c = frame.container ? containerOf(this.world, frame) : undefined;
    const alive =
      this.world.machines[frame.machine]?.procs[String(job.pid)] !== undefined &&
      (!frame.container || (c && isRunning(c)));
    const before = this.effects.live;
    let exit: number | undefined;
    if (!alive) {
      this.process(live, (kind, ctx) => kind.interrupt(ctx, live.state), out.discard());
      job.ended = { exit: 143, signal: 15 };
    } else {
      exit = this.process(live, (kind, ctx) => kind.resume(ctx, live.state, until), out);
      if (exit !== undefined) job.ended = { exit };
    }
    this.effects.live = before;
    if (!job.ended) return false;
    delete job.process;
    endJobProcess(this.world, job, frame);
    return true;
  }

  /** Runs the session's background jobs on to `until`, their output on the terminal as it comes. */
  sessionJobs(until: number): void {
    for (const job of this.session.jobs ?? []) {
      const frame = this.session.frames[job.shell] ?? job.process?.frame;
      if (frame && !job.ended) this.stepJob(job, frame, until, this.out);
    }
  }

  /**
   * Before the prompt: the jobs of the shell at the prompt that have ended are reported and
   * forgotten (but for those `kill` ended on this line: the shell hears of them a prompt later).
   * Jobs of shells that have exited go on without a terminal, in their container.
   */
  reportJobs(): void {
    const jobs = this.session.jobs;
    if (!jobs || jobs.length === 0) return;
    const at = this.session.frames.length - 1;
    const frame = currentFrame(this.session);
    const mine = jobs.filter((j) => j.shell === at);
    const kept: ShellJob[] = [];
    for (const job of jobs) {
      if (job.shell > at) {
        if (job.process && containerOf(this.world, job.process.frame))
          this.world.jobs = [...(this.world.jobs ?? []), { process: job.process }];
        continue;
      }
      if (job.shell === at && job.ended && !job.late) {
        this.out.line(jobLine(frame, job, mine, { interactive: true }));
        continue;
      }
      delete job.late;
      kept.push(job);
    }
    this.session.jobs = kept;
  }

  /** What `jobs`, `fg`, `wait` and `kill %N` do to the jobs of the shell running in `frame`. */
  jobControl(frame: Frame, out: Output): JobControl {
    return {
      list: () => this.jobsOf(frame).jobs,
      interactive: this.session.frames.indexOf(frame) >= 0,
      find: (spec) => findJob(this.jobsOf(frame).jobs, spec),
      signal: (job, signo) => this.signalJob(job, frame, signo, out),
      drain: (jobs) => this.drainJobs(jobs, frame, out),
      forget: (job) => this.forget(job, frame),
      foreground: (job) => {
        const live = job.process;
        this.forget(job, frame);
        if (!live) return;
        endJobProcess(this.world, job, frame);
        this.effects.live = live;
      },
    };
  }

  forget(job: ShellJob, frame: Frame): void {
    if (this.session.frames.indexOf(frame) >= 0)
      this.session.jobs = (this.session.jobs ?? []).filter((j) => j !== job);
    else
      this.scriptJobs.set(
        frame,
        (this.scriptJobs.get(frame) ?? []).filter((j) => j !== job),
      );
  }

  /**
   * A signal to a job: SIGINT (and SIGTERM to tcpdump) ends it as Ctrl+C would, with what it prints
   * then; another that ends a process ends it silently, as killed by that signal.
   */
  signalJob(job: ShellJob, frame: Frame, signo: number, out: Output): void {
    const live = job.process;
    if (!live || [0, 17, 18, 19, 20, 21, 22, 23, 28].includes(signo)) return;
    const shown = handles(live.kind, signo);
    const before = this.effects.live;
    const exit = this.process(
      live,
      (kind, ctx) => kind.interrupt(ctx, live.state),
      shown ? out : out.discard(),
    );
    this.effects.live = before;
    job.ended = shown ? { exit: exit ?? 0 } : { exit: 128 + signo, signal: signo };
    job.late = true;
    delete job.process;
    endJobProcess(this.world, job, frame);
  }

  /** A script's `wait`: its jobs run on, a virtual second at a time, until these have ended (an hour at most). */
  drainJobs(jobs: ShellJob[], frame: Frame, out: Output): void {
    const deadline = this.world.clock + SUBSTITUTION_PATIENCE_MS;
    while (jobs.some((j) => !j.ended) && this.world.clock < deadline) {
      const until = this.world.clock + 1000;
      for (const job of jobs) if (!job.ended) this.stepJob(job, frame, until, out);
      advanceClock(this.world, until);
    }
  }

  /** A script has returned: its jobs still running go on without it (in a container, as its jobs). */
  orphanScriptJobs(frame: Frame): void {
    for (const job of this.scriptJobs.get(frame) ?? []) {
      if (!job.process) continue;
      endJobProcess(this.world, job, frame);
      if (containerOf(this.world, frame))
        this.world.jobs = [...(this.world.jobs ?? []), { process: job.process }];
    }
    this.scriptJobs.delete(frame);
  }

  /** Calls into a live process's kind with a context for its frame; undefined while it runs on. */
  process(
    live: LiveProcess,
    step: (kind: ProcessKind<unknown>, ctx: Ctx) => number | undefined,
    out = this.out,
  ): number | undefined {
    const kind = live.kind === REDIRECTED ? this.redirectedKind() : COMMANDS.process(live.kind);
    if (!kind) throw new Error(`no process kind ${live.kind}`);
    return step(kind, this.context([`<${live.kind}>`], live.frame, out, ""));
  }

  /** The shell's own process kind: a live process whose output a redirection or a pipe takes. */
  redirectedKind(): ProcessKind<Redirected> {
    return {
      name: REDIRECTED,
      resume: (ctx, state, until) => this.resumeRedirected(state, until, ctx.out),
      interrupt: (ctx, state) => this.interruptRedirected(state, ctx.out),
    };
  }

  /** A sink for a redirected process's output this time round: stdout collected, stderr as redirected. */
  sinkFor(r: Redirected, out: Output): Output {
    const sink = out.capture();
    sink.errTo = r.errTo;
    return sink;
  }

  /** Hands what the process printed to where it goes: the end of its file, or the pipe's buffer. */
  deliver(r: Redirected, sink: Output): void {
    const text = sink.captured ?? "";
    if ("file" in r.to) {
      if (text) writeFile(this.world, r.inner.frame, r.to.file, text, true);
    } else r.to.buffer += text;
  }

  resumeRedirected(r: Redirected, until: number, out: Output): number | undefined {
    const sink = this.sinkFor(r, out);
    let exit = this.process(r.inner, (kind, ctx) => kind.resume(ctx, r.inner.state, until), sink);
    if (exit !== undefined) {
      // What the process's line had left (`sh -c 'ping -c 3 x; echo done' | tail -1`) writes there too.
      const before = this.effects.live;
      exit = this.runRest(r.inner, exit, sink);
      if (this.effects.live && this.effects.live !== before) {
        r.inner = this.effects.live;
        this.effects.live = before;
        exit = undefined;
      }
    }
    this.deliver(r, sink);
    if (exit === undefined || "file" in r.to) return exit;
    // The pipe's reader has all its input now.
    const right = parseLine(r.to.pipe)[0]?.pipeline ?? [];
    return this.pipeline(right, r.inner.frame, out, r.to.buffer);
  }

  interruptRedirected(r: Redirected, out: Output): number {
    const sink = this.sinkFor(r, out);
    const exit =
      this.process(
        r.inner,
        (kind, ctx) => kind.settle?.(ctx, r.inner.state) ?? kind.interrupt(ctx, r.inner.state),
        sink,
      ) ?? 130;
    this.deliver(r, sink);
    // The pipe's reader gets the signal too, before it has read anything.
    return "file" in r.to ? exit : 130;
  }

  /** After a command writing to `out` has started a live process, that process's stdout goes to `to`. */
  redirectLive(before: LiveProcess | undefined, out: Output, to: Redirected["to"]): boolean {
    const inner = this.effects.live;
    if (!inner || inner === before) return false;
    const state: Redirected = { inner, to, errTo: out.errTo };
    this.effects.live = { kind: REDIRECTED, state, frame: inner.frame };
    return true;
  }

  /** A live process has ended with `exit`: run what its line had left, as the connector allows. */
  finish(live: LiveProcess, exit: number): number {
    this.ended = true;
    this.session.lastExit = exit;
    return this.runRest(live, exit);
  }

  /** Runs what a process's line had left after it; if that goes live in turn, what follows waits for it. */
  runRest(live: LiveProcess, exit: number, out = this.out): number {
    const before = this.effects.live;
    let code = exit;
    for (let rest = live.rest; rest; rest = rest.after) {
      if ((rest.connector === "&&" && code !== 0) || (rest.connector === "||" && code === 0)) continue;
      code = this.list(parseLine(rest.line), rest.frame ?? currentFrame(this.session), out);
      const again = this.effects.live;
      if (again && again !== before) {
        if (rest.after) again.rest = chain(again.rest, rest.after);
        return code;
      }
    }
    return code;
  }

  pipeline(commands: SimpleCommand[], frame: Frame, out: Output, stdin = ""): number {
    let input = stdin;
    let exit = 0;
    for (const [index, command] of commands.entries()) {
      const last = index === commands.length - 1;
      const target = last ? out : out.capture();
      const before = this.effects.live;
      exit = this.simple(command, frame, input, target);
      if (last) break;
      input = target.captured ?? "";
      const right = commands
        .slice(index + 1)
        .map((c) => c.text)
        .join(" | ");
      // The left side runs on: the rest of the pipeline reads its output once it has ended.
      if (this.redirectLive(before, target, { pipe: right, buffer: input })) return 0;
    }
    return exit;
  }

  simple(command: SimpleCommand, frame: Frame, stdin: string, out: Output): number {
    const words = command.words.flatMap((w) => this.expand(w, frame));
    const assignments: [string, string][] = [];
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] ?? "")) {
      const word = words.shift() ?? "";
      const eq = word.indexOf("=");
      assignments.push([word.slice(0, eq), word.slice(eq + 1)]);
    }
    if (words.length === 0) {
      for (const [k, v] of assignments) frame.env[k] = v;
      return 0;
    }
    const target = this.redirect(command, frame, out);
    if (target.denied !== undefined) {
      // The shell cannot open the file, so the command does not run.
      out.error(
        frame.shell === "bash"
          ? `bash: ${target.denied}: Read-only file system`
          : `sh: can't create ${target.denied}: Read-only file system`,
      );
      return 1;
    }
    let input = stdin;
    if (command.input) {
      const name = this.expand(command.input, frame).join(" ");
      const path = resolvePath(frame.cwd, name);
      const text = path === "/dev/null" ? "" : readFile(this.world, frame, path);
      if (text === undefined) {
        out.error(
          frame.shell === "bash"
            ? `${frame.container ? "bash" : "-bash"}: ${name}: No such file or directory`
            : `sh: can't open ${name}: no such file`,
        );
        return 1;
      }
      input = text;
    }
    const before = this.effects.live;
    const exit = this.exec(words, frame, target.out, input);
    target.finish();
    if (target.file) this.redirectLive(before, target.out, { file: target.file });
    return exit;
  }

  /** Applies `> file`, `2>&1`, `2>/dev/null` … around one command's output. */
  redirect(
    command: SimpleCommand,
    frame: Frame,
    out: Output,
  ): { out: Output; finish: () => void; file?: string; denied?: string } {
    if (command.redirects.length === 0) return { out, finish: () => {} };
    const child = new Output(this.world, out);
    const files: { path: string; append: boolean; text: () => string }[] = [];
    for (const r of command.redirects) {
      const target = this.expand(r.target, frame).join(" ");
      if (target === "&1") child.errTo = "stdout";
      else if (target === "&2") child.captured = undefined;
      else if (target === "/dev/null") {
        if (r.fd === 2 || r.fd === "both") child.errTo = "null";
        if (r.fd === 1 || r.fd === "both") child.captured = "";
      } else {
        if (readOnly(this.world, frame, target)) return { out, finish: () => {}, denied: target };
        if (r.fd === 2) continue;
        child.captured = "";
        files.push({ path: target, append: r.append, text: () => child.captured ?? "" });
      }
    }
    const last = files[files.length - 1];
    return {
      out: child,
      finish: () => {
        for (const f of files) writeFile(this.world, frame, f.path, f.text(), f.append);
      },
      ...(last ? { file: last.path } : {}),
    };
  }

  expand(word: Word, frame: Frame): string[] {
    const fields: string[] = [];
    let current = "";
    let hasQuoted = false;
    const pushSplit = (text: string) => {
      const pieces = text.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0 && (current !== "" || hasQuoted)) {
          fields.push(current);
          current = "";
          hasQuoted = false;
        }
        current += piece;
      });
    };
    for (const part of word) {
      if (part.kind === "lit") {
        current += part.text;
        if (part.quoted) hasQuoted = true;
        continue;
      }
      const value = part.kind === "var" ? this.variable(part.name, frame) : this.substitute(part.line, frame);
      if (part.quoted) {
        current += value;
        hasQuoted = true;
      } else pushSplit(value);
    }
    if (current !== "" || hasQuoted) fields.push(current);
    return fields;
  }

  variable(name: string, frame: Frame): string {
    if (name === "?") return String(this.session.lastExit);
    if (name === "$") return "1";
    if (name === "HOSTNAME")
      return placeOf(this.world, frame).kind === "host"
        ? (this.world.machines[frame.machine]?.hostname ?? "")
        : (frame.env.HOSTNAME ?? "");
    return frame.env[name] ?? "";
  }

  substitute(line: string, frame: Frame): string {
    const capture = this.out.capture();
    const before = this.effects.live;
    try {
      this.list(parseLine(line), frame, capture);
    } catch (error) {
      if (error instanceof ParseError) capture.error(`${shellName(frame)}: ${error.message}`);
      else throw error;
    }
    // The command waits for what runs inside `$(...)`: an hour of virtual time at most, then Ctrl+C.
    const deadline = this.world.clock + SUBSTITUTION_PATIENCE_MS;
    for (let live = this.effects.live; live && live !== before; live = this.effects.live) {
      this.effects.live = before;
      const running = live;
      const exit =
        this.world.clock < deadline
          ? this.process(running, (k, ctx) => k.resume(ctx, running.state, this.world.clock + 1000), capture)
          : (this.process(running, (k, ctx) => k.interrupt(ctx, running.state), capture) ?? 130);
      if (exit === undefined) this.effects.live = running;
      else this.runRest(running, exit, capture);
    }
    return (capture.captured ?? "").replace(/\n+$/, "");
  }

  exec(argv: string[], frame: Frame, out: Output, stdin: string, viaExec = false): number {
    const [name = ""] = argv;
    const place = placeOf(this.world, frame);
    const command = COMMANDS.find(name, place);
    if (!command) {
      out.error(notFoundMessage(name, frame));
      return 127;
    }
    return runCommand(command, {
      ...this.context(argv, frame, out, stdin, place),
      ...(viaExec ? { viaExec } : {}),
    });
  }

  context(argv: string[], frame: Frame, out: Output, stdin: string, place = placeOf(this.world, frame)): Ctx {
    return {
      world: this.world,
      frame,
      place,
      session: this.session,
      argv,
      stdin,
      out,
      effects: this.effects,
      exec: (innerArgv, innerFrame, innerOut) => this.exec(innerArgv, innerFrame, innerOut ?? out, "", true),
      runLine: (innerLine, innerFrame, innerOut, innerStdin) => {
        try {
          return this.list(parseLine(innerLine), innerFrame, innerOut ?? out, innerStdin);
        } catch (error) {
          if (!(error instanceof ParseError)) throw error;
          (innerOut ?? out).error(`${shellName(innerFrame)}: ${error.message}`);
          return 2;
        } finally {
          this.orphanScriptJobs(innerFrame);
        }
      },
      jobs: this.jobControl(frame, out),
      touch: (n) => this.touched.add(n),
      commands: COMMANDS,
    };
  }
}
