/**
 * One panel's failure stays in that panel: the graph or the inspector breaking leaves the terminal
 * (and the student's work) usable, with a way to save the lab as a file and to try the panel again.
 */
import { Component, type ReactNode } from "react";
import { t } from "../i18n";
import { exportLabFile } from "../store/share";

interface Props {
  name: "graph" | "terminal" | "inspector" | "lesson";
  children: ReactNode;
}

export class PanelBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="flex h-full flex-col items-start gap-2 overflow-auto p-4 text-sm">
        <p className="font-semibold">
          {t("keep.panelFailed", { panel: t(`keep.panels.${this.props.name}`) })}
        </p>
        <p className="text-slate-600 dark:text-slate-300">{t("keep.panelSafe")}</p>
        <pre className="max-w-full whitespace-pre-wrap rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">
          {error.message}
        </pre>
        <div className="flex gap-2">
          <button type="button" className="rounded bg-sky-600 px-3 py-1 text-white" onClick={exportLabFile}>
            {t("keep.exportLab")}
          </button>
          <button
            type="button"
            className="rounded border border-slate-300 px-3 py-1 dark:border-slate-600"
            onClick={() => this.setState({ error: undefined })}
          >
            {t("keep.tryAgain")}
          </button>
        </div>
      </div>
    );
  }
}
