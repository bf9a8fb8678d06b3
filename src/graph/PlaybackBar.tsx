/**
 * The slim bar over the graph: the mode (Realtime, or Step by step with play, pause and a step back
 * or forward), skip to the end, replay the last command's packets, the speed, how much of the way
 * is shown, and what the current hop is. Also the graph's own actions: tidy up, the event list, the
 * legend.
 */

import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type Detail, type Mode, usePlayer } from "../store/player";
import { hopNoteText } from "../view/hop-note";
import { narrate } from "../view/narration";
import { protocolOf, summaryOf } from "../view/packet-tokens";
import type { EventRow } from "./EventList";

const SPEEDS = [0.25, 0.5, 1, 1.5, 2, 4];

/** Small drawn icons: the symbol fonts of every system do not have ⏸ and ⏭. */
const ICONS = {
  play: "M4 2 L13 8 L4 14 Z",
  pause: "M3 2 H6.5 V14 H3 Z M9.5 2 H13 V14 H9.5 Z",
  back: "M3 2 H5 V14 H3 Z M14 2 L6 8 L14 14 Z",
  forward: "M11 2 H13 V14 H11 Z M2 2 L10 8 L2 14 Z",
  replay: "M8 2 A6 6 0 1 1 2.6 5.4 L1 4.6 L2.2 9 L6.2 7.2 L4.6 6.4 A4 4 0 1 0 8 4 Z",
  skip: "M1 2 L7 8 L1 14 Z M7 2 L13 8 L7 14 Z M13 2 H15 V14 H13 Z",
};

const MODES: Mode[] = ["realtime", "step"];
const DETAILS: Detail[] = ["host", "all"];

function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true" fill="currentColor">
      <path d={ICONS[name]} />
    </svg>
  );
}

const button =
  "inline-flex h-7 min-w-7 items-center justify-center rounded px-1.5 text-sm hover:bg-slate-200 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-slate-800";

function Button({
  label,
  short,
  onClick,
  disabled,
  pressed,
  children,
}: {
  label: string;
  /** The word shown on the button, when it is not an icon: its accessible name begins with it. */
  short?: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
  children: ReactNode;
}) {
  const named = short && !label.toLowerCase().startsWith(short.toLowerCase()) ? `${short}: ${label}` : label;
  return (
    <button
      type="button"
      className={`${button}${pressed ? " bg-slate-200 dark:bg-slate-800" : ""}`}
      aria-label={named}
      title={label}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** The hop in words: protocol, what it says, where, which way, what happened there. */
function hopText({ hop, where }: EventRow, t: TFunction): string {
  return `${protocolOf(hop.packet)} ${summaryOf(hop.packet)} · ${where} ${t(`hop.${hop.dir}`)} · ${t(`hop.decisions.${hop.decision}`)}${hop.note.kind === "packet" ? "" : ` · ${hopNoteText(hop.note)}`}`;
}

export function PlaybackBar({
  rows,
  eventsOpen,
  reachOpen,
  storyOpen,
  legendOpen,
  mapOpen,
  onEvents,
  onReach,
  onStory,
  onLegend,
  onMap,
  onTidy,
}: {
  /** Every hop of the packets being shown. */
  rows: EventRow[];
  eventsOpen: boolean;
  reachOpen: boolean;
  storyOpen: boolean;
  legendOpen: boolean;
  mapOpen: boolean;
  onEvents: () => void;
  onReach: () => void;
  onStory: () => void;
  onLegend: () => void;
  onMap: () => void;
  onTidy: () => void;
}) {
  const { t } = useTranslation();
  const cursor = usePlayer((s) => s.cursor);
  const paused = usePlayer((s) => s.paused);
  const speed = usePlayer((s) => s.speed);
  const mode = usePlayer((s) => s.mode);
  const detail = usePlayer((s) => s.detail);
  const animating = usePlayer((s) => s.animating);
  const player = usePlayer.getState();
  const hops = rows.length;
  const currentRow = rows[cursor];
  // In words for everyone (and read out politely); the hop's technical line stays in the tooltip.
  const current = currentRow ? narrate(currentRow.hop, currentRow.where) : "";
  const technical = currentRow ? hopText(currentRow, t) : "";
  // The player steps one beat, which may be a line of output: go on to the next hop (or the end).
  const stepForward = () => {
    const from = usePlayer.getState().cursor;
    for (let i = 0; i < 100 && usePlayer.getState().cursor === from; i++) player.step(1);
  };
  return (
    <>
      <div
        role="toolbar"
        aria-label={t("playback.bar")}
        data-animating={animating}
        className="flex min-h-9 shrink-0 flex-wrap items-center gap-1 border-b border-slate-200 bg-white px-2 py-0.5 text-sm dark:border-slate-800 dark:bg-slate-900"
      >
        {/* biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, as a segmented control is. */}
        <div
          role="group"
          aria-label={t("playback.mode")}
          className="mr-1 flex shrink-0 rounded border border-slate-300 dark:border-slate-700"
        >
          {MODES.map((m) => (
            <button
              key={m}
              type="button"
              data-mode={m}
              aria-pressed={mode === m}
              title={t(`playback.modes.${m}.title`)}
              className={`h-7 whitespace-nowrap px-2 text-xs first:rounded-l last:rounded-r focus-visible:outline-2 focus-visible:outline-sky-500 ${
                mode === m
                  ? "bg-sky-700 font-semibold text-white"
                  : "hover:bg-slate-200 dark:hover:bg-slate-800"
              }`}
              onClick={() => player.setMode(m)}
            >
              {t(`playback.modes.${m}.label`)}
            </button>
          ))}
        </div>
        {mode === "step" && (
          <>
            <Button
              label={paused ? t("playback.play") : t("playback.pause")}
              onClick={() => (paused ? player.play() : player.pause())}
            >
              <Icon name={paused ? "play" : "pause"} />
            </Button>
            <Button label={t("playback.back")} onClick={() => player.step(-1)} disabled={cursor <= 0}>
              <Icon name="back" />
            </Button>
            <Button label={t("playback.forward")} onClick={stepForward}>
              <Icon name="forward" />
            </Button>
          </>
        )}
        <Button label={t("playback.skip")} onClick={() => player.skip()} disabled={!animating}>
          <Icon name="skip" />
        </Button>
        <Button label={t("playback.replay")} onClick={() => player.replay()} disabled={hops === 0}>
          <Icon name="replay" />
        </Button>
        <label
          className="flex items-center text-xs text-slate-600 dark:text-slate-300"
          title={t("playback.speed")}
        >
          <select
            aria-label={t("playback.speed")}
            className="rounded border border-slate-300 bg-transparent px-0.5 py-0.5 text-sm dark:border-slate-700"
            value={speed}
            onChange={(e) => player.setSpeed(Number(e.target.value))}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <label
          className="flex items-center text-xs text-slate-600 dark:text-slate-300"
          title={t("playback.detailTitle")}
        >
          <select
            aria-label={t("playback.detail")}
            className="rounded border border-slate-300 bg-transparent px-0.5 py-0.5 text-sm dark:border-slate-700"
            value={detail}
            onChange={(e) => player.setDetail(e.target.value as Detail)}
          >
            {DETAILS.map((d) => (
              <option key={d} value={d}>
                {t(`playback.details.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="flex-1" />
        <Button
          label={t("playback.events")}
          short={t("playback.eventsShort")}
          onClick={onEvents}
          pressed={eventsOpen}
        >
          <span className="text-xs">{t("playback.eventsShort")}</span>
        </Button>
        <Button
          label={t("narration.buttonTitle")}
          short={t("narration.button")}
          onClick={onStory}
          pressed={storyOpen}
        >
          <span className="text-xs">{t("narration.button")}</span>
        </Button>
        <Button
          label={t("reach.buttonTitle")}
          short={t("reach.button")}
          onClick={onReach}
          pressed={reachOpen}
        >
          <span className="text-xs">{t("reach.button")}</span>
        </Button>
        <Button
          label={t("playback.legend")}
          short={t("playback.legendShort")}
          onClick={onLegend}
          pressed={legendOpen}
        >
          <span className="text-xs">{t("playback.legendShort")}</span>
        </Button>
        <Button label={t("playback.map")} short={t("playback.mapShort")} onClick={onMap} pressed={mapOpen}>
          <span className="text-xs">{t("playback.mapShort")}</span>
        </Button>
        <Button label={t("playback.tidy")} short={t("playback.tidyShort")} onClick={onTidy}>
          <span className="text-xs">{t("playback.tidyShort")}</span>
        </Button>
      </div>
      {/* The hop on screen, in words: a line of its own, so that the bar's controls keep their room. */}
      <output
        aria-live="polite"
        aria-label={t("playback.current")}
        className="block h-6 shrink-0 truncate border-b border-slate-200 bg-white px-3 font-mono text-xs leading-6 text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300"
        title={technical}
      >
        {hops > 0 ? `${Math.max(0, cursor + 1)}/${hops} ${current}` : t("playback.none")}
      </output>
    </>
  );
}
