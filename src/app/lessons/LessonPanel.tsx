/**
 * The lesson beside the lab: the step's explanation, its commands one click from the prompt, the
 * goals as a live checklist with a hint for what is wrong now, and the way on (previous, next,
 * show solution, start over, the sandbox). A solved challenge tells its real-world story.
 */
import { useTranslation } from "react-i18next";
import { inLanguage } from "../../lessons/format";
import { isComplete } from "../../lessons/progress";
import { useLessonUi } from "../../store/lesson-ui";
import { useLessons } from "../../store/lessons";
import { whyText } from "../../view/why";
import { LessonText } from "./LessonText";

const button =
  "rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-700 dark:hover:bg-slate-800";

export function LessonPanel() {
  const { t } = useTranslation();
  const lesson = useLessons((s) => s.lesson);
  const progress = useLessons((s) => s.progress);
  const status = useLessons((s) => s.status);
  const { goTo, showSolution, restart, leave, offer } = useLessons.getState();
  if (!lesson) return null;
  const step = lesson.steps[progress.step];
  const last = progress.step === lesson.steps.length - 1;
  const done = isComplete(progress, lesson);
  const solutionLeft = (lesson.solution ?? step?.commands ?? []).length > useLessons.getState().offered;
  return (
    <section
      aria-label={t("lessons.panelLesson")}
      className="flex flex-col gap-3 p-3 text-sm leading-relaxed"
    >
      <header>
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
          {lesson.kind === "challenge" ? t("lessons.challenge") : t("lessons.panelLesson")} ·{" "}
          {t("lessons.step", { n: progress.step + 1, count: lesson.steps.length })}
        </p>
        <h2 className="text-base font-semibold">
          <LessonText text={lesson.title} />
        </h2>
        {lesson.follows?.map((f) => (
          <p key={f.title} lang={f.language} className="text-xs text-slate-500 dark:text-slate-400">
            {t("lessons.follows", { title: f.title })}
          </p>
        ))}
        <p data-testid="lesson-era" className="text-xs text-slate-500 dark:text-slate-400">
          {t("lessons.era", { version: lesson.era === 20 ? "20.10" : "26" })}
        </p>
      </header>
      {step && (
        <div data-testid="lesson-step">
          <p>
            <LessonText text={step.text} />
          </p>
          {step.commands && step.commands.length > 0 && (
            <ul className="mt-2 space-y-1">
              {step.commands.map((c) => (
                <li key={c}>
                  <button
                    type="button"
                    title={t("lessons.tryCommand")}
                    onClick={() => offer(c, step.on)}
                    className="w-full truncate rounded bg-slate-100 px-2 py-1 text-left font-mono text-xs hover:bg-sky-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:bg-slate-800 dark:hover:bg-sky-900"
                  >
                    <span aria-hidden="true">▸ </span>
                    {c}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {status.length > 0 && (
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
            {t("lessons.goals")}
          </h3>
          <ul className="space-y-1" aria-live="polite">
            {status.map((s) => (
              <li
                key={inLanguage(s.goal.text, "en")}
                data-goal={s.ok ? "met" : "open"}
                className="flex gap-2"
              >
                <span
                  aria-hidden="true"
                  className={s.ok ? "text-emerald-600 dark:text-emerald-400" : "text-slate-400"}
                >
                  {s.ok ? "✓" : "○"}
                </span>
                <span className="sr-only">{s.ok ? t("lessons.goalMet") : t("lessons.goalOpen")}</span>
                <span>
                  <LessonText text={s.goal.text} />
                  {!s.ok && s.hint && (
                    <span className="block text-xs text-amber-700 dark:text-amber-300">
                      <LessonText text={s.hint} />
                    </span>
                  )}
                  {!s.ok && s.failure && (
                    <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">
                      {whyText(t, s.failure)}
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {done && (
        <div
          role="status"
          className="rounded border border-emerald-300 bg-emerald-50 p-2 dark:border-emerald-800 dark:bg-emerald-950"
        >
          <p className="font-semibold">
            {lesson.kind === "challenge" ? t("lessons.solved") : t("lessons.complete")}
          </p>
          {lesson.explanation && (
            <>
              <h3 className="mt-1 text-xs font-semibold uppercase tracking-wide">{t("lessons.realWorld")}</h3>
              <p>
                <LessonText text={lesson.explanation} />
              </p>
            </>
          )}
        </div>
      )}
      <nav className="flex flex-wrap gap-1">
        <button
          type="button"
          className={button}
          disabled={progress.step === 0}
          onClick={() => goTo(progress.step - 1)}
        >
          {t("lessons.previous")}
        </button>
        <button
          type="button"
          className={`${button}${progress.done.includes(progress.step) && !last ? " border-sky-600 bg-sky-600 text-white hover:bg-sky-700 dark:border-sky-500 dark:hover:bg-sky-700" : ""}`}
          disabled={last}
          onClick={() => goTo(progress.step + 1)}
        >
          {t("lessons.next")}
        </button>
        <button type="button" className={button} disabled={!solutionLeft} onClick={showSolution}>
          {t("lessons.solution")}
        </button>
      </nav>
      <nav className="flex flex-wrap gap-1 border-t border-slate-200 pt-2 dark:border-slate-800">
        <button
          type="button"
          className={button}
          onClick={() => {
            if (confirm(t("lessons.restartConfirm"))) restart();
          }}
        >
          {t("lessons.restart")}
        </button>
        <button type="button" className={button} title={t("lessons.sandboxHint")} onClick={leave}>
          {t("lessons.sandbox")}
        </button>
        <button type="button" className={button} onClick={() => useLessonUi.getState().showList(true)}>
          {t("lessons.button")}
        </button>
      </nav>
    </section>
  );
}
