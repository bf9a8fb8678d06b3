/**
 * awk's expression parser, beneath the statement parser (parse.ts): precedence from the ternary
 * down to primaries, getline's three forms, calls of built-ins and of user functions, and the token
 * helpers both use. mawk's parse-time checks are made only when `mawk` is set.
 */
import { posixRegExp } from "../posix-regex";
import type { AwkFunction, Expr } from "./ast";
import { AwkError, type Token } from "./lex";

const BUILTINS = new Set([
  ...["sub", "gsub", "length", "substr", "index", "split", "tolower", "toupper", "sprintf", "match"],
  ...["int", "sqrt", "exp", "log", "sin", "cos", "atan2", "rand", "srand", "system", "close", "fflush"],
]);
export const KEYWORDS = new Set([
  ...["BEGIN", "END", "function", "func", "if", "else", "while", "for", "do", "break", "continue"],
  ...["next", "nextfile", "exit", "return", "delete", "in", "getline", "print", "printf"],
]);
const ASSIGN = ["=", "+=", "-=", "*=", "/=", "%=", "^="];
const LVALUE = new Set(["var", "field", "index"]);

export class ExprParser {
  i = 0;
  readonly functions = new Map<string, AwkFunction>();
  /** Every function the program defines, gathered first: a call may come before its definition. */
  protected readonly names = new Set<string>();
  /** The parameters of the function being read. */
  protected params: string[] | undefined;
  /** Globals used as arrays, for mawk's "illegal reference to array". */
  private readonly arrays = new Set<string>();
  /** The line after the last (mawk's line for what is found at the end). */
  protected readonly endLine: number;

  constructor(
    readonly toks: Token[],
    readonly mawk: boolean,
  ) {
    for (let k = 0; k + 1 < toks.length; k++) {
      const t = toks[k];
      const n = toks[k + 1];
      if (t?.t === "id" && (t.v === "function" || t.v === "func") && n?.t === "id") this.names.add(n.v);
    }
    this.endLine = (toks[toks.length - 1]?.line ?? 1) + (mawk ? 1 : 0);
  }

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
  line(): number {
    return this.peek()?.line ?? this.endLine;
  }
  /** A syntax error at the token here. */
  error(): AwkError {
    return new AwkError("syntax", this.describe(), this.line());
  }
  take(v: string): void {
    if (this.isOp(v)) {
      this.i++;
      return;
    }
    // mawk names a missing closer: `missing ) near }`, `missing } near end of file`.
    if (this.mawk && (v === ")" || v === "}" || v === "]")) {
      const where = this.peek() ? this.describe() : "end of file";
      throw new AwkError("parse", `missing ${v} near ${where}`, this.line());
    }
    throw this.error();
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

  exprList(): Expr[] {
    const list = [this.expr()];
    while (this.isOp(",")) {
      this.i++;
      this.newlines();
      list.push(this.expr());
    }
    return list;
  }

  /** An expression; `noGt` inside print's list, where `>` is output redirection. */
  expr(noGt = false): Expr {
    return this.ternary(noGt);
  }
  ternary(noGt: boolean): Expr {
    const c = this.or(noGt);
    if (this.isOp("?")) {
      this.i++;
      this.newlines();
      const a = this.ternary(noGt);
      this.newlines();
      this.take(":");
      this.newlines();
      return { k: "cond", c, a, b: this.ternary(noGt) };
    }
    const t = this.peek();
    if (t?.t === "op" && ASSIGN.includes(t.v)) {
      if (!LVALUE.has(c.k)) throw this.error();
      if (this.mawk && c.k === "var" && this.arrays.has(c.name) && !this.params?.includes(c.name))
        throw new AwkError("parse", `illegal reference to array ${c.name}`, t.line);
      this.i++;
      this.newlines();
      return { k: "assign", op: t.v, to: c, e: this.ternary(noGt) };
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
    return this.leftAssoc(["&&"], () => this.inArray(noGt));
  }
  inArray(noGt: boolean): Expr {
    let a = this.matching(noGt);
    while (this.isId("in")) {
      this.i++;
      const name = this.peek();
      if (name?.t !== "id") throw this.error();
      this.i++;
      const keys = a.k === "group" && a.e.k === "list" ? a.e.items : [a];
      a = { k: "in", keys, name: name.v };
    }
    return a;
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
    const a = this.piped();
    const t = this.peek();
    if (t?.t === "op" && ["<", "<=", "==", "!=", ">=", ...(noGt ? [] : [">"])].includes(t.v)) {
      this.i++;
      return { k: "bin", op: t.v, a, b: this.piped() };
    }
    return a;
  }
  /** `cmd | getline [var]`, which may repeat: `"cmd" | getline > 0`. */
  piped(): Expr {
    let a = this.concat();
    while (
      this.isOp("|") &&
      this.toks[this.i + 1]?.t === "id" &&
      (this.toks[this.i + 1] as { v: string }).v === "getline"
    ) {
      this.i += 2;
      a = { k: "getline", from: "cmd", source: a, into: this.getlineTarget() };
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
          (t.t === "id" && !["in", "getline"].includes(t.v) && !KEYWORDS.has(t.v)) ||
          (t.t === "id" && t.v === "getline") ||
          (t.t === "op" && ["$", "(", "!", "-", "+", "++", "--"].includes(t.v)));
      if (!starts || (t.t === "op" && (t.v === "-" || t.v === "+" || t.v === "!"))) return a;
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
    if (this.isOp("^")) {
      this.i++;
      return { k: "bin", op: "^", a, b: this.unary() };
    }
    return a;
  }
  postfix(): Expr {
    if (this.isOp("++") || this.isOp("--")) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      const to = this.primary();
      if (!LVALUE.has(to.k)) throw this.error();
      return { k: "incdec", op, prefix: true, to };
    }
    const e = this.primary();
    if ((this.isOp("++") || this.isOp("--")) && LVALUE.has(e.k)) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      return { k: "incdec", op, prefix: false, to: e };
    }
    return e;
  }
  /** What getline reads into, if anything: a variable, an element or a field. */
  getlineTarget(): Expr | undefined {
    const t = this.peek();
    if (t?.t === "op" && t.v === "$") return this.primary();
    if (t?.t === "id" && !KEYWORDS.has(t.v) && !BUILTINS.has(t.v) && !this.names.has(t.v))
      return this.primary();
    return undefined;
  }
  primary(): Expr {
    const t = this.peek();
    if (!t) throw this.error();
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
      const re = posixRegExp(t.v, true);
      if (!re) throw new AwkError("syntax", `/${t.v}/`, t.line);
      return { k: "re", re };
    }
    if (t.t === "op" && t.v === "$") {
      this.i++;
      const e = this.isOp("++") || this.isOp("--") || this.isOp("-") ? this.unary() : this.primary();
      return { k: "field", e };
    }
    if (t.t === "op" && t.v === "(") {
      this.i++;
      this.newlines();
      if (this.isOp("}")) this.take(")");
      const e = this.expr();
      if (this.isOp(",")) {
        const items: Expr[] = [e];
        while (this.isOp(",")) {
          this.i++;
          this.newlines();
          items.push(this.expr());
        }
        this.take(")");
        return { k: "group", e: { k: "list", items } };
      }
      this.newlines();
      this.take(")");
      return { k: "group", e };
    }
    if (t.t !== "id") throw this.error();
    if (t.v === "getline") {
      this.i++;
      const into = this.getlineTarget();
      if (this.isOp("<")) {
        this.i++;
        return { k: "getline", from: "file", into, source: this.postfix() };
      }
      return { k: "getline", from: "main", into };
    }
    if (KEYWORDS.has(t.v)) throw this.error();
    this.i++;
    if (BUILTINS.has(t.v)) {
      let args: Expr[] = [];
      if (this.isOp("(")) {
        this.i++;
        this.newlines();
        if (!this.isOp(")")) args = this.exprList();
        this.take(")");
      } else if (t.v !== "length") throw this.error();
      if (t.v === "split" && args[1]?.k === "var") this.arrays.add(args[1].name);
      return { k: "call", name: t.v, args };
    }
    if (this.isOp("(") && (this.names.has(t.v) || !this.peek()?.sp)) {
      if (!this.names.has(t.v)) return this.undefinedCall(t.v);
      this.i++;
      this.newlines();
      const args = this.isOp(")") ? [] : this.exprList();
      this.take(")");
      return { k: "user", name: t.v, args };
    }
    if (this.isOp("[")) {
      this.i++;
      const idx = this.exprList();
      this.take("]");
      if (!this.params?.includes(t.v)) this.arrays.add(t.v);
      return { k: "index", name: t.v, i: idx };
    }
    return { k: "var", name: t.v };
  }

  /** A call of a function no `function` defines: mawk says so at the end, busybox when it is reached. */
  undefinedCall(name: string): Expr {
    if (this.mawk) throw new AwkError("parse", `function ${name} never defined`, this.endLine);
    throw new AwkError("runtime", "Call to undefined function");
  }
}
