/**
 * The format language of BSD hexdump, which busybox's hexdump and xxd are both written in: each
 * format string is a line of units `[ITER][/BYTES] "TEXT %CONV TEXT"`; every block of input goes
 * through every format in turn. What the C code does at the edges is kept: a unit repeated more than
 * once drops the last space of its last repeat, conversions past the end of the input print as
 * blanks of their width, `%_A` prints only once, after the last block, and a block the same as the
 * one before is a single `*` (unless every block is wanted).
 */
import { byteChar, printable } from "./bytes";

interface Conv {
  flags: string;
  width: number;
  precision?: number;
  kind: string;
  bytes: number;
}

/**
 * One conversion of a unit with the text around it, as printf would format it: busybox keeps the
 * text after a conversion with it (up to the next one), so a unit's only plain-text piece is one
 * without any conversion.
 */
interface Piece {
  lead: string;
  conv?: Conv;
  trail: string;
}

interface Unit {
  reps: number;
  /** The byte count given after `/`, if any. */
  bytes?: number;
  pieces: Piece[];
  /** Whether the repeat count was given (such a unit is not stretched to fill the block). */
  setRep: boolean;
}

export interface DumpOptions {
  formats: readonly string[];
  /** Every block printed, none folded into `*` (-v). */
  all?: boolean;
  /** Where the addresses start (the bytes skipped before, -s). */
  skip?: number;
  /** Added to every address shown (xxd -o). */
  displayOffset?: number;
  /** Printed instead of blanks where the input ends inside a line, ending the dump (xxd -p, -i). */
  eof?: string;
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v" };

/** The units of one format string, or the problem with it. */
function parse(format: string): Unit[] {
  const units: Unit[] = [];
  const re = /\s*(\d+)?\s*(?:\/\s*(\d+))?\s*"((?:[^"\\]|\\.)*)"/y;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    const text = (m[3] ?? "").replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
    const unit: Unit = { reps: m[1] ? Number(m[1]) : 1, setRep: m[1] !== undefined, pieces: [] };
    if (m[2]) unit.bytes = Number(m[2]);
    const convs = [...text.matchAll(/%([-+ #0]*)(\d*)(?:\.(\d+))?(_[aA][dox]|_[cpu]|[diouxXc])/g)];
    if (convs.length === 0) unit.pieces.push({ lead: text, trail: "" });
    convs.forEach((c, k) => {
      const kind = c[4] ?? "";
      const end = c.index + c[0].length;
      unit.pieces.push({
        lead: k === 0 ? text.slice(0, c.index) : "",
        conv: {
          flags: c[1] ?? "",
          width: Number(c[2] || 0),
          ...(c[3] === undefined ? {} : { precision: Number(c[3]) }),
          kind,
          bytes: /^_[aA]/.test(kind) ? 0 : /c|_p|_u/.test(kind) ? 1 : (unit.bytes ?? 4),
        },
        trail: text.slice(end, convs[k + 1]?.index ?? text.length),
      });
    });
    units.push(unit);
  }
  return units;
}

const unitBytes = (u: Unit) => u.reps * u.pieces.reduce((n, p) => n + (p.conv?.bytes ?? 0), 0);

/** printf of one integer: flags, width, precision, base. */
function printInt(n: bigint, c: Conv, base: number, upper = false): string {
  let digits = (n < 0n ? -n : n).toString(base);
  if (upper) digits = digits.toUpperCase();
  if (c.precision !== undefined) digits = digits.padStart(c.precision, "0");
  const sign = n < 0n ? "-" : c.flags.includes("+") ? "+" : c.flags.includes(" ") ? " " : "";
  const body = sign + digits;
  if (c.flags.includes("-")) return body.padEnd(c.width);
  if (c.flags.includes("0") && c.precision === undefined)
    return sign + digits.padStart(c.width - sign.length, "0");
  return body.padStart(c.width);
}

/** One conversion of the bytes at `at` (little-endian, as the machines the lab models are). */
function convert(c: Conv, data: Uint8Array, at: number, address: number): string {
  const str = (s: string) => (c.flags.includes("-") ? s.padEnd(c.width) : s.padStart(c.width));
  if (c.kind.startsWith("_a") || c.kind.startsWith("_A"))
    return printInt(BigInt(address), c, { d: 10, o: 8, x: 16 }[c.kind[2] ?? "x"] ?? 16);
  const b = data[at] ?? 0;
  if (c.kind === "_p") return str(printable(b) ? String.fromCharCode(b) : ".");
  if (c.kind === "_c") return str(byteChar(b));
  if (c.kind === "c") return str(String.fromCharCode(b));
  let value = 0n;
  for (let k = c.bytes - 1; k >= 0; k--) value = (value << 8n) | BigInt(data[at + k] ?? 0);
  if (c.kind === "d" || c.kind === "i") value = BigInt.asIntN(8 * c.bytes, value);
  const base = c.kind === "o" ? 8 : c.kind === "x" || c.kind === "X" ? 16 : 10;
  return printInt(value, c, base, c.kind === "X");
}

/** A conversion past the end of the input: blanks of its width (printf's %s of ""). */
const blank = (c: Conv) => "".padStart(c.width);

/** The dump of `data` (already cut to what -s and -n select) through the formats. */
export function dump(data: Uint8Array, options: DumpOptions): string {
  const formats = options.formats.map(parse);
  const blockSize = Math.max(0, ...formats.map((f) => f.reduce((n, u) => n + unitBytes(u), 0)));
  // The last unit of a shorter format repeats to fill the block.
  for (const f of formats) {
    const size = f.reduce((n, u) => n + unitBytes(u), 0);
    const last = f[f.length - 1];
    if (last && size < blockSize && !last.setRep && unitBytes(last) > 0)
      last.reps += (blockSize - size) / (unitBytes(last) / last.reps);
  }
  const start = options.skip ?? 0;
  const shift = options.displayOffset ?? 0;
  let out = "";
  let previous: Uint8Array | undefined;
  let folded = false;
  let end: number | undefined;
  if (blockSize > 0)
    for (let off = 0; off < data.length; off += blockSize) {
      const block = new Uint8Array(blockSize);
      block.set(data.subarray(off, off + blockSize));
      const got = Math.min(blockSize, data.length - off);
      if (got < blockSize) end = start + off + got;
      if (!options.all && previous && got === blockSize && block.every((b, k) => b === previous?.[k])) {
        if (!folded) out += "*\n";
        folded = true;
        continue;
      }
      folded = false;
      previous = block;
      for (const f of formats) {
        let address = start + off;
        let at = 0;
        for (const unit of f) {
          if (unit.pieces.some((p) => p.conv?.kind.startsWith("_A"))) continue;
          for (let rep = unit.reps; rep > 0; rep--)
            for (const [k, piece] of unit.pieces.entries()) {
              const past = end !== undefined && address >= end;
              if (past && options.eof !== undefined) return out + options.eof;
              let text = piece.lead;
              if (piece.conv) {
                text += past ? blank(piece.conv) : convert(piece.conv, block, at, address + shift);
                at += piece.conv.bytes;
                address += piece.conv.bytes;
              }
              text += piece.trail;
              // A repeated unit's last repeat drops the final space of its format.
              const format = piece.conv ? piece.trail : piece.lead;
              if (rep === 1 && unit.reps > 1 && k === unit.pieces.length - 1 && /\s$/.test(format))
                text = text.slice(0, -1);
              out += text;
            }
        }
      }
    }
  const last = end ?? start + data.length;
  if (end === undefined && data.length === 0 && start === 0) return out;
  for (const f of formats)
    for (const unit of f)
      if (unit.pieces.some((p) => p.conv?.kind.startsWith("_A")))
        for (const piece of unit.pieces)
          out +=
            piece.lead +
            (piece.conv ? convert(piece.conv, new Uint8Array(), 0, last + shift) : "") +
            piece.trail;
  return out;
}
