/**
 * The prune commands' common skeleton: `--filter` (until, label) and `--force`, and the client's y/N
 * confirmation, asked on stdout and answered by the first line of stdin.
 */
import type { Ctx } from "../../types";
import type { DockerCommand, DockerCtx } from "./cli";
import { bool, flag, list } from "./flags";
import { parseFilters } from "./format";

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
  warning: string,
  prune: (ctx: DockerCtx) => void,
): DockerCommand {
  return {
    group: [group, "prune"],
    use: "[OPTIONS]",
    summary,
    flags: [
      flag("filter", 'Provide filter values (e.g. "until=<timestamp>")', { value: "filter" }),
      flag("force", "Do not prompt for confirmation", { short: "f" }),
    ],
    args: { none: true },
    run(ctx, { flags }) {
      parseFilters(list(flags, "filter"), ["until", "label", "label!"]);
      if (!bool(flags, "force") && !confirm(ctx, `WARNING! ${warning}\nAre you sure you want to continue?`))
        return 0;
      prune(ctx);
      return 0;
    },
  };
}
