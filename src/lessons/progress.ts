/**
 * A lesson under way: where it starts, how each goal stands after the last command (with the hint
 * that fits what is wrong now), and the student's progress, which only ever grows: a step is done
 * once all its goals have held after some command, and stays done.
 */
import type { ProbeFailure } from "../engine/probe";
import { createLab, type Lab, runToEnd } from "../shell/lab";
import { evaluate } from "./checks";
import type { Goal, Lesson, Step, Text } from "./format";

/** The lab a lesson starts from; `unpack` reads a lab exported from the page (the store's format). */
export function startLab(lesson: Lesson, unpack: (packed: string) => Lab | undefined): Lab {
  if (lesson.start.lab !== undefined) {
    const lab = unpack(lesson.start.lab);
    if (!lab) throw new Error("the lesson's starting lab cannot be read");
    return lab;
  }
  const lab = createLab({ seed: lesson.start.seed ?? 1, ...(lesson.era ? { era: lesson.era } : {}) });
  for (const line of lesson.start.commands ?? []) runToEnd(lab, line);
  // The tutorials' prompts start clean: what the set-up typed is not the student's history.
  for (const s of lab.sessions) s.history = [];
  return lab;
}

export interface GoalStatus {
  goal: Goal;
  ok: boolean;
  /** The lesson's hint for what is wrong now, if one fits. */
  hint?: Text;
  /** Why a packet walked for the check did not get through (or a name did not resolve). */
  failure?: ProbeFailure;
}

function goalStatus(lab: Lab, goal: Goal): GoalStatus {
  const outcome = evaluate(lab.world, goal.check);
  if (outcome.ok) return { goal, ok: true };
  const hint = goal.hints?.find((h) => !h.when || evaluate(lab.world, h.when).ok)?.text;
  return {
    goal,
    ok: false,
    ...(hint !== undefined ? { hint } : {}),
    ...(outcome.failure ? { failure: outcome.failure } : {}),
  };
}

export function stepStatus(lab: Lab, step: Step): GoalStatus[] {
  return (step.goals ?? []).map((g) => goalStatus(lab, g));
}

export interface Progress {
  /** Steps done, by index. */
  done: number[];
  /** The step shown. */
  step: number;
}

export const NEW_PROGRESS: Progress = { done: [], step: 0 };

/** After a command: the shown step is done if it has goals and they all hold now. */
export function afterCommand(progress: Progress, lesson: Lesson, lab: Lab): Progress {
  const step = lesson.steps[progress.step];
  if (!step?.goals?.length || progress.done.includes(progress.step)) return progress;
  if (!stepStatus(lab, step).every((s) => s.ok)) return progress;
  return { ...progress, done: [...progress.done, progress.step].sort((a, b) => a - b) };
}

/** Moving to another step (or opening the lesson at step 0): a step without goals is done once shown. */
export function moveTo(progress: Progress, lesson: Lesson, index: number): Progress {
  const step = Math.max(0, Math.min(lesson.steps.length - 1, index));
  const read = !lesson.steps[step]?.goals?.length && !progress.done.includes(step);
  return { done: read ? [...progress.done, step].sort((a, b) => a - b) : progress.done, step };
}

export function isComplete(progress: Progress, lesson: Lesson): boolean {
  return lesson.steps.every((_, i) => progress.done.includes(i));
}

/** "Show solution": the first command of the solution (or the shown step's) not yet offered. */
export function nextSolutionCommand(lesson: Lesson, progress: Progress, offered: number): string | undefined {
  const commands = lesson.solution ?? lesson.steps[progress.step]?.commands ?? [];
  return commands[offered];
}
