/** encoding/json as `{{json .}}` and `docker inspect` use it: field order, omitempty, nil as null, HTML escaping. */
import { timeJson } from "./time";
import { deref, formatFloat, type GoField, type GoValue, goNil, sortedEntries } from "./value";

function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x2028 || code === 0x2029 || (escapeHTML && "<>&".includes(ch)))
      out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

function isEmptyValue(v: GoValue): boolean {
  switch (v.k) {
    case "string":
      return v.v === "";
    case "int":
    case "float":
      return v.v === 0;
    case "bool":
      return !v.v;
    case "map":
      return (v.entries?.length ?? 0) === 0;
    case "slice":
      return (v.items?.length ?? 0) === 0;
    case "ptr":
      return v.to === null;
    case "nil":
    case "invalid":
      return true;
    default:
      return false;
  }
}

/** The fields encoding/json writes: tagged names, omitempty, and an embedded struct's fields in its place. */
function jsonFields(v: Extract<GoValue, { k: "struct" }>): GoField[] {
  return v.fields.flatMap((f) => {
    if (f.embedded) {
      const inner = deref(f.v);
      return inner.k === "struct" ? jsonFields(inner) : [];
    }
    return f.json === null || (f.omitempty && isEmptyValue(f.v)) ? [] : [f];
  });
}

export interface JsonOptions {
  /** encoding/json escapes <, > and & unless told not to (docker's `json` function does not). */
  escapeHTML?: boolean;
  /** json.Indent's indent string; compact when absent. */
  indent?: string;
}

/** encoding/json's Marshal (then json.Indent when an indent is given). */
export function toJson(v: GoValue, options: JsonOptions = {}, depth = 0): string {
  const esc = options.escapeHTML ?? true;
  const { indent } = options;
  const wrap = (open: string, close: string, parts: string[]) => {
    if (parts.length === 0) return open + close;
    if (indent === undefined) return `${open}${parts.join(",")}${close}`;
    const inner = indent.repeat(depth + 1);
    return `${open}\n${parts.map((p) => inner + p).join(",\n")}\n${indent.repeat(depth)}${close}`;
  };
  const sep = indent === undefined ? ":" : ": ";
  const member = (key: string, value: GoValue) =>
    `${jsonString(key, esc)}${sep}${toJson(value, options, depth + 1)}`;
  switch (v.k) {
    case "string":
      // A json.Number is written as the number it holds.
      return v.type === "json.Number" ? v.v : jsonString(v.v, esc);
    // Numbers and booleans are written as fmt prints them.
    case "int":
    case "bool":
      return String(v.v);
    case "float":
      return formatFloat(v.v);
    case "struct":
      return wrap(
        "{",
        "}",
        jsonFields(v).map((f) => member(f.json ?? f.name, f.v)),
      );
    case "map":
      if (v.entries === null) return "null";
      return wrap(
        "{",
        "}",
        sortedEntries(v.entries).map(([key, value]) => member(key, value)),
      );
    case "slice":
      if (v.items === null) return "null";
      return wrap(
        "[",
        "]",
        v.items.map((i) => toJson(i, options, depth + 1)),
      );
    case "ptr":
      return v.to === null ? "null" : toJson(v.to, options, depth);
    case "time":
      return jsonString(timeJson(v), esc);
    case "object": {
      // A formatter context's MarshalJSON is encoding/json's Marshal of a map: HTML-escaped whatever the caller's encoder does.
      const inner = { ...options, escapeHTML: true };
      return wrap(
        "{",
        "}",
        Object.keys(v.fields)
          .sort()
          .map((key) => `${jsonString(key, true)}${sep}${toJson(v.fields[key] ?? goNil, inner, depth + 1)}`),
      );
    }
    case "nil":
    case "invalid":
      return "null";
  }
}
