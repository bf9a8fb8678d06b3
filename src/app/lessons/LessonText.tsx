/** A lesson's text: plain sentences with `code` in backticks, in the page's language. */
import type { Text } from "../../lessons/format";
import { inLanguage } from "../../lessons/format";
import { currentLanguage } from "../language";

export function LessonText({ text, className }: { text: Text; className?: string }) {
  const parts = inLanguage(text, currentLanguage()).split("`");
  return (
    <span className={className}>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, in order.
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.92em] dark:bg-slate-800">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </span>
  );
}
