/** The terminal: an xterm bound to the active session, reading lines and printing what the lab answers. */
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import { useEffect, useRef } from "react";
import { currentFrame } from "../shell/run";
import { useLab } from "../store/lab-store";
import { onPlayer, usePlayer } from "../store/player";
import { promptFor } from "./prompt";

const THEMES = {
  light: { background: "#ffffff", foreground: "#1e293b", cursor: "#0f172a", selectionBackground: "#bfdbfe" },
  dark: { background: "#0b1220", foreground: "#e2e8f0", cursor: "#e2e8f0", selectionBackground: "#334155" },
};

function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, "\r\n");
}

export function TerminalPanel({ theme }: { theme: "light" | "dark" }) {
  const box = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const t = new Terminal({
      fontFamily: "'DejaVu Sans Mono', Menlo, Consolas, monospace",
      fontSize: 14,
      cursorBlink: true,
      screenReaderMode: true,
      convertEol: false,
      scrollback: 5000,
    });
    const fit = new FitAddon();
    t.loadAddon(fit);
    t.open(box.current);
    fit.fit();
    term.current = t;
    const prompt = () => {
      const { lab, activeSession } = useLab.getState();
      const session = lab.sessions.find((s) => s.id === activeSession);
      if (session) t.write(promptFor(lab.world, currentFrame(session)));
    };
    let line = "";
    prompt();
    const sub = t.onData((data) => {
      for (const ch of data) {
        if (ch === "\r") {
          t.write("\r\n");
          const { run, activeSession } = useLab.getState();
          const result = run(activeSession, line);
          if (result.clear) t.clear();
          usePlayer.getState().enqueue(activeSession, result);
          line = "";
        } else if (ch === "\u007f") {
          if (line.length > 0) {
            line = line.slice(0, -1);
            t.write("\b \b");
          }
        } else if (ch >= " ") {
          line += ch;
          t.write(ch);
        }
      }
    });
    const unlisten = onPlayer((e) => {
      if (e.kind === "chunk") t.write(toCrlf(e.chunk.text));
      else if (!e.execution.live) prompt();
    });
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(box.current);
    t.focus();
    return () => {
      observer.disconnect();
      unlisten();
      sub.dispose();
      t.dispose();
    };
  }, []);

  useEffect(() => {
    if (term.current) term.current.options.theme = THEMES[theme];
  }, [theme]);

  return <section aria-label="Terminal" ref={box} className="h-full w-full bg-white p-1 dark:bg-[#0b1220]" />;
}
