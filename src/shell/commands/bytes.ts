/**
 * Files as the byte tools (od, hexdump, xxd, cmp, strings, uuencode) see them: the lab keeps text,
 * which they read as its UTF-8 bytes; and a file operand read with the C library's words for a
 * missing one (perror: "TOOL: NAME: No such file or directory").
 */
import { readFile, resolvePath } from "../files";
import type { Ctx } from "../types";

export const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

export const textOf = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

export const printable = (b: number): boolean => b >= 0x20 && b < 0x7f;

const C_ESCAPES: Record<number, string> = {
  0: "\\0",
  7: "\\a",
  8: "\\b",
  12: "\\f",
  10: "\\n",
  13: "\\r",
  9: "\\t",
  11: "\\v",
};

/** A byte as od -c and hexdump's %_c show it: its C escape, the character itself, or three octal digits. */
export const byteChar = (b: number): string =>
  C_ESCAPES[b] ?? (printable(b) ? String.fromCharCode(b) : b.toString(8).padStart(3, "0"));

/** The text of a file operand (`-` is stdin), or undefined once the missing file has been reported. */
export function readOperand(ctx: Ctx, name: string, tool = ctx.argv[0] ?? ""): string | undefined {
  const path = resolvePath(ctx.frame.cwd, name);
  const text = name === "-" ? ctx.stdin : path === "/dev/null" ? "" : readFile(ctx.world, ctx.frame, path);
  if (text === undefined) ctx.out.error(`${tool}: ${name}: No such file or directory`);
  return text;
}

/** Every operand's bytes run together (stdin without any), and whether one was missing. */
export function readAll(ctx: Ctx, names: readonly string[]): { bytes: Uint8Array; failed: boolean } {
  let failed = false;
  let text = "";
  for (const name of names.length > 0 ? names : ["-"]) {
    const t = readOperand(ctx, name);
    if (t === undefined) failed = true;
    else text += t;
  }
  return { bytes: bytesOf(text), failed };
}
