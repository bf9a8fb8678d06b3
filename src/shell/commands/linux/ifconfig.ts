/**
 * `ifconfig`: net-tools on the host and in Debian images, busybox's in busybox and alpine. Shows
 * up interfaces (all with -a, one by name) sorted by name, with the counters the datapath keeps;
 * sets the state, primary address, netmask, broadcast and MTU.
 */
import { inet6Of } from "../../../engine/linux/addrconf";
import {
  addAddr,
  defaultBroadcast,
  delAddr,
  linkByName,
  setLinkMtu,
  setLinkUp,
} from "../../../engine/linux/kernel";
import { IFF, ifFlags } from "../../../engine/linux/link-state";
import type { Link, Netns } from "../../../engine/linux/types";
import type { Ctx } from "../../types";
import { canAdminister, netnsOf, scaledBytes, ToolExit, tool } from "./common";
import { netmaskText, parseIpv4 } from "./ip/addr";

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
    const scope = a6.scope === "host" ? "0x10<host>" : "0x20<link>";
    out += `        inet6 ${a6.ip}  prefixlen ${a6.prefix}  scopeid ${scope}\n`;
  }
  const qlen = link.txqlen ?? 0;
  out +=
    link.kind === "loopback"
      ? `        loop  txqueuelen ${qlen}  (Local Loopback)\n`
      : `        ether ${link.mac}  txqueuelen ${qlen}  (Ethernet)\n`;
  const s = link.stats;
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
    out += `          inet6 addr: ${a6.ip}/${a6.prefix} Scope:${a6.scope === "host" ? "Host" : "Link"}\n`;
  const names = FLAGS.filter(([bit]) => flags & bit).map(([, n]) => `${n} `);
  out += `          ${names.length > 0 ? names.join("") : "[NO FLAGS] "} MTU:${link.mtu}  Metric:1\n`;
  const s = link.stats;
  out += `          RX packets:${s.rxPackets} errors:0 dropped:${s.rxDropped ?? 0} overruns:0 frame:0\n`;
  out += `          TX packets:${s.txPackets} errors:0 dropped:${s.txDropped ?? 0} overruns:0 carrier:0\n`;
  out += `          collisions:0 txqueuelen:${link.txqlen ?? 0} \n`;
  out += `          RX bytes:${s.rxBytes} (${scaledBytes(s.rxBytes)})  TX bytes:${s.txBytes} (${scaledBytes(s.txBytes)})\n\n`;
  return out;
}

/** net-tools lists interfaces in natural order (eth2 before eth10); busybox in plain byte order. */
function sorted(links: Link[], natural: boolean): Link[] {
  const collator = new Intl.Collator("en", { numeric: true });
  return [...links].sort((a, b) =>
    natural ? collator.compare(a.name, b.name) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

/** The classful netmask ifconfig assumes when an address comes without one. */
function classfulPrefix(ip: string): number {
  const first = Number(ip.split(".")[0]);
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}

function configure(ctx: Ctx, ns: Netns, name: string, words: string[], bb: boolean): number {
  const link = linkByName(ns, name);
  const who = bb ? "ifconfig: " : "";
  if (!link) {
    if (bb) throw new ToolExit(1, `ifconfig: SIOCGIFFLAGS: No such device\n`);
    throw new ToolExit(255, `${name}: ERROR while getting interface flags: No such device\n`);
  }
  const refuse = (ioctl: string) => new ToolExit(bb ? 1 : 255, `${who}${ioctl}: Operation not permitted\n`);
  let address: string | undefined;
  let prefix: number | undefined;
  let brd: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    const next = (): string => {
      const value = words[++i];
      if (value === undefined) throw new ToolExit(1, bb ? "" : "ifconfig: option requires an argument\n");
      return value;
    };
    if (word === "up" || word === "down") {
      if (!canAdminister(ctx)) throw refuse("SIOCSIFFLAGS");
      setLinkUp(ns, link, word === "up");
    } else if (word === "mtu") {
      const mtu = Number(next());
      if (!canAdminister(ctx)) throw refuse("SIOCSIFMTU");
      try {
        setLinkMtu(link, mtu);
      } catch {
        throw new ToolExit(bb ? 1 : 255, `${who}SIOCSIFMTU: Invalid argument\n`);
      }
    } else if (word === "netmask") {
      const mask = parseIpv4(next());
      const len = mask === undefined ? undefined : [...Array(33).keys()].find((n) => netmaskText(n) === mask);
      if (len === undefined) throw new ToolExit(1, `${who}SIOCSIFNETMASK: Invalid argument\n`);
      prefix = len;
    } else if (word === "broadcast") brd = parseIpv4(next());
    else {
      const ip = parseIpv4(word.split("/")[0] ?? "");
      if (ip === undefined) throw new ToolExit(1, `${who}${word}: Unknown host\n`);
      address = ip;
      if (word.includes("/")) prefix = Number(word.split("/")[1]);
    }
  }
  if (address !== undefined || prefix !== undefined) {
    if (!canAdminister(ctx)) throw refuse("SIOCSIFADDR");
    const old = link.addrs[0];
    const ip = address ?? old?.ip;
    if (ip) {
      const len = prefix ?? (address !== undefined ? classfulPrefix(ip) : (old?.prefix ?? 32));
      if (old) delAddr(ns, link, old.ip, old.prefix);
      addAddr(ns, link, ip, len, brd ?? defaultBroadcast(ip, len) ?? null);
    }
  }
  return 0;
}

export const ifconfig = tool((ctx) => {
  const ns = netnsOf(ctx);
  const bb = ctx.place.flavor === "busybox";
  let args = ctx.argv.slice(1);
  const all = args[0] === "-a";
  if (all) args = args.slice(1);
  if (args.length >= 2) return configure(ctx, ns, args[0] ?? "", args.slice(1), bb);
  const render = (link: Link) => (bb ? busybox(ctx, ns, link) : netTools(ctx, ns, link));
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
  for (const link of sorted(ns.links, !bb)) if (all || link.up) ctx.out.write(render(link));
  return 0;
});
