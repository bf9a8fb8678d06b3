/**
 * awk's interpreter: a program's statements and expressions over records, with user functions
 * (scalars by value, arrays by reference, extra parameters as locals), getline and output streams
 * (io.ts) and the built-in functions (builtins.ts).
 */
import { posixRegExp } from "../posix-regex";
import { type AwkArray, newArray } from "./arrays";
import type { Expr, Program, Stmt } from "./ast";
import { callBuiltin } from "./builtins";
import { type Host, records, Streams } from "./io";
import { AwkError } from "./lex";
import { Random } from "./random";
import { compare, type Dialect, isTrue, numText, toNum, UNINIT, type Value } from "./value";

export class Exit {
  constructor(readonly code: number | undefined) {}
}
export class Next {}
/** `nextfile`: the rest of the current file is skipped. */
export class NextFile {}
class Break {}
class Continue {}
class Return {
  constructor(readonly value: Value) {}
}

/** A variable: a scalar, an array, or (a parameter given an unset variable) the caller's cell to make the array in. */
interface Cell {
  v?: Value;
  a?: AwkArray;
  alias?: Cell;
}

/** The main input: the operands in order, `var=value` ones assigned when reached. */
export interface MainInput {
  operands: string[];
  next: number;
  records: string[];
  at: number;
  /** The operand that could not be read, if one: awk stops there. */
  failed?: string;
}

export class Machine {
  readonly globals = new Map<string, Cell>();
  private frames: Map<string, Cell>[] = [];
  fields: Value[] = [{ strnum: "" }];
  readonly io: Streams;
  readonly random: Random;
  steps = 0;
  /** Whether the main input is over (getline in END reads nothing). */
  ended = false;
  input: MainInput = { operands: [], next: 0, records: [], at: 0 };

  constructor(
    readonly program: Program,
    readonly dialect: Dialect,
    host: Host,
  ) {
    this.io = new Streams(host, dialect, () => this.var("RS"));
    this.random = new Random(host.time(), dialect);
    const init: Record<string, Value> = {
      FS: " ",
      OFS: " ",
      ORS: "\n",
      RS: "\n",
      NR: 0,
      FNR: 0,
      FILENAME: "",
      SUBSEP: "\x1c",
      RSTART: 0,
      RLENGTH: -1,
      CONVFMT: "%.6g",
      OFMT: "%.6g",
    };
    for (const [k, v] of Object.entries(init)) this.globals.set(k, { v });
  }

  str(v: Value, format = "CONVFMT"): string {
    if (typeof v === "number") return numText(v, this.var(format), this.dialect);
    return typeof v === "string" ? v : v.strnum;
  }
  num(v: Value): number {
    return toNum(v, this.dialect);
  }
  truthy(v: Value): boolean {
    return isTrue(v, this.dialect);
  }
  /** A special variable's text (FS, OFS …). */
  var(name: string): string {
    const v = this.globals.get(name)?.v ?? "";
    return typeof v === "number" ? String(v) : typeof v === "string" ? v : v.strnum;
  }

  cell(name: string): Cell {
    const local = this.frames[this.frames.length - 1]?.get(name);
    if (local) return local;
    let cell = this.globals.get(name);
    if (!cell) {
      cell = {};
      this.globals.set(name, cell);
    }
    return cell;
  }

  array(name: string): AwkArray {
    const cell = this.cell(name);
    if (!cell.a) {
      if (cell.alias) {
        cell.alias.a ??= newArray(this.dialect);
        cell.a = cell.alias.a;
      } else cell.a = newArray(this.dialect);
    }
    return cell.a;
  }

  setRecord(line: string): void {
    // In paragraph mode a newline separates fields too, whatever FS is.
    const fs = this.var("FS");
    const split =
      this.var("RS") === "" && fs !== " "
        ? line.split("\n").flatMap((part) => this.split(part, fs))
        : this.split(line, fs);
    this.fields = [{ strnum: line }, ...split.map((f) => ({ strnum: f }))];
  }

  split(text: string, fs: string | RegExp): string[] {
    if (fs === " ") return text.split(/[ \t\n]+/).filter((f) => f !== "");
    if (text === "") return [];
    if (fs === "") return [...text];
    if (typeof fs === "string" && fs.length === 1 && fs !== "\\") return text.split(fs === "\t" ? "\t" : fs);
    const re = typeof fs === "string" ? posixRegExp(fs, true) : fs;
    return re ? text.split(new RegExp(re.source, re.flags.replace("g", ""))) : text.split(fs as string);
  }

  rebuild(): void {
    const ofs = this.var("OFS");
    this.fields[0] = this.fields
      .slice(1)
      .map((f) => this.str(f))
      .join(ofs);
  }

  get(e: Expr): Value {
    if (e.k === "var") {
      if (e.name === "NF") return this.fields.length - 1;
      const cell = this.cell(e.name);
      return cell.v ?? UNINIT;
    }
    if (e.k === "field") {
      const n = Math.trunc(this.num(this.evaluate(e.e)));
      if (n < 0)
        throw new AwkError(
          "runtime",
          this.dialect === "busybox" ? "Access to negative field" : `negative field index $${n}`,
        );
      return this.fields[n] ?? UNINIT;
    }
    if (e.k === "index") {
      // Reading an element makes it, as in every awk.
      return this.element(e.name, e.i, true)?.value ?? UNINIT;
    }
    return this.evaluate(e);
  }

  set(e: Expr, v: Value): Value {
    if (e.k === "var") {
      if (e.name === "NF") {
        const n = Math.max(0, Math.trunc(this.num(v)));
        this.fields = this.fields.slice(0, n + 1);
        while (this.fields.length < n + 1) this.fields.push(UNINIT);
        this.rebuild();
        return v;
      }
      this.cell(e.name).v = v;
    } else if (e.k === "field") {
      const n = Math.trunc(this.num(this.evaluate(e.e)));
      if (n < 0) return this.get(e);
      if (n === 0) this.setRecord(this.str(v));
      else {
        while (this.fields.length <= n) this.fields.push(UNINIT);
        this.fields[n] = v;
        this.rebuild();
      }
    } else if (e.k === "index") {
      const node = this.element(e.name, e.i, true);
      if (node) node.value = v;
    }
    return v;
  }

  /** An array's element by its subscripts (an integral number alone is also given as such, for mawk). */
  element(name: string, i: Expr[], create: boolean): { value: Value } | undefined {
    const [key, ival] = this.subscript(i);
    return this.array(name).find(key, ival, create);
  }

  subscript(i: Expr[]): [string, number | undefined] {
    if (i.length === 1) {
      const v = this.evaluate(i[0] as Expr);
      const ival = typeof v === "number" && Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? v : undefined;
      return [this.str(v), ival];
    }
    return [this.key(i), undefined];
  }

  key(i: Expr[]): string {
    return i.map((x) => this.str(this.evaluate(x))).join(this.var("SUBSEP"));
  }

  regexOf(e: Expr): RegExp {
    if (e.k === "re") return e.re;
    const source = this.str(this.evaluate(e));
    const re = posixRegExp(source, true);
    if (!re) throw new AwkError("runtime", `bad regex ${source}`);
    return re;
  }

  evaluate(e: Expr): Value {
    if (++this.steps > 5_000_000)
      throw new AwkError("runtime", "the lab stops a program that runs this long");
    switch (e.k) {
      case "num":
        return e.v;
      case "str":
        return e.v;
      case "re":
        return e.re.test(this.str(this.fields[0] ?? "")) ? 1 : 0;
      case "var":
      case "field":
      case "index":
        return this.get(e);
      case "group":
        return this.evaluate(e.e);
      case "list":
        return this.key(e.items);
      case "assign": {
        const v = this.evaluate(e.e);
        if (e.op === "=") return this.set(e.to, typeof v === "object" && v.uninit ? UNINIT : v);
        const a = this.num(this.get(e.to));
        return this.set(e.to, this.arith(e.op.slice(0, -1), a, this.num(v)));
      }
      case "incdec": {
        const old = this.num(this.get(e.to));
        this.set(e.to, e.op === "++" ? old + 1 : old - 1);
        return e.prefix ? (e.op === "++" ? old + 1 : old - 1) : old;
      }
      case "not":
        return this.truthy(this.evaluate(e.e)) ? 0 : 1;
      case "neg":
        return -this.num(this.evaluate(e.e));
      case "cond":
        return this.truthy(this.evaluate(e.c)) ? this.evaluate(e.a) : this.evaluate(e.b);
      case "match": {
        const hit = this.regexOf(e.re).test(this.str(this.evaluate(e.a)));
        return hit !== e.neg ? 1 : 0;
      }
      case "in":
        return this.element(e.name, e.keys, false) ? 1 : 0;
      case "bin":
        return this.binary(e.op, e.a, e.b);
      case "call":
        return callBuiltin(this, e.name, e.args);
      case "user":
        return this.callUser(e.name, e.args);
      case "getline":
        return this.getline(e);
    }
  }

  binary(op: string, ea: Expr, eb: Expr): Value {
    if (op === "&&") return this.truthy(this.evaluate(ea)) && this.truthy(this.evaluate(eb)) ? 1 : 0;
    if (op === "||") return this.truthy(this.evaluate(ea)) || this.truthy(this.evaluate(eb)) ? 1 : 0;
    const a = this.evaluate(ea);
    const b = this.evaluate(eb);
    if (op === "concat") return this.str(a) + this.str(b);
    if (["<", "<=", "==", "!=", ">=", ">"].includes(op)) {
      const r = compare(a, b, this.dialect, (v) => this.str(v));
      const hit = { "<": r < 0, "<=": r <= 0, "==": r === 0, "!=": r !== 0, ">=": r >= 0, ">": r > 0 }[op];
      return hit ? 1 : 0;
    }
    return this.arith(op, this.num(a), this.num(b));
  }

  arith(op: string, a: number, b: number): number {
    switch (op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        if (b === 0 && this.dialect === "busybox") throw new AwkError("runtime", "Division by zero");
        return a / b;
      case "%":
        if (b === 0 && this.dialect === "busybox") throw new AwkError("runtime", "Division by zero");
        return a % b;
      default:
        // busybox as Debian builds it has no floating-point library.
        if (this.dialect === "busybox") throw new AwkError("runtime", "Math support is not compiled in");
        return a ** b;
    }
  }

  callUser(name: string, args: Expr[]): Value {
    const fn = this.program.functions.get(name);
    if (!fn) throw new AwkError("runtime", "Call to undefined function");
    const frame = new Map<string, Cell>();
    fn.params.forEach((param, k) => {
      const arg = args[k];
      if (!arg) frame.set(param, {});
      else if (arg.k === "var" && arg.name !== "NF") {
        const caller = this.cell(arg.name);
        // An array goes by reference; an unset variable may become one in the callee.
        if (caller.a) frame.set(param, { a: caller.a });
        else if (caller.v === undefined) frame.set(param, { alias: caller });
        else frame.set(param, { v: caller.v });
      } else frame.set(param, { v: this.evaluate(arg) });
    });
    if (this.frames.length > 1000) throw new AwkError("runtime", "function call nesting too deep");
    this.frames.push(frame);
    try {
      this.run(fn.body);
      return UNINIT;
    } catch (signal) {
      if (signal instanceof Return) return signal.value;
      throw signal;
    } finally {
      this.frames.pop();
    }
  }

  /** The main input's next record, reading on into the next operand; undefined at the end. */
  nextMain(): string | undefined {
    const input = this.input;
    for (;;) {
      const record = input.records[input.at];
      if (record !== undefined) {
        input.at++;
        return record;
      }
      if (input.failed !== undefined || input.next >= input.operands.length) {
        this.ended = true;
        return undefined;
      }
      const name = input.operands[input.next++] ?? "";
      const eq = /^[A-Za-z_]\w*=/.exec(name);
      if (eq) {
        this.assignOperand(name);
        continue;
      }
      const text = this.io.host.readFile(name);
      if (text === undefined) {
        input.failed = name;
        this.ended = true;
        return undefined;
      }
      this.globals.set("FILENAME", { v: name === "-" ? "" : name });
      this.globals.set("FNR", { v: 0 });
      input.records = records(text, this.var("RS"), this.dialect);
      input.at = 0;
    }
  }

  /** ARGV (the operands after the program, ARGV[0] "awk"), ARGC and ENVIRON. */
  setArgs(operands: string[], env: Record<string, string>): void {
    const argv = this.array("ARGV");
    ["awk", ...operands].forEach((a, k) => {
      const node = argv.find(String(k), k, true);
      if (node) node.value = { strnum: a };
    });
    this.globals.set("ARGC", { v: operands.length + 1 });
    const environ = this.array("ENVIRON");
    for (const [k, v] of Object.entries(env)) {
      const node = environ.find(k, undefined, true);
      if (node) node.value = { strnum: v };
    }
  }

  /** `var=value` from -v or an operand: the value's escapes read as a string constant's. */
  assignOperand(text: string): void {
    const eq = text.indexOf("=");
    const value = text
      .slice(eq + 1)
      .replace(
        /\\(.)/g,
        (all, c: string) => ({ n: "\n", t: "\t", "\\": "\\", '"': '"', "/": "/" })[c] ?? all,
      );
    this.globals.set(text.slice(0, eq), { v: { strnum: value } });
  }

  count(name: "NR" | "FNR"): void {
    this.globals.set(name, { v: this.num(this.globals.get(name)?.v ?? 0) + 1 });
  }

  getline(e: Extract<Expr, { k: "getline" }>): Value {
    let record: string | 0 | -1;
    if (e.from === "main") {
      if (this.ended) return this.dialect === "busybox" ? -1 : 0;
      const next = this.nextMain();
      if (next === undefined) return this.dialect === "busybox" && this.input.failed ? -1 : 0;
      record = next;
      this.count("NR");
      this.count("FNR");
    } else {
      record = this.io.read(this.str(this.evaluate(e.source as Expr)), e.from === "cmd");
      if (record === 0 || record === -1) return record;
    }
    if (e.into) this.set(e.into, { strnum: record });
    else this.setRecord(record);
    return 1;
  }

  print(s: Extract<Stmt, { k: "print" }>): void {
    let text: string;
    if (s.printf) {
      if (s.args.length === 0) throw new AwkError("syntax", "printf");
      try {
        text = callBuiltin(this, "sprintf", s.args) as string;
      } catch (error) {
        // mawk has written the format up to the conversion it stopped at.
        if (!s.to && error instanceof AwkError && error.partial) this.io.out += error.partial;
        throw error;
      }
    } else if (!s.to && this.dialect === "busybox") {
      // busybox writes each value as it is made: a fault in a later one leaves the earlier ones printed.
      const args = s.args.length === 0 ? [{ k: "field", e: { k: "num", v: 0 } } as Expr] : s.args;
      args.forEach((a, k) => {
        this.io.out += this.str(this.evaluate(a), "OFMT") + (k < args.length - 1 ? this.var("OFS") : "");
      });
      this.io.out += this.var("ORS");
      return;
    } else {
      const values = s.args.length === 0 ? [this.fields[0] ?? ""] : s.args.map((a) => this.evaluate(a));
      text = values.map((v) => this.str(v, "OFMT")).join(this.var("OFS")) + this.var("ORS");
    }
    if (!s.to) {
      this.io.out += text;
      return;
    }
    const name = this.str(this.evaluate(s.to.e));
    if (!this.io.write(s.to.mode, name, text))
      throw new AwkError(
        "output",
        this.dialect === "busybox"
          ? `can't open '${name}': No such file or directory`
          : `cannot open "${name}" for output (No such file or directory)`,
      );
  }

  run(stmts: Stmt[]): void {
    for (const s of stmts) this.exec(s);
  }

  loop(body: Stmt): boolean {
    try {
      this.exec(body);
    } catch (signal) {
      if (signal instanceof Break) return false;
      if (!(signal instanceof Continue)) throw signal;
    }
    return true;
  }

  exec(s: Stmt): void {
    switch (s.k) {
      case "print":
        this.print(s);
        return;
      case "expr":
        this.evaluate(s.e);
        return;
      case "if":
        if (this.truthy(this.evaluate(s.c))) this.exec(s.then);
        else if (s.else) this.exec(s.else);
        return;
      case "while":
        while (this.truthy(this.evaluate(s.c))) if (!this.loop(s.body)) break;
        return;
      case "do":
        do if (!this.loop(s.body)) break;
        while (this.truthy(this.evaluate(s.c)));
        return;
      case "for":
        if (s.init) this.exec(s.init);
        while (!s.c || this.truthy(this.evaluate(s.c))) {
          if (!this.loop(s.body)) break;
          if (s.step) this.exec(s.step);
        }
        return;
      case "forin":
        for (const key of this.array(s.name).keys()) {
          this.set(s.key, key);
          if (!this.loop(s.body)) break;
        }
        return;
      case "block":
        this.run(s.body);
        return;
      case "delete":
        if (s.i) this.array(s.name).delete(...this.subscript(s.i));
        else this.array(s.name).clear();
        return;
      case "return":
        throw new Return(s.e ? this.evaluate(s.e) : UNINIT);
      case "next":
        throw new Next();
      case "nextfile":
        throw new NextFile();
      case "break":
        throw new Break();
      case "continue":
        throw new Continue();
      case "exit":
        throw new Exit(s.e ? Math.trunc(this.num(this.evaluate(s.e))) : undefined);
    }
  }
}
