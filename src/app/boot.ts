/**
 * What the page does once, when it opens: apply the options it was given (URL parameters or the
 * custom element's attributes), bring back the history that goes with a saved lab, offer a way out
 * of an unreadable save, open a share link, answer the embedding page, run or hold a script.
 */
import { addEmitter, emit, reportCommands } from "../embed/api";
import { loadDemo, runScript } from "../embed/demo";
import { whenReady } from "../embed/driver";
import { serveFrame } from "../embed/frame";
import type { Event } from "../embed/messages";
import { parseScript } from "../embed/script";
import { loadHistory, startHistory, trackCommands, useHistory } from "../store/history";
import { startup, useLab } from "../store/lab-store";
import { useNotices } from "../store/notices";
import type { LabOptions } from "../store/page";
import { usePage } from "../store/page";
import { forgetUnreadable, unreadableSave } from "../store/persist";
import { usePlayer } from "../store/player";
import { download, openSharedFromLocation, stamp } from "../store/share";

function offerRecovery(problem: string): void {
  useNotices.getState().push({
    tone: "error",
    text: `Your saved lab could not be read (${problem}). A fresh lab has been started; the old save is kept until you start over.`,
    actions: [
      {
        label: "Export what was saved",
        run: () =>
          download(
            `docker-network-lab-unreadable-${stamp()}.json`,
            "application/json",
            unreadableSave() ?? "",
          ),
      },
      { label: "Start over", run: forgetUnreadable },
    ],
  });
}

export interface BootTarget {
  /** Where events go: the parent page of a frame, or the custom element's listeners. */
  events?: (event: Event) => void;
  /** Serve postMessage requests (a page in a frame); the custom element takes calls instead. */
  frame: boolean;
}

export function boot(options: LabOptions, target: BootTarget): () => void {
  const stops: (() => void)[] = [];
  usePage.getState().setOptions(options);
  if (options.theme) useLab.getState().setTheme(options.theme);
  if (options.speed) usePlayer.getState().setSpeed(options.speed);
  useHistory.setState({ history: (startup.saved && loadHistory()) || startHistory() });
  stops.push(trackCommands(), reportCommands());
  if (target.events) stops.push(addEmitter(target.events));
  if (target.frame) stops.push(serveFrame(options.origins));
  if (startup.problem) offerRecovery(startup.problem);
  if (target.frame) {
    openSharedFromLocation();
    // A share link pasted into the address bar of an open lab changes only the fragment.
    addEventListener("hashchange", openSharedFromLocation);
    stops.push(() => removeEventListener("hashchange", openSharedFromLocation));
  }
  let live = true;
  void whenReady().then(async () => {
    if (!live) return;
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
