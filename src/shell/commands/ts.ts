/**
 * busybox's ts: each line of stdin after a timestamp, strftime's format over the lab's clock (or, with
 * -s, the time since the start and, with -i, since the line before: the lab's pipes hand over all
 * their lines at once, so both are zero).
 */
import type { Command, Handler } from "../types";
import { busyboxBadOption } from "./busybox";
import { getopt } from "./getopt";
import { strftime } from "./system-info";
import { lines } from "./text";

const ts: Handler = (ctx) => {
  const { flags, operands } = getopt(ctx.argv.slice(1), "is", busyboxBadOption("ts"));
  const relative = flags.has("i") || flags.has("s");
  const format = operands[0] ?? (relative ? "%H:%M:%S" : "%b %d %H:%M:%S");
  const stamp = strftime(format, relative ? 0 : ctx.world.clock);
  ctx.out.write(
    lines(ctx.stdin)
      .map((l) => `${stamp} ${l}\n`)
      .join(""),
  );
  return 0;
};

export const commands: Command[] = [{ name: "ts", where: ["busybox"], run: ts }];
