/**
 * awk's lexer: the program text as tokens, each with the line it is on (mawk names lines in its
 * complaints). A `/` is a regex where an operand may start, division elsewhere.
 */

type Kind =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "re"; v: string }
  | { t: "id"; v: string }
  | { t: "op"; v: string }
  | { t: "nl" };

/** A token, its line, and whether whitespace came before it (a call's `(` follows the name at once). */
export type Token = Kind & { line: number; sp?: boolean };

/**
 * A fault in the program or while it runs. `kind` says how each awk words it: a syntax error near
 * a token, another parse-time complaint, or a run-time one.
 */
export class AwkError extends Error {
  /** What printf had written before it stopped (mawk prints it). */
  partial?: string;
  constructor(
    readonly kind: "syntax" | "parse" | "runtime" | "output" | "eof-string" | "eof-regex",
    message: string,
    readonly line = 1,
  ) {
    super(message);
  }
}

const OPS3 = ["**="];
const OPS2 = [
  "&&",
  "||",
  "==",
  "!=",
  "<=",
  ">=",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "^=",
  "!~",
  ">>",
  "**",
];
const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  '"': '"',
  "/": "/",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
};

/**
 * `\n`, `\t`, `\\`, `\"`, `\/` and octal escapes in a string constant; others stay as written. A run
 * of octal escapes is bytes: read as UTF-8 where they form it (the lab's text is characters).
 */
function unescapeString(text: string): string {
  return text.replace(
    /((?:\\[0-7]{1,3})+)|\\(.)/gs,
    (all, octal: string | undefined, c: string | undefined) => {
      if (octal) {
        const bytes = Uint8Array.from(octal.split("\\").slice(1), (o) => Number.parseInt(o, 8) & 0xff);
        try {
          return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          return String.fromCharCode(...bytes);
        }
      }
      return ESCAPES[c ?? ""] ?? all;
    },
  );
}

/** mawk's `**` is no operator; busybox reads it as `^`, and `0x1A` and `010` as hex and octal. */
export function tokenize(src: string, busybox: boolean): Token[] {
  const busyboxNumber = (text: string): [number, number] | undefined => {
    if (!busybox) return undefined;
    const hex = /^0[xX][0-9a-fA-F]+/.exec(text);
    if (hex) return [Number.parseInt(hex[0].slice(2), 16), hex[0].length];
    const octal = /^0[0-7]+/.exec(text);
    if (octal && !/[\d.eE]/.test(text[octal[0].length] ?? ""))
      return [Number.parseInt(octal[0], 8), octal[0].length];
    return undefined;
  };
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let spaced = false;
  const push = (t: Kind) => {
    out.push({ ...t, line, sp: spaced } as Token);
    spaced = false;
  };
  const regexAllowed = () => {
    const last = out[out.length - 1];
    if (!last || last.t === "nl") return true;
    if (last.t === "op")
      return !/^[)\]]$/.test(last.v) && last.v !== "$" && last.v !== "++" && last.v !== "--";
    return last.t === "id" && ["print", "printf", "return", "in"].includes(last.v);
  };
  while (i < src.length) {
    const c = src[i] ?? "";
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      spaced = true;
    } else if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      line++;
    } else if (c === "\n") {
      push({ t: "nl" });
      line++;
      i++;
    } else if (c === "#") while (i < src.length && src[i] !== "\n") i++;
    else if (busyboxNumber(src.slice(i))) {
      const [value, length] = busyboxNumber(src.slice(i)) ?? [0, 1];
      push({ t: "num", v: value });
      i += length;
    } else if (/\d/.test(c) || (c === "." && /\d/.test(src[i + 1] ?? ""))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
      const text = m?.[0] ?? c;
      push({ t: "num", v: Number(text) });
      i += text.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_]\w*/.exec(src.slice(i));
      const word = m?.[0] ?? c;
      push({ t: "id", v: word });
      i += word.length;
    } else if (c === '"') {
      let s = "";
      let j = i + 1;
      while (j < src.length && src[j] !== '"' && src[j] !== "\n") {
        if (src[j] === "\\" && j + 1 < src.length) {
          s += src.slice(j, j + 2);
          j += 2;
        } else s += src[j++];
      }
      if (src[j] !== '"') throw new AwkError("eof-string", `"${src.slice(i + 1, j)}`, line);
      push({ t: "str", v: unescapeString(s) });
      i = j + 1;
    } else if (c === "/" && regexAllowed()) {
      let s = "";
      let j = i + 1;
      while (j < src.length && src[j] !== "/" && src[j] !== "\n") {
        if (src[j] === "\\" && src[j + 1] === "/") {
          s += "/";
          j += 2;
        } else if (src[j] === "\\" && j + 1 < src.length) {
          s += src.slice(j, j + 2);
          j += 2;
        } else s += src[j++];
      }
      if (src[j] !== "/") throw new AwkError("eof-regex", `/${src.slice(i + 1, j)}`, line);
      push({ t: "re", v: s });
      i = j + 1;
    } else {
      const three = src.slice(i, i + 3);
      const two = src.slice(i, i + 2);
      let op = OPS3.includes(three) ? three : OPS2.includes(two) ? two : c;
      if (!busybox && op.startsWith("**")) op = "*";
      if (!"{}()[],;+-*/%^!<>=~?:$|&".includes(op[0] ?? "")) throw new AwkError("syntax", c, line);
      push({ t: "op", v: op === "**" ? "^" : op === "**=" ? "^=" : op });
      i += op.length;
    }
  }
  return out;
}
