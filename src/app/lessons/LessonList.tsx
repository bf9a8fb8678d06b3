/**
 * The list of lessons and challenges, with a mark on those done; opening one, or a lesson file from
 * the disk or a URL; and, for instructors, the current lab as a new lesson's starting point.
 */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Lesson } from "../../lessons/format";
import { type LessonsModule, loadLessons, openLesson, useLessonUi } from "../../store/lesson-ui";
import { LessonText } from "./LessonText";

const action =
  "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-700 dark:hover:bg-slate-800";

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

function Entries({ lessons, completed }: { lessons: Lesson[]; completed: Record<string, boolean> }) {
  const { t } = useTranslation();
  return (
    <ol className="space-y-1">
      {lessons.map((l, i) => (
        <li key={l.id}>
          <button
            type="button"
            data-lesson={l.id}
            onClick={() => void openLesson(l.id)}
            className="flex w-full gap-2 rounded px-2 py-1 text-left hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-slate-800"
          >
            <span className="w-5 shrink-0 text-right text-slate-500">{i + 1}.</span>
            <span className="min-w-0 flex-1">
              <span className="font-semibold">
                <LessonText text={l.title} />
              </span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">
                <LessonText text={l.summary} />
              </span>
            </span>
            {completed[l.id] && (
              <span className="shrink-0 text-emerald-600 dark:text-emerald-400" title={t("lessons.done")}>
                ✓ <span className="sr-only">{t("lessons.done")}</span>
              </span>
            )}
          </button>
        </li>
      ))}
    </ol>
  );
}

function Catalogue({ m }: { m: LessonsModule }) {
  const { t } = useTranslation();
  const completed = m.useLessons((s) => s.completed);
  return (
    <>
      <section>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
          {t("lessons.lessons")}
        </h3>
        <Entries lessons={m.LESSONS} completed={completed} />
      </section>
      <section>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
          {t("lessons.challenges")}
        </h3>
        <Entries lessons={m.CHALLENGES} completed={completed} />
      </section>
    </>
  );
}

export function LessonList() {
  const { t } = useTranslation();
  const error = useLessonUi((s) => s.error);
  const [m, setModule] = useState<LessonsModule | undefined>();
  const file = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    void loadLessons().then(setModule);
    dialog.current?.showModal();
  }, []);
  const close = () => useLessonUi.getState().showList(false);
  return (
    <dialog
      ref={dialog}
      aria-label={t("lessons.title")}
      onClose={close}
      className="m-auto max-h-[85vh] w-[46rem] max-w-[95vw] rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex max-h-[85vh] flex-col">
        <header className="flex items-center border-b border-slate-200 px-4 py-2 dark:border-slate-800">
          <h2 className="text-base font-semibold">{t("lessons.title")}</h2>
          <button type="button" className={`${action} ml-auto`} onClick={close}>
            {t("lessons.close")}
          </button>
        </header>
        <div className="grid min-h-0 flex-1 gap-4 overflow-y-auto p-4 md:grid-cols-2">
          {m && <Catalogue m={m} />}
        </div>
        {error && (
          <p
            role="alert"
            className="border-t border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
          >
            {t("lessons.refused", { reason: error })}
          </p>
        )}
        <footer className="flex flex-wrap gap-2 border-t border-slate-200 px-4 py-2 dark:border-slate-800">
          <button type="button" className={action} onClick={() => file.current?.click()}>
            {t("lessons.openFile")}
          </button>
          <input
            ref={file}
            type="file"
            accept=".json,application/json"
            aria-label={t("lessons.openFile")}
            className="hidden"
            onChange={async (e) => {
              const chosen = e.target.files?.[0];
              e.target.value = "";
              if (chosen) await openLesson(await chosen.text());
            }}
          />
          <button
            type="button"
            className={action}
            onClick={() => {
              const url = prompt(t("lessons.urlPrompt"));
              if (url) void openLesson(url);
            }}
          >
            {t("lessons.openUrl")}
          </button>
          <button
            type="button"
            className={`${action} ml-auto`}
            disabled={!m}
            onClick={() => m && download("lesson.json", `${JSON.stringify(m.lessonFromLab(), null, 2)}\n`)}
          >
            {t("lessons.exportLab")}
          </button>
        </footer>
      </div>
    </dialog>
  );
}
