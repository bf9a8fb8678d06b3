/** The client's y/N confirmation (prune): asked on stdout, answered by the first line of stdin. */
import type { Ctx } from "../../types";

/**
 * Without an answer (nothing piped in) the prompt reads end-of-file and the command is cancelled,
 * which the client treats as success: exit 0 and nothing more printed.
 */
export function confirm(ctx: Ctx, message: string): boolean {
  ctx.out.write(`${message} [y/N] `);
  const answer = ctx.stdin.split("\n")[0]?.trim() ?? "";
  return answer.toLowerCase() === "y";
}
