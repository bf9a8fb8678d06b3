/**
 * The lab as a page that embeds it sees it: the requests it may make (LabApi: run, reset, load a
 * lab or a lesson, read the state) and the events the lab sends out on its own (lab:ready,
 * lab:command, lab:goal). The frame's postMessage API (embed/frame.ts) and the custom element
 * (element.tsx) both serve this one API.
 */
import { t } from "../i18n";
import { drivenByPage, type RunResult, runCommand } from "./driver";
import { replaceWith, resetLab } from "./history";
import { type LabDocument, readLabDocument } from "./lab-file";
import { onCommand, useLab } from "./lab-store";
import { loadLessons, openLesson, useLessonUi } from "./lesson-ui";
import { documentOf } from "./persist";

export type { RunResult };

export type LabEvent =
  | { type: "lab:ready" }
  | { type: "lab:command"; command: string; session: string }
  /** A step of the open lesson has all its goals met (`complete` once every step has). */
  | { type: "lab:goal"; lesson: string; step: number; complete: boolean };

export interface LabApi {
  run(command: string, session?: string): Promise<RunResult>;
  reset(): void;
  /** Loads a lab document (any of its spellings); throws with the reason when it is refused. */
  load(state: unknown): void;
  /** Opens a lesson by id, same-origin URL or JSON text; throws with the reason when it is refused. */
  loadLesson(lesson: string): Promise<void>;
  state(): LabDocument;
}

export const labApi: LabApi = {
  run: (command, session) => runCommand(command, session ? { session } : {}),
  reset: resetLab,
  load(state) {
    const read = readLabDocument(state);
    if (!read.ok) throw new Error(`the lab was not loaded: ${read.error}`);
    replaceWith(read.doc.lab, t("keep.entries.page"), read.doc.view);
  },
  async loadLesson(lesson) {
    const opened = await openLesson(lesson);
    if (!opened.ok) throw new Error(`the lesson was not opened: ${opened.error}`);
  },
  state: () => documentOf(useLab.getState()),
};

type Emit = (event: LabEvent) => void;
const emitters = new Set<Emit>();

/** Where events go (the frame's parent, the element's listeners); returns the way to stop. */
export function addEmitter(emit: Emit): () => void {
  emitters.add(emit);
  return () => emitters.delete(emit);
}

export function emit(event: LabEvent): void {
  for (const e of emitters) e(event);
}

/** lab:command for every command the student types (not for those the page itself runs). */
export function reportCommands(): () => void {
  return onCommand((e) => {
    if (!drivenByPage()) emit({ type: "lab:command", command: e.line.trim(), session: e.session });
  });
}

/** lab:goal each time a step of the open lesson is done; watches the lessons once one is open. */
export function reportGoals(): () => void {
  let stopLessons: (() => void) | undefined;
  let stopped = false;
  const watch = () => {
    if (stopLessons || !useLessonUi.getState().active) return;
    stopLessons = () => undefined;
    void loadLessons().then((m) => {
      if (stopped) return;
      stopLessons = m.useLessons.subscribe((now, before) => {
        const lesson = now.lesson;
        if (!lesson || lesson !== before.lesson) return;
        const complete = lesson.steps.every((_, i) => now.progress.done.includes(i));
        for (const step of now.progress.done)
          if (!before.progress.done.includes(step))
            emit({ type: "lab:goal", lesson: lesson.id, step, complete });
      });
    });
  };
  const stopUi = useLessonUi.subscribe(watch);
  watch();
  return () => {
    stopped = true;
    stopUi();
    stopLessons?.();
  };
}
