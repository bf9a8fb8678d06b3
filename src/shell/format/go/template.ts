/**
 * Go's text/template as the Docker CLI uses it for `--format` and `-f`: templates parsed by
 * template-parse.ts and executed over typed Go values, with text/template's built-in functions and
 * the ones docker/cli adds (json, join, split, upper, lower, title, pad, truncate).
 */

import { formatValue, sprint, sprintf } from "./fmt";
import { toJson } from "./json";
import {
  type Command,
  lineOf,
  type Node,
  type Operand,
  Parser,
  type Pipe,
  TemplateError,
} from "./template-parse";
import {
  deref,
  type GoValue,
  goBool,
  goInt,
  goNil,
  goStr,
  goStrings,
  sortedEntries,
  typeName,
} from "./value";

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

export function renderTemplate(src: string, dot: GoValue, options?: TemplateOptions): string {
  return new Template(src, options).execute(dot);
}
