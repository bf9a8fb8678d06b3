/**
 * od: GNU coreutils' on the host and in Debian images, busybox's in busybox (its od is a port of
 * GNU's, without the `z` suffix and with its own words for bad types and radixes). Each output
 * type is a row under one address; identical lines fold into `*` unless -v.
 */
import { ToolExit } from "../command";
import type { Command, Ctx, Handler } from "../types";
import { busyboxBadOption } from "./busybox";
import { byteChar, printable, readAll } from "./bytes";
import { Getopt, problemText } from "./getopt";
import { NOT_SIMULATED } from "./unsimulated";

interface Type {
  kind: "a" | "c" | "d" | "o" | "u" | "x";
  size: number;
  /** `z`: the bytes as text after the row (GNU only). */
  text: boolean;
}

const SIZES: Record<string, number> = { C: 1, S: 2, I: 4, L: 8 };

/** Digits each integer type needs at each size, sign included: its column's width. */
function digits(t: Type): number {
  if (t.kind === "a" || t.kind === "c") return 3;
  const max = 2n ** BigInt(8 * t.size) - 1n;
  if (t.kind === "x") return 2 * t.size;
  if (t.kind === "o") return max.toString(8).length;
  if (t.kind === "u") return max.toString().length;
  return (2n ** BigInt(8 * t.size - 1)).toString().length + 1;
}

const NAMES = [
  ..."nul soh stx etx eot enq ack bel bs ht nl vt ff cr so si".split(" "),
  ..."dle dc1 dc2 dc3 dc4 nak syn etb can em sub esc fs gs rs us sp".split(" "),
];

function field(t: Type, bytes: Uint8Array, at: number): string {
  const b = bytes[at] ?? 0;
  if (t.kind === "a") {
    const c = b & 0x7f;
    return NAMES[c] ?? (c === 0x7f ? "del" : String.fromCharCode(c));
  }
  if (t.kind === "c") return byteChar(b);
  let v = 0n;
  for (let k = t.size - 1; k >= 0; k--) v = (v << 8n) | BigInt(bytes[at + k] ?? 0);
  if (t.kind === "d") return BigInt.asIntN(8 * t.size, v).toString();
  if (t.kind === "u") return v.toString();
  const base = t.kind === "o" ? 8 : 16;
  return v.toString(base).padStart(digits(t), "0");
}

/** A -t type string's types, or the refusal in the tool's words. */
function parseTypes(spec: string, gnu: boolean): Type[] {
  const q = (s: string) => (gnu ? `‘${s}’` : `'${s}'`);
  const types: Type[] = [];
  let i = 0;
  while (i < spec.length) {
    const kind = spec[i++] ?? "";
    if (kind === "a" || kind === "c") types.push({ kind, size: 1, text: false });
    else if ("doux".includes(kind)) {
      let size = 4;
      const letter = spec[i] ?? "";
      if (SIZES[letter]) {
        size = SIZES[letter] ?? 4;
        i++;
      } else if (/\d/.test(letter)) {
        const m = /^\d+/.exec(spec.slice(i))?.[0] ?? "";
        i += m.length;
        // busybox's bb_strtou refuses digits run into a letter, and says so as the largest number.
        const runOn = !gnu && /[A-Za-z0-9]/.test(spec[i] ?? "");
        size = runOn ? 4294967295 : Number(m);
        if (![1, 2, 4, 8].includes(size))
          throw new ToolExit(
            1,
            `od: invalid type string ${q(spec)}; ${size}-byte integral type is not supported\n`,
          );
      }
      const text = gnu && spec[i] === "z";
      if (text) i++;
      types.push({ kind: kind as Type["kind"], size, text });
    } else if (kind === "f") throw new ToolExit(1, `od: floating-point types ${NOT_SIMULATED}\n`);
    else throw new ToolExit(1, `od: invalid character '${kind}' in type string ${q(spec)}\n`);
  }
  return types;
}

/** The traditional one-letter types. */
const LETTERS: Record<string, string> = {
  a: "a",
  b: "o1",
  c: "c",
  d: "u2",
  h: "x2",
  i: "d4",
  l: "d8",
  o: "o2",
  s: "d2",
  x: "x2",
};

/** A byte count (-j, -N): decimal, 0x hex or 0 octal. */
function byteCount(text: string): number {
  const n = /^0x/i.test(text)
    ? Number.parseInt(text.slice(2), 16)
    : /^0\d/.test(text)
      ? Number.parseInt(text, 8)
      : Number(text);
  if (!Number.isInteger(n) || n < 0) throw new ToolExit(1, `od: invalid number '${text}'\n`);
  return n;
}

const od: Handler = (ctx: Ctx) => {
  const gnu = ctx.place.flavor !== "busybox";
  const bad = gnu
    ? (p: Parameters<typeof problemText>[1]) =>
        new ToolExit(1, `${problemText("od", p)}\nTry 'od --help' for more information.\n`)
    : busyboxBadOption("od");
  const parsed = new Getopt(ctx.argv.slice(1), "A:N:j:S:t:vw::abcdfhilosx", bad);
  const types: Type[] = [];
  let radix = "o";
  let skip = 0;
  let limit: number | undefined;
  let width = 16;
  let all = false;
  for (const { key, value } of parsed) {
    if (key === "t") types.push(...parseTypes(value ?? "", gnu));
    else if (key === "A") {
      if (value === undefined || !/^[doxn]$/.test(value))
        throw new ToolExit(
          1,
          gnu
            ? `od: invalid output address radix '${value}'; it must be one character from [doxn]\n`
            : `od: bad output address radix '${value}' (must be [doxn])\n`,
        );
      radix = value;
    } else if (key === "j") skip = byteCount(value ?? "");
    else if (key === "N") limit = byteCount(value ?? "");
    else if (key === "w") width = value === undefined ? 32 : byteCount(value);
    else if (key === "v") all = true;
    else if (key === "f") throw new ToolExit(1, `od: floating-point types ${NOT_SIMULATED}\n`);
    else if (LETTERS[key]) types.push(...parseTypes(LETTERS[key] ?? "", gnu));
  }
  if (types.length === 0) types.push({ kind: "o", size: 2, text: false });
  // A line holds whole values of every type: its width a multiple of their sizes' least common multiple.
  const unit = types.reduce((l, t) => (l % t.size === 0 ? l : t.size % l === 0 ? t.size : l * t.size), 1);
  if (width === 0 || width % unit !== 0) {
    ctx.out.error(`od: warning: invalid width ${width}; using ${unit} instead`);
    width = unit;
  }
  const { bytes, failed } = readAll(ctx, parsed.operands);
  if (failed && bytes.length === 0) return 1;
  const data = bytes.subarray(Math.min(skip, bytes.length), limit === undefined ? undefined : skip + limit);
  const addressWidth = radix === "x" ? 6 : 7;
  const address = (n: number) =>
    radix === "n" ? "" : n.toString({ d: 10, o: 8, x: 16 }[radix] ?? 8).padStart(addressWidth, "0");
  const blankAddress = radix === "n" ? "" : " ".repeat(addressWidth);
  const blockWidth = Math.max(...types.map((t) => (digits(t) + 1) * (width / t.size)));
  let out = "";
  let previous: string | undefined;
  let folded = false;
  for (let off = 0; off < data.length; off += width) {
    const line = data.subarray(off, off + width);
    const key = Array.from(line).join(",");
    if (!all && line.length === width && key === previous) {
      if (!folded) out += "*\n";
      folded = true;
      continue;
    }
    folded = false;
    previous = key;
    types.forEach((t, n) => {
      // A short last line is filled with zeros: to each type's size in GNU's, to the widest in busybox's.
      const fill = gnu ? t.size : unit;
      const padded = new Uint8Array(Math.ceil(line.length / fill) * fill);
      padded.set(line);
      let row = n === 0 ? address(skip + off) : blankAddress;
      // GNU spreads each row's padding over its fields so that every type's columns line up.
      const perBlock = width / t.size;
      const pad = gnu ? blockWidth - digits(t) * perBlock : perBlock;
      let remaining = pad;
      for (let at = 0, left = perBlock; at < padded.length; at += t.size, left--) {
        const next = Math.floor((pad * (left - 1)) / perBlock);
        row += field(t, padded, at).padStart(remaining - next + digits(t));
        remaining = next;
      }
      if (t.text) {
        const full = (width / t.size) * (digits(t) + 1) + blankAddress.length;
        const chars = Array.from(line, (b) => (printable(b) ? String.fromCharCode(b) : ".")).join("");
        row = `${row.padEnd(full)}  >${chars}<`;
      }
      out += `${row}\n`;
    });
  }
  if (radix !== "n") out += `${address(skip + data.length)}\n`;
  ctx.out.write(out);
  return failed ? 1 : 0;
};

export const commands: Command[] = [{ name: "od", where: ["host", "busybox", "debian"], run: od }];
