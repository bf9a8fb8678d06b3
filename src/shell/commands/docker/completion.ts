/**
 * What Tab offers after `docker`, made from the CLI's command table as bash's docker completion
 * offers it: the command words (top-level names, management groups and their subcommands), then
 * the chosen command's flags, and for its operands what its usage line names, in order.
 */
import type { ArgKind, CompletionSpec } from "../../types";

/** A Docker CLI command as completion reads it from the table. */
export interface DockerEntry {
  /** Every way to name it: ["ps"], ["container", "ls"], ["container", "ps"] … */
  paths: string[][];
  /** The usage after the name: "[OPTIONS] NETWORK CONTAINER". */
  use: string;
  flags: { long: string; short?: string; takesValue: boolean }[];
  /** false for run/exec: the first argument ends the flags. */
  interspersed: boolean;
}

/** The root and each management group take --help and --version while the command is being chosen. */
const CHOOSING = [{ long: "help" }, { long: "version" }];

/** Which containers a command acts on: `exec` needs a running one, `start` a stopped one. */
function containerKind(verb: string | undefined): ArgKind {
  if (verb && ["exec", "attach", "stop", "kill", "pause", "top"].includes(verb)) return "running-container";
  if (verb === "start") return "stopped-container";
  if (verb === "unpause") return "paused-container";
  return "container";
}

/** An argument name of a usage line ("NETWORK", "CONTAINER...", "NAME|ID") as what completion offers. */
function operandKind(name: string, verb: string | undefined): ArgKind {
  if (name.includes("CONTAINER")) return containerKind(verb);
  if (name.includes("NETWORK")) return "network";
  if (name.includes("IMAGE")) return "image";
  if (name.startsWith("NAME|ID")) return "object";
  return "text";
}

/** Values of a flag that names something: `--network`/`--net` networks, `--link` containers. */
function flagValue(long: string): ArgKind {
  if (long === "network" || long === "net") return "network";
  if (long === "link") return "container";
  return "text";
}

function leaf(entry: DockerEntry): CompletionSpec {
  const verb = entry.paths[0]?.at(-1);
  // The argument names after the options, brackets dropped: "CONTAINER [CONTAINER...]" -> CONTAINER, CONTAINER...
  const names = entry.use
    .split(/\s+/)
    .filter((w) => w !== "" && w !== "[OPTIONS]")
    .map((w) => w.replace(/^\[|\]$/g, ""));
  return {
    strict: true,
    flags: [
      ...entry.flags.map((f) => ({
        long: f.long,
        ...(f.short ? { short: f.short } : {}),
        ...(f.takesValue ? { value: flagValue(f.long) } : {}),
      })),
      { long: "help" },
    ],
    interspersed: entry.interspersed,
    operands: names.map((n) => operandKind(n, verb)),
    repeat: names.at(-1)?.endsWith("...") ?? false,
  };
}

export function dockerCompletion(entries: readonly DockerEntry[]): CompletionSpec {
  const root: CompletionSpec = { strict: true, flags: CHOOSING, subcommands: {} };
  for (const entry of entries) {
    for (const path of entry.paths) {
      let node = root;
      path.forEach((word, i) => {
        const subcommands = node.subcommands ?? {};
        node.subcommands = subcommands;
        const last = i === path.length - 1;
        subcommands[word] ??= last ? leaf(entry) : { strict: true, flags: CHOOSING, subcommands: {} };
        node = subcommands[word] as CompletionSpec;
      });
    }
  }
  return root;
}
