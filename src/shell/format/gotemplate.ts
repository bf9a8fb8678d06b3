/**
 * Go's text/template as the Docker CLI uses it for `--format` and `-f`: a parser for actions,
 * pipelines, if/else/range/with, variables and parenthesised pipelines, evaluated over typed Go
 * values, with text/template's built-in functions and the ones docker/cli adds (json, join, split,
 * upper, lower, title, pad, truncate). Values keep Go's types so that printing follows fmt's %v
 * ({a b}, map[k:v], [x y], <nil>) and `json` follows encoding/json (field order, omitempty, nil as null).
 */

// ---------------------------------------------------------------------------------------------
// Go values

export type GoValue =
  | { k: "string"; v: string }
  | { k: "int"; v: number }
  | { k: "float"; v: number }
  | { k: "bool"; v: boolean }
  | { k: "struct"; type: string; fields: GoField[] }
  | { k: "map"; type: string; entries: [string, GoValue][] | null; zero?: GoValue }
  | { k: "slice"; type: string; items: GoValue[] | null }
  | { k: "ptr"; type: string; to: GoValue | null }
  /** time.Time: JSON as RFC 3339 with nanoseconds, %v as Go's String(). */
  | { k: "time"; json: string; text: string }
  /** A formatter context (docker ps, network ls): fields are methods, JSON sorts them by name. */
  | { k: "object"; type: string; fields: Record<string, GoValue>; methods?: Record<string, GoMethod> }
  | { k: "nil" }
  /** What a missing key of a map of interfaces gives: prints "<no value>". */
  | { k: "invalid" };

export type GoMethod = (args: GoValue[]) => GoValue;

export interface GoField {
  name: string;
  /** The JSON key; null for `json:"-"`. Defaults to the field name. */
  json?: string | null;
  omitempty?: boolean;
  v: GoValue;
}

export const goStr = (v: string): GoValue => ({ k: "string", v });
export const goInt = (v: number): GoValue => ({ k: "int", v });
export const goBool = (v: boolean): GoValue => ({ k: "bool", v });
export const goNil: GoValue = { k: "nil" };

/** A struct from [name, value] pairs, or [name, value, {json, omitempty}] for tagged fields. */
export function goStruct(
  type: string,
  fields: ([string, GoValue] | [string, GoValue, { json?: string | null; omitempty?: boolean }])[],
): GoValue {
  return { k: "struct", type, fields: fields.map(([name, v, tag]) => ({ name, v, ...tag })) };
}

/** A slice of strings; null makes a nil slice (JSON null, prints []). */
export function goStrings(items: string[] | null): GoValue {
  return { k: "slice", type: "[]string", items: items === null ? null : items.map(goStr) };
}

export function goSlice(type: string, items: GoValue[] | null): GoValue {
  return { k: "slice", type, items };
}

export function goMap(type: string, entries: [string, GoValue][] | null, zero?: GoValue): GoValue {
  return { k: "map", type, entries, ...(zero ? { zero } : {}) };
}

export function goStringMap(record: Record<string, string> | null): GoValue {
  return goMap(
    "map[string]string",
    record === null ? null : Object.entries(record).map(([k, v]) => [k, goStr(v)]),
    goStr(""),
  );
}

export function goPtr(type: string, to: GoValue | null): GoValue {
  return { k: "ptr", type, to };
}

/** Plain JSON data (a raw inspect document decoded into interface{} values). */
export function fromJson(data: unknown): GoValue {
  if (data === null || data === undefined) return goNil;
  if (typeof data === "string") return goStr(data);
  if (typeof data === "number") return Number.isInteger(data) ? goInt(data) : { k: "float", v: data };
  if (typeof data === "boolean") return goBool(data);
  if (Array.isArray(data)) return goSlice("[]interface {}", data.map(fromJson));
  return goMap(
    "map[string]interface {}",
    Object.entries(data as Record<string, unknown>).map(([k, v]) => [k, fromJson(v)]),
  );
}

function typeName(v: GoValue): string {
  switch (v.k) {
    case "struct":
    case "map":
    case "slice":
    case "ptr":
    case "object":
      return v.type;
    case "time":
      return "time.Time";
    case "nil":
    case "invalid":
      return "<nil>";
    case "float":
      return "float64";
    default:
      return v.k;
  }
}

// ---------------------------------------------------------------------------------------------
// fmt's %v and encoding/json

function formatFloat(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 21) {
    const [mant = "", e = "0"] = v.toExponential().split("e");
    const n = Number(e);
    return `${mant}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  return String(v);
}

/** fmt.Sprint of a value; `top` is text/template's printing, which dereferences a pointer first. */
export function formatValue(v: GoValue, top = true): string {
  switch (v.k) {
    case "string":
      return v.v;
    case "int":
      return String(v.v);
    case "float":
      return formatFloat(v.v);
    case "bool":
      return v.v ? "true" : "false";
    case "struct":
      return `{${v.fields.map((f) => formatValue(f.v, false)).join(" ")}}`;
    case "map":
      return `map[${sortedEntries(v.entries ?? [])
        .map(([key, value]) => `${key}:${formatValue(value, false)}`)
        .join(" ")}]`;
    case "slice":
      return `[${(v.items ?? []).map((i) => formatValue(i, false)).join(" ")}]`;
    case "ptr":
      if (v.to === null) return "<nil>";
      return top ? formatValue(v.to, true) : "0xc000010000";
    case "time":
      return v.text;
    case "object":
      return `{${Object.values(v.fields)
        .map((f) => formatValue(f, false))
        .join(" ")}}`;
    case "nil":
      return "<nil>";
    case "invalid":
      return "<no value>";
  }
}

function sortedEntries(entries: [string, GoValue][]): [string, GoValue][] {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x2028 || code === 0x2029 || (escapeHTML && "<>&".includes(ch)))
      out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

function isEmptyValue(v: GoValue): boolean {
  switch (v.k) {
    case "string":
      return v.v === "";
    case "int":
    case "float":
      return v.v === 0;
    case "bool":
      return !v.v;
    case "map":
      return (v.entries?.length ?? 0) === 0;
    case "slice":
      return (v.items?.length ?? 0) === 0;
    case "ptr":
      return v.to === null;
    case "nil":
    case "invalid":
      return true;
    default:
      return false;
  }
}

export interface JsonOptions {
  /** encoding/json escapes <, > and & unless told not to (docker's `json` function does not). */
  escapeHTML?: boolean;
  /** json.Indent's indent string; compact when absent. */
  indent?: string;
}

/** encoding/json's Marshal (then json.Indent when an indent is given). */
export function toJson(v: GoValue, options: JsonOptions = {}, depth = 0): string {
  const esc = options.escapeHTML ?? true;
  const { indent } = options;
  const wrap = (open: string, close: string, parts: string[]) => {
    if (parts.length === 0) return open + close;
    if (indent === undefined) return `${open}${parts.join(",")}${close}`;
    const inner = indent.repeat(depth + 1);
    return `${open}\n${parts.map((p) => inner + p).join(",\n")}\n${indent.repeat(depth)}${close}`;
  };
  const sep = indent === undefined ? ":" : ": ";
  const member = (key: string, value: GoValue) =>
    `${jsonString(key, esc)}${sep}${toJson(value, options, depth + 1)}`;
  switch (v.k) {
    case "string":
      return jsonString(v.v, esc);
    // Numbers and booleans are written as fmt prints them.
    case "int":
    case "float":
    case "bool":
      return formatValue(v);
    case "struct":
      return wrap(
        "{",
        "}",
        v.fields
          .filter((f) => f.json !== null && !(f.omitempty && isEmptyValue(f.v)))
          .map((f) => member(f.json ?? f.name, f.v)),
      );
    case "map":
      if (v.entries === null) return "null";
      return wrap(
        "{",
        "}",
        sortedEntries(v.entries).map(([key, value]) => member(key, value)),
      );
    case "slice":
      if (v.items === null) return "null";
      return wrap(
        "[",
        "]",
        v.items.map((i) => toJson(i, options, depth + 1)),
      );
    case "ptr":
      return v.to === null ? "null" : toJson(v.to, options, depth);
    case "time":
      return jsonString(v.json, esc);
    case "object": {
      // A formatter context's MarshalJSON is encoding/json's Marshal of a map: HTML-escaped whatever the caller's encoder does.
      const inner = { ...options, escapeHTML: true };
      return wrap(
        "{",
        "}",
        Object.keys(v.fields)
          .sort()
          .map((key) => `${jsonString(key, true)}${sep}${toJson(v.fields[key] ?? goNil, inner, depth + 1)}`),
      );
    }
    case "nil":
    case "invalid":
      return "null";
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing

export class TemplateError extends Error {
  /** What an execution had written before it failed (Go leaves it in the writer). */
  partial = "";
}

type Operand =
  | { k: "field"; chain: string[]; pos: number; text: string }
  | { k: "var"; name: string; chain: string[]; pos: number; text: string }
  | { k: "dot"; pos: number }
  | { k: "lit"; value: GoValue; pos: number; text: string }
  | { k: "ident"; name: string; pos: number }
  | { k: "pipe"; pipe: Pipe; chain: string[]; pos: number; text: string };

interface Command {
  args: Operand[];
  pos: number;
}

interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Command[];
  pos: number;
  text: string;
}

type Node =
  | { k: "text"; text: string }
  | { k: "action"; pipe: Pipe }
  | { k: "if" | "with"; pipe: Pipe; list: Node[]; elseList: Node[] | null }
  | { k: "range"; pipe: Pipe; list: Node[]; elseList: Node[] | null }
  | { k: "break" | "continue" };

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

const FUNCS = new Set([
  "and",
  "or",
  "not",
  "len",
  "index",
  "slice",
  "print",
  "printf",
  "println",
  "eq",
  "ne",
  "lt",
  "le",
  "gt",
  "ge",
  "html",
  "js",
  "urlquery",
  "call",
  "json",
  "split",
  "join",
  "title",
  "lower",
  "upper",
  "pad",
  "truncate",
]);

function lineOf(src: string, pos: number): number {
  return 1 + (src.slice(0, pos).match(/\n/g)?.length ?? 0);
}

function tokenize(src: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let i = start;
  const fail = (msg: string) => {
    throw new TemplateError(`template: :${lineOf(src, i)}: ${msg}`);
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
      tokens.push({ k: c === "." ? "field" : "var", text: src.slice(from, i), pos: from });
    } else if (/[-+0-9]/.test(c)) {
      i++;
      while (i < end && /[\w.+-]/.test(src[i] ?? "")) i++;
      tokens.push({ k: "number", text: src.slice(from, i), pos: from });
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < end && /\w/.test(src[i] ?? "")) i++;
      tokens.push({ k: "ident", text: src.slice(from, i), pos: from });
    } else {
      fail(`unexpected ${JSON.stringify(c)} in command`);
    }
  }
  return tokens;
}

function unquote(text: string): string {
  if (text.startsWith("`")) return text.slice(1, -1);
  return JSON.parse(text.replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1")) as string;
}

class Parser {
  private tokens: Token[] = [];
  private at = 0;

  constructor(private readonly src: string) {}

  private fail(msg: string, pos: number): never {
    throw new TemplateError(`template: :${lineOf(this.src, pos)}: ${msg}`);
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
      if (close < 0) this.fail("unclosed action", open);
      const trimRight = this.src.slice(close - 2, close) === " -";
      trimNext = trimRight;
      i = close + 2;
      this.tokens = tokenize(this.src, bodyStart, trimRight ? close - 2 : close);
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
        const pipe = this.pipe(first.pos, word === "range");
        list.push(this.control(word, pipe, i, trimRight));
        i = this.offset;
        trimNext = this.lastTrim;
        continue;
      }
      if (word === "break" || word === "continue") {
        list.push({ k: word });
        continue;
      }
      if (word === "define" || word === "template" || word === "block") {
        this.fail(`{{${word}}} is not supported here`, first.pos);
      }
      list.push({ k: "action", pipe: this.pipe(first.pos, false) });
    }
  }

  private findClose(from: number): number {
    let i = from;
    while (i < this.src.length) {
      const c = this.src[i];
      if (c === '"') {
        i++;
        while (i < this.src.length && this.src[i] !== '"') i += this.src[i] === "\\" ? 2 : 1;
      } else if (c === "`") {
        i = this.src.indexOf("`", i + 1);
        if (i < 0) return -1;
      } else if (this.src.startsWith("}}", i)) return i;
      i++;
    }
    return -1;
  }

  /** The body of if/range/with after its action, its optional {{else}} (or {{else if}}) and {{end}}. */
  private control(word: "if" | "range" | "with", pipe: Pipe, from: number, trim: boolean): Node {
    const body = this.list(from, false, trim);
    const end = body.end;
    if (!end) this.fail("unexpected EOF", this.src.length);
    let elseList: Node[] | null = null;
    if (end.word === "else") {
      const [next] = end.rest;
      if (next?.k === "ident" && (next.text === "if" || next.text === "with")) {
        // {{else if x}} is {{else}}{{if x}}...{{end}}, sharing the outer {{end}}.
        this.tokens = end.rest;
        this.at = 1;
        const inner = this.pipe(next.pos, false);
        elseList = [this.control(next.text as "if" | "with", inner, this.offset, this.lastTrim)];
      } else {
        const elseBody = this.list(this.offset, false, this.lastTrim);
        if (elseBody.end?.word !== "end") this.fail("expected end; found else", elseBody.end?.pos ?? 0);
        elseList = elseBody.list;
      }
    }
    return word === "range"
      ? { k: "range", pipe, list: body.list, elseList }
      : { k: word, pipe, list: body.list, elseList };
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private pipe(pos: number, allowTwoVars: boolean): Pipe {
    const decl: string[] = [];
    let assign = false;
    const startTok = this.peek();
    const look = this.tokens.slice(this.at);
    const declAt = look.findIndex((t) => t.k === "decl" || t.k === "assign");
    if (declAt > 0 && look.slice(0, declAt).every((t) => t.k === "var" || t.k === "comma")) {
      const vars = look.slice(0, declAt).filter((t) => t.k === "var");
      if (vars.length > (allowTwoVars ? 2 : 1)) this.fail("too many declarations in command", pos);
      decl.push(...vars.map((t) => t.text));
      assign = look[declAt]?.k === "assign";
      this.at += declAt + 1;
    }
    const cmds: Command[] = [];
    for (;;) {
      const cmd = this.command();
      cmds.push(cmd);
      const next = this.peek();
      if (!next || next.k === "rparen") break;
      if (next.k !== "pipe") this.fail(`unexpected ${next.text} in operand`, next.pos);
      this.at++;
    }
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
    return { args, pos: args[0]?.pos ?? 0 };
  }

  private operand(): Operand {
    const t = this.tokens[this.at++];
    if (!t) this.fail("unexpected EOF", this.src.length);
    switch (t.k) {
      case "field":
        if (t.text === ".") return { k: "dot", pos: t.pos };
        return { k: "field", chain: t.text.slice(1).split("."), pos: t.pos, text: t.text };
      case "var": {
        const [name = "", ...chain] = t.text.split(".");
        return { k: "var", name, chain, pos: t.pos, text: t.text };
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
        if (!FUNCS.has(t.text)) this.fail(`function "${t.text}" not defined`, t.pos);
        return { k: "ident", name: t.text, pos: t.pos };
      case "lparen": {
        const pipe = this.pipe(t.pos, false);
        const close = this.tokens[this.at++];
        if (close?.k !== "rparen") this.fail("unclosed left paren", t.pos);
        const next = this.peek();
        let chain: string[] = [];
        if (next?.k === "field" && next.pos === close.pos + 1) {
          chain = next.text.slice(1).split(".");
          this.at++;
        }
        return { k: "pipe", pipe, chain, pos: t.pos, text: `(${pipe.text})` };
      }
      default:
        this.fail(`unexpected "${t.text}" in operand`, t.pos);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Execution

class ExecError extends Error {}

class Loop {
  constructor(readonly kind: "break" | "continue") {}
}

export interface TemplateOptions {
  /** text/template's missingkey=error, which docker inspect's raw fallback uses. */
  missingKeyError?: boolean;
  /** docker/cli's header functions: json, join, upper … return their argument unchanged. */
  header?: boolean;
}

export class Template {
  private readonly nodes: Node[];

  constructor(
    private readonly src: string,
    private readonly options: TemplateOptions = {},
  ) {
    this.nodes = new Parser(src).parse();
  }

  /** Executes over `dot`; throws TemplateError worded as text/template words it. */
  execute(dot: GoValue): string {
    const out: string[] = [];
    const vars: [string, GoValue][] = [["$", dot]];
    try {
      this.walk(this.nodes, dot, vars, out);
    } catch (error) {
      if (!(error instanceof ExecError)) throw error;
      const failure = new TemplateError(error.message);
      failure.partial = out.join("");
      throw failure;
    }
    return out.join("");
  }

  private walk(nodes: Node[], dot: GoValue, vars: [string, GoValue][], out: string[]): void {
    for (const node of nodes) {
      switch (node.k) {
        case "text":
          out.push(node.text);
          break;
        case "action": {
          const value = this.pipe(node.pipe, dot, vars);
          if (node.pipe.decl.length === 0) out.push(formatValue(value, true));
          break;
        }
        case "if":
        case "with": {
          const mark = vars.length;
          const value = this.pipe(node.pipe, dot, vars);
          if (isTrue(value)) this.walk(node.list, node.k === "with" ? value : dot, vars, out);
          else if (node.elseList) this.walk(node.elseList, dot, vars, out);
          vars.length = mark;
          break;
        }
        case "range":
          this.range(node, dot, vars, out);
          break;
        case "break":
        case "continue":
          throw new Loop(node.k);
      }
    }
  }

  private range(
    node: Extract<Node, { k: "range" }>,
    dot: GoValue,
    vars: [string, GoValue][],
    out: string[],
  ): void {
    const mark = vars.length;
    const saved = node.pipe.decl;
    const value = this.pipe({ ...node.pipe, decl: [] }, dot, vars);
    const target = value.k === "ptr" && value.to ? value.to : value;
    let items: [GoValue, GoValue][];
    if (target.k === "slice") items = (target.items ?? []).map((v, i) => [goInt(i), v]);
    else if (target.k === "map")
      items = sortedEntries(target.entries ?? []).map(([key, v]) => [goStr(key), v]);
    else if (target.k === "int") items = Array.from({ length: target.v }, (_, i) => [goInt(i), goInt(i)]);
    else if (target.k === "nil" || target.k === "invalid") items = [];
    else throw this.error(node.pipe, `range can't iterate over ${formatValue(value)}`);
    if (items.length === 0) {
      if (node.elseList) this.walk(node.elseList, dot, vars, out);
      return;
    }
    for (const [key, elem] of items) {
      vars.length = mark;
      if (saved.length === 1) vars.push([saved[0] ?? "", elem]);
      if (saved.length === 2) vars.push([saved[0] ?? "", key], [saved[1] ?? "", elem]);
      try {
        this.walk(node.list, elem, vars, out);
      } catch (signal) {
        if (!(signal instanceof Loop)) throw signal;
        if (signal.kind === "break") break;
      }
    }
    vars.length = mark;
  }

  private error(at: { pos: number; text: string }, msg: string): ExecError {
    return new ExecError(
      `template: :${lineOf(this.src, at.pos)}:${this.column(at.pos)}: executing "" at <${at.text}>: ${msg}`,
    );
  }

  private column(pos: number): number {
    const nl = this.src.lastIndexOf("\n", pos - 1);
    return nl < 0 ? pos : pos - nl - 1;
  }

  private pipe(pipe: Pipe, dot: GoValue, vars: [string, GoValue][]): GoValue {
    let value: GoValue | undefined;
    for (const cmd of pipe.cmds) value = this.command(cmd, dot, vars, value, pipe);
    const result = value ?? goNil;
    if (pipe.decl.length > 0) {
      const name = pipe.decl[0] ?? "";
      if (pipe.assign) {
        const slot = [...vars].reverse().find(([n]) => n === name);
        if (!slot) throw this.error(pipe, `undefined variable: ${name}`);
        slot[1] = result;
      } else vars.push([name, result]);
    }
    return result;
  }

  private command(
    cmd: Command,
    dot: GoValue,
    vars: [string, GoValue][],
    final: GoValue | undefined,
    pipe: Pipe,
  ): GoValue {
    const [first, ...rest] = cmd.args;
    if (!first) throw this.error(pipe, "empty command");
    const args = () => {
      const values = rest.map((a) => this.operand(a, dot, vars));
      return final === undefined ? values : [...values, final];
    };
    switch (first.k) {
      case "ident":
        return this.call(first.name, args(), { pos: first.pos, text: first.name }, rest, dot, vars, final);
      case "field":
        return this.chain(dot, first.chain, args(), first);
      case "var":
      case "pipe": {
        const base = this.chainStart(first, dot, vars);
        return first.chain.length
          ? this.chain(base, first.chain, args(), first)
          : this.noArgs(base, rest, final, first);
      }
      case "dot":
        return this.noArgs(dot, rest, final, { pos: first.pos, text: "." });
      case "lit":
        return this.noArgs(first.value, rest, final, first);
    }
  }

  private noArgs(
    value: GoValue,
    rest: Operand[],
    final: GoValue | undefined,
    at: { pos: number; text: string },
  ): GoValue {
    if (rest.length > 0 || final !== undefined)
      throw this.error(at, `can't give argument to non-function ${at.text}`);
    return value;
  }

  private variable(name: string, vars: [string, GoValue][], at: { pos: number; text: string }): GoValue {
    const slot = [...vars].reverse().find(([n]) => n === name);
    if (!slot) throw new ExecError(`template: :${lineOf(this.src, at.pos)}: undefined variable "${name}"`);
    return slot[1];
  }

  private operand(op: Operand, dot: GoValue, vars: [string, GoValue][]): GoValue {
    switch (op.k) {
      case "dot":
        return dot;
      case "lit":
        return op.value;
      case "field":
        return this.chain(dot, op.chain, [], op);
      case "var":
      case "pipe": {
        const base = this.chainStart(op, dot, vars);
        return op.chain.length ? this.chain(base, op.chain, [], op) : base;
      }
      case "ident":
        return this.call(op.name, [], { pos: op.pos, text: op.name }, [], dot, vars, undefined);
    }
  }

  /** The value `$x.A.B` and `(pipeline).A.B` start from: the variable's, or the pipeline's result. */
  private chainStart(
    op: Extract<Operand, { k: "var" | "pipe" }>,
    dot: GoValue,
    vars: [string, GoValue][],
  ): GoValue {
    return op.k === "var" ? this.variable(op.name, vars, op) : this.pipe(op.pipe, dot, vars);
  }

  /** Walks `.A.B.C`; the last element gets the arguments when it is a method. */
  private chain(base: GoValue, chain: string[], args: GoValue[], at: { pos: number; text: string }): GoValue {
    let value = base;
    chain.forEach((name, i) => {
      const last = i === chain.length - 1;
      value = this.field(value, name, last ? args : [], last, at);
    });
    return value;
  }

  private field(
    receiver: GoValue,
    name: string,
    args: GoValue[],
    last: boolean,
    at: { pos: number; text: string },
  ): GoValue {
    let value = receiver;
    if (value.k === "ptr") {
      if (value.to === null) throw this.error(at, `nil pointer evaluating ${value.type}.${name}`);
      value = value.to;
    }
    const noArgs = (v: GoValue) => {
      if (args.length > 0 && last)
        throw this.error(at, `${name} has arguments but cannot be invoked as function`);
      return v;
    };
    switch (value.k) {
      case "struct": {
        const f = value.fields.find((x) => x.name === name);
        if (!f) throw this.error(at, `can't evaluate field ${name} in type ${value.type}`);
        return noArgs(f.v);
      }
      case "object": {
        const method = value.methods?.[name];
        if (method) return method(args);
        const f = value.fields[name];
        if (!f) throw this.error(at, `can't evaluate field ${name} in type ${value.type}`);
        return noArgs(f);
      }
      case "map": {
        if (args.length > 0 && last) throw this.error(at, `${name} is not a method but has arguments`);
        const entry = value.entries?.find(([key]) => key === name);
        if (entry) return noArgs(entry[1]);
        if (this.options.missingKeyError) throw this.error(at, `map has no entry for key "${name}"`);
        return noArgs({ k: "invalid" });
      }
      case "nil":
      case "invalid":
        throw this.error(at, `nil pointer evaluating interface {}.${name}`);
      default:
        throw this.error(at, `can't evaluate field ${name} in type ${typeName(value)}`);
    }
  }

  private call(
    name: string,
    args: GoValue[],
    at: { pos: number; text: string },
    rest: Operand[],
    dot: GoValue,
    vars: [string, GoValue][],
    final: GoValue | undefined,
  ): GoValue {
    const fail = (msg: string) => this.error(at, `error calling ${name}: ${msg}`);
    const wantArgs = (n: number) => {
      if (args.length !== n)
        throw this.error(at, `wrong number of args for ${name}: want ${n} got ${args.length}`);
    };
    const str = (v: GoValue | undefined, what = "string"): string => {
      if (v?.k !== "string")
        throw this.error(at, `wrong type for value; expected ${what}; got ${v ? typeName(v) : "<nil>"}`);
      return v.v;
    };
    const int = (v: GoValue | undefined): number => {
      if (v?.k !== "int")
        throw this.error(at, `wrong type for value; expected int; got ${v ? typeName(v) : "<nil>"}`);
      return v.v;
    };
    if (
      this.options.header &&
      ["json", "split", "join", "title", "lower", "upper", "truncate"].includes(name)
    ) {
      return args[0] ?? goStr("");
    }
    switch (name) {
      case "and":
      case "or": {
        // Go 1.18+: arguments are evaluated lazily, left to right.
        const ops = rest.map((op) => () => this.operand(op, dot, vars));
        if (final !== undefined) ops.push(() => final);
        if (ops.length === 0) throw this.error(at, `wrong number of args for ${name}: want at least 1 got 0`);
        let value: GoValue = goNil;
        for (const op of ops) {
          value = op();
          if (isTrue(value) === (name === "or")) return value;
        }
        return value;
      }
      case "not":
        wantArgs(1);
        return goBool(!isTrue(args[0] ?? goNil));
      case "len": {
        wantArgs(1);
        const v = deref(args[0] ?? goNil);
        if (v.k === "string") return goInt(new TextEncoder().encode(v.v).length);
        if (v.k === "slice") return goInt(v.items?.length ?? 0);
        if (v.k === "map") return goInt(v.entries?.length ?? 0);
        throw fail(`len of type ${typeName(v)}`);
      }
      case "index": {
        if (args.length < 1) throw this.error(at, "wrong number of args for index: want at least 1 got 0");
        let v = args[0] ?? goNil;
        for (const key of args.slice(1)) {
          v = deref(v);
          if (v.k === "slice") {
            const i = int(key);
            const items = v.items ?? [];
            if (i < 0 || i >= items.length) throw fail(`index out of range: ${i}`);
            v = items[i] ?? goNil;
          } else if (v.k === "map") {
            const k = str(key);
            v = v.entries?.find(([x]) => x === k)?.[1] ?? v.zero ?? { k: "invalid" };
          } else if (v.k === "string") {
            const i = int(key);
            const bytes = new TextEncoder().encode(v.v);
            if (i < 0 || i >= bytes.length) throw fail(`index out of range: ${i}`);
            v = goInt(bytes[i] ?? 0);
          } else throw fail(`can't index item of type ${typeName(v)}`);
        }
        return v;
      }
      case "slice": {
        const v = deref(args[0] ?? goNil);
        const bounds = args.slice(1).map(int);
        if (v.k === "string") return goStr(v.v.slice(bounds[0] ?? 0, bounds[1]));
        if (v.k === "slice") return { ...v, items: (v.items ?? []).slice(bounds[0] ?? 0, bounds[1]) };
        throw fail(`can't slice item of type ${typeName(v)}`);
      }
      case "print":
        return goStr(sprint(args));
      case "println":
        return goStr(`${args.map((a) => formatValue(a)).join(" ")}\n`);
      case "printf": {
        if (args.length < 1) throw this.error(at, "wrong number of args for printf: want at least 1 got 0");
        return goStr(sprintf(str(args[0]), args.slice(1)));
      }
      case "eq":
      case "ne":
      case "lt":
      case "le":
      case "gt":
      case "ge":
        return goBool(this.compare(name, args, at));
      case "html":
        return goStr(
          sprint(args)
            .replace(/&/g, "&amp;")
            .replace(/</g, "&lt;")
            .replace(/>/g, "&gt;")
            .replace(/"/g, "&#34;")
            .replace(/'/g, "&#39;"),
        );
      case "js":
        return goStr(
          sprint(args).replace(
            /[\\'"<>&=]/g,
            (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}`,
          ),
        );
      case "urlquery":
        return goStr(encodeURIComponent(sprint(args)).replace(/%20/g, "+"));
      case "call":
        throw fail("call of a non-function");
      case "json":
        wantArgs(1);
        return goStr(toJson(args[0] ?? goNil, { escapeHTML: false }));
      case "split":
        wantArgs(2);
        return goStrings(str(args[0]).split(str(args[1])));
      case "join": {
        wantArgs(2);
        const list = deref(args[0] ?? goNil);
        if (list.k !== "slice" || !(list.items ?? []).every((i) => i.k === "string"))
          throw this.error(at, `wrong type for value; expected []string; got ${typeName(list)}`);
        return goStr((list.items ?? []).map((i) => formatValue(i)).join(str(args[1])));
      }
      case "title":
        wantArgs(1);
        return goStr(
          str(args[0]).replace(
            /(^|[^\p{L}\p{N}_'])(\p{L})/gu,
            (_, sep: string, ch: string) => sep + ch.toUpperCase(),
          ),
        );
      case "lower":
        wantArgs(1);
        return goStr(str(args[0]).toLowerCase());
      case "upper":
        wantArgs(1);
        return goStr(str(args[0]).toUpperCase());
      case "pad": {
        wantArgs(3);
        const s = str(args[0]);
        return goStr(s === "" ? s : " ".repeat(int(args[1])) + s + " ".repeat(int(args[2])));
      }
      case "truncate": {
        wantArgs(2);
        const s = str(args[0]);
        const n = int(args[1]);
        return goStr(s.length < n ? s : s.slice(0, n));
      }
    }
    throw this.error(at, `function "${name}" not defined`);
  }

  private compare(op: string, args: GoValue[], at: { pos: number; text: string }): boolean {
    const [a, ...others] = args.map(deref);
    if (!a || others.length === 0)
      throw this.error(at, `wrong number of args for ${op}: want 2 got ${args.length}`);
    const basic = (v: GoValue) => {
      if (v.k === "string" || v.k === "int" || v.k === "float" || v.k === "bool") return v;
      if (v.k === "nil" || v.k === "invalid") return v;
      throw this.error(at, `error calling ${op}: invalid type for comparison`);
    };
    const left = basic(a);
    const cmp = (b: GoValue): number => {
      const right = basic(b);
      const numeric = (left.k === "int" || left.k === "float") && (right.k === "int" || right.k === "float");
      if (!numeric && left.k !== right.k)
        throw this.error(at, `error calling ${op}: incompatible types for comparison`);
      const x = "v" in left ? left.v : null;
      const y = "v" in right ? right.v : null;
      if (x === y) return 0;
      if (op !== "eq" && op !== "ne" && left.k === "bool")
        throw this.error(at, `error calling ${op}: invalid type for comparison`);
      return (x ?? 0) < (y ?? 0) ? -1 : 1;
    };
    switch (op) {
      case "eq":
        return others.some((b) => cmp(b) === 0);
      case "ne":
        return cmp(others[0] ?? goNil) !== 0;
      case "lt":
        return cmp(others[0] ?? goNil) < 0;
      case "le":
        return cmp(others[0] ?? goNil) <= 0;
      case "gt":
        return cmp(others[0] ?? goNil) > 0;
      default:
        return cmp(others[0] ?? goNil) >= 0;
    }
  }
}

function deref(v: GoValue): GoValue {
  return v.k === "ptr" && v.to ? v.to : v;
}

function isTrue(v: GoValue): boolean {
  switch (v.k) {
    case "string":
      return v.v !== "";
    case "int":
    case "float":
      return v.v !== 0;
    case "bool":
      return v.v;
    case "map":
      return (v.entries?.length ?? 0) > 0;
    case "slice":
      return (v.items?.length ?? 0) > 0;
    case "ptr":
      return v.to !== null;
    case "nil":
    case "invalid":
      return false;
    default:
      return true;
  }
}

/** fmt.Sprint: a space between operands when neither is a string. */
function sprint(args: GoValue[]): string {
  let out = "";
  args.forEach((a, i) => {
    const prev = args[i - 1];
    if (i > 0 && a.k !== "string" && prev?.k !== "string") out += " ";
    out += formatValue(a);
  });
  return out;
}

/** fmt.Sprintf for the verbs templates use: %s %v %d %q %t %x %X %f %g %e %c %%, with flags, width, precision. */
export function sprintf(format: string, args: GoValue[]): string {
  let out = "";
  let n = 0;
  const re = /%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*))?([a-zA-Z%])/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, flags = "", widthText, precText, verb = ""] = m;
    if (verb === "%") {
      out += "%";
      continue;
    }
    const width =
      widthText === "*" ? Number(formatValue(args[n++] ?? goInt(0))) : widthText ? Number(widthText) : 0;
    const prec =
      precText === "*" ? Number(formatValue(args[n++] ?? goInt(0))) : precText ? Number(precText) : undefined;
    const arg = args[n++];
    if (!arg) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const v = deref(arg);
    let text: string;
    switch (verb) {
      case "s":
      case "v":
        text = formatValue(arg);
        if (prec !== undefined && verb === "s") text = [...text].slice(0, prec).join("");
        break;
      case "q":
        text = v.k === "string" ? toJson(v, { escapeHTML: false }) : `%!q(${typeName(v)}=${formatValue(v)})`;
        break;
      case "d":
        text = v.k === "int" ? String(v.v) : `%!d(${typeName(v)}=${formatValue(v)})`;
        if (v.k === "int" && flags.includes("+") && v.v >= 0) text = `+${text}`;
        break;
      case "t":
        text = v.k === "bool" ? String(v.v) : `%!t(${typeName(v)}=${formatValue(v)})`;
        break;
      case "x":
      case "X": {
        const raw =
          v.k === "int"
            ? v.v.toString(16)
            : v.k === "string"
              ? [...new TextEncoder().encode(v.v)].map((b) => b.toString(16).padStart(2, "0")).join("")
              : `%!${verb}(${typeName(v)}=${formatValue(v)})`;
        text = verb === "X" ? raw.toUpperCase() : raw;
        break;
      }
      case "c":
        text = v.k === "int" ? String.fromCodePoint(v.v) : `%!c(${typeName(v)}=${formatValue(v)})`;
        break;
      case "f":
      case "e":
      case "g": {
        const num = v.k === "int" || v.k === "float" ? v.v : Number.NaN;
        if (Number.isNaN(num)) text = `%!${verb}(${typeName(v)}=${formatValue(v)})`;
        else if (verb === "f") text = num.toFixed(prec ?? 6);
        else if (verb === "e") text = num.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, "e$10$2");
        else text = prec === undefined ? formatFloat(num) : String(Number(num.toPrecision(prec)));
        break;
      }
      default:
        text = `%!${verb}(${typeName(v)}=${formatValue(v)})`;
    }
    if (text.length < width) {
      const pad = (flags.includes("0") && !flags.includes("-") ? "0" : " ").repeat(width - [...text].length);
      text = flags.includes("-") ? text + pad : pad + text;
    }
    out += text;
  }
  out += format.slice(last);
  if (n < args.length) {
    out += `%!(EXTRA ${args
      .slice(n)
      .map((a) => `${typeName(a)}=${formatValue(a)}`)
      .join(", ")})`;
  }
  return out;
}

/** Parses and runs a template in one step. */
export function renderTemplate(src: string, dot: GoValue, options?: TemplateOptions): string {
  return new Template(src, options).execute(dot);
}
