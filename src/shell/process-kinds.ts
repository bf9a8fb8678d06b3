/**
 * The names of the long-running process kinds, on their own so that a lab from outside can be
 * checked before the shell has loaded: those the commands register (their `processes`; a test
 * keeps the two lists equal, store/lab-file.test.ts), and the shell's own.
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
  "wget",
] as const;

/** The shell's own kind: a live process whose output a redirection or a pipe takes (its state holds that process). */
export const REDIRECTED = "redirected";
