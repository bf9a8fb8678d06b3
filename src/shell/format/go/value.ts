/**
 * Go values as the Docker CLI's templates see them: typed, so that printing follows fmt's %v and
 * `json` follows encoding/json. Built from the daemon's objects by docker/views.ts, or from JSON.
 */

export type GoValue =
  /** `type` names a string type other than string: json.Number, which the raw fallback decodes numbers into. */
  | { k: "string"; v: string; type?: string }
  /** `type` names an integer type other than int (int64, uint16 …). */
  | { k: "int"; v: number; type?: string }
  | { k: "float"; v: number }
  | { k: "bool"; v: boolean }
  | { k: "struct"; type: string; fields: GoField[] }
  | {
      k: "map";
      type: string;
      entries: [string, GoValue][] | null;
      zero?: GoValue;
      /** Methods of a named map type (docker/cli's SubHeaderContext has Label). */
      methods?: Record<string, GoMethod>;
    }
  | { k: "slice"; type: string; items: GoValue[] | null }
  | { k: "ptr"; type: string; to: GoValue | null }
  /** time.Time in UTC (time.ts): seconds from 1970 (negative before) and nanoseconds. */
  | { k: "time"; sec: number; nsec: number }
  /**
   * A formatter context (docker ps, network ls): `fields` are its methods without arguments (what its
   * MarshalJSON writes, sorted by name), `methods` those with some; `exported` are struct fields and
   * methods JSON leaves out (the embedded HeaderContext's Header, FullHeader), `unexported` the names
   * of fields a template may not read.
   */
  | {
      k: "object";
      type: string;
      fields: Record<string, GoValue>;
      methods?: Record<string, GoMethod>;
      exported?: Record<string, GoValue>;
      unexported?: string[];
      /** The context struct itself, as {{.}} prints it (docker/cli's unexported fields included). */
      printed?: GoValue;
    }
  | { k: "nil" }
  /** What a missing key of a map of interfaces gives: prints "<no value>". */
  | { k: "invalid" };

/** A Go method or function with arguments: the kinds of its parameters and what it returns. */
export interface GoMethod {
  params: ParamKind[];
  /** The kind of the `...` parameter after `params`, for variadic functions. */
  variadic?: ParamKind;
  call: (args: GoValue[]) => GoValue;
}

/** What a parameter accepts: text/template converts a constant to it or refuses the value. */
export type ParamKind = "string" | "int" | "[]string" | "time" | "duration" | "any";

export interface GoField {
  name: string;
  /** An embedded struct (or pointer to one): its fields are promoted, JSON inlines them. */
  embedded?: boolean;
  /** The JSON key; null for `json:"-"`. Defaults to the field name. */
  json?: string | null;
  omitempty?: boolean;
  v: GoValue;
}

export const goStr = (v: string): GoValue => ({ k: "string", v });
export const goInt = (v: number, type?: string): GoValue => (type ? { k: "int", v, type } : { k: "int", v });
export const goBool = (v: boolean): GoValue => ({ k: "bool", v });
export const goNil: GoValue = { k: "nil" };

/** A struct from [name, value] pairs, or [name, value, {json, omitempty, embedded}] for tagged fields. */
export function goStruct(
  type: string,
  fields: (
    | [string, GoValue]
    | [string, GoValue, { json?: string | null; omitempty?: boolean; embedded?: boolean }]
  )[],
): GoValue {
  return { k: "struct", type, fields: fields.map(([name, v, tag]) => ({ name, v, ...tag })) };
}

/** A slice of strings; null makes a nil slice (JSON null, prints []). */
export function goStrings(items: string[] | null): GoValue {
  return { k: "slice", type: "[]string", items: items === null ? null : items.map(goStr) };
}

/** A []byte of a text's UTF-8 (what MarshalJSON returns): %v prints the numbers, %s the text. */
export function goBytes(text: string): GoValue {
  return {
    k: "slice",
    type: "[]uint8",
    items: [...new TextEncoder().encode(text)].map((b) => ({ k: "int", v: b, type: "uint8" })),
  };
}

export function goSlice(type: string, items: GoValue[] | null): GoValue {
  return { k: "slice", type, items };
}

export function goMap(type: string, entries: [string, GoValue][] | null, zero?: GoValue): GoValue {
  return { k: "map", type, entries, ...(zero ? { zero } : {}) };
}

export function goStringMap(record: Record<string, string> | null): GoValue {
  return goMap(
    "map[string]string",
    record === null ? null : Object.entries(record).map(([k, v]) => [k, goStr(v)]),
    goStr(""),
  );
}

export function goPtr(type: string, to: GoValue | null): GoValue {
  return { k: "ptr", type, to };
}

/** Plain JSON data (a raw inspect document decoded into interface{} values, numbers as json.Number). */
export function fromJson(data: unknown): GoValue {
  if (data === null || data === undefined) return goNil;
  if (typeof data === "string") return goStr(data);
  if (typeof data === "number") return { k: "string", v: String(data), type: "json.Number" };
  if (typeof data === "boolean") return goBool(data);
  if (Array.isArray(data)) return goSlice("[]interface {}", data.map(fromJson));
  return goMap(
    "map[string]interface {}",
    Object.entries(data as Record<string, unknown>).map(([k, v]) => [k, fromJson(v)]),
  );
}

/** The Go type a value has, as errors name it: "string", "[]string", "map[string]string" … */
export function typeName(v: GoValue): string {
  switch (v.k) {
    case "struct":
    case "map":
    case "slice":
    case "ptr":
    case "object":
      return v.type;
    case "time":
      return "time.Time";
    case "string":
    case "int":
      return v.type ?? v.k;
    case "nil":
    case "invalid":
      return "<nil>";
    case "float":
      return "float64";
    default:
      return v.k;
  }
}

/** A map's entries in key order, as fmt and encoding/json print them. */
export function sortedEntries(entries: [string, GoValue][]): [string, GoValue][] {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A float64 as %v prints it: %g's shortest form, with an exponent past 1e21. */
export function formatFloat(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 21) {
    const [mant = "", e = "0"] = v.toExponential().split("e");
    const n = Number(e);
    return `${mant}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  return String(v);
}

/** What a pointer points at (a nil one stays itself). */
export function deref(v: GoValue): GoValue {
  return v.k === "ptr" && v.to ? v.to : v;
}
