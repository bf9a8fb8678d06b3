/**
 * `ifconfig IFACE ARGS...`: each word one ioctl, in the order given. net-tools reports a failure
 * and goes on (its exit status is the OR of the failures: 1 for most, -1 for the flag ioctls);
 * busybox dies at the first one. Addresses are read as inet_aton() reads them.
 */
import { parseIp } from "../../../engine/ip";
import {
  ioctlSetAddr,
  ioctlSetBroadcast,
  ioctlSetNetmask,
  KernelError,
  linkByName,
  renameLink,
  setLinkMac,
  setLinkMtu,
  setLinkUp,
} from "../../../engine/linux/kernel";
import type { Link, Netns } from "../../../engine/linux/types";
import { own } from "../../../engine/own";
import { ToolExit } from "../../command";
import type { Ctx } from "../../types";
import { busyboxUsage } from "../busybox";
import { strerror } from "../strerror";
import { canAdminister } from "./common";

/** inet_aton(): 1 to 4 parts, decimal, octal (0…) or hex (0x…), the last part filling the rest. */
export function inetAton(text: string): string | undefined {
  const parts = text.split(".");
  if (parts.length > 4) return undefined;
  const values = parts.map((p) => {
    if (/^0x[0-9a-f]*$/i.test(p)) return Number.parseInt(p.slice(2) || "0", 16);
    if (/^0[0-7]*$/.test(p)) return Number.parseInt(p, 8);
    return /^[1-9]\d*$/.test(p) ? Number(p) : Number.NaN;
  });
  if (values.some((v) => Number.isNaN(v))) return undefined;
  const last = values.pop() ?? 0;
  if (values.some((v) => v > 255) || last >= 2 ** (8 * (4 - values.length))) return undefined;
  const value = values.reduce((acc, v, i) => acc + v * 2 ** (24 - 8 * i), 0) + last;
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** A netmask's prefix length, or undefined when its ones are not contiguous (the kernel's bad_mask). */
function maskPrefix(mask: string): number | undefined {
  const value = parseIp(mask) ?? 0;
  const inverted = ~value >>> 0;
  if ((inverted & (inverted + 1)) !== 0) return undefined;
  return 32 - Math.log2(inverted + 1);
}

const MAC = /^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i;

/** One ioctl on the named device: the errno it fails with, if any. */
type Request = (link: Link) => void;

interface Tool {
  ctx: Ctx;
  ns: Netns;
  /** The device's current name (`name` renames it for the words after). */
  name: string;
}

function ioctl(t: Tool, apply: Request, get = false): string | undefined {
  const link = linkByName(t.ns, t.name);
  if (!link) return "ENODEV";
  if (!get && !canAdminister(t.ctx)) return "EPERM";
  try {
    apply(link);
    return undefined;
  } catch (error) {
    if (error instanceof KernelError) return error.errno;
    throw error;
  }
}

/** The numeric settings both ifconfigs pass to an ioctl, the value read as atoi() reads it. */
const NUMERIC_SETTINGS: Record<string, { op: string; set: (link: Link, n: number) => void }> = {
  mtu: { op: "SIOCSIFMTU", set: setLinkMtu },
  txqueuelen: {
    op: "SIOCSIFTXQLEN",
    set: (link, n) => {
      link.txqlen = n;
    },
  },
};

/** Flags both ifconfigs set or clear that the model does not keep (the ioctls still have to pass). */
const OTHER_FLAGS = ["arp", "trailers", "promisc", "multicast", "allmulti", "dynamic"];

function otherFlag(word: string): boolean {
  return OTHER_FLAGS.includes(word.replace(/^-/, "")) || word === "-broadcast";
}

/** SIOCGIFFLAGS then SIOCSIFFLAGS: both ifconfigs change flags this way; `up` undefined keeps the state. */
function setFlags(t: Tool, up: boolean | undefined): { op: string; errno: string } | undefined {
  const got = ioctl(t, () => {}, true);
  if (got) return { op: "SIOCGIFFLAGS", errno: got };
  const set = ioctl(t, (l) => {
    if (up !== undefined) setLinkUp(t.ctx.world, t.ns, l, up);
  });
  return set ? { op: "SIOCSIFFLAGS", errno: set } : undefined;
}

export const NET_TOOLS_USAGE = `Usage:
  ifconfig [-a] [-v] [-s] <interface> [[<AF>] <address>]
  [add <address>[/<prefixlen>]]
  [del <address>[/<prefixlen>]]
  [[-]broadcast [<address>]]  [[-]pointopoint [<address>]]
  [netmask <address>]  [dstaddr <address>]  [tunnel <address>]
  [outfill <NN>] [keepalive <NN>]
  [hw <HW> <address>]  [mtu <NN>]
  [[-]trailers]  [[-]arp]  [[-]allmulti]
  [multicast]  [[-]promisc]
  [mem_start <NN>]  [io_addr <NN>]  [irq <NN>]  [media <type>]
  [txqueuelen <NN>]
  [name <newname>]
  [[-]dynamic]
  [up|down] ...

  <HW>=Hardware Type.
  List of possible hardware types:
    loop (Local Loopback) slip (Serial Line IP) cslip (VJ Serial Line IP) 
    slip6 (6-bit Serial Line IP) cslip6 (VJ 6-bit Serial Line IP) adaptive (Adaptive Serial Line IP) 
    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) tunnel (IPIP Tunnel) 
    ppp (Point-to-Point Protocol) hdlc ((Cisco)-HDLC) lapb (LAPB) 
    arcnet (ARCnet) dlci (Frame Relay DLCI) frad (Frame Relay Access Device) 
    sit (IPv6-in-IPv4) fddi (Fiber Distributed Data Interface) hippi (HIPPI) 
    irda (IrLAP) ec (Econet) x25 (generic X.25) 
    eui64 (Generic EUI-64) 
  <AF>=Address family. Default: inet
  List of possible address families:
    unix (UNIX Domain) inet (DARPA Internet) inet6 (IPv6) 
    ax25 (AMPR AX.25) netrom (AMPR NET/ROM) rose (AMPR ROSE) 
    ipx (Novell IPX) ddp (Appletalk DDP) ec (Econet) 
    ash (Ash) x25 (CCITT X.25) 
`;

/** net-tools: every word is tried; errors are printed as they come and OR-ed into the exit status. */
export function netToolsSet(ctx: Ctx, ns: Netns, name: string, words: string[]): number {
  const t: Tool = { ctx, ns, name };
  let goterr = 0;
  const fail = (op: string, errno: string | undefined, code = 1): void => {
    if (!errno) return;
    ctx.out.writeErr(`${op}: ${strerror(errno)}\n`);
    goterr = code;
  };
  const flags = (up: boolean | undefined): void => {
    const failed = setFlags(t, up);
    if (!failed) return;
    const text =
      failed.op === "SIOCGIFFLAGS"
        ? `${t.name}: ERROR while getting interface flags: ${strerror(failed.errno)}\n`
        : `SIOCSIFFLAGS: ${strerror(failed.errno)}\n`;
    ctx.out.writeErr(text);
    goterr |= -1;
  };
  let netmask: number | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    const setting = own(NUMERIC_SETTINGS, word);
    const value = (): string => {
      const next = words[++i];
      if (next === undefined) throw new ToolExit(3, NET_TOOLS_USAGE);
      return next;
    };
    if (word === "up" || word === "down") flags(word === "up");
    else if (otherFlag(word)) {
      flags(undefined);
      // IFF_BROADCAST is the driver's: clearing it does not take.
      if (word === "-broadcast" && linkByName(ns, t.name))
        ctx.out.writeErr(`Warning: Interface ${t.name} still in BROADCAST mode.\n`);
    } else if (setting) {
      const n = Number.parseInt(value(), 10) || 0;
      fail(
        setting.op,
        ioctl(t, (l) => setting.set(l, n)),
      );
    } else if (word === "name") {
      const newName = value();
      const errno = ioctl(t, (l) => renameLink(ns, l, newName));
      fail("SIOCSIFNAME", errno);
      if (!errno) t.name = newName;
    } else if (word === "netmask") {
      const mask = inetAton(value());
      if (mask === undefined) {
        ctx.out.writeErr(`${words[i]}: Unknown host\n`);
        goterr = 1;
      } else
        fail(
          "SIOCSIFNETMASK",
          ioctl(t, (l) => ioctlSetNetmask(l, maskPrefix(mask))),
        );
    } else if (word === "broadcast") {
      const next = words[i + 1];
      if (next !== undefined) {
        i++;
        const brd = inetAton(next);
        if (brd === undefined) {
          ctx.out.writeErr(`${next}: Unknown host\n`);
          goterr = 1;
          continue;
        }
        fail(
          "SIOCSIFBRDADDR",
          ioctl(t, (l) => ioctlSetBroadcast(l, brd)),
        );
      }
      flags(true);
    } else if (word === "hw") {
      if (value() !== "ether") throw new ToolExit(3, NET_TOOLS_USAGE);
      const mac = value();
      if (!MAC.test(mac)) {
        ctx.out.writeErr(`${mac}: invalid ether address.\n`);
        goterr = 1;
        continue;
      }
      const normal = mac
        .split(":")
        .map((b) => b.padStart(2, "0").toLowerCase())
        .join(":");
      fail(
        "SIOCSIFHWADDR",
        ioctl(t, (l) => setLinkMac(ctx.world, ns, l, normal)),
      );
    } else {
      // Anything else is the address, with an optional /prefix applied once all words are done.
      const [host = "", len] = word.split("/");
      if (len !== undefined) {
        if (!/^\d+$/.test(len)) throw new ToolExit(3, NET_TOOLS_USAGE);
        netmask = Number(len);
      }
      const ip = host === "default" ? "0.0.0.0" : inetAton(host);
      if (ip === undefined)
        throw new ToolExit(1, `${host}: Unknown host\nifconfig: \`--help' gives usage information.\n`);
      fail(
        "SIOCSIFADDR",
        ioctl(t, (l) => ioctlSetAddr(ns, l, ip)),
      );
      flags(true);
    }
  }
  if (netmask !== undefined) {
    const prefix = netmask;
    fail(
      "SIOCSIFNETMASK",
      ioctl(t, (l) => ioctlSetNetmask(l, prefix <= 32 ? prefix : undefined)),
    );
  }
  return goterr & 0xff;
}

/** busybox: the first failing ioctl ends it, named as busybox names it. */
export function busyboxSet(ctx: Ctx, ns: Netns, name: string, words: string[]): number {
  const t: Tool = { ctx, ns, name };
  const die = (op: string, errno: string | undefined): void => {
    if (errno) throw new ToolExit(1, `ifconfig: ${op}: ${strerror(errno)}\n`);
  };
  const flags = (up: boolean | undefined): void => {
    const failed = setFlags(t, up);
    if (failed) die(failed.op, failed.errno);
  };
  const address = (text: string): string => {
    const ip = text === "default" ? "0.0.0.0" : inetAton(text);
    if (ip === undefined) throw new ToolExit(1, `ifconfig: bad address '${text}'\n`);
    return ip;
  };
  let hadNetmask = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    const setting = own(NUMERIC_SETTINGS, word);
    const value = (): string => {
      const next = words[++i];
      if (next === undefined) throw busyboxUsage("ifconfig");
      return next;
    };
    if (word === "up" || word === "down") flags(word === "up");
    else if (otherFlag(word)) flags(undefined);
    else if (setting) {
      const n = Number.parseInt(value(), 10) || 0;
      die(
        setting.op,
        ioctl(t, (l) => setting.set(l, n)),
      );
    } else if (word === "netmask") {
      if (hadNetmask) throw busyboxUsage("ifconfig");
      hadNetmask = true;
      const mask = address(value());
      die(
        "SIOCSIFNETMASK",
        ioctl(t, (l) => ioctlSetNetmask(l, maskPrefix(mask))),
      );
    } else if (word === "broadcast") {
      const brd = address(value());
      die(
        "SIOCSIFBRDADDR",
        ioctl(t, (l) => ioctlSetBroadcast(l, brd)),
      );
      flags(true);
    } else if (word === "hw") {
      if (value() !== "ether") throw busyboxUsage("ifconfig");
      const mac = value();
      if (!MAC.test(mac)) throw new ToolExit(1, `ifconfig: invalid hw-addr ${mac}\n`);
      die(
        "SIOCSIFHWADDR",
        ioctl(t, (l) => setLinkMac(ctx.world, ns, l, mac.toLowerCase())),
      );
    } else if (
      word.startsWith("-") &&
      ["-mtu", "-netmask", "-txqueuelen", "-hw", "-up", "-down"].includes(word)
    )
      throw new ToolExit(1, `ifconfig: bad: '${word}'\n`);
    else {
      // busybox does not take a /prefix on IPv4 addresses: "1.2.3.4/24" does not resolve.
      const ip = address(word);
      die(
        "SIOCSIFADDR",
        ioctl(t, (l) => ioctlSetAddr(ns, l, ip)),
      );
      flags(true);
    }
  }
  return 0;
}
