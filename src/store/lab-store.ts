/**
 * The app's one store: the Lab (world + terminal sessions) and the UI state around it. The Lab is
 * mutated in place by the engine; `revision` goes up after every change so that views re-derive.
 * Packet traces from the last command are queued here for the graph's playback.
 */
import { create } from "zustand";
import { type DockerEra, eraOfWorld, setEra } from "../engine/docker/era";
import { createLab, followHosts, hostNames, type Lab } from "../shell/lab-state";
import { hostSession } from "../shell/session";
import type { Execution, LiveProcess, Session } from "../shell/types";
import { type Loaded, loadSaved } from "./persist";
import { type Runtime, runtime } from "./runtime-loader";

export type ThemeChoice = "system" | "light" | "dark";

export interface Selection {
  /** A hop is an index into flatHops(usePlayer traces), as a string. */
  kind: "node" | "edge" | "hop";
  id: string;
}

export interface LabState {
  lab: Lab;
  revision: number;
  activeSession: string;
  /** Live processes per session (an endless ping), resumed by the terminal. */
  live: Record<string, LiveProcess | undefined>;
  selection: Selection | null;
  /** Node positions the user dragged, by node id; kept with the lab. */
  positions: Record<string, { x: number; y: number }>;
  theme: ThemeChoice;
  inspectorOpen: boolean;
  /** Names the last command touched, for the graph to highlight. */
  highlight: string[];
  /** A prompt has been drawn: the graph, the inspector and the shell load after it. */
  booted: boolean;
  /** The `LANG` of every tab's login shell, from the page's language (the lab's `help` follows it). */
  locale: string | undefined;

  run(sessionId: string, line: string): Execution;
  resume(sessionId: string, until: number): Execution | undefined;
  interrupt(sessionId: string): Execution | undefined;
  /** Ctrl+P Ctrl+Q: leave the container's main shell running; undefined when not in one. */
  detach(sessionId: string): Execution | undefined;
  /** Ctrl+C at the prompt: the line is dropped and `$?` becomes 130, as in bash. */
  cancelLine(sessionId: string): void;
  openSession(): string;
  closeSession(id: string): void;
  renameSession(id: string, title: string): void;
  setActiveSession(id: string): void;
  select(selection: Selection | null): void;
  setPosition(id: string, pos: { x: number; y: number }): void;
  clearPositions(): void;
  setTheme(theme: ThemeChoice): void;
  toggleInspector(): void;
  promptShown(): void;
  setLocale(locale: string): void;
  /** The Docker release the lab's daemons run from now on (engine/docker/era.ts). */
  setEra(era: DockerEra): void;
  /** A fresh lab, of the era this one runs. */
  reset(): void;
  /**
   * Puts another lab in place of this one (undo, a share link, a file, a lesson's start): new
   * terminals, nothing running; the tab in front and the placed nodes from `view`, or none.
   */
  replaceLab(
    lab: Lab,
    view?: { activeSession?: string; positions?: Record<string, { x: number; y: number }> },
  ): void;
}

/** A command the store ran, with the lab as it was just before (for the history of undo). */
export interface CommandEvent {
  session: string;
  line: string;
  before: string;
  execution: Execution;
}

const commandListeners = new Set<(e: CommandEvent) => void>();

/** Called after every command line the store runs; the history keeps the lab as it was before it. */
export function onCommand(listener: (e: CommandEvent) => void): () => void {
  commandListeners.add(listener);
  return () => commandListeners.delete(listener);
}

/**
 * A failure inside the engine (a bug, or a lab from outside that passed every check and still
 * broke it) ends the command with a message, as a crashed program would, and leaves the terminal
 * usable; undo or "Reset lab" are the ways back.
 */
function crashed(world: Lab["world"], error: unknown): Execution {
  const message = error instanceof Error ? error.message : String(error);
  return {
    chunks: [{ t: world.clock, stream: "err", text: `docker-network-lab: internal error: ${message}\n` }],
    exit: 70,
    traces: [],
    touched: [],
    start: world.clock,
    end: world.clock,
  };
}

function guarded(world: Lab["world"], body: () => Execution): Execution {
  try {
    return body();
  } catch (error) {
    return crashed(world, error);
  }
}

function sessionOf(lab: Lab, id: string): Session {
  const s = lab.sessions.find((x) => x.id === id);
  if (!s) throw new Error(`no session ${id}`);
  return s;
}

/** The title a tab has until it is renamed: "host1", then "host1 (2)", "host1 (3)" … */
export function defaultTitle(sessionId: string, machine = "host1"): string {
  return sessionId === "s1" ? machine : `${machine} (${sessionId.slice(1)})`;
}

function freshLab(era?: DockerEra): Lab {
  return createLab({ seed: Math.floor(Date.now() % 2147483647), now: Date.now(), ...(era ? { era } : {}) });
}

/** Gives every tab's login shell the page's locale. */
function localize(lab: Lab, locale: string | undefined): Lab {
  if (locale) for (const s of lab.sessions) if (s.frames[0]) s.frames[0].env.LANG = locale;
  return lab;
}

/** The shell, for the actions that run commands; the terminal runs none before it has loaded. */
function shell(): Runtime {
  const loaded = runtime();
  if (!loaded) throw new Error("the shell has not loaded yet");
  return loaded;
}

/** What the page starts with: the saved lab, or a fresh one and why the save could not be read. */
export const startup: Loaded = loadSaved();
const saved = startup.saved;

export const useLab = create<LabState>()((set, get) => {
  /** After the engine ran: bump the revision and keep the live process and what the command touched. */
  const applied = (sessionId: string, execution: Execution): Execution => {
    set({
      revision: get().revision + 1,
      live: { ...get().live, [sessionId]: execution.live },
      highlight: execution.touched.length > 0 ? execution.touched : get().highlight,
    });
    return execution;
  };
  return {
    lab: saved?.lab ?? freshLab(),
    revision: 0,
    activeSession: saved?.activeSession ?? "s1",
    live: {},
    selection: null,
    positions: saved?.positions ?? {},
    theme: saved?.theme ?? "system",
    inspectorOpen: saved?.inspectorOpen ?? true,
    highlight: [],
    booted: false,
    locale: undefined,

    run(sessionId, line) {
      const { lab } = get();
      const before = commandListeners.size > 0 && line.trim() !== "" ? JSON.stringify(lab) : undefined;
      const machines = hostNames(lab);
      const ran = guarded(lab.world, () =>
        shell().runLine(lab.world, sessionOf(lab, sessionId), line, { now: Date.now() }),
      );
      // `lab host add` and `lab host rm` open and close tabs.
      followHosts(lab, machines);
      const execution = applied(sessionId, ran);
      if (before !== undefined && !execution.incomplete)
        for (const l of commandListeners) l({ session: sessionId, line, before, execution });
      return execution;
    },
    resume(sessionId, until) {
      const { lab, live } = get();
      const process = live[sessionId];
      if (!process) return undefined;
      return applied(
        sessionId,
        guarded(lab.world, () => shell().resumeLive(lab.world, sessionOf(lab, sessionId), process, until)),
      );
    },
    interrupt(sessionId) {
      const { lab, live } = get();
      const process = live[sessionId];
      if (!process) return undefined;
      return applied(
        sessionId,
        guarded(lab.world, () => shell().interruptLive(lab.world, sessionOf(lab, sessionId), process)),
      );
    },
    detach(sessionId) {
      const { lab } = get();
      const execution = shell().detach(lab.world, sessionOf(lab, sessionId));
      return execution && applied(sessionId, execution);
    },
    cancelLine(sessionId) {
      sessionOf(get().lab, sessionId).lastExit = 130;
    },
    openSession() {
      const { lab } = get();
      let n = lab.sessions.length + 1;
      while (lab.sessions.some((s) => s.id === `s${n}`)) n++;
      const session = hostSession(`s${n}`, "host1", defaultTitle(`s${n}`));
      lab.sessions.push(session);
      localize(lab, get().locale);
      set({ activeSession: session.id, revision: get().revision + 1 });
      return session.id;
    },
    closeSession(id) {
      const { lab, activeSession, live } = get();
      if (lab.sessions.length <= 1) return;
      const index = lab.sessions.findIndex((s) => s.id === id);
      lab.sessions = lab.sessions.filter((s) => s.id !== id);
      const next = activeSession === id ? (lab.sessions[Math.max(0, index - 1)]?.id ?? "s1") : activeSession;
      set({ activeSession: next, live: { ...live, [id]: undefined }, revision: get().revision + 1 });
    },
    renameSession(id, title) {
      const session = sessionOf(get().lab, id);
      session.title = title.trim() || defaultTitle(id, session.frames[0]?.machine);
      set({ revision: get().revision + 1 });
    },
    setActiveSession(id) {
      set({ activeSession: id });
    },
    select(selection) {
      set({ selection });
    },
    setPosition(id, pos) {
      set({ positions: { ...get().positions, [id]: pos } });
    },
    clearPositions() {
      set({ positions: {} });
    },
    setTheme(theme) {
      set({ theme });
    },
    toggleInspector() {
      set({ inspectorOpen: !get().inspectorOpen });
    },
    promptShown() {
      if (!get().booted) set({ booted: true });
    },
    setLocale(locale) {
      localize(get().lab, locale);
      set({ locale });
    },
    replaceLab(lab, view) {
      const activeSession = lab.sessions.some((s) => s.id === view?.activeSession)
        ? (view?.activeSession ?? "s1")
        : (lab.sessions[0]?.id ?? "s1");
      set({
        lab: localize(lab, get().locale),
        revision: get().revision + 1,
        live: {},
        activeSession,
        positions: view?.positions ?? {},
        selection: null,
        highlight: [],
      });
    },
    setEra(era) {
      setEra(get().lab.world, era);
      set({ revision: get().revision + 1 });
    },
    reset() {
      get().replaceLab(freshLab(eraOfWorld(get().lab.world)));
    },
  };
});
