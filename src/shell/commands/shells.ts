/**
 * `sh`, `ash` and `bash` as commands: `sh -c SCRIPT` runs the script where it is typed, `sh FILE`
 * runs a file line by line, and a bare `sh` at a prompt starts a nested shell that `exit` leaves.
 */
import { basename } from "../../engine/path";
import { readFile, resolvePath } from "../files";
import type { Command, Frame, Handler } from "../types";

/** The shell a program runs as: bash, ash, or sh for any other (/bin/sh, dash). */
export function shellName(path: string): Frame["shell"] {
  const base = basename(path);
  return base === "bash" ? "bash" : base === "ash" ? "ash" : "sh";
}

const shell: Handler = (ctx) => {
  const name = shellName(ctx.argv[0] ?? "sh");
  const args = ctx.argv.slice(1);
  if (args[0] === "-c") {
    const script = args[1];
    if (script === undefined) {
      ctx.out.error(
        name === "bash" ? "bash: -c: option requires an argument" : `${name}: -c requires an argument`,
      );
      return 2;
    }
    // The script runs in a shell of its own: its `cd`, variables and jobs stay there.
    return ctx.runLine(script, { ...ctx.frame, shell: name, env: { ...ctx.frame.env }, main: false });
  }
  const file = args.find((a) => !a.startsWith("-"));
  if (file !== undefined) {
    const text = readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, file));
    if (text === undefined) {
      ctx.out.error(
        name === "bash"
          ? `bash: ${file}: No such file or directory`
          : `${name}: can't open '${file}': No such file or directory`,
      );
      return 127;
    }
    let exit = 0;
    for (const line of text.split("\n"))
      if (line.trim() && !line.startsWith("#")) exit = ctx.runLine(line, ctx.frame);
    return exit;
  }
  ctx.effects.push = { ...ctx.frame, shell: name, env: { ...ctx.frame.env }, main: false };
  return 0;
};

/** Every userland has an `sh`; busybox's is its ash, Debian's is dash beside bash; a host has all three. */
export const commands: Command[] = [
  { name: "sh", where: ["host", "busybox", "debian"], run: shell },
  { name: "ash", where: ["host", "busybox"], run: shell },
  { name: "bash", where: ["host", "debian"], run: shell },
];
