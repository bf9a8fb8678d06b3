/**
 * The names of the long-running process kinds, which a saved lab's live processes are stored under.
 *
 * They are listed here, apart from the kinds themselves, on purpose: a lab from outside is checked
 * (store/lab-integrity.ts) in the page's first chunk, before the shell has loaded, and a kind carries
 * its command's whole machinery (ping's, tcpdump's, the Docker CLI's), which would pull most of the
 * shell into that chunk. So this list is where a kind's name is written first: a ProcessKind's `name`
 * is typed from it (a kind under a name not listed here does not type-check), and
 * store/lab-file.test.ts keeps every name here registered by some command.
 */
export const PROCESS_KINDS = [
  "attached",
  "docker-logs",
  "docker-wait",
  "ping",
  "listener",
  "telnet",
  "tcpdump",
  "time",
  "timeout",
  "sleep",
  "stream",
  "traceroute",
  "watch",
  "wait",
  "wget",
] as const;

/** The shell's own kind: a live process whose output a redirection or a pipe takes (its state holds that process). */
export const REDIRECTED = "redirected";

/** A name a process kind may have. */
export type ProcessKindName = (typeof PROCESS_KINDS)[number] | typeof REDIRECTED;
