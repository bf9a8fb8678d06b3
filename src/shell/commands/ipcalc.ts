/**
 * busybox's ipcalc (with its "fancy" options and long ones, as Debian builds it): the netmask,
 * broadcast, network and prefix of an address given as ADDRESS/PREFIX, ADDRESS NETMASK or a bare
 * address (the netmask of its old class), and its name as the resolver finds it.
 */
import { advanceClock } from "../../engine/world";
import { ToolExit } from "../command";
import type { Command, Handler } from "../types";
import { busyboxBadOption, busyboxUsage, xatouRange } from "./busybox";
import { getopt } from "./getopt";
import { inetAton } from "./linux/ifconfig-set";
import { reverseName } from "./net/resolver";

const LONG = [
  { name: "netmask", key: "m" },
  { name: "broadcast", key: "b" },
  { name: "network", key: "n" },
  { name: "prefix", key: "p" },
  { name: "hostname", key: "h" },
  { name: "silent", key: "s" },
];

const toInt = (dotted: string) => dotted.split(".").reduce((acc, p) => acc * 256 + Number(p), 0) >>> 0;
const toDotted = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");

/** The netmask of the address's class: C for 192 and up (multicast included), B from 128, else A. */
function classMask(ip: number): number {
  if ((ip & 0xc0000000) >>> 0 === 0xc0000000) return 0xffffff00;
  return ip & 0x80000000 ? 0xffff0000 : 0xff000000;
}

/** The ones in the mask, wherever they are (busybox counts them, contiguous or not). */
const ones = (mask: number) => [...mask.toString(2)].filter((b) => b === "1").length;

const ipcalc: Handler = (ctx) => {
  const { flags, operands } = getopt(ctx.argv.slice(1), "mbnphs", busyboxBadOption("ipcalc"), LONG);
  const silent = flags.has("s");
  /** bb_error_msg_and_die, which -s silences (logmode NONE) but still exits 1. */
  const die = (message: string) => new ToolExit(1, silent ? "" : `ipcalc: ${message}\n`);
  flags.delete("s");
  const [arg = "", maskArg] = operands;
  if (operands.length < 1 || operands.length > 2) throw busyboxUsage("ipcalc");
  if (!flags.has("b") && !flags.has("n") && !flags.has("p") && (flags.size === 0 || maskArg !== undefined))
    throw busyboxUsage("ipcalc");
  const slash = arg.indexOf("/");
  const address = slash < 0 ? arg : arg.slice(0, slash);
  const prefixText = slash < 0 ? "" : arg.slice(slash + 1);
  let mask: number | undefined;
  if (prefixText !== "") {
    const prefix = xatouRange("ipcalc", prefixText, 0, 32);
    if (typeof prefix === "string") throw die(prefix.replace(/^ipcalc: /, ""));
    mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  }
  const dotted = inetAton(address);
  if (dotted === undefined) throw die(`bad IP address: ${address}`);
  const ip = toInt(dotted);
  if (maskArg !== undefined) {
    if (mask !== undefined) throw die("use prefix or netmask, not both");
    const m = inetAton(maskArg);
    if (m === undefined) throw die(`bad netmask: ${maskArg}`);
    mask = toInt(m);
  }
  mask ??= classMask(ip);
  if (flags.has("m")) ctx.out.line(`NETMASK=${toDotted(mask)}`);
  if (flags.has("b")) ctx.out.line(`BROADCAST=${toDotted(((ip & mask) | ~mask) >>> 0)}`);
  if (flags.has("n")) ctx.out.line(`NETWORK=${toDotted((ip & mask) >>> 0)}`);
  if (flags.has("p")) ctx.out.line(`PREFIX=${ones(mask)}`);
  if (flags.has("h")) {
    const found = reverseName(ctx, dotted, ctx.world.clock);
    advanceClock(ctx.world, found.end);
    if (found.name === undefined) throw die(`can't find hostname for ${address}: Host name lookup failure`);
    ctx.out.line(`HOSTNAME=${found.name.toLowerCase()}`);
  }
  return 0;
};

export const commands: Command[] = [{ name: "ipcalc", where: ["busybox"], run: ipcalc }];
