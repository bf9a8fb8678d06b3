/**
 * Flag parsing with spf13/pflag's rules, which the Docker CLI uses: `--name=x` and `--name x`,
 * combined short flags (`-itd`), a value glued to a short flag (`-p8080:80`), repeatable list flags,
 * comma-separated slices, `--` to end flags, pflag's exact error messages, and its usage listing
 * (FlagUsagesWrapped) with the wrapping docker/cli asks for.
 */
import type { DockerEra } from "../../../engine/docker/era";

export interface FlagSpec {
  long: string;
  short?: string;
  /** The value's name in usage ("string", "list", "int", "map" …); absent for booleans. */
  value?: string;
  usage: string;
  /** What pflag appends as " (default …)", already formatted: `"bridge"`, `-1`, `map[]`, `true`. */
  def?: string;
  /** Deprecated or unsupported-here flags that parse but are not listed. */
  hidden?: boolean;
  /** A list option's validator (opts.ListOpts): the value as stored, or throws with the reason. */
  validate?: (value: string) => string;
  /** Added after client 20.10, which did not know it. */
  after20?: boolean;
  /** Client 20.10's usage text and default, where they were other. */
  usage20?: string;
  def20?: string;
  /** Client 20.10's check of the value, where it was other. */
  validate20?: (value: string) => string;
  /** pflag's MarkDeprecated message, printed each time the flag is set (client 28 only). */
  deprecated?: string;
}

/** A command's flags as the client of that era has them. */
export function flagsOf(specs: FlagSpec[], era: DockerEra): FlagSpec[] {
  if (era === 26) return specs;
  return specs
    .filter((s) => !s.after20)
    .map(({ deprecated, ...s }) => ({
      ...s,
      usage: s.usage20 ?? s.usage,
      ...(s.def20 !== undefined ? { def: s.def20 } : {}),
      ...(s.validate20 ? { validate: s.validate20 } : {}),
    }));
}

export type FlagValues = Record<string, string | boolean | string[]>;

export class FlagError extends Error {}

export interface Parsed {
  flags: FlagValues;
  args: string[];
}

/** Short constructor for flag tables: flag("publish", "Publish …", { short: "p", value: "list" }). */
export function flag(long: string, usage: string, more: Omit<FlagSpec, "long" | "usage"> = {}): FlagSpec {
  return { long, usage, ...more };
}

/** The hidden `--help` every command accepts (docker run and create list their own, visible one). */
const HELP: FlagSpec = { long: "help", usage: "Print usage", hidden: true };

const REPEATED = new Set([
  "list",
  "map",
  "filter",
  "network",
  "mount",
  "ulimit",
  "gpu-request",
  "port",
  "config",
  "secret",
  "pref",
]);
const INTEGERS = new Set(["int", "uint16", "uint", "uint32"]);

function label(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.long}` : `--${spec.long}`;
}

function setValue(flags: FlagValues, spec: FlagSpec, value: string): void {
  const kind = spec.value;
  if (kind === undefined) {
    if (/^(1|t|T|true|TRUE|True)$/.test(value)) flags[spec.long] = true;
    else if (/^(0|f|F|false|FALSE|False)$/.test(value)) flags[spec.long] = false;
    else {
      throw new FlagError(
        `invalid argument "${value}" for "${label(spec)}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`,
      );
    }
    return;
  }
  if (INTEGERS.has(kind) && !/^[-+]?\d+$/.test(value)) {
    const fn = kind === "int" ? "ParseInt" : "ParseUint";
    throw new FlagError(
      `invalid argument "${value}" for "${label(spec)}" flag: strconv.${fn}: parsing "${value}": invalid syntax`,
    );
  }
  if (kind === "filter" && !value.includes("=")) {
    throw new FlagError(
      `invalid argument "${value}" for "${label(spec)}" flag: bad format of filter (expected name=value)`,
    );
  }
  if (spec.validate) {
    try {
      value = spec.validate(value);
    } catch (error) {
      throw new FlagError(
        `invalid argument "${value}" for "${label(spec)}" flag: ${(error as Error).message}`,
      );
    }
  }
  if (REPEATED.has(kind) || kind === "strings") {
    const list = (flags[spec.long] as string[] | undefined) ?? [];
    // pflag's StringSlice reads its value as CSV; docker's list options take it whole.
    list.push(...(kind === "strings" ? (value === "" ? [] : value.split(",")) : [value]));
    flags[spec.long] = list;
    return;
  }
  flags[spec.long] = value;
}

/**
 * Parses `argv` (without the command words). With `interspersed` false, the first non-flag argument
 * ends flag parsing, as `docker run IMAGE CMD --flags-of-cmd` needs. `-h` is the deprecated
 * shorthand of --help where the command has no -h of its own: pflag warns and asks for help.
 */
export function parseFlags(
  argv: string[],
  specs: FlagSpec[],
  interspersed: boolean,
  warn: (text: string) => void,
): Parsed {
  const flags: FlagValues = {};
  const args: string[] = [];
  const all = specs.some((s) => s.long === "help") ? specs : [...specs, HELP];
  const byLong = (name: string) => all.find((s) => s.long === name);
  const byShort = (ch: string) => all.find((s) => s.short === ch);
  const set = (spec: FlagSpec, value: string | true) => {
    if (spec.deprecated) warn(`Flag --${spec.long} has been deprecated, ${spec.deprecated}`);
    if (value === true) flags[spec.long] = true;
    else setValue(flags, spec, value);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--") {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = byLong(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, a.slice(eq + 1));
      else if (spec.value === undefined) set(spec, true);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        set(spec, argv[++i] ?? "");
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j] ?? "";
        let spec = byShort(ch);
        if (!spec && ch === "h") {
          warn("Flag shorthand -h has been deprecated, use --help");
          spec = byLong("help");
        }
        if (!spec) throw new FlagError(`unknown shorthand flag: '${ch}' in ${a}`);
        if (spec.value === undefined) {
          if (a[j + 1] === "=") {
            set(spec, a.slice(j + 2));
            break;
          }
          set(spec, true);
          continue;
        }
        const rest = a.slice(j + 1);
        if (rest.length > 0) set(spec, rest.startsWith("=") ? rest.slice(1) : rest);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`);
          set(spec, argv[++i] ?? "");
        }
        break;
      }
      continue;
    }
    args.push(a);
    if (!interspersed) {
      args.push(...argv.slice(i + 1));
      break;
    }
  }
  return { flags, args };
}

export function bool(flags: FlagValues, name: string): boolean {
  return flags[name] === true;
}

export function str(flags: FlagValues, name: string): string | undefined {
  const v = flags[name];
  return typeof v === "string" ? v : undefined;
}

export function list(flags: FlagValues, name: string): string[] {
  const v = flags[name];
  return Array.isArray(v) ? v : [];
}

/** KEY=VALUE items of a list flag as a map (opts.ConvertKVStringsToMap): a bare KEY maps to "". */
export function keyValues(values: string[]): Record<string, string> {
  return Object.fromEntries(
    values.map((v) =>
      v.includes("=") ? [v.slice(0, v.indexOf("=")), v.slice(v.indexOf("=") + 1)] : [v, ""],
    ),
  );
}

/** pflag's wrapN: splits `s` at the last blank within `i` runes, going `slop` over to avoid an orphan. */
function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ""];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(" "), head.lastIndexOf("\t"), head.lastIndexOf("\n"));
  if (w <= 0) return [s, ""];
  const nl = head.lastIndexOf("\n");
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

/** pflag's wrap: `s` wrapped to width `w` with following lines indented by `i`. */
function wrap(indent: number, w: number, s: string): string {
  let i = indent;
  let width = w - i;
  let r = "";
  if (width < 24) {
    i = 16;
    width = w - i;
    r += `\n${" ".repeat(i)}`;
  }
  if (width < 24) return s.replace(/\n/g, r);
  const slop = 5;
  width -= slop;
  const pad = " ".repeat(i);
  let [l, rest] = wrapN(width, slop, s);
  r += l.replace(/\n/g, `\n${pad}`);
  while (rest !== "") {
    [l, rest] = wrapN(width, slop, rest);
    r += `\n${pad}${l.replace(/\n/g, `\n${pad}`)}`;
  }
  return r;
}

/** pflag's FlagUsagesWrapped(cols): the "Options:" body of a --help, flags sorted by name. */
export function flagUsages(specs: FlagSpec[], cols = 79): string {
  const visible = [...specs]
    .filter((s) => !s.hidden)
    .sort((a, b) => (a.long < b.long ? -1 : a.long > b.long ? 1 : 0));
  const heads = visible.map((s) => {
    const name = s.short ? `  -${s.short}, --${s.long}` : `      --${s.long}`;
    return s.value ? `${name} ${s.value}` : name;
  });
  const maxlen = Math.max(...heads.map((h) => h.length + 1));
  return visible
    .map((s, k) => {
      const head = heads[k] ?? "";
      const usage = s.def ? `${s.usage} (default ${s.def})` : s.usage;
      return `${head} ${" ".repeat(maxlen - head.length)} ${wrap(maxlen + 2, cols, usage)}`;
    })
    .join("\n");
}
