/** `ip neigh` (`ip n`): the ARP table as the kernel ages it; show, flush, add, del. */
import { linkByIndex } from "../../../../engine/linux/kernel";
import type { Neigh, NeighState, Netns } from "../../../../engine/linux/types";
import { neighbourView } from "../../../../engine/packet/neighbour";
import { ToolExit } from "../../../command";
import type { Ctx } from "../../../types";
import { canAdminister } from "../common";
import { parseIpv4 } from "./addr";
import { type Args, deviceNamed, invarg, matches, rtnetlink, type Style } from "./args";
import type { Globals } from "./globals";
import type { View } from "./show";
import { NEIGH_USAGE } from "./usage";

const STATES: NeighState[] = ["INCOMPLETE", "REACHABLE", "STALE", "DELAY", "FAILED", "PERMANENT"];

function formatNeigh(v: View, n: Neigh, showDev: boolean): string {
  const { state, since } = neighbourView(n, v.world.clock);
  const dev = showDev ? `dev ${linkByIndex(v.ns, n.dev)?.name ?? `if${n.dev}`} ` : "";
  const router = n.router ? " router" : "";
  if (v.style === "iproute2") return `${n.ip} ${dev}${n.mac ? `lladdr ${n.mac}${router} ` : ""}${state} \n`;
  // busybox always shows the cache info: reference count, seconds since use, and ARP probes sent.
  const age = Math.floor((v.world.clock - since) / 1000);
  // An entry still being resolved is referenced by the packets queued on it (multihost/05-underlay).
  const probes = state === "FAILED" || state === "INCOMPLETE" ? 6 : state === "PERMANENT" ? 0 : 4;
  const ref = state === "FAILED" ? "" : " ref 1";
  return `${n.ip} ${dev}${n.mac ? `lladdr ${n.mac}${router}` : ""}${ref} used ${age}/${age}/${age} probes ${probes} ${state}\n`;
}

interface NeighFilter {
  dev?: number;
  to?: string;
  states?: NeighState[];
}

function parseFilter(args: Args, ns: Netns): NeighFilter {
  const filter: NeighFilter = {};
  while (!args.done) {
    const word = args.take();
    if (word === "dev") {
      const link = deviceNamed(ns, args.style, args.value());
      filter.dev = link.ifindex;
    } else if (word === "nud") {
      const nud = args.value().toUpperCase();
      const state = STATES.find((s) => s === nud);
      if (nud === "ALL") filter.states = STATES;
      else if (!state) throw invarg(args.style, "nud state is bad", nud);
      else filter.states = [...(filter.states ?? []), state];
    } else if (matches(word, "help")) throw new ToolExit(255, NEIGH_USAGE);
    else {
      const to = word === "to" ? args.value() : word;
      const ip = parseIpv4(to);
      if (ip === undefined)
        throw new ToolExit(1, `Error: any valid prefix is expected rather than "${to}".\n`);
      filter.to = ip;
    }
  }
  return filter;
}

/** The entries shown: IPv4 (ARP) and IPv6 (neighbour discovery) ones, or one family's with -4 or -6. */
function selected(v: View, filter: NeighFilter, family: Family): Neigh[] {
  return v.ns.neigh.filter((n) => {
    if ((family === "inet" || family === "inet6") && n.ip.includes(":") !== (family === "inet6"))
      return false;
    if (filter.dev !== undefined && n.dev !== filter.dev) return false;
    if (filter.to !== undefined && n.ip !== filter.to) return false;
    return !filter.states || filter.states.includes(neighbourView(n, v.world.clock).state);
  });
}

function modify(ctx: Ctx, ns: Netns, args: Args, op: "add" | "replace" | "del", style: Style): number {
  let ip: string | undefined;
  let mac: string | undefined;
  let dev: string | undefined;
  let state: NeighState = "PERMANENT";
  while (!args.done) {
    const word = args.take();
    if (word === "lladdr") mac = args.value().toLowerCase();
    else if (word === "dev") dev = args.value();
    else if (word === "nud") {
      const nud = args.value().toUpperCase();
      const known = STATES.find((s) => s === nud);
      if (!known) throw invarg(style, "nud state is bad", nud);
      state = known;
    } else ip = parseIpv4(word === "to" ? args.value() : word) ?? word;
  }
  if (dev === undefined || ip === undefined)
    throw new ToolExit(255, "Device and destination are required arguments.\n");
  const link = deviceNamed(ns, style, dev);
  if (!canAdminister(ctx)) throw rtnetlink(style, "EPERM");
  const known = ns.neigh.find((n) => n.dev === link.ifindex && n.ip === ip);
  if (op === "del") {
    if (!known) throw rtnetlink(style, "ENOENT");
    ns.neigh = ns.neigh.filter((n) => n !== known);
    return 0;
  }
  if (known && op === "add") throw rtnetlink(style, "EEXIST");
  const entry: Neigh = { ip, dev: link.ifindex, state, updated: ctx.world.clock, ...(mac ? { mac } : {}) };
  ns.neigh = [...ns.neigh.filter((n) => n !== known), entry];
  return 0;
}

type Family = Globals["family"];

export function ipNeigh(ctx: Ctx, view: View, args: Args, family: Family): number {
  const ns = view.ns;
  const sub = args.done ? "show" : args.take();
  const style = args.style;
  const show = (): number => {
    const filter = parseFilter(args, ns);
    for (const n of selected(view, filter, family))
      ctx.out.write(formatNeigh(view, n, filter.dev === undefined));
    return 0;
  };
  // `ipneigh` is busybox's `ip neigh` under its own name, which its messages carry.
  const applet = ctx.argv[0] === "ipneigh" ? "ipneigh" : "ip";
  const flush = (): number => {
    if (args.done) throw new ToolExit(1, "Flush requires arguments.\n");
    const filter = parseFilter(args, ns);
    const gone = selected(view, filter, family).filter(
      (n) =>
        !["PERMANENT", ...(style === "busybox" ? ["FAILED"] : [])].includes(
          neighbourView(n, view.world.clock).state,
        ),
    );
    // busybox lists what it is about to flush, then sends the request.
    if (style === "busybox")
      for (const n of gone) ctx.out.write(formatNeigh(view, n, filter.dev === undefined));
    if (gone.length > 0 && !canAdminister(ctx))
      throw style === "busybox"
        ? new ToolExit(1, `${applet}: can't send flush request: Operation not permitted\n`)
        : rtnetlink(style, "EPERM");
    ns.neigh = ns.neigh.filter((n) => !gone.includes(n));
    return 0;
  };
  if (style === "busybox") {
    const key = ["show", "flush"].find((k) => k.startsWith(sub));
    if (!key) throw new ToolExit(1, `${applet}: invalid argument '${sub}' to '${applet}'\n`);
    return key === "show" ? show() : flush();
  }
  if (matches(sub, "add")) return modify(ctx, ns, args, "add", style);
  if (matches(sub, "replace") || matches(sub, "change") || sub === "chg")
    return modify(ctx, ns, args, "replace", style);
  if (matches(sub, "delete")) return modify(ctx, ns, args, "del", style);
  if (matches(sub, "show") || matches(sub, "list") || matches(sub, "lst")) return show();
  if (matches(sub, "flush")) return flush();
  if (matches(sub, "help")) throw new ToolExit(255, NEIGH_USAGE);
  throw new ToolExit(255, `Command "${sub}" is unknown, try "ip neigh help".\n`);
}
