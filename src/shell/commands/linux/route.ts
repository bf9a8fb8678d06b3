/**
 * The kernel IP routing table as /proc/net/route gives it to `route -n` and `netstat -rn` (net-tools
 * and busybox print it alike), and `route add|del` for default, -net and -host routes.
 */
import { formatCidr, formatIp, maskOf, parseCidr, parseIp } from "../../../engine/ip";
import {
  addRoute,
  delRoute,
  effectiveRoutes,
  KernelError,
  linkByIndex,
  linkByName,
} from "../../../engine/linux/kernel";
import type { Netns } from "../../../engine/linux/types";
import { own } from "../../../engine/own";
import { ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Ctx, Handler } from "../../types";
import { busyboxBadOption, busyboxUsage } from "../busybox";
import { Getopt, type Problem, problemText } from "../getopt";
import { strerror } from "../strerror";
import { canAdminister } from "./common";
import { inetAton } from "./ifconfig-set";
import { netmaskText } from "./ip/addr";

/** `route [-n]` and `netstat -r[n]`: the IPv4 main table, gateway routes flagged G, host routes H. */
export function routingTable(ctx: Ctx, ns: Netns, numeric: boolean, netstat: boolean): string {
  let out = "Kernel IP routing table\n";
  out += `Destination     Gateway         Genmask         Flags ${netstat ? "  MSS Window  irtt" : "Metric Ref    Use"} Iface\n`;
  const busybox = ctx.place.flavor === "busybox";
  for (const r of effectiveRoutes(ctx.world, ns)) {
    const net = r.dst === "default" ? { net: 0, prefix: 0 } : parseCidr(r.dst, true);
    if (!net) continue;
    const dst = r.dst === "default" ? (numeric ? "0.0.0.0" : "default") : formatCidr(net).split("/")[0];
    const gw = r.via ?? (numeric || !busybox ? "0.0.0.0" : "*");
    const flags = `U${r.via ? "G" : ""}${net.prefix === 32 ? "H" : ""}`;
    const dev = linkByIndex(ns, r.dev)?.name ?? "";
    const head = `${(dst ?? "").padEnd(15)} ${gw.padEnd(15)} ${netmaskText(net.prefix).padEnd(16)}${flags.padEnd(6)}`;
    out += netstat
      ? `${head}${"0".padStart(5)} ${"0".padEnd(5)} ${"0".padStart(6)} ${dev}\n`
      : `${head}${String(r.metric ?? 0).padEnd(6)} ${"0".padEnd(2)} ${"0".padStart(7)} ${dev}\n`;
  }
  return out;
}

/** net-tools' inet-specific usage (lib/inet_sr.c), for a malformed `route add|del`. */
const INET_ROUTE_USAGE = `Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]
                              [netmask N] [mss Mss] [window W] [irtt I]
                              [mod] [dyn] [reinstate] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject
       inet_route [-FC] flush      NOT supported
`;

/** The rtentry both routes build for SIOCADDRT/SIOCDELRT. */
interface RtEntry {
  dst: number;
  /** rt_genmask, when the words gave one. */
  mask?: number;
  host: boolean;
  gateway?: string;
  metric?: number;
  dev?: string;
}

/** One tool's words for what goes wrong while reading the request. */
interface Dialect {
  usage: () => ToolExit;
  unresolved: (name: string) => ToolExit;
  gatewayIsNetwork: (name: string) => ToolExit;
  hostMask: (inverted: number) => ToolExit;
  bogusMask: (text: string) => ToolExit;
  maskMismatch: () => ToolExit;
  ioctl: (op: string, errno: string) => ToolExit;
}

function dialect(bb: boolean): Dialect {
  const hex = (n: number) => n.toString(16).padStart(8, "0");
  if (bb) {
    const die = (text: string) => new ToolExit(1, `route: ${text}\n`);
    return {
      usage: () => busyboxUsage("route"),
      unresolved: (name) => die(`resolving ${name}`),
      gatewayIsNetwork: (name) => die(`gateway ${name} is a NETWORK`),
      hostMask: (m) => die(`netmask ${hex(m)} and host route conflict`),
      bogusMask: (text) => die(`bogus netmask ${text}`),
      maskMismatch: () => die("netmask and route address conflict"),
      ioctl: (op, errno) => die(`${op}: ${strerror(errno)}`),
    };
  }
  const withUsage = (text: string) => new ToolExit(3, `route: ${text}\n${INET_ROUTE_USAGE}`);
  return {
    usage: () => new ToolExit(3, INET_ROUTE_USAGE),
    unresolved: (name) => new ToolExit(6, `${name}: Unknown host\n`),
    gatewayIsNetwork: (name) => withUsage(`${name}: cannot use a NETWORK as gateway!`),
    hostMask: (m) => withUsage(`netmask ${hex(m)} doesn't make sense with host route`),
    bogusMask: (text) => withUsage(`bogus netmask ${text}`),
    maskMismatch: () => withUsage("netmask doesn't match route address"),
    ioctl: (op, errno) => new ToolExit(7, `${op}: ${strerror(errno)}\n`),
  };
}

/** INET_resolve(): "default" is the 0.0.0.0 network, a dotted quad a host; names are not resolved here. */
function resolve(text: string): { value: number; net: boolean } | undefined {
  if (text === "default") return { value: 0, net: true };
  const ip = inetAton(text);
  return ip === undefined ? undefined : { value: parseIp(ip) ?? 0, net: false };
}

/** Reads `[-net|-host] TARGET[/prefix] [netmask M] [gw G] [metric N] [dev] IF` as both tools do. */
function readRequest(words: string[], d: Dialect, bb: boolean): RtEntry {
  let i = 0;
  const kind = words[0] === "-net" || words[0] === "-host" ? words[i++] : undefined;
  const target = words[i++];
  if (target === undefined) throw d.usage();
  const [host = "", prefix] = target.split("/");
  let mask: number | undefined;
  if (prefix !== undefined) {
    const len = Number(prefix);
    if (!/^\d+$/.test(prefix) || len > 32) {
      if (bb) throw new ToolExit(1, `route: invalid number '${prefix}'\n`);
      throw d.usage();
    }
    mask = maskOf(len);
  }
  const dst = resolve(host);
  if (!dst) throw d.unresolved(bb ? host : target);
  const rt: RtEntry = { dst: dst.value, host: kind ? kind === "-host" : !dst.net };
  let maskText = prefix === undefined ? "default" : `/${prefix}`;
  while (i < words.length) {
    const word = words[i++] ?? "";
    const value = (): string => {
      const next = words[i++];
      if (next === undefined) throw d.usage();
      return next;
    };
    if (word === "metric") {
      const text = value();
      if (!/^\d/.test(text)) throw d.usage();
      rt.metric = Number.parseInt(text, 10);
    } else if (word === "netmask") {
      if (mask !== undefined && bb) throw d.usage();
      maskText = value();
      const m = resolve(maskText);
      if (!m) throw d.unresolved(maskText);
      mask = m.value;
    } else if (word === "gw" || word === "gateway") {
      if (rt.gateway !== undefined) throw d.usage();
      const text = value();
      const gw = resolve(text);
      if (!gw) throw d.unresolved(text);
      if (gw.net) throw d.gatewayIsNetwork(text);
      rt.gateway = formatIp(gw.value);
    } else if (word === "dev" || word === "device") {
      if (rt.dev !== undefined) throw d.usage();
      rt.dev = value();
    } else if (rt.dev === undefined && i === words.length) rt.dev = word;
    else throw d.usage();
  }
  if (mask !== undefined && mask !== 0) {
    const inverted = ~mask >>> 0;
    if (rt.host && inverted !== 0xffffffff) throw d.hostMask(inverted);
    if ((inverted & (inverted + 1)) !== 0) throw d.bogusMask(maskText);
    if ((rt.dst & inverted) !== 0) throw d.maskMismatch();
  }
  if (mask !== undefined) rt.mask = mask;
  return rt;
}

/** The kernel's side of SIOCADDRT/SIOCDELRT (rtentry_to_fib_config, then the FIB). */
function apply(ctx: Ctx, ns: Netns, rt: RtEntry, add: boolean, d: Dialect): void {
  const op = add ? "SIOCADDRT" : "SIOCDELRT";
  if (!canAdminister(ctx)) throw d.ioctl(op, "EPERM");
  const mask = rt.host ? 0xffffffff : (rt.mask ?? 0);
  const inverted = ~mask >>> 0;
  if ((rt.dst & inverted) !== 0 || (inverted & (inverted + 1)) !== 0) throw d.ioctl(op, "EINVAL");
  const link = rt.dev !== undefined ? linkByName(ns, rt.dev) : undefined;
  if (rt.dev !== undefined && !link) throw d.ioctl(op, "ENODEV");
  const prefix = 32 - Math.log2(inverted + 1);
  const dst = prefix === 0 ? "default" : `${formatIp(rt.dst)}/${prefix}`;
  try {
    if (add)
      addRoute(
        ctx.world,
        ns,
        {
          dst,
          ...(rt.gateway ? { via: rt.gateway } : {}),
          ...(link ? { dev: link.ifindex } : {}),
          ...(rt.metric ? { metric: rt.metric } : {}),
          proto: "boot",
          scope: rt.gateway ? "global" : "link",
        },
        { exclusive: false },
      );
    else
      delRoute(ns, dst, { via: rt.gateway, dev: link?.ifindex, ...(rt.metric ? { metric: rt.metric } : {}) });
  } catch (error) {
    if (error instanceof KernelError) throw d.ioctl(op, error.errno);
    throw error;
  }
}

function modify(ctx: Ctx, ns: Netns, words: string[], add: boolean): number {
  const bb = ctx.place.flavor === "busybox";
  const d = dialect(bb);
  // net-tools: `route add` alone shows its inet usage and succeeds.
  if (words.length === 0) {
    if (bb) throw d.usage();
    ctx.out.write(INET_ROUTE_USAGE);
    return 0;
  }
  apply(ctx, ns, readRequest(words, d, bb), add, d);
  return 0;
}

const ROUTE_USAGE = `Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables
       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.

       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.
       route {-V|--version}                  Display version/author and exit.

        -v, --verbose            be verbose
        -n, --numeric            don't resolve names
        -e, --extend             display other/more information
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB

  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) 
    ddp (Appletalk DDP) x25 (CCITT X.25) 
`;

/** net-tools hides these from getopt ("getopts and -net wont work"); busybox's route takes them alike. */
const TARGET_WORDS: Record<string, string> = { "-net": "#net", "-host": "#host" };

/** getopt over net-tools' "A:eCFhnN64Vv" (an unknown option prints the usage, successfully) or busybox's "A:ne". */
function options(ctx: Ctx, words: string[], bb: boolean): { numeric: boolean; rest: string[] } {
  const hidden = words.map((w) => own(TARGET_WORDS, w) ?? w);
  const bad = (problem: Problem): ToolExit => {
    if (bb) return busyboxBadOption("route")(problem);
    ctx.out.writeErr(`${problemText("route", problem)}\n`);
    return usageOk(ctx);
  };
  const long = [{ name: "numeric", key: "n" }, ...(bb ? [] : [{ name: "help", key: "h" }])];
  const parsed = new Getopt(hidden, bb ? "A:ne" : "A:eCFhnN64Vv", bad, long);
  let numeric = false;
  for (const { key } of parsed) {
    if (key === "n") numeric = true;
    else if (key === "h") throw usageOk(ctx);
  }
  const shown = Object.fromEntries(Object.entries(TARGET_WORDS).map(([w, h]) => [h, w]));
  return { numeric, rest: parsed.operands.map((w) => own(shown, w) ?? w) };
}

/** net-tools' route usage on stdout, exit 0 (E_USAGE). */
function usageOk(ctx: Ctx): ToolExit {
  ctx.out.write(ROUTE_USAGE);
  return new ToolExit(0);
}

const route: Handler = (ctx) => {
  const ns = netnsOf(ctx);
  const bb = ctx.place.flavor === "busybox";
  const { numeric, rest } = options(ctx, ctx.argv.slice(1), bb);
  const [sub, ...args] = rest;
  if (sub === "add" || sub === "del" || sub === "delete") return modify(ctx, ns, args, sub === "add");
  if (sub !== undefined) throw bb ? busyboxUsage("route") : new ToolExit(3, ROUTE_USAGE);
  ctx.out.write(routingTable(ctx, ns, numeric, false));
  return 0;
};

export const commands: Command[] = [
  { name: "route", where: ["host", "busybox"], addrconf: true, run: route },
];
