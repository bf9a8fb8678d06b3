/**
 * mkdir and rmdir over the place's directories, cp and mv of its files, readlink and realpath, in
 * busybox's words inside busybox images and GNU coreutils' on hosts and Debian images; a
 * `--read-only` container refuses changes with EROFS.
 */

import { basename } from "../../engine/path";
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
  symlinksOf,
  writeFile,
} from "../files";
import { procNsLink } from "../proc-ns";
import type { Command, Ctx, Handler } from "../types";
import { busyboxBadOption, busyboxUsage } from "./busybox";
import { getopt } from "./getopt";
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

/** Docker bind-mounts these over the container's root: a hard link to one crosses filesystems. */
const BIND_MOUNTED = ["/etc/hosts", "/etc/hostname", "/etc/resolv.conf"];

/**
 * busybox `ln [-sf] TARGET... LINK|DIR` in a container (recorded in 42-ipv6-tools): a symbolic link
 * points where it was told; a hard link shares the target's content (the lab keeps a copy, which a
 * later write to one does not reach the other: files here have no inodes). Each failure is perror'd
 * with the link's name.
 */
export const busyboxLn: Handler = (ctx) => {
  const { flags, operands: names } = getopt(ctx.argv.slice(1), "sfnbS:Tv", busyboxBadOption("ln"));
  if (names.length === 0) throw busyboxUsage("ln");
  const last = names.length === 1 ? basename(names[0] ?? "") : (names.pop() ?? "");
  const links = symlinksOf(ctx.world, ctx.frame);
  let status = 0;
  for (const target of names) {
    let dest = resolvePath(ctx.frame.cwd, last);
    if (!(dest in links) && dirExists(ctx.world, ctx.frame, dest)) dest = `${dest}/${basename(target)}`;
    const fail = (why: string) => {
      ctx.out.error(`ln: ${why}`);
      status = 1;
    };
    const source = resolvePath(ctx.frame.cwd, target);
    const content = flags.has("s") ? undefined : readFile(ctx.world, ctx.frame, source);
    if (!flags.has("s") && content === undefined) {
      fail(`${target}: No such file or directory`);
      continue;
    }
    if (flags.has("f")) {
      delete links[dest];
      removeFile(ctx.world, ctx.frame, dest);
    }
    const shown = names.length === 1 ? last : dest;
    if (readOnly(ctx.world, ctx.frame, dest)) fail(`${shown}: Read-only file system`);
    else if (!dirExists(ctx.world, ctx.frame, parentOf(dest))) fail(`${shown}: No such file or directory`);
    else if (dest in links || readFile(ctx.world, ctx.frame, dest) !== undefined)
      fail(`${shown}: File exists`);
    else if (content === undefined) links[dest] = target;
    else if (BIND_MOUNTED.includes(source)) fail(`${shown}: Invalid cross-device link`);
    else writeFile(ctx.world, ctx.frame, dest, content);
  }
  return status;
};

/** Where a symbolic link made with `ln -s`, or one of the kernel's /proc namespace links, points. */
function linkTarget(ctx: Ctx, path: string): string | undefined {
  return symlinksOf(ctx.world, ctx.frame)[path] ?? procNsLink(ctx, path);
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
