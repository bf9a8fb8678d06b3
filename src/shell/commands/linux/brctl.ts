/**
 * bridge-utils `brctl` (1.7.1 on the lab's host): show bridges and their ports, the learned MAC
 * table, add and delete bridges and ports. It reads the namespace the shell stands in.
 */
import {
  addLink,
  deleteLink,
  ethRandomAddr,
  hasCarrier,
  linkByIndex,
  linkByName,
  type NetnsTable,
  setMaster,
} from "../../../engine/linux/kernel";
import type { Link, Netns } from "../../../engine/linux/types";
import { ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Ctx, Handler } from "../../types";
import { busyboxBrctl } from "./busybox-admin";
import { canAdminister } from "./common";

/** Learned entries the bridge forgets after its ageing time (300 s). */
export const AGEING_MS = 300_000;

const COMMANDS: { name: string; args: number; help: string }[] = [
  { name: "addbr", args: 1, help: "<bridge>\t\tadd bridge" },
  { name: "delbr", args: 1, help: "<bridge>\t\tdelete bridge" },
  { name: "addif", args: 2, help: "<bridge> <device>\tadd interface to bridge" },
  { name: "delif", args: 2, help: "<bridge> <device>\tdelete interface from bridge" },
  { name: "hairpin", args: 3, help: "<bridge> <port> {on|off}\tturn hairpin on/off" },
  { name: "setageing", args: 2, help: "<bridge> <time>\t\tset ageing time" },
  { name: "setbridgeprio", args: 2, help: "<bridge> <prio>\t\tset bridge priority" },
  { name: "setfd", args: 2, help: "<bridge> <time>\t\tset bridge forward delay" },
  { name: "sethello", args: 2, help: "<bridge> <time>\t\tset hello time" },
  { name: "setmaxage", args: 2, help: "<bridge> <time>\t\tset max message age" },
  { name: "setpathcost", args: 3, help: "<bridge> <port> <cost>\tset path cost" },
  { name: "setportprio", args: 3, help: "<bridge> <port> <prio>\tset port priority" },
  { name: "show", args: 0, help: "[ <bridge> ]\t\tshow a list of bridges" },
  { name: "showmacs", args: 1, help: "<bridge>\t\tshow a list of mac addrs" },
  { name: "showstp", args: 1, help: "<bridge>\t\tshow bridge stp info" },
  { name: "stp", args: 2, help: "<bridge> {on|off}\tturn stp on/off" },
];

function help(): string {
  return `Usage: brctl [commands]\ncommands:\n${COMMANDS.map((c) => `\t${c.name.padEnd(10)}\t${c.help}\n`).join("")}`;
}

/** "8000.0242a533991e": priority, then the bridge's MAC without colons. */
export function bridgeId(link: Link): string {
  return `8000.${link.mac.replace(/:/g, "")}`;
}

function byName(a: Link, b: Link): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A bridge's ports in the order brctl lists /sys/class/net/BR/brif: by name. */
function portsOf(ns: Netns, bridge: Link): Link[] {
  return ns.links.filter((l) => l.master === bridge.ifindex).sort(byName);
}

/** STP port state: without STP a port forwards as soon as it is up with a carrier. */
export function portState(ctx: Ctx, ns: Netns, port: Link): "forwarding" | "disabled" {
  return port.up && hasCarrier(ctx.world, ns, port) ? "forwarding" : "disabled";
}

/** The kernel derives a port's path cost from its speed: 10G veths cost 2, 1G NICs 4, unknown 100. */
export function portCost(port: Link): number {
  return port.kind === "veth" ? 2 : port.kind === "ether" ? 4 : 100;
}

function timer(ms: number): string {
  const centis = Math.floor(ms / 10);
  return `${String(Math.floor(centis / 100)).padStart(4)}.${String(centis % 100).padStart(2, "0")}`;
}

function show(ctx: Ctx, ns: Netns, names: string[]): number {
  const header = "bridge name\tbridge id\t\tSTP enabled\tinterfaces\n";
  let printedHeader = false;
  let errors = 0;
  const bridges =
    names.length > 0
      ? names
      : ns.links
          .filter((l) => l.kind === "bridge")
          .sort(byName)
          .map((l) => l.name);
  for (const name of bridges) {
    const bridge = linkByName(ns, name);
    if (bridge?.kind !== "bridge") {
      ctx.out.writeErr(bridge ? `device ${name} is not a bridge!\n` : `bridge ${name} does not exist!\n`);
      errors++;
      continue;
    }
    if (!printedHeader) ctx.out.write(header);
    printedHeader = true;
    const stp = bridge.info?.stp === 1 ? "yes" : "no";
    const ports = portsOf(ns, bridge).map((p) => p.name);
    ctx.out.write(`${name}\t\t${bridgeId(bridge)}\t${stp}\t\t${ports.join("\n\t\t\t\t\t\t\t")}\n`);
  }
  return errors > 0 ? 1 : 0;
}

function showmacs(ctx: Ctx, ns: Netns, name: string): number {
  const bridge = linkByName(ns, name);
  if (!bridge) throw new ToolExit(1, "read of forward table failed: No such device\n");
  if (bridge.kind !== "bridge")
    throw new ToolExit(1, "read of forward table failed: Operation not supported\n");
  const now = ctx.world.clock;
  const entries = (bridge.fdb ?? [])
    .filter((e) => e.local || now - e.seen < AGEING_MS)
    .map((e) => ({ ...e, portNo: linkByIndex(ns, e.port)?.portNo ?? 0 }))
    .sort((a, b) => (a.mac < b.mac ? -1 : a.mac > b.mac ? 1 : 0));
  ctx.out.write("port no\tmac addr\t\tis local?\tageing timer\n");
  for (const e of entries) {
    const age = timer(e.local ? 0 : now - e.seen);
    ctx.out.write(`${String(e.portNo).padStart(3)}\t${e.mac}\t${e.local ? "yes" : "no"}\t\t${age}\n`);
  }
  return 0;
}

/** `brctl showstp BR`: the spanning tree view; with STP off the bridge is its own root. */
function showstp(ctx: Ctx, ns: Netns, name: string): number {
  const bridge = linkByName(ns, name);
  if (bridge?.kind !== "bridge") throw new ToolExit(1, `${name} can't get info No such device\n`);
  const id = bridgeId(bridge);
  // The garbage collector runs every ageing interval / 10 (30 s): the time left until its next run.
  const gc = 30_000 - (ctx.world.clock % 30_000);
  let out = `${name}\n bridge id\t\t${id}\n designated root\t${id}\n root port\t\t   0\t\t\tpath cost\t\t   0\n`;
  out += ` max age\t\t${timer(20_000)}\t\t\tbridge max age\t\t${timer(20_000)}\n`;
  out += ` hello time\t\t${timer(2_000)}\t\t\tbridge hello time\t${timer(2_000)}\n`;
  out += ` forward delay\t\t${timer(15_000)}\t\t\tbridge forward delay\t${timer(15_000)}\n`;
  out += ` ageing time\t\t${timer(AGEING_MS)}\n hello timer\t\t${timer(0)}\t\t\ttcn timer\t\t${timer(0)}\n`;
  out += ` topology change timer\t${timer(0)}\t\t\tgc timer\t\t${timer(gc)}\n flags\t\t\t\n\n\n`;
  for (const port of portsOf(ns, bridge)) {
    const portId = (0x8000 | (port.portNo ?? 0)).toString(16);
    out += `${port.name} (${port.portNo})\n port id\t\t${portId}\t\t\tstate\t\t${portState(ctx, ns, port).padStart(15)}\n`;
    out += ` designated root\t${id}\tpath cost\t\t${String(portCost(port)).padStart(4)}\n`;
    out += ` designated bridge\t${id}\tmessage age timer\t${timer(0)}\n`;
    out += ` designated port\t${portId}\t\t\tforward delay timer\t${timer(0)}\n`;
    out += ` designated cost\t   0\t\t\thold timer\t\t${timer(0)}\n flags\t\t\t\n\n`;
  }
  ctx.out.write(out);
  return 0;
}

function addbr(ctx: Ctx, ns: Netns, name: string): number {
  if (linkByName(ns, name))
    throw new ToolExit(1, `device ${name} already exists; can't create bridge with the same name\n`);
  if (name.length >= 16 || /[/\s]/.test(name)) throw new ToolExit(1, "add bridge failed: Invalid argument\n");
  addLink(ns, { name, kind: "bridge", mac: ethRandomAddr(ctx.world.rng), txqlen: 1000, randomMac: true });
  return 0;
}

function delbr(ctx: Ctx, ns: Netns, name: string): number {
  const bridge = linkByName(ns, name);
  if (!bridge) throw new ToolExit(1, `bridge ${name} doesn't exist; can't delete it\n`);
  if (bridge.kind !== "bridge")
    throw new ToolExit(1, `can't delete bridge ${name}: Operation not permitted\n`);
  if (bridge.up) throw new ToolExit(1, `bridge ${name} is still up; can't delete it\n`);
  deleteLink(ctx.world, ns, bridge);
  return 0;
}

/** addif and delif: each device in turn, stopping at the first failure as brctl does. */
function ports(table: NetnsTable, ns: Netns, brname: string, devices: string[], add: boolean): number {
  for (const ifname of devices) {
    const dev = linkByName(ns, ifname);
    const bridge = linkByName(ns, brname);
    if (!dev) throw new ToolExit(1, `interface ${ifname} does not exist!\n`);
    if (!bridge) throw new ToolExit(1, `bridge ${brname} does not exist!\n`);
    const verb = add ? `can't add ${ifname} to bridge ${brname}` : `can't delete ${ifname} from ${brname}`;
    if (bridge.kind !== "bridge") throw new ToolExit(1, `${verb}: Operation not supported\n`);
    if (!add) {
      if (dev.master !== bridge.ifindex)
        throw new ToolExit(1, `device ${ifname} is not a port of ${brname}\n`);
      setMaster(table, ns, dev, undefined);
      continue;
    }
    if (dev.kind === "bridge")
      throw new ToolExit(
        1,
        `device ${ifname} is a bridge device itself; can't enslave a bridge device to a bridge device.\n`,
      );
    if (dev.master !== undefined)
      throw new ToolExit(
        1,
        `device ${ifname} is already a member of a bridge; can't enslave it to bridge ${brname}.\n`,
      );
    if (dev.kind === "loopback") throw new ToolExit(1, `${verb}: Invalid argument\n`);
    setMaster(table, ns, dev, bridge);
  }
  return 0;
}

/** stp, and the timers and priorities the lab keeps no model of, after brctl's own checks. */
function setting(ns: Netns, cmd: string, args: string[]): number {
  const [brname = "", second = "", third = ""] = args;
  const bridge = linkByName(ns, brname);
  if (cmd === "stp") {
    if (bridge?.kind !== "bridge") throw new ToolExit(1, `set stp status failed: No such device\n`);
    bridge.info = { ...bridge.info, stp: second === "on" || second === "yes" || second === "1" ? 1 : 0 };
    return 0;
  }
  if (cmd === "hairpin") {
    if (!["on", "yes", "1", "off", "no", "0"].includes(third))
      throw new ToolExit(1, "expect on/off for argument\n");
    if (!linkByName(ns, second)) throw new ToolExit(1, `interface ${second} does not exist!\n`);
    if (!bridge) throw new ToolExit(1, `bridge ${brname} does not exist!\n`);
    return 0;
  }
  const value = cmd === "setpathcost" || cmd === "setportprio" ? third : second;
  if (!/^\d+(\.\d+)?$/.test(value)) {
    const what: Record<string, string> = {
      setageing: "bad ageing time value",
      setbridgeprio: "bad priority",
      setfd: "bad forward delay value",
      sethello: "bad hello time value",
      setmaxage: "bad max age value",
      setpathcost: "bad path cost value",
      setportprio: "bad priority value",
    };
    throw new ToolExit(1, `${what[cmd]}\n`);
  }
  if (bridge?.kind !== "bridge") {
    const failed: Record<string, string> = {
      setageing: "set ageing time failed",
      setbridgeprio: "set bridge priority failed",
      setfd: "set forward delay failed",
      sethello: "set hello time failed",
      setmaxage: "set max age failed",
      setpathcost: "set path cost failed",
      setportprio: "set port priority failed",
    };
    throw new ToolExit(1, `${failed[cmd]}: No such device\n`);
  }
  return 0;
}

const brctl: Handler = (ctx) => {
  const args = ctx.argv.slice(1);
  const [first] = args;
  if (first === "-h" || first === "--help") {
    ctx.out.write(help());
    return 0;
  }
  if (first === "-V" || first === "--version") {
    ctx.out.line("bridge-utils, 1.7.1");
    return 0;
  }
  if (first === undefined) {
    ctx.out.write(help());
    return 1;
  }
  if (first.startsWith("-")) {
    ctx.out.writeErr(`brctl: invalid option -- '${first.slice(1, 2)}'\nUnknown option '?'\n`);
    ctx.out.write(help());
    return 1;
  }
  const cmd = COMMANDS.find((c) => c.name === first);
  if (!cmd) {
    ctx.out.writeErr(`never heard of command [${first}]\n`);
    ctx.out.write(help());
    return 1;
  }
  const rest = args.slice(1);
  if (rest.length < cmd.args) {
    ctx.out.write(`Incorrect number of arguments for command\nUsage: brctl ${cmd.name} ${cmd.help}\n`);
    return 1;
  }
  const ns = netnsOf(ctx);
  if (cmd.name === "show") return show(ctx, ns, rest);
  if (cmd.name === "showmacs") return showmacs(ctx, ns, rest[0] ?? "");
  if (cmd.name === "showstp") return showstp(ctx, ns, rest[0] ?? "");
  if (!canAdminister(ctx)) throw new ToolExit(1, `${cmd.name} failed: Operation not permitted\n`);
  if (cmd.name === "addbr") return addbr(ctx, ns, rest[0] ?? "");
  if (cmd.name === "delbr") return delbr(ctx, ns, rest[0] ?? "");
  if (cmd.name === "addif" || cmd.name === "delif")
    return ports(ctx.world, ns, rest[0] ?? "", rest.slice(1), cmd.name === "addif");
  return setting(ns, cmd.name, rest);
};

export const commands: Command[] = [
  {
    name: "brctl",
    where: ["host", "busybox"],
    addrconf: true,
    run: (ctx) => (ctx.place.flavor === "busybox" ? busyboxBrctl(ctx, brctl) : brctl(ctx)),
  },
];
