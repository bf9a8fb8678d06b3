/**
 * The shell layer's vocabulary: where a command runs (a Frame in a Session's stack), what a command
 * handler gets (Ctx) and what running a line returns (Execution), all plain serializable data.
 */

import type { ProcessUser } from "../engine/docker/users";
import type { Trace } from "../engine/packet/types";
import type { World } from "../engine/world";
import type { Output } from "./output";
import type { ProcessKindName } from "./process-kinds";

/** One shell: the host's bash, or a shell inside a container (`docker exec -it web sh`). */
export interface Frame {
  machine: string;
  /** Container ID when this shell runs inside a container. */
  container?: string;
  shell: "bash" | "sh" | "ash";
  env: Record<string, string>;
  cwd: string;
  /** The container's main process (attach, run -it): leaving it stops the container. */
  main?: boolean;
  /** The main shell was reached with `docker attach` (not `run -it`): detaching prints "read escape sequence". */
  attach?: boolean;
  /** The host name given to `ssh` when this shell is a remote login; `exit` closes that connection. */
  login?: string;
  /** A namespace entered with `ip netns exec` or `nsenter -n`, overriding the machine's or container's. */
  netns?: string;
  /** No terminal waits on what runs here (`docker exec -d`, a detached container's main process). */
  detached?: boolean;
  /** Who runs here when not root (`docker exec -u`, `run --user`). */
  user?: ProcessUser;
  /** `linux32 CMD`: the kernel reports a 32-bit machine (uname -m, arch). */
  linux32?: boolean;
  /** The shell's own PID on a host, given when first asked for (`ps`, a job's parent). */
  pid?: number;
}

/** A terminal tab: a stack of shells, the last one is where typed lines go. */
export interface Session {
  id: string;
  title: string;
  frames: Frame[];
  history: string[];
  lastExit: number;
  /** Commands started with `&` from one of its interactive shells, while they run and until their end is reported. */
  jobs?: ShellJob[];
}

/** A background job of an interactive shell (`tcpdump -i eth0 &`): `jobs`, `fg`, `wait` and `kill %N` find it. */
export interface ShellJob {
  /** Its number, `%N`. */
  id: number;
  /** The command as typed, for `jobs` and the notices. */
  text: string;
  /** Its process on the machine (a host PID, as `machine.procs` keeps it): gone from there, the job has ended. */
  pid: number;
  /** The shell that started it: its place in the session's stack of frames. */
  shell: number;
  /** The process while it runs on; absent once it has ended or when it ended at once (`echo hi &`). */
  process?: LiveProcess;
  /** How it ended: its exit status, or the signal that ended it. */
  ended?: { exit: number; signal?: number };
  /** Ended by `kill` on this line: the shell hears of it only before the next prompt but one. */
  late?: boolean;
}

export interface Chunk {
  /** Virtual time it is printed, ms since the epoch. */
  t: number;
  stream: "out" | "err";
  text: string;
}

/** A command still running after its first output (endless ping, tcpdump): resumed by the terminal. */
export interface LiveProcess {
  kind: string;
  /** The process's own serializable state. */
  state: unknown;
  /** Where it runs. */
  frame: Frame;
  /** What the line still has to run after it ends (`ping x; echo done`), and how it is joined. */
  rest?: Rest;
}

/** What a line still has to run after a live process, where (if not the session's shell), and what follows that. */
export interface Rest {
  line: string;
  connector: ";" | "&&" | "||";
  frame?: Frame;
  after?: Rest;
}

/** A live process with no terminal; `main` when it is its container's main process (its end stops the container). */
export interface Job {
  process: LiveProcess;
  main?: boolean;
}

export interface Execution {
  /**
   * Virtual time the command began and the time it reached: when it ended, or how far a live
   * process has run. A terminal showing it at the real tool's pace takes end - start.
   */
  start: number;
  end: number;
  chunks: Chunk[];
  exit: number;
  traces: Trace[];
  live?: LiveProcess;
  /** Enter a shell (docker exec -it, attach, run -it). */
  push?: Frame;
  /** Leave the current shell (exit, Ctrl+D, detach). */
  pop?: boolean;
  clear?: boolean;
  /** The line is not finished (open quote, trailing pipe): the terminal asks for more with "> ". */
  incomplete?: boolean;
  /** Containers and networks the command named, for the graph to highlight. */
  touched: string[];
}

/**
 * A userland a program ships in: a lab machine's own system (bash, GNU coreutils, iproute2 and the
 * network tools a Docker host has), busybox's applets (the busybox and alpine images), or the base
 * of a Debian-based image (bash and coreutils, no network tools).
 */
export type Userland = "host" | "busybox" | "debian";

/** Where a command runs, resolved from its Frame. */
export interface Place {
  kind: "host" | "container";
  machine: string;
  netns: string;
  /** Userland: it decides which programs there are and their wording. */
  flavor: Userland;
  container?: string;
  /** Programs the container's image installs beyond its userland's (engine/docker/images.ts). */
  programs?: ReadonlySet<string>;
  /** Whether the machine runs a Docker daemon (the `docker` CLI is installed only there). */
  docker: boolean;
}

export interface Ctx {
  world: World;
  frame: Frame;
  place: Place;
  session: Session;
  argv: string[];
  stdin: string;
  out: Output;
  /** Effects beyond output: entering or leaving shells, live processes, clearing the screen. */
  effects: Pick<Execution, "push" | "pop" | "clear" | "live">;
  /** Runs an already split command in some frame, writing to `out` (`docker exec`, `ip netns exec`). */
  exec(argv: string[], frame: Frame, out?: Output): number;
  /** Parses and runs a whole line in some frame (`sh -c "..."`), its first command reading `stdin`. */
  runLine(line: string, frame: Frame, out?: Output, stdin?: string): number;
  touch(name: string): void;
  /** Every command the lab knows: how one command finds another (`busybox ping`, `docker exec`). */
  commands: Commands;
  /** The jobs of the shell the command runs in (`jobs`, `fg`, `wait`, `kill %1`). */
  jobs: JobControl;
  /** Started as a program by another program (`docker exec c kill`), not by a shell, whose builtin it would be. */
  viaExec?: boolean;
}

export type Handler = (ctx: Ctx) => number;

/** A shell's background jobs, as its job-control builtins reach them. */
export interface JobControl {
  /** Its jobs, running or ended but not yet reported. */
  list(): ShellJob[];
  /** Whether the shell is one typed into (it reports jobs, prints `[1] PID`), not a script. */
  interactive: boolean;
  /** The job a `%` spec names. */
  find(spec: string): ShellJob | undefined;
  /** Sends a signal to a job's process, as `kill` does. */
  signal(job: ShellJob, signo: number): void;
  /** A script's `wait`: its jobs run on until these have ended. */
  drain(jobs: ShellJob[]): void;
  /** `fg`: the job's process becomes the foreground one. */
  foreground(job: ShellJob): void;
  /** An ended job that `jobs` has reported: the shell forgets it. */
  forget(job: ShellJob): void;
}

/**
 * A kind of long-running process (endless ping, tcpdump, a container attached in the foreground).
 * Its state `S` lives in LiveProcess.state, so a process survives a save and restore of the lab.
 */
export interface ProcessKind<S> {
  /** The name it is saved under (LiveProcess.kind), one of shell/process-kinds.ts. */
  name: ProcessKindName;
  /** Runs the process up to virtual time `until`; returns its exit status once it has ended. */
  resume(ctx: Ctx, state: S, until: number): number | undefined;
  /**
   * What still happens in the moment before Ctrl+C lands (a reply already on its way); returns the
   * exit status if the process ends in that moment.
   */
  settle?(ctx: Ctx, state: S): number | undefined;
  /** Ctrl+C: prints what the tool prints when interrupted and returns the exit status. */
  interrupt(ctx: Ctx, state: S): number;
}

/**
 * A command, in the one shape every command has; a module under shell/commands/ that exports a
 * list of them as `commands` adds them to the lab (shell/commands/index.ts).
 */
export interface Command {
  /** The name it runs by. */
  name: string;
  /** Other names for the same program (`logout` for `exit`, `apt-get` for `apt`). */
  aliases?: readonly string[];
  /**
   * Where it exists: `builtin` in every shell; `docker-host` only where a Docker daemon runs; else
   * the userlands that ship it (an image may install it too: engine/docker/images.ts `programs`).
   */
  where: "builtin" | "docker-host" | readonly Userland[];
  /**
   * A builtin that every userland also ships as a program (/bin/echo), which `docker exec` and
   * `docker run` can start; runc finds no file for any other builtin (cd, export).
   */
  alsoProgram?: true;
  /** It reads or changes links: IPv6 link-local addresses are brought up to date before and after it. */
  addrconf?: boolean;
  /** What Tab offers after its name; file paths when absent. */
  completion?: CompletionSpec;
  /** The kinds of long-running process it starts. */
  processes?: readonly ProcessKind<unknown>[];
  run: Handler;
}

/** What a word of a command line names, for completion. */
export type ArgKind =
  | "container"
  | "running-container"
  | "stopped-container"
  | "paused-container"
  | "network"
  | "image"
  /** A container, network or image (`docker inspect`). */
  | "object"
  | "netns"
  | "dir"
  /** A command line of its own (`ip netns exec NAME ...`). */
  | "command"
  /** Anything: nothing to offer. */
  | "text";

/** The words that may follow a command (or a subcommand), as Tab offers them. */
export interface CompletionSpec {
  /** Subcommands, each with what follows it. */
  subcommands?: Record<string, CompletionSpec>;
  /** Subcommands understood but not offered. */
  hidden?: readonly string[];
  /** Where it says nothing (a word that is no subcommand, an operand past its list), nothing is offered rather than file paths. */
  strict?: boolean;
  /** Its flags; `value` when one takes a value, saying what the value names. */
  flags?: readonly { long: string; short?: string; value?: ArgKind }[];
  /** false: the first operand ends the flags (docker run, exec). */
  interspersed?: boolean;
  /** What its operands name, in order; the last one again and again when `repeat`. */
  operands?: readonly ArgKind[];
  repeat?: boolean;
}

/** The lab's commands, as dispatch, completion and other commands find them. */
export interface Commands {
  /** The command `name` (a bare name or a path) runs at `place`, if the place has it. */
  find(name: string, place: Place): Command | undefined;
  /** The command called `name`, wherever it exists. */
  named(name: string): Command | undefined;
  /** Every name that runs at `place`, sorted. */
  names(place: Place): string[];
  /** A long-running process kind by its saved name. */
  process(kind: string): ProcessKind<unknown> | undefined;
}
