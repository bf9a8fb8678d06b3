/**
 * What the page does once, when it opens: apply the options it was given (URL parameters or the
 * custom element's attributes), bring back the history that goes with a saved lab, offer a way out
 * of an unreadable save, open a share link, answer the embedding page, run or hold a script.
 */
import { t } from "../i18n";
import { loadDemo, runScript } from "../store/demo";
import { whenReady } from "../store/driver";
import { loadHistory, startHistory, trackCommands, useHistory } from "../store/history";
import { emit, reportCommands, reportGoals } from "../store/lab-api";
import { startup, useLab } from "../store/lab-store";
import { openLesson } from "../store/lesson-ui";
import { useNotices } from "../store/notices";
import type { LabOptions } from "../store/page";
import { usePage } from "../store/page";
import { forgetUnreadable, unreadableSave } from "../store/persist";
import { usePlayer } from "../store/player";
import { parseScript } from "../store/script";
import { download, openSharedFromLocation, refused, stamp } from "../store/share";

function offerRecovery(problem: string): void {
  useNotices.getState().push({
    tone: "error",
    text: t("keep.unreadable", { reason: problem }),
    actions: [
      {
        label: t("keep.exportUnreadable"),
        run: () =>
          download(
            `docker-network-lab-unreadable-${stamp()}.json`,
            "application/json",
            unreadableSave() ?? "",
          ),
      },
      { label: t("keep.startOver"), run: forgetUnreadable },
    ],
  });
}

export interface BootTarget {
  /** The lab is the page (not an element in someone else's): share links in its address are its own. */
  page: boolean;
  /** Connects the lab to whoever embeds it (postMessage in a frame, DOM events from the element); returns the way to stop. */
  connect(): () => void;
}

export function boot(options: LabOptions, target: BootTarget): () => void {
  const stops: (() => void)[] = [];
  usePage.getState().setOptions(options);
  if (options.theme) useLab.getState().setTheme(options.theme);
  // A page's or a link's choice holds for this visit only: the student's own stays remembered.
  if (options.speed) usePlayer.getState().setSpeed(options.speed, false);
  if (options.mode) usePlayer.getState().setMode(options.mode, false);
  if (options.detail) usePlayer.getState().setDetail(options.detail, false);
  // The era is the lab's: a page that asks for the tutorials' Docker gets a lab that runs it.
  if (options.era) useLab.getState().setEra(options.era);
  useHistory.setState({ history: (startup.saved && loadHistory()) || startHistory() });
  stops.push(trackCommands(), reportCommands(), reportGoals(), target.connect());
  if (startup.problem) offerRecovery(startup.problem);
  if (target.page) {
    openSharedFromLocation();
    // A share link pasted into the address bar of an open lab changes only the fragment.
    addEventListener("hashchange", openSharedFromLocation);
    stops.push(() => removeEventListener("hashchange", openSharedFromLocation));
  }
  let live = true;
  void whenReady().then(async () => {
    if (!live) return;
    if (options.lesson) {
      const opened = await openLesson(options.lesson);
      if (!opened.ok) refused(t("keep.lesson", { name: options.lesson }), opened.error);
    }
    const steps = options.script ? parseScript(options.script) : [];
    if (steps.length > 0 && options.present) loadDemo(steps);
    else if (steps.length > 0) await runScript(steps);
    if (live) emit({ type: "lab:ready" });
  });
  return () => {
    live = false;
    for (const stop of stops) stop();
  };
}
