/**
 * The last command's hops as a list of buttons, one a hop, the one on the graph marked and kept
 * scrolled into view: the rows of the event list and the sentences of the Story panel.
 */
import { type ReactNode, useEffect, useRef } from "react";
import { usePlayer } from "../store/player";

export function HopList<T>({
  items,
  onPick,
  rowClass,
  children,
}: {
  /** One a hop, in the order of the hops. */
  items: readonly T[];
  onPick: (index: number) => void;
  /** The classes of a hop's button beyond those every row has. */
  rowClass: (item: T, index: number, current: boolean) => string;
  children: (item: T) => ReactNode;
}) {
  const cursor = usePlayer((s) => s.cursor);
  const currentRow = useRef<HTMLLIElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the row to show changes with the cursor.
  useEffect(() => {
    currentRow.current?.scrollIntoView({ block: "nearest" });
  }, [cursor]);
  return (
    <ol className="min-h-0 flex-1 overflow-y-auto">
      {items.map((item, i) => {
        const current = i === cursor;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: hops are a fixed list; the index is their identity.
          <li key={i} ref={current ? currentRow : undefined} aria-current={current ? "step" : undefined}>
            <button
              type="button"
              onClick={() => onPick(i)}
              className={`block w-full border-b border-slate-100 px-2 py-1 text-left hover:bg-slate-100 dark:border-slate-800 dark:hover:bg-slate-800 ${
                current ? "bg-sky-100 dark:bg-sky-900" : ""
              } ${rowClass(item, i, current)}`}
            >
              {children(item)}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
