/** The frame of a panel beside the graph (the event list, the story, the reachability matrix). */
import { type ReactNode, useEffect, useRef } from "react";
import { usePlayer } from "../store/player";

export function SidePanel({
  title,
  label = title,
  className,
  testId,
  children,
}: {
  title: string;
  /** The region's name, when it says more than the heading. */
  label?: string;
  /** Its width and type size (and a class the presenter's styles find it by). */
  className: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-label={label}
      data-testid={testId}
      className={`flex shrink-0 flex-col border-l border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900 ${className}`}
    >
      <h2 className="border-b border-slate-200 px-2 py-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The player's cursor over a list of hops, and a ref for its row, kept scrolled into view. */
export function useCursorRow() {
  const cursor = usePlayer((s) => s.cursor);
  const currentRow = useRef<HTMLLIElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the row to show changes with the cursor.
  useEffect(() => {
    currentRow.current?.scrollIntoView({ block: "nearest" });
  }, [cursor]);
  return { cursor, currentRow };
}
