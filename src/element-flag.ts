/**
 * Imported first by the custom element's entry, before any store module runs: the element's lab
 * starts from its own attributes and saves nothing (store/persist.ts reads this flag).
 */
(globalThis as { dockerNetworkLabElement?: boolean }).dockerNetworkLabElement = true;
