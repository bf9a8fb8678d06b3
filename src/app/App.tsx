/**
 * The page: toolbar on top, graph over terminal on the left (resizable), inspector (and history) on
 * the right. Embedded (embed=1) it keeps only the panels the page asked for (view=); in presenter
 * mode the graph takes most of the screen under the caption bar, and the chrome goes away.
 */
import { lazy, Suspense, useEffect } from "react";
import { saveHistory, useHistory } from "../store/history";
import { useLab } from "../store/lab-store";
import type { LabOptions } from "../store/page";
import { usePage } from "../store/page";
import { autoSave } from "../store/persist";
import { loadRuntime } from "../store/runtime-loader";
import { TerminalPanel } from "../terminal/TerminalPanel";
import { type BootTarget, boot } from "./boot";
import { HistoryList } from "./HistoryList";
import { Notices } from "./Notices";
import { PanelBoundary } from "./PanelBoundary";
import { CaptionBar, ExitPresenter, Spotlight, useRefitOnPresent } from "./Presenter";
import { SplitPane } from "./SplitPane";
import { listenForShortcuts } from "./shortcuts";
import { Toolbar } from "./Toolbar";
import { useTheme } from "./theme";

// The prompt comes first; the graph (React Flow), the inspector and the shell load once it is drawn.
const GraphPanel = lazy(() => import("../graph/GraphPanel").then((m) => ({ default: m.GraphPanel })));
const Inspector = lazy(() => import("../inspector/Inspector").then((m) => ({ default: m.Inspector })));

/** The graph's share of the height in presenter mode. */
const PRESENTER_SPLIT = 0.7;

export function App({ options, target }: { options: LabOptions; target: BootTarget }) {
  const theme = useTheme();
  const inspectorOpen = useLab((s) => s.inspectorOpen);
  const booted = useLab((s) => s.booted);
  const presenting = usePage((s) => s.presenting);
  const historyOpen = usePage((s) => s.historyOpen);
  const { embed, view } = usePage((s) => s.options);
  useEffect(() => boot(options, target), [options, target]);
  useEffect(() => autoSave(useLab.subscribe, () => saveHistory(useHistory.getState().history)), []);
  useEffect(listenForShortcuts, []);
  useEffect(() => {
    if (booted) void loadRuntime();
  }, [booted]);
  useRefitOnPresent();

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
        {chrome && inspectorOpen && (
          <aside
            aria-label="Inspector"
            className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 bg-white xl:w-96 dark:border-slate-800 dark:bg-slate-900"
          >
            {booted && (
              <PanelBoundary name="inspector">
                <Suspense fallback={null}>
                  <Inspector />
                </Suspense>
              </PanelBoundary>
            )}
          </aside>
        )}
      </div>
      <Spotlight />
      <Notices />
    </div>
  );
}
