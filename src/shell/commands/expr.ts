/**
 * `expr`: arithmetic, comparisons, `|` `&`, `STRING : REGEX`, and match/substr/index/length, one
 * word per operand as the shell split them. Exit 0 for a non-null, non-zero result, 1 otherwise,
 * 2 for a bad expression. GNU coreutils 9.1's words on the host and in Debian images, busybox
 * 1.35's in busybox.
 */
import { ToolExit } from "../command";
import type { Command, Ctx, Handler } from "../types";
import { posixRegExp } from "./posix-regex";

type Value = string | bigint;

const INTEGER = /^[-+]?\d+$/;

class Expr {
  i = 0;
  constructor(
    readonly words: string[],
    readonly busybox: boolean,
  ) {}

  fail(gnu: string, bb = "syntax error"): ToolExit {
    return new ToolExit(2, `expr: ${this.busybox ? bb : gnu}\n`);
  }

  int(v: Value): bigint {
    if (typeof v === "bigint") return v;
    if (!INTEGER.test(v)) throw this.fail("non-integer argument", "non-numeric argument");
    return BigInt(v);
  }

  isNull(v: Value): boolean {
    return typeof v === "bigint" ? v === 0n : v === "" || (INTEGER.test(v) && BigInt(v) === 0n);
  }

  peek(): string | undefined {
    return this.words[this.i];
  }

  operand(): string {
    const w = this.words[this.i++];
    if (w === undefined)
      throw this.fail(`syntax error: missing argument after '${this.words[this.i - 2] ?? ""}'`);
    return w;
  }

  or(): Value {
    let a = this.and();
    while (this.peek() === "|") {
      this.i++;
      const b = this.and();
      a = this.isNull(a) ? (this.isNull(b) ? 0n : b) : a;
    }
    return a;
  }
  and(): Value {
    let a = this.compare();
    while (this.peek() === "&") {
      this.i++;
      const b = this.compare();
      a = this.isNull(a) || this.isNull(b) ? 0n : a;
    }
    return a;
  }
  compare(): Value {
    let a = this.add();
    for (let op = this.peek(); op && ["<", "<=", "=", "==", "!=", ">=", ">"].includes(op); op = this.peek()) {
      this.i++;
      const b = this.add();
      const numeric =
        (typeof a === "bigint" || INTEGER.test(a)) && (typeof b === "bigint" || INTEGER.test(b));
      const r = numeric
        ? Number(this.int(a) - this.int(b))
        : String(a) < String(b)
          ? -1
          : String(a) > String(b)
            ? 1
            : 0;
      const hit = {
        "<": r < 0,
        "<=": r <= 0,
        "=": r === 0,
        "==": r === 0,
        "!=": r !== 0,
        ">=": r >= 0,
        ">": r > 0,
      }[op];
      a = hit ? 1n : 0n;
    }
    return a;
  }
  add(): Value {
    let a = this.mul();
    for (let op = this.peek(); op === "+" || op === "-"; op = this.peek()) {
      this.i++;
      const b = this.mul();
      a = op === "+" ? this.int(a) + this.int(b) : this.int(a) - this.int(b);
    }
    return a;
  }
  mul(): Value {
    let a = this.match();
    for (let op = this.peek(); op === "*" || op === "/" || op === "%"; op = this.peek()) {
      this.i++;
      const b = this.match();
      const x = this.int(a);
      const y = this.int(b);
      if (op !== "*" && y === 0n) throw this.fail("division by zero", "division by zero");
      a = op === "*" ? x * y : op === "/" ? x / y : x % y;
    }
    return a;
  }
  match(): Value {
    let a = this.primary();
    while (this.peek() === ":") {
      this.i++;
      a = this.regexMatch(String(a), String(this.primary()));
    }
    return a;
  }
  regexMatch(text: string, pattern: string): Value {
    const re = posixRegExp(pattern, false);
    if (!re) throw this.fail("Unmatched ( or \\(");
    // Anchored at the start, as expr's regex always is.
    const m = new RegExp(`^(?:${re.source})`).exec(text);
    if (/\\\(/.test(pattern)) return m?.[1] ?? "";
    return BigInt(m ? m[0].length : 0);
  }
  primary(): Value {
    const w = this.peek();
    if (w === undefined)
      throw this.fail(`syntax error: missing argument after '${this.words[this.i - 1] ?? ""}'`);
    if (w === "(") {
      this.i++;
      const v = this.or();
      if (this.peek() !== ")")
        throw this.fail(
          this.peek() === undefined
            ? `syntax error: expecting ')' after '${this.words[this.i - 1] ?? ""}'`
            : `syntax error: expecting ')' instead of '${this.peek()}'`,
        );
      this.i++;
      return v;
    }
    if (w === "length") {
      this.i++;
      return BigInt([...this.operand()].length);
    }
    if (w === "match") {
      this.i++;
      const s = this.operand();
      return this.regexMatch(s, this.operand());
    }
    if (w === "index") {
      this.i++;
      const s = this.operand();
      const chars = this.operand();
      const k = [...s].findIndex((c) => chars.includes(c));
      return BigInt(k + 1);
    }
    if (w === "substr") {
      this.i++;
      const s = this.operand();
      const pos = Number(this.int(this.operand()));
      const len = Number(this.int(this.operand()));
      return pos < 1 || len < 1 ? "" : [...s].slice(pos - 1, pos - 1 + len).join("");
    }
    if (w === "+") {
      this.i++;
      return this.operand();
    }
    this.i++;
    return w;
  }
}

const expr: Handler = (ctx: Ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const words = ctx.argv.slice(1);
  if (words[0] === "--") words.shift();
  if (words.length === 0) {
    throw new ToolExit(
      2,
      busybox
        ? "expr: too few arguments\n"
        : "expr: missing operand\nTry 'expr --help' for more information.\n",
    );
  }
  const e = new Expr(words, busybox);
  const v = e.or();
  if (e.i < words.length) throw e.fail(`syntax error: unexpected argument '${words[e.i]}'`);
  ctx.out.line(String(v));
  return e.isNull(v) ? 1 : 0;
};

export const commands: Command[] = [{ name: "expr", where: ["host", "busybox", "debian"], run: expr }];
