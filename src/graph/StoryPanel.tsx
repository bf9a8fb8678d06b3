/**
 * The packets of the last command told in sentences beside the graph, one per hop, in the page's
 * language, the hop on screen marked. A sentence is a button: it moves the graph there, as a row of
 * the event list does.
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../store/player";
import { narrate } from "../view/narration";
import type { EventRow } from "./EventList";
import { HopList } from "./HopList";
import { SidePanel } from "./SidePanel";

export function StoryPanel({ rows, onPick }: { rows: EventRow[]; onPick: (index: number) => void }) {
  const { t, i18n } = useTranslation();
  const cursor = usePlayer((s) => s.cursor);
  // biome-ignore lint/correctness/useExhaustiveDependencies: narrate() words the story in i18n's language.
  const story = useMemo(
    () => rows.map((r) => ({ hop: r.hop, sentence: narrate(r.hop, r.where) })),
    [rows, i18n.language],
  );
  return (
    <SidePanel
      label={t("narration.title")}
      title={t("narration.title")}
      testId="story"
      className="w-72 text-sm 2xl:w-96"
    >
      {story.length === 0 ? (
        <p className="p-2 text-slate-500 dark:text-slate-400">{t("narration.empty")}</p>
      ) : (
        <HopList
          items={story}
          onPick={onPick}
          rowClass={({ hop }, i, current) =>
            `[overflow-wrap:anywhere] ${!current && i > cursor ? "text-slate-500 dark:text-slate-400" : ""} ${
              hop.decision === "dropped" && hop.note.kind !== "ignored"
                ? "text-red-700 dark:text-red-300"
                : ""
            }`
          }
        >
          {({ sentence }) => sentence}
        </HopList>
      )}
    </SidePanel>
  );
}
