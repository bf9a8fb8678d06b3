/**
 * The names of the long-running process kinds (commands/index.ts PROCESSES), on their own so that
 * a lab from outside can be checked before the shell has loaded; a test keeps the two lists equal.
 */
export const PROCESS_KINDS = [
  "attached",
  "docker-logs",
  "docker-wait",
  "ping",
  "listener",
  "telnet",
  "tcpdump",
  "sleep",
] as const;
