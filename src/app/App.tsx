/** The page: toolbar on top, graph over terminal on the left (resizable), inspector on the right. */
import { lazy, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useLab } from "../store/lab-store";
import { loadLessons, useLessonUi } from "../store/lesson-ui";
import { autoSave } from "../store/persist";
import { loadRuntime } from "../store/runtime-loader";
import { TerminalPanel } from "../terminal/TerminalPanel";
import { SplitPane } from "./SplitPane";
import { Toolbar } from "./Toolbar";
import { useTheme } from "./theme";

// The prompt comes first; the graph (React Flow), the inspector and the shell load once it is drawn.
const GraphPanel = lazy(() => import("../graph/GraphPanel").then((m) => ({ default: m.GraphPanel })));
const Inspector = lazy(() => import("../inspector/Inspector").then((m) => ({ default: m.Inspector })));
// Lessons load when the student opens them (or resumes one).
const LessonPanel = lazy(() => import("./lessons/LessonPanel").then((m) => ({ default: m.LessonPanel })));
const LessonList = lazy(() => import("./lessons/LessonList").then((m) => ({ default: m.LessonList })));

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

export function App() {
  const { t } = useTranslation();
  const theme = useTheme();
  const inspectorOpen = useLab((s) => s.inspectorOpen);
  const booted = useLab((s) => s.booted);
  const lessonOpen = useLessonUi((s) => s.active);
  const lessonShown = useLessonUi((s) => s.panel === "lesson");
  const listOpen = useLessonUi((s) => s.listOpen);
  useEffect(() => autoSave(useLab.subscribe), []);
  useEffect(() => {
    if (booted) void loadRuntime();
  }, [booted]);
  useEffect(() => {
    if (booted && lessonOpen) void loadLessons();
  }, [booted, lessonOpen]);
  return (
    <div className="flex h-full flex-col">
      <Toolbar />
      <div className="flex min-h-0 flex-1">
        <main className="flex min-w-0 flex-1 flex-col">
          <SplitPane
            top={
              booted && (
                <Suspense fallback={null}>
                  <GraphPanel theme={theme} />
                </Suspense>
              )
            }
            bottom={<TerminalPanel theme={theme} />}
          />
        </main>
        {(inspectorOpen || lessonOpen) && (
          <aside
            aria-label={t("app.inspector")}
            className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 bg-white xl:w-96 dark:border-slate-800 dark:bg-slate-900"
          >
            {lessonOpen && <PanelTabs />}
            {booted && (
              <Suspense fallback={null}>
                {lessonOpen && lessonShown ? <LessonPanel /> : <Inspector />}
              </Suspense>
            )}
          </aside>
        )}
      </div>
      {listOpen && (
        <Suspense fallback={null}>
          <LessonList />
        </Suspense>
      )}
    </div>
  );
}
