/**
 * Every step of the lab as a tree: click one to go back to it (or forward again); a command typed
 * there starts a branch beside the old one, which stays here to go back to.
 */
import type { TFunction } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type Entry, jumpTo, useHistory } from "../store/history";
import { usePage } from "../store/page";

interface Row {
  entry: Entry;
  depth: number;
}

/** Depth-first, children in the order they were made; a branch is indented under where it left. */
function rowsOf(entries: Entry[]): Row[] {
  const children = new Map<number | null, Entry[]>();
  for (const e of entries) {
    const parent = e.parent !== null && entries.some((x) => x.id === e.parent) ? e.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), e]);
  }
  const rows: Row[] = [];
  const walk = (parent: number | null, depth: number) => {
    const kids = children.get(parent) ?? [];
    kids.forEach((kid, i) => {
      // The first child continues the line; later ones are branches, one step in.
      const d = i === 0 ? depth : depth + 1;
      rows.push({ entry: kid, depth: d });
      walk(kid.id, d);
    });
  };
  walk(null, 0);
  return rows;
}

/** What an entry says: the command as typed, or what replaced the lab. */
function labelOf(entry: Entry, t: TFunction): string {
  if (entry.kind === "command") return `$ ${entry.label}`;
  if (entry.kind === "start") return t("keep.entries.start");
  if (entry.kind === "reset") return t("keep.entries.reset");
  return entry.label;
}

export function HistoryList() {
  const { t } = useTranslation();
  const history = useHistory((s) => s.history);
  const failed = useHistory((s) => s.failed);
  const toggle = usePage((s) => s.toggleHistory);
  const rows = useMemo(() => rowsOf(history.entries), [history.entries]);
  return (
    <aside
      aria-label={t("keep.history")}
      className="flex w-72 shrink-0 flex-col border-l border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-3 py-1.5 dark:border-slate-800">
        <h2 className="text-sm font-semibold">{t("keep.history")}</h2>
        <button type="button" className="text-sm underline" onClick={toggle}>
          {t("keep.close")}
        </button>
      </div>
      <ol className="min-h-0 flex-1 overflow-y-auto py-1 font-mono text-xs">
        {rows.map(({ entry, depth }) => {
          const current = entry.id === history.current;
          return (
            <li key={entry.id}>
              <button
                type="button"
                aria-current={current ? "step" : undefined}
                disabled={current}
                onClick={() => jumpTo(entry.id)}
                style={{ paddingLeft: `${0.75 + depth * 0.9}rem` }}
                className={`block w-full truncate py-0.5 pr-2 text-left [overflow-wrap:anywhere] ${
                  current
                    ? "bg-sky-100 font-semibold text-sky-950 dark:bg-sky-900 dark:text-sky-50"
                    : "hover:bg-slate-100 dark:hover:bg-slate-800"
                } ${entry.kind === "command" ? "" : "italic"}`}
                title={entry.session ? `${entry.label} (${entry.session})` : entry.label}
              >
                {depth > 0 ? "└ " : ""}
                {labelOf(entry, t)}
              </button>
              {failed === entry.id && (
                <p role="alert" className="px-3 text-red-700 dark:text-red-300">
                  {t("keep.notRestored")}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
