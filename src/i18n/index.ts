/**
 * The interface's words in English, simplified Chinese and Russian, through one i18next instance.
 * Text only: where the language comes from (URL, storage, browser) is the page's business
 * (app/language.ts); engine output never passes through here.
 */
import i18next from "i18next";
import { en } from "./en";
import { LANGUAGES, type Language } from "./languages";
import { ru } from "./ru";
import { zhCN } from "./zh-CN";

export { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from "./languages";

export const MESSAGES = { en, "zh-CN": zhCN, ru } as const;

declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}

export const i18n = i18next.createInstance();
void i18n.init({
  lng: "en",
  fallbackLng: "en",
  supportedLngs: [...LANGUAGES],
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: MESSAGES[l] }])),
  // React escapes what it renders; text also goes to titles and the terminal.
  interpolation: { escapeValue: false },
  initAsync: false,
});

export const t = i18n.t.bind(i18n);

export function currentLanguage(): Language {
  return (i18n.language as Language | undefined) ?? "en";
}

/** Switches every text to `language` (views subscribed through react-i18next redraw). */
export function changeLanguage(language: Language): void {
  void i18n.changeLanguage(language);
}
