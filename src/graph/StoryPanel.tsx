/**
 * The packets of the last command told in sentences beside the graph, one per hop, in the page's
 * language, the hop on screen marked. A sentence is a button: it moves the graph there, as a row of
 * the event list does.
 */
import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../store/player";
import { narrate } from "../view/narration";
import type { EventRow } from "./EventList";
import { SidePanel } from "./SidePanel";

export function StoryPanel({ rows, onPick }: { rows: EventRow[]; onPick: (index: number) => void }) {
  const { t, i18n } = useTranslation();
  const cursor = usePlayer((s) => s.cursor);
  const currentRow = useRef<HTMLLIElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: narrate() words the story in i18n's language.
  const story = useMemo(() => rows.map((r) => narrate(r.hop, r.where)), [rows, i18n.language]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the sentence to show changes with the cursor.
  useEffect(() => {
    currentRow.current?.scrollIntoView({ block: "nearest" });
  }, [cursor]);
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
        <ol className="min-h-0 flex-1 overflow-y-auto">
          {story.map((sentence, i) => {
            const current = i === cursor;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: hops are a fixed list; the index is their identity.
              <li key={i} ref={current ? currentRow : undefined} aria-current={current ? "step" : undefined}>
                <button
                  type="button"
                  onClick={() => onPick(i)}
                  className={`block w-full border-b border-slate-100 px-2 py-1 text-left [overflow-wrap:anywhere] hover:bg-slate-100 dark:border-slate-800 dark:hover:bg-slate-800 ${
                    current
                      ? "bg-sky-100 dark:bg-sky-900"
                      : i > cursor
                        ? "text-slate-500 dark:text-slate-400"
                        : ""
                  } ${rows[i]?.hop.decision === "dropped" && !rows[i]?.hop.note.endsWith("ignored") ? "text-red-700 dark:text-red-300" : ""}`}
                >
                  {sentence}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </SidePanel>
  );
}
