/**
 * Every hop of the last command's packets, in time order, with the one on the graph highlighted.
 * Clicking a hop moves the graph there and shows its headers in the inspector.
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Hop } from "../engine/packet/types";
import { usePlayer } from "../store/player";
import { protocolOf } from "../view/packet-tokens";
import { PROTOCOL_STYLE } from "./PacketLayer";
import { SidePanel } from "./SidePanel";

export interface EventRow {
  hop: Hop;
  where: string;
}

function ms(t: number, t0: number): string {
  return `+${(t - t0).toFixed(3)} ms`;
}

export function EventList({ rows, onPick }: { rows: EventRow[]; onPick: (index: number) => void }) {
  const { t } = useTranslation();
  const cursor = usePlayer((s) => s.cursor);
  const list = useRef<HTMLOListElement>(null);
  const currentRow = useRef<HTMLLIElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the row to show changes with the cursor.
  useEffect(() => {
    currentRow.current?.scrollIntoView({ block: "nearest" });
  }, [cursor]);
  const t0 = rows[0]?.hop.t ?? 0;
  return (
    <SidePanel
      label={t("events.region")}
      title={t("events.title")}
      className="dnl-events w-64 text-xs 2xl:w-96"
    >
      {rows.length === 0 ? (
        <p className="p-2 text-slate-500 dark:text-slate-400">{t("events.empty")}</p>
      ) : (
        <ol ref={list} className="min-h-0 flex-1 overflow-y-auto">
          {rows.map((r, i) => {
            const proto = protocolOf(r.hop.packet);
            const current = i === cursor;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: hops are a fixed list; the index is their identity.
              <li key={i} ref={current ? currentRow : undefined} aria-current={current ? "step" : undefined}>
                <button
                  type="button"
                  onClick={() => onPick(i)}
                  className={`block w-full border-b border-slate-100 px-2 py-1 text-left hover:bg-slate-100 dark:border-slate-800 dark:hover:bg-slate-800 ${
                    current ? "bg-sky-100 dark:bg-sky-900" : ""
                  } ${r.hop.decision === "dropped" ? "text-red-700 dark:text-red-300" : ""}`}
                >
                  <span className="flex items-baseline gap-1 font-mono">
                    <span
                      className="rounded px-1 font-bold"
                      style={{ background: PROTOCOL_STYLE[proto].color, color: PROTOCOL_STYLE[proto].text }}
                    >
                      {proto}
                    </span>
                    <span className="truncate">{r.where}</span>
                    <span className="text-slate-500 dark:text-slate-400">
                      {r.hop.dir === "out" ? "↑" : "↓"}
                      {t(`hop.${r.hop.dir}`)}
                    </span>
                    <span className="ml-auto shrink-0 text-slate-500 dark:text-slate-400">
                      {ms(r.hop.t, t0)}
                    </span>
                  </span>
                  <span className="block truncate" title={r.hop.note}>
                    <strong>{t(`hop.decisions.${r.hop.decision}`)}</strong> {r.hop.note}
                  </span>
                  {r.hop.rule && <span className="block truncate font-mono">{r.hop.rule}</span>}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </SidePanel>
  );
}
