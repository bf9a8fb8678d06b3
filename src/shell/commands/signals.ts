/**
 * Signal names and numbers as the shells' and busybox's `kill` read and print them (x86-64 Linux):
 * busybox 1.35's table (libbb/u_signal_names.c, Debian's build without the real-time names) and
 * bash's `kill -l` (with SIGIO for 29 and the real-time signals), recorded in scenario 40.
 */

/** busybox's names by number; 0 is EXIT (for shells' traps), 29 is POLL. */
const BUSYBOX = [
  "EXIT",
  ...["HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE"],
  ...["ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ"],
  ...["VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS"],
];
/** One above the highest signal number (the kernel's _NSIG). */
const NSIG = 65;

/** busybox's get_signame: the name, or the number itself for one it has no name for. */
export function busyboxSignalName(signo: number): string {
  return BUSYBOX[signo] ?? String(signo);
}

/** busybox's get_signum: a number below NSIG, or a name with or without SIG (any case), IO too; -1 if none. */
export function busyboxSignal(text: string): number {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < NSIG) return n;
  }
  const name = text.replace(/^sig/i, "").toUpperCase();
  const at = BUSYBOX.indexOf(name);
  if (at >= 0) return at;
  return name === "IO" ? 29 : -1;
}

/** busybox's `kill -l`: each named signal on a line of its own. */
export function busyboxSignalList(): string {
  return BUSYBOX.slice(1)
    .map((name, i) => `${String(i + 1).padStart(2)}) ${name}\n`)
    .join("");
}

/** bash's names: busybox's but IO for 29, and the real-time signals 34 to 64. */
export function bashSignalName(signo: number): string | undefined {
  if (signo >= 1 && signo <= 31) return signo === 29 ? "IO" : BUSYBOX[signo];
  if (signo < 34 || signo > 64) return undefined;
  if (signo === 34) return "RTMIN";
  if (signo === 64) return "RTMAX";
  return signo <= 49 ? `RTMIN+${signo - 34}` : `RTMAX-${64 - signo}`;
}

/** bash's decode_signal: a number, or a name with or without SIG (any case); undefined if none. */
export function bashSignal(text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n === 0 || bashSignalName(n) ? n : undefined;
  }
  const name = text.replace(/^sig/i, "").toUpperCase();
  for (let n = 1; n <= 64; n++) if (bashSignalName(n) === name) return n;
  return undefined;
}

/** bash's `kill -l`: five to a line, tab-separated; a last line that is not full ends in a tab. */
export function bashSignalList(): string {
  const entries: string[] = [];
  for (let n = 1; n <= 64; n++) {
    const name = bashSignalName(n);
    if (name) entries.push(`${String(n).padStart(2)}) SIG${name}`);
  }
  let out = "";
  for (let i = 0; i < entries.length; i += 5) {
    const row = entries.slice(i, i + 5);
    out += `${row.join("\t")}${row.length < 5 ? "\t" : ""}\n`;
  }
  return out;
}
