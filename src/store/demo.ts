/**
 * Scripted demos: the steps of a `script=` shown one at a time. Forward types the next command out
 * in the terminal (the audience reads it as it is typed) with its caption in the caption bar and
 * runs it; in Step-by-step mode, forward then moves its packets on one step at a time; back undoes
 * the last step (the history's undo), so the room sees the lab as it was.
 * Without presenter mode, a script simply runs through on load.
 */
import { create } from "zustand";
import { runCommand } from "./driver";
import { undo } from "./history";
import { usePage } from "./page";
import { usePlayer } from "./player";
import type { Step } from "./script";

/** Milliseconds per character when a step's command is typed out. */
const TYPING_MS = 45;

interface DemoState {
  steps: Step[];
  /** Index of the next step to run. */
  next: number;
  /** A step runs (typed out, or shown). */
  busy: boolean;
  /** Its command is still being typed. */
  typing: boolean;
}

export const useDemo = create<DemoState>()(() => ({ steps: [], next: 0, busy: false, typing: false }));

function caption(step: Step | undefined, index: number, total: number): void {
  usePage
    .getState()
    .setCaption(
      step
        ? { command: step.command, ...(step.caption ? { text: step.caption } : {}), step: [index + 1, total] }
        : undefined,
    );
}

/** Holds the steps for a presenter to walk through with the clicker. */
export function loadDemo(steps: Step[]): void {
  useDemo.setState({ steps, next: 0, busy: false, typing: false });
  usePage.getState().setCaption(undefined);
}

/**
 * The clicker's forward: the next packet while a step's packets wait in Step-by-step mode, else
 * the next step (nothing while a command is being typed).
 */
export async function stepForward(): Promise<void> {
  const { steps, next, busy, typing } = useDemo.getState();
  if (busy) {
    if (!typing && usePlayer.getState().mode === "step") usePlayer.getState().step(1);
    return;
  }
  const step = steps[next];
  if (!step) return;
  useDemo.setState({ busy: true, typing: true });
  caption(step, next, steps.length);
  try {
    await runCommand(step.command, {
      typeDelay: TYPING_MS,
      onEntered: () => useDemo.setState({ typing: false }),
    });
  } finally {
    useDemo.setState({ next: next + 1, busy: false, typing: false });
  }
}

export function stepBack(): void {
  const { steps, next, busy } = useDemo.getState();
  if (busy || next === 0) return;
  if (!undo()) return;
  useDemo.setState({ next: next - 1 });
  caption(steps[next - 2], next - 2, steps.length);
}

/** Runs every step in order, as a page's `script=` without presenter mode asks. */
export async function runScript(steps: Step[]): Promise<void> {
  for (const [i, step] of steps.entries()) {
    if (step.caption) caption(step, i, steps.length);
    await runCommand(step.command).catch(() => undefined);
  }
  usePage.getState().setCaption(undefined);
}
