/** The page: toolbar on top, graph over terminal on the left (resizable), inspector on the right. */
import { useEffect } from "react";
import { GraphPanel } from "../graph/GraphPanel";
import { Inspector } from "../inspector/Inspector";
import { useLab } from "../store/lab-store";
import { autoSave } from "../store/persist";
import { TerminalPanel } from "../terminal/TerminalPanel";
import { SplitPane } from "./SplitPane";
import { Toolbar } from "./Toolbar";
import { useTheme } from "./theme";

export function App() {
  const theme = useTheme();
  const inspectorOpen = useLab((s) => s.inspectorOpen);
  useEffect(() => autoSave(useLab.subscribe), []);
  return (
    <div className="flex h-full flex-col">
      <Toolbar />
      <div className="flex min-h-0 flex-1">
        <main className="flex min-w-0 flex-1 flex-col">
          <SplitPane top={<GraphPanel theme={theme} />} bottom={<TerminalPanel theme={theme} />} />
        </main>
        {inspectorOpen && (
          <aside
            aria-label="Inspector"
            className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 bg-white xl:w-96 dark:border-slate-800 dark:bg-slate-900"
          >
            <Inspector />
          </aside>
        )}
      </div>
    </div>
  );
}
