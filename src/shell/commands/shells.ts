/**
 * `sh`, `ash` and `bash` as commands: `sh -c SCRIPT` runs the script where it is typed, `sh FILE`
 * runs a file line by line, and a bare `sh` at a prompt starts a nested shell that `exit` leaves.
 */
import { readFile, resolvePath } from "../files";
import type { Handler } from "../types";

function shellName(argv0: string): "sh" | "ash" | "bash" {
  const base = argv0.slice(argv0.lastIndexOf("/") + 1);
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
    return ctx.runLine(script, ctx.frame);
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

export const shellCommands: Record<string, Handler> = { sh: shell, ash: shell, bash: shell };
