/**
 * What xterm sends for each key press (VT sequences, control characters, pasted text), decoded into
 * the keys the line editor understands. Pure: no xterm import, so the editor is testable in Node.
 */

export type KeyName =
  | "enter"
  | "tab"
  | "backspace"
  | "delete"
  | "left"
  | "right"
  | "up"
  | "down"
  | "home"
  | "end"
  | "word-left"
  | "word-right"
  | "kill-word-back"
  | "kill-word-forward"
  | "escape"
  | `ctrl-${"a" | "b" | "c" | "d" | "e" | "f" | "g" | "k" | "l" | "n" | "p" | "q" | "r" | "u" | "w" | "y"}`;

export type Key = { text: string } | { name: KeyName };

/** Escape sequences by what follows ESC. */
const SEQUENCES: Record<string, KeyName> = {
  "[A": "up",
  "[B": "down",
  "[C": "right",
  "[D": "left",
  OA: "up",
  OB: "down",
  OC: "right",
  OD: "left",
  "[H": "home",
  "[F": "end",
  OH: "home",
  OF: "end",
  "[1~": "home",
  "[4~": "end",
  "[7~": "home",
  "[8~": "end",
  "[3~": "delete",
  "[1;5C": "word-right",
  "[1;5D": "word-left",
  "[1;3C": "word-right",
  "[1;3D": "word-left",
  b: "word-left",
  f: "word-right",
  d: "kill-word-forward",
  "\x7f": "kill-word-back",
  "\b": "kill-word-back",
};

const CONTROL: Record<string, KeyName> = {
  "\r": "enter",
  "\n": "enter",
  "\t": "tab",
  "\x7f": "backspace",
  "\b": "backspace",
  "\x01": "ctrl-a",
  "\x02": "ctrl-b",
  "\x03": "ctrl-c",
  "\x04": "ctrl-d",
  "\x05": "ctrl-e",
  "\x06": "ctrl-f",
  "\x07": "ctrl-g",
  "\x0b": "ctrl-k",
  "\x0c": "ctrl-l",
  "\x0e": "ctrl-n",
  "\x10": "ctrl-p",
  "\x11": "ctrl-q",
  "\x12": "ctrl-r",
  "\x15": "ctrl-u",
  "\x17": "ctrl-w",
  "\x19": "ctrl-y",
};

/** A CSI or SS3 sequence after ESC: its length, or 0 when the bytes are not one. */
function sequenceLength(data: string, at: number): number {
  const kind = data[at];
  if (kind === "O") return at + 1 < data.length ? 2 : 0;
  if (kind !== "[") return 0;
  for (let i = at + 1; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c >= 0x40 && c <= 0x7e) return i - at + 1;
  }
  return 0;
}

/**
 * Splits what xterm delivered into keys: printable runs become one text key, so a pasted line is
 * inserted at once; a CR inside pasted text is Enter, as it is for a shell reading a pasted script.
 * Sequences nobody handles (F-keys, PageUp) are dropped, as readline ignores unbound keys.
 */
export function decodeKeys(data: string): Key[] {
  const keys: Key[] = [];
  let text = "";
  const flush = () => {
    if (text) keys.push({ text });
    text = "";
  };
  for (let i = 0; i < data.length; i++) {
    const ch = data[i] ?? "";
    if (ch === "\x1b") {
      flush();
      const length = sequenceLength(data, i + 1);
      const body = length > 0 ? data.slice(i + 1, i + 1 + length) : (data[i + 1] ?? "");
      const name = SEQUENCES[body];
      if (name) keys.push({ name });
      else if (body === "") keys.push({ name: "escape" });
      i += body.length;
      continue;
    }
    // CRLF from a pasted Windows file is one line end.
    if (ch === "\n" && data[i - 1] === "\r") continue;
    const control = CONTROL[ch];
    if (control) {
      flush();
      keys.push({ name: control });
      continue;
    }
    if (ch.charCodeAt(0) < 0x20) continue;
    text += ch;
  }
  flush();
  return keys;
}
