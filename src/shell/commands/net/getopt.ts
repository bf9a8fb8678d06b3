/**
 * Short options as glibc's getopt parses them for busybox applets and the host's tools: grouped
 * flags (`-qc 3`, `-c3`), arguments after operands (glibc permutes), `--` ending options, and the
 * two messages it prints for a bad option.
 */

export interface Parsed {
  flags: Set<string>;
  values: Map<string, string>;
  operands: string[];
}

export type GetoptError = { kind: "invalid"; option: string } | { kind: "missing"; option: string };

/** `spec` lists option letters; a letter followed by ":" takes an argument. */
export function getopt(args: string[], spec: string): Parsed | GetoptError {
  const takes = new Set<string>();
  const known = new Set<string>();
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i] ?? "";
    if (c === ":") continue;
    known.add(c);
    if (spec[i + 1] === ":") takes.add(c);
  }
  const out: Parsed = { flags: new Set(), values: new Map(), operands: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") {
      out.operands.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      out.operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j] ?? "";
      if (!known.has(c)) return { kind: "invalid", option: c };
      if (!takes.has(c)) {
        out.flags.add(c);
        continue;
      }
      const rest = arg.slice(j + 1);
      const value = rest !== "" ? rest : args[++i];
      if (value === undefined) return { kind: "missing", option: c };
      out.values.set(c, value);
      break;
    }
  }
  return out;
}

export function isGetoptError(p: Parsed | GetoptError): p is GetoptError {
  return "kind" in p;
}

/** "ping: invalid option -- 'z'" / "ping: option requires an argument -- 'c'". */
export function getoptMessage(tool: string, e: GetoptError): string {
  return e.kind === "invalid"
    ? `${tool}: invalid option -- '${e.option}'`
    : `${tool}: option requires an argument -- '${e.option}'`;
}
