/**
 * `ifconfig`: net-tools on the host and in Debian images, busybox's in busybox and alpine. Shows
 * up interfaces (all with -a, one by name) sorted by name, with the counters the datapath keeps;
 * sets the state, primary address, netmask, broadcast and MTU.
 */
import { inet6Of } from "../../../engine/linux/addrconf";
import { linkByName, statsOf } from "../../../engine/linux/kernel";
import { IFF, ifFlags } from "../../../engine/linux/link-state";
import type { Link, Netns } from "../../../engine/linux/types";
import { ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Ctx, Handler } from "../../types";
import { scaledBytes } from "./common";
import { busyboxSet, NET_TOOLS_USAGE, netToolsSet } from "./ifconfig-set";
import { netmaskText } from "./ip/addr";

/** Flag names in the order both ifconfigs print them. */
const FLAGS: [number, string][] = [
  [IFF.UP, "UP"],
  [IFF.BROADCAST, "BROADCAST"],
  [IFF.LOOPBACK, "LOOPBACK"],
  [IFF.RUNNING, "RUNNING"],
  [IFF.NOARP, "NOARP"],
  [IFF.MULTICAST, "MULTICAST"],
];

function netTools(ctx: Ctx, ns: Netns, link: Link): string {
  const flags = ifFlags(ctx.world, ns, link) & 0xffff;
  const names = FLAGS.filter(([bit]) => flags & bit).map(([, n]) => n);
  let out = `${link.name}: flags=${flags}<${names.join(",")}>  mtu ${link.mtu}\n`;
  const a = link.addrs[0];
  if (a) {
    out += `        inet ${a.ip}  netmask ${netmaskText(a.prefix)}`;
    if (flags & IFF.BROADCAST) out += `  broadcast ${a.brd ?? "0.0.0.0"}`;
    out += "\n";
  }
  for (const a6 of inet6Of(link)) {
    const scope = a6.scope === "host" ? "0x10<host>" : a6.scope === "link" ? "0x20<link>" : "0x0<global>";
    out += `        inet6 ${a6.ip}  prefixlen ${a6.prefix}  scopeid ${scope}\n`;
  }
  const qlen = link.txqlen ?? 0;
  out +=
    link.kind === "loopback"
      ? `        loop  txqueuelen ${qlen}  (Local Loopback)\n`
      : `        ether ${link.mac}  txqueuelen ${qlen}  (Ethernet)\n`;
  const s = statsOf(link);
  out += `        RX packets ${s.rxPackets}  bytes ${s.rxBytes} (${scaledBytes(s.rxBytes)})\n`;
  out += `        RX errors 0  dropped ${s.rxDropped ?? 0}  overruns 0  frame 0\n`;
  out += `        TX packets ${s.txPackets}  bytes ${s.txBytes} (${scaledBytes(s.txBytes)})\n`;
  out += `        TX errors 0  dropped ${s.txDropped ?? 0} overruns 0  carrier 0  collisions 0\n\n`;
  return out;
}

function busybox(ctx: Ctx, ns: Netns, link: Link): string {
  const flags = ifFlags(ctx.world, ns, link);
  const loop = link.kind === "loopback";
  let out = `${link.name.padEnd(9)} Link encap:${loop ? "Local Loopback" : "Ethernet"}  `;
  if (!loop) out += `HWaddr ${link.mac.toUpperCase()}  `;
  out += "\n";
  const a = link.addrs[0];
  if (a) {
    out += `          inet addr:${a.ip} `;
    if (flags & IFF.BROADCAST) out += ` Bcast:${a.brd ?? "0.0.0.0"} `;
    out += ` Mask:${netmaskText(a.prefix)}\n`;
  }
  for (const a6 of inet6Of(link))
    out += `          inet6 addr: ${a6.ip}/${a6.prefix} Scope:${a6.scope === "host" ? "Host" : a6.scope === "link" ? "Link" : "Global"}\n`;
  const names = FLAGS.filter(([bit]) => flags & bit).map(([, n]) => `${n} `);
  out += `          ${names.length > 0 ? names.join("") : "[NO FLAGS] "} MTU:${link.mtu}  Metric:1\n`;
  const s = statsOf(link);
  out += `          RX packets:${s.rxPackets} errors:0 dropped:${s.rxDropped ?? 0} overruns:0 frame:0\n`;
  out += `          TX packets:${s.txPackets} errors:0 dropped:${s.txDropped ?? 0} overruns:0 carrier:0\n`;
  out += `          collisions:0 txqueuelen:${link.txqlen ?? 0} \n`;
  out += `          RX bytes:${s.rxBytes} (${scaledBytes(s.rxBytes)})  TX bytes:${s.txBytes} (${scaledBytes(s.txBytes)})\n\n`;
  return out;
}

/** net-tools lists interfaces in natural order (eth2 before eth10); busybox in plain byte order. */
export function interfaceOrder(links: Link[], natural = true): Link[] {
  const collator = new Intl.Collator("en", { numeric: true });
  return [...links].sort((a, b) =>
    natural ? collator.compare(a.name, b.name) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

/** net-tools' one-line form (`ifconfig -s`, `netstat -i`), with its header as misaligned as the real one. */
export const SHORT_HEADER =
  "Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n";

export function shortLine(ctx: Ctx, ns: Netns, link: Link): string {
  const flags = ifFlags(ctx.world, ns, link);
  const s = statsOf(link);
  const letters: [number, string][] = [
    [IFF.BROADCAST, "B"],
    [IFF.LOOPBACK, "L"],
    [IFF.MULTICAST, "M"],
    [IFF.NOARP, "O"],
    [IFF.RUNNING, "R"],
    [IFF.UP, "U"],
  ];
  const rx = `${String(s.rxPackets).padStart(8)} ${"0".padStart(6)} ${String(s.rxDropped ?? 0).padStart(6)} ${"0".padEnd(6)}`;
  const tx = `${String(s.txPackets).padStart(8)} ${"0".padStart(6)} ${String(s.txDropped ?? 0).padStart(6)} ${"0".padStart(6)}`;
  const names = letters.filter(([bit]) => flags & bit).map(([, l]) => l);
  return `${link.name.slice(0, 15).padEnd(15)} ${String(link.mtu).padStart(5)} ${rx} ${tx} ${names.join("") || "[NO FLAGS]"}\n`;
}

/** net-tools' leading options; busybox takes only `-a`, and only first. */
function options(ctx: Ctx, args: string[], bb: boolean): { all: boolean; short: boolean; rest: string[] } {
  if (bb)
    return args[0] === "-a"
      ? { all: true, short: false, rest: args.slice(1) }
      : { all: false, short: false, rest: args };
  let all = false;
  let short = false;
  let i = 0;
  for (; i < args.length && args[i]?.startsWith("-"); i++) {
    const opt = args[i];
    if (opt === "-a") all = true;
    else if (opt === "-s") short = true;
    else if (opt === "-V" || opt === "-version" || opt === "--version") {
      ctx.out.write("net-tools 2.10\n");
      throw new ToolExit(0);
    } else if (["-?", "-h", "-help", "--help"].includes(opt ?? "")) {
      ctx.out.write(NET_TOOLS_USAGE);
      throw new ToolExit(0);
    } else if (opt !== "-v")
      throw new ToolExit(
        1,
        `ifconfig: option \`${opt}' not recognised.\nifconfig: \`--help' gives usage information.\n`,
      );
  }
  return { all, short, rest: args.slice(i) };
}

const ifconfig: Handler = (ctx) => {
  const ns = netnsOf(ctx);
  const bb = ctx.place.flavor === "busybox";
  const { all, short, rest: args } = options(ctx, ctx.argv.slice(1), bb);
  const [dev = "", ...words] = args;
  if (words.length > 0) return bb ? busyboxSet(ctx, ns, dev, words) : netToolsSet(ctx, ns, dev, words);
  if (short) ctx.out.write(SHORT_HEADER);
  const render = (link: Link) =>
    short ? shortLine(ctx, ns, link) : bb ? busybox(ctx, ns, link) : netTools(ctx, ns, link);
  const name = args[0];
  if (name !== undefined) {
    const link = linkByName(ns, name);
    if (!link) {
      const prefix = bb ? "ifconfig: " : "";
      throw new ToolExit(1, `${prefix}${name}: error fetching interface information: Device not found\n`);
    }
    ctx.out.write(render(link));
    return 0;
  }
  for (const link of interfaceOrder(ns.links, !bb)) if (all || link.up) ctx.out.write(render(link));
  return 0;
};

export const commands: Command[] = [
  { name: "ifconfig", where: ["host", "busybox"], addrconf: true, run: ifconfig },
];
