/**
 * `arp`: the neighbour table as /proc/net/arp shows it, in net-tools' columns on the host and in
 * Debian images, busybox's one-line form elsewhere. Names are not resolved (as with -n).
 */
import { linkByIndex, linkByName } from "../../../engine/linux/kernel";
import type { Neigh } from "../../../engine/linux/types";
import { neighbourView } from "../../../engine/packet/neighbour";
import type { Ctx } from "../../types";
import { canAdminister, netnsOf, ToolExit, tool } from "./common";

export const arp = tool((ctx) => {
  const ns = netnsOf(ctx);
  const args = ctx.argv.slice(1);
  const bb = ctx.place.flavor === "busybox";
  let iface: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "-i") {
      const name = args[++i] ?? "";
      const link = linkByName(ns, name);
      if (!link) throw new ToolExit(bb ? 1 : 255, `${bb ? "arp: " : ""}${name}: no such interface\n`);
      iface = link.ifindex;
    } else if (arg === "-d" || arg === "-s") {
      if (!canAdminister(ctx))
        throw new ToolExit(
          bb ? 1 : 255,
          `${bb ? "arp: " : ""}SIOC${arg === "-d" ? "D" : "S"}ARP: Operation not permitted\n`,
        );
      return editEntry(ctx, args.slice(i), bb);
    } else if (!/^-[navel]+$/.test(arg))
      throw new ToolExit(bb ? 1 : 255, `${bb ? "arp: " : ""}invalid option -- '${arg.replace(/^-+/, "")}'\n`);
  }
  // /proc/net/arp skips NOARP entries and lists failed ones as incomplete.
  const entries = ns.neigh.filter((n) => iface === undefined || n.dev === iface);
  let out = "";
  for (const n of entries) {
    const { state } = neighbourView(n, ctx.world.clock);
    const complete = n.mac !== undefined && state !== "FAILED" && state !== "INCOMPLETE";
    const dev = linkByIndex(ns, n.dev)?.name ?? "";
    if (bb) {
      const at = complete ? `${n.mac} [ether] ${state === "PERMANENT" ? "PERM " : ""}` : "<incomplete> ";
      out += `? (${n.ip}) at ${at} on ${dev}\n`;
    } else out += netToolsRow(n, complete, state === "PERMANENT", dev);
  }
  if (!bb && out)
    out = `Address                  HWtype  HWaddress           Flags Mask            Iface\n${out}`;
  ctx.out.write(out);
  return 0;
});

function netToolsRow(n: Neigh, complete: boolean, permanent: boolean, dev: string): string {
  const hw = complete
    ? `${"ether".padEnd(8)}${(n.mac ?? "").padEnd(20)}`
    : `${"".padEnd(8)}${"(incomplete)".padEnd(20)}`;
  const flags = complete ? (permanent ? "CM" : "C") : "";
  return `${n.ip.padEnd(23)}  ${hw}${flags.padEnd(6)}${"".padEnd(15)} ${dev}\n`;
}

/** `arp -d HOST` and `arp -s HOST MAC`: remove an entry, or pin a permanent one on the route's device. */
function editEntry(ctx: Ctx, words: string[], bb: boolean): number {
  const ns = netnsOf(ctx);
  const [op, host = "", mac] = words;
  const entry = ns.neigh.find((n) => n.ip === host);
  if (op === "-d") {
    if (!entry)
      throw new ToolExit(bb ? 1 : 255, `${bb ? "arp: " : ""}SIOCDARP(dontpub): No such device or address\n`);
    ns.neigh = ns.neigh.filter((n) => n !== entry);
    return 0;
  }
  if (!mac || !/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/.test(mac))
    throw new ToolExit(bb ? 1 : 255, `${bb ? "arp: " : ""}invalid hardware address\n`);
  const dev = entry?.dev ?? ns.links.find((l) => l.kind !== "loopback" && l.addrs.length > 0)?.ifindex;
  if (dev === undefined)
    throw new ToolExit(bb ? 1 : 255, `${bb ? "arp: " : ""}SIOCSARP: Network is unreachable\n`);
  ns.neigh = [
    ...ns.neigh.filter((n) => n !== entry),
    { ip: host, dev, mac: mac.toLowerCase(), state: "PERMANENT", updated: ctx.world.clock },
  ];
  return 0;
}
