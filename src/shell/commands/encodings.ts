/**
 * busybox's converters between forms of a file: dos2unix and unix2dos (in place, or stdin to
 * stdout), uuencode and uudecode (traditional and base64), and strings, the printable runs of a
 * binary file.
 */
import { ToolExit } from "../command";
import { readFile, resolvePath, writeFile } from "../files";
import type { Command, Ctx, Handler } from "../types";
import { busyboxBadOption, busyboxUsage, xatouRange } from "./busybox";
import { bytesOf, readOperand, textOf } from "./bytes";
import { getopt } from "./getopt";

function openOrDie(ctx: Ctx, tool: string, name: string): string {
  const text = name === "-" ? ctx.stdin : readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, name));
  if (text === undefined) throw new ToolExit(1, `${tool}: can't open '${name}': No such file or directory\n`);
  return text;
}

/** dos2unix/unix2dos: every CR dropped, then (to DOS) one put before each LF; -u and -d choose. */
function lineEnds(tool: "dos2unix" | "unix2dos"): Handler {
  return (ctx) => {
    const { flags, operands } = getopt(ctx.argv.slice(1), "ud", busyboxBadOption(tool));
    const toDos = flags.has("d") || (tool === "unix2dos" && !flags.has("u"));
    const convert = (text: string) => {
      const unix = text.replace(/\r/g, "");
      return toDos ? unix.replace(/\n/g, "\r\n") : unix;
    };
    if (operands.length === 0) {
      ctx.out.write(convert(ctx.stdin));
      return 0;
    }
    for (const name of operands) writeFile(ctx.world, ctx.frame, name, convert(openOrDie(ctx, tool, name)));
    return 0;
  };
}

const UU = (n: number) => (n === 0 ? "`" : String.fromCharCode(n + 32));

const uuencode: Handler = (ctx) => {
  const { flags, operands } = getopt(ctx.argv.slice(1), "m", busyboxBadOption("uuencode"));
  if (operands.length < 1 || operands.length > 2) throw busyboxUsage("uuencode");
  const stored = operands[operands.length - 1] ?? "";
  const data = bytesOf(operands.length === 2 ? openOrDie(ctx, "uuencode", operands[0] ?? "") : ctx.stdin);
  let out = "";
  if (flags.has("m")) {
    out = `begin-base64 644 ${stored}\n`;
    for (let i = 0; i < data.length; i += 45)
      out += `${btoa(String.fromCharCode(...data.subarray(i, i + 45)))}\n`;
    out += "====\n";
  } else {
    out = `begin 644 ${stored}\n`;
    for (let i = 0; i < data.length; i += 45) {
      const chunk = data.subarray(i, i + 45);
      out += UU(chunk.length);
      for (let k = 0; k < chunk.length; k += 3) {
        const [a = 0, b = 0, c = 0] = chunk.subarray(k, k + 3);
        out += UU(a >> 2) + UU(((a << 4) | (b >> 4)) & 63) + UU(((b << 2) | (c >> 6)) & 63) + UU(c & 63);
      }
      out += "\n";
    }
    out += "`\nend\n";
  }
  ctx.out.write(out);
  return 0;
};

const uudecode: Handler = (ctx) => {
  const { values, operands } = getopt(ctx.argv.slice(1), "o:", busyboxBadOption("uudecode"));
  const all = openOrDie(ctx, "uudecode", operands[0] ?? "-").split("\n");
  const begin = all.findIndex((l) => /^begin(-base64)? [0-7]+ /.test(l));
  if (begin < 0) throw new ToolExit(1, "uudecode: no 'begin' line\n");
  const head = all[begin] ?? "";
  const name = values.get("o") ?? head.replace(/^begin(-base64)? [0-7]+ /, "");
  const bytes: number[] = [];
  const body = all.slice(begin + 1);
  if (head.startsWith("begin-base64")) {
    const text = body.slice(0, Math.max(0, body.indexOf("===="))).join("");
    bytes.push(...Array.from(atob(text), (c) => c.charCodeAt(0)));
  } else
    for (const line of body) {
      if (line === "end" || line === "`" || line === "") break;
      const n = ((line.charCodeAt(0) ?? 32) - 32) & 63;
      const v = Array.from(line.slice(1), (c) => (c.charCodeAt(0) - 32) & 63);
      for (let k = 0, got = 0; got < n; k += 4) {
        const [a = 0, b = 0, c = 0, d = 0] = v.slice(k, k + 4);
        for (const byte of [(a << 2) | (b >> 4), ((b << 4) | (c >> 2)) & 255, ((c << 6) | d) & 255])
          if (got++ < n) bytes.push(byte & 255);
      }
    }
  const text = textOf(Uint8Array.from(bytes));
  if (name === "-") ctx.out.write(text);
  else writeFile(ctx.world, ctx.frame, name, text);
  return 0;
};

const strings: Handler = (ctx) => {
  const { flags, values, operands } = getopt(ctx.argv.slice(1), "afon:t:", busyboxBadOption("strings"));
  const min = values.has("n") ? xatouRange("strings", values.get("n") ?? "", 1, 2147483647) : 4;
  if (typeof min === "string") throw new ToolExit(1, `${min}\n`);
  const radix = flags.has("o") ? "o" : values.get("t");
  let status = 0;
  for (const name of operands.length > 0 ? operands : ["-"]) {
    const text = readOperand(ctx, name);
    if (text === undefined) {
      status = 1;
      continue;
    }
    const data = bytesOf(text);
    let out = "";
    let start = 0;
    let run = "";
    for (let i = 0; i <= data.length; i++) {
      const b = data[i];
      if (b !== undefined && (b === 9 || (b >= 32 && b < 127))) {
        if (run === "") start = i;
        run += String.fromCharCode(b);
        continue;
      }
      if (run.length >= min) {
        const where = radix ? `${start.toString({ o: 8, d: 10, x: 16 }[radix] ?? 8).padStart(7)} ` : "";
        out += `${flags.has("f") ? `${name}: ` : ""}${where}${run}\n`;
      }
      run = "";
    }
    ctx.out.write(out);
  }
  return status;
};

export const commands: Command[] = [
  { name: "dos2unix", where: ["busybox"], run: lineEnds("dos2unix") },
  { name: "unix2dos", where: ["busybox"], run: lineEnds("unix2dos") },
  { name: "uuencode", where: ["busybox"], run: uuencode },
  { name: "uudecode", where: ["busybox"], run: uudecode },
  { name: "strings", where: ["busybox"], run: strings },
];
