/**
 * Running a command from outside the keyboard (a page's `lab:run`, the custom element's run(), a
 * `script=`, a demo step): typed into the session's terminal like a person would, so the student
 * sees the prompt, the command and its output, then answered with what it printed once the shell
 * is back at its prompt. One command at a time, after whatever the terminal is busy with.
 */
import { useLab } from "./lab-store";
import { onPlayer } from "./player";
import { loadRuntime } from "./runtime-loader";
import { onTerminals, type TerminalHandle, terminalFor } from "./terminals";

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunOptions {
  /** A session id ("s1"); the tab in front when absent. */
  session?: string;
  /** Milliseconds per character, to type the command out for an audience; at once when absent. */
  typeDelay?: number;
  /** Called once the command is typed and entered (it runs from then on). */
  onEntered?: () => void;
}

export const MAX_COMMAND = 10_000;

let queue: Promise<unknown> = Promise.resolve();
let running = 0;

/** Whether a command now running came from the page (so it is not reported back as the student's). */
export function drivenByPage(): boolean {
  return running > 0;
}

function terminalOf(session: string): Promise<TerminalHandle> {
  const found = terminalFor(session);
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const stop = onTerminals(() => {
      const t = terminalFor(session);
      if (!t) return;
      stop();
      resolve(t);
    });
  });
}

/** Resolves once the lab can run a command: the first prompt drawn, the shell loaded, the terminal waiting. */
export async function whenReady(): Promise<void> {
  if (!useLab.getState().booted)
    await new Promise<void>((resolve) => {
      const stop = useLab.subscribe((s) => {
        if (!s.booted) return;
        stop();
        resolve();
      });
    });
  await loadRuntime();
  await (await terminalOf(useLab.getState().activeSession)).ready();
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function typeOut(term: TerminalHandle, text: string, delay: number): Promise<void> {
  if (delay <= 0) {
    term.type(text);
    return;
  }
  for (const ch of text) {
    term.type(ch);
    await pause(delay);
  }
}

async function runNow(command: string, options: RunOptions): Promise<RunResult> {
  const session = options.session ?? useLab.getState().activeSession;
  if (!useLab.getState().lab.sessions.some((s) => s.id === session)) throw new Error(`no session ${session}`);
  const term = await terminalOf(session);
  await term.ready();
  const stdout: string[] = [];
  const stderr: string[] = [];
  const stop = onPlayer((e) => {
    if (e.session === session && e.kind === "chunk")
      (e.chunk.stream === "err" ? stderr : stdout).push(e.chunk.text);
  });
  running++;
  try {
    await typeOut(term, command, options.typeDelay ?? 0);
    term.type("\r");
    options.onEntered?.();
    const after = await term.ready();
    if (after.continued) {
      term.type("\x03");
      throw new Error("the command is not complete (an open quote or a trailing pipe)");
    }
  } finally {
    running--;
    stop();
  }
  const exitCode = useLab.getState().lab.sessions.find((s) => s.id === session)?.lastExit ?? 0;
  return { stdout: stdout.join(""), stderr: stderr.join(""), exitCode };
}

/** Runs one command line in a session's terminal, after the commands asked for before it. */
export function runCommand(command: string, options: RunOptions = {}): Promise<RunResult> {
  if (/[\r\n]/.test(command)) return Promise.reject(new Error("a command is one line"));
  if (command.length > MAX_COMMAND) return Promise.reject(new Error("the command is too long"));
  const result = queue.then(() => runNow(command, options));
  queue = result.catch(() => undefined);
  return result;
}
