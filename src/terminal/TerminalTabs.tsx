/**
 * The tabs above the terminal, one per session: switched by click, arrow keys or Alt+1…9, renamed
 * by double-click or F2, closed with × or Delete (never the last), opened with + or Alt+T. A tab
 * not renamed is titled by where its shell is (the container's name inside `docker exec … sh`).
 */
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { World } from "../engine/world";
import { containerOf } from "../shell/place";
import { currentFrame } from "../shell/session";
import type { Session } from "../shell/types";
import { defaultTitle, useLab } from "../store/lab-store";
import { usePlayer } from "../store/player";
import { useFontSize } from "./font-size";

function tabTitle(world: World, session: Session): string {
  if (session.title !== defaultTitle(session.id, session.frames[0]?.machine)) return session.title;
  return containerOf(world, currentFrame(session))?.name ?? session.title;
}

/** Closes a tab (never the last); a command still running in it is interrupted first, as closing a terminal does. */
export function closeTab(id: string): void {
  const { lab, closeSession } = useLab.getState();
  if (lab.sessions.length <= 1) return;
  if (usePlayer.getState().busy[id]) usePlayer.getState().interrupt(id);
  closeSession(id);
}

const small =
  "rounded px-1.5 text-sm leading-6 text-slate-600 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-slate-300 dark:hover:bg-slate-800";

/** A small button of the tab bar, named by its label, with its keys and a hint on hover. */
function BarButton({
  label,
  keys,
  hint,
  onClick,
  children,
}: {
  label: string;
  keys: string;
  hint: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={small}
      aria-label={label}
      aria-keyshortcuts={keys}
      title={hint}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

export function TerminalTabs({ sessions, active }: { sessions: Session[]; active: string }) {
  const { t } = useTranslation();
  const world = useLab((s) => s.lab.world);
  const { setActiveSession, openSession, renameSession } = useLab.getState();
  const stepFont = useFontSize((s) => s.step);
  const [renaming, setRenaming] = useState<string | null>(null);

  const focusTab = (id: string) => {
    setActiveSession(id);
    requestAnimationFrame(() => document.getElementById(`terminal-tab-${id}`)?.focus());
  };

  const onTabKey = (e: React.KeyboardEvent, index: number, id: string) => {
    const go = (i: number) => {
      const target = sessions[(i + sessions.length) % sessions.length];
      if (target) focusTab(target.id);
    };
    if (e.key === "ArrowRight") go(index + 1);
    else if (e.key === "ArrowLeft") go(index - 1);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(sessions.length - 1);
    else if (e.key === "F2") setRenaming(id);
    else if (e.key === "Delete") closeTab(id);
    else return;
    e.preventDefault();
  };

  return (
    <div className="flex h-8 shrink-0 items-stretch gap-1 border-b border-slate-200 bg-slate-50 px-1 dark:border-slate-800 dark:bg-slate-900">
      <div role="tablist" aria-label={t("tabs.list")} className="flex min-w-0 items-stretch overflow-x-auto">
        {sessions.map((s, index) => {
          const title = tabTitle(world, s);
          const selected = s.id === active;
          if (renaming === s.id) {
            return (
              <input
                key={s.id}
                aria-label={t("tabs.rename")}
                // biome-ignore lint/a11y/noAutofocus: the input appears because the user asked to rename; typing goes there.
                autoFocus
                defaultValue={title}
                className="my-1 w-32 rounded border border-sky-500 bg-white px-1 font-mono text-sm dark:bg-slate-950"
                onFocus={(e) => e.currentTarget.select()}
                onBlur={(e) => {
                  renameSession(s.id, e.currentTarget.value);
                  setRenaming(null);
                }}
                onKeyDown={(e) => {
                  if (e.key === "Enter") e.currentTarget.blur();
                  if (e.key === "Escape") {
                    e.currentTarget.value = title;
                    e.currentTarget.blur();
                  }
                }}
              />
            );
          }
          return (
            <button
              key={s.id}
              type="button"
              role="tab"
              id={`terminal-tab-${s.id}`}
              aria-selected={selected}
              aria-controls={`terminal-panel-${s.id}`}
              aria-keyshortcuts={`Alt+${index + 1} F2 Delete`}
              tabIndex={selected ? 0 : -1}
              title={t("tabs.renameHint")}
              className={`group flex max-w-48 items-center gap-1 border-b-2 px-2 font-mono text-sm focus-visible:outline-2 focus-visible:outline-sky-500 ${
                selected
                  ? "border-sky-600 bg-white text-slate-900 dark:border-sky-400 dark:bg-[#0b1220] dark:text-slate-100"
                  : "border-transparent text-slate-600 hover:bg-slate-200 dark:text-slate-400 dark:hover:bg-slate-800"
              }`}
              // A click selects the tab and its terminal takes the focus; arrow keys keep it on the tabs.
              onClick={() => setActiveSession(s.id)}
              onDoubleClick={() => setRenaming(s.id)}
              onKeyDown={(e) => onTabKey(e, index, s.id)}
            >
              <span className="truncate">{title}</span>
              {sessions.length > 1 && (
                // A mouse target only: a button inside a tab would nest controls. Keys: Delete on the tab, Alt+W.
                <span
                  aria-hidden="true"
                  title={t("tabs.close", { title })}
                  data-close-tab={s.id}
                  className="rounded px-0.5 text-slate-500 hover:bg-slate-300 hover:text-slate-900 dark:hover:bg-slate-700 dark:hover:text-slate-100"
                  onClick={(e) => {
                    e.stopPropagation();
                    closeTab(s.id);
                  }}
                >
                  ×
                </span>
              )}
            </button>
          );
        })}
      </div>
      <BarButton label={t("tabs.new")} keys="Alt+T" hint={t("tabs.newHint")} onClick={() => openSession()}>
        +
      </BarButton>
      <div className="ml-auto flex items-center gap-0.5">
        <BarButton
          label={t("tabs.smaller")}
          keys="Control+-"
          hint={t("tabs.smallerHint")}
          onClick={() => stepFont(-1)}
        >
          {/* Drawn, not written: the button's name is its label, and "A−" is no word of it. */}
          <span aria-hidden="true" className="before:content-['A−']" />
        </BarButton>
        <BarButton
          label={t("tabs.larger")}
          keys="Control+="
          hint={t("tabs.largerHint")}
          onClick={() => stepFont(1)}
        >
          <span aria-hidden="true" className="before:content-['A+']" />
        </BarButton>
      </div>
    </div>
  );
}
