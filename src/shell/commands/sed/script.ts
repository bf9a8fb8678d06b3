/**
 * sed's script parser: addresses (`N`, `$`, `/re/I`, `first~step`, `0,/re/`, `addr,+N`, `addr,~N`,
 * `!`), blocks, labels and every command, with GNU sed 4.9's and busybox 1.35's own refusals.
 */
import { posixRegExp } from "../posix-regex";

export type Address =
  | { line: number }
  | { last: true }
  | { re: RegExp | undefined }
  | { step: [number, number] }
  | { plus: number }
  | { multiple: number };

export interface SedCommand {
  from?: Address;
  to?: Address;
  negate: boolean;
  name: string;
  /** Text of a, i, c; label of b, t, T, :; file of r, R, w, W. */
  text?: string;
  find?: RegExp;
  replacement?: string;
  /** s: the Nth match (0 with g: from the Nth on), print, file to write. */
  nth?: number;
  global?: boolean;
  print?: boolean;
  file?: string;
  source?: string[];
  target?: string[];
  /** q, Q: exit status; l: line length. */
  code?: number;
  /** {: index of its }. b, t, T: index of their label (or the end). */
  jump?: number;
  /** Range state: whether open, and the line it ends at (+N, ~N, a number). */
  open?: boolean;
  endLine?: number;
}

export class ScriptError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

/** Reads the whole script (the -e pieces joined by newlines) into commands. */
export function parseScript(pieces: string[], extended: boolean, busybox: boolean): SedCommand[] {
  const script = pieces.join("\n");
  const commands: SedCommand[] = [];
  const blocks: number[] = [];
  let i = 0;
  const fail = (gnu: string, bb: string, at = i) => {
    // GNU counts characters within the -e piece the fault is in.
    let piece = 1;
    let start = 0;
    for (let k = 0; k < at && k < script.length; k++)
      if (script[k] === "\n") {
        piece++;
        start = k + 1;
      }
    return new ScriptError(
      busybox ? `sed: ${bb}` : `sed: -e expression #${piece}, char ${at - start}: ${gnu}`,
    );
  };

  const delimited = (delim: string, regex: boolean): string | undefined => {
    let text = "";
    while (i < script.length) {
      const c = script[i++] ?? "";
      if (c === delim) return text;
      if (c === "\\" && i < script.length) {
        const n = script[i++] ?? "";
        if (n === delim) text += delim;
        else if (n === "n" && regex) text += "\n";
        else text += `\\${n}`;
      } else if (c === "\n" && delim !== "\n") return undefined;
      else text += c;
    }
    return undefined;
  };

  /** An empty regex stands for the last one used, found when the script runs. */
  const regex = (source: string, flags: string): RegExp | undefined => {
    if (source === "") return undefined;
    const re = posixRegExp(source, extended, flags);
    if (!re) throw fail("Unmatched ( or \\(", `bad regex '${source}': Unmatched ( or \\(`);
    return re;
  };

  const number = (): number => {
    let n = "";
    while (/\d/.test(script[i] ?? "")) n += script[i++];
    return Number(n);
  };

  const address = (second: boolean): Address | undefined => {
    const c = script[i];
    if (c !== undefined && /\d/.test(c)) {
      const n = number();
      if (script[i] === "~" && !second) {
        if (busybox) throw fail("", "unsupported command ~");
        i++;
        return { step: [n, number()] };
      }
      return { line: n };
    }
    if (second && (c === "+" || c === "~")) {
      if (busybox && c === "~") throw fail("", "no address after comma");
      i++;
      return c === "+" ? { plus: number() } : { multiple: number() };
    }
    if (c === "$") {
      i++;
      return { last: true };
    }
    if (c === "/" || c === "\\") {
      i++;
      const delim = c === "\\" ? (script[i++] ?? "") : "/";
      const source = delimited(delim, true);
      if (source === undefined) throw fail("unterminated address regex", `unmatched '${delim}'`);
      let flags = "";
      while (script[i] === "I" || script[i] === "M") {
        if (busybox) throw fail("", `unsupported command ${script[i]}`);
        if (script[i] === "I") flags += "i";
        i++;
      }
      return { re: regex(source, flags) };
    }
    return undefined;
  };

  const text = (): string | undefined => {
    // GNU: `a text` (one line, leading blanks dropped) or `a\` then the text's lines; busybox the same.
    while (script[i] === " " || script[i] === "\t") i++;
    if (script[i] === "\\") {
      i++;
      if (script[i] === "\n") i++;
      // GNU: `a\` with nothing after it has no text at all, not an empty line.
      else if (i >= script.length && !busybox) return undefined;
    }
    let out = "";
    while (i < script.length) {
      const c = script[i++] ?? "";
      if (c === "\\" && i < script.length) {
        out += script[i++] ?? "";
        continue;
      }
      if (c === "\n") break;
      out += c;
    }
    return out;
  };

  const filename = (): string => {
    while (script[i] === " ") i++;
    let name = "";
    while (i < script.length && script[i] !== "\n") name += script[i++];
    return name;
  };

  const label = (): string => {
    while (script[i] === " ") i++;
    let name = "";
    const stop = busybox ? /[;\n]/ : /[;\n} \t]/;
    while (i < script.length && !stop.test(script[i] ?? "")) name += script[i++];
    return name;
  };

  while (i < script.length) {
    while (/[\s;]/.test(script[i] ?? "")) i++;
    if (i >= script.length) break;
    const cmd: SedCommand = { negate: false, name: "" };
    cmd.from = address(false);
    if (cmd.from && script[i] === ",") {
      i++;
      cmd.to = address(true);
      if (!cmd.to) throw fail("unexpected `,'", "no address after comma");
    }
    while (script[i] === " ") i++;
    if (script[i] === "!") {
      cmd.negate = true;
      i++;
      while (script[i] === " ") i++;
      if (script[i] === "!") throw fail("multiple `!'s", "unsupported command !", i + 1);
    }
    const name = script[i++];
    if (name === undefined) throw fail("missing command", "missing command");
    if (!busybox && cmd.from && "line" in cmd.from && cmd.from.line === 0 && !(cmd.to && "re" in cmd.to))
      throw fail("invalid usage of line address 0", "");
    cmd.name = name;
    const at = commands.length;
    switch (name) {
      case "{":
        blocks.push(at);
        break;
      case "}": {
        // busybox lets a `}` stand alone, and finds a `{`'s end only when it has to skip the block.
        const open = blocks.pop();
        if (open === undefined && !busybox) throw fail("unexpected `}'", "");
        if (open !== undefined) (commands[open] as SedCommand).jump = at;
        break;
      }
      case "a":
      case "i":
      case "c": {
        while (script[i] === " " || script[i] === "\t") i++;
        if (i >= script.length && !busybox) throw fail("expected \\ after `a', `c' or `i'", "");
        cmd.text = text();
        break;
      }
      case ":":
        if (cmd.from) throw fail(": doesn't want any addresses", "unsupported command :");
        cmd.text = label();
        if (cmd.text === "" && !busybox) throw fail('":" lacks a label', "");
        break;
      case "b":
      case "t":
      case "T":
        cmd.text = label();
        break;
      case "r":
      case "R":
      case "w":
      case "W":
        if (busybox && (name === "R" || name === "W")) throw fail("", `unsupported command ${name}`);
        cmd.file = filename();
        if (cmd.file === "") throw fail("missing filename in r/R/w/W commands", "empty filename");
        break;
      case "q":
      case "Q":
      case "l":
      case "L":
        if (busybox && name !== "q" && name !== "l") throw fail("", `unsupported command ${name}`);
        while (script[i] === " ") i++;
        if (!busybox && /\d/.test(script[i] ?? "")) cmd.code = number();
        break;
      case "s":
        substitution(cmd);
        break;
      case "y": {
        const delim = script[i++] ?? "";
        const source = delimited(delim, false);
        const target = source === undefined ? undefined : delimited(delim, false);
        if (source === undefined || target === undefined)
          throw fail("unterminated `y' command", `unmatched '${delim}'`);
        const chars = (t: string) => [...t.replace(/\\(.)/g, (_, ch: string) => (ch === "n" ? "\n" : ch))];
        cmd.source = chars(source);
        cmd.target = chars(target);
        if (!busybox && cmd.source.length !== cmd.target.length)
          throw fail("strings for `y' command are different lengths", "");
        break;
      }
      default:
        if (!"=dDgGhHnNpPxzF".includes(name) || (busybox && "zF".includes(name)))
          throw fail(`unknown command: \`${name}'`, `unsupported command ${name}`);
    }
    if (!"{}aic:btTrRwW".includes(name) || name === "}") {
      while (script[i] === " ") i++;
      if (i < script.length && !/[;\n}#]/.test(script[i] ?? ""))
        throw fail("extra characters after command", busybox ? "missing command" : "", i + 1);
    }
    commands.push(cmd);
  }
  if (blocks.length > 0 && !busybox) throw fail("unmatched `{'", "", 0);
  for (const cmd of commands)
    if ("btT".includes(cmd.name) && cmd.name.length === 1 && cmd.text !== undefined) {
      if (cmd.text === "") cmd.jump = commands.length;
      else {
        const target = commands.findIndex((c) => c.name === ":" && c.text === cmd.text);
        if (target < 0 && busybox) continue;
        // GNU refuses at once (exit 4); busybox looks for the label when the branch is taken.
        if (target < 0) throw new ScriptError(`sed: can't find label for jump to \`${cmd.text}'`, 4);
        cmd.jump = target;
      }
    }
  return commands;

  function substitution(cmd: SedCommand): void {
    const delim = script[i++] ?? "";
    const find = delimited(delim, true);
    const replacement = find === undefined ? undefined : delimited(delim, false);
    if (find === undefined || replacement === undefined)
      throw fail("unterminated `s' command", `unmatched '${delim}'`);
    cmd.replacement = replacement;
    let flags = "";
    cmd.nth = 1;
    while (i < script.length && !/[\s;}]/.test(script[i] ?? "")) {
      const f = script[i++] ?? "";
      if (f === "g") {
        if (cmd.global && !busybox) throw fail("multiple `g' options to `s' command", "");
        cmd.global = true;
      } else if (f === "p") cmd.print = true;
      else if (f === "I" || f === "i") flags += "i";
      else if (/\d/.test(f)) {
        i--;
        cmd.nth = number();
      } else if (f === "w") {
        cmd.file = filename();
        break;
      } else if (f === "m" || f === "M") flags += "m";
      else throw fail("unknown option to `s'", "bad option in substitution expression");
    }
    if (busybox && cmd.global) cmd.nth = 1;
    const groups = /\\([1-9])/.exec(replacement);
    cmd.find = regex(find, flags);
    const count = cmd.find ? (new RegExp(`${cmd.find.source}|`).exec("")?.length ?? 1) : 10;
    if (groups && Number(groups[1]) >= count && !busybox)
      throw fail(`invalid reference \\${groups[1]} on \`s' command's RHS`, "", i);
  }
}
