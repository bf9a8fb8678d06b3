/**
 * Running a command inside another network namespace (`ip netns exec`, `nsenter`): the same shell
 * and machine, the namespace overridden in the frame, so every tool reads it from `ctx.place.netns`.
 * A command the place lacks fails as the launcher's execvp() reports it, not as the shell would.
 */
import { Output } from "../../output";
import type { Ctx, Frame } from "../../types";

/** Passes everything on, except the shell's "command not found" line for `name`, which it keeps back. */
class MissingCommand extends Output {
  kept = false;

  constructor(
    ctx: Ctx,
    private readonly expected: string,
  ) {
    super(ctx.world, ctx.out);
  }

  override writeErr(text: string): void {
    if (text === this.expected && !this.kept) this.kept = true;
    else super.writeErr(text);
  }
}

function shellNotFound(frame: Frame, name: string): string {
  if (!frame.container) return `-bash: ${name}: command not found\n`;
  return frame.shell === "bash"
    ? `bash: ${name}: command not found\n`
    : `${frame.shell}: ${name}: not found\n`;
}

/** Runs argv in `frame`; when the command does not exist, `missing` says what to print and the status. */
export function execIn(
  ctx: Ctx,
  argv: string[],
  frame: Frame,
  missing: (name: string) => { message: string; code: number },
): number {
  const name = argv[0] ?? "";
  const out = new MissingCommand(ctx, shellNotFound(frame, name));
  const code = ctx.exec(argv, frame, out);
  if (!out.kept) return code;
  if (code !== 127) {
    ctx.out.writeErr(shellNotFound(frame, name));
    return code;
  }
  const failure = missing(name);
  ctx.out.writeErr(failure.message);
  return failure.code;
}
