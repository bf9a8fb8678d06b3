/**
 * Go's text/template as the Docker CLI uses it for `--format` and `-f`: templates parsed by
 * template-parse.ts and executed over typed Go values, with text/template's built-in functions and
 * the ones docker/cli adds (json, join, split, upper, lower, title, pad, truncate).
 */

import { formatValue } from "./fmt";
import { BUILTINS, DOCKER_FUNCS, type Func, FuncError, HEADER_FUNCS, isTrue } from "./funcs";
import { toJson } from "./json";
import {
  type Command,
  lineOf,
  type Node,
  type Operand,
  operandText,
  Parser,
  type Pipe,
  TemplateError,
} from "./template-parse";
import { timeMethods } from "./time";
import {
  deref,
  type GoValue,
  goBytes,
  goInt,
  goNil,
  goStr,
  goStrings,
  type ParamKind,
  sortedEntries,
  typeName,
} from "./value";

class ExecError extends Error {}

const INVALID: GoValue = { k: "invalid" };

/** A parameter's Go type, as errors name it. */
const GO_TYPE: Record<Exclude<ParamKind, "any">, string> = {
  string: "string",
  int: "int",
  "[]string": "[]string",
  time: "time.Time",
  duration: "time.Duration",
};

/** {{template}} nested too deep, reported at the outermost call once the stack has unwound. */
class DepthError extends Error {
  constructor(
    readonly at: At,
    readonly executing: string,
  ) {
    super("depth");
  }
}

/** Where an error is reported: a node's offset in the source and its text. */
type At = { pos: number; text: string };

/** The operands after a command's first word, the value piped into it, and what they are evaluated in. */
interface Call {
  ops: Operand[];
  final: GoValue | undefined;
  dot: GoValue;
  vars: [string, GoValue][];
}

class Loop {
  constructor(readonly kind: "break" | "continue") {}
}

export interface TemplateOptions {
  /** text/template's missingkey=error, which docker inspect's raw fallback uses. */
  missingKeyError?: boolean;
  /** docker/cli's header functions: json, join, upper … return their argument unchanged. */
  header?: boolean;
  /** The template's name, which its errors carry (docker version names its template "version"). */
  name?: string;
  /** Whether {{range}} counts up to an integer (Go 1.22 and later; client 20.10 was built with 1.19). */
  rangeOverInt?: boolean;
}

/** Go's maxExecDepth: how deep {{template}} may call itself. */
const MAX_DEPTH = 100000;

export class Template {
  private readonly nodes: Node[];
  private readonly defines: Map<string, Node[]>;
  /** The template being executed, as errors name it: the main one, or one {{template}} called. */
  private executing = "";

  constructor(
    private readonly src: string,
    private readonly options: TemplateOptions = {},
  ) {
    const parser = new Parser(src, options.name);
    this.nodes = parser.parse();
    this.defines = parser.defines;
  }

  private get name(): string {
    return this.options.name ?? "";
  }

  /** Executes over `dot`; throws TemplateError worded as text/template words it. */
  execute(dot: GoValue): string {
    const out: string[] = [];
    const vars: [string, GoValue][] = [["$", dot]];
    this.executing = this.name;
    try {
      this.walk(this.nodes, dot, vars, out);
    } catch (thrown) {
      let error = thrown;
      if (error instanceof DepthError) {
        this.executing = error.executing;
        error = this.error(error.at, `exceeded maximum template depth (${MAX_DEPTH})`);
      }
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
        case "template":
          this.walkTemplate(node, dot, vars, out);
          break;
      }
    }
  }

  /** {{template}}: the named template on the pipeline's value, with no variables but its own $. */
  private walkTemplate(
    node: Extract<Node, { k: "template" }>,
    dot: GoValue,
    vars: [string, GoValue][],
    out: string[],
  ) {
    const body = this.defines.get(node.name);
    if (!body) throw this.error(node, `template ${JSON.stringify(node.name)} not defined`);
    const value: GoValue = node.pipe ? this.pipe(node.pipe, dot, vars) : INVALID;
    const caller = this.executing;
    this.executing = node.name;
    this.depth++;
    try {
      // A JavaScript stack ends long before Go's limit: its overflow is reported as Go's.
      if (this.depth > MAX_DEPTH) throw new DepthError(node, node.name);
      this.walk(body, value, [["$", value]], out);
    } catch (error) {
      // The only RangeError here is the stack's: nothing else it runs throws one.
      if (error instanceof RangeError) throw new DepthError(node, node.name);
      throw error;
    } finally {
      this.depth--;
      this.executing = caller;
    }
  }

  private depth = 0;

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
    else if (target.k === "int" && this.options.rangeOverInt !== false)
      items = Array.from({ length: target.v }, (_, i) => [goInt(i), goInt(i)]);
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

  private error(at: At, msg: string): ExecError {
    const where = `${this.name}:${lineOf(this.src, at.pos)}:${this.column(at.pos)}`;
    return new ExecError(`template: ${where}: executing "${this.executing}" at <${at.text}>: ${msg}`);
  }

  private column(pos: number): number {
    const nl = this.src.lastIndexOf("\n", pos - 1);
    return nl < 0 ? pos : pos - nl - 1;
  }

  private pipe(pipe: Pipe, dot: GoValue, vars: [string, GoValue][]): GoValue {
    let value: GoValue | undefined;
    for (const cmd of pipe.cmds) {
      const v = this.command(cmd, dot, vars, value);
      // An interface's nil is dug out to no value at all, as evalPipeline does.
      value = v.k === "nil" ? INVALID : v;
    }
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
  ): GoValue {
    const [first, ...rest] = cmd.args;
    if (!first) throw this.error(cmd, "empty command");
    const call: Call = { ops: rest, final, dot, vars };
    switch (first.k) {
      case "ident":
        return this.call(first.name, call, { pos: first.pos, text: first.name }, cmd);
      case "field":
        return this.chain(dot, first.chain, call, first);
      case "var":
      case "pipe": {
        const base = this.chainStart(first, dot, vars);
        return first.chain.length
          ? this.chain(base, first.chain, call, first)
          : this.noArgs(base, call, first);
      }
      case "dot":
        return this.noArgs(dot, call, { pos: first.pos, text: "." });
      case "lit":
        if (first.value.k === "nil") throw this.error(first, "nil is not a command");
        return this.noArgs(first.value, call, first);
    }
  }

  private noArgs(value: GoValue, call: Call, at: At): GoValue {
    if (call.ops.length > 0 || call.final !== undefined)
      throw this.error(at, `can't give argument to non-function ${at.text}`);
    return value;
  }

  private variable(name: string, vars: [string, GoValue][], at: At): GoValue {
    const slot = [...vars].reverse().find(([n]) => n === name);
    if (!slot)
      throw new ExecError(`template: ${this.name}:${lineOf(this.src, at.pos)}: undefined variable "${name}"`);
    return slot[1];
  }

  private operand(op: Operand, dot: GoValue, vars: [string, GoValue][]): GoValue {
    const none: Call = { ops: [], final: undefined, dot, vars };
    switch (op.k) {
      case "dot":
        return dot;
      case "lit":
        return op.value;
      case "field":
        return this.chain(dot, op.chain, none, op);
      case "var":
      case "pipe": {
        const base = this.chainStart(op, dot, vars);
        return op.chain.length ? this.chain(base, op.chain, none, op) : base;
      }
      case "ident":
        return this.call(op.name, none, { pos: op.pos, text: op.name });
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
  private chain(base: GoValue, chain: string[], call: Call, at: At): GoValue {
    const none: Call = { ...call, ops: [], final: undefined };
    let value = base;
    let declared: string | undefined;
    chain.forEach((name, i) => {
      const receiver = value;
      value = this.field(receiver, name, i === chain.length - 1 ? call : none, at, declared);
      // What a map of interfaces holds is, to text/template, of type interface {} (errors say so).
      declared = receiver.k === "map" && receiver.type.endsWith("]interface {}") ? "interface {}" : undefined;
    });
    return value;
  }

  /**
   * text/template's evalField: a method, then a struct's field or a map's key. `declared` is the
   * receiver's static type where it is not the value's own (an element of a map of interfaces).
   */
  private field(receiver: GoValue, name: string, call: Call, at: At, declared?: string): GoValue {
    if (receiver.k === "invalid") {
      if (this.options.missingKeyError) throw this.error(at, `nil data; no entry for key "${name}"`);
      return receiver;
    }
    const method =
      receiver.k === "object" || receiver.k === "map"
        ? receiver.methods?.[name]
        : receiver.k === "time"
          ? timeMethods(receiver)[name]
          : undefined;
    if (method) return this.invoke(name, method, call, at);
    // A formatter context's MarshalJSON: the JSON of its fields, as {{json .}} writes it.
    if (receiver.k === "object" && name === "MarshalJSON")
      return this.invoke(name, { params: [], call: () => goBytes(toJson(receiver)) }, call, at);
    if (receiver.k === "object" && name in receiver.fields)
      return this.invoke(name, { params: [], call: () => receiver.fields[name] ?? goNil }, call, at);
    const hasArgs = call.ops.length > 0 || call.final !== undefined;
    const type = declared ?? typeName(receiver);
    if (receiver.k === "ptr" && receiver.to === null)
      throw this.error(at, `nil pointer evaluating ${type}.${name}`);
    const value = deref(receiver);
    switch (value.k) {
      case "struct": {
        const found = structField(value, name);
        if (found === undefined) break;
        if (hasArgs) throw this.error(at, `${name} has arguments but cannot be invoked as function`);
        return found;
      }
      case "object": {
        if (value.unexported?.includes(name))
          throw this.error(at, `${name} is an unexported field of struct type ${type}`);
        const found = value.exported?.[name];
        if (found === undefined) break;
        if (hasArgs) throw this.error(at, `${name} has arguments but cannot be invoked as function`);
        return found;
      }
      case "map": {
        if (hasArgs) throw this.error(at, `${name} is not a method but has arguments`);
        const entry = value.entries?.find(([key]) => key === name);
        if (entry) return entry[1];
        if (this.options.missingKeyError) throw this.error(at, `map has no entry for key "${name}"`);
        return { k: "invalid" };
      }
      case "nil":
        throw this.error(at, `nil pointer evaluating interface {}.${name}`);
    }
    throw this.error(at, `can't evaluate field ${name} in type ${type}`);
  }

  /**
   * A method or function call: evalCall's argument count and evalArg's conversions, then the call.
   * A function's failure is reported at its whole command (`callAt`), the rest at its name.
   */
  private invoke(name: string, f: Func, call: Call, at: At, callAt = at): GoValue {
    const given = call.ops.length + (call.final === undefined ? 0 : 1);
    const fixed = f.params.length;
    if (f.variadic ? given < fixed : given !== fixed)
      throw this.error(
        at,
        `wrong number of args for ${name}: want ${f.variadic ? "at least " : ""}${fixed} got ${given}`,
      );
    const kindAt = (i: number): ParamKind => f.params[i] ?? f.variadic ?? "any";
    const args = call.ops.map((op, i) => this.arg(op, kindAt(i), call));
    if (call.final !== undefined) args.push(this.checked(call.final, kindAt(args.length), at));
    try {
      return f.call(args);
    } catch (error) {
      if (error instanceof FuncError) throw this.error(callAt, `error calling ${name}: ${error.message}`);
      throw error;
    }
  }

  /** evalArg: a constant must be of the parameter's kind; any other value is checked once evaluated. */
  private arg(op: Operand, kind: ParamKind, call: Call): GoValue {
    const at = { pos: op.pos, text: operandText(op) };
    if (op.k !== "lit") return this.checked(this.operand(op, call.dot, call.vars), kind, at);
    const v = op.value;
    if (kind === "any") return v;
    if (v.k === "nil") throw this.error(at, `cannot assign nil to ${kind}`);
    if (kind === "string" && v.k !== "string") throw this.error(at, `expected string; found ${op.text}`);
    if ((kind === "int" || kind === "duration") && v.k !== "int")
      throw this.error(at, `expected integer; found ${op.text}`);
    if (kind === "[]string" || kind === "time")
      throw this.error(at, `can't handle ${op.text} for arg of type ${GO_TYPE[kind]}`);
    return v;
  }

  /** validateType: a value must be assignable to the parameter. */
  private checked(value: GoValue, kind: ParamKind, at: At): GoValue {
    if (kind === "any") return value;
    const v = value;
    if (v.k === "invalid" || v.k === "nil") {
      if (kind === "[]string") return goStrings(null);
      throw this.error(at, `invalid value; expected ${GO_TYPE[kind]}`);
    }
    const ok =
      kind === "string"
        ? v.k === "string" && v.type === undefined
        : kind === "int"
          ? v.k === "int" && v.type === undefined
          : kind === "duration"
            ? v.k === "int" && v.type === "time.Duration"
            : kind === "time"
              ? v.k === "time"
              : v.k === "slice" &&
                v.type !== "[]interface {}" &&
                (v.items ?? []).every((i) => i.k === "string");
    if (!ok) throw this.error(at, `wrong type for value; expected ${GO_TYPE[kind]}; got ${typeName(v)}`);
    return v;
  }

  /** A function by name: `at` is its name in the source, `cmdAt` the command it heads. */
  private call(name: string, call: Call, at: At, cmdAt: At = at): GoValue {
    if (name === "and" || name === "or") {
      // Go 1.18+: arguments are evaluated lazily, left to right.
      const ops = call.ops.map((op) => () => this.operand(op, call.dot, call.vars));
      const { final } = call;
      if (final !== undefined) ops.push(() => final);
      if (ops.length === 0) throw this.error(at, `wrong number of args for ${name}: want at least 1 got 0`);
      let value: GoValue = goNil;
      for (const op of ops) {
        value = op();
        if (isTrue(value) === (name === "or")) return value;
      }
      return value;
    }
    const f = (this.options.header ? HEADER_FUNCS[name] : undefined) ?? DOCKER_FUNCS[name] ?? BUILTINS[name];
    if (!f) throw this.error(at, `function "${name}" not defined`);
    return this.invoke(name, f, call, at, cmdAt);
  }
}

/** A field of a struct or of the structs it embeds (the shallowest wins, as Go promotes them). */
function structField(value: Extract<GoValue, { k: "struct" }>, name: string): GoValue | undefined {
  const own = value.fields.find((f) => f.name === name && !f.embedded);
  if (own) return own.v;
  for (const f of value.fields) {
    if (!f.embedded) continue;
    if (f.name === name) return f.v;
    const inner = deref(f.v);
    if (inner.k === "struct") {
      const found = structField(inner, name);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export function renderTemplate(src: string, dot: GoValue, options?: TemplateOptions): string {
  return new Template(src, options).execute(dot);
}
