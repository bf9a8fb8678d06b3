/**
 * The prune commands' common skeleton: `--filter` (until, label) and `--force`, and the client's y/N
 * confirmation, asked on stdout and answered by the first line of stdin.
 */

import type { DockerEra } from "../../../engine/docker/era";
import type { Ctx } from "../../types";
import { type DockerCommand, type DockerCtx, eraOf } from "./cli";
import { bool, type FlagSpec, type FlagValues, flag, list } from "./flags";
import { parseFilters } from "./format";
import { humanSize } from "./units";

/**
 * Without an answer (nothing piped in) the prompt reads end-of-file and the command is cancelled,
 * which the client treats as success: exit 0 and nothing more printed.
 */
function confirm(ctx: Ctx, message: string): boolean {
  ctx.out.write(`${message} [y/N] `);
  const answer = ctx.stdin.split("\n")[0]?.trim() ?? "";
  return answer.toLowerCase() === "y";
}

/** `docker <group> prune`: once confirmed (or forced), `prune` removes and prints what it removed. */
export function pruneCommand(
  group: string,
  summary: string,
  warning: string | ((flags: FlagValues, era: DockerEra) => string),
  prune: (ctx: DockerCtx, flags: FlagValues) => void,
  extraFlags: FlagSpec[] = [],
): DockerCommand {
  return {
    group: [group, "prune"],
    use: "[OPTIONS]",
    summary,
    flags: [
      ...extraFlags,
      flag("filter", 'Provide filter values (e.g. "until=<timestamp>")', { value: "filter" }),
      flag("force", "Do not prompt for confirmation", { short: "f" }),
    ].sort((a, b) => a.long.localeCompare(b.long)),
    args: { none: true },
    run(ctx, { flags }) {
      parseFilters(list(flags, "filter"), ["until", "label", "label!"]);
      const era = eraOf(ctx);
      const text = typeof warning === "string" ? warning : warning(flags, era);
      if (!bool(flags, "force") && !confirm(ctx, `WARNING! ${text}\nAre you sure you want to continue?`)) {
        // Client 20.10 went on to print the (empty) total of a declined container or image prune.
        if (era === 20 && (group === "container" || group === "image"))
          ctx.out.line(`Total reclaimed space: ${humanSize(0)}`);
        return 0;
      }
      prune(ctx, flags);
      return 0;
    },
  };
}

/** A prune's report: each section that removed something ("Deleted Containers:", its lines, a blank line), then the total. */
export function pruneReport(ctx: DockerCtx, sections: [string, string[]][]): void {
  for (const [title, lines] of sections)
    if (lines.length > 0) ctx.out.line(`${title}:\n${lines.map((l) => `${l}\n`).join("")}`);
  ctx.out.line(`Total reclaimed space: ${humanSize(0)}`);
}
