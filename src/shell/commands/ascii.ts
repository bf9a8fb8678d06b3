/** busybox's ascii: the table of the 128 ASCII codes, in decimal and hex with their names. */
import type { Command, Handler } from "../types";

const NAMES =
  "NUL SOH STX ETX EOT ENQ ACK BEL BS HT NL VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
    .split(" ")
    .map((n) => n.padEnd(3));

const ascii: Handler = (ctx) => {
  let out = "Dec Hex    Dec Hex    Dec Hex  Dec Hex  Dec Hex  Dec Hex   Dec Hex   Dec Hex\n";
  const cell = (n: number, width: number) =>
    `${String(n).padStart(width)} ${n.toString(16).padStart(2, "0")} `;
  for (let i = 0; i < 16; i++) {
    out += `${cell(i, 3)}${NAMES[i]}${cell(i + 16, 4)}${NAMES[i + 16]}`;
    for (const [k, base] of [32, 48, 64, 80, 96, 112].entries())
      out += `${cell(base + i, k < 4 ? 4 : 5)}${base + i === 127 ? "DEL" : String.fromCharCode(base + i)}`;
    out += "\n";
  }
  ctx.out.write(out);
  return 0;
};

export const commands: Command[] = [{ name: "ascii", where: ["busybox"], run: ascii }];
