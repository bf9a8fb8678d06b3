/** Go's fmt for template values: %v (Sprint, Println) and Sprintf's verbs. */
import { toJson } from "./json";
import { namedIntString, timeRaw, timeString } from "./time";
import { deref, formatFloat, type GoValue, goInt, sortedEntries, typeName } from "./value";

/**
 * fmt.Sprint of a value; `top` is text/template's printing, which dereferences a pointer first.
 * `raw` is a value under an unexported struct field, where fmt cannot call String(): a time prints
 * its internal fields, a time.Month its number.
 */
export function formatValue(v: GoValue, top = true, raw = false): string {
  switch (v.k) {
    case "string":
      return v.v;
    case "int":
      return (raw ? undefined : namedIntString(v.v, v.type)) ?? String(v.v);
    case "float":
      return formatFloat(v.v);
    case "bool":
      return v.v ? "true" : "false";
    case "struct":
      return `{${v.fields.map((f) => formatValue(f.v, false, raw || /^[a-z]/.test(f.name))).join(" ")}}`;
    case "map":
      return `map[${sortedEntries(v.entries ?? [])
        .map(([key, value]) => `${key}:${formatValue(value, false, raw)}`)
        .join(" ")}]`;
    case "slice":
      return `[${(v.items ?? []).map((i) => formatValue(i, false, raw)).join(" ")}]`;
    case "ptr":
      if (v.to === null) return "<nil>";
      return top ? formatValue(v.to, true, raw) : "0xc000010000";
    case "time":
      return raw ? timeRaw(v) : timeString(v);
    case "object":
      // A formatter context prints as the struct it is, when the lab has built it.
      if (v.printed) return formatValue(v.printed, top, raw);
      return `{${Object.values(v.fields)
        .map((f) => formatValue(f, false, raw))
        .join(" ")}}`;
    case "nil":
      return "<nil>";
    case "invalid":
      return "<no value>";
  }
}

/** fmt.Sprint: a space between operands when neither is a string. */
export function sprint(args: GoValue[]): string {
  let out = "";
  args.forEach((a, i) => {
    const prev = args[i - 1];
    if (i > 0 && a.k !== "string" && prev?.k !== "string") out += " ";
    out += formatValue(a);
  });
  return out;
}

/** fmt.Sprintf for the verbs templates use: %s %v %d %q %t %x %X %f %g %e %c %%, with flags, width, precision. */
export function sprintf(format: string, args: GoValue[]): string {
  let out = "";
  let n = 0;
  const re = /%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*))?([a-zA-Z%])/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, flags = "", widthText, precText, verb = ""] = m;
    if (verb === "%") {
      out += "%";
      continue;
    }
    const width =
      widthText === "*" ? Number(formatValue(args[n++] ?? goInt(0))) : widthText ? Number(widthText) : 0;
    const prec =
      precText === "*" ? Number(formatValue(args[n++] ?? goInt(0))) : precText ? Number(precText) : undefined;
    const arg = args[n++];
    if (!arg) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const v = deref(arg);
    let text: string;
    switch (verb) {
      case "s":
      case "v":
        // %s prints a []byte as its text (MarshalJSON's result), %v as numbers.
        text =
          verb === "s" && v.k === "slice" && v.type === "[]uint8" ? bytesText(v.items) : formatValue(arg);
        if (prec !== undefined && verb === "s") text = [...text].slice(0, prec).join("");
        break;
      case "T":
        text = typeName(arg);
        break;
      case "q":
        text = v.k === "string" ? toJson(v, { escapeHTML: false }) : `%!q(${typeName(v)}=${formatValue(v)})`;
        break;
      case "d":
        text = v.k === "int" ? String(v.v) : `%!d(${typeName(v)}=${formatValue(v)})`;
        if (v.k === "int" && flags.includes("+") && v.v >= 0) text = `+${text}`;
        break;
      case "t":
        text = v.k === "bool" ? String(v.v) : `%!t(${typeName(v)}=${formatValue(v)})`;
        break;
      case "x":
      case "X": {
        const raw =
          v.k === "int"
            ? v.v.toString(16)
            : v.k === "string"
              ? [...new TextEncoder().encode(v.v)].map((b) => b.toString(16).padStart(2, "0")).join("")
              : `%!${verb}(${typeName(v)}=${formatValue(v)})`;
        text = verb === "X" ? raw.toUpperCase() : raw;
        break;
      }
      case "c":
        text = v.k === "int" ? String.fromCodePoint(v.v) : `%!c(${typeName(v)}=${formatValue(v)})`;
        break;
      case "f":
      case "e":
      case "g": {
        const num = v.k === "int" || v.k === "float" ? v.v : Number.NaN;
        if (Number.isNaN(num)) text = `%!${verb}(${typeName(v)}=${formatValue(v)})`;
        else if (verb === "f") text = num.toFixed(prec ?? 6);
        else if (verb === "e") text = num.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, "e$10$2");
        else text = prec === undefined ? formatFloat(num) : String(Number(num.toPrecision(prec)));
        break;
      }
      default:
        text = `%!${verb}(${typeName(v)}=${formatValue(v)})`;
    }
    if (text.length < width) {
      const pad = (flags.includes("0") && !flags.includes("-") ? "0" : " ").repeat(width - [...text].length);
      text = flags.includes("-") ? text + pad : pad + text;
    }
    out += text;
  }
  out += format.slice(last);
  if (n < args.length) {
    out += `%!(EXTRA ${args
      .slice(n)
      .map((a) => `${typeName(a)}=${formatValue(a)}`)
      .join(", ")})`;
  }
  return out;
}

function bytesText(items: GoValue[] | null): string {
  return new TextDecoder().decode(new Uint8Array((items ?? []).map((b) => (b.k === "int" ? b.v : 0))));
}
