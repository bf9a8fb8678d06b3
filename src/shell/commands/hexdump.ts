/**
 * busybox's hexdump and xxd: both build format strings for the hexdump engine (dump-format.ts)
 * from their options, as their C code does; xxd -r turns hex back into bytes.
 */
import { ToolExit } from "../command";
import type { Command, Ctx, Handler } from "../types";
import { busyboxBadOption, busyboxUsage } from "./busybox";
import { readAll, readOperand, textOf } from "./bytes";
import { type DumpOptions, dump } from "./dump-format";
import { Getopt } from "./getopt";

/** busybox's number parsing for a count (bb_strtou, base 0): the number, or its refusal. */
function count(tool: string, text: string): number {
  const n = /^0x[0-9a-f]+$/i.test(text)
    ? Number.parseInt(text, 16)
    : /^0[0-7]*$/.test(text)
      ? Number.parseInt(text, 8)
      : /^\d+$/.test(text)
        ? Number(text)
        : Number.NaN;
  if (Number.isNaN(n)) throw new ToolExit(1, `${tool}: invalid number '${text}'\n`);
  return n;
}

/** The formats the one-letter options add: each with the final address first. */
const HEXDUMP_FORMATS: Record<string, string> = {
  b: `"%07.7_ax " 16/1 "%03o " "\\n"`,
  c: `"%07.7_ax " 16/1 "%3_c " "\\n"`,
  d: `"%07.7_ax " 8/2 "  %05u " "\\n"`,
  o: `"%07.7_ax " 8/2 " %06o " "\\n"`,
  x: `"%07.7_ax " 8/2 "   %04x " "\\n"`,
};

/** The selected bytes of the operands, after -s and -n. */
function selected(
  ctx: Ctx,
  files: string[],
  skip: number,
  length?: number,
): { data: Uint8Array; failed: boolean } {
  const { bytes, failed } = readAll(ctx, files);
  const from = Math.min(skip, bytes.length);
  return { data: bytes.subarray(from, length === undefined ? undefined : from + length), failed };
}

const hexdump: Handler = (ctx) => {
  const parsed = new Getopt(ctx.argv.slice(1), "bcdoxCe:f:n:s:v", busyboxBadOption("hexdump"));
  const formats: string[] = [];
  const options: DumpOptions = { formats };
  let length: number | undefined;
  for (const { key, value = "" } of parsed) {
    const one = HEXDUMP_FORMATS[key];
    if (one) formats.push(`"%07.7_Ax\\n"`, one);
    else if (key === "C")
      formats.push(`"%08.8_Ax\\n"`, `"%08.8_ax  " 8/1 "%02x " "  " 8/1 "%02x " `, `"  |" 16/1 "%_p" "|\\n"`);
    else if (key === "e") formats.push(value);
    else if (key === "f") {
      const text = readOperand(ctx, value);
      if (text === undefined) return 1;
      formats.push(...text.split("\n").filter((l) => l.trim() !== "" && !l.trim().startsWith("#")));
    } else if (key === "n") length = count("hexdump", value);
    else if (key === "s") options.skip = count("hexdump", value);
    else if (key === "v") options.all = true;
  }
  if (formats.length === 0) formats.push(`"%07.7_Ax\\n"`, `"%07.7_ax " 8/2 "%04x " "\\n"`);
  const { data, failed } = selected(ctx, parsed.operands, options.skip ?? 0, length);
  ctx.out.write(dump(data, options));
  return failed ? 1 : 0;
};

/** xxd -r: hex pairs back into bytes, whitespace and other characters skipped (and, without -p, each line's address). */
function reverse(ctx: Ctx, text: string, plain: boolean): number {
  const out: number[] = [];
  let high: number | undefined;
  for (const line of text.split("\n")) {
    const body = plain ? line : line.replace(/^[0-9a-fA-F]*:?/, "");
    for (const c of body) {
      if (/\s/.test(c)) continue;
      if (!/[0-9a-fA-F]/.test(c)) {
        high = undefined;
        continue;
      }
      const v = Number.parseInt(c, 16);
      if (high === undefined) high = v;
      else {
        out.push(high * 16 + v);
        high = undefined;
      }
    }
  }
  ctx.out.write(textOf(Uint8Array.from(out)));
  return 0;
}

/** A file name as a C identifier, the way xxd -i names its array. */
const cName = (name: string) => (/^\d/.test(name) ? "__" : "") + name.replace(/[^A-Za-z0-9]/g, "_");

const xxd: Handler = (ctx) => {
  const parsed = new Getopt(ctx.argv.slice(1), "l:s:apirg:c:o:", busyboxBadOption("xxd"));
  const flags = new Set<string>();
  const options: DumpOptions = { formats: [], all: true };
  let length: number | undefined;
  let group = 2;
  let cols = 0;
  for (const { key, value = "" } of parsed) {
    flags.add(key);
    if (key === "l") length = count("xxd", value);
    else if (key === "s") options.skip = count("xxd", value);
    else if (key === "g") group = count("xxd", value);
    else if (key === "c") cols = count("xxd", value);
    else if (key === "o") options.displayOffset = Number.parseInt(value, /^-?0x/i.test(value) ? 16 : 10);
  }
  if (parsed.operands.length > 1) throw busyboxUsage("xxd");
  const [file] = parsed.operands;
  if (flags.has("r")) {
    const text = readOperand(ctx, file ?? "-");
    return text === undefined ? 1 : reverse(ctx, text, flags.has("p"));
  }
  const formats: string[] = [];
  if (flags.has("p")) {
    cols ||= 30;
    group = cols;
  } else {
    cols ||= flags.has("i") ? 12 : 16;
    if (flags.has("i")) group = 1;
    formats.push(flags.has("i") ? `" "` : `"%08.8_ax: "`);
  }
  if (group < 1 || group >= cols) formats.push(`${cols}/1 "%02x"`);
  else if (group === 1) formats.push(flags.has("i") ? `${cols}/1 " 0x%02x,"` : `${cols}/1 "%02x "`);
  else {
    let units = "";
    for (let i = 1; i <= cols; i++) units += i === cols || i % group ? `/1 "%02x"` : `/1 "%02x "`;
    formats.push(units);
  }
  if (flags.has("p") || flags.has("i")) {
    formats.push(`"\\n"`);
    options.eof = "\n";
  } else formats.push(`"  "${cols}/1 "%_p""\\n"`);
  options.formats = formats;
  const { data, failed } = selected(ctx, file === undefined ? [] : [file], options.skip ?? 0, length);
  if (failed) return 1;
  const named = flags.has("i") && file !== undefined;
  const end = (options.skip ?? 0) + data.length;
  ctx.out.write(
    (named ? `unsigned char ${cName(file)}[] = {\n` : "") +
      dump(data, options) +
      (named ? `};\nunsigned int ${cName(file)}_len = ${end};\n` : ""),
  );
  return 0;
};

export const commands: Command[] = [
  { name: "hexdump", where: ["busybox"], run: hexdump },
  { name: "xxd", where: ["busybox"], run: xxd },
];
