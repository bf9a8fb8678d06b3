/**
 * mkdir and rmdir over the place's directories, in busybox's words inside busybox images and GNU
 * coreutils' on hosts and Debian images; a `--read-only` container refuses them with EROFS.
 */
import { ToolExit } from "../command";
import { dirExists, hasEntries, madeDirs, readOnly, resolvePath } from "../files";
import type { Command, Ctx, Handler } from "../types";
import { busyboxUsage } from "./busybox";

const busybox = (ctx: Ctx) => ctx.place.flavor === "busybox";

const operands = (ctx: Ctx) => ctx.argv.slice(1).filter((a) => !a.startsWith("-"));

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}

/**
 * `mkdir [-p] DIR...`: each failure reported and the other operands still made; -p makes the
 * directories on the way. GNU quotes the name as a UTF-8 locale does (the lab's terminals are).
 */
const mkdir: Handler = (ctx) => {
  const parents = ctx.argv.includes("-p");
  const bb = busybox(ctx);
  const names = operands(ctx);
  if (names.length === 0) {
    if (bb) throw busyboxUsage("mkdir");
    throw new ToolExit(1, "mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
  }
  let status = 0;
  const fail = (arg: string, why: string) => {
    ctx.out.error(
      `mkdir: ${bb ? `can't create directory '${arg}'` : `cannot create directory ‘${arg}’`}: ${why}`,
    );
    status = 1;
  };
  for (const arg of names) {
    const path = resolvePath(ctx.frame.cwd, arg);
    if (dirExists(ctx.world, ctx.frame, path)) {
      if (!parents) fail(arg, "File exists");
      continue;
    }
    if (!parents && !dirExists(ctx.world, ctx.frame, parentOf(path))) {
      fail(arg, "No such file or directory");
      continue;
    }
    if (readOnly(ctx.world, ctx.frame, path)) {
      fail(arg, "Read-only file system");
      continue;
    }
    const way = path
      .split("/")
      .map((_, i, all) => all.slice(0, i + 1).join("/"))
      .filter((d) => d !== "");
    for (const dir of parents ? way : [path])
      if (!dirExists(ctx.world, ctx.frame, dir)) madeDirs(ctx.world, ctx.frame)?.push(dir);
  }
  return status;
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

/** Coreutils every userland has. */
const program = (name: string, run: Handler): Command => ({
  name,
  where: ["host", "busybox", "debian"],
  run,
});

export const commands: Command[] = [program("mkdir", mkdir), program("rmdir", rmdir)];
