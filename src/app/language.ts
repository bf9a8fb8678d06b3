/**
 * The page's language: from `?lang=`, else the choice remembered from the toolbar, else the
 * browser's; kept on <html lang> (fonts and screen readers follow it) and in every terminal tab's
 * `LANG`, so that the lab's own `help` speaks it too. `setLanguage` is what the toolbar and URL
 * parameters call.
 */
import { changeLanguage, currentLanguage, i18n, type Language } from "../i18n";
import { detectLanguage, localeOf } from "../i18n/languages";
import { useLab } from "../store/lab-store";

const LANG_KEY = "docker-network-lab:lang";

function storedChoice(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

let loaded: Promise<void> = Promise.resolve();

/** Settles when the words of the language last chosen are showing (or could not be loaded). */
export function languageLoaded(): Promise<void> {
  return loaded.catch(() => undefined);
}

/** Reads the language from the page's URL, storage and browser; called once before the first render. */
export function startLanguage(): Language {
  const language = detectLanguage({
    search: location.search,
    stored: storedChoice(),
    browser: navigator.languages?.length ? navigator.languages : [navigator.language],
  });
  apply(language);
  return language;
}

/** Switches the page to `language`; `remember` keeps it for the next visit (the toolbar's choice does). */
export function setLanguage(language: Language, remember = true): void {
  if (remember) {
    try {
      localStorage.setItem(LANG_KEY, language);
    } catch {
      // Storage disabled: the choice lasts for this visit.
    }
  }
  apply(language);
}

function apply(language: Language): void {
  loaded = changeLanguage(language);
  document.documentElement.lang = language;
  useLab.getState().setLocale(localeOf(language));
}

export { currentLanguage, i18n };
