/** The page's messages (store/notices.ts), top right, each with its actions and a close button. */
import { useTranslation } from "react-i18next";
import { useNotices } from "../store/notices";

export function Notices() {
  const { t } = useTranslation();
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="pointer-events-none fixed top-12 right-3 z-50 flex w-[min(28rem,calc(100vw-1.5rem))] flex-col gap-2">
      {notices.map((n) => (
        <div
          key={n.id}
          role={n.tone === "error" ? "alert" : "status"}
          className={`pointer-events-auto rounded border p-3 text-sm shadow-lg ${
            n.tone === "error"
              ? "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50"
              : "border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900"
          }`}
        >
          <p className="[overflow-wrap:anywhere]">{n.text}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            {n.actions?.map((a) => (
              <button
                key={a.label}
                type="button"
                className="rounded bg-sky-600 px-2 py-0.5 text-white"
                onClick={() => {
                  a.run();
                  dismiss(n.id);
                }}
              >
                {a.label}
              </button>
            ))}
            <button type="button" className="rounded px-2 py-0.5 underline" onClick={() => dismiss(n.id)}>
              {t("keep.close")}
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
