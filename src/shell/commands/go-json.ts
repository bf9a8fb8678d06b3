/**
 * Go's encoding/json as dockerd reads /etc/docker/daemon.json with it: the scanner's syntax errors
 * in its own words (scanner.go: "invalid character 'x' looking for beginning of object key string",
 * "unexpected end of JSON input"), and the values of a valid text, keys in the order written.
 */

export type GoJson = null | boolean | number | string | GoJson[] | { [key: string]: GoJson };

/** scanner.go's quoteChar: the character as the error shows it. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  // strconv.Quote's escapes.
  const named: Record<string, string> = {
    "\x07": "a",
    "\b": "b",
    "\f": "f",
    "\n": "n",
    "\r": "r",
    "\t": "t",
    "\v": "v",
  };
  if (named[c]) return `'\\${named[c]}'`;
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, "0")}'`;
  return `'${c}'`;
}

class JsonSyntaxError {
  constructor(readonly message: string) {}
}

const END = "unexpected end of JSON input";

/** A recursive-descent reading that fails where Go's state machine does, with its message. */
class Reader {
  private i = 0;
  constructor(private readonly text: string) {}

  private peek(): string | undefined {
    return this.text[this.i];
  }

  private fail(c: string | undefined, context: string): never {
    throw new JsonSyntaxError(c === undefined ? END : `invalid character ${quoteChar(c)} ${context}`);
  }

  private space(): void {
    while (/[ \t\r\n]/.test(this.peek() ?? "x")) this.i++;
  }

  document(): GoJson {
    this.space();
    const value = this.value();
    this.space();
    const c = this.peek();
    if (c !== undefined) this.fail(c, "after top-level value");
    return value;
  }

  private value(): GoJson {
    const c = this.peek();
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (c !== word[0]) continue;
      this.i++;
      for (const expected of word.slice(1)) {
        const got = this.peek();
        if (got !== expected) this.fail(got, `in literal ${word} (expecting ${quoteChar(expected)})`);
        this.i++;
      }
      return value;
    }
    return this.fail(c, "looking for beginning of value");
  }

  private object(): GoJson {
    const out: { [key: string]: GoJson } = {};
    this.i++;
    this.space();
    if (this.peek() === "}") {
      this.i++;
      return out;
    }
    for (;;) {
      if (this.peek() !== '"') this.fail(this.peek(), "looking for beginning of object key string");
      const key = this.string();
      this.space();
      if (this.peek() !== ":") this.fail(this.peek(), "after object key");
      this.i++;
      this.space();
      out[key] = this.value();
      this.space();
      const c = this.peek();
      this.i++;
      if (c === "}") return out;
      if (c !== ",") this.fail(c, "after object key:value pair");
      this.space();
    }
  }

  private array(): GoJson {
    const out: GoJson[] = [];
    this.i++;
    this.space();
    if (this.peek() === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      this.space();
      out.push(this.value());
      this.space();
      const c = this.peek();
      this.i++;
      if (c === "]") return out;
      if (c !== ",") this.fail(c, "after array element");
    }
  }

  private string(): string {
    const start = this.i;
    this.i++;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail(c, "");
      if (c === '"') break;
      if (c < " ") this.fail(c, "in string literal");
      if (c === "\\") {
        this.i++;
        const e = this.peek();
        if (e === "u") {
          for (let k = 0; k < 4; k++) {
            this.i++;
            const h = this.peek();
            if (!/[0-9a-fA-F]/.test(h ?? "")) this.fail(h, "in \\u hexadecimal character escape");
          }
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail(e, "in string escape code");
      }
      this.i++;
    }
    this.i++;
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }

  private number(): number {
    const start = this.i;
    const digits = () => {
      while (/[0-9]/.test(this.peek() ?? "")) this.i++;
    };
    if (this.peek() === "-") {
      this.i++;
      if (!/[0-9]/.test(this.peek() ?? "")) this.fail(this.peek(), "in numeric literal");
    }
    if (this.peek() === "0") this.i++;
    else digits();
    if (this.peek() === ".") {
      this.i++;
      if (!/[0-9]/.test(this.peek() ?? "")) this.fail(this.peek(), "after decimal point in numeric literal");
      digits();
    }
    if (this.peek() === "e" || this.peek() === "E") {
      this.i++;
      if (this.peek() === "+" || this.peek() === "-") this.i++;
      if (!/[0-9]/.test(this.peek() ?? "")) this.fail(this.peek(), "in exponent of numeric literal");
      digits();
    }
    return Number(this.text.slice(start, this.i));
  }
}

/** json.Unmarshal's reading of `text`: its value, or the syntax error's message. */
export function parseGoJson(text: string): { value: GoJson } | { error: string } {
  try {
    return { value: new Reader(text).document() };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { error: e.message };
    throw e;
  }
}

/** The JSON type's name in Go's UnmarshalTypeError ("cannot unmarshal string into …"). */
export function goJsonKind(value: GoJson): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object") return "object";
  return typeof value === "boolean" ? "bool" : typeof value;
}
