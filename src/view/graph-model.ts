/**
 * What the graph draws, derived from the world alone. Each Docker host is a group holding its root
 * namespace (lo, eth0, published ports, `--network host` containers, the masquerade boundary), each
 * Linux bridge as a switch, and every other namespace (containers, `ip netns` ones) with its
 * interfaces; stopped containers come from the daemon, greyed. Outside: the LAN switch, the
 * gateway router, the laptop and the internet with its servers. Every veth pair and every cable
 * between machines is an edge joining two named ports. Pure: no React here, tested in Node.
 */
import { ipv4Config } from "../engine/docker/ipam";
import { isRunning } from "../engine/docker/lookup";
import type { Container, Daemon } from "../engine/docker/types";
import { linkByIndex, peerOf } from "../engine/linux/kernel";
import type { Link, Netns, NetnsId } from "../engine/linux/types";
import { netnsPlace } from "../engine/netns-id";
import type { Machine, World } from "../engine/world";
import { linkPeer } from "../shell/format/ip-link";

export interface IfaceView {
  name: string;
  ifindex: number;
  addrs: string[];
  mac: string;
  up: boolean;
}

/** A point where a cable attaches, named by the interface; `label` is the chip drawn on the node's border. */
interface Port {
  id: string;
  label: string;
  /** The node at the cable's other end, so the port can face it. */
  peer: string;
}

interface Base {
  id: string;
  machine: string;
  /** The group node (Docker host) this node is drawn inside. */
  parent?: string;
  ports: Port[];
}

interface HostGroupNode extends Base {
  kind: "host";
  hostname: string;
  address: string;
}

interface HostNsNode extends Base {
  kind: "hostns";
  netns: NetnsId;
  ifaces: IfaceView[];
  /** "0.0.0.0:8081 → 172.17.0.2:8080" with the other addresses the port is bound on ([::]:8081) and the container's name. */
  published: { text: string; also: string[]; container: string }[];
  /** Running containers that share this namespace (`--network host`). */
  hostMode: string[];
  /** Source subnets masqueraded on the way out. */
  masquerade: string[];
}

interface BridgeNode extends Base {
  kind: "bridge";
  name: string;
  network?: string;
  subnet: string;
  gateway: string;
  internal: boolean;
}

export interface NamespaceNode extends Base {
  kind: "namespace";
  /** undefined for a stopped container: it has no namespace. */
  netns?: NetnsId;
  role: "container" | "netns" | "sandbox" | "stopped";
  title: string;
  image?: string;
  /** "running", "exited (137)", "created". */
  state?: string;
  /** The network mode as `docker inspect` shows it: bridge, none, container:web, mynet. */
  mode?: string;
  /** Every container in this namespace (more than one with `--network container:`). */
  members: string[];
  ifaces: IfaceView[];
  /** Networks a stopped container will join when it starts. */
  networks: string[];
  /** The bridge node its first cable goes to, or the first network's bridge when stopped: where layout puts it. */
  home?: string;
}

export interface OutsideNode extends Base {
  kind: "switch" | "router" | "laptop" | "internet";
  title: string;
  netns: NetnsId;
  ifaces: IfaceView[];
  masquerade: string[];
  /** Only on the internet: its servers, each an anchor for packets that reach it. */
  servers: { machine: string; ip: string; name: string; services: string }[];
}

export type GraphNode = HostGroupNode | HostNsNode | BridgeNode | NamespaceNode | OutsideNode;

export interface GraphEdge {
  id: string;
  kind: "veth" | "uplink" | "ether";
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
  /** Interface names at each end (the bridge-side vethXXXX, the container's eth0@if5). */
  sourceLabel: string;
  targetLabel: string;
  /** A cable's two interfaces (a veth pair's ends, or the links a wire joins); an uplink has none. */
  ends?: [LinkEnd, LinkEnd];
}

interface LinkEnd {
  netns: NetnsId;
  ifindex: number;
}

/** Where on the graph an interface of a namespace is: a node, and the port on it (none means the node itself). */
export interface Anchor {
  node: string;
  port?: string;
}

/**
 * An overlay network set up on two or more Docker hosts: a VXLAN tunnel between their eth0s (the
 * VTEPs), drawn as a lane above the hosts that a wrapped packet travels.
 */
export interface Tunnel {
  id: string;
  network: string;
  vni: number;
  subnet: string;
  /** The hosts it joins, left to right as they were added: the machine and its root namespace's node. */
  members: { machine: string; node: string; address: string }[];
}

export interface GraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
  tunnels: Tunnel[];
  /** netns id -> ifname -> anchor, and "" -> the namespace's own node. */
  anchors: Record<NetnsId, Record<string, Anchor>>;
}

const nodeIds = {
  host: (machine: string) => `host:${machine}`,
  ns: (netns: NetnsId) => `ns:${netns}`,
  bridge: (machine: string, name: string) => `br:${machine}:${name}`,
  stopped: (machine: string, c: Container) => `ctr:${machine}:${c.id.slice(0, 12)}`,
  machine: (name: string) => `m:${name}`,
};

const SERVER_PORT = "srv:";

function iface(link: Link): IfaceView {
  return {
    name: link.name,
    ifindex: link.ifindex,
    addrs: link.addrs.map((a) => `${a.ip}/${a.prefix}`),
    mac: link.mac,
    up: link.up,
  };
}

/** Subnets a namespace masquerades (Docker's `-s SUBNET ! -o BRIDGE -j MASQUERADE`, a router's `-o eth1`). */
function masqueraded(ns: Netns): string[] {
  const post = ns.netfilter.nat?.find((c) => c.name === "POSTROUTING");
  return (post?.rules ?? [])
    .filter((r) => r.target === "MASQUERADE" && !r.dst)
    .map((r) => (r.src ? r.src.value : `out ${r.out?.value ?? "any"}`));
}

/**
 * Published ports, once per host port: Docker binds each on 0.0.0.0 and on :: (docker ps shows
 * both); the IPv4 binding names it and the others are listed after it.
 */
function publishedPorts(daemon: Daemon | undefined, containers: Container[]): HostNsNode["published"] {
  const byPort = new Map<string, { ips: string[]; p: NonNullable<Daemon["ports"][number]> }>();
  for (const p of daemon?.ports ?? []) {
    const key = `${p.proto}/${p.hostPort}/${p.containerIp}:${p.containerPort}`;
    const seen = byPort.get(key);
    if (seen) seen.ips.push(p.hostIp);
    else byPort.set(key, { ips: [p.hostIp], p });
  }
  return [...byPort.values()].map(({ ips, p }) => {
    const [first, ...rest] = [
      ...ips.filter((ip) => !ip.includes(":")),
      ...ips.filter((ip) => ip.includes(":")),
    ];
    const proto = p.proto === "tcp" ? "" : `/${p.proto}`;
    return {
      text: `${first}:${p.hostPort} → ${p.containerIp}:${p.containerPort}${proto}`,
      also: rest.map((ip) => `${ip.includes(":") ? `[${ip}]` : ip}:${p.hostPort}`),
      container: containers.find((c) => c.id === p.containerId)?.name ?? "",
    };
  });
}

function stateText(c: Container): string {
  if (c.state.status === "exited") return `exited (${c.state.exitCode})`;
  return c.state.status;
}

function groupBy<K, T>(items: T[], key: (item: T) => K | undefined): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

class Builder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  readonly anchors: Record<NetnsId, Record<string, Anchor>> = {};
  private readonly byId = new Map<string, GraphNode>();
  private readonly edgeIds = new Set<string>();

  constructor(readonly world: World) {}

  node(n: GraphNode): void {
    this.nodes.push(n);
    this.byId.set(n.id, n);
  }

  find(id: string): GraphNode | undefined {
    return this.byId.get(id);
  }

  hasEdge(id: string): boolean {
    return this.edgeIds.has(id);
  }

  anchor(netns: NetnsId, ifname: string, a: Anchor): void {
    const table = this.anchors[netns] ?? {};
    table[ifname] = a;
    this.anchors[netns] = table;
  }

  edge(e: GraphEdge): void {
    if (this.edgeIds.has(e.id)) return;
    this.edgeIds.add(e.id);
    this.edges.push(e);
  }
}

/** The node and port an interface is drawn at, once every node exists. */
function ownerOf(b: Builder, netns: NetnsId, ifname: string): Anchor | undefined {
  return b.anchors[netns]?.[ifname];
}

/** A cable's id and its ends, the same whichever end it is found from. */
function cable(a: LinkEnd, z: LinkEnd): { id: string; ends: [LinkEnd, LinkEnd] } {
  const key = (e: LinkEnd) => `${e.netns}:${e.ifindex}`;
  const ends: [LinkEnd, LinkEnd] = key(a) <= key(z) ? [a, z] : [z, a];
  return { id: `cable:${key(ends[0])}|${key(ends[1])}`, ends };
}

function addDockerHost(b: Builder, machine: Machine): void {
  const hostNs = b.world.netns[machine.rootNs];
  if (!hostNs) return;
  const daemon: Daemon | undefined = machine.docker;
  const group = nodeIds.host(machine.name);
  const hostId = nodeIds.ns(hostNs.id);
  const containers = daemon?.containers ?? [];
  // Running containers by the namespace they are in (several with --network container:).
  const inNs = groupBy(
    containers.filter((c) => isRunning(c)),
    (c) => c.netns,
  );
  // Bridge ports by the ifindex of their bridge.
  const portsOf = groupBy(hostNs.links, (l) => l.master);
  const eth0 = hostNs.links.find((l) => l.kind === "ether" && l.addrs.length > 0);
  b.node({
    kind: "host",
    id: group,
    machine: machine.name,
    hostname: machine.hostname,
    address: eth0?.addrs[0]?.ip ?? "",
    ports: [],
  });
  const hostNode: HostNsNode = {
    kind: "hostns",
    id: hostId,
    machine: machine.name,
    parent: group,
    netns: hostNs.id,
    ifaces: hostNs.links.filter((l) => l.kind !== "bridge" && l.master === undefined).map(iface),
    published: publishedPorts(daemon, containers),
    hostMode: (inNs.get(hostNs.id) ?? []).map((c) => c.name),
    masquerade: masqueraded(hostNs),
    ports: [],
  };
  b.node(hostNode);
  b.anchor(hostNs.id, "", { node: hostId });
  for (const link of hostNs.links) b.anchor(hostNs.id, link.name, { node: hostId });

  for (const link of hostNs.links.filter((l) => l.kind === "bridge")) {
    const network = daemon?.networks.find((n) => n.bridge === link.name);
    const addr = link.addrs[0];
    const id = nodeIds.bridge(machine.name, link.name);
    b.node({
      kind: "bridge",
      id,
      machine: machine.name,
      parent: group,
      name: link.name,
      subnet: (network && ipv4Config(network)?.subnet) ?? (addr ? `${addr.ip}/${addr.prefix}` : ""),
      gateway: addr?.ip ?? "",
      internal: network?.internal ?? false,
      ...(network ? { network: network.name } : {}),
      ports: [{ id: "up", label: "", peer: hostId }],
    });
    hostNode.ports.push({ id: `up:${link.name}`, label: "", peer: id });
    b.anchor(hostNs.id, link.name, { node: id });
    for (const port of portsOf.get(link.ifindex) ?? []) {
      b.anchor(hostNs.id, port.name, { node: id, port: port.name });
    }
    b.edge({
      id: `uplink:${hostNs.id}:${link.name}`,
      kind: "uplink",
      source: hostId,
      sourcePort: `up:${link.name}`,
      target: id,
      targetPort: "up",
      sourceLabel: "",
      targetLabel: "",
    });
  }

  for (const ns of Object.values(b.world.netns)) {
    const place = netnsPlace(ns.id);
    if (place.kind === "root" || place.machine !== machine.name) continue;
    const members = inNs.get(ns.id) ?? [];
    const owner = members.find((c) => !c.hostConfig.networkMode.startsWith("container:")) ?? members[0];
    const id = nodeIds.ns(ns.id);
    b.node({
      kind: "namespace",
      id,
      machine: machine.name,
      parent: group,
      netns: ns.id,
      role: owner ? "container" : place.kind === "named" ? "netns" : "sandbox",
      title: owner?.name ?? (place.kind === "named" ? place.name : place.sandbox),
      ...(owner ? { image: owner.image, state: stateText(owner), mode: owner.hostConfig.networkMode } : {}),
      members: members.map((c) => c.name),
      ifaces: ns.links.map(iface),
      networks: [],
      ports: [],
    });
    b.anchor(ns.id, "", { node: id });
    for (const link of ns.links) b.anchor(ns.id, link.name, { node: id });
  }

  for (const c of containers) {
    if (isRunning(c)) continue;
    const networks = c.endpoints.map((e) => daemon?.networks.find((n) => n.id === e.networkId));
    const first = networks.find((n) => n?.bridge);
    b.node({
      kind: "namespace",
      id: nodeIds.stopped(machine.name, c),
      machine: machine.name,
      parent: group,
      role: "stopped",
      title: c.name,
      image: c.image,
      state: stateText(c),
      mode: c.hostConfig.networkMode,
      members: [c.name],
      ifaces: [],
      networks: networks.map((n) => n?.name ?? "").filter(Boolean),
      ...(first?.bridge ? { home: nodeIds.bridge(machine.name, first.bridge) } : {}),
      ports: [],
    });
  }
}

/** Veth pairs between namespaces of a Docker host: one edge per pair, each end a port of its node. */
function addVethCables(b: Builder): void {
  for (const ns of Object.values(b.world.netns)) {
    for (const link of ns.links) {
      if (link.kind !== "veth") continue;
      const peer = peerOf(b.world, link);
      if (!peer) continue;
      const here = ownerOf(b, ns.id, link.name);
      const there = ownerOf(b, peer.ns.id, peer.link.name);
      if (!here || !there || here.node === there.node) continue;
      // The end in a bridge or the host namespace is the source: cables hang from it.
      const hereNode = b.find(here.node);
      const upper = hereNode?.kind === "bridge" || hereNode?.kind === "hostns";
      const [src, dst] = upper
        ? [
            { a: here, ns, link },
            { a: there, ns: peer.ns, link: peer.link },
          ]
        : [
            { a: there, ns: peer.ns, link: peer.link },
            { a: here, ns, link },
          ];
      const label = (end: { ns: Netns; link: Link }) => `${end.link.name}${linkPeer(end.ns, end.link).at}`;
      const { id, ends } = cable(
        { netns: ns.id, ifindex: link.ifindex },
        { netns: peer.ns.id, ifindex: peer.link.ifindex },
      );
      if (b.hasEdge(id)) continue;
      b.edge({
        id,
        ends,
        kind: "veth",
        source: src.a.node,
        sourcePort: src.link.name,
        target: dst.a.node,
        targetPort: dst.link.name,
        sourceLabel: label(src),
        targetLabel: label(dst),
      });
      for (const end of [src, dst]) {
        const other = end === src ? dst : src;
        const node = b.find(end.a.node);
        if (!node) continue;
        const chip = node.kind === "bridge" ? "" : label(end);
        node.ports.push({ id: end.link.name, label: chip, peer: other.a.node });
        if (node.kind !== "bridge")
          b.anchor(end.ns.id, end.link.name, { node: node.id, port: end.link.name });
      }
    }
  }
  for (const n of b.nodes) {
    if (n.kind !== "namespace" || n.home) continue;
    const toBridge = n.ports.map((p) => b.find(p.peer)).find((x) => x?.kind === "bridge");
    if (toBridge) n.home = toBridge.id;
  }
}

function outsideKind(world: World, m: Machine): OutsideNode["kind"] | "server" | undefined {
  if (m.kind === "server") return "server";
  if (m.kind === "laptop") return "laptop";
  if (m.kind !== "router") return undefined;
  const ns = world.netns[m.rootNs];
  if (ns?.links.some((l) => l.kind === "bridge")) return "switch";
  const servesServers = ns?.links.some((l) => {
    const peer = l.peer && world.netns[l.peer.netns];
    return peer && world.machines[peer.machine]?.kind === "server";
  });
  return servesServers ? "internet" : "router";
}

const TITLES: Record<OutsideNode["kind"], string> = {
  switch: "LAN switch",
  router: "gateway router",
  laptop: "laptop",
  internet: "internet",
};

function addOutside(b: Builder): void {
  const machines = Object.values(b.world.machines);
  const cloud = machines.find((m) => outsideKind(b.world, m) === "internet");
  for (const m of machines) {
    const kind = outsideKind(b.world, m);
    const ns = b.world.netns[m.rootNs];
    if (!kind || !ns) continue;
    if (kind === "server") {
      if (!cloud) continue;
      const port = `${SERVER_PORT}${m.name}`;
      b.anchor(ns.id, "", { node: nodeIds.machine(cloud.name), port });
      for (const link of ns.links) b.anchor(ns.id, link.name, { node: nodeIds.machine(cloud.name), port });
      continue;
    }
    const id = nodeIds.machine(m.name);
    const servers =
      kind === "internet"
        ? machines
            .filter((s) => s.kind === "server")
            .map((s) => {
              const sns = b.world.netns[s.rootNs];
              const ip =
                sns?.links.find((l) => l.addrs.length > 0 && l.kind !== "loopback")?.addrs[0]?.ip ?? "";
              const services = (s.services ?? []).map((x) =>
                x.port === 53 ? "DNS" : x.port === 80 ? "web" : x.app,
              );
              return { machine: s.name, ip, name: s.name, services: services.join(", ") };
            })
        : [];
    b.node({
      kind,
      id,
      machine: m.name,
      title: TITLES[kind],
      netns: ns.id,
      ifaces: ns.links.filter((l) => l.kind !== "loopback").map(iface),
      masquerade: masqueraded(ns),
      servers,
      ports: servers.map((s) => ({ id: `${SERVER_PORT}${s.machine}`, label: "", peer: "" })),
    });
    b.anchor(ns.id, "", { node: id });
    for (const link of ns.links) {
      const peer = link.peer && b.world.netns[link.peer.netns];
      const server = peer && b.world.machines[peer.machine]?.kind === "server" ? peer.machine : undefined;
      b.anchor(ns.id, link.name, server ? { node: id, port: `${SERVER_PORT}${server}` } : { node: id });
    }
  }
}

/** Cables between machines (a host's eth0 into the LAN switch, the router's uplink): edges between port chips. */
function addMachineCables(b: Builder): void {
  for (const m of Object.values(b.world.machines)) {
    const ns = b.world.netns[m.rootNs];
    if (!ns) continue;
    for (const link of ns.links) {
      if (link.kind !== "ether" || !link.peer) continue;
      const peerNs = b.world.netns[link.peer.netns];
      const peer = peerNs && linkByIndex(peerNs, link.peer.ifindex);
      if (!peerNs || !peer || peerNs.machine === ns.machine) continue;
      const here = ownerOf(b, ns.id, link.name);
      const there = ownerOf(b, peerNs.id, peer.name);
      if (!here || !there || here.node === there.node) continue;
      const { id, ends } = cable(
        { netns: ns.id, ifindex: link.ifindex },
        { netns: peerNs.id, ifindex: peer.ifindex },
      );
      if (b.hasEdge(id)) continue;
      b.edge({
        id,
        ends,
        kind: "ether",
        source: here.node,
        sourcePort: link.name,
        target: there.node,
        targetPort: peer.name,
        sourceLabel: link.name,
        targetLabel: peer.name,
      });
      for (const [end, other, nsId, l] of [
        [here, there, ns.id, link],
        [there, here, peerNs.id, peer],
      ] as const) {
        const node = b.find(end.node);
        if (!node) continue;
        node.ports.push({ id: l.name, label: l.name, peer: other.node });
        b.anchor(nsId, l.name, { node: node.id, port: l.name });
      }
    }
  }
}

/** Whether two JSON-like values are equal. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (!same(x[k], y[k])) return false;
    keys++;
  }
  for (const _ in y) keys--;
  return keys === 0;
}

/** `fresh` with each item equal to one of `old` replaced by the old object; `old` itself when nothing changed. */
function reuse<T extends { id: string }>(fresh: T[], old: T[] | undefined): T[] {
  if (!old) return fresh;
  const byId = new Map(old.map((x) => [x.id, x]));
  let changed = fresh.length !== old.length;
  const out = fresh.map((x, i) => {
    const o = byId.get(x.id);
    const kept = o && same(o, x) ? o : x;
    if (kept !== old[i]) changed = true;
    return kept;
  });
  return changed ? out : old;
}

/**
 * The model of `world`. Given the model of an earlier state, nodes and edges that did not change
 * are the earlier objects, and the earlier model itself is returned when nothing changed: views
 * compare by identity and redraw only what a command changed.
 */
export function graphModel(world: World, previous?: GraphModel): GraphModel {
  const b = new Builder(world);
  for (const m of Object.values(world.machines)) if (m.kind === "docker-host") addDockerHost(b, m);
  addOutside(b);
  addVethCables(b);
  addMachineCables(b);
  const nodes = reuse(b.nodes, previous?.nodes);
  const edges = reuse(b.edges, previous?.edges);
  const anchors = previous && same(previous.anchors, b.anchors) ? previous.anchors : b.anchors;
  const found = tunnelsOf(world);
  const tunnels = previous && same(previous.tunnels, found) ? previous.tunnels : found;
  if (
    previous &&
    nodes === previous.nodes &&
    edges === previous.edges &&
    anchors === previous.anchors &&
    tunnels === previous.tunnels
  )
    return previous;
  return { nodes, edges, anchors, tunnels };
}

/** Overlays whose namespace (br0 + vxlan0) is up on two or more hosts, by VNI (ingress first). */
function tunnelsOf(world: World): Tunnel[] {
  const byVni = new Map<number, Tunnel>();
  for (const m of Object.values(world.machines)) {
    const root = world.netns[m.rootNs];
    const address = root?.links.find((l) => l.name === "eth0")?.addrs[0]?.ip;
    if (m.kind !== "docker-host" || !root || !address) continue;
    for (const net of m.docker?.networks ?? []) {
      const ns = net.overlay?.ns ? world.netns[net.overlay.ns] : undefined;
      const vni = ns?.links.find((l) => l.vxlan)?.vxlan?.vni;
      if (vni === undefined) continue;
      const tunnel = byVni.get(vni) ?? {
        id: `tunnel:${vni}`,
        network: net.name,
        vni,
        subnet: net.ipam.config[0]?.subnet ?? "",
        members: [],
      };
      tunnel.members.push({ machine: m.name, node: nodeIds.ns(root.id), address });
      byVni.set(vni, tunnel);
    }
  }
  return [...byVni.values()].filter((t) => t.members.length > 1).sort((a, b) => a.vni - b.vni);
}

const nodeIndex = new WeakMap<GraphModel, Map<string, GraphNode>>();

/** The node of `model` with this id (indexed once per model). */
export function nodeOf(model: GraphModel, id: string): GraphNode | undefined {
  let index = nodeIndex.get(model);
  if (!index) {
    index = new Map(model.nodes.map((n) => [n.id, n]));
    nodeIndex.set(model, index);
  }
  return index.get(id);
}

/** Where a hop at (netns, ifname) is drawn; undefined when the namespace is gone from the graph. */
export function locate(model: GraphModel, netns: NetnsId, ifname: string): Anchor | undefined {
  const table = model.anchors[netns];
  return table?.[ifname] ?? table?.[""];
}
