/**
 * busybox's dc: the RPN calculator over decimal.ts's numbers, its scripts from -e, -f, file operands or
 * stdin. Numbers, strings in brackets, arithmetic, the stack (p n f c d r z), the precision and radixes
 * (k K i I o O), registers (s l S L), executing strings (x) and conditionals (<r >r =r !<r !>r !=r).
 */
import { ToolExit } from "../command";
import type { Command, Ctx, Handler } from "../types";
import { busyboxBadOption } from "./busybox";
import { readOperand } from "./bytes";
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
  parse,
  pow,
  sqrt,
  sub,
} from "./decimal";
import { getopt } from "./getopt";
import { NOT_SIMULATED } from "./unsimulated";

type Value = Decimal | string;

interface Machine {
  stack: Value[];
  registers: Map<string, Value[]>;
  scale: number;
  ibase: number;
  obase: number;
  out: string;
  steps: number;
}

const show = (m: Machine, v: Value) => (typeof v === "string" ? v : format(v, m.obase));

function run(m: Machine, script: string, depth = 0): void {
  // A macro that runs for ever is stopped, as awk's loops are, rather than hang the page.
  if (depth > 1000) throw new CalcError(`a program that runs this long ${NOT_SIMULATED}`);
  const pop = (): Value => {
    const v = m.stack.pop();
    if (v === undefined) throw new CalcError("stack has too few elements");
    return v;
  };
  const need = (n: number) => {
    if (m.stack.length < n) throw new CalcError("stack has too few elements");
  };
  const num = (v: Value): Decimal => {
    if (typeof v === "string") throw new CalcError("variable or array element is the wrong type");
    return v;
  };
  const binary = (f: (a: Decimal, b: Decimal) => Decimal) => {
    need(2);
    const b = num(pop());
    const a = num(pop());
    m.stack.push(f(a, b));
  };
  const register = (name: string) => {
    let r = m.registers.get(name);
    if (!r) {
      r = [];
      m.registers.set(name, r);
    }
    return r;
  };
  for (let i = 0; i < script.length; i++) {
    if (++m.steps > 5_000_000) throw new CalcError(`a program that runs this long ${NOT_SIMULATED}`);
    const c = script[i] ?? "";
    const number = /^_?[0-9A-F]*\.?[0-9A-F]*/.exec(script.slice(i))?.[0] ?? "";
    if (/[0-9A-F._]/.test(c) && /[0-9A-F]/.test(number)) {
      const v = parse(number.replace(/^_/, ""), m.ibase);
      m.stack.push(number.startsWith("_") ? decimal(-v.digits, v.scale) : v);
      i += number.length - 1;
      continue;
    }
    switch (c) {
      case "+":
        binary(add);
        break;
      case "-":
        binary(sub);
        break;
      case "*":
        binary((a, b) => mul(a, b, m.scale));
        break;
      case "/":
        binary((a, b) => div(a, b, m.scale));
        break;
      case "%":
        binary((a, b) => mod(a, b, m.scale));
        break;
      case "^":
        binary((a, b) => pow(a, b, m.scale));
        break;
      case "~": {
        need(2);
        const b = num(pop());
        const a = num(pop());
        m.stack.push(div(a, b, m.scale), mod(a, b, m.scale));
        break;
      }
      case "v":
        need(1);
        m.stack.push(sqrt(num(pop()), m.scale));
        break;
      case "p":
        need(1);
        m.out += `${show(m, m.stack[m.stack.length - 1] as Value)}\n`;
        break;
      case "n":
        m.out += show(m, pop());
        break;
      case "f":
        for (const v of [...m.stack].reverse()) m.out += `${show(m, v)}\n`;
        break;
      case "c":
        m.stack.length = 0;
        break;
      case "d":
        need(1);
        m.stack.push(m.stack[m.stack.length - 1] as Value);
        break;
      case "r": {
        need(2);
        const b = pop();
        const a = pop();
        m.stack.push(b, a);
        break;
      }
      case "z":
        m.stack.push(decimal(BigInt(m.stack.length)));
        break;
      case "k":
        m.scale = Number(num(pop()).digits);
        break;
      case "i":
        m.ibase = Number(num(pop()).digits);
        break;
      case "o":
        m.obase = Number(num(pop()).digits);
        break;
      case "K":
        m.stack.push(decimal(BigInt(m.scale)));
        break;
      case "I":
        m.stack.push(decimal(BigInt(m.ibase)));
        break;
      case "O":
        m.stack.push(decimal(BigInt(m.obase)));
        break;
      case "s":
      case "S": {
        const r = register(script[++i] ?? "");
        if (c === "s") r.splice(0, r.length, pop());
        else r.push(pop());
        break;
      }
      case "l":
      case "L": {
        const r = register(script[++i] ?? "");
        const v = c === "l" ? (r[r.length - 1] ?? decimal(0n)) : r.pop();
        if (v === undefined) throw new CalcError("stack has too few elements");
        m.stack.push(v);
        break;
      }
      case "[": {
        let depth = 1;
        let j = i + 1;
        for (; j < script.length && depth > 0; j++)
          depth += script[j] === "[" ? 1 : script[j] === "]" ? -1 : 0;
        m.stack.push(script.slice(i + 1, j - 1));
        i = j - 1;
        break;
      }
      case "x": {
        const v = pop();
        if (typeof v === "string") run(m, v, depth + 1);
        else m.stack.push(v);
        break;
      }
      case "<":
      case ">":
      case "=":
      case "!": {
        const op = c === "!" ? `!${script[++i] ?? ""}` : c;
        const name = script[++i] ?? "";
        need(2);
        const a = num(pop());
        const b = num(pop());
        const k = compare(a, b);
        const yes = { "<": k < 0, ">": k > 0, "=": k === 0, "!<": k >= 0, "!>": k <= 0, "!=": k !== 0 }[op];
        const body = register(name).at(-1);
        if (yes && typeof body === "string") run(m, body, depth + 1);
        break;
      }
      case "q":
        return;
      case "#":
        while (i < script.length && script[i] !== "\n") i++;
        break;
      default:
        if (!/\s/.test(c)) throw new CalcError(`'${c}' (${c.charCodeAt(0)}) is unimplemented`);
    }
  }
}

const dc: Handler = (ctx: Ctx) => {
  const args = ctx.argv.slice(1);
  const { operands } = getopt(args, "xe:f:", busyboxBadOption("dc"));
  const scripts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    const m = /^-([ef])(.*)$/.exec(a);
    if (!m) continue;
    const value = m[2] !== "" ? (m[2] ?? "") : (args[++i] ?? "");
    if (m[1] === "e") scripts.push(value);
    else {
      const text = readOperand(ctx, value);
      if (text === undefined) return 1;
      scripts.push(text);
    }
  }
  for (const name of operands) {
    const text = readOperand(ctx, name);
    if (text === undefined) return 1;
    scripts.push(text);
  }
  if (scripts.length === 0) scripts.push(ctx.stdin);
  const m: Machine = { stack: [], registers: new Map(), scale: 0, ibase: 10, obase: 10, out: "", steps: 0 };
  try {
    for (const s of scripts) run(m, s);
  } catch (e) {
    if (!(e instanceof CalcError)) throw e;
    ctx.out.write(m.out);
    throw new ToolExit(1, `dc: ${e.message}\n`);
  }
  ctx.out.write(m.out);
  return 0;
};

export const commands: Command[] = [{ name: "dc", where: ["busybox"], run: dc }];
