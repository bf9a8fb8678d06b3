/**
 * The file and text utilities a tutorial types between network commands: touch, rm, tee, basename,
 * dirname and printf (a builtin of bash and of busybox's ash). GNU coreutils 9.1's words on the
 * host and in Debian images, busybox 1.35's in containers; both run on Debian bookworm to learn them.
 */
import { everywhere, ToolExit } from "../command";
import {
  dirExists,
  fileExists,
  forget,
  hardLinks,
  mtimeOf,
  readFile,
  readOnly,
  removeFile,
  resolvePath,
  touched,
  writeFile,
} from "../files";
import { containerOf } from "../place";
import type { Command, Ctx, Handler } from "../types";
import { busyboxUsage } from "./busybox";

const isBusybox = (ctx: Ctx) => ctx.place.flavor === "busybox";

/** GNU's "missing operand" pair, or busybox's usage. */
function missing(ctx: Ctx, tool: string, what = "operand"): ToolExit {
  return isBusybox(ctx)
    ? busyboxUsage(tool)
    : new ToolExit(1, `${tool}: missing ${what}\nTry '${tool} --help' for more information.\n`);
}

/** Operands and the single-letter flags before them (`--` ends the flags). */
function split(args: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "--") {
      i++;
      break;
    }
    if (!/^-[A-Za-z]+$/.test(a)) break;
    for (const f of a.slice(1)) flags.add(f);
  }
  return { flags, operands: args.slice(i) };
}

const parentOf = (path: string) => path.slice(0, path.lastIndexOf("/")) || "/";

/**
 * A date as busybox's parse_datestr() reads touch's -d and -t (GNU's -t is the last two forms, its -d
 * the first ones): `@SECONDS`, `YYYY-MM-DD[ hh:mm[:ss]]`, `hh:mm[:ss]` today, `YYYYMMDDhhmm[.ss]`,
 * `MMDDhhmm[[CC]YY][.ss]`; UTC, the lab's zone.
 */
function parseDate(text: string, now: number, gnu = false): number | undefined {
  const today = new Date(now);
  if (gnu) {
    // GNU's -d also reads the words a person types: now, yesterday, 3 days ago.
    const day = 86400000;
    const words: Record<string, number> = { now: 0, today: 0, yesterday: -day, tomorrow: day };
    if (text in words) return now + (words[text] ?? 0);
    const ago = /^(\d+) (sec|second|min|minute|hour|day|week)s? ago$/.exec(text);
    const unit = { sec: 1e3, second: 1e3, min: 6e4, minute: 6e4, hour: 36e5, day, week: 7 * day };
    if (ago) return now - Number(ago[1]) * unit[ago[2] as keyof typeof unit];
  }
  const at = (y: number, mo: number, d: number, h: number, mi: number, sec: number) =>
    mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60
      ? undefined
      : Date.UTC(y, mo - 1, d, h, mi, sec);
  const n = (x: string | undefined) => Number(x ?? 0);
  let m = /^@(-?\d+)$/.exec(text);
  if (m) return n(m[1]) * 1000;
  m = /^(\d{4})-(\d\d?)-(\d\d?)(?:[ T](\d\d?):(\d\d)(?::(\d\d))?)?$/.exec(text);
  if (m) return at(n(m[1]), n(m[2]), n(m[3]), n(m[4]), n(m[5]), n(m[6]));
  m = /^(\d\d?):(\d\d)(?::(\d\d))?$/.exec(text);
  if (m)
    return at(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate(), n(m[1]), n(m[2]), n(m[3]));
  m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(?:\.(\d\d))?$/.exec(text);
  if (m) return at(n(m[1]), n(m[2]), n(m[3]), n(m[4]), n(m[5]), n(m[6]));
  m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d(?:\d\d)?)?(?:\.(\d\d))?$/.exec(text);
  if (m) {
    const year = m[5] === undefined ? today.getUTCFullYear() : n(m[5]) + (m[5].length === 2 ? 2000 : 0);
    return at(year, n(m[1]), n(m[2]), n(m[3]), n(m[4]), n(m[6]));
  }
  return undefined;
}

/** `touch [-c] [-d DATE] [-t DATE] [-r FILE] FILE...`: makes each file or dates it (now, unless told). */
const touch: Handler = (ctx) => {
  const bb = isBusybox(ctx);
  const args = ctx.argv.slice(1);
  let when = ctx.world.clock;
  let create = true;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "--") {
      names.push(...args.slice(i + 1));
      break;
    }
    if (!/^-[a-z]+$/.test(a)) {
      names.push(a);
      continue;
    }
    for (const [k, f] of [...a.slice(1)].entries()) {
      if (f === "c") create = false;
      else if (f === "d" || f === "t" || f === "r") {
        const value = a.slice(k + 2) || args[++i];
        if (value === undefined) throw missing(ctx, "touch", "file operand");
        const date =
          f === "r"
            ? readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, value)) === undefined
              ? undefined
              : mtimeOf(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, value))
            : parseDate(value, ctx.world.clock, !bb && f === "d");
        if (date === undefined) {
          if (f === "r")
            throw new ToolExit(
              1,
              bb
                ? `touch: ${value}: No such file or directory\n`
                : `touch: failed to get attributes of '${value}': No such file or directory\n`,
            );
          throw new ToolExit(
            1,
            bb ? `touch: invalid date '${value}'\n` : `touch: invalid date format ‘${value}’\n`,
          );
        }
        when = date;
        break;
      }
    }
  }
  if (names.length === 0) throw missing(ctx, "touch", "file operand");
  let status = 0;
  for (const name of names) {
    const path = resolvePath(ctx.frame.cwd, name);
    const exists =
      readFile(ctx.world, ctx.frame, path) !== undefined || dirExists(ctx.world, ctx.frame, path);
    if (exists && !readOnly(ctx.world, ctx.frame, path)) {
      for (const each of hardLinks(ctx.world, ctx.frame, path)) touched(ctx.world, ctx.frame, each, when);
      continue;
    }
    if (!exists && !create) continue;
    if (readOnly(ctx.world, ctx.frame, path)) {
      ctx.out.error(
        bb ? `touch: ${name}: Read-only file system` : `touch: cannot touch '${name}': Read-only file system`,
      );
      status = 1;
      continue;
    }
    if (!dirExists(ctx.world, ctx.frame, parentOf(path))) {
      ctx.out.error(
        bb
          ? `touch: ${name}: No such file or directory`
          : `touch: cannot touch '${name}': No such file or directory`,
      );
      status = 1;
      continue;
    }
    writeFile(ctx.world, ctx.frame, path, "");
    touched(ctx.world, ctx.frame, path, when);
  }
  return status;
};

const rm: Handler = (ctx) => {
  const { flags, operands } = split(ctx.argv.slice(1));
  if (operands.length === 0) {
    if (flags.has("f")) return 0;
    throw missing(ctx, "rm");
  }
  const busybox = isBusybox(ctx);
  const fail = (name: string, why: string) => {
    ctx.out.error(busybox ? `rm: can't remove '${name}': ${why}` : `rm: cannot remove '${name}': ${why}`);
    return 1;
  };
  let status = 0;
  for (const name of operands) {
    const path = resolvePath(ctx.frame.cwd, name);
    if (dirExists(ctx.world, ctx.frame, path) && !fileExists(ctx.world, ctx.frame, path)) {
      if (!flags.has("r") && !flags.has("R")) {
        if (busybox) ctx.out.error(`rm: '${name}' is a directory`);
        else ctx.out.error(`rm: cannot remove '${name}': Is a directory`);
        status = 1;
      } else removeTree(ctx, path);
      continue;
    }
    // On a read-only root what exists stays: the image's programs, and what was written before.
    const exists = fileExists(ctx.world, ctx.frame, path) || /^\/(s?bin|usr|lib|etc)\//.test(path);
    if (readOnly(ctx.world, ctx.frame, path) && exists) {
      status = fail(name, "Read-only file system");
      continue;
    }
    if (removeFile(ctx.world, ctx.frame, path)) continue;
    if (readFile(ctx.world, ctx.frame, path) !== undefined) {
      // What the kernel or Docker provides cannot be unlinked: /proc, a bind-mounted /etc/hosts.
      const kernel = /^\/(proc|sys)\//.test(path);
      status = fail(name, ctx.frame.container && !kernel ? "Resource busy" : "Operation not permitted");
    } else if (!flags.has("f")) status = fail(name, "No such file or directory");
  }
  return status;
};

/** `rm -r DIR`: the files and directories under it, and the directory itself. */
function removeTree(ctx: Ctx, dir: string): void {
  const machine = ctx.world.machines[ctx.frame.machine];
  const c = containerOf(ctx.world, ctx.frame);
  for (const path of Object.keys(c ? c.files : (machine?.fs.files ?? {})))
    if (path.startsWith(`${dir}/`)) removeFile(ctx.world, ctx.frame, path);
  const keep = (d: string) => d !== dir && !d.startsWith(`${dir}/`);
  if (c) c.dirs = c.dirs?.filter(keep);
  else if (machine) machine.fs.dirs = machine.fs.dirs.filter(keep);
  forget(ctx.world, ctx.frame, dir);
}

/** `tee [-a] FILE...`: what comes in goes out, and into each file. */
const tee: Handler = (ctx) => {
  const { flags, operands } = split(ctx.argv.slice(1));
  let status = 0;
  for (const name of operands) {
    const path = resolvePath(ctx.frame.cwd, name);
    if (!dirExists(ctx.world, ctx.frame, parentOf(path))) {
      ctx.out.error(`tee: ${name}: No such file or directory`);
      status = 1;
      continue;
    }
    writeFile(ctx.world, ctx.frame, path, ctx.stdin, flags.has("a"));
  }
  ctx.out.write(ctx.stdin);
  return status;
};

/** POSIX basename: trailing slashes off, the directory part off, then the suffix (unless that is all). */
function baseName(path: string, suffix = ""): string {
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "") return path === "" ? "" : "/";
  const base = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  return suffix && base !== suffix && base.endsWith(suffix) ? base.slice(0, -suffix.length) : base;
}

const basename: Handler = (ctx) => {
  const [path, suffix, extra] = ctx.argv.slice(1);
  if (path === undefined) throw missing(ctx, "basename");
  if (extra !== undefined) {
    if (isBusybox(ctx)) throw busyboxUsage("basename");
    throw new ToolExit(
      1,
      `basename: extra operand '${extra}'\nTry 'basename --help' for more information.\n`,
    );
  }
  ctx.out.line(baseName(path, suffix));
  return 0;
};

function dirName(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "") return path.startsWith("/") ? "/" : ".";
  const at = trimmed.lastIndexOf("/");
  if (at < 0) return ".";
  return trimmed.slice(0, at).replace(/\/+$/, "") || "/";
}

const dirname: Handler = (ctx) => {
  const paths = ctx.argv.slice(1);
  if (paths.length === 0) throw missing(ctx, "dirname");
  if (isBusybox(ctx) && paths.length > 1) throw busyboxUsage("dirname");
  for (const p of paths) ctx.out.line(dirName(p));
  return 0;
};

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
  "\\": "\\",
  '"': '"',
};

/** Backslash escapes as printf reads them in its format (and `%b` in its arguments). */
function backslashEscapes(text: string): string {
  return text.replace(/\\(0?[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/g, (all, e: string) => {
    if (/^[0-7]/.test(e)) return String.fromCharCode(Number.parseInt(e, 8) & 0xff);
    if (e.startsWith("x") && e.length > 1) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? all;
  });
}

/**
 * `printf FORMAT [ARG]...`: %s %b %c %d %i %u %o %x %X %% with flags and widths; the format is used
 * again while arguments remain. A number it cannot read prints as 0 and makes the status 1, with
 * the shell's words: bash's builtin, or busybox's ash.
 */
const printf: Handler = (ctx) => {
  const [format, ...args] = ctx.argv.slice(1);
  const busybox = isBusybox(ctx);
  if (format === undefined) {
    throw new ToolExit(
      2,
      busybox
        ? "sh: usage: printf FORMAT [ARGUMENT...]\n"
        : `${ctx.frame.container ? "bash" : "-bash"}: printf: usage: printf [-v var] format [arguments]\n`,
    );
  }
  let status = 0;
  const number = (text: string | undefined): number => {
    if (text === undefined || text === "") return 0;
    if (/^[+-]?\d+$/.test(text.trim())) return Number(text);
    if (/^['"]./.test(text)) return text.codePointAt(1) ?? 0;
    ctx.out.error(
      busybox
        ? `sh: invalid number '${text}'`
        : `${ctx.frame.container ? "bash" : "-bash"}: printf: ${text}: invalid number`,
    );
    status = 1;
    return Number.parseInt(text, 10) || 0;
  };
  let next = 0;
  const take = () => args[next++];
  const spec = /%([-+ 0#]*)(\d*)(?:\.(\d+))?([sbcdiuoxX%])/g;
  let out = "";
  do {
    const used = next;
    out += backslashEscapes(format).replace(
      spec,
      (_all, flags: string, width: string, precision: string | undefined, conv: string) => {
        if (conv === "%") return "%";
        let text: string;
        if (conv === "s") text = take() ?? "";
        else if (conv === "b") text = backslashEscapes(take() ?? "");
        else if (conv === "c") text = (take() ?? "").slice(0, 1);
        else {
          const n = Math.trunc(number(take()));
          const base = conv === "o" ? 8 : conv === "x" || conv === "X" ? 16 : 10;
          text = Math.abs(n).toString(base);
          if (conv === "X") text = text.toUpperCase();
          if (precision !== undefined) text = text.padStart(Number(precision), "0");
          const sign = n < 0 ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
          if (flags.includes("0") && !flags.includes("-") && precision === undefined)
            text = text.padStart(Math.max(0, Number(width || 0) - sign.length), "0");
          text = sign + text;
        }
        if (conv === "s" && precision !== undefined) text = text.slice(0, Number(precision));
        const w = Number(width || 0);
        return flags.includes("-") ? text.padEnd(w) : text.padStart(w);
      },
    );
    if (next === used) break;
  } while (next < args.length);
  ctx.out.write(out);
  return status;
};

export const commands: Command[] = [
  everywhere("touch", touch),
  everywhere("rm", rm),
  everywhere("tee", tee),
  everywhere("basename", basename),
  everywhere("dirname", dirname),
  { name: "printf", where: "builtin", alsoProgram: true, run: printf },
];
