/**
 * `ip link` and the listing half of `ip addr`: show with iproute2's filters, add veth pairs, bridges
 * and dummies, set up/down, name, address, mtu, qlen, master and netns, delete. iproute2 talks
 * netlink; busybox uses ioctls for most settings, and says so in its errors.
 */
import {
  addLink,
  addVethPair,
  deleteLink,
  ethRandomAddr,
  KernelError,
  linkByName,
  moveLink,
  type NetnsTable,
  renameLink,
  setLinkMac,
  setLinkMtu,
  setLinkUp,
  setMaster,
} from "../../../../engine/linux/kernel";
import type { Link, Netns } from "../../../../engine/linux/types";
import { ToolExit } from "../../../command";
import type { Ctx } from "../../../types";
import { busyboxUsage } from "../../busybox";
import { strerror } from "../../strerror";
import { canAdminister } from "../common";
import { findNamedNetns, namesMachine } from "../netns-names";
import { type Args, deviceNamed, duparg2, invarg, kernel, matches, rtnetlink, type Style } from "./args";
import type { Globals } from "./globals";
import { type ShowOptions, showLinks, type View } from "./show";
import { LINK_USAGE } from "./usage";

/** The filters `ip link show` and `ip addr show` accept, read into listing options. */
export function parseShowFilters(args: Args, ns: Netns, base: ShowOptions): ShowOptions {
  const opts = { ...base };
  let dev: string | undefined;
  while (!args.done) {
    const word = args.take();
    if (word === "up") opts.up = true;
    else if (word === "type") opts.kind = args.value();
    else if (word === "master") {
      const name = args.value();
      const master = linkByName(ns, name);
      if (!master) throw invarg(args.style, "Device does not exist\n", name);
      opts.master = master.ifindex;
    } else {
      const name = word === "dev" ? args.value() : word;
      if (word !== "dev" && matches(word, "help")) throw usage(args.style);
      if (dev !== undefined) throw duparg2(args.style, "dev", name);
      dev = name;
    }
  }
  if (dev !== undefined) {
    const link = linkByName(ns, dev);
    if (!link) {
      if (args.style === "busybox") throw new ToolExit(opts.link ? 2 : 1, `ip: can't find device '${dev}'\n`);
      throw new ToolExit(1, `Device "${dev}" does not exist.\n`);
    }
    opts.ifindex = link.ifindex;
  }
  return opts;
}

/** `ip link show` and `ip addr show` (`link`: links only, as `ip -0 addr` lists too), after the filters. */
export function listLinks(ctx: Ctx, view: View, args: Args, g: Globals, link: boolean): number {
  const opts = parseShowFilters(args, view.ns, {
    link,
    family: link || g.family === "link" ? "any" : g.family,
    brief: g.brief,
    oneline: g.oneline,
    stats: g.stats > 0,
    details: g.details && view.style === "iproute2",
  });
  ctx.out.write(showLinks(view, opts));
  return 0;
}

export function usage(style: Style): ToolExit {
  return style === "busybox" ? busyboxUsage("ip") : new ToolExit(255, LINK_USAGE);
}

/** What `ip link add` and `ip link set` were asked for. */
interface LinkSpec {
  dev?: string;
  name?: string;
  up?: boolean;
  mac?: string;
  mtu?: number;
  qlen?: number;
  /** Bridge ifindex, or 0 for nomaster. */
  master?: number;
  netns?: string;
  type?: string;
  peer?: LinkSpec;
}

function checkIfname(style: Style, name: string): void {
  if (name === "" || name.length >= 16 || name === "." || name === ".." || /[/\s]/.test(name))
    throw invarg(style, '"name" not a valid ifname', name);
}

/** ll_addr_a2n(): hex bytes separated by colons. */
function parseMac(style: Style, text: string): string {
  const parts = text.split(":");
  const bytes = parts.map((p) => (/^[0-9a-fA-F]{1,2}$/.test(p) ? Number.parseInt(p, 16) : Number.NaN));
  if (bytes.some((b) => Number.isNaN(b))) {
    const bad = parts.find((p) => !/^[0-9a-fA-F]{1,2}$/.test(p)) ?? text;
    throw new ToolExit(style === "busybox" ? 2 : 1, `"${bad}" is invalid lladdr.\n`);
  }
  if (bytes.length !== 6) throw new ToolExit(1, `Invalid address length ${bytes.length} - must be 6 bytes\n`);
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
}

function integer(style: Style, text: string, what: string): number {
  if (!/^\d+$/.test(text)) throw invarg(style, `Invalid "${what}" value\n`, text);
  return Number(text);
}

/** iplink_parse(): the words of `ip link add|set`, up to `type` whose arguments follow. */
function parseSpec(args: Args, ns: Netns, create: boolean): LinkSpec {
  const spec: LinkSpec = {};
  const style = args.style;
  while (!args.done) {
    const word = args.take();
    if (word === "up") spec.up = true;
    else if (word === "down") spec.up = false;
    else if (word === "name") {
      const name = args.value();
      if (spec.name !== undefined)
        throw new ToolExit(255, `Error: duplicate "name": "${name}" is the second value.\n`);
      checkIfname(style, name);
      spec.name = name;
      spec.dev ??= name;
    } else if (matches(word, "address")) spec.mac = parseMac(style, args.value());
    else if (matches(word, "txqueuelen") || word === "qlen" || matches(word, "txqlen"))
      spec.qlen = integer(style, args.value(), "txqueuelen");
    else if (word === "mtu") spec.mtu = integer(style, args.value(), "mtu");
    else if (word === "netns") spec.netns = args.value();
    else if (matches(word, "master")) {
      const name = args.value();
      const master = linkByName(ns, name);
      if (!master) throw invarg(style, "Device does not exist\n", name);
      spec.master = master.ifindex;
    } else if (matches(word, "nomaster")) spec.master = 0;
    else if (matches(word, "type")) {
      spec.type = args.value();
      // A veth's arguments describe its peer; other kinds' options are left to their drivers.
      if (create && spec.type === "veth" && !args.done) spec.peer = parsePeer(args, ns);
      else args.rest();
      break;
    } else {
      if (matches(word, "help")) throw usage(style);
      const dev = word === "dev" ? args.value() : word;
      if (spec.dev !== undefined && spec.dev !== spec.name) throw duparg2(style, "dev", dev);
      spec.dev = dev;
    }
  }
  if (spec.name === undefined) spec.name = spec.dev;
  return spec;
}

function parsePeer(args: Args, ns: Netns): LinkSpec {
  if (args.take() !== "peer") throw usage(args.style);
  return parseSpec(args, ns, false);
}

/** `netns NAME|PID`: a name under /var/run/netns, else a process's namespace. */
function targetNetns(ctx: Ctx, style: Style, arg: string): Netns {
  const machine = namesMachine(ctx);
  const named = machine && !arg.includes("/") ? findNamedNetns(ctx.world, machine, arg) : undefined;
  const id = named ? named.netns : /^\d+$/.test(arg) ? machine?.procs[arg]?.netns : undefined;
  const ns = id ? ctx.world.netns[id] : undefined;
  if (!ns) throw invarg(style, 'Invalid "netns" value\n', arg);
  return ns;
}

/** The lowest free name from a kernel template ("veth%d"). */
function freeName(ns: Netns, base: string, taken: string[] = []): string {
  for (let i = 0; ; i++) {
    const name = `${base}${i}`;
    if (!linkByName(ns, name) && !taken.includes(name)) return name;
  }
}

/** How a place refuses a change without CAP_NET_ADMIN: netlink's EPERM, or busybox's failing ioctl. */
function refuse(style: Style, ioctl?: string): ToolExit {
  if (style === "busybox" && ioctl) return new ToolExit(2, `ip: ${ioctl}: Operation not permitted\n`);
  return rtnetlink(style, "EPERM");
}

function addLinks(ctx: Ctx, ns: Netns, spec: LinkSpec, style: Style): number {
  if (!spec.type) throw new ToolExit(1, 'Not enough information: "type" argument is required\n');
  if (!canAdminister(ctx)) throw refuse(style);
  if (!["veth", "bridge", "dummy"].includes(spec.type))
    throw rtnetlink(style, "EOPNOTSUPP", "Unknown device type");
  const rng = ctx.world.rng;
  kernel(style, () => {
    if (spec.type === "veth") {
      const name = spec.name ?? freeName(ns, "veth");
      const peerName = spec.peer?.name ?? freeName(ns, "veth", [name]);
      // The kernel registers the peer first, so it gets the lower ifindex.
      const [peer, dev] = addVethPair(
        ns,
        { name: peerName, kind: "veth", mac: spec.peer?.mac ?? ethRandomAddr(rng), txqlen: 1000 },
        { name, kind: "veth", mac: spec.mac ?? ethRandomAddr(rng), txqlen: 1000 },
      );
      applyCreated(ctx.world, ns, dev, spec);
      if (spec.peer) applyCreated(ctx.world, ns, peer, spec.peer);
      return;
    }
    const kind = spec.type === "bridge" ? "bridge" : "dummy";
    const name = spec.name ?? freeName(ns, kind);
    const mac = spec.mac ?? ethRandomAddr(rng);
    const link = addLink(ns, { name, kind, mac, txqlen: 1000, randomMac: spec.mac === undefined });
    applyCreated(ctx.world, ns, link, spec);
  });
  return 0;
}

function applyCreated(table: NetnsTable, ns: Netns, link: Link, spec: LinkSpec): void {
  if (spec.mtu !== undefined) setLinkMtu(link, spec.mtu);
  if (spec.qlen !== undefined) link.txqlen = spec.qlen;
  if (spec.up) setLinkUp(table, ns, link, true);
}

function requireDev(style: Style, spec: LinkSpec): string {
  if (spec.dev !== undefined) return spec.dev;
  if (style === "busybox") throw new ToolExit(2, 'ip: "dev" requires an argument\n');
  throw new ToolExit(255, 'Not enough information: "dev" argument is required.\n');
}

/**
 * busybox's `ip link set`: one ioctl (or netlink request) per setting, in its own order, each naming
 * itself when it fails; the flags ioctl is skipped when the flags are already as asked.
 */
function busyboxSet(ctx: Ctx, ns: Netns, spec: LinkSpec): number {
  const dev = requireDev("busybox", spec);
  const link = linkByName(ns, dev);
  const admin = canAdminister(ctx);
  const step = (ioctl: string | undefined, lookup: string | undefined, apply: (l: Link) => void): void => {
    if (!link) {
      if (lookup === undefined) throw new ToolExit(2, `ip: can't find device '${dev}'\n`);
      throw new ToolExit(2, `ip: ${lookup}: No such device\n`);
    }
    const failed = (errno: string) =>
      ioctl === undefined
        ? rtnetlink("busybox", errno)
        : new ToolExit(2, `ip: ${ioctl}: ${strerror(errno)}\n`);
    if (!admin) throw failed("EPERM");
    try {
      apply(link);
    } catch (error) {
      if (error instanceof KernelError) throw failed(error.errno);
      throw error;
    }
  };
  const { mac, name, qlen, mtu, master, netns, up } = spec;
  if (mac !== undefined) step("SIOCSIFHWADDR", "SIOCGIFINDEX", (l) => setMac(ctx.world, ns, l, mac));
  if (name !== undefined && name !== dev) step("SIOCSIFNAME", "SIOCSIFNAME", (l) => renameLink(ns, l, name));
  if (qlen !== undefined)
    step("SIOCSIFTXQLEN", "SIOCSIFTXQLEN", (l) => {
      l.txqlen = qlen;
    });
  if (mtu !== undefined) step("SIOCSIFMTU", "SIOCSIFMTU", (l) => setLinkMtu(l, mtu));
  if (master !== undefined) step(undefined, undefined, (l) => enslave(ctx.world, ns, l, master));
  let home = ns;
  if (netns !== undefined) {
    const target = targetNetns(ctx, "busybox", netns);
    step(undefined, undefined, (l) => {
      moveTo(ctx, ns, l, target);
      home = target;
    });
  }
  if (up !== undefined && (!link || link.up !== up))
    step("SIOCSIFFLAGS", "SIOCGIFFLAGS", (l) => setLinkUp(ctx.world, home, l, up));
  return 0;
}

/** A multicast address cannot be a device's own. */
function setMac(table: NetnsTable, ns: Netns, link: Link, mac: string): void {
  if (Number.parseInt(mac.slice(0, 2), 16) & 1) throw new KernelError("EADDRNOTAVAIL");
  setLinkMac(table, ns, link, mac);
}

/** Loopback and bridges are netns-local (NETIF_F_NETNS_LOCAL). */
function moveTo(ctx: Ctx, ns: Netns, link: Link, target: Netns): void {
  if (link.kind === "loopback" || link.kind === "bridge") throw new KernelError("EINVAL");
  moveLink(ctx.world, ns, link, target);
}

/** iproute2's `ip link set`: one netlink request the kernel applies setting by setting. */
function setLink(ctx: Ctx, ns: Netns, spec: LinkSpec, style: Style): number {
  if (spec.type) throw rtnetlink(style, "EOPNOTSUPP");
  const target = spec.netns !== undefined ? targetNetns(ctx, style, spec.netns) : undefined;
  const dev = requireDev(style, spec);
  const link = deviceNamed(ns, style, dev);
  if (!canAdminister(ctx)) throw refuse(style);
  kernel(style, () => {
    // In the kernel's order: move first, then the settings the new namespace sees.
    let home = ns;
    if (target) {
      moveTo(ctx, ns, link, target);
      home = target;
    }
    if (spec.mac !== undefined) setMac(ctx.world, home, link, spec.mac);
    if (spec.mtu !== undefined) setLinkMtu(link, spec.mtu);
    if (spec.name !== undefined && spec.name !== dev) renameLink(home, link, spec.name);
    if (spec.qlen !== undefined) link.txqlen = spec.qlen;
    if (spec.up !== undefined) setLinkUp(ctx.world, home, link, spec.up);
    if (spec.master !== undefined) enslave(ctx.world, home, link, spec.master);
  });
  return 0;
}

function enslave(table: NetnsTable, ns: Netns, link: Link, master: number): void {
  const bridge = master === 0 ? undefined : ns.links.find((l) => l.ifindex === master);
  if (bridge && bridge.kind !== "bridge") throw new KernelError("EOPNOTSUPP");
  if (bridge && link.kind === "bridge")
    throw new KernelError("ELOOP", undefined, "Can not enslave a bridge to a bridge");
  if (bridge && link.kind === "loopback") throw new KernelError("EINVAL");
  setMaster(table, ns, link, bridge);
}

function deleteLinkNamed(ctx: Ctx, ns: Netns, spec: LinkSpec, style: Style): number {
  const dev = requireDev(style, spec);
  const link = deviceNamed(ns, style, dev);
  if (!canAdminister(ctx)) throw refuse(style);
  if (link.kind === "loopback" || link.kind === "ether") throw rtnetlink(style, "EOPNOTSUPP");
  deleteLink(ctx.world, ns, link);
  return 0;
}

/** busybox's `ip link set` words: keywords by substring, anything else is the device. */
function parseBusyboxSpec(args: Args, ns: Netns): LinkSpec {
  const spec: LinkSpec = {};
  const keywords = [
    "up",
    "down",
    "name",
    "mtu",
    "qlen",
    "multicast",
    "arp",
    "promisc",
    "address",
    "netns",
    "master",
    "nomaster",
    "dev",
  ];
  while (!args.done) {
    const word = args.take();
    const key = keywords.find((k) => k.startsWith(word)) ?? "dev";
    if (key === "up" || key === "down") spec.up = key === "up";
    else if (key === "name") spec.name = args.value();
    else if (key === "mtu" || key === "qlen") {
      const value = args.value();
      if (!/^\d+$/.test(value)) throw new ToolExit(2, `ip: invalid argument '${value}' to '${key}'\n`);
      if (key === "mtu") spec.mtu = Number(value);
      else spec.qlen = Number(value);
    } else if (key === "address") spec.mac = parseMac("busybox", args.value());
    else if (key === "netns") spec.netns = args.value();
    else if (key === "master") {
      const name = args.value();
      const master = linkByName(ns, name);
      if (!master) throw new ToolExit(2, `ip: can't find device '${name}'\n`);
      spec.master = master.ifindex;
    } else if (key === "nomaster") spec.master = 0;
    else if (key === "multicast" || key === "arp" || key === "promisc") {
      const value = args.value();
      if (value !== "on" && value !== "off")
        throw new ToolExit(2, `ip: argument of "${key}" must be "on" or "off"\n`);
    } else {
      const dev = word === "dev" ? args.value() : word;
      if (spec.dev !== undefined)
        throw new ToolExit(2, `ip: either "dev" is duplicate, or "${dev}" is garbage\n`);
      spec.dev = dev;
    }
  }
  return spec;
}

export function ipLink(ctx: Ctx, view: View, args: Args, g: Globals): number {
  const ns = view.ns;
  const style = args.style;
  const list = () => listLinks(ctx, view, args, g, true);
  const sub = args.done ? undefined : args.take();
  if (sub === undefined) return list();
  if (style === "busybox") {
    const key = ["add", "delete", "set", "show", "lst", "list"].find((k) => k.startsWith(sub));
    if (!key) throw new ToolExit(2, `ip: invalid argument '${sub}' to 'ip'\n`);
    if (key === "set") return busyboxSet(ctx, ns, parseBusyboxSpec(args, ns));
    if (key === "add") return addLinks(ctx, ns, parseSpec(args, ns, true), style);
    if (key === "delete") return deleteLinkNamed(ctx, ns, parseSpec(args, ns, false), style);
    return list();
  }
  if (matches(sub, "add")) return addLinks(ctx, ns, parseSpec(args, ns, true), style);
  if (matches(sub, "set") || matches(sub, "change"))
    return setLink(ctx, ns, parseSpec(args, ns, false), style);
  if (matches(sub, "delete")) return deleteLinkNamed(ctx, ns, parseSpec(args, ns, false), style);
  if (matches(sub, "show") || matches(sub, "lst") || matches(sub, "list")) return list();
  if (matches(sub, "help")) throw usage(style);
  throw new ToolExit(255, `Command "${sub}" is unknown, try "ip link help".\n`);
}
