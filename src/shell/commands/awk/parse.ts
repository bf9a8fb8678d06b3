/**
 * awk's parser: tokens into rules, functions and statements (expressions in parse-expr.ts).
 * mawk's parse-time checks (`next` in BEGIN, a parameter named as a function) are made only when
 * `mawk` is set; busybox lets them run.
 */
import type { Destination, Expr, Program, Rule, Stmt } from "./ast";
import { AwkError } from "./lex";
import { ExprParser, KEYWORDS } from "./parse-expr";

export class Parser extends ExprParser {
  private inBegin = false;

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
        case "nextfile":
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
      // The target may be any expression but a comparison with `>`: `print x > c ? "a" : "b"` writes to a or b.
      to = { mode, e: this.ternary(true) };
    }
    this.simpleEnd();
    return { k: "print", args, printf, to };
  }
}
