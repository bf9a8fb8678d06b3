/**
 * What the inspector says about a selected thing, read from the engine: a container's interfaces,
 * routes, neighbours, /etc files, DNS names and the iptables rules that mention it; a bridge's
 * ports, forwarding table and rules; a cable's two ends; a packet hop's headers layer by layer with
 * the NAT rewrite. Plain data (titled sections of rows or text), so it is tested in Node.
 */
import { hostsFile, resolvConf } from "../engine/docker/etc-files";
import { hostOf } from "../engine/docker/host";
import { isRunning } from "../engine/docker/lookup";
import type { Container } from "../engine/docker/types";
import { ruleText } from "../engine/linux/iptables-save";
import { effectiveRoutes, linkByIndex, linkByName, peerOf } from "../engine/linux/kernel";
import type { Link, Netns, Table } from "../engine/linux/types";
import type { Hop, Packet } from "../engine/packet/types";
import type { World } from "../engine/world";
import { routeText } from "../shell/format/ip-route";
import type { GraphModel, GraphNode } from "./graph-model";

export interface Section {
  title: string;
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

function ifaceRows(world: World, ns: Netns): [string, string][] {
  return ns.links.map((l) => {
    const peer = l.peer ? `@if${l.peer.ifindex}` : "";
    const master = l.master !== undefined ? linkByIndex(ns, l.master)?.name : undefined;
    const addrs = l.addrs.map((a) => `${a.ip}/${a.prefix}`).join(" ");
    const where = peerOf(world, l);
    const other = where && where.ns.id !== ns.id ? ` · peer in ${where.ns.id}` : "";
    return [
      `${l.ifindex}: ${l.name}${peer}`,
      [l.up ? "UP" : "DOWN", l.mac, `mtu ${l.mtu}`, master ? `master ${master}` : "", addrs]
        .filter(Boolean)
        .join(" · ") + other,
    ];
  });
}

/** The routing table as `ip route` lists it, connected routes included. */
export function routeLines(world: World, ns: Netns): string {
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

function section(title: string, text: string, empty: string): Section {
  return text ? { title, text } : { title, empty };
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
    if (n?.driver !== "bridge") return [name, `no DNS on a ${n?.driver ?? "missing"} network`];
    if (name === "bridge")
      return [name, "none: the default bridge has no embedded DNS (use --link or the IP)"];
    const names = [c.name, c.id.slice(0, 12), ...(ep.aliases ?? [])];
    return [name, `${names.join(", ")} → ${ep.ip || "(no address while stopped)"}`];
  });
}

function publishedOf(world: World, machine: string, c: Container): Section {
  const ports = (world.machines[machine]?.docker?.ports ?? []).filter((p) => p.containerId === c.id);
  return {
    title: "Published ports",
    rows: ports.map((p) => [
      `${p.hostIp}:${p.hostPort}/${p.proto}`,
      `→ ${p.containerIp}:${p.containerPort} (DNAT, docker-proxy pid ${p.proxyPid})`,
    ]),
    empty: "none",
  };
}

function netnsSections(world: World, ns: Netns, machine: string): Section[] {
  const host = hostNs(world, machine);
  const addrs = ns.links.flatMap((l) => l.addrs.filter((a) => a.scope !== "host").map((a) => a.ip));
  const own = rulesMentioning(ns, addrs.length ? addrs : ["-A"]);
  return [
    { title: "Interfaces", rows: ifaceRows(world, ns) },
    section("Routes", routeLines(world, ns), "no routes"),
    section("Neighbours (ARP cache)", neighbourLines(ns), "empty: no address resolved yet"),
    section(
      `iptables rules on ${machine} mentioning ${addrs.join(", ") || "it"}`,
      host && host !== ns && addrs.length ? rulesMentioning(host, addrs) : "",
      "none",
    ),
    ...(own ? [{ title: "Its own iptables rules", text: own }] : []),
  ];
}

function containerDetails(world: World, node: Extract<GraphNode, { kind: "namespace" }>): Details {
  const daemon = world.machines[node.machine]?.docker;
  const c = daemon?.containers.find((x) => x.name === node.members[0] || x.name === node.title);
  const sections: Section[] = [];
  if (c) {
    sections.push({
      title: "Container",
      rows: [
        ["name", c.name],
        ["ID", c.id.slice(0, 12)],
        ["image", c.image],
        ["state", node.state ?? c.state.status],
        ["network mode", c.hostConfig.networkMode],
        ...(node.members.length > 1
          ? [["shares its namespace with", node.members.slice(1).join(", ")] as [string, string]]
          : []),
      ],
    });
  }
  const ns = node.netns ? world.netns[node.netns] : undefined;
  if (c && !isRunning(c)) {
    sections.push({
      title: "Networks",
      rows: dnsNames(world, node.machine, c),
      empty: "none",
    });
    sections.push({
      title: "Namespace",
      text: "A stopped container has no network namespace: its interfaces, veth pair and address are made again when it starts.",
    });
    return { kind: "stopped container", title: node.title, sections };
  }
  if (c)
    sections.push({
      title: "DNS names by network (embedded DNS 127.0.0.11)",
      rows: dnsNames(world, node.machine, c),
    });
  if (ns) sections.push(...netnsSections(world, ns, node.machine));
  if (c) {
    sections.push(publishedOf(world, node.machine, c));
    const host = hostOf(world, node.machine);
    sections.push({ title: "/etc/hosts", text: hostsFile(host, c) });
    sections.push({ title: "/etc/resolv.conf", text: resolvConf(host, c) });
  }
  return {
    kind: node.role === "netns" ? "ip netns" : c ? "container" : "namespace",
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
      title: "Bridge",
      rows: [
        ["name", node.name],
        ["address", link?.addrs.map((a) => `${a.ip}/${a.prefix}`).join(" ") || "none"],
        ["MAC", link?.mac ?? ""],
        ["state", link?.up ? "UP" : "DOWN"],
      ],
    },
  ];
  if (network) {
    sections.push({
      title: "Docker network",
      rows: [
        ["name", network.name],
        ["ID", network.id.slice(0, 12)],
        ["subnet", node.subnet],
        ["gateway", node.gateway],
        ["internal", network.internal ? "yes (no way out)" : "no"],
      ],
    });
  }
  if (ns && link) {
    const ports = ns.links.filter((l) => l.master === link.ifindex);
    sections.push({
      title: "Ports",
      rows: ports.map((p) => {
        const peer = peerOf(world, p);
        const owner = peer && model.nodes.find((n) => n.kind === "namespace" && n.netns === peer.ns.id);
        const who = owner && owner.kind === "namespace" ? owner.title : (peer?.ns.id ?? "");
        return [`${p.ifindex}: ${p.name}`, peer ? `⇄ ${peer.link.name}@if${p.ifindex} in ${who}` : "no peer"];
      }),
      empty: "no ports yet",
    });
    sections.push({
      title: "Forwarding table (brctl showmacs)",
      rows: (link.fdb ?? []).map((e) => [
        e.mac,
        `port ${linkByIndex(ns, e.port)?.name ?? e.port}${e.local ? " (local)" : ""}`,
      ]),
      empty: "empty",
    });
    sections.push(section("iptables rules for it", rulesMentioning(ns, [node.name, node.subnet]), "none"));
  }
  return { kind: "bridge", title: node.name, sections };
}

function hostDetails(world: World, node: Extract<GraphNode, { kind: "hostns" }>): Details {
  const ns = world.netns[node.netns];
  if (!ns) return { kind: "host", title: node.machine, sections: [] };
  const rules = (table: Table) =>
    (ns.netfilter[table] ?? [])
      .flatMap((c) => c.rules.map((r) => `${table === "nat" ? "-t nat " : ""}${ruleText(c.name, r)}`))
      .join("\n");
  return {
    kind: "host namespace",
    title: node.machine,
    sections: [
      { title: "Interfaces", rows: ifaceRows(world, ns) },
      section("Routes", routeLines(world, ns), "no routes"),
      section("Neighbours (ARP cache)", neighbourLines(ns), "empty"),
      {
        title: "Published ports",
        rows: node.published.map((p) => [
          p.text,
          [p.container, ...p.also.map((a) => `also ${a}`)].join(" · "),
        ]),
        empty: "none",
      },
      {
        title: "--network host containers",
        rows: node.hostMode.map((n) => [n, "shares this namespace"]),
        empty: "none",
      },
      section("iptables -t nat", rules("nat"), "no rules"),
      section("iptables (filter)", rules("filter"), "no rules"),
    ],
  };
}

function machineDetails(world: World, node: GraphNode): Details {
  if (node.kind === "host") {
    const daemon = world.machines[node.machine]?.docker;
    return {
      kind: "Docker host",
      title: node.hostname,
      sections: [
        {
          title: "Docker daemon",
          rows: [
            ["address", node.address],
            [
              "containers",
              `${daemon?.containers.filter(isRunning).length ?? 0} running, ${daemon?.containers.length ?? 0} in all`,
            ],
            ["networks", daemon?.networks.map((n) => n.name).join(", ") ?? ""],
          ],
        },
      ],
    };
  }
  const ns = "netns" in node && node.netns ? world.netns[node.netns] : undefined;
  const title = "title" in node ? node.title : node.id;
  const sections: Section[] = ns
    ? [
        { title: "Interfaces", rows: ifaceRows(world, ns) },
        section("Routes", routeLines(world, ns), "no routes"),
      ]
    : [];
  if (node.kind === "internet") {
    sections.push({ title: "Servers", rows: node.servers.map((s) => [s.ip, `${s.name} (${s.services})`]) });
  }
  return { kind: node.kind, title, sections };
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

function endRows(world: World, netns: string, link: Link | undefined, label: string): [string, string][] {
  if (!link) return [[label, "gone"]];
  const ns = world.netns[netns];
  const master = ns && link.master !== undefined ? linkByIndex(ns, link.master)?.name : undefined;
  return [
    [label, `${link.name} in ${netns}`],
    ["ifindex", `${link.ifindex}${link.peer ? ` (peer ifindex ${link.peer.ifindex})` : ""}`],
    ["MAC", link.mac],
    ["addresses", link.addrs.map((a) => `${a.ip}/${a.prefix}`).join(" ") || "none"],
    ["state", link.up ? "UP" : "DOWN"],
    ...(master ? [["bridge", master] as [string, string]] : []),
  ];
}

/** Details of a cable: both ends of the veth pair (or of the wire between two machines). */
export function edgeDetails(world: World, model: GraphModel, id: string): Details | undefined {
  const edge = model.edges.find((e) => e.id === id);
  if (!edge) return undefined;
  if (edge.kind === "uplink") {
    const bridge = model.nodes.find((n) => n.id === edge.target);
    return {
      kind: "bridge in the host namespace",
      title: bridge?.kind === "bridge" ? bridge.name : edge.target,
      sections: [
        {
          title: "Uplink",
          text: "The bridge is an interface of the host namespace: the host routes between its bridges and eth0 (and iptables filters and NATs there).",
        },
      ],
    };
  }
  if (!edge.ends) return undefined;
  const [a, b] = edge.ends.map(({ netns, ifindex }) => {
    const ns = world.netns[netns];
    return { netns, link: ns ? linkByIndex(ns, ifindex) : undefined };
  });
  if (!a || !b) return undefined;
  return {
    kind: edge.kind === "veth" ? "veth pair" : "cable",
    title: `${edge.sourceLabel} ⇄ ${edge.targetLabel}`,
    sections: [
      { title: "One end", rows: endRows(world, a.netns, a.link, "interface") },
      { title: "Other end", rows: endRows(world, b.netns, b.link, "interface") },
    ],
  };
}

/** The headers of a packet layer by layer, field by field. */
export function packetLayers(p: Packet, prefix = ""): Section[] {
  const out: Section[] = [];
  if (p.eth)
    out.push({
      title: `${prefix}Ethernet`,
      rows: [
        ["source", p.eth.src],
        ["destination", p.eth.dst],
        ["type", p.eth.type],
      ],
    });
  if (p.arp)
    out.push({
      title: `${prefix}ARP`,
      rows: [
        ["operation", p.arp.op],
        ["sender MAC", p.arp.senderMac],
        ["sender IP", p.arp.senderIp],
        ["target MAC", p.arp.targetMac],
        ["target IP", p.arp.targetIp],
      ],
    });
  if (p.ip)
    out.push({
      title: `${prefix}IPv4`,
      rows: [
        ["source", p.ip.src],
        ["destination", p.ip.dst],
        ["TTL", String(p.ip.ttl)],
        ["protocol", p.ip.proto],
        ["ID", String(p.ip.id)],
        ["total length", String(p.ip.length)],
      ],
    });
  if (p.icmp)
    out.push({
      title: `${prefix}ICMP`,
      rows: [
        ["type", p.icmp.type],
        ["code", String(p.icmp.code)],
        ["identifier", String(p.icmp.id)],
        ["sequence", String(p.icmp.seq)],
      ],
    });
  if (p.udp)
    out.push({
      title: `${prefix}UDP`,
      rows: [
        ["source port", String(p.udp.sport)],
        ["destination port", String(p.udp.dport)],
      ],
    });
  if (p.tcp)
    out.push({
      title: `${prefix}TCP`,
      rows: [
        ["source port", String(p.tcp.sport)],
        ["destination port", String(p.tcp.dport)],
        ["flags", p.tcp.flags],
        ["sequence", String(p.tcp.seq)],
        ["acknowledgment", String(p.tcp.ack)],
      ],
    });
  if (p.dns)
    out.push({
      title: `${prefix}DNS ${p.dns.response ? "response" : "query"}`,
      rows: [
        ["ID", String(p.dns.id)],
        ["question", `${p.dns.question.name} ${p.dns.question.type}`],
        ...(p.dns.response
          ? ([
              ["status", p.dns.rcode],
              ...p.dns.answers.map((a) => ["answer", `${a.name} ${a.type} ${a.data} (TTL ${a.ttl})`]),
            ] as [string, string][])
          : []),
      ],
    });
  if (p.vxlan) {
    out.push({ title: `${prefix}VXLAN`, rows: [["VNI", String(p.vxlan.vni)]] });
    out.push(...packetLayers(p.vxlan.inner, "Inner "));
  }
  if (p.payload) out.push({ title: `${prefix}Data`, rows: [["payload", p.payload]] });
  return out;
}

/** Fields NAT changed at this hop: before → after. */
function rewriteRows(hop: Hop): [string, string][] {
  const b = hop.before;
  if (!b) return [];
  const rows: [string, string][] = [];
  const pair = (name: string, x: string | number | undefined, y: string | number | undefined) => {
    if (x !== y) rows.push([name, `${x ?? "-"} → ${y ?? "-"}`]);
  };
  pair("source IP", b.ip?.src, hop.packet.ip?.src);
  pair("destination IP", b.ip?.dst, hop.packet.ip?.dst);
  pair("source port", (b.tcp ?? b.udp)?.sport, (hop.packet.tcp ?? hop.packet.udp)?.sport);
  pair("destination port", (b.tcp ?? b.udp)?.dport, (hop.packet.tcp ?? hop.packet.udp)?.dport);
  return rows;
}

export function hopDetails(hop: Hop, where: string, t0: number): Details {
  const rewrite = rewriteRows(hop);
  return {
    kind: "packet hop",
    title: hop.note || where,
    sections: [
      {
        title: "Hop",
        rows: [
          ["where", `${where} (${hop.dir === "out" ? "leaving" : "arriving"})`],
          ["time", `+${(hop.t - t0).toFixed(3)} ms`],
          ["decision", hop.decision],
          ...(hop.rule ? [["rule", hop.rule] as [string, string]] : []),
        ],
      },
      ...(rewrite.length ? [{ title: "NAT rewrite (before → after)", rows: rewrite }] : []),
      ...packetLayers(hop.packet),
    ],
  };
}
