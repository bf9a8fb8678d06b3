/**
 * The functions a Docker template can call: text/template's built-ins (Go's funcs.go) and the ones
 * docker/cli adds (templates/templates.go), each with the parameters text/template checks its
 * arguments against. `and` and `or` are not here: they evaluate their arguments lazily (exec).
 */
import { formatValue, sprint, sprintf } from "./fmt";
import { toJson } from "./json";
import {
  deref,
  type GoMethod,
  type GoValue,
  goBool,
  goInt,
  goNil,
  goStr,
  goStrings,
  type ParamKind,
  typeName,
} from "./value";

/** A function's failure, which text/template reports as "error calling NAME: MESSAGE". */
export class FuncError extends Error {}

export type Func = GoMethod;

const fn = (params: ParamKind[], call: Func["call"], variadic?: ParamKind): Func =>
  variadic ? { params, call, variadic } : { params, call };

/** Go's truth: the zero value of its type is false. */
export function isTrue(v: GoValue): boolean {
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

const str = (v: GoValue | undefined): string => (v?.k === "string" ? v.v : "");
const int = (v: GoValue | undefined): number => (v?.k === "int" ? v.v : 0);

/** indexArg: an integer within 0..len; len itself passes, and reflect then panics. */
function indexArg(key: GoValue, len: number, what: string): number {
  const k = deref(key);
  if (k.k === "nil" || k.k === "invalid") throw new FuncError(`cannot index ${what} with nil`);
  if (k.k !== "int") throw new FuncError(`cannot index ${what} with type ${typeName(k)}`);
  if (k.v < 0 || k.v > len) throw new FuncError(`index out of range: ${k.v}`);
  return k.v;
}

function index(args: GoValue[]): GoValue {
  let item = deref(args[0] ?? goNil);
  if (item.k === "nil" || item.k === "invalid") throw new FuncError("index of untyped nil");
  for (const key of args.slice(1)) {
    item = deref(item);
    if (item.k === "slice") {
      const items = item.items ?? [];
      const i = indexArg(key, items.length, "slice/array");
      if (i === items.length) throw new FuncError("reflect: slice index out of range");
      item = items[i] ?? goNil;
    } else if (item.k === "string") {
      const bytes = new TextEncoder().encode(item.v);
      const i = indexArg(key, bytes.length, "slice/array");
      if (i === bytes.length) throw new FuncError("reflect: string index out of range");
      item = goInt(bytes[i] ?? 0);
    } else if (item.k === "map") {
      const k = deref(key);
      if (k.k !== "string") throw new FuncError(`value has type ${typeName(k)}; should be string`);
      item = item.entries?.find(([x]) => x === k.v)?.[1] ?? item.zero ?? { k: "invalid" };
    } else if (item.k === "nil" || item.k === "invalid") {
      throw new FuncError("index of untyped nil");
    } else throw new FuncError(`can't index item of type ${typeName(item)}`);
  }
  return item;
}

function slice(args: GoValue[]): GoValue {
  const item = deref(args[0] ?? goNil);
  if (item.k !== "string" && item.k !== "slice") {
    if (item.k === "nil" || item.k === "invalid") throw new FuncError("slice of untyped nil");
    throw new FuncError(`can't slice item of type ${typeName(item)}`);
  }
  if (args.length > 4) throw new FuncError(`too many slice indexes: ${args.length - 1}`);
  const len = item.k === "string" ? new TextEncoder().encode(item.v).length : (item.items?.length ?? 0);
  const bounds = args.slice(1).map((a) => indexArg(a, len, "slice/array"));
  const [from = 0, to = len] = bounds;
  if (from > to) throw new FuncError(`invalid slice index: ${from} > ${to}`);
  if (item.k === "string") return goStr(item.v.slice(from, to));
  return { ...item, items: (item.items ?? []).slice(from, to) };
}

function length(args: GoValue[]): GoValue {
  const v = deref(args[0] ?? goNil);
  if (v.k === "string") return goInt(new TextEncoder().encode(v.v).length);
  if (v.k === "slice") return goInt(v.items?.length ?? 0);
  if (v.k === "map") return goInt(v.entries?.length ?? 0);
  if (v.k === "nil" || v.k === "invalid") throw new FuncError("len of nil pointer");
  throw new FuncError(`len of type ${typeName(v)}`);
}

type Kind = "bool" | "int" | "float" | "string" | "nil" | "other";

function basicKind(v: GoValue): Kind {
  switch (v.k) {
    case "bool":
    case "int":
    case "float":
    case "string":
      return v.k;
    case "nil":
    case "invalid":
      return "nil";
    default:
      return "other";
  }
}

const BAD_COMPARISON = "incompatible types for comparison";
const BAD_TYPE = "invalid type for comparison";

function eq(args: GoValue[]): GoValue {
  const [first = goNil, ...others] = args.map(deref);
  if (others.length === 0) throw new FuncError("missing argument for comparison");
  const k1 = basicKind(first);
  for (const other of others) {
    const k2 = basicKind(other);
    if (k1 !== k2) {
      if (k1 !== "nil" && k2 !== "nil") throw new FuncError(BAD_COMPARISON);
      continue;
    }
    if (k1 === "other") throw new FuncError(`non-comparable types ${typeName(first)}, ${typeName(other)}`);
    if (k1 === "nil" || ("v" in first && "v" in other && first.v === other.v)) return goBool(true);
  }
  return goBool(false);
}

function lt(args: GoValue[]): boolean {
  const [a = goNil, b = goNil] = args.map(deref);
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === "other" || k1 === "nil" || k1 === "bool" || k2 === "other" || k2 === "nil" || k2 === "bool")
    throw new FuncError(BAD_TYPE);
  if (k1 !== k2) throw new FuncError(BAD_COMPARISON);
  return "v" in a && "v" in b ? a.v < b.v : false;
}

/** JSEscapeString's replacements. */
const JS_ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "'": "\\'",
  '"': '\\"',
  "<": "\\u003C",
  ">": "\\u003E",
  "&": "\\u0026",
  "=": "\\u003D",
};

/** evalArgs of html, js and urlquery: a lone string as it is, anything else through fmt.Sprint. */
const textOf = (args: GoValue[]): string =>
  args.length === 1 && args[0]?.k === "string" ? args[0].v : sprint(args);

export const BUILTINS: Record<string, Func> = {
  not: fn(["any"], ([a]) => goBool(!isTrue(a ?? goNil))),
  len: fn(["any"], length),
  index: fn(["any"], index, "any"),
  slice: fn(["any"], slice, "any"),
  print: fn([], (args) => goStr(sprint(args)), "any"),
  println: fn([], (args) => goStr(`${args.map((a) => formatValue(a)).join(" ")}\n`), "any"),
  printf: fn(["string"], ([f, ...rest]) => goStr(sprintf(str(f), rest)), "any"),
  eq: fn(["any"], eq, "any"),
  ne: fn(["any", "any"], (args) => goBool(!isTrue(eq(args)))),
  lt: fn(["any", "any"], (args) => goBool(lt(args))),
  le: fn(["any", "any"], (args) => goBool(lt(args) || isTrue(eq(args)))),
  gt: fn(["any", "any"], (args) => goBool(!lt(args) && !isTrue(eq(args)))),
  ge: fn(["any", "any"], (args) => goBool(!lt(args))),
  html: fn(
    [],
    (args) =>
      goStr(
        textOf(args)
          .replace(/&/g, "&amp;")
          .replace(/</g, "&lt;")
          .replace(/>/g, "&gt;")
          .replace(/"/g, "&#34;")
          .replace(/'/g, "&#39;")
          .replace(/\0/g, "\uFFFD"),
      ),
    "any",
  ),
  js: fn([], (args) => goStr(textOf(args).replace(/[\\'"<>&=]/g, (c) => JS_ESCAPES[c] ?? c)), "any"),
  urlquery: fn([], (args) => goStr(encodeURIComponent(textOf(args)).replace(/%20/g, "+")), "any"),
  call: fn(
    ["any"],
    ([f]) => {
      throw new FuncError(`non-function of type ${typeName(f ?? goNil)}`);
    },
    "any",
  ),
};

/** docker/cli's basicFunctions. */
export const DOCKER_FUNCS: Record<string, Func> = {
  // An Encoder without HTML escaping, its trailing newline trimmed.
  json: fn(["any"], ([v]) => goStr(toJson(v ?? goNil, { escapeHTML: false }))),
  split: fn(["string", "string"], ([s, sep]) => goStrings(splitGo(str(s), str(sep)))),
  join: fn(["[]string", "string"], ([list, sep]) => {
    const items = deref(list ?? goNil);
    return goStr((items.k === "slice" ? (items.items ?? []) : []).map((i) => formatValue(i)).join(str(sep)));
  }),
  // strings.Title: the first letter of each word, after anything that is not a letter, digit, _ or '.
  title: fn(["string"], ([s]) =>
    goStr(
      str(s).replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase()),
    ),
  ),
  lower: fn(["string"], ([s]) => goStr(str(s).toLowerCase())),
  upper: fn(["string"], ([s]) => goStr(str(s).toUpperCase())),
  pad: fn(["string", "int", "int"], ([s, prefix, suffix]) => {
    if (str(s) === "") return goStr("");
    if (int(prefix) < 0 || int(suffix) < 0) throw new FuncError("strings: negative Repeat count");
    return goStr(" ".repeat(int(prefix)) + str(s) + " ".repeat(int(suffix)));
  }),
  truncate: fn(["string", "int"], ([s, n]) => {
    const bytes = new TextEncoder().encode(str(s));
    return goStr(bytes.length < int(n) ? str(s) : new TextDecoder().decode(bytes.slice(0, int(n))));
  }),
};

/** docker/cli's HeaderFunctions: the table header keeps each column's title as it is. */
export const HEADER_FUNCS: Record<string, Func> = {
  json: fn(["string"], ([v]) => v ?? goStr("")),
  split: fn(["string", "string"], ([v]) => v ?? goStr("")),
  join: fn(["string", "string"], ([v]) => v ?? goStr("")),
  title: fn(["string"], ([v]) => v ?? goStr("")),
  lower: fn(["string"], ([v]) => v ?? goStr("")),
  upper: fn(["string"], ([v]) => v ?? goStr("")),
  truncate: fn(["string", "int"], ([v]) => v ?? goStr("")),
};

/** strings.Split: an empty separator splits after each character. */
function splitGo(s: string, sep: string): string[] {
  return sep === "" ? [...s] : s.split(sep);
}

/** Every name a template may call, for the parser's "function not defined". */
export const FUNC_NAMES = new Set(["and", "or", ...Object.keys(BUILTINS), ...Object.keys(DOCKER_FUNCS)]);
