/**
 * shuf: lines (of a file or stdin, the words after -e, the numbers of -i L-H) in a random order,
 * drawn from the world's seeded generator; busybox's words in busybox, GNU's elsewhere.
 */
import { randInt } from "../../engine/rng";
import { ToolExit } from "../command";
import { writeFile } from "../files";
import type { Command, Handler } from "../types";
import { busyboxBadOption, busyboxUsage } from "./busybox";
import { readOperand } from "./bytes";
import { getopt, problemText } from "./getopt";
import { lines } from "./text";

const shuf: Handler = (ctx) => {
  const bb = ctx.place.flavor === "busybox";
  const { flags, values, operands } = getopt(
    ctx.argv.slice(1),
    bb ? "en:o:i:z" : "en:o:i:zr",
    bb
      ? busyboxBadOption("shuf")
      : (p) => new ToolExit(1, `${problemText("shuf", p)}\nTry 'shuf --help' for more information.\n`),
  );
  const wanted = values.get("n");
  if (wanted !== undefined && !/^\d+$/.test(wanted))
    throw new ToolExit(
      1,
      bb ? `shuf: invalid number '${wanted}'\n` : `shuf: invalid line count: ‘${wanted}’\n`,
    );
  let count = wanted === undefined ? Number.POSITIVE_INFINITY : Number(wanted);
  let items: string[];
  if (flags.has("i")) {
    const range = values.get("i") ?? "";
    const m = /^(\d+)-(\d+)$/.exec(range);
    const [lo, hi] = [Number(m?.[1]), Number(m?.[2])];
    if (!m || lo > hi + (bb ? 0 : 1))
      throw new ToolExit(1, bb ? `shuf: bad range '${range}'\n` : `shuf: invalid input range: ‘${range}’\n`);
    if (operands.length > 0) {
      if (bb) throw busyboxUsage("shuf");
      throw new ToolExit(
        1,
        `shuf: extra operand ‘${operands[0]}’\nTry 'shuf --help' for more information.\n`,
      );
    }
    items = Array.from({ length: hi - lo + 1 }, (_, k) => String(lo + k));
  } else if (flags.has("e")) items = operands;
  else {
    if (operands.length > 1) throw busyboxUsage("shuf");
    const text = readOperand(ctx, operands[0] ?? "-");
    if (text === undefined) return 1;
    items = flags.has("z")
      ? text.split("\0").filter((l, k, all) => l !== "" || k < all.length - 1)
      : lines(text);
  }
  count = Math.min(count, items.length);
  // Fisher-Yates, as far as the lines wanted.
  const order = [...items];
  for (let i = 0; i < count; i++) {
    const j = randInt(ctx.world.rng, i, order.length - 1);
    [order[i], order[j]] = [order[j] ?? "", order[i] ?? ""];
  }
  const end = flags.has("z") ? "\0" : "\n";
  const out = order
    .slice(0, count)
    .map((l) => l + end)
    .join("");
  if (values.has("o")) writeFile(ctx.world, ctx.frame, values.get("o") ?? "", out);
  else ctx.out.write(out);
  return 0;
};

export const commands: Command[] = [{ name: "shuf", where: ["host", "busybox", "debian"], run: shuf }];
