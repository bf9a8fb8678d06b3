/**
 * The lesson under way and the student's progress: opening a lesson puts its starting lab in place,
 * every change to the lab re-evaluates the shown step's goals (a moment after, so a burst of
 * commands costs one evaluation), progress and completion marks stay in localStorage. Loaded with
 * the lessons themselves, when the student first opens the list or a page asks for a lesson.
 */
import { create } from "zustand";
import { t } from "../i18n";
import { CHALLENGES, LESSONS } from "../lessons/builtin";
import type { Lesson } from "../lessons/format";
import {
  afterCommand,
  type GoalStatus,
  isComplete,
  moveTo,
  NEW_PROGRESS,
  nextSolutionCommand,
  type Progress,
  startLab,
  stepStatus,
} from "../lessons/progress";
import { fillCommand } from "../lessons/templates";
import type { Lab } from "../shell/lab-state";
import { replaceWith } from "./history";
import { labDocument, packDocument, readLabDocument } from "./lab-file";
import { useLab } from "./lab-store";
import { offerLine } from "./offer";

export { CHALLENGES, LESSONS };

/** A lesson's starting lab goes through the same checks as any lab from outside (lab-file.ts). */
function unpackLab(text: string): Lab | undefined {
  const read = readLabDocument(text);
  return read.ok ? read.doc.lab : undefined;
}

const KEY = "docker-network-lab:lessons";

interface Saved {
  completed: Record<string, boolean>;
  active?: { lesson: Lesson; progress: Progress };
}

function load(): Saved {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<Saved>;
    return { completed: saved.completed ?? {}, ...(saved.active ? { active: saved.active } : {}) };
  } catch {
    return { completed: {} };
  }
}

export interface LessonState {
  lesson: Lesson | undefined;
  progress: Progress;
  /** The shown step's goals as of the last evaluation. */
  status: GoalStatus[];
  /** Lessons and challenges completed, by id. */
  completed: Record<string, boolean>;
  /** Solution commands offered so far ("show solution" offers the next). */
  offered: number;
  open(lesson: Lesson): void;
  /** Back to the lesson's starting lab, progress on it cleared. */
  restart(): void;
  /** The sandbox: the lesson closes, the lab stays as it is. */
  leave(): void;
  goTo(step: number): void;
  showSolution(): void;
  /** Puts a command into the prompt of a tab on `on` (a Docker host, host1 when absent). */
  offer(command: string, on?: string): void;
  /** Re-evaluates the shown step against the lab (after a command). */
  evaluate(): void;
}

export const useLessons = create<LessonState>()((set, get) => {
  const saved = typeof localStorage === "undefined" ? { completed: {} } : load();
  const persist = () => {
    const { lesson, progress, completed } = get();
    const data: Saved = { completed, ...(lesson ? { active: { lesson, progress } } : {}) };
    try {
      localStorage.setItem(KEY, JSON.stringify(data));
    } catch {
      // Storage full or disabled: progress lasts for this visit.
    }
  };
  const statusOf = (lesson: Lesson | undefined, progress: Progress) => {
    const step = lesson?.steps[progress.step];
    return step ? stepStatus(useLab.getState().lab, step) : [];
  };
  return {
    lesson: saved.active?.lesson,
    progress: saved.active?.progress ?? NEW_PROGRESS,
    status: [],
    completed: saved.completed,
    offered: 0,

    open(lesson) {
      // A step undo takes back: the student's lab before the lesson is not lost.
      replaceWith(startLab(lesson, unpackLab), t("keep.entries.lesson", { name: lesson.id }));
      const progress = moveTo(NEW_PROGRESS, lesson, 0);
      set({ lesson, progress, offered: 0, status: statusOf(lesson, progress) });
      persist();
    },
    restart() {
      const { lesson } = get();
      if (lesson) get().open(lesson);
    },
    leave() {
      set({ lesson: undefined, progress: NEW_PROGRESS, status: [], offered: 0 });
      persist();
    },
    goTo(step) {
      const { lesson, progress } = get();
      if (!lesson) return;
      const next = moveTo(progress, lesson, step);
      const completed = isComplete(next, lesson)
        ? { ...get().completed, [lesson.id]: true }
        : get().completed;
      set({ progress: next, status: statusOf(lesson, next), completed, offered: 0 });
      persist();
    },
    showSolution() {
      const { lesson, progress, offered } = get();
      if (!lesson) return;
      const command = nextSolutionCommand(lesson, progress, offered);
      if (command === undefined) return;
      get().offer(command);
      set({ offered: offered + 1 });
    },
    offer(command, on = "host1") {
      // Into a tab on the step's host: the one in front if it is on it, else the first there.
      const lab = useLab.getState();
      const machineOf = (id: string) => lab.lab.sessions.find((s) => s.id === id)?.frames[0]?.machine;
      const tab = lab.lab.sessions.find((s) => s.frames[0]?.machine === on);
      if (tab && machineOf(lab.activeSession) !== on) lab.setActiveSession(tab.id);
      offerLine(fillCommand(lab.lab.world, command));
    },
    evaluate() {
      const { lesson, progress } = get();
      if (!lesson) return;
      const next = afterCommand(progress, lesson, useLab.getState().lab);
      const completed = isComplete(next, lesson)
        ? { ...get().completed, [lesson.id]: true }
        : get().completed;
      set({ progress: next, status: statusOf(lesson, next), completed });
      if (next !== progress) persist();
    },
  };
});

// After every change to the lab (a command, a second of a running ping), a moment later.
let timer: ReturnType<typeof setTimeout> | undefined;
useLab.subscribe((state, before) => {
  if (state.revision === before.revision || !useLessons.getState().lesson) return;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => useLessons.getState().evaluate(), 150);
});
if (useLessons.getState().lesson) useLessons.getState().evaluate();

/** The current lab as the starting point of a new lesson, for an instructor to fill in. */
export function lessonFromLab(): Lesson {
  return {
    format: "docker-network-lab/lesson",
    version: 1,
    id: "my-lesson",
    kind: "lesson",
    title: { en: "My lesson" },
    summary: { en: "What the student will learn." },
    start: { lab: packDocument(labDocument(useLab.getState().lab)) },
    steps: [{ text: { en: "What to do first." }, commands: [] }],
  };
}
