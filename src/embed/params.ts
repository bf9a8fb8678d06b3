import { isEra } from "../engine/docker/era";
import type { LabOptions } from "../store/page";

/**
 * The options a page gives the lab, as URL parameters (`?embed=1&view=graph`) or as the attributes
 * of <docker-network-lab> (the same names): read leniently, a value out of range is ignored, as an
 * embed code copied with a typo should still show a lab.
 */
const truthy = (v: string | null | undefined) => v != null && v !== "0" && v !== "false";

function oneOf<T extends string>(value: string | null | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/** An origin as the browser spells it (scheme://host[:port]), or undefined for anything else. */
function normalOrigin(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

export function readOptions(get: (name: string) => string | null | undefined, ownOrigin: string): LabOptions {
  const speed = Number(get("speed"));
  const origins = (get("origins") ?? "")
    .split(/[\s,]+/)
    .map(normalOrigin)
    .filter((o): o is string => o !== undefined);
  const lesson = get("lesson")?.trim();
  const script = get("script") ?? undefined;
  const lang = get("lang")?.trim();
  const era = Number(get("era"));
  return {
    embed: truthy(get("embed")),
    ...(lesson ? { lesson } : {}),
    ...(script?.trim() ? { script } : {}),
    ...(lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang) ? { lang } : {}),
    ...(oneOf(get("theme"), ["light", "dark", "system"] as const)
      ? { theme: oneOf(get("theme"), ["light", "dark", "system"] as const) }
      : {}),
    view: oneOf(get("view"), ["graph", "terminal", "both"] as const) ?? "both",
    readonly: truthy(get("readonly")),
    ...(oneOf(get("mode"), ["realtime", "step"] as const)
      ? { mode: oneOf(get("mode"), ["realtime", "step"] as const) }
      : {}),
    ...(speed >= 0.25 && speed <= 4 ? { speed } : {}),
    ...(oneOf(get("detail"), ["host", "all"] as const)
      ? { detail: oneOf(get("detail"), ["host", "all"] as const) }
      : {}),
    ...(isEra(era) ? { era } : {}),
    present: truthy(get("present")),
    origins: origins.length > 0 ? [...new Set(origins)] : [ownOrigin],
  };
}

/** The options in a page address. */
export function optionsFromUrl(href: string): LabOptions {
  const url = new URL(href);
  return readOptions((name) => url.searchParams.get(name), url.origin);
}
