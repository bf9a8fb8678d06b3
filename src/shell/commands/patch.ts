/**
 * busybox's patch (toybox's, unified diffs only): each hunk is looked for as a pattern from where the
 * last one ended, its context and removed lines (or, with -R, its added ones); a hunk that is not
 * found fails with its lines on stderr, and the file is then left as it was. File names come from the
 * `+++` line (or `---` with -R), less -p components, unless ORIGFILE is given.
 */
import { ToolExit } from "../command";
import { readFile, removeFile, resolvePath, writeFile } from "../files";
import type { Command, Ctx, Handler } from "../types";
import { busyboxBadOption } from "./busybox";
import { Getopt } from "./getopt";
import { lines } from "./text";

const LONG = [
  { name: "reverse", key: "R" },
  { name: "unified", key: "u" },
  { name: "strip", key: "p", value: "required" as const },
  { name: "input", key: "i", value: "required" as const },
  { name: "forward", key: "N" },
  { name: "remove-empty-files", key: "E" },
  { name: "force", key: "f" },
  { name: "get", key: "g", value: "required" as const },
  { name: "dry-run", key: "dry-run" },
];

interface Hunk {
  oldLine: number;
  newLine: number;
  oldSum: number;
  newSum: number;
  body: string[];
}

/** The name with `prefix` leading components taken off (all of them without -p: the last one). */
function strip(name: string, prefix: number | undefined): string {
  let rest = name;
  for (let i = 0; prefix === undefined || i < prefix; i++) {
    const slash = rest.indexOf("/");
    if (slash < 0) break;
    rest = rest.slice(slash + 1).replace(/^\/+/, "");
  }
  return rest;
}

/** Where `pattern` first occurs in `file` from `from` (at its end only, when `atEof`), or -1. */
function find(file: string[], pattern: string[], from: number, atEof: boolean): number {
  for (let k = from; k + pattern.length <= file.length; k++)
    if ((!atEof || k + pattern.length === file.length) && pattern.every((l, j) => file[k + j] === l))
      return k;
  return -1;
}

const patch: Handler = (ctx: Ctx) => {
  const args = ctx.argv.slice(1);
  const parsed = new Getopt(args, "Rup:i:NEfg:", busyboxBadOption("patch"), LONG);
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (const { key, value } of parsed) {
    flags.add(key);
    if (value !== undefined) values.set(key, value);
  }
  const [orig, patchFile] = parsed.operands;
  const reverse = flags.has("R");
  const prefix = values.has("p") ? Number.parseInt(values.get("p") ?? "0", 10) || 0 : undefined;
  const source = values.get("i") ?? (orig !== undefined ? patchFile : undefined);
  let input = ctx.stdin;
  if (source !== undefined) {
    const text = readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, source));
    if (text === undefined)
      throw new ToolExit(1, `patch: can't open '${source}': No such file or directory\n`);
    input = text;
  }
  const dry = flags.has("dry-run");
  let status = 0;
  let names: { old?: string; new?: string } = {};
  // The file being patched: its name, lines, how far the hunks have got, and what they made.
  let target: { name: string; lines: string[]; at: number; out: string[]; failed: boolean } | undefined;
  let hunkNumber = 0;
  const finish = () => {
    if (target && !target.failed && !dry)
      writeFile(
        ctx.world,
        ctx.frame,
        target.name,
        [...target.out, ...target.lines.slice(target.at)].map((l) => `${l}\n`).join(""),
      );
    target = undefined;
  };
  const apply = (h: Hunk) => {
    if (!target || target.failed) return;
    const keep = reverse ? "+" : "-";
    const put = reverse ? "-" : "+";
    const pattern = h.body.filter((l) => l[0] !== put).map((l) => l.slice(1));
    const replacement = h.body.filter((l) => l[0] !== keep).map((l) => l.slice(1));
    const leading = h.body.findIndex((l) => l[0] !== " ");
    const trailing = [...h.body].reverse().findIndex((l) => l[0] !== " ");
    const atEof = trailing === 0 || trailing < leading;
    const k = find(target.lines, pattern, target.at, atEof);
    if (k >= 0) {
      target.out.push(...target.lines.slice(target.at, k), ...replacement);
      target.at = k + pattern.length;
      return;
    }
    const applied = find(target.lines, replacement, target.at, atEof) >= 0;
    if (applied && flags.has("N")) return;
    let err = applied ? `Possibly reversed hunk ${hunkNumber} at ${target.lines.length + 1}\n` : "";
    err += `Hunk ${hunkNumber} FAILED ${h.oldLine}/${h.newLine}.\n${h.body.map((l) => `${l}\n`).join("")}`;
    ctx.out.writeErr(err);
    status = 1;
    target.failed = true;
  };
  const all = lines(input).map((l) => (l === "" ? " " : l));
  for (let i = 0; i < all.length; i++) {
    const line = all[i] ?? "";
    if (line.startsWith("--- ") || line.startsWith("+++ ")) {
      finish();
      const name = line.slice(4).split("\t")[0] ?? "";
      const isNew = line.startsWith("+++ ") !== reverse;
      if (isNew) names.new = name;
      else names.old = name;
      continue;
    }
    const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!m || names.new === undefined) continue;
    const h: Hunk = { oldLine: Number(m[1]), newLine: Number(m[3]), oldSum: 0, newSum: 0, body: [] };
    let oldLen = m[2] === undefined ? 1 : Number(m[2]);
    let newLen = m[4] === undefined ? 1 : Number(m[4]);
    if (oldLen < 1 && newLen < 1) throw new ToolExit(1, `patch: Really? ${line}\n`);
    h.oldSum = h.oldLine + oldLen;
    h.newSum = h.newLine + newLen;
    while ((oldLen > 0 || newLen > 0) && /^[ +-]/.test(all[i + 1] ?? "")) {
      const l = all[++i] ?? "";
      if (l[0] !== "+") oldLen--;
      if (l[0] !== "-") newLen--;
      h.body.push(l);
    }
    if (!target) {
      hunkNumber = 0;
      const oldName = names.old ?? "MISSING_FILENAME";
      const newName = names.new ?? "MISSING_FILENAME";
      const creating = (reverse ? newName : oldName) === "/dev/null" || (reverse ? h.newSum : h.oldSum) === 0;
      const emptied = (reverse ? oldName : newName) === "/dev/null" || (reverse ? h.oldSum : h.newSum) === 0;
      const chosen = emptied ? (reverse ? newName : oldName) : reverse ? oldName : newName;
      const name = orig ?? strip(chosen, prefix);
      if (emptied) {
        if (flags.has("E")) {
          ctx.out.line(`removing ${name}`);
          if (!dry) removeFile(ctx.world, ctx.frame, name);
        } else {
          ctx.out.line(`patching file ${name}`);
          if (!dry) writeFile(ctx.world, ctx.frame, name, "");
        }
        names = {};
        continue;
      }
      ctx.out.line(`${creating ? "creating" : "patching file"} ${name}`);
      // A file to create is opened O_EXCL.
      if (creating && !dry && readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, name)) !== undefined)
        throw new ToolExit(1, `patch: can't open '${name}': File exists\n`);
      const text = creating ? "" : readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, name));
      if (text === undefined)
        throw new ToolExit(1, `patch: can't open '${name}': No such file or directory\n`);
      target = { name, lines: lines(text), at: 0, out: [], failed: false };
    }
    hunkNumber++;
    apply(h);
  }
  finish();
  return status;
};

export const commands: Command[] = [{ name: "patch", where: ["busybox"], run: patch }];
