/**
 * The layer lens: what the graph's boxes say when the student studies one layer. L2: MAC addresses,
 * each bridge port's forwarding entries, ARP caches. L3: addresses, routes, each namespace's gateway.
 * L4+: listening sockets, published ports, the NAT rules. A lens rewords a box's lines, never their
 * number, so every box keeps its size and place and the cables stay where they are; the inspector
 * puts the sections of the lens's layer first.
 */
import { effectiveRoutes, linkByIndex } from "../engine/linux/kernel";
import type { Netns } from "../engine/linux/types";
import type { World } from "../engine/world";
import { t } from "../i18n";
import { routeText } from "../shell/format/ip-route";
import { type Layer, rulesMentioning } from "./details";
import { rowCount } from "./geometry";
import type { GraphNode, IfaceView } from "./graph-model";

export type Lens = "all" | Layer;
export const LENSES: Lens[] = ["all", "l2", "l3", "l4"];

export interface Line {
  text: string;
  /** The whole of it, when the line is cut short or stands for several. */
  title?: string;
}

/** A box's lines under a lens: `sub` replaces a namespace's second header line, `rows` its rows. */
export interface LensView {
  sub?: Line;
  rows: Line[];
  /** A bridge's port dots: how many MACs its forwarding table has on each port, by port id. */
  dots?: Record<string, Line>;
}

/** Exactly `count` lines: the first ones, and the rest folded into the last ("+3 more"). */
export function fitLines(lines: Line[], count: number): Line[] {
  if (count === 0) return [];
  if (lines.length <= count)
    return [...lines, ...Array.from({ length: count - lines.length }, () => ({ text: "" }))];
  const kept = lines.slice(0, count - 1);
  const rest = lines.slice(count - 1);
  const first = rest[0] as Line;
  return [
    ...kept,
    {
      text: `${first.text} ${t("lens.more", { count: rest.length - 1 })}`,
      title: rest.map((l) => l.title ?? l.text).join("\n"),
    },
  ];
}

function addrLine(i: IfaceView): Line {
  return { text: `${i.name} ${i.addrs.join(" ")}`.trim() };
}

function macLine(i: IfaceView): Line {
  return { text: `${i.name} ${i.mac}` };
}

function arpLines(ns: Netns): Line[] {
  return ns.neigh.map((n) => {
    const dev = linkByIndex(ns, n.dev)?.name ?? String(n.dev);
    return {
      text: `${n.ip} → ${n.mac ?? "?"}`,
      title: `${n.ip} dev ${dev} lladdr ${n.mac ?? "?"} ${n.state}`,
    };
  });
}

function routeLinesOf(world: World, ns: Netns): Line[] {
  return effectiveRoutes(world, ns).map((r) => {
    const text = routeText(ns, r).trimEnd();
    return { text, title: text };
  });
}

function gatewayOf(world: World, ns: Netns): Line {
  const def = effectiveRoutes(world, ns).find((r) => r.dst === "default");
  if (!def?.via) return { text: t("lens.noGateway") };
  return { text: t("lens.gateway", { via: def.via }) };
}

/** Listening sockets, the ones other machines can reach first (dockerd's 127.0.0.11 resolver last). */
function socketLines(ns: Netns): Line[] {
  const local = (ip: string) => ip.startsWith("127.");
  const sockets = [...ns.sockets.filter((s) => !local(s.ip)), ...ns.sockets.filter((s) => local(s.ip))];
  return sockets.map((s) => {
    // As ss writes them: a dual-stack "::" socket is "*", an IPv6-only one "[::]".
    const addr = s.ip === "::" && !s.v6only ? "*" : s.ip.includes(":") ? `[${s.ip}]` : s.ip;
    return { text: `${s.proto} ${addr}:${s.port} ${s.program}`.trim() };
  });
}

function listening(ns: Netns): Line {
  const ports = [
    ...new Set(ns.sockets.filter((s) => !s.ip.startsWith("127.")).map((s) => `${s.proto}/${s.port}`)),
  ];
  return ports.length
    ? {
        text: t("lens.listens", { ports: ports.join(", ") }),
        title: socketLines(ns)
          .map((l) => l.text)
          .join("\n"),
      }
    : { text: t("lens.nothingListens") };
}

function namespaceView(
  world: World,
  n: Extract<GraphNode, { kind: "namespace" }>,
  lens: Lens,
): LensView | undefined {
  const ns = n.netns ? world.netns[n.netns] : undefined;
  // A stopped container has no namespace: every lens shows what it will join.
  if (!ns) return undefined;
  const shown = n.ifaces.filter((i) => i.name !== "lo" || n.ifaces.length === 1);
  const count = rowCount(n);
  const shared: Line[] =
    n.members.length > 1 ? [{ text: t("graph.sharedWith", { names: n.members.slice(1).join(", ") }) }] : [];
  if (lens === "l2") {
    const arp = arpLines(ns);
    return {
      sub: arp.length
        ? { text: t("lens.arp", { count: arp.length }), title: arp.map((l) => l.title).join("\n") }
        : { text: t("lens.arpEmpty") },
      rows: fitLines([...shown.map(macLine), ...shared], count),
    };
  }
  if (lens === "l3") {
    const routes = routeLinesOf(world, ns);
    return {
      sub: { ...gatewayOf(world, ns), title: routes.map((r) => r.text).join("\n") },
      rows: fitLines([...shown.map(addrLine), ...shared], count),
    };
  }
  return { sub: listening(ns), rows: fitLines([...socketLines(ns), ...shared], count) };
}

function hostNsView(
  world: World,
  n: Extract<GraphNode, { kind: "hostns" }>,
  lens: Lens,
): LensView | undefined {
  const ns = world.netns[n.netns];
  if (!ns) return undefined;
  const eth = n.ifaces.filter((i) => i.name !== "lo");
  const count = rowCount(n);
  if (lens === "l2") return { rows: fitLines([...eth.map(macLine), ...arpLines(ns)], count) };
  if (lens === "l3")
    return {
      rows: fitLines([...eth.map(addrLine), ...routeLinesOf(world, ns)], count),
    };
  const published = n.published.map((p) => ({ text: `DNAT ${p.text} ${p.container}` }));
  const snat = n.masquerade.length
    ? [{ text: t("graph.masqueradeOut", { sources: n.masquerade.join(", ") }) }]
    : [];
  return { rows: fitLines([...published, ...snat, ...socketLines(ns)], count) };
}

function bridgeView(
  world: World,
  n: Extract<GraphNode, { kind: "bridge" }>,
  lens: Lens,
): LensView | undefined {
  const ns = world.netns[world.machines[n.machine]?.rootNs ?? ""];
  const bridge = ns?.links.find((l) => l.name === n.name);
  if (!ns || !bridge) return undefined;
  if (lens === "l3") return { rows: [{ text: `${n.subnet} ${t("graph.gateway")} ${n.gateway}` }] };
  if (lens === "l4") {
    const rules = rulesMentioning(ns, [n.name]).split("\n").filter(Boolean);
    return { rows: [{ text: t("lens.rules", { count: rules.length }), title: rules.join("\n") }] };
  }
  const fdb = bridge.fdb ?? [];
  const learned = fdb.filter((e) => !e.local);
  const dots: Record<string, Line> = {};
  for (const port of n.ports) {
    const link = ns.links.find((l) => l.name === port.id && l.master === bridge.ifindex);
    if (!link) continue;
    const macs = learned.filter((e) => e.port === link.ifindex).map((e) => e.mac);
    dots[port.id] = {
      text: String(macs.length),
      title: `${link.name}: ${macs.join(", ") || t("lens.noMacs")}`,
    };
  }
  return {
    rows: [
      {
        text: t("lens.fdb", { learned: learned.length, local: fdb.length - learned.length }),
        title: fdb
          .map((e) => `${e.mac} ${linkByIndex(ns, e.port)?.name ?? e.port}${e.local ? " local" : ""}`)
          .join("\n"),
      },
    ],
    dots,
  };
}

function outsideView(
  world: World,
  n: Extract<GraphNode, { kind: "router" | "laptop" | "internet" | "switch" }>,
  lens: Lens,
): LensView | undefined {
  const ns = world.netns[n.netns];
  if (!ns || n.kind === "internet" || n.kind === "switch") return undefined;
  const count = rowCount(n);
  const withAddr = n.kind === "laptop" ? n.ifaces.filter((i) => i.addrs.length) : n.ifaces;
  if (lens === "l2") return { rows: fitLines([...withAddr.map(macLine), ...arpLines(ns)], count) };
  if (lens === "l3")
    return {
      rows: fitLines([...withAddr.map(addrLine), ...routeLinesOf(world, ns)], count),
    };
  const services = (world.machines[n.machine]?.services ?? []).map((s) => ({
    text: `${s.proto}/${s.port} ${s.app}`,
  }));
  return { rows: fitLines([...services, ...socketLines(ns)], count) };
}

/** A box's lines under `lens`; undefined where the box reads the same in every lens ("all", a stopped container). */
/** The inspector under a lens: the sections of its layer first, the others after. */
export function byLayer<S extends { layers?: readonly Layer[] }>(
  sections: S[],
  lens: Lens,
): { first: S[]; rest: S[] } {
  if (lens === "all") return { first: sections, rest: [] };
  const mine = (s: S) => !s.layers || s.layers.includes(lens);
  return { first: sections.filter(mine), rest: sections.filter((s) => !mine(s)) };
}

export function lensView(world: World, node: GraphNode, lens: Lens): LensView | undefined {
  if (lens === "all") return undefined;
  switch (node.kind) {
    case "namespace":
      return namespaceView(world, node, lens);
    case "hostns":
      return hostNsView(world, node, lens);
    case "bridge":
      return bridgeView(world, node, lens);
    case "host":
      return undefined;
    default:
      return outsideView(world, node, lens);
  }
}
