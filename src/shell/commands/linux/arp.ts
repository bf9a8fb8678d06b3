/**
 * `arp`: the neighbour table as /proc/net/arp shows it. net-tools prints its Linux-style table by
 * default and the BSD one-liners with -a; busybox always prints the one-liners. `-s` pins an
 * entry (on the device the route to it leaves by), `-d` removes one, through the SIOC*ARP ioctls.
 * Both name each address as the resolver does (/etc/hosts, then a PTR query) unless -n: `?` (or, in
 * the Linux table, the address) when nothing answers.
 */
import { linkByIndex, linkByName } from "../../../engine/linux/kernel";
import type { Neigh, Netns } from "../../../engine/linux/types";
import { neighbourView } from "../../../engine/packet/neighbour";
import { routeOutput } from "../../../engine/packet/route";
import { advanceClock } from "../../../engine/world";
import { ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Ctx, Handler } from "../../types";
import { busyboxBadOption, busyboxUsage } from "../busybox";
import { Getopt, type Problem, problemText } from "../getopt";
import { reverseName } from "../net/resolver";
import { strerror } from "../strerror";
import { canAdminister } from "./common";
import { inetAton } from "./ifconfig-set";

const NET_TOOLS_USAGE = `Usage:
  arp [-vn]  [<HW>] [-i <if>] [-a] [<hostname>]             <-Display ARP cache
  arp [-v]          [-i <if>] -d  <host> [pub]               <-Delete ARP entry
  arp [-vnD] [<HW>] [-i <if>] -f  [<filename>]            <-Add entry from file
  arp [-v]   [<HW>] [-i <if>] -s  <host> <hwaddr> [temp]            <-Add entry
  arp [-v]   [<HW>] [-i <if>] -Ds <host> <if> [netmask <nm>] pub          <-''-

        -a                       display (all) hosts in alternative (BSD) style
        -e                       display (all) hosts in default (Linux) style
        -s, --set                set a new ARP entry
        -d, --delete             delete a specified entry
        -v, --verbose            be verbose
        -n, --numeric            don't resolve names
        -i, --device             specify network interface (e.g. eth0)
        -D, --use-device         read <hwaddr> from given device
        -A, -p, --protocol       specify protocol family
        -f, --file               read new entries from file or from /etc/ethers

  <HW>=Use '-H <hw>' to specify hardware address type. Default: ether
  List of possible hardware types (which support ARP):
    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) arcnet (ARCnet) 
    dlci (Frame Relay DLCI) fddi (Fiber Distributed Data Interface) hippi (HIPPI) 
    irda (IrLAP) x25 (generic X.25) eui64 (Generic EUI-64) 
`;

interface Options {
  bsd: boolean;
  /** `-n`: addresses only, no reverse lookups. */
  numeric?: boolean;
  action: "show" | "delete" | "set";
  device?: string;
  args: string[];
}

/** getopt over net-tools' "A:H:adfp:nsei:t:vh?DNV" or busybox's "A:p:H:t:i:adnDsv". */
function parseOptions(ctx: Ctx, argv: string[], bb: boolean): Options {
  const opts: Options = { bsd: bb, action: "show", args: [] };
  const bad = (problem: Problem): ToolExit => {
    if (!bb) return new ToolExit(3, `${problemText("arp", problem)}\n${NET_TOOLS_USAGE}`);
    return problem.kind === "missing" ? busyboxUsage("arp") : busyboxBadOption("arp")(problem);
  };
  const parsed = new Getopt(argv, bb ? "A:p:H:t:i:adnDsv" : "A:H:adfp:nsei:t:vhDNV", bad);
  for (const { key, value = "" } of parsed) {
    if (key === "h") {
      ctx.out.write(NET_TOOLS_USAGE);
      throw new ToolExit(0);
    }
    if (key === "i") opts.device = value;
    else if ((key === "A" || key === "p") && value !== "inet")
      throw new ToolExit(bb ? 1 : 255, `${bb ? "arp: " : ""}${value}: unknown address family\n`);
    else if ((key === "H" || key === "t") && value !== "ether")
      throw new ToolExit(bb ? 1 : 255, `${bb ? "arp: " : ""}${value}: unknown hardware type\n`);
    else if (key === "a") opts.bsd = true;
    else if (key === "n") opts.numeric = true;
    else if (key === "e") opts.bsd = false;
    else if (key === "d") opts.action = "delete";
    else if (key === "s") opts.action = "set";
  }
  opts.args = parsed.operands;
  return opts;
}

/** The BSD-style line, as both tools print it (busybox puts an extra space before "on"). */
function bsdLine(
  n: Neigh,
  complete: boolean,
  permanent: boolean,
  dev: string,
  bb: boolean,
  name = "?",
): string {
  const at = complete ? `${n.mac} [ether] ` : "<incomplete> ";
  return `${name} (${n.ip}) at ${at}${permanent ? "PERM " : ""}${bb ? " " : ""}on ${dev}\n`;
}

/** The address's name as getnameinfo (busybox) or gethostbyaddr (net-tools) finds it, unless -n. */
function nameOf(ctx: Ctx, ip: string, opts: Options): string | undefined {
  if (opts.numeric) return undefined;
  const r = reverseName(ctx, ip, ctx.world.clock);
  advanceClock(ctx.world, r.end);
  return r.name;
}

function linuxLine(n: Neigh, complete: boolean, permanent: boolean, dev: string, name?: string): string {
  const hw = complete
    ? `${"ether".padEnd(8)}${(n.mac ?? "").padEnd(20)}`
    : `${"".padEnd(8)}${"(incomplete)".padEnd(20)}`;
  const flags = complete ? (permanent ? "CM" : "C") : "";
  return `${(name ?? n.ip).padEnd(23)}  ${hw}${flags.padEnd(6)}${"".padEnd(15)} ${dev}\n`;
}

function show(ctx: Ctx, ns: Netns, opts: Options, bb: boolean): number {
  const name = opts.args[0];
  const host = name === undefined ? undefined : inetAton(name);
  if (name !== undefined && host === undefined)
    throw new ToolExit(bb ? 1 : 255, `${bb ? "arp: " : ""}${name}: Unknown host\n`);
  let out = "";
  let shown = 0;
  // The table as read from /proc/net/arp before any name is looked up (a lookup may add the resolver's entry);
  // it is IPv4's table: neighbour discovery's entries are not in it.
  const arpTable = ns.neigh.filter((n) => !n.ip.includes(":"));
  for (const n of arpTable) {
    const dev = linkByIndex(ns, n.dev)?.name ?? "";
    if ((host !== undefined && n.ip !== host) || (opts.device !== undefined && dev !== opts.device)) continue;
    // /proc/net/arp lists failed and unanswered entries as incomplete.
    const { state } = neighbourView(n, ctx.world.clock);
    const complete = n.mac !== undefined && state !== "FAILED" && state !== "INCOMPLETE";
    const permanent = state === "PERMANENT";
    if (!opts.bsd && shown === 0)
      out += "Address                  HWtype  HWaddress           Flags Mask            Iface\n";
    const named = nameOf(ctx, n.ip, opts);
    out += opts.bsd
      ? bsdLine(n, complete, permanent, dev, bb, named)
      : linuxLine(n, complete, permanent, dev, named);
    shown++;
  }
  if (shown === 0 && (host !== undefined || opts.device !== undefined)) {
    if (bb) out += `No match found in ${arpTable.length} entries\n`;
    else if (host !== undefined && !opts.bsd) out += `${name} (${host}) -- no entry\n`;
    else out += `arp: in ${arpTable.length} entries no match found.\n`;
  }
  ctx.out.write(out);
  return 0;
}

/** SIOCDARP without, then with, ATF_PUBL: the kernel answers ENXIO, then ENOENT, for a missing entry. */
function remove(ctx: Ctx, ns: Netns, opts: Options, bb: boolean): number {
  const name = opts.args[0];
  if (name === undefined) throw new ToolExit(bb ? 1 : 255, "arp: need host name\n");
  const host = inetAton(name);
  if (host === undefined) throw new ToolExit(bb ? 1 : 255, `${bb ? "arp: " : ""}${name}: Unknown host\n`);
  if (!canAdminister(ctx)) {
    const op = bb ? "SIOCDARP(priv)" : "SIOCDARP(dontpub)";
    throw new ToolExit(bb ? 1 : 255, `${bb ? "arp: " : ""}${op}: ${strerror("EPERM")}\n`);
  }
  const link = opts.device !== undefined ? linkByName(ns, opts.device) : undefined;
  if (opts.device !== undefined && !link)
    throw new ToolExit(bb ? 1 : 255, `${bb ? "arp: SIOCDARP(priv)" : "SIOCDARP(dontpub)"}: No such device\n`);
  const entry = ns.neigh.find((n) => n.ip === host && (!link || n.dev === link.ifindex));
  if (!entry) {
    // busybox only recognises ENXIO as "no entry"; the second ioctl's ENOENT kills it.
    if (bb) throw new ToolExit(1, "arp: SIOCDARP(pub): No such file or directory\n");
    ctx.out.write(`No ARP entry for ${host}\n`);
    return 255;
  }
  ns.neigh = ns.neigh.filter((n) => n !== entry);
  return 0;
}

/** SIOCSARP: a complete entry, permanent unless `temp`, on the device the route to the host uses. */
function set(ctx: Ctx, ns: Netns, opts: Options, bb: boolean): number {
  const [name, mac, ...rest] = opts.args;
  const fail = (text: string) => new ToolExit(bb ? 1 : 255, `arp: ${text}\n`);
  if (name === undefined) throw fail("need host name");
  const host = inetAton(name);
  if (host === undefined) throw new ToolExit(bb ? 1 : 255, `${bb ? "arp: " : ""}${name}: Unknown host\n`);
  if (mac === undefined) throw fail("need hardware address");
  if (!/^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i.test(mac)) throw fail("invalid hardware address");
  const temp = rest.includes("temp");
  const ioctlError = (errno: string) =>
    new ToolExit(bb ? 1 : 255, `${bb ? "arp: SIOCSARP" : "SIOCSARP"}: ${strerror(errno)}\n`);
  if (!canAdminister(ctx)) throw ioctlError("EPERM");
  const named = opts.device !== undefined ? linkByName(ns, opts.device) : undefined;
  if (opts.device !== undefined && !named) throw ioctlError("ENODEV");
  // The kernel looks the device up with RTO_ONLINK: only a route without a gateway will do.
  const route = routeOutput(ns, host);
  const dev = named ?? (route.kind === "unicast" && route.nextHop === host ? route.link : undefined);
  if (!dev) throw ioctlError("ENETUNREACH");
  const entry: Neigh = {
    ip: host,
    dev: dev.ifindex,
    mac: mac
      .split(":")
      .map((b) => b.padStart(2, "0").toLowerCase())
      .join(":"),
    state: temp ? "REACHABLE" : "PERMANENT",
    updated: ctx.world.clock,
  };
  ns.neigh = [...ns.neigh.filter((n) => !(n.ip === host && n.dev === dev.ifindex)), entry];
  return 0;
}

const arp: Handler = (ctx) => {
  const ns = netnsOf(ctx);
  const bb = ctx.place.flavor === "busybox";
  const opts = parseOptions(ctx, ctx.argv.slice(1), bb);
  if (opts.action === "delete") return remove(ctx, ns, opts, bb);
  if (opts.action === "set") return set(ctx, ns, opts, bb);
  return show(ctx, ns, opts, bb);
};

export const commands: Command[] = [{ name: "arp", where: ["host", "busybox"], addrconf: true, run: arp }];
