/**
 * The languages the lab speaks, and how a browser's language tag, a `?lang=` value or a shell's
 * `LANG` locale maps onto one of them. Pure: no DOM, no storage.
 */
export const LANGUAGES = ["en", "zh-CN", "ru"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's name in itself, for the switch in the toolbar. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: "English",
  "zh-CN": "简体中文",
  ru: "Русский",
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The lab's language for a BCP 47 tag (`zh-Hans-CN`, `ru-RU`, `en-GB`) or a POSIX locale
 * (`zh_CN.UTF-8`); undefined when it speaks none of them. Traditional Chinese (zh-TW, zh-HK,
 * zh-Hant) is not simplified Chinese: it gets no match rather than the wrong script.
 */
export function matchLanguage(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const parts = tag.split(".")[0]?.replace(/_/g, "-").toLowerCase().split("-") ?? [];
  const [primary, ...rest] = parts;
  if (primary === "en") return "en";
  if (primary === "ru") return "ru";
  if (primary === "zh") {
    if (rest.includes("hant") || rest.includes("tw") || rest.includes("hk") || rest.includes("mo"))
      return undefined;
    return "zh-CN";
  }
  return undefined;
}

/**
 * Where the language comes from, first that speaks one of ours: the page's `?lang=`, the choice
 * remembered from the toolbar, the browser's languages in order of preference; else English.
 */
export function detectLanguage(sources: {
  search?: string;
  stored?: string | null;
  browser?: readonly string[];
}): Language {
  const fromUrl = matchLanguage(new URLSearchParams(sources.search ?? "").get("lang"));
  if (fromUrl) return fromUrl;
  if (isLanguage(sources.stored)) return sources.stored;
  for (const tag of sources.browser ?? []) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return "en";
}

/** The `LANG` a shell has when the lab speaks `language` (the lab's own `help` follows it). */
export function localeOf(language: Language): string {
  return { en: "en_US.UTF-8", "zh-CN": "zh_CN.UTF-8", ru: "ru_RU.UTF-8" }[language];
}
