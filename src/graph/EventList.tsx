/**
 * Every hop of the last command's packets, in time order, with the one on the graph highlighted.
 * Clicking a hop moves the graph there and shows its headers in the inspector.
 */
import { useTranslation } from "react-i18next";
import type { Hop } from "../engine/packet/types";
import { hopLine } from "../view/hop-note";
import { protocolOf } from "../view/packet-tokens";
import { HopList } from "./HopList";
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
        <HopList
          items={rows}
          onPick={onPick}
          rowClass={(r) => (r.hop.decision === "dropped" ? "text-red-700 dark:text-red-300" : "")}
        >
          {(r) => {
            const proto = protocolOf(r.hop.packet);
            return (
              <>
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
                <span className="block truncate" title={hopLine(r.hop)}>
                  <strong>{t(`hop.decisions.${r.hop.decision}`)}</strong> {hopLine(r.hop)}
                </span>
                {r.hop.rule && <span className="block truncate font-mono">{r.hop.rule}</span>}
              </>
            );
          }}
        </HopList>
      )}
    </SidePanel>
  );
}
