/** Deciding what a container's main process is from its image and command line. */
import type { ImageSpec } from "./images";
import type { MainProcess } from "./types";

const SHELLS = new Set(["sh", "ash", "bash", "dash", "zsh"]);

function base(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Parses busybox/GNU sleep arguments ("3600", "1m", "infinity") into milliseconds. */
function sleepMs(args: string[]): number | undefined {
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

export function classifyMain(spec: ImageSpec, argv: string[], tty: boolean, stdin: boolean): MainProcess {
  const server = (listens: string[], termExitCode = 0): MainProcess => ({
    kind: "server",
    listens,
    handlesTerm: true,
    termExitCode,
  });
  const [cmd = "", ...args] = argv;
  const name = base(cmd);
  const imageDefault = [...(spec.entrypoint ?? []), ...spec.cmd];
  if (spec.services.length > 0 && argv.join(" ") === imageDefault.join(" ")) {
    return server(
      spec.services.map((s) => `${s.proto}/${s.port}`),
      spec.services.some((s) => s.program === "java") ? 143 : 0,
    );
  }
  if (SHELLS.has(name) && !args.includes("-c")) {
    return tty || stdin
      ? { kind: "shell", listens: [], handlesTerm: false, termExitCode: 0 }
      : { kind: "oneshot", listens: [], handlesTerm: false, termExitCode: 0 };
  }
  if (name === "sleep") {
    const ms = sleepMs(args);
    if (ms !== undefined)
      return { kind: "sleep", durationMs: ms, listens: [], handlesTerm: false, termExitCode: 0 };
  }
  if (name === "httpd" && args.includes("-f")) {
    const port = flagValue(args, "-p") ?? "80";
    return { ...server([`tcp/${port.split(":").pop()}`]), handlesTerm: false };
  }
  if (name === "nc" && (args.includes("-l") || args.includes("-lp") || args.includes("-lk"))) {
    const port = flagValue(args, "-p") ?? flagValue(args, "-lp") ?? args.find((a) => /^\d+$/.test(a)) ?? "0";
    return { ...server([`tcp/${port}`]), handlesTerm: false };
  }
  if (
    (name === "tail" && args.includes("-f")) ||
    name === "top" ||
    (name === "ping" && !args.includes("-c"))
  ) {
    return { kind: "server", listens: [], handlesTerm: false, termExitCode: 0 };
  }
  if (spec.services.length > 0 && imageDefault.length > 0 && name === base(imageDefault[0] ?? "")) {
    return server(spec.services.map((s) => `${s.proto}/${s.port}`));
  }
  return { kind: "oneshot", listens: [], handlesTerm: false, termExitCode: 0 };
}
