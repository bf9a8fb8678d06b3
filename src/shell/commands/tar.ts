/**
 * busybox 1.35's `tar c|x|t [-vO] [-f TARFILE] [-C DIR] [FILE]...` over the place's files, in its
 * archive format (the old GNU header: magic "ustar  ", owner root, octal fields, no record padding)
 * and words (37-file-applets). The archive is text with one character per byte. Compression (-z,
 * -j, -J, -Z, -a) is not simulated: gzip's bytes would have to be gzip's own.
 */
import { ToolExit } from "../command";
import { bytesOf } from "../digests";
import { dirExists, makeDir, metaTable, readFile, resolvePath, touched, writeFile } from "../files";
import type { Command, Ctx, Handler } from "../types";
import { badOption, busyboxUsage } from "./busybox";
import { listing } from "./file-status";
import { Getopt } from "./getopt";
import { type Entry, modeBits, modeText, stat } from "./ls";
import { strftime } from "./system-info";
import { NOT_SIMULATED } from "./unsimulated";

const BLOCK = 512;

/** A member of an archive: its name as stored, mode bits, time, and the bytes of a file. */
interface Member {
  name: string;
  dir: boolean;
  mode: number;
  mtime: number;
  data: Uint8Array;
}

const octal = (n: number, width: number) => `${n.toString(8).padStart(width - 1, "0")}\0`;

function header(m: Member): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const put = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) h[offset + i] = text.charCodeAt(i) & 0xff;
  };
  h.set(bytesOf(m.name).slice(0, 100), 0);
  put(100, octal(m.mode, 8));
  put(108, octal(0, 8));
  put(116, octal(0, 8));
  put(124, octal(m.dir ? 0 : m.data.length, 12));
  put(136, octal(Math.floor(m.mtime / 1000), 12));
  put(148, "        ");
  put(156, m.dir ? "5" : "0");
  put(257, "ustar  \0");
  put(265, "root");
  put(297, "root");
  const sum = h.reduce((s, b) => s + b, 0);
  put(148, `${sum.toString(8).padStart(6, "0")}\0 `);
  return h;
}

/** The archive's bytes: each member's header and its data padded to whole blocks, then two zero blocks. */
function archive(members: Member[]): Uint8Array {
  const size = members.reduce((s, m) => s + BLOCK + Math.ceil(m.data.length / BLOCK) * BLOCK, 2 * BLOCK);
  const out = new Uint8Array(size);
  let at = 0;
  for (const m of members) {
    out.set(header(m), at);
    out.set(m.data, at + BLOCK);
    at += BLOCK + Math.ceil(m.data.length / BLOCK) * BLOCK;
  }
  return out;
}

/** The members of an archive's bytes, or what busybox says when they are none. */
function members(bytes: Uint8Array): Member[] | string {
  const list: Member[] = [];
  const text = (from: number, len: number) =>
    new TextDecoder().decode(bytes.slice(from, from + len)).replace(/\0[\s\S]*$/, "");
  for (let at = 0; at + BLOCK <= bytes.length; ) {
    if (bytes.slice(at, at + BLOCK).every((b) => b === 0)) return list;
    if (!text(at + 257, 6).startsWith("ustar")) return "invalid tar magic";
    const size = Number.parseInt(text(at + 124, 12), 8) || 0;
    const type = text(at + 156, 1);
    list.push({
      name: text(at, 100),
      dir: type === "5",
      mode: Number.parseInt(text(at + 100, 8), 8) || 0,
      mtime: (Number.parseInt(text(at + 136, 12), 8) || 0) * 1000,
      data: bytes.slice(at + BLOCK, at + BLOCK + size),
    });
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return list.length > 0 || bytes.length === 0 ? list : "short read";
}

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join("");

const tar: Handler = (ctx) => {
  const args = ctx.argv.slice(1);
  // The first word may be the old-style letters without a dash: `tar cvf a.tar DIR`.
  if (args[0] !== undefined && /^[a-zA-Z]+$/.test(args[0])) args[0] = `-${args[0]}`;
  const opts = new Getopt(args, "cxtvOmokZzJjahf:C:", badOption(ctx, "tar"));
  const f = new Set<string>();
  let file: string | undefined;
  let dir = ctx.frame.cwd;
  for (const o of opts) {
    f.add(o.key);
    if (o.key === "f") file = o.value;
    if (o.key === "C") dir = resolvePath(ctx.frame.cwd, o.value ?? "");
  }
  const modes = ["c", "x", "t"].filter((m) => f.has(m));
  if (modes.length !== 1) throw busyboxUsage("tar");
  const packed = ["z", "j", "J", "Z", "a"].find((k) => f.has(k));
  if (packed) throw new ToolExit(1, `tar: -${packed}: compression ${NOT_SIMULATED}\n`);
  if (!dirExists(ctx.world, ctx.frame, dir))
    throw new ToolExit(1, `tar: can't change directory to '${dir}': No such file or directory\n`);
  const toStdout = file === undefined || file === "-";
  // What -v lists goes to stderr when the archive itself goes to stdout.
  const verbose = (line: string) => (f.has("c") && toStdout ? ctx.out.error(line) : ctx.out.line(line));
  if (f.has("c")) return create(ctx, opts.operands, dir, f.has("v") ? verbose : undefined, file);
  let bytes: Uint8Array;
  if (toStdout) bytes = bytesOf(ctx.stdin);
  else {
    const text = readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, file ?? ""));
    if (text === undefined) throw new ToolExit(1, `tar: can't open '${file}': No such file or directory\n`);
    bytes = bytesOf(text);
  }
  const list = members(bytes);
  if (typeof list === "string") throw new ToolExit(1, `tar: ${list}\n`);
  const wanted = opts.operands;
  const chosen = list.filter(
    (m) =>
      wanted.length === 0 ||
      wanted.some(
        (w) =>
          m.name.replace(/\/$/, "") === w.replace(/\/$/, "") || m.name.startsWith(`${w.replace(/\/$/, "")}/`),
      ),
  );
  for (const m of chosen) {
    if (f.has("t") && f.has("v"))
      ctx.out.line(
        `${modeText(m.dir ? "d" : "-", m.mode)} root/root ${String(m.data.length).padStart(9)} ${strftime("%Y-%m-%d %H:%M:%S", m.mtime)} ${m.name}`,
      );
    else if (f.has("t") || f.has("v")) ctx.out.line(m.name);
    if (f.has("x")) extract(ctx, m, dir, f.has("O"), !f.has("m"));
  }
  let status = 0;
  for (const w of wanted)
    if (
      !chosen.some(
        (m) =>
          m.name.replace(/\/$/, "") === w.replace(/\/$/, "") || m.name.startsWith(`${w.replace(/\/$/, "")}/`),
      )
    ) {
      ctx.out.error(`tar: ${w}: not found in archive`);
      status = 1;
    }
  return status;
};

function extract(ctx: Ctx, m: Member, dir: string, toStdout: boolean, keepTime: boolean): void {
  if (toStdout) {
    if (!m.dir) ctx.out.write(new TextDecoder().decode(m.data));
    return;
  }
  const path = resolvePath(dir, m.name);
  const parts = path.split("/").slice(1, m.dir ? undefined : -1);
  parts.forEach((_, i) => {
    const d = `/${parts.slice(0, i + 1).join("/")}`;
    if (!dirExists(ctx.world, ctx.frame, d)) makeDir(ctx.world, ctx.frame, d);
  });
  if (!m.dir) writeFile(ctx.world, ctx.frame, path, new TextDecoder().decode(m.data));
  touched(ctx.world, ctx.frame, path, keepTime ? m.mtime : ctx.world.clock);
  const meta = metaTable(ctx.world, ctx.frame)[path];
  if (meta && m.mode !== (m.dir ? 0o755 : 0o644)) meta.mode = m.mode;
}

/** `tar c`: each operand and what lies under it, directories first, into the archive. */
function create(
  ctx: Ctx,
  operands: string[],
  dir: string,
  verbose: ((line: string) => void) | undefined,
  file: string | undefined,
): number {
  if (operands.length === 0) throw new ToolExit(1, "tar: empty archive\n");
  const list: Member[] = [];
  let status = 0;
  let warned = false;
  const add = (path: string, name: string, e: Entry) => {
    const isDir = e.mode.startsWith("d");
    const member: Member = {
      name: isDir ? `${name}/` : name,
      dir: isDir,
      mode: modeBits(e.mode),
      mtime: e.mtime,
      data: isDir ? new Uint8Array() : bytesOf(readFile(ctx.world, ctx.frame, path) ?? ""),
    };
    list.push(member);
    verbose?.(member.name);
    if (isDir) for (const child of listing(ctx, path)) add(child.path, `${name}/${child.name}`, child.entry);
  };
  for (const operand of operands) {
    const path = resolvePath(dir, operand);
    const e = stat(ctx, path, operand);
    if (!e) {
      ctx.out.error(`tar: ${operand}: No such file or directory`);
      status = 1;
      continue;
    }
    let name = operand.replace(/\/+$/, "") || "/";
    if (name.startsWith("/")) {
      if (!warned) ctx.out.error("tar: removing leading '/' from member names");
      warned = true;
      name = name.replace(/^\/+/, "");
    }
    add(path, name, e);
  }
  const bytes = latin1(archive(list));
  if (file === undefined || file === "-") ctx.out.write(bytes);
  else writeFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, file), bytes);
  if (status !== 0) ctx.out.error("tar: error exit delayed from previous errors");
  return status;
}

export const commands: Command[] = [{ name: "tar", where: ["busybox"], run: tar }];
