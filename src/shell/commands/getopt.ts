/**
 * Options as glibc's getopt_long parses them for the host's tools and busybox's applets: grouped
 * short flags (`-qc 3`, `-c3`), operands among the options (glibc permutes them to the end, unless
 * the option string starts with "+": then the first operand ends the options), `--` ending the
 * options, long options (`--net=FILE`, `--count 3`) for the tools that have them (getopt_long),
 * arguments that must be glued on ("n::": `-nFILE`, `--net=FILE`). A problem goes to the tool,
 * which says it in its words and ends (ToolExit).
 */
import type { ToolExit } from "../command";

export type Problem =
  /** A letter not in the option string: `-z`. */
  | { kind: "invalid"; option: string }
  /** A letter that takes an argument, last on the line: `-c`. */
  | { kind: "missing"; option: string }
  /** A long option not in the table: `--nosuch` (option is the word without its dashes). */
  | { kind: "unrecognized"; option: string }
  /** A long option that takes an argument, last on the line: `--count`. */
  | { kind: "long-missing"; option: string };

export interface LongOption {
  name: string;
  /** What it stands for: usually the letter of its short form. */
  key: string;
  value?: "required" | "optional";
}

export interface Option {
  key: string;
  value?: string;
}

/** glibc's words for a problem: "ping: invalid option -- 'z'". */
export function problemText(tool: string, p: Problem): string {
  switch (p.kind) {
    case "invalid":
      return `${tool}: invalid option -- '${p.option}'`;
    case "missing":
      return `${tool}: option requires an argument -- '${p.option}'`;
    case "unrecognized":
      return `${tool}: unrecognized option '--${p.option}'`;
    case "long-missing":
      return `${tool}: option '--${p.option}' requires an argument`;
  }
}

/**
 * The options of `args` in the order given, as getopt hands them to a C tool's `switch`; what is
 * left is in `operands` once they have been read. A problem throws what `bad` makes of it.
 */
export class Getopt implements Iterable<Option> {
  readonly operands: string[] = [];
  private readonly takes = new Map<string, "required" | "optional" | undefined>();
  private readonly inOrder: boolean;

  constructor(
    private readonly args: readonly string[],
    shortOptions: string,
    private readonly bad: (problem: Problem) => ToolExit,
    /** getopt_long's table; none for plain getopt, where "--help" is a cluster of letters. */
    private readonly long?: readonly LongOption[],
  ) {
    this.inOrder = shortOptions.startsWith("+");
    const spec = this.inOrder ? shortOptions.slice(1) : shortOptions;
    for (let i = 0; i < spec.length; i++) {
      const c = spec[i] ?? "";
      if (c === ":") continue;
      const value = spec[i + 1] === ":" ? (spec[i + 2] === ":" ? "optional" : "required") : undefined;
      this.takes.set(c, value);
    }
  }

  *[Symbol.iterator](): Generator<Option> {
    const args = this.args;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] ?? "";
      if (arg === "--") {
        this.operands.push(...args.slice(i + 1));
        return;
      }
      if (!arg.startsWith("-") || arg === "-") {
        if (this.inOrder) {
          this.operands.push(...args.slice(i));
          return;
        }
        this.operands.push(arg);
        continue;
      }
      if (arg.startsWith("--") && this.long) {
        const eq = arg.indexOf("=");
        const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
        const option = this.long.find((o) => o.name === name);
        if (!option) throw this.bad({ kind: "unrecognized", option: arg.slice(2) });
        let value = eq < 0 ? undefined : arg.slice(eq + 1);
        if (option.value === "required" && value === undefined) {
          value = args[++i];
          if (value === undefined) throw this.bad({ kind: "long-missing", option: name });
        }
        yield value === undefined ? { key: option.key } : { key: option.key, value };
        continue;
      }
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j] ?? "";
        if (!this.takes.has(c)) throw this.bad({ kind: "invalid", option: c });
        const takes = this.takes.get(c);
        if (takes === undefined) {
          yield { key: c };
          continue;
        }
        const glued = arg.slice(j + 1);
        if (takes === "optional") yield glued ? { key: c, value: glued } : { key: c };
        else {
          const value = glued !== "" ? glued : args[++i];
          if (value === undefined) throw this.bad({ kind: "missing", option: c });
          yield { key: c, value };
        }
        break;
      }
    }
  }
}

/** Every option at once: the letters given, each one's last argument, and the operands. */
export function getopt(
  args: readonly string[],
  shortOptions: string,
  bad: (problem: Problem) => ToolExit,
  long?: readonly LongOption[],
): { flags: Set<string>; values: Map<string, string>; operands: string[] } {
  const parsed = new Getopt(args, shortOptions, bad, long);
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (const { key, value } of parsed) {
    flags.add(key);
    if (value !== undefined) values.set(key, value);
  }
  return { flags, values, operands: parsed.operands };
}
