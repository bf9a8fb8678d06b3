/**
 * The page around the lab: the options it was opened with (URL parameters or the custom element's
 * attributes, embed/params.ts), presenter mode, the history list, the caption and spotlight of a
 * scripted demo. Nothing here is part of the lab or saved with it.
 */
import { create } from "zustand";
import type { DockerEra } from "../engine/docker/era";

type View = "graph" | "terminal" | "both";

export interface LabOptions {
  /** Minimal chrome for a frame in a tutorial page; nothing saved. */
  embed: boolean;
  /** A lesson id or a same-origin URL of a lesson file. */
  lesson?: string;
  /** Commands run on load, one a line; `#` lines are the captions of the command after them. */
  script?: string;
  lang?: string;
  theme?: "light" | "dark" | "system";
  view: View;
  /** The student watches: nothing can be typed, the page or the script drives the lab. */
  readonly: boolean;
  mode?: "realtime" | "step";
  speed?: number;
  detail?: "host" | "all";
  /** The Docker release the lab runs: 20 prints what the tutorials' 20.10 printed. */
  era?: DockerEra;
  present: boolean;
  /** Origins whose postMessage requests are obeyed; the page's own by default. */
  origins: string[];
}

const DEFAULT_OPTIONS: LabOptions = {
  embed: false,
  view: "both",
  readonly: false,
  present: false,
  origins: [],
};

interface PageState {
  options: LabOptions;
  presenting: boolean;
  historyOpen: boolean;
  /** The caption bar's text: the command being run and what it is about. */
  caption?: { command: string; text?: string; step?: [number, number] };
  /** A node the presenter clicked, lit for the room. */
  spotlight?: string;
  setOptions(options: LabOptions): void;
  setPresenting(on: boolean): void;
  toggleHistory(): void;
  setCaption(caption: PageState["caption"]): void;
  setSpotlight(id: string | undefined): void;
}

export const usePage = create<PageState>()((set, get) => ({
  options: DEFAULT_OPTIONS,
  presenting: false,
  historyOpen: false,
  setOptions(options) {
    set({ options, presenting: options.present });
  },
  setPresenting(on) {
    set({ presenting: on, spotlight: undefined });
  },
  toggleHistory() {
    set({ historyOpen: !get().historyOpen });
  },
  setCaption(caption) {
    set({ caption });
  },
  setSpotlight(id) {
    set({ spotlight: get().spotlight === id ? undefined : id });
  },
}));
