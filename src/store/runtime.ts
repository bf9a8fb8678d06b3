/**
 * The part of the lab that runs commands: the shell's runner and every command it knows (most of
 * the lab's own code). The page loads it right after the first prompt is drawn (runtime-loader.ts).
 */

import { LANGUAGES, loadLanguage } from "../i18n";

// Every language's words, once the page is up: the lab's own commands speak a tab's LANG.
for (const language of LANGUAGES) void loadLanguage(language);

export { completionSource } from "../shell/completion-source";
export { detach } from "../shell/detach";
export { interruptLive, resumeLive, runLine } from "../shell/run";
