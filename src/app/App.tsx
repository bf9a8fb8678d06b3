/**
 * The page: toolbar on top, graph over terminal on the left (resizable), inspector, lesson and
 * history on the right. Embedded (embed=1) it keeps only the panels the page asked for (view=); in
 * presenter mode the graph takes most of the screen under the caption bar, and the chrome goes away.
 */
import { lazy, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { saveHistory, useHistory } from "../store/history";
import { useLab } from "../store/lab-store";
import { loadLessons, useLessonUi } from "../store/lesson-ui";
import type { LabOptions } from "../store/page";
import { usePage } from "../store/page";
import { autoSave } from "../store/persist";
import { loadRuntime } from "../store/runtime-loader";
import { TerminalPanel } from "../terminal/TerminalPanel";
import { type BootTarget, boot } from "./boot";
import { HistoryList } from "./HistoryList";
import { Notices } from "./Notices";
import { PanelBoundary } from "./PanelBoundary";
import { CaptionBar, ExitPresenter, Spotlight, usePresenterPlayback, useRefitOnPresent } from "./Presenter";
import { SplitPane } from "./SplitPane";
import { listenForShortcuts } from "./shortcuts";
import { Toolbar } from "./Toolbar";
import { useTheme } from "./theme";

// The prompt comes first; the graph (React Flow), the inspector and the shell load once it is drawn.
const GraphPanel = lazy(() => import("../graph/GraphPanel").then((m) => ({ default: m.GraphPanel })));
const Inspector = lazy(() => import("../inspector/Inspector").then((m) => ({ default: m.Inspector })));
// Lessons load when the student opens them (or resumes one).
const LessonPanel = lazy(() => import("./lessons/LessonPanel").then((m) => ({ default: m.LessonPanel })));
const LessonList = lazy(() => import("./lessons/LessonList").then((m) => ({ default: m.LessonList })));

/** The graph's share of the height in presenter mode. */
const PRESENTER_SPLIT = 0.7;

/** The side panel's switch between the open lesson and the inspector. */
function PanelTabs() {
  const { t } = useTranslation();
  const panel = useLessonUi((s) => s.panel);
  const tab = (value: "lesson" | "inspector", label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={panel === value}
      onClick={() => useLessonUi.getState().showPanel(value)}
      className={`flex-1 border-b-2 px-2 py-1 text-sm ${panel === value ? "border-sky-600 font-semibold dark:border-sky-400" : "border-transparent text-slate-500"}`}
    >
      {label}
    </button>
  );
  return (
    <div role="tablist" className="sticky top-0 z-10 flex bg-white dark:bg-slate-900">
      {tab("lesson", t("lessons.panelLesson"))}
      {tab("inspector", t("lessons.panelInspector"))}
    </div>
  );
}

export function App({ options, target }: { options: LabOptions; target: BootTarget }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const inspectorOpen = useLab((s) => s.inspectorOpen);
  const booted = useLab((s) => s.booted);
  const lessonOpen = useLessonUi((s) => s.active);
  const lessonShown = useLessonUi((s) => s.panel === "lesson");
  const listOpen = useLessonUi((s) => s.listOpen);
  const presenting = usePage((s) => s.presenting);
  const historyOpen = usePage((s) => s.historyOpen);
  const { embed, view } = usePage((s) => s.options);
  useEffect(() => boot(options, target), [options, target]);
  useEffect(() => autoSave(useLab.subscribe, () => saveHistory(useHistory.getState().history)), []);
  useEffect(listenForShortcuts, []);
  useEffect(() => {
    if (booted) void loadRuntime();
  }, [booted]);
  useEffect(() => {
    if (booted && lessonOpen) void loadLessons();
  }, [booted, lessonOpen]);
  useRefitOnPresent();
  usePresenterPlayback();

  const chrome = !embed && !presenting;
  const graph = booted && (
    <PanelBoundary name="graph">
      <Suspense fallback={null}>
        <GraphPanel theme={theme} />
      </Suspense>
    </PanelBoundary>
  );
  const terminal = (
    <PanelBoundary name="terminal">
      <TerminalPanel theme={theme} />
    </PanelBoundary>
  );
  return (
    <div className={`flex h-full flex-col ${presenting ? "dnl-presenter" : ""}`}>
      {chrome && <Toolbar />}
      {presenting && <ExitPresenter />}
      <CaptionBar large={presenting} />
      <div className="flex min-h-0 flex-1">
        <main className="flex min-w-0 flex-1 flex-col">
          {view === "both" || presenting ? (
            <SplitPane top={graph} bottom={terminal} fixed={presenting ? PRESENTER_SPLIT : undefined} />
          ) : view === "graph" ? (
            <>
              <div className="min-h-0 flex-1">{graph}</div>
              {/* The page drives the lab through a terminal it does not show. */}
              <div aria-hidden="true" className="pointer-events-none fixed -left-[10000px] h-60 w-[40rem]">
                {terminal}
              </div>
            </>
          ) : (
            <div className="min-h-0 flex-1">{terminal}</div>
          )}
        </main>
        {chrome && historyOpen && <HistoryList />}
        {!presenting && (chrome ? inspectorOpen || lessonOpen : lessonOpen) && (
          <aside
            aria-label={t("app.inspector")}
            className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 bg-white xl:w-96 dark:border-slate-800 dark:bg-slate-900"
          >
            {lessonOpen && <PanelTabs />}
            {booted && (
              <PanelBoundary name={lessonOpen && lessonShown ? "lesson" : "inspector"}>
                <Suspense fallback={null}>
                  {lessonOpen && lessonShown ? <LessonPanel /> : <Inspector />}
                </Suspense>
              </PanelBoundary>
            )}
          </aside>
        )}
      </div>
      {listOpen && (
        <Suspense fallback={null}>
          <LessonList />
        </Suspense>
      )}
      <Spotlight />
      <Notices />
    </div>
  );
}
