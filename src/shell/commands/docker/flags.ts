/**
 * Flag parsing with spf13/pflag's rules, which the Docker CLI uses: `--name=x` and `--name x`,
 * combined short flags (`-itd`), a value glued to a short flag (`-p8080:80`), repeatable list flags,
 * `--` to end flags, and pflag's exact error messages.
 */

export type FlagType = "bool" | "string" | "list" | "int";

export interface FlagSpec {
  long: string;
  short?: string;
  type: FlagType;
  /** Shown in usage. */
  help?: string;
  /** The value name in usage ("string", "list", "int"). */
  valueName?: string;
  /** Default shown in usage, e.g. "default \"bridge\"". */
  defaultText?: string;
}

export type FlagValues = Record<string, string | boolean | string[] | number>;

export class FlagError extends Error {}

export interface Parsed {
  flags: FlagValues;
  args: string[];
}

function find(specs: FlagSpec[], name: string, short: boolean): FlagSpec | undefined {
  return specs.find((s) => (short ? s.short === name : s.long === name));
}

function flagLabel(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.long}` : `--${spec.long}`;
}

function setValue(flags: FlagValues, spec: FlagSpec, value: string): void {
  if (spec.type === "list") {
    const list = (flags[spec.long] as string[] | undefined) ?? [];
    list.push(value);
    flags[spec.long] = list;
  } else if (spec.type === "int") {
    if (!/^-?\d+$/.test(value)) {
      throw new FlagError(
        `invalid argument "${value}" for "${flagLabel(spec)}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`,
      );
    }
    flags[spec.long] = Number(value);
  } else if (spec.type === "bool") {
    const v = value.toLowerCase();
    if (["1", "t", "true"].includes(v)) flags[spec.long] = true;
    else if (["0", "f", "false"].includes(v)) flags[spec.long] = false;
    else {
      throw new FlagError(
        `invalid argument "${value}" for "${flagLabel(spec)}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`,
      );
    }
  } else flags[spec.long] = value;
}

/**
 * Parses `argv` (without the command words). With `interspersed` false, the first non-flag argument
 * ends flag parsing, as `docker run IMAGE CMD --flags-of-cmd` needs.
 */
export function parseFlags(argv: string[], specs: FlagSpec[], interspersed: boolean): Parsed {
  const flags: FlagValues = {};
  const args: string[] = [];
  const all = [...specs, { long: "help", type: "bool" as const }];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--") {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = find(all, name, false);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) setValue(flags, spec, a.slice(eq + 1));
      else if (spec.type === "bool") flags[spec.long] = true;
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        setValue(flags, spec, argv[++i] ?? "");
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j] ?? "";
        const spec = ch === "h" ? (find(all, "h", true) ?? find(all, "help", false)) : find(all, ch, true);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${ch}' in ${a}`);
        if (spec.type === "bool") {
          if (a[j + 1] === "=") {
            setValue(flags, spec, a.slice(j + 2));
            break;
          }
          flags[spec.long] = true;
          continue;
        }
        const rest = a.slice(j + 1);
        if (rest.length > 0) setValue(flags, spec, rest.startsWith("=") ? rest.slice(1) : rest);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`);
          setValue(flags, spec, argv[++i] ?? "");
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
