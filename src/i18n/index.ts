/**
 * The interface's words in English, simplified Chinese and Russian, through one i18next instance.
 * Text only: where the language comes from (URL, storage, browser) is the page's business
 * (app/language.ts); engine output never passes through here.
 */
import i18next from "i18next";
import { en, type Messages } from "./en";
import { LANGUAGES, type Language } from "./languages";

export { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from "./languages";

/**
 * Each language's words. English is in the first chunk (it is also every missing key's fallback);
 * Chinese and Russian load when chosen, which keeps the page's first load small.
 */
const MESSAGES: Record<Language, () => Promise<Messages>> = {
  en: async () => en,
  "zh-CN": async () => (await import("./zh-CN")).zhCN,
  ru: async () => (await import("./ru")).ru,
};

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
  resources: { en: { translation: en } },
  // React escapes what it renders; text also goes to titles and the terminal.
  interpolation: { escapeValue: false },
  initAsync: false,
});

export const t = i18n.t.bind(i18n);

export function currentLanguage(): Language {
  return (i18n.language as Language | undefined) ?? "en";
}

/**
 * Switches every text to `language` (views subscribed through react-i18next redraw), once its
 * words have loaded; the promise settles when they show.
 */
export async function changeLanguage(language: Language): Promise<void> {
  wanted = language;
  await loadLanguage(language);
  // A later choice made while these words loaded wins.
  if (wanted === language) await i18n.changeLanguage(language);
}

let wanted: Language = "en";

/**
 * Makes `language`'s words available without switching to it: a tab whose `LANG` is another
 * language than the page's prints the lab's own messages in it (the `lab` command).
 */
export async function loadLanguage(language: Language): Promise<void> {
  if (!i18n.hasResourceBundle(language, "translation"))
    i18n.addResourceBundle(language, "translation", await MESSAGES[language]());
}
