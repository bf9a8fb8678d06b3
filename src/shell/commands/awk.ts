/**
 * `awk`: the part of the language a tutorial types to pick columns out of a tool's output: fields
 * (`$1`, `$NF`, `-F`), `print`/`printf`, BEGIN and END, patterns (expressions, `/re/`, ranges),
 * variables and arrays, arithmetic, comparisons, `~`, string concatenation, `if`/`while`/`for`,
 * `next`, `exit`, and length, substr, index, split, sub, gsub, tolower, toupper, sprintf, int. What is
 * outside that (getline, user functions, output redirection …) is refused by name rather than run
 * wrongly. mawk's words on the host and in Debian images, busybox's in busybox.
 */
import { ToolExit } from "../command";
import { readFile, resolvePath } from "../files";
import type { Command, Ctx, Handler } from "../types";
import { busyboxBadOption, busyboxUsage } from "./busybox";
import { cPrintf } from "./c-printf";
import { Getopt, type Problem, problemText } from "./getopt";
import { posixRegExp } from "./posix-regex";
import { NOT_SIMULATED } from "./unsimulated";

type Token =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "re"; v: string }
  | { t: "id"; v: string }
  | { t: "op"; v: string }
  | { t: "nl" };

/** Words the lab's awk does not run: each refused plainly. */
const LEFT_OUT = new Set([
  "getline",
  "function",
  "func",
  "delete",
  "do",
  "in",
  "system",
  "close",
  "fflush",
  "match",
  "srand",
  "rand",
  "nextfile",
]);
const BUILTINS = new Set([
  "sub",
  "gsub",
  "length",
  "substr",
  "index",
  "split",
  "tolower",
  "toupper",
  "sprintf",
  "int",
  "sqrt",
  "exp",
  "log",
  "sin",
  "cos",
  "atan2",
]);

class AwkError extends Error {}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  // A `/` starts a regex where an operand is expected.
  const regexAllowed = () => {
    const last = out[out.length - 1];
    if (!last || last.t === "nl") return true;
    if (last.t === "op") return !/^[)\]]$/.test(last.v) && last.v !== "$";
    return false;
  };
  while (i < src.length) {
    const c = src[i] ?? "";
    if (c === " " || c === "\t") i++;
    else if (c === "\\" && src[i + 1] === "\n") i += 2;
    else if (c === "\n" || c === ";") {
      out.push(c === "\n" ? { t: "nl" } : { t: "op", v: ";" });
      i++;
    } else if (c === "#") while (i < src.length && src[i] !== "\n") i++;
    else if (/\d/.test(c) || (c === "." && /\d/.test(src[i + 1] ?? ""))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
      if (!m) throw new AwkError(c);
      out.push({ t: "num", v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_]\w*/.exec(src.slice(i));
      out.push({ t: "id", v: m?.[0] ?? c });
      i += m?.[0].length ?? 1;
    } else if (c === '"') {
      let s = "";
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === "\\") {
          const n = src[++i] ?? "";
          s +=
            n === "n"
              ? "\n"
              : n === "t"
                ? "\t"
                : n === "\\"
                  ? "\\"
                  : n === '"'
                    ? '"'
                    : n === "/"
                      ? "/"
                      : `\\${n}`;
        } else s += src[i];
        i++;
      }
      if (i >= src.length) throw new AwkError("runaway string");
      i++;
      out.push({ t: "str", v: s });
    } else if (c === "/" && regexAllowed()) {
      let s = "";
      i++;
      while (i < src.length && src[i] !== "/") {
        if (src[i] === "\\" && src[i + 1] === "/") {
          s += "/";
          i += 2;
          continue;
        }
        if (src[i] === "\n") throw new AwkError("runaway regular expression");
        s += src[i++];
      }
      if (i >= src.length) throw new AwkError("runaway regular expression");
      i++;
      out.push({ t: "re", v: s });
    } else {
      const three = src.slice(i, i + 3);
      const two = src.slice(i, i + 2);
      const op = ["**="].includes(three)
        ? three
        : [
              "&&",
              "||",
              "==",
              "!=",
              "<=",
              ">=",
              "++",
              "--",
              "+=",
              "-=",
              "*=",
              "/=",
              "%=",
              "^=",
              "!~",
              ">>",
              "**",
            ].includes(two)
          ? two
          : c;
      if (!"{}()[],;+-*/%^!<>=~?:$|&".includes(op[0] ?? "")) throw new AwkError(c);
      out.push({ t: "op", v: op });
      i += op.length;
    }
  }
  return out;
}

type Expr =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "re"; re: RegExp }
  | { k: "var"; name: string }
  | { k: "field"; e: Expr }
  | { k: "index"; name: string; i: Expr[] }
  | { k: "assign"; op: string; to: Expr; e: Expr }
  | { k: "incdec"; op: string; prefix: boolean; to: Expr }
  | { k: "bin"; op: string; a: Expr; b: Expr }
  | { k: "not"; e: Expr }
  | { k: "neg"; e: Expr }
  | { k: "cond"; c: Expr; a: Expr; b: Expr }
  | { k: "match"; neg: boolean; a: Expr; re: Expr }
  | { k: "call"; name: string; args: Expr[] }
  | { k: "group"; e: Expr };

type Stmt =
  | { k: "print"; args: Expr[]; printf: boolean }
  | { k: "expr"; e: Expr }
  | { k: "if"; c: Expr; then: Stmt; else?: Stmt }
  | { k: "while"; c: Expr; body: Stmt }
  | { k: "for"; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { k: "block"; body: Stmt[] }
  | { k: "next" }
  | { k: "exit"; e?: Expr }
  | { k: "break" }
  | { k: "continue" };

interface Rule {
  begin?: boolean;
  end?: boolean;
  pattern?: Expr;
  to?: Expr;
  inRange?: boolean;
  action?: Stmt[];
}

class Parser {
  i = 0;
  constructor(
    readonly toks: Token[],
    readonly extended = true,
  ) {}

  peek(): Token | undefined {
    return this.toks[this.i];
  }
  isOp(v: string): boolean {
    const t = this.peek();
    return t?.t === "op" && t.v === v;
  }
  isId(v: string): boolean {
    const t = this.peek();
    return t?.t === "id" && t.v === v;
  }
  take(v: string): void {
    if (!this.isOp(v)) throw new AwkError(this.describe());
    this.i++;
  }
  describe(): string {
    const t = this.peek();
    if (!t) return "end of file";
    if (t.t === "nl") return "end of line";
    if (t.t === "num" || t.t === "id" || t.t === "op") return String(t.v);
    return t.t === "str" ? `"${t.v}"` : `/${t.v}/`;
  }
  newlines(): void {
    while (this.peek()?.t === "nl") this.i++;
  }
  terminators(): void {
    while (this.peek()?.t === "nl" || this.isOp(";")) this.i++;
  }

  program(): Rule[] {
    const rules: Rule[] = [];
    this.terminators();
    while (this.peek()) {
      const rule: Rule = {};
      if (this.isId("BEGIN") || this.isId("END")) {
        if (this.isId("BEGIN")) rule.begin = true;
        else rule.end = true;
        this.i++;
        this.newlines();
        if (!this.isOp("{")) throw new AwkError(this.describe());
      } else if (this.isId("function") || this.isId("func")) throw new AwkError(`!${this.describe()}`);
      else if (!this.isOp("{")) {
        rule.pattern = this.expr();
        if (this.isOp(",")) {
          this.i++;
          this.newlines();
          rule.to = this.expr();
        }
      }
      if (this.isOp("{")) rule.action = this.block();
      rules.push(rule);
      this.terminators();
    }
    return rules;
  }

  block(): Stmt[] {
    this.take("{");
    const body: Stmt[] = [];
    this.terminators();
    while (!this.isOp("}")) {
      if (!this.peek()) throw new AwkError(this.describe());
      body.push(this.statement());
      this.terminators();
    }
    this.take("}");
    return body;
  }

  simpleEnd(): void {
    if (this.isOp(";") || this.peek()?.t === "nl") {
      this.i++;
      return;
    }
    if (this.isOp("}") || !this.peek()) return;
    throw new AwkError(this.describe());
  }

  statement(): Stmt {
    const t = this.peek();
    if (this.isOp("{")) return { k: "block", body: this.block() };
    if (t?.t === "id") {
      if (LEFT_OUT.has(t.v)) throw new AwkError(`!${t.v}`);
      if (t.v === "print" || t.v === "printf") {
        this.i++;
        const args: Expr[] = [];
        const paren = this.isOp("(");
        const ends = [";", "}", ">", ">>", "|"].some((op) => this.isOp(op));
        if (!ends && this.peek() && this.peek()?.t !== "nl") {
          args.push(this.expr(true));
          while (this.isOp(",")) {
            this.i++;
            this.newlines();
            args.push(this.expr(true));
          }
        }
        // `print (a, b)` is the list in parentheses.
        const list = paren && args.length === 1 && args[0]?.k === "group" ? [args[0].e] : args;
        if (this.isOp(">") || this.isOp(">>") || this.isOp("|")) throw new AwkError("!output redirection");
        this.simpleEnd();
        return { k: "print", args: list, printf: t.v === "printf" };
      }
      if (t.v === "if") {
        this.i++;
        this.take("(");
        const c = this.expr();
        this.take(")");
        this.newlines();
        const then = this.statement();
        this.terminators();
        if (this.isId("else")) {
          this.i++;
          this.newlines();
          return { k: "if", c, then, else: this.statement() };
        }
        return { k: "if", c, then };
      }
      if (t.v === "while") {
        this.i++;
        this.take("(");
        const c = this.expr();
        this.take(")");
        this.newlines();
        return { k: "while", c, body: this.statement() };
      }
      if (t.v === "for") {
        this.i++;
        this.take("(");
        const init = this.isOp(";") ? undefined : ({ k: "expr", e: this.expr() } as Stmt);
        this.take(";");
        const c = this.isOp(";") ? undefined : this.expr();
        this.take(";");
        const step = this.isOp(")") ? undefined : ({ k: "expr", e: this.expr() } as Stmt);
        this.take(")");
        this.newlines();
        return { k: "for", init, c, step, body: this.statement() };
      }
      if (t.v === "next" || t.v === "break" || t.v === "continue") {
        this.i++;
        this.simpleEnd();
        return { k: t.v };
      }
      if (t.v === "exit") {
        this.i++;
        const e =
          this.isOp(";") || this.isOp("}") || !this.peek() || this.peek()?.t === "nl"
            ? undefined
            : this.expr();
        this.simpleEnd();
        return { k: "exit", e };
      }
    }
    const e = this.expr();
    this.simpleEnd();
    return { k: "expr", e };
  }

  /** An expression; `noGt` inside print's list, where `>` is output redirection. */
  expr(noGt = false): Expr {
    return this.ternary(noGt);
  }
  ternary(noGt: boolean): Expr {
    const c = this.or(noGt);
    if (this.isOp("?")) {
      this.i++;
      const a = this.ternary(noGt);
      this.take(":");
      return { k: "cond", c, a, b: this.ternary(noGt) };
    }
    if (
      this.peek()?.t === "op" &&
      ["=", "+=", "-=", "*=", "/=", "%=", "^=", "**="].includes((this.peek() as { v: string }).v)
    ) {
      if (c.k !== "var" && c.k !== "field" && c.k !== "index") throw new AwkError(this.describe());
      const op = (this.peek() as { v: string }).v;
      this.i++;
      this.newlines();
      return { k: "assign", op, to: c, e: this.ternary(noGt) };
    }
    return c;
  }
  /** A left-associative run of the operators `ops` between operands `next` parses (a newline may follow `&&` and `||`). */
  leftAssoc(ops: readonly string[], next: () => Expr): Expr {
    let a = next();
    for (let t = this.peek(); t?.t === "op" && ops.includes(t.v); t = this.peek()) {
      this.i++;
      if (t.v === "&&" || t.v === "||") this.newlines();
      a = { k: "bin", op: t.v, a, b: next() };
    }
    return a;
  }
  or(noGt: boolean): Expr {
    return this.leftAssoc(["||"], () => this.and(noGt));
  }
  and(noGt: boolean): Expr {
    return this.leftAssoc(["&&"], () => this.matching(noGt));
  }
  matching(noGt: boolean): Expr {
    let a = this.comparison(noGt);
    while (this.isOp("~") || this.isOp("!~")) {
      const neg = this.isOp("!~");
      this.i++;
      a = { k: "match", neg, a, re: this.comparison(noGt) };
    }
    return a;
  }
  comparison(noGt: boolean): Expr {
    const a = this.concat();
    const t = this.peek();
    if (t?.t === "op" && ["<", "<=", "==", "!=", ">=", ...(noGt ? [] : [">"])].includes(t.v)) {
      this.i++;
      return { k: "bin", op: t.v, a, b: this.concat() };
    }
    return a;
  }
  concat(): Expr {
    let a = this.additive();
    for (;;) {
      const t = this.peek();
      const starts =
        t &&
        (t.t === "num" ||
          t.t === "str" ||
          t.t === "re" ||
          (t.t === "id" && !["in", "getline"].includes(t.v)) ||
          (t.t === "op" && ["$", "(", "!", "-", "+", "++", "--"].includes(t.v)));
      if (!starts || (t.t === "op" && (t.v === "-" || t.v === "+"))) return a;
      if (t.t === "op" && t.v === "!") return a;
      a = { k: "bin", op: "concat", a, b: this.additive() };
    }
  }
  additive(): Expr {
    return this.leftAssoc(["+", "-"], () => this.multiplicative());
  }
  multiplicative(): Expr {
    return this.leftAssoc(["*", "/", "%"], () => this.unary());
  }
  unary(): Expr {
    if (this.isOp("!")) {
      this.i++;
      return { k: "not", e: this.unary() };
    }
    if (this.isOp("-")) {
      this.i++;
      return { k: "neg", e: this.unary() };
    }
    if (this.isOp("+")) {
      this.i++;
      return { k: "bin", op: "+", a: { k: "num", v: 0 }, b: this.unary() };
    }
    return this.power();
  }
  power(): Expr {
    const a = this.postfix();
    if (this.isOp("^") || this.isOp("**")) {
      this.i++;
      return { k: "bin", op: "^", a, b: this.unary() };
    }
    return a;
  }
  postfix(): Expr {
    if (this.isOp("++") || this.isOp("--")) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      return { k: "incdec", op, prefix: true, to: this.primary() };
    }
    const e = this.primary();
    if ((this.isOp("++") || this.isOp("--")) && (e.k === "var" || e.k === "field" || e.k === "index")) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      return { k: "incdec", op, prefix: false, to: e };
    }
    return e;
  }
  primary(): Expr {
    const t = this.peek();
    if (!t) throw new AwkError(this.describe());
    if (t.t === "num") {
      this.i++;
      return { k: "num", v: t.v };
    }
    if (t.t === "str") {
      this.i++;
      return { k: "str", v: t.v };
    }
    if (t.t === "re") {
      this.i++;
      const re = posixRegExp(t.v, this.extended);
      if (!re) throw new AwkError(`/${t.v}/`);
      return { k: "re", re };
    }
    if (t.t === "op" && t.v === "$") {
      this.i++;
      return { k: "field", e: this.postfixOperand() };
    }
    if (t.t === "op" && t.v === "(") {
      this.i++;
      const e = this.expr();
      if (this.isOp(",")) {
        // `print (a, b)`: the grouping of a print list.
        const list: Expr[] = [e];
        while (this.isOp(",")) {
          this.i++;
          list.push(this.expr());
        }
        this.take(")");
        return { k: "group", e: { k: "call", name: "(list)", args: list } };
      }
      this.take(")");
      return { k: "group", e };
    }
    if (t.t === "id") {
      if (LEFT_OUT.has(t.v)) throw new AwkError(`!${t.v}`);
      this.i++;
      if (BUILTINS.has(t.v)) {
        const args: Expr[] = [];
        if (this.isOp("(")) {
          this.i++;
          if (!this.isOp(")")) {
            args.push(this.expr());
            while (this.isOp(",")) {
              this.i++;
              args.push(this.expr());
            }
          }
          this.take(")");
        } else if (t.v !== "length") throw new AwkError(this.describe());
        return { k: "call", name: t.v, args };
      }
      if (this.isOp("(")) throw new AwkError("!function calls");
      if (this.isOp("[")) {
        this.i++;
        const idx = [this.expr()];
        while (this.isOp(",")) {
          this.i++;
          idx.push(this.expr());
        }
        this.take("]");
        return { k: "index", name: t.v, i: idx };
      }
      return { k: "var", name: t.v };
    }
    throw new AwkError(this.describe());
  }
  /** What `$` applies to: a number, a variable, a parenthesised expression, or `$` again. */
  postfixOperand(): Expr {
    if (this.isOp("++") || this.isOp("--") || this.isOp("-")) return this.unary();
    return this.primary();
  }
}

/** awk's values: a number, a string, or a string from input that looks like a number (strnum). */
type Value = number | string | { strnum: string };

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

function toNum(v: Value): number {
  const s = typeof v === "number" ? v : typeof v === "string" ? v : v.strnum;
  if (typeof s === "number") return s;
  const m = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(s);
  return m ? Number(m[0]) : 0;
}

/** A number as awk prints it: integers plainly, others through CONVFMT/OFMT (%.6g). */
function numText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  return cPrintf("%.6g", [n]);
}

function toStr(v: Value): string {
  return typeof v === "number" ? numText(v) : typeof v === "string" ? v : v.strnum;
}

const isNumeric = (v: Value) => typeof v === "number" || (typeof v === "object" && NUMERIC.test(v.strnum));

class Exit {
  constructor(readonly code: number) {}
}
class Next {}
class Break {}
class Continue {}

class Machine {
  vars: Record<string, Value> = {
    FS: " ",
    OFS: " ",
    ORS: "\n",
    NR: 0,
    NF: 0,
    FNR: 0,
    FILENAME: "",
    SUBSEP: "\x1c",
    RS: "\n",
  };
  arrays: Record<string, Record<string, Value>> = {};
  fields: Value[] = [""];
  out = "";
  steps = 0;

  /** busybox as Debian builds it has no floating-point library: `^` and the math functions fail. */
  constructor(readonly noMath = false) {}

  setRecord(line: string): void {
    this.fields = [
      { strnum: line },
      ...this.split(line, toStr(this.vars.FS ?? " ")).map((f) => ({ strnum: f })),
    ];
    this.vars.NF = this.fields.length - 1;
  }

  split(text: string, fs: string): string[] {
    if (fs === " ") return text.split(/[ \t\n]+/).filter((f) => f !== "");
    if (text === "") return [];
    if (fs.length === 1 && fs !== "\\") return text.split(fs);
    const re = posixRegExp(fs, true);
    return re ? text.split(re) : text.split(fs);
  }

  rebuild(): void {
    const ofs = toStr(this.vars.OFS ?? " ");
    this.fields[0] = this.fields.slice(1).map(toStr).join(ofs);
  }

  get(e: Expr): Value {
    if (e.k === "var") {
      if (e.name === "NF") return this.fields.length - 1;
      return this.vars[e.name] ?? "";
    }
    if (e.k === "field") {
      const n = Math.trunc(toNum(this.evaluate(e.e)));
      if (n < 0) throw new AwkError(`?trying to access out of range field ${n}`);
      return this.fields[n] ?? "";
    }
    if (e.k === "index") return this.array(e.name)[this.key(e.i)] ?? "";
    return this.evaluate(e);
  }

  set(e: Expr, v: Value): Value {
    if (e.k === "var") {
      if (e.name === "NF") {
        const n = Math.max(0, Math.trunc(toNum(v)));
        this.fields = this.fields.slice(0, n + 1);
        while (this.fields.length < n + 1) this.fields.push("");
        this.rebuild();
      }
      this.vars[e.name] = v;
    } else if (e.k === "field") {
      const n = Math.trunc(toNum(this.evaluate(e.e)));
      if (n === 0) this.setRecord(toStr(v));
      else {
        while (this.fields.length <= n) this.fields.push("");
        this.fields[n] = v;
        this.vars.NF = this.fields.length - 1;
        this.rebuild();
      }
    } else if (e.k === "index") this.array(e.name)[this.key(e.i)] = v;
    return v;
  }

  array(name: string): Record<string, Value> {
    this.arrays[name] ??= {};
    return this.arrays[name];
  }

  key(i: Expr[]): string {
    return i.map((x) => toStr(this.evaluate(x))).join(toStr(this.vars.SUBSEP ?? "\x1c"));
  }

  truthy(v: Value): boolean {
    if (typeof v === "number") return v !== 0;
    if (typeof v === "string") return v !== "";
    return NUMERIC.test(v.strnum) ? toNum(v) !== 0 : v.strnum !== "";
  }

  regexOf(e: Expr): RegExp {
    if (e.k === "re") return e.re;
    const source = toStr(this.evaluate(e));
    const re = posixRegExp(source, true);
    if (!re) throw new AwkError(`?bad regex ${source}`);
    return re;
  }

  evaluate(e: Expr): Value {
    if (++this.steps > 5_000_000) throw new AwkError("!a program that runs this long");
    switch (e.k) {
      case "num":
        return e.v;
      case "str":
        return e.v;
      case "re":
        return e.re.test(toStr(this.fields[0] ?? "")) ? 1 : 0;
      case "var":
      case "field":
      case "index":
        return this.get(e);
      case "group":
        return this.evaluate(e.e);
      case "assign": {
        const v = this.evaluate(e.e);
        if (e.op === "=") return this.set(e.to, typeof v === "object" ? v : v);
        const a = toNum(this.get(e.to));
        const b = toNum(v);
        return this.set(e.to, arith(e.op.slice(0, -1), a, b));
      }
      case "incdec": {
        const old = toNum(this.get(e.to));
        const now = e.op === "++" ? old + 1 : old - 1;
        this.set(e.to, now);
        return e.prefix ? now : old;
      }
      case "not":
        return this.truthy(this.evaluate(e.e)) ? 0 : 1;
      case "neg":
        return -toNum(this.evaluate(e.e));
      case "cond":
        return this.truthy(this.evaluate(e.c)) ? this.evaluate(e.a) : this.evaluate(e.b);
      case "match": {
        const hit = this.regexOf(e.re).test(toStr(this.evaluate(e.a)));
        return hit !== e.neg ? 1 : 0;
      }
      case "bin": {
        if (e.op === "&&") return this.truthy(this.evaluate(e.a)) && this.truthy(this.evaluate(e.b)) ? 1 : 0;
        if (e.op === "||") return this.truthy(this.evaluate(e.a)) || this.truthy(this.evaluate(e.b)) ? 1 : 0;
        const a = this.evaluate(e.a);
        const b = this.evaluate(e.b);
        if (e.op === "concat") return toStr(a) + toStr(b);
        if (["<", "<=", "==", "!=", ">=", ">"].includes(e.op)) {
          const numeric = isNumeric(a) && isNumeric(b);
          const x = numeric ? toNum(a) : toStr(a);
          const y = numeric ? toNum(b) : toStr(b);
          const r = x < y ? -1 : x > y ? 1 : 0;
          return { "<": r < 0, "<=": r <= 0, "==": r === 0, "!=": r !== 0, ">=": r >= 0, ">": r > 0 }[e.op]
            ? 1
            : 0;
        }
        if (e.op === "^" && this.noMath) throw new AwkError("?Math support is not compiled in");
        return arith(e.op, toNum(a), toNum(b));
      }
      case "call":
        return this.call(e.name, e.args);
    }
  }

  call(name: string, args: Expr[]): Value {
    if (this.noMath && ["sqrt", "exp", "log", "sin", "cos", "atan2"].includes(name))
      throw new AwkError("?Math support is not compiled in");
    const str = (k: number) => toStr(args[k] ? this.evaluate(args[k]) : (this.fields[0] ?? ""));
    const num = (k: number) => toNum(args[k] ? this.evaluate(args[k]) : 0);
    switch (name) {
      case "length":
        return [...str(0)].length;
      case "substr": {
        const s = str(0);
        const start = Math.round(num(1));
        const len = args.length > 2 ? Math.round(num(2)) : Number.POSITIVE_INFINITY;
        const from = Math.max(start, 1);
        const to = start + len;
        return to <= from ? "" : s.slice(from - 1, Number.isFinite(to) ? to - 1 : undefined);
      }
      case "index":
        return str(0).indexOf(str(1)) + 1;
      case "split": {
        const target = args[1];
        if (target?.k !== "var") throw new AwkError("?split needs an array");
        const parts = args[2] ? this.split(str(0), str(2)) : this.split(str(0), toStr(this.vars.FS ?? " "));
        this.arrays[target.name] = Object.fromEntries(parts.map((p, k) => [String(k + 1), { strnum: p }]));
        return parts.length;
      }
      case "sub":
      case "gsub":
        return this.substitute(name === "gsub", args);
      case "tolower":
        return str(0).toLowerCase();
      case "toupper":
        return str(0).toUpperCase();
      case "sprintf":
        return this.sprintf(args);
      case "int":
        return Math.trunc(num(0));
      case "sqrt":
        return Math.sqrt(num(0));
      case "exp":
        return Math.exp(num(0));
      case "log":
        return Math.log(num(0));
      case "sin":
        return Math.sin(num(0));
      case "cos":
        return Math.cos(num(0));
      case "atan2":
        return Math.atan2(num(0), num(1));
    }
    throw new AwkError(`!${name}`);
  }

  /** sub and gsub: the first (or every) match of the regex in the target ($0 by default) replaced; `&` is the match. */
  substitute(global: boolean, args: Expr[]): number {
    const [find, replacement, target = { k: "field", e: { k: "num", v: 0 } } as Expr] = args;
    if (!find || !replacement) throw new AwkError("?sub needs a regex and a replacement");
    if (target.k !== "var" && target.k !== "field" && target.k !== "index")
      throw new AwkError("?sub needs a variable");
    const re = this.regexOf(find);
    const by = toStr(this.evaluate(replacement));
    const text = toStr(this.get(target));
    let count = 0;
    const all = new RegExp(re.source, `${re.flags.replace("g", "")}g`);
    const result = text.replace(all, (match) => {
      if (!global && count > 0) return match;
      count++;
      return by.replace(/\\&|&/g, (m) => (m === "&" ? match : "&"));
    });
    if (count > 0) this.set(target, result);
    return count;
  }

  sprintf(args: Expr[]): string {
    const [format, ...rest] = args.map((a) => this.evaluate(a));
    return cPrintf(
      toStr(format ?? "").replace(/\\(.)/g, (all, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : all)),
      rest.map((v) => (typeof v === "number" ? v : toStr(v))),
    );
  }

  run(stmts: Stmt[]): void {
    for (const s of stmts) this.exec(s);
  }

  exec(s: Stmt): void {
    switch (s.k) {
      case "print": {
        if (s.printf) {
          if (s.args.length === 0) throw new AwkError("?printf: no format");
          this.out += this.sprintf(s.args);
          return;
        }
        // Each value goes out as it is made: a fault in a later one leaves the earlier ones printed.
        const args = s.args.flatMap((a) => (a.k === "call" && a.name === "(list)" ? a.args : [a]));
        if (args.length === 0) this.out += toStr(this.fields[0] ?? "");
        args.forEach((a, k) => {
          this.out += toStr(this.evaluate(a)) + (k < args.length - 1 ? toStr(this.vars.OFS ?? " ") : "");
        });
        this.out += toStr(this.vars.ORS ?? "\n");
        return;
      }
      case "expr":
        this.evaluate(s.e);
        return;
      case "if":
        if (this.truthy(this.evaluate(s.c))) this.exec(s.then);
        else if (s.else) this.exec(s.else);
        return;
      case "while":
        while (this.truthy(this.evaluate(s.c)))
          try {
            this.exec(s.body);
          } catch (signal) {
            if (signal instanceof Break) break;
            if (!(signal instanceof Continue)) throw signal;
          }
        return;
      case "for":
        if (s.init) this.exec(s.init);
        while (!s.c || this.truthy(this.evaluate(s.c))) {
          try {
            this.exec(s.body);
          } catch (signal) {
            if (signal instanceof Break) break;
            if (!(signal instanceof Continue)) throw signal;
          }
          if (s.step) this.exec(s.step);
        }
        return;
      case "block":
        this.run(s.body);
        return;
      case "next":
        throw new Next();
      case "break":
        throw new Break();
      case "continue":
        throw new Continue();
      case "exit":
        throw new Exit(s.e ? Math.trunc(toNum(this.evaluate(s.e))) : 0);
    }
  }
}

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      if (b === 0) throw new AwkError("?division by zero");
      return a / b;
    case "%":
      if (b === 0) throw new AwkError("?division by zero in %");
      return a % b;
    default:
      return a ** b;
  }
}

/** How each awk says a problem: a syntax error near a token, a word the lab leaves out, a runtime fault. */
function awkProblem(ctx: Ctx, error: AwkError): ToolExit {
  const busybox = ctx.place.flavor === "busybox";
  const m = error.message;
  if (m.startsWith("!")) return new ToolExit(2, `awk: ${m.slice(1)} ${NOT_SIMULATED}\n`);
  if (m.startsWith("?"))
    return new ToolExit(
      busybox ? 1 : 2,
      busybox ? `awk: cmd. line:1: ${m.slice(1)}\n` : `awk: run time error: ${m.slice(1)}\n`,
    );
  return busybox
    ? new ToolExit(1, "awk: cmd. line:1: Unexpected token\n")
    : new ToolExit(2, `awk: line 1: syntax error at or near ${m}\n`);
}

const awk: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const bad = busybox
    ? busyboxBadOption("awk")
    : (problem: Problem) => new ToolExit(2, `${problemText("awk", problem)}\n`);
  const parsed = new Getopt(ctx.argv.slice(1), "F:v:f:", bad);
  const machine = new Machine(busybox);
  const assigns: string[] = [];
  for (const { key, value = "" } of parsed) {
    if (key === "F") machine.vars.FS = value === "t" ? "\t" : value.replace(/\\t/g, "\t");
    else if (key === "v") assigns.push(value);
    else if (key === "f") throw new ToolExit(2, `awk: -f ${NOT_SIMULATED}\n`);
  }
  const operands = [...parsed.operands];
  const source = operands.shift();
  if (source === undefined) {
    // mawk without a program prints its usage and succeeds.
    if (busybox) throw busyboxUsage("awk");
    ctx.out.write(MAWK_USAGE);
    return 0;
  }
  for (const a of assigns) {
    const eq = a.indexOf("=");
    if (eq > 0) machine.vars[a.slice(0, eq)] = { strnum: a.slice(eq + 1) };
  }
  let rules: Rule[];
  try {
    rules = new Parser(tokenize(source)).program();
  } catch (error) {
    if (error instanceof AwkError) throw awkProblem(ctx, error);
    throw error;
  }
  let code = 0;
  const finish = () => {
    ctx.out.write(machine.out);
    machine.out = "";
  };
  try {
    try {
      for (const r of rules) if (r.begin && r.action) machine.run(r.action);
      const main = rules.filter((r) => !r.begin && !r.end);
      if (main.length > 0 || rules.some((r) => r.end)) {
        for (const name of operands.length ? operands : ["-"]) {
          const text =
            name === "-" ? ctx.stdin : readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, name));
          if (text === undefined) {
            finish();
            throw busybox
              ? new ToolExit(1, `awk: ${name}: No such file or directory\n`)
              : new ToolExit(2, `awk: cannot open ${name} (No such file or directory)\n`);
          }
          machine.vars.FILENAME = name === "-" ? "" : name;
          machine.vars.FNR = 0;
          const records = text.split("\n");
          if (records[records.length - 1] === "") records.pop();
          for (const line of records) {
            machine.vars.NR = toNum(machine.vars.NR ?? 0) + 1;
            machine.vars.FNR = toNum(machine.vars.FNR ?? 0) + 1;
            machine.setRecord(line);
            try {
              for (const r of main) {
                let hit = true;
                if (r.pattern && r.to) {
                  if (r.inRange) {
                    if (machine.truthy(machine.evaluate(r.to))) r.inRange = false;
                  } else if (machine.truthy(machine.evaluate(r.pattern)))
                    r.inRange = !machine.truthy(machine.evaluate(r.to));
                  else hit = false;
                } else if (r.pattern) hit = machine.truthy(machine.evaluate(r.pattern));
                if (!hit) continue;
                if (r.action) machine.run(r.action);
                else machine.out += toStr(machine.fields[0] ?? "") + toStr(machine.vars.ORS ?? "\n");
              }
            } catch (signal) {
              if (!(signal instanceof Next)) throw signal;
            }
          }
        }
      }
    } catch (signal) {
      if (!(signal instanceof Exit)) throw signal;
      code = signal.code;
    }
    try {
      for (const r of rules) if (r.end && r.action) machine.run(r.action);
    } catch (signal) {
      if (!(signal instanceof Exit)) throw signal;
      code = signal.code;
    }
  } catch (error) {
    if (!(error instanceof AwkError)) throw error;
    // The complaint goes to stderr at once; what was printed waits in stdout's buffer until the exit.
    const problem = awkProblem(ctx, error);
    ctx.out.writeErr(problem.stderr);
    finish();
    return problem.code;
  }
  finish();
  return code;
};

const MAWK_USAGE = `Usage: mawk [Options] [Program] [file ...]

Program:
    The -f option value is the name of a file containing program text.
    If no -f option is given, a "--" ends option processing; the following
    parameters are the program text.

Options:
    -f program-file  Program  text is read from file instead of from the
                     command-line.  Multiple -f options are accepted.
    -F value         sets the field separator, FS, to value.
    -v var=value     assigns value to program variable var.
    --               unambiguous end of options.

    Implementation-specific options are prefixed with "-W".  They can be
    abbreviated:

    -W version       show version information and exit.
    -W dump          show assembler-like listing of program and exit.
    -W help          show this message and exit.
    -W interactive   set unbuffered output, line-buffered input.
    -W exec file     use file as program as well as last option.
    -W random=number set initial random seed.
    -W sprintf=number adjust size of sprintf buffer.
    -W posix_space   do not consider "\\n" a space.
    -W usage         show this message and exit.
`;

export const commands: Command[] = [{ name: "awk", where: ["host", "busybox", "debian"], run: awk }];
