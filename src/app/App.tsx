/** The page: toolbar on top, graph over terminal on the left (resizable), inspector on the right. */
import { lazy, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useLab } from "../store/lab-store";
import { autoSave } from "../store/persist";
import { loadRuntime } from "../store/runtime-loader";
import { TerminalPanel } from "../terminal/TerminalPanel";
import { SplitPane } from "./SplitPane";
import { Toolbar } from "./Toolbar";
import { useTheme } from "./theme";

// The prompt comes first; the graph (React Flow), the inspector and the shell load once it is drawn.
const GraphPanel = lazy(() => import("../graph/GraphPanel").then((m) => ({ default: m.GraphPanel })));
const Inspector = lazy(() => import("../inspector/Inspector").then((m) => ({ default: m.Inspector })));

export function App() {
  const { t } = useTranslation();
  const theme = useTheme();
  const inspectorOpen = useLab((s) => s.inspectorOpen);
  const booted = useLab((s) => s.booted);
  useEffect(() => autoSave(useLab.subscribe), []);
  useEffect(() => {
    if (booted) void loadRuntime();
  }, [booted]);
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
        {inspectorOpen && (
          <aside
            aria-label={t("app.inspector")}
            className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 bg-white xl:w-96 dark:border-slate-800 dark:bg-slate-900"
          >
            {booted && (
              <Suspense fallback={null}>
                <Inspector />
              </Suspense>
            )}
          </aside>
        )}
      </div>
    </div>
  );
}
