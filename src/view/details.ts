/**
 * What the inspector says about a selected thing, read from the engine: a container's interfaces,
 * routes, neighbours, /etc files, DNS names and the iptables rules that mention it; a bridge's
 * ports, forwarding table and rules; a cable's two ends; a packet hop's headers layer by layer with
 * the NAT rewrite. Plain data (titled sections of rows or text), so it is tested in Node; its words
 * are the page's language (i18n), the values are the engine's.
 */
import { hostsFile, resolvConf } from "../engine/docker/etc-files";
import { hostOf } from "../engine/docker/host";
import { isRunning } from "../engine/docker/lookup";
import type { Container } from "../engine/docker/types";
import { inet6Of } from "../engine/linux/addrconf";
import { ruleText } from "../engine/linux/iptables-save";
import { effectiveRoutes, linkByIndex, linkByName, peerOf } from "../engine/linux/kernel";
import type { Link, Netns, Table } from "../engine/linux/types";
import { netnsName, netnsPlace } from "../engine/netns-id";
import type { Hop, Packet } from "../engine/packet/types";
import type { World } from "../engine/world";
import { t } from "../i18n";
import type { Messages } from "../i18n/en";
import { linkPeer } from "../shell/format/ip-link";
import { routeText } from "../shell/format/ip-route";
import type { GraphModel, GraphNode } from "./graph-model";
import { hopLine } from "./hop-note";

/** The network layers a lens can show: link (MACs, ARP, FDB), network (addresses, routes), transport and up. */
export type Layer = "l2" | "l3" | "l4";
const L2: readonly Layer[] = ["l2"];
const L3: readonly Layer[] = ["l3"];
const L23: readonly Layer[] = ["l2", "l3"];
const L4: readonly Layer[] = ["l4"];

export interface Section {
  title: string;
  /** The layers it belongs to (none: every lens shows it first, as a container's own facts). */
  layers?: readonly Layer[];
  rows?: [string, string][];
  /** Preformatted lines (routes, files, rules). */
  text?: string;
  /** Said when there is nothing to list. */
  empty?: string;
}

export interface Details {
  kind: string;
  title: string;
  sections: Section[];
}

/**
 * A namespace as a student knows it: the container running in it, its machine for a root namespace,
 * else the name of its file (`red`, `1-3f2a…` for an overlay's). Namespace ids are the lab's own.
 */
function namespaceTitle(world: World, id: string): string {
  const place = netnsPlace(id);
  if (place.kind === "root") return place.machine;
  const running = (world.machines[place.machine]?.docker?.containers ?? []).filter(
    (c) => c.netns === id && isRunning(c),
  );
  const owner = running.find((c) => !c.hostConfig.networkMode.startsWith("container:")) ?? running[0];
  return owner?.name ?? netnsName(id);
}

/** A link's IPv4 addresses, then its global IPv6 ones, as `ip -br addr` would list them. */
function addressesOf(link: Link): string {
  const v6 = inet6Of(link).filter((a) => a.scope === "global");
  return [...link.addrs, ...v6].map((a) => `${a.ip}/${a.prefix}`).join(" ");
}

function ifaceRows(world: World, ns: Netns): [string, string][] {
  return ns.links.map((l) => {
    const master = l.master !== undefined ? linkByIndex(ns, l.master)?.name : undefined;
    const addrs = addressesOf(l);
    const where = peerOf(world, l);
    const other =
      where && where.ns.id !== ns.id
        ? ` · ${t("inspector.values.peerIn", { netns: namespaceTitle(world, where.ns.id) })}`
        : "";
    return [
      `${l.ifindex}: ${l.name}${linkPeer(ns, l).at}`,
      [l.up ? "UP" : "DOWN", l.mac, `mtu ${l.mtu}`, master ? `master ${master}` : "", addrs]
        .filter(Boolean)
        .join(" · ") + other,
    ];
  });
}

/** The routing table as `ip route` lists it, connected routes included. */
function routeLines(world: World, ns: Netns): string {
  return effectiveRoutes(world, ns)
    .map((r) => routeText(ns, r).trimEnd())
    .join("\n");
}

function neighbourLines(ns: Netns): string {
  return ns.neigh
    .map((n) =>
      [n.ip, `dev ${linkByIndex(ns, n.dev)?.name ?? n.dev}`, n.mac ? `lladdr ${n.mac}` : "", n.state]
        .filter(Boolean)
        .join(" "),
    )
    .join("\n");
}

/** Rules of a namespace's tables (as `iptables -t TABLE -S` writes them) whose text mentions any of `needles`. */
export function rulesMentioning(ns: Netns, needles: string[]): string {
  const lines: string[] = [];
  for (const table of ["filter", "nat"] as Table[]) {
    for (const chain of ns.netfilter[table] ?? []) {
      for (const rule of chain.rules) {
        const text = ruleText(chain.name, rule);
        const words = text.split(/[\s:]+/);
        if (needles.some((n) => words.includes(n) || words.includes(`${n}/32`)))
          lines.push(`${table === "filter" ? "" : `-t ${table} `}${text}`);
      }
    }
  }
  return lines.join("\n");
}

function section(title: string, text: string, empty: string, layers: readonly Layer[]): Section {
  return text ? { title, text, layers } : { title, empty, layers };
}

function hostNs(world: World, machine: string): Netns | undefined {
  const m = world.machines[machine];
  return m ? world.netns[m.rootNs] : undefined;
}

function dnsNames(world: World, machine: string, c: Container): [string, string][] {
  const daemon = world.machines[machine]?.docker;
  return c.endpoints.map((ep) => {
    const n = daemon?.networks.find((x) => x.id === ep.networkId);
    const name = n?.name ?? "?";
    if (n?.driver !== "bridge") return [name, t("inspector.values.noDns", { driver: n?.driver ?? "?" })];
    if (name === "bridge") return [name, t("inspector.values.noDnsDefault")];
    const names = [c.name, c.id.slice(0, 12), ...(ep.aliases ?? [])];
    return [name, `${names.join(", ")} → ${ep.ip || t("inspector.values.noAddressStopped")}`];
  });
}

function publishedOf(world: World, machine: string, c: Container): Section {
  const ports = (world.machines[machine]?.docker?.ports ?? []).filter((p) => p.containerId === c.id);
  return {
    title: t("inspector.sections.published"),
    layers: L4,
    rows: ports.map((p) => [
      `${p.hostIp}:${p.hostPort}/${p.proto}`,
      t("inspector.values.publishedTo", { target: `${p.containerIp}:${p.containerPort}`, pid: p.proxyPid }),
    ]),
    empty: t("inspector.none"),
  };
}

function netnsSections(world: World, ns: Netns, machine: string): Section[] {
  const host = hostNs(world, machine);
  const addrs = ns.links.flatMap((l) => l.addrs.filter((a) => a.scope !== "host").map((a) => a.ip));
  const own = rulesMentioning(ns, addrs.length ? addrs : ["-A"]);
  return [
    { title: t("inspector.sections.interfaces"), rows: ifaceRows(world, ns), layers: L23 },
    section(t("inspector.sections.routes"), routeLines(world, ns), t("inspector.empty.routes"), L3),
    section(t("inspector.sections.neighbours"), neighbourLines(ns), t("inspector.empty.neighboursNone"), L2),
    section(
      addrs.length
        ? t("inspector.sections.rulesOnHost", { machine, addresses: addrs.join(", ") })
        : t("inspector.sections.rulesOnHostIt", { machine }),
      host && host !== ns && addrs.length ? rulesMentioning(host, addrs) : "",
      t("inspector.none"),
      L4,
    ),
    ...(own ? [{ title: t("inspector.sections.ownRules"), text: own, layers: L4 }] : []),
  ];
}

function containerDetails(world: World, node: Extract<GraphNode, { kind: "namespace" }>): Details {
  const daemon = world.machines[node.machine]?.docker;
  const c = daemon?.containers.find((x) => x.name === node.members[0] || x.name === node.title);
  const sections: Section[] = [];
  if (c) {
    sections.push({
      title: t("inspector.sections.container"),
      rows: [
        [t("inspector.rows.name"), c.name],
        [t("inspector.rows.id"), c.id.slice(0, 12)],
        [t("inspector.rows.image"), c.image],
        [t("inspector.rows.state"), node.state ?? c.state.status],
        [t("inspector.rows.networkMode"), c.hostConfig.networkMode],
        ...(node.members.length > 1
          ? [[t("inspector.rows.sharesWith"), node.members.slice(1).join(", ")] as [string, string]]
          : []),
      ],
    });
  }
  const ns = node.netns ? world.netns[node.netns] : undefined;
  if (c && !isRunning(c)) {
    sections.push({
      title: t("inspector.sections.networks"),
      rows: dnsNames(world, node.machine, c),
      empty: t("inspector.none"),
      layers: L3,
    });
    sections.push({ title: t("inspector.sections.namespace"), text: t("inspector.texts.stopped") });
    return { kind: t("inspector.kinds.stoppedContainer"), title: node.title, sections };
  }
  if (c)
    sections.push({
      title: t("inspector.sections.dnsNames"),
      rows: dnsNames(world, node.machine, c),
      layers: L4,
    });
  if (ns) sections.push(...netnsSections(world, ns, node.machine));
  if (c) {
    sections.push(publishedOf(world, node.machine, c));
    const host = hostOf(world, node.machine);
    sections.push({ title: "/etc/hosts", text: hostsFile(host, c), layers: L4 });
    sections.push({ title: "/etc/resolv.conf", text: resolvConf(host, c), layers: L4 });
  }
  return {
    kind: t(`inspector.kinds.${node.role === "netns" ? "netns" : c ? "container" : "namespace"}`),
    title: node.title,
    sections,
  };
}

function bridgeDetails(
  world: World,
  model: GraphModel,
  node: Extract<GraphNode, { kind: "bridge" }>,
): Details {
  const ns = hostNs(world, node.machine);
  const link = ns && linkByName(ns, node.name);
  const network = world.machines[node.machine]?.docker?.networks.find((n) => n.bridge === node.name);
  const sections: Section[] = [
    {
      title: t("inspector.sections.bridge"),
      layers: L23,
      rows: [
        [t("inspector.rows.name"), node.name],
        [t("inspector.rows.address"), (link ? addressesOf(link) : "") || t("inspector.none")],
        [t("inspector.rows.mac"), link?.mac ?? ""],
        [t("inspector.rows.state"), link?.up ? "UP" : "DOWN"],
      ],
    },
  ];
  if (network) {
    sections.push({
      title: t("inspector.sections.dockerNetwork"),
      layers: L3,
      rows: [
        [t("inspector.rows.name"), network.name],
        [t("inspector.rows.id"), network.id.slice(0, 12)],
        [t("inspector.rows.subnet"), node.subnet],
        [t("inspector.rows.gateway"), node.gateway],
        [
          t("inspector.rows.internal"),
          network.internal ? t("inspector.values.internalYes") : t("inspector.values.no"),
        ],
      ],
    });
  }
  if (ns && link) {
    const ports = ns.links.filter((l) => l.master === link.ifindex);
    sections.push({
      title: t("inspector.sections.ports"),
      layers: L2,
      rows: ports.map((p) => {
        const peer = peerOf(world, p);
        const owner = peer && model.nodes.find((n) => n.kind === "namespace" && n.netns === peer.ns.id);
        const who = owner && owner.kind === "namespace" ? owner.title : (peer?.ns.id ?? "");
        return [
          `${p.ifindex}: ${p.name}`,
          peer
            ? t("inspector.values.portTo", {
                peer: `${peer.link.name}${linkPeer(peer.ns, peer.link).at}`,
                owner: who,
              })
            : t("inspector.values.noPeer"),
        ];
      }),
      empty: t("inspector.empty.ports"),
    });
    sections.push({
      title: t("inspector.sections.fdb"),
      layers: L2,
      rows: (link.fdb ?? []).map((e) => [
        e.mac,
        t(e.local ? "inspector.values.fdbLocal" : "inspector.values.fdbPort", {
          port: linkByIndex(ns, e.port)?.name ?? e.port,
        }),
      ]),
      empty: t("inspector.empty.empty"),
    });
    sections.push(
      section(
        t("inspector.sections.bridgeRules"),
        rulesMentioning(ns, [node.name, node.subnet]),
        t("inspector.none"),
        L4,
      ),
    );
  }
  return { kind: t("inspector.kinds.bridge"), title: node.name, sections };
}

function hostDetails(world: World, node: Extract<GraphNode, { kind: "hostns" }>): Details {
  const ns = world.netns[node.netns];
  if (!ns) return { kind: t("inspector.kinds.hostNamespace"), title: node.machine, sections: [] };
  const rules = (table: Table) =>
    (ns.netfilter[table] ?? [])
      .flatMap((c) => c.rules.map((r) => `${table === "nat" ? "-t nat " : ""}${ruleText(c.name, r)}`))
      .join("\n");
  return {
    kind: t("inspector.kinds.hostNamespace"),
    title: node.machine,
    sections: [
      { title: t("inspector.sections.interfaces"), rows: ifaceRows(world, ns), layers: L23 },
      section(t("inspector.sections.routes"), routeLines(world, ns), t("inspector.empty.routes"), L3),
      section(t("inspector.sections.neighbours"), neighbourLines(ns), t("inspector.empty.empty"), L2),
      {
        title: t("inspector.sections.published"),
        layers: L4,
        rows: node.published.map((p) => [
          p.text,
          [p.container, ...p.also.map((a) => t("inspector.values.also", { name: a }))].join(" · "),
        ]),
        empty: t("inspector.none"),
      },
      {
        title: t("inspector.sections.hostMode"),
        layers: L4,
        rows: node.hostMode.map((n) => [n, t("inspector.values.sharesThis")]),
        empty: t("inspector.none"),
      },
      section(t("inspector.sections.natRules"), rules("nat"), t("inspector.empty.rules"), L4),
      section(t("inspector.sections.filterRules"), rules("filter"), t("inspector.empty.rules"), L4),
    ],
  };
}

function machineDetails(
  world: World,
  node: Exclude<GraphNode, { kind: "namespace" | "bridge" | "hostns" }>,
): Details {
  if (node.kind === "host") {
    const daemon = world.machines[node.machine]?.docker;
    return {
      kind: t("inspector.kinds.dockerHost"),
      title: node.hostname,
      sections: [
        {
          title: t("inspector.sections.daemon"),
          rows: [
            [t("inspector.rows.address"), node.address],
            [
              t("inspector.rows.containers"),
              t("inspector.values.containerCount", {
                running: daemon?.containers.filter(isRunning).length ?? 0,
                all: daemon?.containers.length ?? 0,
              }),
            ],
            [t("inspector.rows.networks"), daemon?.networks.map((n) => n.name).join(", ") ?? ""],
          ],
        },
      ],
    };
  }
  const ns = node.netns ? world.netns[node.netns] : undefined;
  const title = t(`graph.outside.${node.kind}`);
  const sections: Section[] = ns
    ? [
        { title: t("inspector.sections.interfaces"), rows: ifaceRows(world, ns), layers: L23 },
        section(t("inspector.sections.routes"), routeLines(world, ns), t("inspector.empty.routes"), L3),
      ]
    : [];
  if (node.kind === "internet") {
    sections.push({
      title: t("inspector.sections.servers"),
      layers: L4,
      rows: node.servers.map((s) => [s.ip, `${s.name} (${s.services})`]),
    });
  }
  return { kind: t(`inspector.kinds.${node.kind}`), title, sections };
}

/** Details of a node on the graph, or undefined when it is gone. */
export function nodeDetails(world: World, model: GraphModel, id: string): Details | undefined {
  const node = model.nodes.find((n) => n.id === id);
  if (!node) return undefined;
  switch (node.kind) {
    case "namespace":
      return containerDetails(world, node);
    case "bridge":
      return bridgeDetails(world, model, node);
    case "hostns":
      return hostDetails(world, node);
    default:
      return machineDetails(world, node);
  }
}

function endRows(world: World, netns: string, link: Link | undefined): [string, string][] {
  const label = t("inspector.rows.interface");
  if (!link) return [[label, t("inspector.values.gone")]];
  const ns = world.netns[netns];
  const master = ns && link.master !== undefined ? linkByIndex(ns, link.master)?.name : undefined;
  return [
    [label, t("inspector.values.inNamespace", { name: link.name, netns: namespaceTitle(world, netns) })],
    [
      t("inspector.rows.ifindex"),
      link.peer
        ? t("inspector.values.peerIfindex", { ifindex: link.ifindex, peer: link.peer.ifindex })
        : String(link.ifindex),
    ],
    [t("inspector.rows.mac"), link.mac],
    [t("inspector.rows.addresses"), addressesOf(link) || t("inspector.none")],
    [t("inspector.rows.state"), link.up ? "UP" : "DOWN"],
    ...(master ? [[t("inspector.rows.bridge"), master] as [string, string]] : []),
  ];
}

/** Details of a cable: both ends of the veth pair (or of the wire between two machines). */
export function edgeDetails(world: World, model: GraphModel, id: string): Details | undefined {
  const edge = model.edges.find((e) => e.id === id);
  if (!edge) return undefined;
  if (edge.kind === "uplink") {
    const bridge = model.nodes.find((n) => n.id === edge.target);
    return {
      kind: t("inspector.kinds.uplink"),
      title: bridge?.kind === "bridge" ? bridge.name : edge.target,
      sections: [{ title: t("inspector.sections.uplink"), text: t("inspector.texts.uplink") }],
    };
  }
  if (!edge.ends) return undefined;
  const [a, b] = edge.ends.map(({ netns, ifindex }) => {
    const ns = world.netns[netns];
    return { netns, link: ns ? linkByIndex(ns, ifindex) : undefined };
  });
  if (!a || !b) return undefined;
  return {
    kind: t(edge.kind === "veth" ? "inspector.kinds.veth" : "inspector.kinds.cable"),
    title: `${edge.sourceLabel} ⇄ ${edge.targetLabel}`,
    sections: [
      { title: t("inspector.sections.oneEnd"), rows: endRows(world, a.netns, a.link) },
      { title: t("inspector.sections.otherEnd"), rows: endRows(world, b.netns, b.link) },
    ],
  };
}

/** The headers of a packet layer by layer, field by field. */
function packetLayers(p: Packet, inner = false): Section[] {
  const r = (key: keyof Messages["inspector"]["rows"], value: string | number): [string, string] => [
    t(`inspector.rows.${key}`),
    String(value),
  ];
  // A wrapped packet's own headers are the outer ones, around the inner frame.
  const layer = (name: string) =>
    inner
      ? t("inspector.sections.inner", { layer: name })
      : p.vxlan
        ? t("inspector.sections.outer", { layer: name })
        : name;
  // IPv6 packets share the IPv4 header's shape in the model: their addresses tell them apart.
  const v6 = p.ip?.src.includes(":") === true || p.arp?.nd === true;
  const out: Section[] = [];
  if (p.eth)
    out.push({
      title: layer("Ethernet"),
      rows: [r("source", p.eth.src), r("destination", p.eth.dst), r("type", p.eth.type)],
    });
  if (p.arp)
    out.push({
      title: layer(p.arp.nd ? "ICMPv6 neighbour discovery" : "ARP"),
      rows: [
        r("operation", p.arp.op),
        r("senderMac", p.arp.senderMac),
        r("senderIp", p.arp.senderIp),
        r("targetMac", p.arp.targetMac),
        r("targetIp", p.arp.targetIp),
      ],
    });
  if (p.ip)
    out.push({
      title: layer(v6 ? "IPv6" : "IPv4"),
      rows: [
        r("source", p.ip.src),
        r("destination", p.ip.dst),
        r("ttl", p.ip.ttl),
        r("protocol", p.ip.proto),
        r("id", p.ip.id),
        r("totalLength", p.ip.length),
      ],
    });
  if (p.icmp)
    out.push({
      title: layer(v6 ? "ICMPv6" : "ICMP"),
      rows: [
        r("type", p.icmp.type),
        r("code", p.icmp.code),
        r("identifier", p.icmp.id),
        r("sequence", p.icmp.seq),
      ],
    });
  if (p.udp)
    out.push({
      title: layer("UDP"),
      rows: [r("sourcePort", p.udp.sport), r("destinationPort", p.udp.dport)],
    });
  if (p.tcp)
    out.push({
      title: layer("TCP"),
      rows: [
        r("sourcePort", p.tcp.sport),
        r("destinationPort", p.tcp.dport),
        r("flags", p.tcp.flags),
        r("sequence", p.tcp.seq),
        r("acknowledgment", p.tcp.ack),
      ],
    });
  if (p.dns)
    out.push({
      title: layer(t(p.dns.response ? "inspector.sections.dnsResponse" : "inspector.sections.dnsQuery")),
      rows: [
        r("id", p.dns.id),
        r("question", `${p.dns.question.name} ${p.dns.question.type}`),
        ...(p.dns.response
          ? [
              r("status", p.dns.rcode),
              ...p.dns.answers.map((a) => r("answer", `${a.name} ${a.type} ${a.data} (TTL ${a.ttl})`)),
            ]
          : []),
      ],
    });
  if (p.vxlan) {
    const inner = p.vxlan.inner.ip?.length;
    out.push({
      title: "VXLAN",
      rows: [
        ["VNI", String(p.vxlan.vni)],
        ...(p.ip && inner !== undefined
          ? [r("overhead", t("inspector.values.vxlanOverhead", { bytes: p.ip.length - inner }))]
          : []),
      ],
    });
    out.push(...packetLayers(p.vxlan.inner, true));
  }
  if (p.payload) out.push({ title: layer(t("inspector.sections.data")), rows: [r("payload", p.payload)] });
  return out;
}

/** Fields NAT changed at this hop: before → after. */
function rewriteRows(hop: Hop): [string, string][] {
  const b = hop.before;
  if (!b) return [];
  const rows: [string, string][] = [];
  const pair = (
    key: "sourceIp" | "destinationIp" | "sourcePort" | "destinationPort",
    x: string | number | undefined,
    y: string | number | undefined,
  ) => {
    if (x !== y) rows.push([t(`inspector.rows.${key}`), `${x ?? "-"} → ${y ?? "-"}`]);
  };
  pair("sourceIp", b.ip?.src, hop.packet.ip?.src);
  pair("destinationIp", b.ip?.dst, hop.packet.ip?.dst);
  pair("sourcePort", (b.tcp ?? b.udp)?.sport, (hop.packet.tcp ?? hop.packet.udp)?.sport);
  pair("destinationPort", (b.tcp ?? b.udp)?.dport, (hop.packet.tcp ?? hop.packet.udp)?.dport);
  return rows;
}

export function hopDetails(hop: Hop, where: string, t0: number): Details {
  const rewrite = rewriteRows(hop);
  return {
    kind: t("inspector.kinds.hop"),
    title: hopLine(hop),
    sections: [
      {
        title: t("inspector.sections.hop"),
        rows: [
          [
            t("inspector.rows.where"),
            t(hop.dir === "out" ? "inspector.values.leaving" : "inspector.values.arriving", { where }),
          ],
          [t("inspector.rows.time"), `+${(hop.t - t0).toFixed(3)} ms`],
          [t("inspector.rows.decision"), t(`hop.decisions.${hop.decision}`)],
          ...(hop.rule ? [[t("inspector.rows.rule"), hop.rule] as [string, string]] : []),
        ],
      },
      ...(rewrite.length ? [{ title: t("inspector.sections.rewrite"), rows: rewrite }] : []),
      ...packetLayers(hop.packet),
    ],
  };
}
