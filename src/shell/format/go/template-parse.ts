/**
 * text/template's lexer and parser: actions, pipelines, if/else/range/with/break/continue,
 * variables and parenthesised pipelines, with the errors text/template words.
 */
import { FUNC_NAMES } from "./funcs";
import type { GoValue } from "./value";
import { goBool, goInt, goNil, goStr } from "./value";

export class TemplateError extends Error {
  /** What an execution had written before it failed (Go leaves it in the writer). */
  partial = "";
}

export type Operand =
  | { k: "field"; chain: string[]; pos: number; text: string }
  | { k: "var"; name: string; chain: string[]; pos: number; text: string }
  | { k: "dot"; pos: number }
  | { k: "lit"; value: GoValue; pos: number; text: string }
  | { k: "ident"; name: string; pos: number }
  | { k: "pipe"; pipe: Pipe; chain: string[]; pos: number; text: string };

export interface Command {
  args: Operand[];
  pos: number;
  /** As text/template prints the command in an error: its operands joined by one space. */
  text: string;
}

export interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Command[];
  pos: number;
  text: string;
}

export type Node =
  | { k: "text"; text: string }
  | { k: "action"; pipe: Pipe }
  | { k: "if" | "with"; pipe: Pipe; list: Node[]; elseList: Node[] | null }
  | { k: "range"; pipe: Pipe; list: Node[]; elseList: Node[] | null }
  | { k: "break" | "continue" }
  /** {{template "name" pipeline}}, placed at its name; `text` is how Go prints the node. */
  | { k: "template"; name: string; pipe: Pipe | null; pos: number; text: string };

interface Token {
  k:
    | "field"
    | "var"
    | "ident"
    | "string"
    | "number"
    | "pipe"
    | "lparen"
    | "rparen"
    | "decl"
    | "assign"
    | "comma";
  text: string;
  pos: number;
}

export function lineOf(src: string, pos: number): number {
  return 1 + (src.slice(0, pos).match(/\n/g)?.length ?? 0);
}

function tokenize(src: string, start: number, end: number, name: string): Token[] {
  const tokens: Token[] = [];
  let i = start;
  const fail = (msg: string) => {
    throw new TemplateError(`template: ${name}:${lineOf(src, i)}: ${msg}`);
  };
  // A word must end at a space, punctuation of the language or the action's end (atTerminator).
  const terminated = () => {
    const c = src[i] ?? "";
    if (i >= end || /[\s.,|:()]/.test(c)) return;
    const code = c.codePointAt(0) ?? 0;
    fail(`bad character U+${code.toString(16).toUpperCase().padStart(4, "0")} '${c}'`);
  };
  while (i < end) {
    const c = src[i] ?? "";
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const from = i;
    if (c === "|") {
      tokens.push({ k: "pipe", text: c, pos: i++ });
    } else if (c === "(") {
      tokens.push({ k: "lparen", text: c, pos: i++ });
    } else if (c === ")") {
      tokens.push({ k: "rparen", text: c, pos: i++ });
    } else if (c === ",") {
      tokens.push({ k: "comma", text: c, pos: i++ });
    } else if (c === ":" && src[i + 1] === "=") {
      tokens.push({ k: "decl", text: ":=", pos: i });
      i += 2;
    } else if (c === "=") {
      tokens.push({ k: "assign", text: "=", pos: i++ });
    } else if (c === '"') {
      i++;
      while (i < end && src[i] !== '"') i += src[i] === "\\" ? 2 : 1;
      if (i >= end) fail("unterminated quoted string");
      i++;
      tokens.push({ k: "string", text: src.slice(from, i), pos: from });
    } else if (c === "`") {
      i = src.indexOf("`", i + 1);
      if (i < 0 || i >= end) fail("unterminated raw quoted string");
      i++;
      tokens.push({ k: "string", text: src.slice(from, i), pos: from });
    } else if (c === "." || c === "$") {
      i++;
      while (i < end && /[\w.]/.test(src[i] ?? "")) i++;
      if (c === ".") terminated();
      tokens.push({ k: c === "." ? "field" : "var", text: src.slice(from, i), pos: from });
    } else if (/[-+0-9]/.test(c)) {
      i = scanNumber(src, i, end);
      const text = src.slice(from, i);
      // Go's lexer takes one letter or digit past a number into the error.
      if (/\w/.test(src[i] ?? "") && i < end) fail(`bad number syntax: ${JSON.stringify(text + src[i])}`);
      tokens.push({ k: "number", text, pos: from });
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < end && /\w/.test(src[i] ?? "")) i++;
      terminated();
      tokens.push({ k: "ident", text: src.slice(from, i), pos: from });
    } else {
      fail(`unexpected ${JSON.stringify(c)} in command`);
    }
  }
  return tokens;
}

/** text/template's scanNumber: a sign, a base prefix, digits, a fraction, an exponent, an "i". */
function scanNumber(src: string, start: number, end: number): number {
  let i = start;
  const accept = (chars: string) => {
    if (i < end && chars.includes(src[i] ?? "\0")) {
      i++;
      return true;
    }
    return false;
  };
  const run = (chars: string) => {
    while (accept(chars));
  };
  accept("+-");
  let digits = "0123456789_";
  if (accept("0")) {
    if (accept("xX")) digits = "0123456789abcdefABCDEF_";
    else if (accept("oO")) digits = "01234567_";
    else if (accept("bB")) digits = "01_";
  }
  run(digits);
  if (accept(".")) run(digits);
  if (digits.length === 11 && accept("eE")) {
    accept("+-");
    run("0123456789_");
  }
  if (digits.length === 23 && accept("pP")) {
    accept("+-");
    run("0123456789_");
  }
  accept("i");
  return i;
}

/**
 * Where Go's parser places `.A.B` or `$x.A`: a chain of more than one element is a node made at its
 * second element, which is the column its errors report.
 */
function chainPos(t: Token): number {
  const second = t.text.indexOf(".", 1);
  return second < 0 ? t.pos : t.pos + second;
}

export function operandText(op: Operand): string {
  switch (op.k) {
    case "dot":
      return ".";
    case "ident":
      return op.name;
    default:
      return op.text;
  }
}

function unquote(text: string): string {
  if (text.startsWith("`")) return text.slice(1, -1);
  return JSON.parse(text.replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1")) as string;
}

export class Parser {
  private tokens: Token[] = [];
  private at = 0;

  constructor(
    private readonly src: string,
    private readonly name = "",
  ) {}

  private fail(msg: string, pos: number): never {
    throw new TemplateError(`template: ${this.name}:${lineOf(this.src, pos)}: ${msg}`);
  }

  parse(): Node[] {
    const { list, end } = this.list(0, true, false);
    if (end) this.fail(`unexpected {{${end.word}}}`, end.pos);
    return list;
  }

  /** Where the last list stopped: just after the {{end}} or {{else}} that closed it. */
  private offset = 0;
  /** Whether the action that closed the last list ended with " -}}". */
  private lastTrim = false;
  /** How many {{range}} bodies enclose the list being parsed ({{break}} and {{continue}} need one). */
  private ranges = 0;
  /** The variables in scope: `$`, and those declared so far in the enclosing lists. */
  private vars = ["$"];

  /** Parses nodes from `from` until {{end}} or {{else}} (returned with what follows the word) or the end. */
  private list(
    from: number,
    top: boolean,
    trimFirst: boolean,
  ): { list: Node[]; end?: { word: "end" | "else"; pos: number; rest: Token[] } } {
    const list: Node[] = [];
    let i = from;
    let trimNext = trimFirst;
    for (;;) {
      const open = this.src.indexOf("{{", i);
      let text = this.src.slice(i, open < 0 ? undefined : open);
      if (trimNext) text = text.replace(/^\s+/, "");
      if (open < 0) {
        if (text) list.push({ k: "text", text });
        if (!top) this.fail("unexpected EOF", this.src.length);
        return { list };
      }
      const trimLeft = this.src.startsWith("{{- ", open);
      if (trimLeft) text = text.replace(/\s+$/, "");
      if (text) list.push({ k: "text", text });
      const bodyStart = open + (trimLeft ? 4 : 2);
      if (this.src.startsWith("/*", bodyStart)) {
        const close = this.src.indexOf("*/", bodyStart);
        if (close < 0) this.fail("unclosed comment", open);
        const after = this.src.indexOf("}}", close);
        if (after < 0) this.fail("comment ends before closing delimiter", open);
        trimNext = this.src.slice(close + 2, after).trim() === "-";
        i = after + 2;
        continue;
      }
      const close = this.findClose(bodyStart);
      if (close < 0) {
        // Go's lexer reads to the end first, and may stop earlier on something it cannot read.
        tokenize(this.src, bodyStart, this.src.length, this.name);
        this.fail("unclosed action", open);
      }
      const trimRight = this.src.slice(close - 2, close) === " -";
      trimNext = trimRight;
      i = close + 2;
      this.tokens = tokenize(this.src, bodyStart, trimRight ? close - 2 : close, this.name);
      this.at = 0;
      const first = this.tokens[0];
      if (!first) this.fail("missing value for command", bodyStart);
      const word = first.k === "ident" ? first.text : "";
      if (word === "end" || word === "else") {
        this.offset = i;
        this.lastTrim = trimRight;
        return { list, end: { word, pos: first.pos, rest: this.tokens.slice(1) } };
      }
      if (word === "if" || word === "range" || word === "with") {
        this.at = 1;
        const pipe = this.pipe(first.pos, word);
        list.push(this.control(word, pipe, i, trimRight));
        i = this.offset;
        trimNext = this.lastTrim;
        continue;
      }
      if (word === "break" || word === "continue") {
        if (this.ranges === 0) this.fail(`{{${word}}} outside {{range}}`, first.pos);
        list.push({ k: word });
        continue;
      }
      if (word === "define") {
        if (!top) this.fail(`unexpected <define> in operand`, first.pos);
        const name = this.templateName("define clause");
        if (this.tokens[this.at])
          this.fail(`unexpected ${this.tokens[this.at]?.text} in define clause`, first.pos);
        i = this.definition(name, i, trimRight, "define clause");
        trimNext = this.lastTrim;
        continue;
      }
      if (word === "template" || word === "block") {
        const context = `${word} clause`;
        const nameTok = this.tokens[1];
        const name = this.templateName(context);
        const pipe = word === "block" || this.tokens[this.at] ? this.pipe(first.pos, context) : null;
        const quoted = JSON.stringify(name);
        const text = pipe ? `{{template ${quoted} ${pipe.text}}}` : `{{template ${quoted}}}`;
        list.push({ k: "template", name, pipe, pos: nameTok?.pos ?? first.pos, text });
        if (word === "block") {
          i = this.definition(name, i, trimRight, context);
          trimNext = this.lastTrim;
        }
        continue;
      }
      list.push({ k: "action", pipe: this.pipe(first.pos, "command") });
    }
  }

  /** The named templates {{define}} and {{block}} made, by name. */
  readonly defines = new Map<string, Node[]>();

  /** The quoted name after define, template or block. */
  private templateName(context: string): string {
    const t = this.tokens[1];
    if (t?.k !== "string") this.fail(`unexpected ${t ? t.text : "}}"} in ${context}`, t?.pos ?? 0);
    this.at = 2;
    return unquote(t.text);
  }

  /** The body of {{define}} or {{block}} up to its {{end}}; a second non-empty body is refused. */
  private definition(name: string, from: number, trim: boolean, context: string): number {
    const body = this.list(from, false, trim);
    if (body.end?.word !== "end") this.fail(`unexpected {{${body.end?.word ?? "EOF"}}} in ${context}`, from);
    const empty = (nodes: Node[]) => nodes.every((n) => n.k === "text" && n.text.trim() === "");
    const old = this.defines.get(name);
    if (old && !empty(old) && !empty(body.list))
      this.fail(`template: multiple definition of template ${JSON.stringify(name)}`, from);
    if (!old || empty(old)) this.defines.set(name, body.list);
    return this.offset;
  }

  private findClose(from: number): number {
    let i = from;
    while (i < this.src.length) {
      const c = this.src[i];
      if (c === '"') {
        i++;
        while (i < this.src.length && this.src[i] !== '"' && this.src[i] !== "\n")
          i += this.src[i] === "\\" ? 2 : 1;
        if (this.src[i] !== '"') this.fail("unterminated quoted string", i);
      } else if (c === "`") {
        i = this.src.indexOf("`", i + 1);
        if (i < 0) this.fail("unterminated raw quoted string", this.src.length);
      } else if (this.src.startsWith("}}", i)) return i;
      i++;
    }
    return -1;
  }

  /** The body of if/range/with after its action, its optional {{else}} (or {{else if}}) and {{end}}. */
  private control(word: "if" | "range" | "with", pipe: Pipe, from: number, trim: boolean): Node {
    const scope = this.vars.length - pipe.decl.length;
    if (word === "range") this.ranges++;
    const body = this.list(from, false, trim);
    if (word === "range") this.ranges--;
    const end = body.end;
    if (!end) this.fail("unexpected EOF", this.src.length);
    let elseList: Node[] | null = null;
    if (end.word === "else") {
      const [next] = end.rest;
      if (next?.k === "ident" && (next.text === "if" || next.text === "with")) {
        // {{else if x}} is {{else}}{{if x}}...{{end}}, sharing the outer {{end}}.
        this.tokens = end.rest;
        this.at = 1;
        const inner = this.pipe(next.pos, next.text);
        elseList = [this.control(next.text as "if" | "with", inner, this.offset, this.lastTrim)];
      } else {
        const elseBody = this.list(this.offset, false, this.lastTrim);
        if (elseBody.end?.word !== "end") this.fail("expected end; found {{else}}", elseBody.end?.pos ?? 0);
        elseList = elseBody.list;
      }
    }
    this.vars.length = scope;
    return word === "range"
      ? { k: "range", pipe, list: body.list, elseList }
      : { k: word, pipe, list: body.list, elseList };
  }

  /** A variable must have been declared before it is used. */
  private known(t: Token): void {
    const name = t.text.split(".")[0] ?? "";
    if (!this.vars.includes(name)) this.fail(`undefined variable "${name}"`, t.pos);
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  /** A pipeline; `context` is what Go's parser calls it in errors ("command", "range", "if" …). */
  private pipe(pos: number, context: string): Pipe {
    const decl: string[] = [];
    let assign = false;
    const startTok = this.peek();
    const look = this.tokens.slice(this.at);
    const declAt = look.findIndex((t) => t.k === "decl" || t.k === "assign");
    if (declAt > 0 && look.slice(0, declAt).every((t) => t.k === "var" || t.k === "comma")) {
      const vars = look.slice(0, declAt).filter((t) => t.k === "var");
      if (vars.length > (context === "range" ? 2 : 1)) this.fail(`too many declarations in ${context}`, pos);
      decl.push(...vars.map((t) => t.text));
      assign = look[declAt]?.k === "assign";
      this.at += declAt + 1;
      if (assign) for (const v of vars) this.known(v);
    }
    const cmds: Command[] = [];
    const first = this.peek();
    if (!first || first.k === "rparen") this.fail(`missing value for ${context}`, pos);
    for (;;) {
      const cmd = this.command();
      // Only a pipeline's first command may be a constant or the dot.
      if (cmds.length > 0 && ["lit", "dot"].includes(cmd.args[0]?.k ?? ""))
        this.fail(`non executable command in pipeline stage ${cmds.length + 1}`, cmd.pos);
      cmds.push(cmd);
      const next = this.peek();
      if (!next || next.k === "rparen") break;
      if (next.k !== "pipe") this.fail(`unexpected ${next.text} in operand`, next.pos);
      this.at++;
      // A "|" with nothing after it ends the pipeline, as Go's parser lets it.
      const after = this.peek();
      if (!after || after.k === "rparen") break;
    }
    if (!assign) this.vars.push(...decl);
    const last = this.tokens[this.at - 1];
    const text = this.src.slice(startTok?.pos ?? pos, last ? last.pos + last.text.length : pos);
    return { decl, assign, cmds, pos: startTok?.pos ?? pos, text };
  }

  private command(): Command {
    const args: Operand[] = [];
    const start = this.peek();
    for (;;) {
      const t = this.peek();
      if (!t || t.k === "pipe" || t.k === "rparen") break;
      args.push(this.operand());
    }
    if (args.length === 0) this.fail("missing value for command", start?.pos ?? 0);
    return { args, pos: args[0]?.pos ?? 0, text: args.map(operandText).join(" ") };
  }

  private operand(): Operand {
    const t = this.tokens[this.at++];
    if (!t) this.fail("unexpected EOF", this.src.length);
    switch (t.k) {
      case "field":
        if (t.text === ".") return { k: "dot", pos: t.pos };
        return { k: "field", chain: t.text.slice(1).split("."), pos: chainPos(t), text: t.text };
      case "var": {
        this.known(t);
        const [name = "", ...chain] = t.text.split(".");
        return { k: "var", name, chain, pos: chainPos(t), text: t.text };
      }
      case "string":
        return { k: "lit", value: goStr(unquote(t.text)), pos: t.pos, text: t.text };
      case "number": {
        const n = Number(t.text);
        if (Number.isNaN(n)) this.fail(`bad number syntax: "${t.text}"`, t.pos);
        const value: GoValue = /^[-+]?\d+$/.test(t.text) ? goInt(n) : { k: "float", v: n };
        return { k: "lit", value, pos: t.pos, text: t.text };
      }
      case "ident":
        if (t.text === "true" || t.text === "false")
          return { k: "lit", value: goBool(t.text === "true"), pos: t.pos, text: t.text };
        if (t.text === "nil") return { k: "lit", value: goNil, pos: t.pos, text: t.text };
        if (!FUNC_NAMES.has(t.text)) this.fail(`function "${t.text}" not defined`, t.pos);
        return { k: "ident", name: t.text, pos: t.pos };
      case "lparen": {
        const pipe = this.pipe(t.pos, "parenthesized pipeline");
        const close = this.tokens[this.at++];
        if (close?.k !== "rparen") this.fail("unclosed left paren", t.pos);
        const next = this.peek();
        let chain: string[] = [];
        if (next?.k === "field" && next.pos === close.pos + 1) {
          chain = next.text.slice(1).split(".");
          this.at++;
        }
        const text = `(${pipe.text})${chain.map((f) => `.${f}`).join("")}`;
        return { k: "pipe", pipe, chain, pos: chain.length ? close.pos + 1 : t.pos, text };
      }
      default:
        this.fail(`unexpected "${t.text}" in operand`, t.pos);
    }
  }
}
