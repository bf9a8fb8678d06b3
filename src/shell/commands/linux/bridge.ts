/**
 * iproute2's `bridge`: `bridge link` lists bridge ports with their STP state, `bridge fdb` the
 * forwarding database: each port's learned and local MACs (`master BR`) and each device's own
 * multicast addresses (`self permanent`), device by device as the kernel dumps them.
 */
import { linkByIndex, linkByName, nsidOf } from "../../../engine/linux/kernel";
import { ifFlags } from "../../../engine/linux/link-state";
import type { Link, Netns } from "../../../engine/linux/types";
import { ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Ctx, Handler } from "../../types";
import { AGEING_MS, portCost, portState } from "./brctl";
import { matches } from "./ip/args";
import { flagList, nameWithPeer } from "./ip/show";

const USAGE = `Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }
       bridge [ -force ] -batch filename
where  OBJECT := { link | fdb | mdb | vlan | monitor }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |
                    -o[neline] | -t[imestamp] | -n[etns] name |
                    -c[ompressvlans] -color -p[retty] -j[son] }
`;

function view(ctx: Ctx, ns: Netns) {
  return { world: ctx.world, ns, machine: ctx.world.machines[ctx.place.machine], style: "iproute2" as const };
}

function link(ctx: Ctx, ns: Netns, words: string[]): number {
  const [sub, ...rest] = words;
  if (sub !== undefined && !["show", "lst", "list"].some((k) => matches(sub, k))) {
    if (matches(sub, "help")) throw new ToolExit(255, USAGE);
    if (matches(sub, "set") || matches(sub, "change"))
      throw new ToolExit(255, "Device is a required argument\n");
    throw new ToolExit(255, `Command "${sub}" is unknown, try "bridge link help".\n`);
  }
  let dev: Link | undefined;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    const name = word === "dev" ? rest[++i] : word;
    if (name === undefined) throw new ToolExit(255, 'Command line is not complete. Try option "help"\n');
    dev = linkByName(ns, name);
    if (!dev) throw new ToolExit(255, `Cannot find device "${name}"\n`);
  }
  const v = view(ctx, ns);
  for (const port of ns.links.filter((l) => l.master !== undefined && (!dev || l === dev))) {
    const master = linkByIndex(ns, port.master ?? 0)?.name ?? "";
    const flags = flagList(ifFlags(ctx.world, ns, port));
    ctx.out.write(
      `${port.ifindex}: ${nameWithPeer(v, port)}: <${flags}> mtu ${port.mtu} master ${master} state ${portState(ctx, ns, port)} priority 32 cost ${portCost(port)} \n`,
    );
  }
  return 0;
}

/** A device's own link-layer multicast memberships, in the order the kernel joins them. */
function multicastOf(l: Link): string[] {
  if (l.kind === "loopback") return [];
  const macs: string[] = [];
  if (!l.noIpv6) macs.push("33:33:00:00:00:01");
  if (l.up && l.kind === "bridge") macs.push("01:00:5e:00:00:6a", ...(l.noIpv6 ? [] : ["33:33:00:00:00:6a"]));
  if (l.up) macs.push("01:00:5e:00:00:01");
  if (l.ll6) macs.push(`33:33:ff:${l.mac.slice(9)}`);
  return macs;
}

function fdb(ctx: Ctx, ns: Netns, words: string[]): number {
  const [sub, ...rest] = words;
  if (sub !== undefined && !["show", "lst", "list"].some((k) => matches(sub, k))) {
    if (matches(sub, "help")) throw new ToolExit(255, USAGE);
    throw new ToolExit(255, `Command "${sub}" is unknown, try "bridge fdb help".\n`);
  }
  let br: Link | undefined;
  let dev: Link | undefined;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? "";
    const name = rest[++i];
    if (name === undefined) throw new ToolExit(255, 'Command line is not complete. Try option "help"\n');
    if (word === "br") {
      br = linkByName(ns, name);
      if (!br) throw new ToolExit(255, `Cannot find bridge device "${name}"\n`);
    } else if (word === "brport" || word === "dev") {
      dev = linkByName(ns, name);
      if (!dev) throw new ToolExit(255, `Cannot find device "${name}"\n`);
    } else throw new ToolExit(255, `Command "${word}" is unknown, try "bridge fdb help".\n`);
  }
  const now = ctx.world.clock;
  let out = "";
  const line = (mac: string, l: Link, tail: string) => {
    out += `${mac} ${dev ? "" : `dev ${l.name} `}${tail}\n`;
  };
  for (const l of ns.links) {
    if (dev && l !== dev) continue;
    if (br && l !== br && l.master !== br.ifindex) continue;
    const master = l.master !== undefined ? linkByIndex(ns, l.master) : undefined;
    if (master) {
      const entries = (master.fdb ?? []).filter(
        (e) => e.port === l.ifindex && (e.local || now - e.seen < AGEING_MS),
      );
      for (const e of [...entries.filter((x) => !x.local), ...entries.filter((x) => x.local)])
        line(e.mac, l, `master ${master.name} ${e.local ? "permanent" : ""}`);
    }
    if (l.kind === "vxlan") {
      // A vxlan device's own table: where each remote MAC's VTEP is, reached from its underlay.
      const underlay = l.lower?.netns;
      const where = underlay && underlay !== ns.id ? ` link-netnsid ${nsidOf(ns, underlay)}` : "";
      for (const r of [...(l.remotes ?? [])].reverse()) line(r.mac, l, `dst ${r.dst}${where} self permanent`);
    } else for (const mac of multicastOf(l)) line(mac, l, "self permanent");
    if (l.kind === "bridge") line(l.mac, l, `master ${l.name} permanent`);
  }
  ctx.out.write(out);
  return 0;
}

const bridge: Handler = (ctx) => {
  let words = ctx.argv.slice(1);
  while (words[0]?.startsWith("-")) {
    const opt = (words[0] ?? "").replace(/^--/, "-");
    if (matches(opt, "-Version")) {
      ctx.out.line("bridge utility, iproute2-6.1.0");
      return 0;
    }
    if (matches(opt, "-help")) throw new ToolExit(255, USAGE);
    if (!["-statistics", "-details", "-oneline", "-color", "-compressvlans"].some((o) => matches(opt, o)))
      throw new ToolExit(255, `Option "${opt}" is unknown, try "bridge help".\n`);
    words = words.slice(1);
  }
  const [object, ...rest] = words;
  if (object === undefined || matches(object, "help")) throw new ToolExit(255, USAGE);
  const ns = netnsOf(ctx);
  if (matches(object, "link")) return link(ctx, ns, rest);
  if (matches(object, "fdb")) return fdb(ctx, ns, rest);
  throw new ToolExit(255, `Object "${object}" is unknown, try "bridge help".\n`);
};

export const commands: Command[] = [{ name: "bridge", where: ["host"], addrconf: true, run: bridge }];
