/**
 * The names of the long-running process kinds the commands register (their `processes`), on their
 * own so that a lab from outside can be checked before the shell has loaded; a test keeps the two
 * lists equal (store/lab-file.test.ts).
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
  "traceroute",
  "watch",
  "wget",
] as const;
