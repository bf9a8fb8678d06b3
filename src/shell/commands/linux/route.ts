/**
 * The kernel IP routing table as /proc/net/route gives it to `route -n` and `netstat -rn` (net-tools
 * and busybox print it alike), and `route add|del` for default, -net and -host routes.
 */
import { formatCidr, parseCidr } from "../../../engine/ip";
import {
  addRoute,
  delRoute,
  effectiveRoutes,
  KernelError,
  linkByIndex,
  linkByName,
} from "../../../engine/linux/kernel";
import type { Netns } from "../../../engine/linux/types";
import type { Ctx } from "../../types";
import { busyboxUsage, canAdminister, netnsOf, ToolExit, tool } from "./common";
import { netmaskText, parseIpv4 } from "./ip/addr";
import { strerror } from "./ip/args";

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

interface RouteRequest {
  dst: string;
  via?: string;
  dev?: string;
  metric?: number;
}

const BUSYBOX_ROUTE_USAGE = `Usage: route [-ne] [-A inet[6]] [{add|del} [-net|-host] TARGET [netmask MASK]
	[gw GATEWAY] [metric N] [mss BYTES] [window BYTES] [reject] [IFACE]]

Show or edit kernel routing tables

	-n	Don't resolve names
	-e	Display other/more information
	-A inet[6]	Select address family`;

function usageError(ctx: Ctx): ToolExit {
  return ctx.place.flavor === "busybox" ? busyboxUsage(BUSYBOX_ROUTE_USAGE) : new ToolExit(4, ROUTE_USAGE);
}

function parseTarget(words: string[], ctx: Ctx): RouteRequest {
  const usage = () => usageError(ctx);
  let kind: "net" | "host" | undefined;
  let target: string | undefined;
  let netmask: number | undefined;
  const req: Partial<RouteRequest> = {};
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    const next = (): string => {
      const value = words[++i];
      if (value === undefined) throw usage();
      return value;
    };
    if (word === "-net" || word === "-host") kind = word === "-net" ? "net" : "host";
    else if (word === "gw") req.via = parseIpv4(next()) ?? "";
    else if (word === "netmask") {
      const mask = next();
      netmask = [...Array(33).keys()].find((n) => netmaskText(n) === parseIpv4(mask));
    } else if (word === "dev") req.dev = next();
    else if (word === "metric") req.metric = Number(next());
    else if (target === undefined) target = word;
    else req.dev = word;
  }
  if (target === undefined) throw usage();
  if (target === "default") return { ...req, dst: "default" };
  const [addr = "", len] = target.split("/");
  const ip = parseIpv4(addr);
  if (ip === undefined)
    throw new ToolExit(ctx.place.flavor === "busybox" ? 1 : 6, `${target}: Unknown host\n`);
  const prefix = kind === "host" ? 32 : len !== undefined ? Number(len) : (netmask ?? 32);
  const net = parseCidr(`${ip}/${prefix}`, true);
  return { ...req, dst: net && prefix === 0 ? "default" : net ? formatCidr(net) : target };
}

function modify(ctx: Ctx, ns: Netns, words: string[], add: boolean): number {
  const bb = ctx.place.flavor === "busybox";
  const req = parseTarget(words, ctx);
  const ioctl = add ? "SIOCADDRT" : "SIOCDELRT";
  const fail = (errno: string) =>
    new ToolExit(bb ? 1 : 7, `${bb ? "route: " : ""}${ioctl}: ${strerror(errno)}\n`);
  const link = req.dev !== undefined ? linkByName(ns, req.dev) : undefined;
  if (req.dev !== undefined && !link) throw fail("ENODEV");
  if (!canAdminister(ctx)) throw fail("EPERM");
  try {
    if (add)
      addRoute(ctx.world, ns, {
        dst: req.dst,
        ...(req.via ? { via: req.via } : {}),
        ...(link ? { dev: link.ifindex } : {}),
        ...(req.metric ? { metric: req.metric } : {}),
        proto: "boot",
        scope: req.via ? "global" : "link",
      });
    else delRoute(ns, req.dst, { via: req.via, dev: link?.ifindex });
  } catch (error) {
    if (error instanceof KernelError) throw fail(error.errno);
    throw error;
  }
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

export const route = tool((ctx) => {
  const ns = netnsOf(ctx);
  const words = ctx.argv.slice(1);
  const options = words.filter((w) => w.startsWith("-") && w !== "-net" && w !== "-host");
  const rest = words.filter((w) => !options.includes(w));
  if (options.some((o) => o === "-h" || o === "--help")) throw usageError(ctx);
  const numeric = options.some((o) => o === "--numeric" || (/^-[a-zA-Z]+$/.test(o) && o.includes("n")));
  const [sub, ...args] = rest;
  if (sub === "add" || sub === "del" || sub === "delete") return modify(ctx, ns, args, sub === "add");
  if (sub !== undefined) throw usageError(ctx);
  ctx.out.write(routingTable(ctx, ns, numeric, false));
  return 0;
});
