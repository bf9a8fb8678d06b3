/** `ip route` (`ip r`): show (main and local tables, IPv6), get, add, del, flush. */

import { formatCidr, inCidr, parseCidr, parseIp } from "../../../../engine/ip";
import { formatCidr6, parseCidr6 } from "../../../../engine/ip6";
import { inet6Of } from "../../../../engine/linux/addrconf";
import {
  addRoute,
  delRoute,
  type EffectiveRoute,
  effectiveRoutes,
  linkByIndex,
} from "../../../../engine/linux/kernel";
import type { Link, Netns, Route } from "../../../../engine/linux/types";
import { ToolExit } from "../../../command";
import { routeText, type ShownFilter } from "../../../format/ip-route";
import type { Ctx } from "../../../types";
import { parseIpv4, parsePrefix } from "./addr";
import {
  type Args,
  deviceNamed,
  duparg2,
  invarg,
  kernel,
  matches,
  requireAdmin,
  rtnetlink,
  type Style,
} from "./args";
import type { Globals } from "./globals";
import type { View } from "./show";
import { ROUTE_USAGE } from "./usage";

interface RouteFilter extends ShownFilter {
  table: "main" | "local" | "all";
}

/** The local table the kernel keeps for every address: local and broadcast routes, in address order. */
function localTable(ns: Netns): { key: number; text: string }[] {
  const rows: { key: number; text: string }[] = [];
  for (const link of ns.links.filter((l) => l.up)) {
    for (const a of link.addrs) {
      const dev = `dev ${link.name} proto kernel`;
      if (link.kind === "loopback") {
        const net = parseCidr(`${a.ip}/${a.prefix}`, true);
        if (net && a.prefix < 32)
          rows.push({ key: net.net, text: `local ${formatCidr(net)} ${dev} scope host src ${a.ip} ` });
      }
      rows.push({ key: parseIp(a.ip) ?? 0, text: `local ${a.ip} ${dev} scope host src ${a.ip} ` });
      const brd = a.brd ?? (link.kind === "loopback" ? "127.255.255.255" : undefined);
      if (brd) rows.push({ key: parseIp(brd) ?? 0, text: `broadcast ${brd} ${dev} scope link src ${a.ip} ` });
    }
  }
  return rows.sort((x, y) => x.key - y.key);
}

/**
 * The IPv6 routes: each link's connected prefixes (its global addresses', then fe80::/64 for its
 * link-local ones) in address order, then the default routes. busybox also lists each IPv6 link's
 * multicast route (it does not filter the local table) and prints `  metric` after two spaces;
 * neither lists ::1.
 */
function inet6Routes(ns: Netns, filter: RouteFilter, style: Style): string {
  const dev = (link: Link) => (filter.dev === undefined ? `dev ${link.name} ` : "");
  const shown = ns.links.filter(
    (l) => l.up && l.kind !== "loopback" && (filter.dev === undefined || filter.dev === l.ifindex),
  );
  const busybox = style === "busybox";
  const tail = (metric: number) => (busybox ? ` metric ${metric} ` : `metric ${metric} pref medium`);
  const connected = (link: Link, dst: string) =>
    `${dst} ${dev(link)}${busybox ? "" : "proto kernel "}${tail(256)}`;
  const globals = shown.flatMap((link) =>
    inet6Of(link).flatMap((a) => {
      const net =
        a.scope === "global" && a.prefix < 128 ? parseCidr6(`${a.ip}/${a.prefix}`, true) : undefined;
      return net ? [{ net, text: connected(link, formatCidr6(net)) }] : [];
    }),
  );
  // Routes added on-link (Docker's fixed-cidr-v6 one) sort with the connected ones, after them.
  for (const r of ns.routes6 ?? []) {
    const link = linkByIndex(ns, r.dev);
    const net = r.via === undefined ? parseCidr6(r.dst, true) : undefined;
    if (net && link && shown.includes(link))
      globals.push({ net, text: `${r.dst} ${dev(link)}${tail(r.metric ?? 1024)}` });
  }
  globals.sort((a, b) => (a.net.net < b.net.net ? -1 : a.net.net > b.net.net ? 1 : 0));
  const lines = [...new Set(globals.map((g) => g.text))];
  for (const link of shown)
    if (inet6Of(link).some((a) => a.scope === "link")) lines.push(connected(link, "fe80::/64"));
  for (const r of ns.routes6 ?? []) {
    const link = linkByIndex(ns, r.dev);
    if (r.via !== undefined && link && shown.includes(link))
      lines.push(`${r.dst} via ${r.via} ${dev(link)}${tail(r.metric ?? 1024)}`);
  }
  if (busybox)
    for (const link of shown) if (!link.noIpv6) lines.push(`multicast ff00::/8 ${dev(link)}${tail(256)}`);
  return lines.map((l) => `${l}\n`).join("");
}

function show(ctx: Ctx, view: View, args: Args, g: Globals): number {
  const ns = view.ns;
  const filter: RouteFilter = { table: "main" };
  while (!args.done) {
    const word = args.take();
    if (word === "dev" || word === "oif") {
      const link = deviceNamed(ns, args.style, args.value());
      filter.dev = link.ifindex;
    } else if (word === "table") {
      const table = args.value();
      if (table !== "main" && table !== "local" && table !== "all")
        throw invarg(args.style, '"table" value is invalid\n', table);
      filter.table = table;
    } else if (word === "proto") filter.proto = args.value();
    else if (word === "scope") filter.scope = args.value();
    else if (matches(word, "help")) throw new ToolExit(255, ROUTE_USAGE);
    else throw invarg(args.style, "invalid argument", word);
  }
  let out = "";
  if (g.family !== "inet6") {
    if (filter.table !== "local")
      for (const r of effectiveRoutes(ctx.world, ns)) {
        if (filter.dev !== undefined && r.dev !== filter.dev) continue;
        if (filter.proto !== undefined && r.proto !== filter.proto) continue;
        if (filter.scope !== undefined && r.scope !== filter.scope) continue;
        out += `${routeText(ns, r, args.style, filter)}\n`;
      }
    if (filter.table !== "main") for (const r of localTable(ns)) out += `${r.text}\n`;
  }
  if (g.family === "inet6" || (filter.table === "all" && g.family === "any"))
    out += inet6Routes(ns, filter, args.style);
  ctx.out.write(out);
  return 0;
}

/** The route the kernel would pick for `dst`: local addresses first, then the longest prefix. */
function lookup(ctx: Ctx, ns: Netns, dst: number): { route?: EffectiveRoute; local?: string } {
  const loopback = ns.links.find((l) => l.kind === "loopback")?.up === true && dst >>> 24 === 127;
  if (loopback || ns.links.some((l) => l.up && l.addrs.some((a) => parseIp(a.ip) === dst)))
    return { local: "lo" };
  let best: EffectiveRoute | undefined;
  let bestLen = -1;
  for (const r of effectiveRoutes(ctx.world, ns)) {
    const net = r.dst === "default" ? { net: 0, prefix: 0 } : parseCidr(r.dst, true);
    if (net && inCidr(dst, net) && net.prefix > bestLen) {
      best = r;
      bestLen = net.prefix;
    }
  }
  return best ? { route: best } : {};
}

function get(ctx: Ctx, ns: Netns, args: Args): number {
  let target: string | undefined;
  while (!args.done) {
    const word = args.take();
    const text = word === "to" ? args.value() : word;
    target = text;
  }
  if (target === undefined) throw new ToolExit(255, ROUTE_USAGE);
  const ip = parseIpv4(target.split("/")[0] ?? "");
  if (ip === undefined)
    throw new ToolExit(1, `Error: any valid prefix is expected rather than "${target}".\n`);
  const found = lookup(ctx, ns, parseIp(ip) ?? 0);
  if (found.local) {
    ctx.out.write(`local ${ip} dev lo table local src ${ip} uid 0 \n    cache <local> \n`);
    return 0;
  }
  const r = found.route;
  if (!r) throw rtnetlink(args.style, "ENETUNREACH");
  const link = linkByIndex(ns, r.dev);
  const src = r.src ?? link?.addrs[0]?.ip;
  const via = r.via ? `via ${r.via} ` : "";
  ctx.out.write(`${ip} ${via}dev ${link?.name ?? ""} ${src ? `src ${src} ` : ""}uid 0 \n    cache \n`);
  return 0;
}

interface RouteRequest {
  dst?: string;
  via?: string;
  dev?: string;
  metric?: number;
  scope?: Route["scope"];
}

function parseModify(args: Args): RouteRequest {
  const req: RouteRequest = {};
  while (!args.done) {
    const word = args.take();
    if (word === "via") {
      let gw = args.value();
      if (gw === "inet") gw = args.value();
      const ip = parseIpv4(gw);
      if (ip === undefined) {
        if (args.style === "busybox")
          throw new ToolExit(1, `ip: an inet address is expected rather than "${gw}"\n`);
        throw new ToolExit(1, `Error: any valid address is expected rather than "${gw}".\n`);
      }
      req.via = ip;
    } else if (word === "dev" || word === "oif") req.dev = args.value();
    else if (matches(word, "metric") || matches(word, "priority") || word === "preference") {
      const value = args.value();
      if (!/^\d+$/.test(value)) throw invarg(args.style, '"metric" value is invalid\n', value);
      req.metric = Number(value);
    } else if (word === "scope") {
      const scope = args.value();
      if (scope !== "link" && scope !== "global" && scope !== "host")
        throw invarg(args.style, 'invalid "scope" value\n', scope);
      req.scope = scope;
    } else if (word === "proto" || word === "table" || word === "src") args.value();
    else if (word === "onlink") continue;
    else {
      const text = word === "to" ? args.value() : word;
      if (req.dst !== undefined) throw duparg2(args.style, "to", text);
      if (text === "default" || text === "0/0" || text === "0.0.0.0/0") req.dst = "default";
      else {
        const p = parsePrefix(args.style, text);
        const net = parseCidr(`${p.ip}/${p.prefix}`, true);
        req.dst = net ? formatCidr(net) : text;
        if (net && net.prefix === 0) req.dst = "default";
      }
    }
  }
  return req;
}

function modify(ctx: Ctx, ns: Netns, args: Args, add: boolean): number {
  const style = args.style;
  const req = parseModify(args);
  if (req.dst === undefined) throw new ToolExit(255, ROUTE_USAGE);
  const link = req.dev !== undefined ? deviceNamed(ns, style, req.dev) : undefined;
  requireAdmin(ctx, style);
  const dst = req.dst;
  kernel(style, () => {
    if (!add) {
      delRoute(ns, dst, { via: req.via, dev: link?.ifindex, metric: req.metric });
      return;
    }
    addRoute(ctx.world, ns, {
      dst,
      ...(req.via ? { via: req.via } : {}),
      ...(link ? { dev: link.ifindex } : {}),
      ...(req.metric ? { metric: req.metric } : {}),
      proto: "boot",
      scope: req.scope ?? (req.via ? "global" : "link"),
    });
  });
  return 0;
}

/** `ip route flush dev X` (or `table main`): the routes added by hand or by daemons go. */
function flush(ctx: Ctx, ns: Netns, args: Args): number {
  if (args.done) {
    if (args.style === "busybox") throw new ToolExit(1, "ip: flush requires an argument\n");
    throw new ToolExit(1, '"ip route flush" requires arguments.\n');
  }
  let dev: number | undefined;
  while (!args.done) {
    const word = args.take();
    if (word === "dev") {
      const link = deviceNamed(ns, args.style, args.value());
      dev = link.ifindex;
    } else if (word === "table") args.value();
  }
  requireAdmin(ctx, args.style);
  ns.routes = ns.routes.filter((r) => dev !== undefined && r.dev !== dev);
  return 0;
}

export function ipRoute(ctx: Ctx, view: View, args: Args, g: Globals): number {
  const ns = view.ns;
  const sub = args.done ? undefined : args.take();
  if (sub === undefined) return show(ctx, view, args, g);
  if (args.style === "busybox") {
    const key = ["list", "flush", "add", "del", "change", "append", "replace", "test", "get", "show"].find(
      (k) => k.startsWith(sub),
    );
    if (!key) throw new ToolExit(1, `ip: invalid argument '${sub}' to 'ip'\n`);
    if (key === "list" || key === "show") return show(ctx, view, args, g);
    if (key === "get") return get(ctx, ns, args);
    if (key === "flush") return flush(ctx, ns, args);
    return modify(ctx, ns, args, key !== "del");
  }
  if (matches(sub, "add") || matches(sub, "change") || sub === "chg" || matches(sub, "replace"))
    return modify(ctx, ns, args, true);
  if (matches(sub, "prepend") || matches(sub, "append") || matches(sub, "test"))
    return modify(ctx, ns, args, true);
  if (matches(sub, "delete")) return modify(ctx, ns, args, false);
  if (matches(sub, "list") || matches(sub, "show") || matches(sub, "lst")) return show(ctx, view, args, g);
  if (matches(sub, "get")) return get(ctx, ns, args);
  if (matches(sub, "flush")) return flush(ctx, ns, args);
  if (matches(sub, "help")) throw new ToolExit(255, ROUTE_USAGE);
  throw new ToolExit(255, `Command "${sub}" is unknown, try "ip route help".\n`);
}
