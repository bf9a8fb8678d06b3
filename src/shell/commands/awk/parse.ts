/**
 * awk's parser: tokens into rules and functions. Function names are gathered first, so that a call
 * may come before the definition. mawk's parse-time checks (an array used as a scalar, `next` in
 * BEGIN, a call to a function never defined) are made only when `mawk` is set; busybox lets them run.
 */
import { posixRegExp } from "../posix-regex";
import type { AwkFunction, Destination, Expr, Program, Rule, Stmt } from "./ast";
import { AwkError, type Token } from "./lex";

const BUILTINS = new Set([
  ...["sub", "gsub", "length", "substr", "index", "split", "tolower", "toupper", "sprintf", "match"],
  ...["int", "sqrt", "exp", "log", "sin", "cos", "atan2", "rand", "srand", "system", "close", "fflush"],
]);
const KEYWORDS = new Set([
  ...["BEGIN", "END", "function", "func", "if", "else", "while", "for", "do", "break", "continue"],
  ...["next", "nextfile", "exit", "return", "delete", "in", "getline", "print", "printf"],
]);
const ASSIGN = ["=", "+=", "-=", "*=", "/=", "%=", "^="];
const LVALUE = new Set(["var", "field", "index"]);

export class Parser {
  i = 0;
  readonly functions = new Map<string, AwkFunction>();
  private readonly names = new Set<string>();
  private params: string[] | undefined;
  private inBegin = false;
  /** Globals used as arrays, for mawk's "illegal reference to array". */
  private readonly arrays = new Set<string>();
  /** The line after the last (mawk's line for what is found at the end). */
  private readonly endLine: number;

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

  program(): Program {
    const rules: Rule[] = [];
    this.terminators();
    while (this.peek()) {
      if (this.isId("function") || this.isId("func")) {
        this.func();
        this.terminators();
        continue;
      }
      const rule: Rule = {};
      if (this.isId("BEGIN") || this.isId("END")) {
        if (this.isId("BEGIN")) rule.begin = true;
        else rule.end = true;
        this.i++;
        this.newlines();
        if (!this.isOp("{")) throw this.error();
      } else if (!this.isOp("{")) {
        rule.pattern = this.expr();
        if (this.isOp(",")) {
          this.i++;
          this.newlines();
          rule.to = this.expr();
        }
      }
      this.inBegin = rule.begin === true || rule.end === true;
      if (this.isOp("{")) rule.action = this.block();
      this.inBegin = false;
      rules.push(rule);
      this.terminators();
    }
    return { rules, functions: this.functions };
  }

  func(): void {
    this.i++;
    const name = this.peek();
    if (name?.t !== "id" || KEYWORDS.has(name.v)) throw this.error();
    this.i++;
    this.take("(");
    const params: string[] = [];
    this.newlines();
    while (!this.isOp(")")) {
      const p = this.peek();
      if (p?.t !== "id") throw this.error();
      // mawk reads a parameter named as a function as that function, and loses its way.
      if (this.mawk && this.names.has(p.v))
        throw new AwkError("syntax", `${p.v}\nawk: line ${p.line}: return outside function body`, p.line);
      params.push(p.v);
      this.i++;
      this.newlines();
      if (this.isOp(",")) {
        this.i++;
        this.newlines();
      } else if (!this.isOp(")")) throw this.error();
    }
    this.i++;
    this.newlines();
    this.params = params;
    const body = this.block();
    this.params = undefined;
    this.functions.set(name.v, { params, body });
  }

  block(): Stmt[] {
    this.take("{");
    const body: Stmt[] = [];
    this.terminators();
    while (!this.isOp("}")) {
      if (!this.peek()) this.take("}");
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
    throw this.error();
  }

  ends(): boolean {
    return this.isOp(";") || this.isOp("}") || !this.peek() || this.peek()?.t === "nl";
  }

  statement(): Stmt {
    const t = this.peek();
    if (this.isOp("{")) return { k: "block", body: this.block() };
    if (this.isOp(";")) {
      this.i++;
      return { k: "block", body: [] };
    }
    if (t?.t === "id") {
      switch (t.v) {
        case "print":
        case "printf":
          return this.print(t.v === "printf");
        case "if": {
          this.i++;
          this.take("(");
          const c = this.expr();
          this.take(")");
          this.newlines();
          const then = this.statement();
          const save = this.i;
          this.terminators();
          if (this.isId("else")) {
            this.i++;
            this.newlines();
            return { k: "if", c, then, else: this.statement() };
          }
          this.i = save;
          return { k: "if", c, then };
        }
        case "while": {
          this.i++;
          this.take("(");
          const c = this.expr();
          this.take(")");
          if (this.isOp(";")) {
            this.i++;
            return { k: "while", c, body: { k: "block", body: [] } };
          }
          this.newlines();
          return { k: "while", c, body: this.statement() };
        }
        case "do": {
          this.i++;
          this.newlines();
          const body = this.statement();
          this.terminators();
          if (!this.isId("while")) throw this.error();
          this.i++;
          this.take("(");
          const c = this.expr();
          this.take(")");
          this.simpleEnd();
          return { k: "do", body, c };
        }
        case "for":
          return this.forStatement();
        case "next":
          if (this.mawk && this.inBegin) throw new AwkError("parse", "improper use of next", t.line);
          this.i++;
          this.simpleEnd();
          return { k: "next" };
        case "break":
        case "continue":
          this.i++;
          this.simpleEnd();
          return { k: t.v };
        case "exit":
        case "return": {
          this.i++;
          const e = this.ends() ? undefined : this.expr();
          this.simpleEnd();
          return { k: t.v, e };
        }
        case "delete": {
          this.i++;
          const name = this.peek();
          if (name?.t !== "id") throw this.error();
          this.i++;
          let index: Expr[] | undefined;
          if (this.isOp("[")) {
            this.i++;
            index = this.exprList();
            this.take("]");
          }
          this.simpleEnd();
          return { k: "delete", name: name.v, i: index };
        }
      }
    }
    const e = this.expr();
    this.simpleEnd();
    return { k: "expr", e };
  }

  forStatement(): Stmt {
    this.i++;
    this.take("(");
    // for (k in a)
    const [a, b, c, d] = [
      this.toks[this.i],
      this.toks[this.i + 1],
      this.toks[this.i + 2],
      this.toks[this.i + 3],
    ];
    if (a?.t === "id" && b?.t === "id" && b.v === "in" && c?.t === "id" && d?.t === "op" && d.v === ")") {
      this.i += 4;
      this.newlines();
      return { k: "forin", key: { k: "var", name: a.v }, name: c.v, body: this.statement() };
    }
    const init = this.isOp(";") ? undefined : ({ k: "expr", e: this.expr() } as Stmt);
    this.take(";");
    this.newlines();
    const cond = this.isOp(";") ? undefined : this.expr();
    this.take(";");
    this.newlines();
    const step = this.isOp(")") ? undefined : ({ k: "expr", e: this.expr() } as Stmt);
    this.take(")");
    if (this.isOp(";")) {
      this.i++;
      return { k: "for", init, c: cond, step, body: { k: "block", body: [] } };
    }
    this.newlines();
    return { k: "for", init, c: cond, step, body: this.statement() };
  }

  print(printf: boolean): Stmt {
    this.i++;
    let args: Expr[] = [];
    const redirect = () => this.isOp(">") || this.isOp(">>") || this.isOp("|");
    if (!this.ends() && !redirect()) {
      args.push(this.expr(true));
      while (this.isOp(",")) {
        this.i++;
        this.newlines();
        args.push(this.expr(true));
      }
    }
    // `print (a, b)` is the list in parentheses.
    const only = args[0];
    if (args.length === 1 && only?.k === "group" && only.e.k === "list") args = only.e.items;
    else if (args.length === 1 && only?.k === "group" && printf) args = [only.e];
    let to: Destination | undefined;
    if (redirect()) {
      const mode = (this.peek() as { v: string }).v as Destination["mode"];
      this.i++;
      to = { mode, e: this.concat() };
    }
    this.simpleEnd();
    return { k: "print", args, printf, to };
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
