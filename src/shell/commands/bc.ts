/**
 * busybox's bc (Gavin Howard's): the arbitrary-precision calculator language over decimal.ts's
 * numbers. Statements run one by one as they are read, so what came before an error is printed; an
 * error ends bc with status 1 in busybox's words. Variables and arrays, `scale`/`ibase`/`obase`/`last`,
 * if/while/for/break/continue, functions with `auto` and `return`, print and strings, length(),
 * scale(), sqrt(). -l sets scale to 20; the math library's functions are not simulated.
 */
import { ToolExit } from "../command";
import { readFile, resolvePath } from "../files";
import type { Command, Ctx, Handler } from "../types";
import { busyboxBadOption } from "./busybox";
import {
  add,
  CalcError,
  compare,
  type Decimal,
  decimal,
  div,
  format,
  mod,
  mul,
  negate,
  parse as parseNumber,
  pow,
  sqrt,
  sub,
} from "./decimal";
import { getopt } from "./getopt";
import { NOT_SIMULATED } from "./unsimulated";

type Token = { kind: "num" | "name" | "str" | "op" | "nl" | "eof"; text: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re =
    /(\/\*[\s\S]*?\*\/)|(#[^\n]*)|([ \t\r]+|\\\n)|(\n)|("[^"]*")|([0-9A-F]+\.?[0-9A-F]*|\.[0-9A-F]+)|([a-z][a-z0-9_]*)|(\+\+|--|[-+*/%^=!<>]=|&&|\|\||[-+*/%^=<>!(){}[\],;])|(.)/gy;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (m[1] || m[2] || m[3]) continue;
    if (m[4]) out.push({ kind: "nl", text: "\n" });
    else if (m[5]) out.push({ kind: "str", text: m[5].slice(1, -1) });
    else if (m[6]) out.push({ kind: "num", text: m[6] });
    else if (m[7]) out.push({ kind: "name", text: m[7] });
    else out.push({ kind: "op", text: m[8] ?? m[9] ?? "" });
  }
  out.push({ kind: "eof", text: "" });
  return out;
}

type Expr =
  | { k: "num"; text: string }
  | { k: "var"; name: string; index?: Expr }
  | { k: "call"; name: string; args: Expr[] }
  | { k: "unary"; op: string; e: Expr }
  | { k: "incdec"; op: string; prefix: boolean; target: Expr }
  | { k: "bin"; op: string; a: Expr; b: Expr }
  | { k: "assign"; op: string; target: Expr; e: Expr };

type Stmt =
  | { k: "expr"; e: Expr }
  | { k: "str"; text: string }
  | { k: "print"; items: (Expr | string)[] }
  | { k: "block"; body: Stmt[] }
  | { k: "if"; cond: Expr; then: Stmt; else?: Stmt }
  | { k: "while"; cond: Expr; body: Stmt }
  | { k: "for"; init?: Expr; cond?: Expr; step?: Expr; body: Stmt }
  | { k: "break" | "continue" | "quit" | "empty" }
  | { k: "return"; e?: Expr }
  | { k: "define"; name: string; params: string[]; autos: string[]; body: Stmt[] };

const BUILTINS = new Set(["length", "scale", "sqrt"]);
const KEYWORDS = new Set([
  "if",
  "else",
  "while",
  "for",
  "break",
  "continue",
  "quit",
  "halt",
  "define",
  "return",
  "auto",
  "print",
]);

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.at] ?? { kind: "eof", text: "" };
  }
  private next(): Token {
    return this.tokens[this.at++] ?? { kind: "eof", text: "" };
  }
  private is(text: string): boolean {
    const t = this.peek();
    return (t.kind === "op" || t.kind === "name") && t.text === text;
  }
  private expect(text: string): void {
    if (!this.is(text)) throw this.bad();
    this.at++;
  }
  private bad(kind = "expression"): CalcError {
    const t = this.peek();
    return new CalcError(
      `bad ${kind} at '${t.kind === "num" || t.kind === "name" ? t.text : t.kind === "op" && kind === "token" ? t.text : ""}'`,
    );
  }
  private skipNewlines(): void {
    while (this.peek().kind === "nl") this.at++;
  }

  /** What must follow a statement: a newline, `;`, `}` or the end. */
  terminator(): void {
    const t = this.peek();
    if (t.kind !== "nl" && t.kind !== "eof" && !this.is(";") && !this.is("}")) throw this.bad();
  }

  done(): boolean {
    while (this.peek().kind === "nl" || this.is(";")) this.at++;
    return this.peek().kind === "eof";
  }

  statement(): Stmt {
    const t = this.peek();
    if (t.kind === "str") {
      this.at++;
      return { k: "str", text: t.text };
    }
    if (this.is("{")) {
      this.at++;
      const body: Stmt[] = [];
      for (;;) {
        while (this.peek().kind === "nl" || this.is(";")) this.at++;
        if (this.is("}")) break;
        if (this.peek().kind === "eof") throw this.bad();
        body.push(this.statement());
      }
      this.at++;
      return { k: "block", body };
    }
    if (t.kind === "name" && KEYWORDS.has(t.text)) return this.keyword(t.text);
    if (t.kind === "op" && ![..."(-!"].includes(t.text) && t.text !== "++" && t.text !== "--") {
      throw this.bad("token");
    }
    return { k: "expr", e: this.expression() };
  }

  private keyword(word: string): Stmt {
    this.at++;
    const paren = () => {
      this.expect("(");
      const e = this.expression();
      this.expect(")");
      return e;
    };
    const body = () => {
      this.skipNewlines();
      return this.statement();
    };
    switch (word) {
      case "if": {
        const cond = paren();
        const then = body();
        const save = this.at;
        this.skipNewlines();
        if (this.is("else")) {
          this.at++;
          return { k: "if", cond, then, else: body() };
        }
        this.at = save;
        return { k: "if", cond, then };
      }
      case "while":
        return { k: "while", cond: paren(), body: body() };
      case "for": {
        this.expect("(");
        const part = (end: string) => (this.is(end) ? undefined : this.expression());
        const init = part(";");
        this.expect(";");
        const cond = part(";");
        this.expect(";");
        const step = part(")");
        this.expect(")");
        return {
          k: "for",
          ...(init ? { init } : {}),
          ...(cond ? { cond } : {}),
          ...(step ? { step } : {}),
          body: body(),
        };
      }
      case "break":
      case "continue":
        return { k: word };
      case "quit":
      case "halt":
        return { k: "quit" };
      case "return": {
        if (this.is("(")) return { k: "return", e: paren() };
        return { k: "return" };
      }
      case "print": {
        const items: (Expr | string)[] = [];
        do {
          const t = this.peek();
          if (t.kind === "str") {
            this.at++;
            items.push(t.text);
          } else items.push(this.expression());
        } while (this.is(",") && this.next());
        return { k: "print", items };
      }
      case "define": {
        const name = this.next().text;
        this.expect("(");
        const params: string[] = [];
        while (!this.is(")")) {
          params.push(this.next().text);
          if (this.is(",")) this.at++;
        }
        this.at++;
        this.skipNewlines();
        this.expect("{");
        const autos: string[] = [];
        const body: Stmt[] = [];
        for (;;) {
          while (this.peek().kind === "nl" || this.is(";")) this.at++;
          if (this.is("}")) break;
          if (this.is("auto")) {
            this.at++;
            do autos.push(this.next().text);
            while (this.is(",") && this.next());
            continue;
          }
          if (this.peek().kind === "eof") throw this.bad();
          body.push(this.statement());
        }
        this.at++;
        return { k: "define", name, params, autos, body };
      }
      default:
        throw this.bad("token");
    }
  }

  expression(): Expr {
    return this.or();
  }
  private or(): Expr {
    let a = this.and();
    while (this.is("||")) {
      this.at++;
      a = { k: "bin", op: "||", a, b: this.and() };
    }
    return a;
  }
  private and(): Expr {
    let a = this.not();
    while (this.is("&&")) {
      this.at++;
      a = { k: "bin", op: "&&", a, b: this.not() };
    }
    return a;
  }
  private not(): Expr {
    if (this.is("!")) {
      this.at++;
      return { k: "unary", op: "!", e: this.not() };
    }
    return this.relation();
  }
  private relation(): Expr {
    const a = this.assignment();
    for (const op of ["==", "!=", "<=", ">=", "<", ">"])
      if (this.is(op)) {
        this.at++;
        return { k: "bin", op, a, b: this.assignment() };
      }
    return a;
  }
  private assignment(): Expr {
    const a = this.sum();
    for (const op of ["=", "+=", "-=", "*=", "/=", "%=", "^="])
      if (this.is(op)) {
        if (a.k !== "var") throw this.bad();
        this.at++;
        return { k: "assign", op, target: a, e: this.assignment() };
      }
    return a;
  }
  private sum(): Expr {
    let a = this.product();
    while (this.is("+") || this.is("-")) {
      const op = this.next().text;
      a = { k: "bin", op, a, b: this.product() };
    }
    return a;
  }
  private product(): Expr {
    let a = this.power();
    while (this.is("*") || this.is("/") || this.is("%")) {
      const op = this.next().text;
      a = { k: "bin", op, a, b: this.power() };
    }
    return a;
  }
  private power(): Expr {
    const a = this.unary();
    if (this.is("^")) {
      this.at++;
      return { k: "bin", op: "^", a, b: this.power() };
    }
    return a;
  }
  private unary(): Expr {
    if (this.is("-")) {
      this.at++;
      return { k: "unary", op: "-", e: this.unary() };
    }
    if (this.is("++") || this.is("--")) {
      const op = this.next().text;
      return { k: "incdec", op, prefix: true, target: this.primary() };
    }
    const e = this.primary();
    if ((this.is("++") || this.is("--")) && e.k === "var")
      return { k: "incdec", op: this.next().text, prefix: false, target: e };
    return e;
  }
  private primary(): Expr {
    const t = this.peek();
    if (t.kind === "num") {
      this.at++;
      return { k: "num", text: t.text };
    }
    if (this.is("(")) {
      this.at++;
      const e = this.expression();
      this.expect(")");
      return e;
    }
    if (t.kind === "name" && !KEYWORDS.has(t.text)) {
      this.at++;
      if (this.is("(")) {
        this.at++;
        const args: Expr[] = [];
        while (!this.is(")")) {
          args.push(this.expression());
          if (this.is(",")) this.at++;
          else if (!this.is(")")) throw this.bad();
        }
        this.at++;
        return { k: "call", name: t.text, args };
      }
      if (this.is("[")) {
        this.at++;
        const index = this.expression();
        this.expect("]");
        return { k: "var", name: t.text, index };
      }
      return { k: "var", name: t.text };
    }
    throw this.bad();
  }
}

class Flow {
  constructor(
    readonly kind: "break" | "continue" | "return" | "quit",
    readonly value?: Decimal,
  ) {}
}

const ZERO = decimal(0n);
const toInt = (d: Decimal) => Number(d.digits / 10n ** BigInt(d.scale));

class Machine {
  constructor(private readonly mathLibrary: boolean) {}
  out = "";
  scale = 0;
  ibase = 10;
  obase = 10;
  last = ZERO;
  private scopes: Map<string, Decimal>[] = [new Map()];
  private arrays = new Map<string, Map<number, Decimal>>();
  private functions = new Map<string, Extract<Stmt, { k: "define" }>>();

  private lookup(name: string): Map<string, Decimal> {
    for (let i = this.scopes.length - 1; i > 0; i--)
      if (this.scopes[i]?.has(name)) return this.scopes[i] as Map<string, Decimal>;
    return this.scopes[0] as Map<string, Decimal>;
  }

  private get(target: Expr): Decimal {
    if (target.k !== "var") throw new CalcError("bad assignment");
    if (target.index) return this.arrays.get(target.name)?.get(toInt(this.evaluate(target.index))) ?? ZERO;
    if (target.name === "scale") return decimal(BigInt(this.scale));
    if (target.name === "ibase") return decimal(BigInt(this.ibase));
    if (target.name === "obase") return decimal(BigInt(this.obase));
    if (target.name === "last") return this.last;
    return this.lookup(target.name).get(target.name) ?? ZERO;
  }

  private set(target: Expr, v: Decimal): void {
    if (target.k !== "var") throw new CalcError("bad assignment");
    if (target.index) {
      const i = toInt(this.evaluate(target.index));
      let a = this.arrays.get(target.name);
      if (!a) {
        a = new Map();
        this.arrays.set(target.name, a);
      }
      a.set(i, v);
      return;
    }
    const n = toInt(v);
    if (target.name === "scale") this.scale = n;
    else if (target.name === "ibase") {
      if (n < 2 || n > 16) throw new CalcError("bad ibase; must be [2,16]");
      this.ibase = n;
    } else if (target.name === "obase") {
      if (n < 2 || n > 999) throw new CalcError("bad obase; must be [2,999]");
      this.obase = n;
    } else if (target.name === "last") this.last = v;
    else this.lookup(target.name).set(target.name, v);
  }

  private arith(op: string, a: Decimal, b: Decimal): Decimal {
    switch (op) {
      case "+":
        return add(a, b);
      case "-":
        return sub(a, b);
      case "*":
        return mul(a, b, this.scale);
      case "/":
        return div(a, b, this.scale);
      case "%":
        return mod(a, b, this.scale);
      default:
        if (b.digits / 10n ** BigInt(b.scale) > 100000n) throw new CalcError("overflow");
        return pow(a, b, this.scale);
    }
  }

  /** Work done so far: a program that loops for ever is stopped, as awk's is, rather than hang the page. */
  private steps = 0;

  private tick(): void {
    if (++this.steps > 5_000_000 || this.scopes.length > 1000)
      throw new CalcError(`a program that runs this long ${NOT_SIMULATED}`);
  }

  evaluate(e: Expr): Decimal {
    this.tick();
    switch (e.k) {
      case "num":
        return parseNumber(e.text, this.ibase);
      case "var":
        return this.get(e);
      case "unary": {
        const v = this.evaluate(e.e);
        return e.op === "-" ? negate(v) : decimal(v.digits === 0n ? 1n : 0n);
      }
      case "incdec": {
        const old = this.get(e.target);
        const now = add(old, decimal(e.op === "++" ? 1n : -1n));
        this.set(e.target, now);
        return e.prefix ? now : old;
      }
      case "assign": {
        const v = this.evaluate(e.e);
        const now = e.op === "=" ? v : this.arith(e.op.slice(0, -1), this.get(e.target), v);
        this.set(e.target, now);
        return now;
      }
      case "bin": {
        if (e.op === "&&")
          return decimal(this.evaluate(e.a).digits !== 0n && this.evaluate(e.b).digits !== 0n ? 1n : 0n);
        if (e.op === "||")
          return decimal(this.evaluate(e.a).digits !== 0n || this.evaluate(e.b).digits !== 0n ? 1n : 0n);
        const a = this.evaluate(e.a);
        const b = this.evaluate(e.b);
        const c = () => compare(a, b);
        const truth: Record<string, () => boolean> = {
          "==": () => c() === 0,
          "!=": () => c() !== 0,
          "<": () => c() < 0,
          "<=": () => c() <= 0,
          ">": () => c() > 0,
          ">=": () => c() >= 0,
        };
        const rel = truth[e.op];
        return rel ? decimal(rel() ? 1n : 0n) : this.arith(e.op, a, b);
      }
      case "call":
        return this.call(e.name, e.args);
    }
  }

  private call(name: string, args: Expr[]): Decimal {
    if (BUILTINS.has(name)) {
      const v = this.evaluate(args[0] ?? { k: "num", text: "0" });
      if (name === "sqrt") return sqrt(v, this.scale);
      if (name === "scale") return decimal(BigInt(v.scale));
      const digits = (v.digits < 0n ? -v.digits : v.digits).toString();
      return decimal(BigInt(v.digits === 0n ? Math.max(1, v.scale) : Math.max(digits.length, v.scale)));
    }
    const f = this.functions.get(name);
    if (!f && this.mathLibrary && /^[scalej]$/.test(name))
      throw new CalcError(`the math library's ${name}() ${NOT_SIMULATED}`);
    if (!f) throw new CalcError("undefined function");
    const values = args.map((a) => this.evaluate(a));
    const scope = new Map<string, Decimal>();
    for (const [i, p] of f.params.entries()) scope.set(p, values[i] ?? ZERO);
    for (const a of f.autos) scope.set(a, ZERO);
    this.scopes.push(scope);
    try {
      for (const s of f.body) this.run(s);
      return ZERO;
    } catch (flow) {
      if (flow instanceof Flow && flow.kind === "return") return flow.value ?? ZERO;
      throw flow;
    } finally {
      this.scopes.pop();
    }
  }

  private show(v: Decimal): string {
    return v.digits === 0n ? "0" : format(v, this.obase);
  }

  run(s: Stmt): void {
    this.tick();
    switch (s.k) {
      case "expr": {
        const v = this.evaluate(s.e);
        if (s.e.k !== "assign") {
          this.out += `${this.show(v)}\n`;
          this.last = v;
        }
        return;
      }
      case "str":
        this.out += s.text;
        return;
      case "print":
        for (const item of s.items)
          this.out +=
            typeof item === "string"
              ? item.replace(/\\n/g, "\n").replace(/\\t/g, "\t")
              : this.show(this.evaluate(item));
        return;
      case "block":
        for (const b of s.body) this.run(b);
        return;
      case "if":
        if (this.evaluate(s.cond).digits !== 0n) this.run(s.then);
        else if (s.else) this.run(s.else);
        return;
      case "while":
      case "for":
        if (s.k === "for" && s.init) this.evaluate(s.init);
        while (
          s.k === "while"
            ? this.evaluate(s.cond).digits !== 0n
            : !s.cond || this.evaluate(s.cond).digits !== 0n
        ) {
          try {
            this.run(s.body);
          } catch (flow) {
            if (!(flow instanceof Flow) || (flow.kind !== "break" && flow.kind !== "continue")) throw flow;
            if (flow.kind === "break") break;
          }
          if (s.k === "for" && s.step) this.evaluate(s.step);
        }
        return;
      case "break":
      case "continue":
      case "quit":
        throw new Flow(s.k);
      case "return":
        throw new Flow("return", s.e ? this.evaluate(s.e) : ZERO);
      case "define":
        this.functions.set(s.name, s);
        return;
      case "empty":
        return;
    }
  }
}

const bc: Handler = (ctx: Ctx) => {
  const { flags, operands } = getopt(ctx.argv.slice(1), "sqlwi", busyboxBadOption("bc"));
  const m = new Machine(flags.has("l"));
  if (flags.has("l")) m.scale = 20;
  const sources: string[] = [];
  for (const name of operands) {
    const text = name === "-" ? ctx.stdin : readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, name));
    if (text === undefined) throw new ToolExit(1, `bc: can't open '${name}': No such file or directory\n`);
    sources.push(text);
  }
  sources.push(ctx.stdin);
  try {
    for (const source of sources) {
      const parser = new Parser(tokenize(source));
      while (!parser.done()) {
        const statement = parser.statement();
        parser.terminator();
        m.run(statement);
      }
    }
  } catch (e) {
    ctx.out.write(m.out);
    if (e instanceof Flow && e.kind === "quit") return 0;
    if (!(e instanceof CalcError)) throw e;
    throw new ToolExit(1, `bc: ${e.message}\n`);
  }
  ctx.out.write(m.out);
  return 0;
};

export const commands: Command[] = [{ name: "bc", where: ["busybox"], run: bc }];
