/**
 * localStorage where the page may use it. In a third-party frame with storage blocked (a tutorial
 * on another site embedding the lab) merely reading `localStorage` throws; there, and in private
 * modes, the lab runs without remembering anything.
 */
export function localStore(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
