/**
 * What the page needs to know about lessons before the lessons themselves have loaded: whether one
 * is open (a reload resumes it), whether the list is shown, and the last refusal to open one. Also
 * the entry points a page or a URL uses: `openLesson` takes a built-in lesson's id, a URL of a
 * lesson file, or the file's JSON text.
 */
import { create } from "zustand";

export type LessonsModule = typeof import("./lessons");

let loading: Promise<LessonsModule> | undefined;

/** The lessons, their store and their checks: loaded on first use. */
export function loadLessons(): Promise<LessonsModule> {
  loading ??= import("./lessons").then((m) => {
    // The lessons store knows which lesson is open; this one mirrors it for the page.
    const sync = () => {
      const lesson = m.useLessons.getState().lesson;
      useLessonUi.setState({ active: lesson !== undefined, cnm: lesson?.graph?.labels === "cnm" });
    };
    m.useLessons.subscribe(sync);
    sync();
    return m;
  });
  return loading;
}

function resumable(): boolean {
  try {
    return (
      typeof localStorage !== "undefined" &&
      !!JSON.parse(localStorage.getItem("docker-network-lab:lessons") ?? "{}").active
    );
  } catch {
    return false;
  }
}

export interface LessonUi {
  /** A lesson is open (the panel shows it). */
  active: boolean;
  listOpen: boolean;
  /** The side panel shows the lesson or the inspector while a lesson is open. */
  panel: "lesson" | "inspector";
  /** Why the last lesson asked for could not be opened. */
  error: string | undefined;
  /** The open lesson asks the graph to name its parts in the CNM's words. */
  cnm: boolean;
  showList(open: boolean): void;
  showPanel(panel: "lesson" | "inspector"): void;
}

export const useLessonUi = create<LessonUi>()((set) => ({
  active: resumable(),
  listOpen: false,
  panel: "lesson",
  error: undefined,
  cnm: false,
  showList(open) {
    set({ listOpen: open, ...(open ? {} : { error: undefined }) });
    if (open) void loadLessons();
  },
  showPanel(panel) {
    set({ panel });
  },
}));

export type Opened = { ok: true } | { ok: false; error: string };

/**
 * Opens a lesson: a built-in one by id, a lesson file at a URL (http, https, or a path ending in
 * .json), or a lesson file's JSON text. A lesson that cannot be read is refused with the reason,
 * and the lab is left as it was.
 */
export async function openLesson(spec: string): Promise<Opened> {
  const m = await loadLessons();
  const { readLesson } = await import("../lessons/format");
  const text = spec.trim();
  let result: ReturnType<typeof readLesson>;
  if (text.startsWith("{")) result = readLesson(text);
  else if (/^(https?:|\.{0,2}\/)|\.json$/i.test(text)) {
    try {
      const response = await fetch(text);
      if (!response.ok) return refuse(`${text} answered ${response.status}`);
      result = readLesson(await response.text());
    } catch {
      return refuse(`${text} could not be fetched`);
    }
  } else {
    const lesson = [...m.LESSONS, ...m.CHALLENGES].find((l) => l.id === text);
    result = lesson ? { ok: true, lesson } : { ok: false, error: `there is no lesson "${text}"` };
  }
  if (!result.ok) return refuse(result.error);
  m.useLessons.getState().open(result.lesson);
  useLessonUi.setState({ listOpen: false, panel: "lesson", error: undefined });
  return { ok: true };
}

function refuse(error: string): Opened {
  useLessonUi.setState({ error });
  return { ok: false, error };
}
