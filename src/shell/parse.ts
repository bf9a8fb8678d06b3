/**
 * A POSIX-shell parser for one command line: quotes and escapes, `$VAR`, `${VAR}`, `$?`, `$(...)`
 * and backticks, pipes, `;`, `&&`, `||`, comments and the redirections a tutorial uses
 * (`> file`, `>> file`, `2>&1`, `2>/dev/null`, `&>`), and `&` to run a command in the background. Words keep their parts unexpanded so that
 * expansion happens when the command runs, as in bash.
 */

type Part =
  | { kind: "lit"; text: string; quoted: boolean }
  | { kind: "var"; name: string; quoted: boolean }
  | { kind: "cmd"; line: string; quoted: boolean };

export type Word = Part[];

interface Redirect {
  fd: 1 | 2 | "both";
  /** A file path, or "&1"/"&2" for descriptor duplication. */
  target: Word;
  append: boolean;
}

export interface SimpleCommand {
  words: Word[];
  redirects: Redirect[];
  /** `< FILE`: where its stdin comes from instead. */
  input?: Word;
  /** The command's source text, so that what is left of a pipeline can be run later. */
  text: string;
}

/** `&` ends a command that runs in the background while the line goes on. */
type Connector = ";" | "&&" | "||" | "&";

export interface ListItem {
  pipeline: SimpleCommand[];
  /** The item's source text, so that what is left of a line can be run later. */
  text: string;
  /** How the next item is joined to this one. */
  next?: Connector;
}

export class ParseError extends Error {
  constructor(
    message: string,
    /** True when more input would complete the line (an open quote, a trailing pipe). */
    readonly incomplete: boolean,
  ) {
    super(message);
  }
}

const OPERATOR_START = new Set(["|", "&", ";", ">", "<"]);
/** A run of characters with no meaning to the shell, out of quotes and inside double quotes: read at once. */
const PLAIN = /[^\s|&;><\\'"$`]+/y;
const PLAIN_QUOTED = /[^"\\$`]+/y;

/** The run of `pattern` at the scanner's position (a sticky regex), consumed; "" if none. */
function run(s: Scanner, pattern: RegExp): string {
  pattern.lastIndex = s.pos;
  const m = pattern.exec(s.src);
  if (!m) return "";
  s.pos += m[0].length;
  return m[0];
}

class Scanner {
  pos = 0;
  constructor(readonly src: string) {}
  peek(offset = 0): string {
    return this.src[this.pos + offset] ?? "";
  }
  done(): boolean {
    return this.pos >= this.src.length;
  }
}

/** Reads `$(...)` or backquoted text, balancing nested parentheses and quotes. */
function readSubstitution(s: Scanner, close: ")" | "`"): string {
  let depth = 1;
  let out = "";
  let quote = "";
  while (!s.done()) {
    const ch = s.peek();
    s.pos++;
    if (quote) {
      if (ch === quote) quote = "";
      out += ch;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (close === ")" && ch === "(") depth++;
    else if (ch === close && --depth === 0) return out;
    out += ch;
  }
  throw new ParseError(`unexpected EOF while looking for matching \`${close}'`, true);
}

function readDollar(s: Scanner, quoted: boolean): Part {
  s.pos++; // $
  const ch = s.peek();
  if (ch === "(") {
    s.pos++;
    return { kind: "cmd", line: readSubstitution(s, ")"), quoted };
  }
  if (ch === "{") {
    const end = s.src.indexOf("}", s.pos);
    if (end < 0) throw new ParseError("unexpected EOF while looking for matching `}'", true);
    const name = s.src.slice(s.pos + 1, end);
    s.pos = end + 1;
    return { kind: "var", name, quoted };
  }
  if (ch === "?" || ch === "$" || /[0-9]/.test(ch)) {
    s.pos++;
    return { kind: "var", name: ch, quoted };
  }
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.src.slice(s.pos));
  if (!m) return { kind: "lit", text: "$", quoted };
  s.pos += m[0].length;
  return { kind: "var", name: m[0], quoted };
}

function readWord(s: Scanner): Word {
  const parts: Part[] = [];
  const lit = (text: string, quoted: boolean) => {
    const last = parts[parts.length - 1];
    if (last?.kind === "lit" && last.quoted === quoted) last.text += text;
    else parts.push({ kind: "lit", text, quoted });
  };
  /** `$…` and a backquoted command, read alike in double quotes and out; false when `c` starts neither. */
  const expansion = (c: string, quoted: boolean): boolean => {
    if (c === "$") parts.push(readDollar(s, quoted));
    else if (c === "`") {
      s.pos++;
      parts.push({ kind: "cmd", line: readSubstitution(s, "`"), quoted });
    } else return false;
    return true;
  };
  while (!s.done()) {
    const plain = run(s, PLAIN);
    if (plain) {
      lit(plain, false);
      continue;
    }
    const ch = s.peek();
    if (/\s/.test(ch) || OPERATOR_START.has(ch)) break;
    if (ch === "\\") {
      if (s.pos + 1 >= s.src.length) throw new ParseError("", true);
      lit(s.peek(1), true);
      s.pos += 2;
    } else if (ch === "'") {
      const end = s.src.indexOf("'", s.pos + 1);
      if (end < 0) throw new ParseError("unexpected EOF while looking for matching `''", true);
      lit(s.src.slice(s.pos + 1, end), true);
      s.pos = end + 1;
    } else if (ch === '"') {
      s.pos++;
      // An empty "" still makes a word.
      lit("", true);
      for (;;) {
        if (s.done()) throw new ParseError("unexpected EOF while looking for matching `\"'", true);
        const plain = run(s, PLAIN_QUOTED);
        if (plain) {
          lit(plain, true);
          continue;
        }
        const c = s.peek();
        if (c === '"') {
          s.pos++;
          break;
        }
        if (c === "\\" && ['"', "\\", "$", "`"].includes(s.peek(1))) {
          lit(s.peek(1), true);
          s.pos += 2;
        } else if (!expansion(c, true)) {
          lit(c, true);
          s.pos++;
        }
      }
    } else if (!expansion(ch, false)) {
      lit(ch, false);
      s.pos++;
    }
  }
  return parts;
}

function skipSpace(s: Scanner): void {
  while (!s.done() && /\s/.test(s.peek())) s.pos++;
}

function syntaxError(token: string): ParseError {
  return new ParseError(`syntax error near unexpected token \`${token}'`, false);
}

export function parseLine(line: string): ListItem[] {
  const s = new Scanner(line);
  const items: ListItem[] = [];
  let pipeline: SimpleCommand[] = [];
  let current: SimpleCommand = { words: [], redirects: [], text: "" };
  let itemStart = 0;
  let commandStart = 0;
  const close = (command: SimpleCommand) => {
    command.text = line.slice(commandStart, s.pos).trim();
    pipeline.push(command);
  };
  const finishItem = (next?: Connector) => {
    items.push({ pipeline, text: line.slice(itemStart, s.pos).trim(), ...(next ? { next } : {}) });
    pipeline = [];
  };
  const endCommand = (op: string) => {
    if (current.words.length === 0 && current.redirects.length === 0) throw syntaxError(op);
    close(current);
    current = { words: [], redirects: [], text: "" };
  };
  for (;;) {
    skipSpace(s);
    if (s.done()) break;
    const ch = s.peek();
    if (ch === "#") break;
    const two = ch + s.peek(1);
    if (two === "&&" || two === "||") {
      endCommand(two);
      finishItem(two);
      s.pos += 2;
      itemStart = s.pos;
      commandStart = s.pos;
      continue;
    }
    if (ch === "|") {
      endCommand("|");
      s.pos++;
      commandStart = s.pos;
      continue;
    }
    const redirect = /^(2>&1|1>&2|>&2|&>>?|2>>?|1?>>?|<)/.exec(s.src.slice(s.pos));
    if (redirect) {
      s.pos += redirect[0].length;
      const op = redirect[0];
      if (op === "2>&1" || op === "1>&2" || op === ">&2") {
        current.redirects.push({
          fd: op === "2>&1" ? 2 : 1,
          target: [{ kind: "lit", text: op === "2>&1" ? "&1" : "&2", quoted: false }],
          append: false,
        });
        continue;
      }
      skipSpace(s);
      if (s.done()) throw syntaxError("newline");
      const target = readWord(s);
      if (op === "<") {
        current.input = target;
        continue;
      }
      current.redirects.push({
        fd: op.startsWith("&") ? "both" : op.startsWith("2") ? 2 : 1,
        target,
        append: op.endsWith(">>"),
      });
      continue;
    }
    // (after the redirections, so that `&>` is one)
    if (ch === ";" || ch === "&") {
      endCommand(ch);
      finishItem(ch);
      s.pos++;
      itemStart = s.pos;
      commandStart = s.pos;
      continue;
    }
    const word = readWord(s);
    if (word.length === 0) throw syntaxError(ch);
    current.words.push(word);
  }
  if (current.words.length > 0 || current.redirects.length > 0) close(current);
  else if (pipeline.length > 0) throw new ParseError("", true);
  if (pipeline.length > 0) finishItem();
  else if (items.length > 0 && !["&", ";"].includes(items[items.length - 1]?.next ?? ""))
    throw new ParseError("", true);
  return items;
}
