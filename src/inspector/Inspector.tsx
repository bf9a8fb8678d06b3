/** The inspector: details of whatever is selected on the graph. */
import { useLab } from "../store/lab-store";

export function Inspector() {
  const selection = useLab((s) => s.selection);
  return (
    <div className="p-3 text-sm">
      <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
        Inspector
      </h2>
      {selection ? (
        <p className="font-mono">{selection.id}</p>
      ) : (
        <p>Select a container, bridge or cable on the graph to see its details.</p>
      )}
    </div>
  );
}
