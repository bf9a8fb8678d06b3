/**
 * md5sum, sha1sum, sha256sum, sha512sum, sha3sum and crc32 over the place's files (or stdin), and
 * `-c`, checking a list of sums: busybox 1.35's md5_sha1_sum.c and crc32 in containers, GNU
 * coreutils 9.1's on the host and in Debian images (37-file-applets). The digests are ../digests.ts.
 */
import { ToolExit } from "../command";
import { bytesOf, crc32, md5, sha1, sha3, sha256, sha512 } from "../digests";
import { dirExists, readFile, resolvePath } from "../files";
import type { Command, Ctx, Handler } from "../types";
import { busyboxUsage, toolOptions } from "./busybox";

type Digest = (data: Uint8Array, bits: number) => string;

const DIGESTS: Record<string, Digest> = {
  md5sum: md5,
  sha1sum: sha1,
  sha256sum: sha256,
  sha512sum: sha512,
  sha3sum: sha3,
};

/** A file's bytes, or why it cannot be read: busybox's and GNU's words differ. */
function contents(ctx: Ctx, name: string): string | { missing: boolean } {
  if (name === "-") return ctx.stdin;
  const path = resolvePath(ctx.frame.cwd, name);
  const text = readFile(ctx.world, ctx.frame, path);
  if (text !== undefined) return text;
  return { missing: !dirExists(ctx.world, ctx.frame, path) };
}

/** busybox's hash_file(): the digest, or undefined after saying why not. */
function busyboxHash(ctx: Ctx, digest: Digest, bits: number, name: string): string | undefined {
  const text = contents(ctx, name);
  if (typeof text === "string") return digest(bytesOf(text), bits);
  ctx.out.error(
    text.missing
      ? `${ctx.argv[0]}: can't open '${name}': No such file or directory`
      : `${ctx.argv[0]}: can't read '${name}': Is a directory`,
  );
  return undefined;
}

/** busybox's md5_sha1_sum_main(): `[-c[sw]] [-a BITS] [FILE]...`. */
function busyboxSum(ctx: Ctx, tool: string, digest: Digest): number {
  const opts = toolOptions(ctx, tool, tool === "sha3sum" ? "cswa:" : "csw");
  const flags = new Set<string>();
  let bits = 224;
  for (const o of opts) {
    flags.add(o.key);
    if (o.key === "a") {
      if (!["224", "256", "384", "512"].includes(o.value ?? ""))
        throw new ToolExit(1, `sha3sum: bad -a${o.value}\n`);
      bits = Number(o.value);
    }
  }
  if (!flags.has("c") && (flags.has("s") || flags.has("w"))) throw busyboxUsage(tool);
  const names = opts.operands.length > 0 ? opts.operands : ["-"];
  let status = 0;
  for (const name of names) {
    if (!flags.has("c")) {
      const sum = busyboxHash(ctx, digest, bits, name);
      if (sum === undefined) status = 1;
      else ctx.out.line(`${sum}  ${name}`);
      continue;
    }
    const list = contents(ctx, name);
    if (typeof list !== "string")
      throw new ToolExit(
        1,
        `${tool}: ${name}: ${list.missing ? "No such file or directory" : "Is a directory"}\n`,
      );
    let total = 0;
    let failed = 0;
    for (const line of list.split("\n").slice(0, list.endsWith("\n") ? -1 : undefined)) {
      total++;
      const at = line.includes("  ") ? line.indexOf("  ") : line.indexOf(" *");
      if (at < 0) {
        if (flags.has("w")) ctx.out.error(`${tool}: invalid format`);
        failed++;
        continue;
      }
      const file = line.slice(at + 2);
      const ok = busyboxHash(ctx, digest, bits, file) === line.slice(0, at);
      if (!ok) failed++;
      if (!flags.has("s")) ctx.out.line(`${file}: ${ok ? "OK" : "FAILED"}`);
    }
    if (failed > 0) {
      status = 1;
      if (!flags.has("s"))
        ctx.out.error(`${tool}: WARNING: ${failed} of ${total} computed checksums did NOT match`);
    }
  }
  return status;
}

/** busybox's crc32: `FILE...` (stdin without one), each sum with its name after one space. */
function busyboxCrc32(ctx: Ctx): number {
  const opts = toolOptions(ctx, "crc32", "");
  for (const _ of opts);
  const names = opts.operands.length > 0 ? opts.operands : ["-"];
  let status = 0;
  for (const name of names) {
    const text = contents(ctx, name);
    if (typeof text === "string")
      ctx.out.line(name === "-" ? crc32(bytesOf(text)) : `${crc32(bytesOf(text))} ${name}`);
    else {
      ctx.out.error(
        text.missing
          ? `crc32: can't open '${name}': No such file or directory`
          : `crc32: ${name}: Is a directory`,
      );
      status = 1;
    }
  }
  return status;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** GNU's md5sum and sha*sum: `[-c] [--quiet] [--status] [-w] [FILE]...`, with its -c report. */
function gnuSum(ctx: Ctx, tool: string, digest: Digest): number {
  const opts = toolOptions(ctx, tool, "bctwz", [
    { name: "check", key: "c" },
    { name: "quiet", key: "q" },
    { name: "status", key: "s" },
    { name: "warn", key: "w" },
    { name: "strict", key: "S" },
    { name: "binary", key: "b" },
    { name: "text", key: "t" },
  ]);
  const flags = new Set<string>();
  for (const o of opts) flags.add(o.key);
  const bits = Number(/\d+/.exec(tool)?.[0] ?? 0);
  const width = { md5sum: 32, sha1sum: 40 }[tool] ?? bits / 4;
  const names = opts.operands.length > 0 ? opts.operands : ["-"];
  const quiet = flags.has("s");
  let status = 0;
  const unreadable = (name: string, text: { missing: boolean }) =>
    ctx.out.error(`${tool}: ${name}: ${text.missing ? "No such file or directory" : "Is a directory"}`);
  for (const name of names) {
    const text = contents(ctx, name);
    if (!flags.has("c")) {
      if (typeof text === "string") ctx.out.line(`${digest(bytesOf(text), bits)}  ${name}`);
      else {
        unreadable(name, text);
        status = 1;
      }
      continue;
    }
    if (typeof text !== "string") {
      unreadable(name, text);
      status = 1;
      continue;
    }
    const form = new RegExp(`^\\\\?([0-9a-fA-F]{${width}}) [ *](.+)$`);
    let proper = 0;
    let improper = 0;
    let mismatched = 0;
    let unread = 0;
    for (const [k, line] of text.split("\n").entries()) {
      if (line === "") continue;
      const m = form.exec(line);
      if (!m) {
        improper++;
        if (flags.has("w"))
          ctx.out.error(
            `${tool}: ${name}: ${k + 1}: improperly formatted ${tool.replace(/sum$/, "").toUpperCase()} checksum line`,
          );
        continue;
      }
      proper++;
      const file = m[2] ?? "";
      const data = contents(ctx, file);
      if (typeof data !== "string") {
        unreadable(file, data);
        if (!quiet) ctx.out.line(`${file}: FAILED open or read`);
        unread++;
        continue;
      }
      const ok = digest(bytesOf(data), bits) === (m[1] ?? "").toLowerCase();
      if (!ok) mismatched++;
      if (!quiet && !(ok && flags.has("q"))) ctx.out.line(`${file}: ${ok ? "OK" : "FAILED"}`);
    }
    if (proper === 0) {
      ctx.out.error(`${tool}: ${name}: no properly formatted checksum lines found`);
      status = 1;
      continue;
    }
    if (!quiet) {
      if (improper > 0)
        ctx.out.error(`${tool}: WARNING: ${plural(improper, "line is", "lines are")} improperly formatted`);
      if (unread > 0)
        ctx.out.error(`${tool}: WARNING: ${plural(unread, "listed file", "listed files")} could not be read`);
      if (mismatched > 0)
        ctx.out.error(
          `${tool}: WARNING: ${plural(mismatched, "computed checksum", "computed checksums")} did NOT match`,
        );
    }
    if (unread > 0 || mismatched > 0 || (flags.has("S") && improper > 0)) status = 1;
  }
  return status;
}

const sum =
  (tool: string, digest: Digest): Handler =>
  (ctx) =>
    ctx.place.flavor === "busybox" ? busyboxSum(ctx, tool, digest) : gnuSum(ctx, tool, digest);

export const commands: Command[] = [
  ...["md5sum", "sha1sum", "sha256sum", "sha512sum"].map(
    (name): Command => ({ name, where: ["host", "busybox", "debian"], run: sum(name, DIGESTS[name] ?? md5) }),
  ),
  { name: "sha3sum", where: ["busybox"], run: sum("sha3sum", sha3) },
  { name: "crc32", where: ["busybox"], run: busyboxCrc32 },
];
