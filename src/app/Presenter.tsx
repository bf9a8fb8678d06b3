/**
 * Presenter mode's own pieces: the caption bar (the step's caption and the command being run, large,
 * at the top where a room can read it), the spotlight on a clicked node, the way out, and the
 * look for a projector (presenter.css: high contrast, thick lines).
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { diagramSource } from "../graph/diagram-source";
import { useDemo } from "../store/demo";
import { useLab } from "../store/lab-store";
import { usePage } from "../store/page";
import { usePlayer } from "../store/player";
import "./presenter.css";

export function CaptionBar({ large }: { large: boolean }) {
  const { t } = useTranslation();
  const caption = usePage((s) => s.caption);
  const demo = useDemo((s) => s.steps.length > 0);
  if (!caption && !demo) return null;
  return (
    <div
      role="status"
      aria-label={t("keep.caption")}
      className={`dnl-caption flex shrink-0 items-baseline gap-4 border-b px-4 ${large ? "py-3" : "py-1 text-sm"}`}
    >
      {caption?.step && (
        <span className="shrink-0 tabular-nums opacity-80">
          {caption.step[0]}/{caption.step[1]}
        </span>
      )}
      {caption ? (
        <span className="min-w-0 flex-1">
          {caption.text && <span className="dnl-caption-text block font-semibold">{caption.text}</span>}
          <code className="dnl-caption-command block font-mono [overflow-wrap:anywhere]">
            $ {caption.command}
          </code>
        </span>
      ) : (
        <span className="flex-1 opacity-80">{t("keep.firstStep")}</span>
      )}
    </div>
  );
}

/** In presenter mode a clicked node is lit and the rest dimmed, for the room to look at; a click on the background ends it. */
export function Spotlight() {
  const presenting = usePage((s) => s.presenting);
  const selection = useLab((s) => s.selection);
  const revision = useLab((s) => s.revision);
  const id = presenting && selection?.kind === "node" ? selection.id : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision may redraw the node.
  useEffect(() => {
    const graph = diagramSource()?.element;
    if (!graph || !id) return;
    const node = graph.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
    graph.dataset.spotlight = "on";
    node?.setAttribute("data-spotlit", "");
    return () => {
      delete graph.dataset.spotlight;
      node?.removeAttribute("data-spotlit");
    };
  }, [id, revision]);
  return null;
}

/** The Docker hosts' boxes: what a demo is about (the LAN and the internet stay at the edge). */
const dockerHosts = (id: string) => id.startsWith("host:");

/**
 * Fits the view when presenter mode starts or ends: to the Docker hosts while presenting (large
 * enough to read at the back of the room), and again after each command (new containers), to
 * everything after it.
 */
export function useRefitOnPresent(): void {
  const presenting = usePage((s) => s.presenting);
  const revision = useLab((s) => s.revision);
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each revision may have added nodes to show.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      if (!presenting) return;
    }
    // After the graph has drawn the change (and its own fit, when nodes fell outside the view).
    const timer = setTimeout(() => diagramSource()?.showAll(presenting ? dockerHosts : undefined), 450);
    return () => clearTimeout(timer);
  }, [presenting, presenting && revision]);
}

/**
 * Presenter mode plays Step by step (each packet waits for the presenter), unless the address
 * asked for a mode; leaving it brings back the mode there was.
 */
export function usePresenterPlayback(): void {
  const presenting = usePage((s) => s.presenting);
  const asked = usePage((s) => s.options.mode);
  useEffect(() => {
    if (!presenting || asked) return;
    const before = usePlayer.getState().mode;
    usePlayer.getState().setMode("step", false);
    return () => usePlayer.getState().setMode(before, false);
  }, [presenting, asked]);
}

export function ExitPresenter() {
  const { t } = useTranslation();
  const setPresenting = usePage((s) => s.setPresenting);
  return (
    <button
      type="button"
      onClick={() => setPresenting(false)}
      className="fixed top-2 right-2 z-50 rounded bg-slate-900/70 px-3 py-1 text-sm text-white opacity-40 hover:opacity-100 focus-visible:opacity-100"
    >
      {t("keep.exitPresenter")}
    </button>
  );
}
