/**
 * POSIX regular expressions (basic, as sed and expr read them, or extended, as awk and `sed -E`
 * do) turned into JavaScript ones: which characters are special differs, bracket expressions have
 * their [:classes:], and `^`/`$` are anchors only where POSIX says so.
 */

const CLASSES: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  xdigit: "0-9A-Fa-f",
  cntrl: "\\x00-\\x1f\\x7f",
  print: " -~",
  graph: "!-~",
};

/** A bracket expression starting at `re[i]` (`[`): its JavaScript form and the index after it. */
function bracket(re: string, start: number): { text: string; end: number } | undefined {
  let i = start + 1;
  let out = "[";
  if (re[i] === "^") {
    out += "^";
    i++;
  }
  // A `]` first is a member, not the end.
  if (re[i] === "]") {
    out += "\\]";
    i++;
  }
  while (i < re.length && re[i] !== "]") {
    const c = re[i] ?? "";
    if (c === "[" && re[i + 1] === ":") {
      const close = re.indexOf(":]", i + 2);
      if (close < 0) return undefined;
      const cls = CLASSES[re.slice(i + 2, close)];
      if (cls === undefined) return undefined;
      out += cls;
      i = close + 2;
      continue;
    }
    out += c === "\\" || c === "[" ? `\\${c}` : c;
    i++;
  }
  if (i >= re.length) return undefined;
  return { text: `${out}]`, end: i + 1 };
}

/**
 * The JavaScript source of a POSIX regular expression, or undefined when it is malformed (an
 * unmatched bracket or parenthesis, an unknown class): the caller words that in its tool's terms.
 */
export function posixToJs(re: string, extended: boolean): string | undefined {
  let out = "";
  let depth = 0;
  for (let i = 0; i < re.length; i++) {
    const c = re[i] ?? "";
    const atStart = out === "" || out.endsWith("(") || out.endsWith("|");
    if (c === "[") {
      const b = bracket(re, i);
      if (!b) return undefined;
      out += b.text;
      i = b.end - 1;
    } else if (c === "\\") {
      const n = re[++i];
      if (n === undefined) return undefined;
      if (!extended && "(){}+?|".includes(n)) {
        if (n === "(") depth++;
        if (n === ")" && --depth < 0) return undefined;
        out += n;
      } else if (/[1-9]/.test(n)) out += `\\${n}`;
      else if (n === "n") out += "\\n";
      else if (n === "t") out += "\\t";
      else if ("wWsSbB".includes(n)) out += `\\${n}`;
      else if (n === "<" || n === ">") out += "\\b";
      else out += /[A-Za-z0-9]/.test(n) ? n : `\\${n}`;
    } else if (extended && "(){}+?|".includes(c)) {
      if (c === "(") depth++;
      if (c === ")" && --depth < 0) return undefined;
      out += c;
    } else if (c === "*") out += atStart && !extended ? "\\*" : "*";
    else if (c === "^") out += extended || atStart ? "^" : "\\^";
    else if (c === "$") {
      const last =
        i === re.length - 1 || (!extended && re.startsWith("\\)", i + 1)) || (extended && re[i + 1] === ")");
      out += extended || last ? "$" : "\\$";
    } else if ("(){}+?|/".includes(c)) out += `\\${c}`;
    else out += c;
  }
  if (depth !== 0) return undefined;
  return out;
}

/** The compiled expression, or undefined when malformed. */
export function posixRegExp(re: string, extended: boolean, flags = ""): RegExp | undefined {
  const source = posixToJs(re, extended);
  if (source === undefined) return undefined;
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}
