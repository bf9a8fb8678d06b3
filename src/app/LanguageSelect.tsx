/** The toolbar's language switch; each language is named in itself. */
import { useTranslation } from "react-i18next";
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from "../i18n";
import { setLanguage } from "./language";

export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <select
      aria-label={t("toolbar.language")}
      title={t("toolbar.language")}
      className="rounded border border-slate-300 bg-transparent px-1 py-0.5 text-sm dark:border-slate-700"
      value={i18n.language}
      onChange={(e) => {
        if (isLanguage(e.target.value)) setLanguage(e.target.value);
      }}
    >
      {LANGUAGES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LANGUAGE_NAMES[l]}
        </option>
      ))}
    </select>
  );
}
