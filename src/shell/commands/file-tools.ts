/**
 * mkdir and rmdir over the place's directories, in busybox's words inside busybox images and GNU
 * coreutils' on hosts and Debian images; a `--read-only` container refuses them with EROFS.
 */
import { dirExists, hasEntries, madeDirs, readOnly, resolvePath } from "../files";
import type { Command, Ctx, Handler } from "../types";

const busybox = (ctx: Ctx) => ctx.place.flavor === "busybox";

const operands = (ctx: Ctx) => ctx.argv.slice(1).filter((a) => !a.startsWith("-"));

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}

const mkdir: Handler = (ctx) => {
  const parents = ctx.argv.includes("-p");
  const bb = busybox(ctx);
  const fail = (arg: string, why: string) => {
    ctx.out.error(`mkdir: ${bb ? "can't" : "cannot"} create directory '${arg}': ${why}`);
    return 1;
  };
  for (const arg of operands(ctx)) {
    const path = resolvePath(ctx.frame.cwd, arg);
    if (dirExists(ctx.world, ctx.frame, path)) {
      if (parents) continue;
      return fail(arg, "File exists");
    }
    if (!parents && !dirExists(ctx.world, ctx.frame, parentOf(path)))
      return fail(arg, "No such file or directory");
    if (readOnly(ctx.world, ctx.frame, path)) return fail(arg, "Read-only file system");
    madeDirs(ctx.world, ctx.frame)?.push(path);
  }
  return 0;
};

const rmdir: Handler = (ctx) => {
  let status = 0;
  for (const arg of operands(ctx)) {
    const path = resolvePath(ctx.frame.cwd, arg);
    const fail = (why: string) => {
      ctx.out.error(busybox(ctx) ? `rmdir: '${arg}': ${why}` : `rmdir: failed to remove '${arg}': ${why}`);
      status = 1;
    };
    const dirs = madeDirs(ctx.world, ctx.frame) ?? [];
    if (!dirExists(ctx.world, ctx.frame, path)) fail("No such file or directory");
    else if (hasEntries(ctx.world, ctx.frame, path)) fail("Directory not empty");
    else if (readOnly(ctx.world, ctx.frame, path)) fail("Read-only file system");
    else dirs.splice(dirs.indexOf(path), 1);
  }
  return status;
};

const program = (name: string, run: Handler): Command => ({ name, where: "installed", run });

export const commands: Command[] = [program("mkdir", mkdir), program("rmdir", rmdir)];
