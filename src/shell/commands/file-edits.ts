/**
 * link, unlink, mktemp, truncate and dd over the place's files: busybox 1.35's words in containers,
 * GNU coreutils 9.1's on the host and in Debian images (37-file-applets). Hard links share an inode
 * in the files' FileMeta (shell/files.ts); mktemp's names come from the world's generator.
 */
import { pick } from "../../engine/rng";
import { ToolExit } from "../command";
import { bytesOf } from "../digests";
import {
  dirExists,
  makeDir,
  metaOf,
  metaTable,
  readFile,
  removeFile,
  resolvePath,
  writeFile,
} from "../files";
import type { Command, Ctx, Handler } from "../types";
import { busyboxUsage, toolOptions } from "./busybox";
import { NOT_SIMULATED } from "./unsimulated";

const isBusybox = (ctx: Ctx) => ctx.place.flavor === "busybox";
const parentOf = (path: string) => path.slice(0, path.lastIndexOf("/")) || "/";

const gnuExtra = (tool: string, operand: string | undefined) =>
  new ToolExit(1, `${tool}: extra operand ‘${operand}’\nTry '${tool} --help' for more information.\n`);

const gnuMissing = (tool: string, after?: string) =>
  new ToolExit(
    1,
    `${tool}: missing operand${after === undefined ? "" : ` after '${after}'`}\nTry '${tool} --help' for more information.\n`,
  );

/** Operands after the options (busybox's getopt or GNU's, which only know --help and --version here). */
function operandsOf(ctx: Ctx, tool: string): string[] {
  const opts = toolOptions(ctx, tool, "");
  for (const _ of opts);
  return opts.operands;
}

/** `link FILE LINK`: a second name for a file (not a directory). */
const link: Handler = (ctx) => {
  const bb = isBusybox(ctx);
  const names = operandsOf(ctx, "link");
  if (names.length !== 2) {
    if (bb) throw busyboxUsage("link");
    if (names.length > 2) throw gnuExtra("link", names[2]);
    throw names.length === 0 ? gnuMissing("link") : gnuMissing("link", names[0]);
  }
  const [from = "", to = ""] = names;
  const src = resolvePath(ctx.frame.cwd, from);
  const dest = resolvePath(ctx.frame.cwd, to);
  const text = readFile(ctx.world, ctx.frame, src);
  const why =
    text === undefined
      ? dirExists(ctx.world, ctx.frame, src)
        ? "Operation not permitted"
        : "No such file or directory"
      : readFile(ctx.world, ctx.frame, dest) !== undefined || dirExists(ctx.world, ctx.frame, dest)
        ? "File exists"
        : !dirExists(ctx.world, ctx.frame, parentOf(dest))
          ? "No such file or directory"
          : undefined;
  if (why !== undefined || text === undefined)
    throw new ToolExit(
      1,
      bb
        ? `link: can't create hardlink '${to}' to '${from}': ${why}\n`
        : `link: cannot create link '${to}' to '${from}': ${why}\n`,
    );
  const table = metaTable(ctx.world, ctx.frame);
  const inode =
    metaOf(ctx.world, ctx.frame, src)?.inode ??
    1 + Math.max(0, ...Object.values(table).map((m) => m.inode ?? 0));
  writeFile(ctx.world, ctx.frame, dest, text);
  const shared = { ...table[src], mtime: table[src]?.mtime ?? ctx.world.clock, inode };
  table[src] = shared;
  table[dest] = { ...shared };
  return 0;
};

/** `unlink FILE`: removes one name of a file. */
const unlink: Handler = (ctx) => {
  const bb = isBusybox(ctx);
  const names = operandsOf(ctx, "unlink");
  if (names.length !== 1) {
    if (bb) throw busyboxUsage("unlink");
    if (names.length === 0) throw gnuMissing("unlink");
    throw gnuExtra("unlink", names[1]);
  }
  const name = names[0] ?? "";
  const path = resolvePath(ctx.frame.cwd, name);
  const isDir = readFile(ctx.world, ctx.frame, path) === undefined && dirExists(ctx.world, ctx.frame, path);
  if (isDir || !removeFile(ctx.world, ctx.frame, path)) {
    const why = isDir ? "Is a directory" : "No such file or directory";
    throw new ToolExit(
      1,
      bb ? `unlink: can't remove file '${name}': ${why}\n` : `unlink: cannot unlink '${name}': ${why}\n`,
    );
  }
  return 0;
};

const NAME_CHARS = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"];

/** `mktemp [-dqtu] [-p DIR] [TEMPLATE]`: a new file (0600) or directory (0700) under a name nobody has. */
const mktemp: Handler = (ctx) => {
  const bb = isBusybox(ctx);
  const opts = toolOptions(ctx, "mktemp", "dqtup:", [
    { name: "directory", key: "d" },
    { name: "quiet", key: "q" },
    { name: "dry-run", key: "u" },
    { name: "tmpdir", key: "p", value: "optional" },
  ]);
  const f = new Set<string>();
  let base: string | undefined;
  for (const o of opts) {
    f.add(o.key);
    if (o.key === "p") base = o.value;
  }
  const given = opts.operands[0];
  const template = given ?? (bb ? "tmp.XXXXXX" : "tmp.XXXXXXXXXX");
  const dir = base ?? ctx.frame.env.TMPDIR ?? "/tmp";
  const inDir = given === undefined || f.has("t") || base !== undefined;
  const full = resolvePath(ctx.frame.cwd, inDir ? `${dir}/${template}` : template);
  const xs = /X*$/.exec(template)?.[0].length ?? 0;
  const fail = (why: string) =>
    new ToolExit(1, f.has("q") ? "" : bb ? `mktemp: (null): ${why}\n` : `mktemp: ${why}\n`);
  if (xs < (bb ? 6 : 3))
    throw fail(
      bb ? "Invalid argument" : `too few X's in template ‘${inDir ? `${dir}/${template}` : template}’`,
    );
  if (!dirExists(ctx.world, ctx.frame, parentOf(full)))
    throw fail(
      bb
        ? "No such file or directory"
        : `failed to create ${f.has("d") ? "directory" : "file"} via template ‘${inDir ? `${dir}/${template}` : template}’: No such file or directory`,
    );
  let name: string;
  do {
    const random = Array.from({ length: xs }, () => pick(ctx.world.rng, NAME_CHARS)).join("");
    name = full.slice(0, full.length - xs) + random;
  } while (readFile(ctx.world, ctx.frame, name) !== undefined || dirExists(ctx.world, ctx.frame, name));
  if (!f.has("u")) {
    if (f.has("d")) makeDir(ctx.world, ctx.frame, name, 0o700);
    else {
      writeFile(ctx.world, ctx.frame, name, "");
      metaTable(ctx.world, ctx.frame)[name] = { mtime: ctx.world.clock, mode: 0o600 };
    }
  }
  ctx.out.line(inDir || given?.startsWith("/") ? name : (given ?? name));
  return 0;
};

/** A size with busybox's or GNU's suffixes (K, M, G in 1024s; GNU's KB, MB in 1000s). */
function sizeOf(text: string): number | undefined {
  const m = /^(\d+)([kKmMgG]?)(B?)$/.exec(text);
  if (!m) return undefined;
  const power = { "": 0, k: 1, K: 1, m: 2, M: 2, g: 3, G: 3 }[m[2] ?? ""] ?? 0;
  return Number(m[1]) * (m[3] ? 1000 : 1024) ** power;
}

/** The file's text cut to `size` bytes, or padded with NULs to it. */
function resized(text: string, size: number): string {
  const bytes = bytesOf(text);
  if (bytes.length >= size) return new TextDecoder().decode(bytes.slice(0, size));
  return text + "\0".repeat(size - bytes.length);
}

/** `truncate [-c] -s SIZE FILE...`: each file cut or extended to SIZE bytes, made unless -c. */
const truncate: Handler = (ctx) => {
  const bb = isBusybox(ctx);
  const opts = toolOptions(ctx, "truncate", "cs:", [
    { name: "no-create", key: "c" },
    { name: "size", key: "s", value: "required" },
  ]);
  let sizeText: string | undefined;
  let create = true;
  for (const o of opts) {
    if (o.key === "s") sizeText = o.value;
    else create = false;
  }
  if (bb && (sizeText === undefined || opts.operands.length === 0)) throw busyboxUsage("truncate");
  if (sizeText === undefined)
    throw new ToolExit(
      1,
      "truncate: you must specify either ‘--size’ or ‘--reference’\nTry 'truncate --help' for more information.\n",
    );
  const size = sizeOf(sizeText);
  if (size === undefined)
    throw new ToolExit(
      1,
      bb ? `truncate: invalid number '${sizeText}'\n` : `truncate: Invalid number: ‘${sizeText}’\n`,
    );
  if (opts.operands.length === 0)
    throw new ToolExit(1, "truncate: missing file operand\nTry 'truncate --help' for more information.\n");
  let status = 0;
  for (const name of opts.operands) {
    const path = resolvePath(ctx.frame.cwd, name);
    const text = readFile(ctx.world, ctx.frame, path);
    if (text === undefined && !create) continue;
    if (text === undefined && !dirExists(ctx.world, ctx.frame, parentOf(path))) {
      ctx.out.error(
        bb
          ? `truncate: ${name}: open: No such file or directory`
          : `truncate: cannot open '${name}' for writing: No such file or directory`,
      );
      status = 1;
      continue;
    }
    writeFile(ctx.world, ctx.frame, path, resized(text ?? "", size));
  }
  return status;
};

/** A dd operand's number with its suffix: c 1, w 2, b 512, kB 1000, k/K 1024, MB, M, GB, G. */
function ddNumber(text: string): number | undefined {
  const m = /^(\d+)(c|w|b|kB|k|K|MB|M|GB|G)?$/.exec(text);
  if (!m) return undefined;
  const unit = {
    c: 1,
    w: 2,
    b: 512,
    kB: 1000,
    k: 1024,
    K: 1024,
    MB: 1e6,
    M: 1048576,
    GB: 1e9,
    G: 1073741824,
  };
  return Number(m[1]) * (m[2] ? unit[m[2] as keyof typeof unit] : 1);
}

const DD_KEYS = ["if", "of", "bs", "ibs", "obs", "count", "skip", "seek", "conv", "iflag", "oflag", "status"];

/** GNU dd's figures in SI units: "3.1 kB". */
function si(n: number): string {
  const units = ["", "k", "M", "G"];
  let u = 0;
  let v = n;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}B`;
}

/** `dd [if=FILE] [of=FILE] [bs=N] [count=N] [skip=N] [status=…]`: blocks copied, and its records summary on stderr. */
const dd: Handler = (ctx) => {
  const bb = isBusybox(ctx);
  const ops: Record<string, string> = {};
  for (const arg of ctx.argv.slice(1)) {
    const eq = arg.indexOf("=");
    const key = arg.slice(0, eq);
    if (eq < 0 || !DD_KEYS.includes(key)) {
      if (bb) throw busyboxUsage("dd");
      throw new ToolExit(1, `dd: unrecognized operand ‘${arg}’\nTry 'dd --help' for more information.\n`);
    }
    ops[key] = arg.slice(eq + 1);
  }
  const number = (key: string, fallback: number): number => {
    const text = ops[key];
    if (text === undefined) return fallback;
    const n = ddNumber(text);
    if (n === undefined)
      throw new ToolExit(1, bb ? `dd: invalid number '${text}'\n` : `dd: invalid number: ‘${text}’\n`);
    return n;
  };
  const bs = number("bs", 0);
  const ibs = bs || number("ibs", 512);
  const count = ops.count === undefined ? undefined : number("count", 0);
  const skip = number("skip", 0);
  const input = ops.if;
  let data: Uint8Array;
  if (input === undefined) data = bytesOf(ctx.stdin);
  else if (input === "/dev/zero") {
    if (count === undefined) throw new ToolExit(1, `dd: reading /dev/zero without count= ${NOT_SIMULATED}\n`);
    data = new Uint8Array((skip + count) * ibs);
  } else {
    const text = readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, input));
    if (text === undefined)
      throw new ToolExit(
        1,
        bb
          ? `dd: can't open '${input}': No such file or directory\n`
          : `dd: failed to open '${input}': No such file or directory\n`,
      );
    data = bytesOf(text);
  }
  const from = Math.min(data.length, skip * ibs);
  const upto = count === undefined ? data.length : Math.min(data.length, from + count * ibs);
  const copied = data.slice(from, upto);
  const full = Math.floor(copied.length / ibs);
  const partial = copied.length % ibs > 0 ? 1 : 0;
  const text = new TextDecoder().decode(copied);
  if (ops.of === undefined) ctx.out.write(text);
  else writeFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, ops.of), text);
  if (ops.status === "none") return 0;
  const records = `${full}+${partial} records in\n${full}+${partial} records out`;
  if (bb || ops.status === "noxfer") {
    ctx.out.error(records);
    return 0;
  }
  const n = copied.length;
  const seconds = 0.0001 + n / 2e9;
  const size = n < 1000 ? `${n} bytes` : `${n} bytes (${si(n)}, ${(n / 1024).toFixed(1)} KiB)`;
  ctx.out.error(`${records}\n${size} copied, ${seconds.toPrecision(6)} s, ${si(n / seconds)}/s`);
  return 0;
};

export const commands: Command[] = [
  { name: "link", where: ["host", "busybox", "debian"], run: link },
  { name: "unlink", where: ["host", "busybox", "debian"], run: unlink },
  { name: "mktemp", where: ["host", "busybox", "debian"], run: mktemp },
  { name: "truncate", where: ["host", "busybox", "debian"], run: truncate },
  { name: "dd", where: ["host", "busybox", "debian"], run: dd },
];
