/**
 * The terminal area: the session tabs and one xterm per session (each keeps its own scrollback),
 * the visible one fitted to the pane as the window or the graph/terminal split changes.
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Lab } from "../shell/lab";
import { useLab } from "../store/lab-store";
import { playerShortcut } from "../store/player-keys";
import { useFontSize } from "./font-size";
import { type PageKeys, SessionTerminal } from "./session-terminal";
import { closeTab, TerminalTabs } from "./TerminalTabs";

type Theme = "light" | "dark";

/** Alt+T new tab, Alt+W close it, Alt+1…9 switch: keys a page can have without fighting the browser. */
function isTabShortcut(e: KeyboardEvent): boolean {
  return (
    e.altKey &&
    !e.ctrlKey &&
    !e.metaKey &&
    (e.code === "KeyT" || e.code === "KeyW" || /^Digit[1-9]$/.test(e.code))
  );
}

function onPageShortcut(e: KeyboardEvent): void {
  if (e.type !== "keydown") return;
  const action = playerShortcut(e);
  if (action) {
    e.preventDefault();
    action();
    return;
  }
  if (!isTabShortcut(e)) return;
  e.preventDefault();
  const { lab, activeSession, openSession, setActiveSession } = useLab.getState();
  if (e.code === "KeyT") openSession();
  else if (e.code === "KeyW") closeTab(activeSession);
  else {
    const target = lab.sessions[Number(e.code.slice(5)) - 1];
    if (target) setActiveSession(target.id);
  }
}

const pageKeys: PageKeys = {
  fontSize: (step) => useFontSize.getState().step(step),
  isShortcut: (e) => isTabShortcut(e) || playerShortcut(e) !== undefined,
};

/** A new Lab (after "Reset lab") gets new terminals, not the old scrollback. */
const generations = new WeakMap<Lab, number>();
let nextGeneration = 0;
function generationOf(lab: Lab): number {
  let g = generations.get(lab);
  if (g === undefined) {
    g = nextGeneration++;
    generations.set(lab, g);
  }
  return g;
}

function TerminalView({ id, active, theme }: { id: string; active: boolean; theme: Theme }) {
  const box = useRef<HTMLDivElement>(null);
  const terminal = useRef<SessionTerminal | null>(null);
  const fontSize = useFontSize((s) => s.size);
  const initial = useRef({ theme, fontSize });

  useEffect(() => {
    if (!box.current) return;
    const t = new SessionTerminal(id, box.current, initial.current, pageKeys);
    terminal.current = t;
    const observer = new ResizeObserver(() => t.fitToBox());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      terminal.current = null;
      t.dispose();
    };
  }, [id]);

  useEffect(() => terminal.current?.setTheme(theme), [theme]);
  useEffect(() => terminal.current?.setFontSize(fontSize), [fontSize]);
  useEffect(() => {
    if (!active) return;
    terminal.current?.fitToBox();
    terminal.current?.focus();
  }, [active]);

  return (
    <div
      ref={box}
      role="tabpanel"
      id={`terminal-panel-${id}`}
      aria-labelledby={`terminal-tab-${id}`}
      data-terminal-active={active}
      // Hidden tabs keep their size (xterm measures its cells) but are neither seen nor read.
      className={`absolute inset-0 py-1 pl-2 ${active ? "visible" : "invisible"}`}
    />
  );
}

export function TerminalPanel({ theme }: { theme: Theme }) {
  const { t } = useTranslation();
  useLab((s) => s.revision);
  const lab = useLab((s) => s.lab);
  const active = useLab((s) => s.activeSession);

  useEffect(() => {
    window.addEventListener("keydown", onPageShortcut, true);
    return () => window.removeEventListener("keydown", onPageShortcut, true);
  }, []);

  return (
    <section
      aria-label={t("app.terminal")}
      className="flex h-full w-full flex-col bg-white dark:bg-[#0b1220]"
    >
      <TerminalTabs sessions={[...lab.sessions]} active={active} />
      <div key={generationOf(lab)} className="relative min-h-0 flex-1">
        {lab.sessions.map((s) => (
          <TerminalView key={s.id} id={s.id} active={s.id === active} theme={theme} />
        ))}
      </div>
    </section>
  );
}
