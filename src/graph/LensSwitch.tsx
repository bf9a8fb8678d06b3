/** The layer lens on the graph: All, L2, L3 or L4+, a segmented control in the graph's corner. */
import { useTranslation } from "react-i18next";
import { useLens } from "../store/lens";
import { LENSES } from "../view/lens";

export function LensSwitch() {
  const { t } = useTranslation();
  const lens = useLens((s) => s.lens);
  const setLens = useLens((s) => s.setLens);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, as a segmented control is.
    <div
      role="group"
      aria-label={t("lens.title")}
      title={t("lens.title")}
      className="flex items-center rounded border border-slate-300 bg-white/95 text-xs shadow-sm dark:border-slate-700 dark:bg-slate-900/95"
    >
      <span className="px-1.5 text-slate-500 dark:text-slate-400">{t("lens.label")}</span>
      {LENSES.map((l) => (
        <button
          key={l}
          type="button"
          data-lens={l}
          aria-pressed={lens === l}
          title={t(`lens.titles.${l}`)}
          onClick={() => setLens(l)}
          className={`h-6 px-2 last:rounded-r focus-visible:outline-2 focus-visible:outline-sky-500 ${
            lens === l ? "bg-sky-700 font-semibold text-white" : "hover:bg-slate-200 dark:hover:bg-slate-800"
          }`}
        >
          {t(`lens.names.${l}`)}
        </button>
      ))}
    </div>
  );
}
