/** A panel beside the graph (the event list, the story, who can reach whom): a named region with its title. */
import type { ReactNode } from "react";

export function SidePanel({
  label,
  title,
  className,
  testId,
  children,
}: {
  /** The region's name for assistive technology. */
  label: string;
  title: string;
  /** Its width and text size. */
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
