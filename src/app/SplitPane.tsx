/** Two panes stacked vertically with a handle between them, dragged or moved with the arrow keys. */
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

const KEY = "docker-network-lab:split";

const clamp = (r: number) => Math.min(0.85, Math.max(0.15, r));

function savedRatio(): number {
  const value = Number(localStorage.getItem(KEY));
  return value > 0.15 && value < 0.85 ? value : 0.58;
}

export function SplitPane({ top, bottom }: { top: ReactNode; bottom: ReactNode }) {
  const { t } = useTranslation();
  const [ratio, setRatio] = useState(savedRatio);
  const box = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  useEffect(() => localStorage.setItem(KEY, String(ratio)), [ratio]);

  const onPointerMove = useCallback((e: PointerEvent) => {
    // Only while the handle is dragged: measuring on every pointer move forces a layout, which
    // taxes dragging a graph node.
    if (!dragging.current) return;
    const rect = box.current?.getBoundingClientRect();
    if (!rect) return;
    setRatio(clamp((e.clientY - rect.top) / rect.height));
  }, []);

  useEffect(() => {
    const stop = () => {
      dragging.current = false;
    };
    window.addEventListener("pointermove", onPointerMove);
    window.addEventListener("pointerup", stop);
    return () => {
      window.removeEventListener("pointermove", onPointerMove);
      window.removeEventListener("pointerup", stop);
    };
  }, [onPointerMove]);

  return (
    <div ref={box} className="flex min-h-0 flex-1 flex-col">
      <div className="min-h-0" style={{ flexBasis: `${ratio * 100}%`, flexGrow: 0, flexShrink: 0 }}>
        {top}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a focusable window splitter is a separator that moves, which <hr> cannot be. */}
      <div
        role="separator"
        aria-orientation="horizontal"
        aria-label={t("app.resizeSplit")}
        aria-valuemin={15}
        aria-valuemax={85}
        aria-valuenow={Math.round(ratio * 100)}
        tabIndex={0}
        className="h-1.5 shrink-0 cursor-row-resize bg-slate-200 hover:bg-sky-400 focus:bg-sky-500 focus:outline-none dark:bg-slate-800"
        onPointerDown={(e) => {
          dragging.current = true;
          e.preventDefault();
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowUp") setRatio((r) => clamp(r - 0.03));
          if (e.key === "ArrowDown") setRatio((r) => clamp(r + 0.03));
        }}
      />
      <div className="min-h-0 flex-1">{bottom}</div>
    </div>
  );
}
