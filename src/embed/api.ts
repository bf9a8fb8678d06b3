/**
 * The lab of this page as the embedding API sees it (messages.ts LabApi), and the events it sends
 * out: to the parent page from a frame, as DOM events from the custom element.
 */

import { replaceWith, resetLab } from "../store/history";
import { readLabDocument } from "../store/lab-file";
import { onCommand, useLab } from "../store/lab-store";
import { documentOf } from "../store/persist";
import { drivenByPage, runCommand } from "./driver";
import type { Event, LabApi } from "./messages";

type LessonLoader = (lesson: string) => Promise<void>;
let lessonLoader: LessonLoader | undefined;

/** Lessons register how they load one (an id or a same-origin URL); until then `lab:load {lesson}` is refused. */
export function setLessonLoader(loader: LessonLoader): void {
  lessonLoader = loader;
}

export const labApi: LabApi = {
  run: (command, session) => runCommand(command, session ? { session } : {}),
  reset: resetLab,
  load(state) {
    const read = readLabDocument(state);
    if (!read.ok) throw new Error(`the lab was not loaded: ${read.error}`);
    replaceWith(read.doc.lab, "Loaded by the page", read.doc.view);
  },
  async loadLesson(lesson) {
    if (!lessonLoader) throw new Error(`no lesson ${JSON.stringify(lesson)} in this lab`);
    await lessonLoader(lesson);
  },
  state: () => documentOf(useLab.getState()),
};

type Emit = (event: Event) => void;
const emitters = new Set<Emit>();

/** Where events go (the frame's parent, the element's listeners); returns the way to stop. */
export function addEmitter(emit: Emit): () => void {
  emitters.add(emit);
  return () => emitters.delete(emit);
}

export function emit(event: Event): void {
  for (const e of emitters) e(event);
}

/** lab:command for every command the student types (not for those the page itself runs). */
export function reportCommands(): () => void {
  return onCommand((e) => {
    if (!drivenByPage()) emit({ type: "lab:command", command: e.line.trim(), session: e.session });
  });
}
