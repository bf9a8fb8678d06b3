/**
 * mkdir and rmdir over the place's directories, cp and mv of its files, readlink and realpath, in
 * busybox's words inside busybox images and GNU coreutils' on hosts and Debian images; a
 * `--read-only` container refuses changes with EROFS.
 */
import { everywhere, ToolExit } from "../command";
import {
  dirExists,
  forget,
  hasEntries,
  madeDirs,
  makeDir,
  metaOf,
  metaTable,
  readFile,
  readOnly,
  removeFile,
  resolvePath,
  writeFile,
} from "../files";
import type { Command, Ctx, Handler } from "../types";
import { busyboxUsage } from "./busybox";
import { NOT_SIMULATED } from "./unsimulated";

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
      if (!dirExists(ctx.world, ctx.frame, dir)) makeDir(ctx.world, ctx.frame, dir);
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
    else {
      dirs.splice(dirs.indexOf(path), 1);
      forget(ctx.world, ctx.frame, path);
    }
  }
  return status;
};

/**
 * `cp SOURCE... DEST` and `mv`: files, into a directory under their own names or onto a new name;
 * mv removes the source once copied. Copying or moving a whole directory is not simulated yet.
 */
function copy(ctx: Ctx, move: boolean): number {
  const tool = move ? "mv" : "cp";
  const bb = busybox(ctx);
  const args = ctx.argv.slice(1);
  const recursive = args.some((a) => /^-\w*[rRa]/.test(a));
  const names = operands(ctx);
  if (names.length < 2) {
    if (bb) throw busyboxUsage(tool);
    throw new ToolExit(
      1,
      names.length === 0
        ? `${tool}: missing file operand\nTry '${tool} --help' for more information.\n`
        : `${tool}: missing destination file operand after '${names[0]}'\nTry '${tool} --help' for more information.\n`,
    );
  }
  const dest = names[names.length - 1] ?? "";
  const destPath = resolvePath(ctx.frame.cwd, dest);
  const intoDir =
    dirExists(ctx.world, ctx.frame, destPath) && readFile(ctx.world, ctx.frame, destPath) === undefined;
  let status = 0;
  const fail = (message: string) => {
    ctx.out.error(`${tool}: ${message}`);
    status = 1;
  };
  for (const name of names.slice(0, -1)) {
    const from = resolvePath(ctx.frame.cwd, name);
    const text = readFile(ctx.world, ctx.frame, from);
    if (text === undefined) {
      if (dirExists(ctx.world, ctx.frame, from)) {
        if (!move && !recursive)
          fail(bb ? `omitting directory '${name}'` : `-r not specified; omitting directory '${name}'`);
        else fail(`copying a directory ${NOT_SIMULATED}`);
      } else if (bb)
        fail(
          move
            ? `can't rename '${name}': No such file or directory`
            : `can't stat '${name}': No such file or directory`,
        );
      else fail(`cannot stat '${name}': No such file or directory`);
      continue;
    }
    const to = intoDir
      ? `${destPath === "/" ? "" : destPath}/${from.slice(from.lastIndexOf("/") + 1)}`
      : destPath;
    if (!dirExists(ctx.world, ctx.frame, parentOf(to))) {
      const gnu = move
        ? `cannot move '${name}' to '${dest}': No such file or directory`
        : `cannot create regular file '${dest}': No such file or directory`;
      fail(bb ? `can't create '${dest}': No such file or directory` : gnu);
      continue;
    }
    if (readOnly(ctx.world, ctx.frame, to)) {
      fail(
        bb
          ? `can't create '${dest}': Read-only file system`
          : `cannot create regular file '${dest}': Read-only file system`,
      );
      continue;
    }
    writeFile(ctx.world, ctx.frame, to, text);
    if (move && to !== from) {
      // A rename keeps the file as it was: its time, mode and other names.
      const kept = metaOf(ctx.world, ctx.frame, from);
      if (kept) metaTable(ctx.world, ctx.frame)[to] = { ...kept };
      removeFile(ctx.world, ctx.frame, from);
    }
  }
  return status;
}

/** The host's symbolic links (made with `ln -s`); a container's are not simulated. */
function linkTarget(ctx: Ctx, path: string): string | undefined {
  return ctx.frame.container ? undefined : ctx.world.machines[ctx.frame.machine]?.fs.symlinks[path];
}

/** `readlink LINK`: where a symbolic link points; nothing and status 1 for anything else. */
const readlink: Handler = (ctx) => {
  let status = 0;
  for (const name of operands(ctx)) {
    const target = linkTarget(ctx, resolvePath(ctx.frame.cwd, name));
    if (target === undefined) status = 1;
    else ctx.out.line(target);
  }
  return status;
};

/** `realpath PATH`: the absolute path with `.`, `..` and symbolic links resolved; it must exist. */
const realpath: Handler = (ctx) => {
  let status = 0;
  for (const name of operands(ctx)) {
    let path = resolvePath(ctx.frame.cwd, name);
    for (let hops = 0, target = linkTarget(ctx, path); target !== undefined && hops < 40; hops++) {
      path = resolvePath(parentOf(path), target);
      target = linkTarget(ctx, path);
    }
    const exists =
      readFile(ctx.world, ctx.frame, path) !== undefined || dirExists(ctx.world, ctx.frame, path);
    if (exists) ctx.out.line(path);
    else {
      ctx.out.error(`realpath: ${name}: No such file or directory`);
      status = 1;
    }
  }
  return status;
};

export const commands: Command[] = [
  everywhere("mkdir", mkdir),
  everywhere("rmdir", rmdir),
  everywhere("cp", (ctx) => copy(ctx, false)),
  everywhere("mv", (ctx) => copy(ctx, true)),
  everywhere("readlink", readlink),
  everywhere("realpath", realpath),
];
