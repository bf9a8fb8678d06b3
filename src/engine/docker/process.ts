/** Deciding what a container's main process (or a detached exec) is from its image and command line. */
import { basename } from "../path";
import type { ImageSpec } from "./images";
import type { MainProcess } from "./types";

const SHELLS = new Set(["sh", "ash", "bash", "dash", "zsh"]);

export function isShell(path: string): boolean {
  return SHELLS.has(basename(path));
}

/** Parses busybox/GNU sleep arguments ("3600", "1m", "infinity") into milliseconds. */
export function sleepMs(args: string[]): number | undefined {
  const arg = args[0];
  if (arg === "infinity") return Number.POSITIVE_INFINITY;
  const m = arg?.match(/^(\d+(?:\.\d+)?)([smhd]?)$/);
  if (!m) return undefined;
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "" | "s" | "m" | "h" | "d"];
  return Number(m[1]) * unit * 1000;
}

function flagValue(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
}

const oneshot: MainProcess = { kind: "oneshot", listens: [], handlesTerm: false, termExitCode: 0 };

/**
 * Splits a `sh -c` script at its top-level `;`, `&&` and `||` (quotes respected) into the part
 * before the last command and the last command's words, so that `echo hi > f; httpd -f` is known
 * to keep running as httpd after the echo.
 */
function splitScript(script: string): { prefix: string; last: string[] } {
  let quote = "";
  let cut = 0;
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (quote) {
      if (c === quote) quote = "";
      else if (c === "\\" && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\\") i++;
    else if (c === ";" || c === "\n") cut = i + 1;
    else if ((c === "&" || c === "|") && script[i + 1] === c) cut = ++i + 1;
  }
  const prefix = script.slice(0, cut).replace(/\s*(;|&&|\|\||\n)\s*$/, "");
  const last = script
    .slice(cut)
    .trim()
    .replace(/^exec\s+/, "")
    .split(/\s+/)
    .filter((w) => w !== "")
    .map((w) => w.replace(/^(['"])(.*)\1$/, "$2"));
  return { prefix, last };
}

/** What a command line does once started: exits at once (one-shot) or keeps running, and how. */
export function classify(spec: ImageSpec, argv: string[], tty: boolean, stdin: boolean): MainProcess {
  const [cmd = "", ...args] = argv;
  const name = basename(cmd);
  const imageDefault = [...(spec.entrypoint ?? []), ...spec.cmd];
  const server = (listens: string[], termExitCode = 0): MainProcess => ({
    kind: "server",
    listens,
    handlesTerm: true,
    termExitCode,
  });
  if (spec.services.length > 0 && argv.join(" ") === imageDefault.join(" ")) {
    return server(
      spec.services.map((s) => `${s.proto}/${s.port}`),
      spec.services.some((s) => s.program === "java") ? 143 : 0,
    );
  }
  if (SHELLS.has(name)) {
    const script = args[0] === "-c" ? args[1] : undefined;
    if (script === undefined) {
      return tty || stdin ? { kind: "shell", listens: [], handlesTerm: false, termExitCode: 0 } : oneshot;
    }
    const { prefix, last } = splitScript(script);
    const tail = classify(spec, last, false, false);
    // The shell execs its last command: the long-running process is that program, not sh.
    const program = basename(last[0] ?? name);
    return tail.kind === "oneshot" ? oneshot : { ...tail, program, ...(prefix ? { script: prefix } : {}) };
  }
  if (name === "sleep") {
    const ms = sleepMs(args);
    if (ms !== undefined)
      return { kind: "sleep", durationMs: ms, listens: [], handlesTerm: false, termExitCode: 0 };
  }
  if (name === "httpd" && args.includes("-f")) {
    // -p [IP:]PORT: an address given binds that address alone (IPv4); none binds the IPv6 wildcard.
    const bind = flagValue(args, "-p") ?? "80";
    return { ...server([bind.includes(":") ? `tcp/${bind}` : `tcp6/${bind}`]), handlesTerm: false };
  }
  if (name === "nc" && args.some((a) => /^-\w*l/.test(a))) {
    const port = flagValue(args, "-p") ?? args.find((a) => /^\d+$/.test(a)) ?? "0";
    return { ...server([`tcp6/${port}`]), handlesTerm: false };
  }
  // busybox top dies of SIGTERM even as PID 1 (its fatal-signal handler re-raises it): 128 + 15.
  if (name === "top") return { kind: "server", listens: [], handlesTerm: true, termExitCode: 143 };
  if ((name === "tail" && args.includes("-f")) || (name === "ping" && !args.includes("-c"))) {
    return { kind: "server", listens: [], handlesTerm: false, termExitCode: 0 };
  }
  if (spec.services.length > 0 && imageDefault.length > 0 && name === basename(imageDefault[0] ?? "")) {
    return server(spec.services.map((s) => `${s.proto}/${s.port}`));
  }
  return oneshot;
}
