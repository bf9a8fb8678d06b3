/** `ip addr` (`ip a`, `ip address`): show and flush with filters, add and del IPv4 addresses. */
import { formatIp, maskOf, parseIp } from "../../../../engine/ip";
import { addAddr, defaultBroadcast, delAddr } from "../../../../engine/linux/kernel";
import type { Netns } from "../../../../engine/linux/types";
import { ToolExit } from "../../../command";
import type { Ctx } from "../../../types";
import { canAdminister } from "../common";
import {
  type Args,
  deviceNamed,
  duparg2,
  kernel,
  matches,
  requireAdmin,
  rtnetlink,
  type Style,
} from "./args";
import type { Globals } from "./globals";
import { listLinks, parseShowFilters } from "./link";
import type { View } from "./show";
import { ADDR_USAGE } from "./usage";

export interface Prefix {
  ip: string;
  prefix: number;
  /** Whether `/N` was written (a bare address is /32). */
  explicit: boolean;
}

/** get_addr_ipv4(): up to four dotted parts, missing ones zero ("10.1" is 10.1.0.0). */
export function parseIpv4(text: string): string | undefined {
  const parts = text.split(".");
  if (parts.length > 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  while (parts.length < 4) parts.push("0");
  return parts.map(Number).join(".");
}

/** A prefix length, or a dotted netmask as get_netmask() accepts. */
function parseNetmask(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) return Number(text) <= 32 ? Number(text) : undefined;
  const mask = parseIpv4(text);
  const value = mask === undefined ? undefined : parseIp(mask);
  if (value === undefined) return undefined;
  for (let len = 0; len <= 32; len++) if (maskOf(len) === value) return len;
  return undefined;
}

/** get_prefix(): "A.B.C.D[/LEN]"; anything else ends iproute2 with its message. */
export function parsePrefix(style: Style, text: string, what = "prefix"): Prefix {
  const [addr = "", len] = text.split("/", 2);
  const ip = parseIpv4(addr);
  const prefix = len === undefined ? 32 : parseNetmask(len);
  if (ip === undefined || prefix === undefined) {
    if (style === "busybox") throw new ToolExit(1, `ip: an inet ${what} is expected rather than "${text}"\n`);
    throw new ToolExit(1, `Error: any valid ${what} is expected rather than "${text}".\n`);
  }
  return { ip, prefix, explicit: len !== undefined };
}

interface AddrRequest {
  local?: Prefix;
  dev?: string;
  brd?: string | "+" | "-";
}

function parseModify(args: Args): AddrRequest {
  const req: AddrRequest = {};
  while (!args.done) {
    const word = args.take();
    if (word === "broadcast" || word === "brd") req.brd = args.value();
    else if (word === "dev") req.dev = args.value();
    else if (word === "scope" || word === "label" || word === "valid_lft" || word === "preferred_lft")
      args.value();
    else if (word === "noprefixroute" || word === "nodad" || word === "home") continue;
    else {
      const text = word === "local" ? args.value() : word;
      if (req.local) throw duparg2(args.style, "local", text);
      req.local = parsePrefix(args.style, text);
    }
  }
  return req;
}

function broadcastFor(style: Style, local: Prefix, brd: AddrRequest["brd"]): string | null {
  if (brd === undefined || brd === "-") return null;
  if (brd === "+") return defaultBroadcast(local.ip, local.prefix) ?? null;
  const ip = parseIpv4(brd);
  if (ip === undefined) {
    if (style === "busybox") throw new ToolExit(1, `ip: an inet address is expected rather than "${brd}"\n`);
    throw new ToolExit(1, `Error: any valid address is expected rather than "${brd}".\n`);
  }
  return ip;
}

function modify(ctx: Ctx, ns: Netns, args: Args, add: boolean): number {
  const style = args.style;
  const req = parseModify(args);
  if (req.dev === undefined) {
    if (style === "busybox") throw new ToolExit(1, 'ip: need "dev IFACE"\n');
    throw new ToolExit(1, 'Not enough information: "dev" argument is required.\n');
  }
  if (!req.local) throw rtnetlink(style, "EINVAL");
  const local = req.local;
  if (!add && !local.explicit && style === "iproute2")
    ctx.out.writeErr(
      [
        "Warning: Executing wildcard deletion to stay compatible with old scripts.",
        `         Explicitly specify the prefix length (${local.ip}/32) to avoid this warning.`,
        "         This special behaviour is likely to disappear in further releases,",
        "         fix your scripts!",
        "",
      ].join("\n"),
    );
  const brd = add ? broadcastFor(style, local, req.brd) : null;
  const link = deviceNamed(ns, style, req.dev);
  requireAdmin(ctx, style);
  kernel(style, () => {
    if (add) addAddr(ns, link, local.ip, local.prefix, brd);
    else delAddr(ns, link, local.ip, local.explicit ? local.prefix : undefined);
  });
  return 0;
}

/** `ip addr flush dev X`: every IPv4 address of the matching links goes. */
function flush(ctx: Ctx, ns: Netns, args: Args): number {
  if (args.done) {
    if (args.style === "busybox") throw new ToolExit(1, "ip: flush requires an argument\n");
    throw new ToolExit(1, "Flush requires arguments.\n");
  }
  const opts = parseShowFilters(args, ns, { link: false, family: "inet", brief: false, oneline: false });
  const links = ns.links.filter((l) => opts.ifindex === undefined || l.ifindex === opts.ifindex);
  if (!canAdminister(ctx) && links.some((l) => l.addrs.length > 0)) throw rtnetlink(args.style, "EPERM");
  for (const link of links) for (const a of [...link.addrs]) delAddr(ns, link, a.ip, a.prefix);
  return 0;
}

export function ipAddr(ctx: Ctx, view: View, args: Args, g: Globals): number {
  const ns = view.ns;
  const list = () => listLinks(ctx, view, args, g, g.family === "link");
  const sub = args.done ? undefined : args.take();
  if (sub === undefined) return list();
  if (args.style === "busybox") {
    const commands = ["add", "change", "chg", "replace", "delete", "list", "show", "lst", "flush"];
    const key = commands.find((c) => c.startsWith(sub));
    if (!key) throw new ToolExit(1, `ip: invalid argument '${sub}' to 'ip'\n`);
    if (key === "delete") return modify(ctx, ns, args, false);
    if (key === "flush") return flush(ctx, ns, args);
    if (key === "list" || key === "show" || key === "lst") return list();
    return modify(ctx, ns, args, true);
  }
  if (matches(sub, "add") || matches(sub, "change") || sub === "chg" || matches(sub, "replace"))
    return modify(ctx, ns, args, true);
  if (matches(sub, "delete")) return modify(ctx, ns, args, false);
  if (matches(sub, "list") || matches(sub, "show") || matches(sub, "lst")) return list();
  if (matches(sub, "flush")) return flush(ctx, ns, args);
  if (matches(sub, "help")) throw new ToolExit(255, ADDR_USAGE);
  throw new ToolExit(255, `Command "${sub}" is unknown, try "ip address help".\n`);
}

export function netmaskText(prefix: number): string {
  return formatIp(maskOf(prefix));
}
