/**
 * The overlay driver as each swarm node runs it (libnetwork/drivers/overlay), built from kernel
 * operations only. An overlay network set up on a node is a namespace `1-<id>` holding a bridge br0
 * (the subnet's gateway address) and a vxlan device vxlan0 carrying the network's VNI over UDP 4789
 * from the host's own stack; every endpoint is a veth pair with one end in the sandbox and the other
 * a port of br0. The peers' endpoints are static entries on vxlan0 (its FDB says which host each MAC
 * is behind, its neighbour table answers ARP for their addresses), installed as the nodes gossip.
 * Swarm mode adds, per node, docker_gwbridge for the containers' way out, the ingress sandbox, and a
 * load-balancer endpoint for each network a local task or container uses.
 */
import { broadcastOf, formatIp, parseCidr } from "../ip";
import {
  addAddr,
  addLink,
  addRoute,
  addVethPair,
  createNetns,
  deleteLink,
  deleteNeigh,
  deleteNetns,
  getNs,
  linkByName,
  moveLink,
  renameLink,
  setIpv6Disabled,
  setLinkUp,
  setMaster,
  setPermanentNeigh,
} from "../linux/kernel";
import { ownChains } from "../linux/netfilter";
import type { Link, Netns } from "../linux/types";
import { netnsIds } from "../netns-id";
import { randHex } from "../rng";
import { programLoadBalancing } from "../swarm/routing-mesh";
import { clusterOf, gossipPeers } from "../swarm/store";
import type { Swarm, SwarmNetwork } from "../swarm/types";
import { type Host, hostOf, macForIp, newId, randomMac } from "./host";
import { allocateIp, prefixOf, releaseIp } from "./ipam";
import { ensureGatewayBridge, GWBRIDGE } from "./networks";
import { startResolverWithRules } from "./resolver";
import { intoSandbox } from "./sandbox-link";
import type { Container, Endpoint, Network, SandboxEndpoint } from "./types";

const OVERLAY_MTU = 1450;
const VXLAN_PORT = 4789;

/** The names dockerd gives these sandboxes under /var/run/docker/netns. */
function overlayNsName(networkId: string): string {
  return `1-${networkId.slice(0, 10)}`;
}
const INGRESS_SBOX = "ingress_sbox";
function lbNsName(networkId: string): string {
  return `lb_${networkId.slice(0, 9)}`;
}

function nsId(host: Host, name: string): string {
  return netnsIds.daemon(host.machine.name, name);
}

/**
 * A swarm network as a daemon describes it: made at `created`, with its VXLAN id among its options.
 * A node that sets it up keeps such a record (with `overlay`); a manager shows the others so.
 */
export function overlayRecord(sn: SwarmNetwork, created: number): Network {
  return {
    id: sn.id,
    name: sn.name,
    driver: "overlay",
    scope: "swarm",
    created,
    enableIPv6: false,
    ipam: {
      driver: "default",
      options: null,
      config: [{ subnet: sn.subnet, gateway: sn.gateway, showGateway: true }],
    },
    internal: sn.internal,
    attachable: sn.attachable,
    ingress: sn.ingress,
    options: { "com.docker.network.driver.overlay.vxlanid_list": String(sn.vni), ...sn.options },
    labels: { ...sn.labels },
    userSubnet: sn.userSubnet,
    allocated: [],
  };
}

/** The node's local record of a swarm network, made when the node first needs it. */
export function localOverlay(host: Host, sn: SwarmNetwork): Network {
  const existing = host.daemon.networks.find((n) => n.id === sn.id);
  if (existing) return existing;
  const n: Network = { ...overlayRecord(sn, host.world.clock), overlay: { nextVeth: 0 } };
  host.daemon.networks.push(n);
  return n;
}

function swarmNetworkOf(host: Host, n: Network): SwarmNetwork | undefined {
  return clusterOf(host)?.networks.find((x) => x.id === n.id);
}

/** The node's address other nodes send VXLAN to (its advertised data-path address). */
function vtepOf(host: Host): string {
  return host.daemon.swarm?.addr ?? "";
}

/** Every endpoint a node has on an overlay network: containers', and its sandboxes' (lb, ingress). */
function endpointsOn(host: Host, networkId: string): { ip: string; mac: string }[] {
  const n = host.daemon.networks.find((x) => x.id === networkId);
  if (!n?.overlay?.ns) return [];
  const own = host.daemon.containers.flatMap((c) =>
    c.endpoints.filter((e) => e.networkId === networkId && e.endpointId && e.ip).map((e) => e),
  );
  return [...own, ...(n.sandboxEndpoints ?? [])].map((e) => ({ ip: e.ip, mac: e.mac }));
}

/** The other members gossiping in the cluster on which this overlay network is set up. */
function peersOf(host: Host, swarm: Swarm, networkId: string): Host[] {
  return gossipPeers(host.world, swarm)
    .filter((machine) => machine !== host.machine.name)
    .map((machine) => hostOf(host.world, machine))
    .filter((h) => h.daemon.networks.some((n) => n.id === networkId && n.overlay?.ns));
}

function vxlanOf(host: Host, n: Network): { ns: Netns; vxlan: Link } | undefined {
  const ns = n.overlay?.ns ? host.world.netns[n.overlay.ns] : undefined;
  const vxlan = ns && linkByName(ns, "vxlan0");
  return ns && vxlan ? { ns, vxlan } : undefined;
}

/** Installs the static FDB and neighbour entries for a remote endpoint behind `vtep`. */
function learnPeer(host: Host, n: Network, ep: { ip: string; mac: string }, vtep: string): void {
  const v = vxlanOf(host, n);
  if (!v) return;
  v.vxlan.remotes = [...(v.vxlan.remotes ?? []).filter((r) => r.mac !== ep.mac), { mac: ep.mac, dst: vtep }];
  setPermanentNeigh(v.ns, v.vxlan.ifindex, ep.ip, ep.mac);
}

function forgetPeer(host: Host, n: Network, ep: { ip: string; mac: string }): void {
  const v = vxlanOf(host, n);
  if (!v) return;
  v.vxlan.remotes = (v.vxlan.remotes ?? []).filter((r) => r.mac !== ep.mac);
  deleteNeigh(v.ns, v.vxlan.ifindex, ep.ip);
}

/** Gossip: every node with the network set up learns (or forgets) an endpoint of this node. */
function announce(host: Host, networkId: string, ep: { ip: string; mac: string }, joined: boolean): void {
  const swarm = clusterOf(host);
  if (!swarm) return;
  for (const peer of peersOf(host, swarm, networkId)) {
    const n = peer.daemon.networks.find((x) => x.id === networkId);
    if (!n) continue;
    if (joined) learnPeer(peer, n, ep, vtepOf(host));
    else forgetPeer(peer, n, ep);
  }
}

/**
 * Sets the network up on this node: the namespace with br0 (the gateway address) and vxlan0
 * (created in the host's namespace, whose stack carries its packets, then moved in), both MTU 1450,
 * and the entries for the endpoints the other nodes already have.
 */
function setUpOverlay(host: Host, n: Network, sn: SwarmNetwork): Netns {
  const overlay = n.overlay ?? { nextVeth: 0 };
  n.overlay = overlay;
  if (overlay.ns && host.world.netns[overlay.ns]) return getNs(host.world, overlay.ns);
  const ns = createNetns(host.world, nsId(host, overlayNsName(n.id)), host.machine.name);
  const lo = linkByName(ns, "lo");
  if (lo) setLinkUp(host.world, ns, lo, true);
  const mac = randomMac(host);
  const br0 = addLink(ns, { name: "br0", kind: "bridge", mac, mtu: OVERLAY_MTU });
  const cidr = parseCidr(sn.subnet, true);
  const addr = addAddr(ns, br0, sn.gateway, cidr?.prefix ?? 24);
  if (cidr) addr.brd = formatIp(broadcastOf(cidr));
  setIpv6Disabled(host.world, ns, br0, true);
  setLinkUp(host.world, ns, br0, true);
  const vxlan = addLink(host.ns, {
    name: `vx-${randHex(host.world.rng, 6)}`,
    kind: "vxlan",
    mac,
    mtu: OVERLAY_MTU,
  });
  vxlan.lower = { netns: host.ns.id, ifindex: vxlan.ifindex };
  vxlan.vxlan = { vni: sn.vni, port: VXLAN_PORT, proxy: true };
  vxlan.remotes = [];
  moveLink(host.world, host.ns, vxlan, ns);
  renameLink(ns, vxlan, "vxlan0");
  setMaster(host.world, ns, vxlan, br0);
  setIpv6Disabled(host.world, ns, vxlan, true);
  setLinkUp(host.world, ns, vxlan, true);
  overlay.ns = ns.id;
  overlay.nextVeth = 0;
  const swarm = clusterOf(host);
  if (swarm) {
    for (const peer of peersOf(host, swarm, n.id)) {
      for (const ep of endpointsOn(peer, n.id)) learnPeer(host, n, ep, vtepOf(peer));
    }
  }
  return ns;
}

/** Takes the network's namespace down on this node (its last endpoint has left). */
function tearDownOverlay(host: Host, n: Network): void {
  const id = n.overlay?.ns;
  if (!id) return;
  for (const ep of [...(n.sandboxEndpoints ?? [])]) removeSandboxEndpoint(host, n, ep, true);
  if (host.world.netns[id]) deleteNetns(host.world, id);
  if (n.overlay) delete n.overlay.ns;
}

/**
 * An endpoint's veth pair: the sandbox's end named `ifname` with its address, the other end a port
 * of br0 in the network's namespace, named veth0, veth1 … as the driver adds them.
 */
function plugIntoOverlay(
  host: Host,
  n: Network,
  sandbox: Netns,
  ifname: string,
  ip: string,
  prefix: number,
): Link {
  const ns = getNs(host.world, n.overlay?.ns ?? "");
  const overlay = n.overlay ?? { nextVeth: 0 };
  const { sandboxEnd, otherEnd } = vethPair(host, OVERLAY_MTU, ip);
  moveLink(host.world, host.ns, otherEnd, ns);
  renameLink(ns, otherEnd, `veth${overlay.nextVeth++}`);
  setMaster(host.world, ns, otherEnd, linkByName(ns, "br0"));
  setIpv6Disabled(host.world, ns, otherEnd, true);
  setLinkUp(host.world, ns, otherEnd, true);
  intoSandbox(host, sandboxEnd, sandbox, ifname, ip, prefix);
  return sandboxEnd;
}

/** A veth pair made in the host's namespace: the sandbox's end (MAC from its address) first. */
function vethPair(host: Host, mtu: number, ip: string): { sandboxEnd: Link; otherEnd: Link } {
  const name = () => `veth${randHex(host.world.rng, 7)}`;
  const [sandboxEnd, otherEnd] = addVethPair(
    host.ns,
    { name: name(), kind: "veth", mac: macForIp(ip), mtu },
    { name: name(), kind: "veth", mac: randomMac(host), mtu },
  );
  return { sandboxEnd, otherEnd };
}

/** The swarm network's next address: swarmkit's allocator hands them out serially, after the last one. */
export function allocateSerial(sn: SwarmNetwork): string {
  const cidr = parseCidr(sn.subnet, true);
  if (!cidr) throw new Error(`bad subnet ${sn.subnet}`);
  const size = 2 ** (32 - cidr.prefix);
  const taken = new Set([...sn.allocated, sn.gateway]);
  const last = sn.allocated.length > 0 ? (sn.lastAllocated ?? sn.gateway) : sn.gateway;
  const start = (parseCidr(`${last}/32`, true)?.net ?? cidr.net) - cidr.net;
  for (let k = 1; k < size; k++) {
    const offset = (start + k) % size;
    if (offset === 0 || offset === size - 1) continue;
    const ip = formatIp(cidr.net + offset);
    if (taken.has(ip)) continue;
    sn.allocated.push(ip);
    sn.lastAllocated = ip;
    return ip;
  }
  throw new Error(`no available IPv4 addresses on ${sn.name}`);
}

export function releaseSerial(sn: SwarmNetwork, ip: string): void {
  sn.allocated = sn.allocated.filter((a) => a !== ip);
}

/** A sandbox endpoint of the node on an overlay (load balancer, ingress), plugged and announced. */
function addSandboxEndpoint(
  host: Host,
  n: Network,
  sn: SwarmNetwork,
  key: string,
  name: string,
  sandbox: Netns,
  ifname: string,
  ip: string,
): SandboxEndpoint {
  const prefix = parseCidr(sn.subnet, true)?.prefix ?? 24;
  const link = plugIntoOverlay(host, n, sandbox, ifname, ip, prefix);
  const ep: SandboxEndpoint = {
    key,
    name,
    endpointId: newId(host),
    ip,
    prefix,
    mac: link.mac,
    ns: sandbox.id,
    ifname,
  };
  n.sandboxEndpoints = [...(n.sandboxEndpoints ?? []), ep];
  announce(host, n.id, ep, true);
  return ep;
}

function removeSandboxEndpoint(host: Host, n: Network, ep: SandboxEndpoint, dropNs: boolean): void {
  announce(host, n.id, ep, false);
  const ns = host.world.netns[ep.ns];
  const link = ns && linkByName(ns, ep.ifname);
  if (ns && link) deleteLink(host.world, ns, link);
  n.sandboxEndpoints = (n.sandboxEndpoints ?? []).filter((e) => e !== ep);
  if (dropNs && ns && ns.id !== nsId(host, INGRESS_SBOX)) deleteNetns(host.world, ns.id);
}

/** The address this node's load balancer (or ingress sandbox) has on a network: the node keeps one per network. */
function nodeAddress(host: Host, sn: SwarmNetwork): string {
  const node = host.daemon.swarm?.node ?? "";
  sn.nodeAddresses ??= {};
  const known = sn.nodeAddresses[node];
  if (known) return known;
  const ip = allocateSerial(sn);
  sn.nodeAddresses[node] = ip;
  return ip;
}

/** A load balancer's namespace (lb_<id>, ingress_sbox): lo up, and mangle there for its marks. */
function loadBalancerNs(host: Host, name: string): Netns {
  const ns = createNetns(host.world, nsId(host, name), host.machine.name);
  const lo = linkByName(ns, "lo");
  if (lo) setLinkUp(host.world, ns, lo, true);
  ownChains(ns.netfilter, "mangle");
  startResolverWithRules(host, ns);
  return ns;
}

/** Makes sure the network is set up here with its load-balancer endpoint (lb_<id>, `NET-endpoint`). */
function ensureUsable(host: Host, n: Network, sn: SwarmNetwork): void {
  const fresh = !n.overlay?.ns || !host.world.netns[n.overlay.ns];
  setUpOverlay(host, n, sn);
  if (!fresh || sn.ingress) return;
  const lbNs = loadBalancerNs(host, lbNsName(n.id));
  addSandboxEndpoint(host, n, sn, `lb-${n.name}`, `${n.name}-endpoint`, lbNs, "eth0", nodeAddress(host, sn));
  // The new load balancer takes the VIPs of the services already on the network.
  const swarm = clusterOf(host);
  if (swarm) programLoadBalancing(host.world, swarm);
}

/**
 * A running container joins an overlay network: the address the managers assigned it, its veth
 * into br0, announced to the other nodes. The caller adds the way out (docker_gwbridge).
 */
export function joinOverlay(host: Host, c: Container, ep: Endpoint, n: Network, ip: string): void {
  const sn = swarmNetworkOf(host, n);
  if (!sn || !c.netns) return;
  ensureUsable(host, n, sn);
  const sandbox = getNs(host.world, c.netns);
  const prefix = parseCidr(sn.subnet, true)?.prefix ?? 24;
  const ifname = `eth${c.nextIfIndex++}`;
  const link = plugIntoOverlay(host, n, sandbox, ifname, ip, prefix);
  Object.assign(ep, { ip, prefix, gateway: "", mac: link.mac, ifname });
  announce(host, n.id, { ip, mac: link.mac }, true);
}

/** The container's endpoint leaves; with the last one gone the network's namespace goes too. */
export function leaveOverlay(host: Host, c: Container, ep: Endpoint, n: Network): void {
  if (ep.ip) announce(host, n.id, { ip: ep.ip, mac: ep.mac }, false);
  const ns = c.netns ? host.world.netns[c.netns] : undefined;
  const link = ns && ep.ifname ? linkByName(ns, ep.ifname) : undefined;
  if (ns && link) deleteLink(host.world, ns, link);
  const stillUsed = host.daemon.containers.some((o) =>
    o.endpoints.some((e) => e !== ep && e.networkId === n.id && e.endpointId),
  );
  if (!stillUsed && !n.ingress) tearDownOverlay(host, n);
}

/** Whether a container needs docker_gwbridge: none of its endpoints gives it a default gateway. */
export function needsGatewayBridge(host: Host, c: Container): boolean {
  const onOverlay = c.endpoints.some((e) => e.endpointId && networkIdIsOverlay(host, e.networkId));
  const hasGateway = c.endpoints.some((e) => e.endpointId && e.gateway);
  return onOverlay && !hasGateway;
}

function networkIdIsOverlay(host: Host, id: string): boolean {
  return host.daemon.networks.some((n) => n.id === id && n.driver === "overlay");
}

/** The container's way out: an endpoint `gateway_<sandbox>` on docker_gwbridge, with the default route. */
export function connectGatewayBridge(host: Host, c: Container): void {
  if (!c.netns || c.gatewayEndpoint) return;
  const gw = ensureGatewayBridge(host);
  const sandbox = getNs(host.world, c.netns);
  const ifname = `eth${c.nextIfIndex++}`;
  const ep = plugIntoBridge(host, gw, sandbox, ifname);
  c.gatewayEndpoint = { ...ep, key: c.id, name: `gateway_${c.sandboxId.slice(0, 12)}` };
}

export function disconnectGatewayBridge(host: Host, c: Container): void {
  const ep = c.gatewayEndpoint;
  if (!ep) return;
  const gw = host.daemon.networks.find((n) => n.name === GWBRIDGE);
  if (gw) releaseIp(gw, ep.ip);
  const ns = host.world.netns[ep.ns];
  const link = ns && linkByName(ns, ep.ifname);
  if (ns && link) deleteLink(host.world, ns, link);
  if (ns) ns.routes = ns.routes.filter((r) => r.dst !== "default" || r.via !== gw?.ipam.config[0]?.gateway);
  delete c.gatewayEndpoint;
}

/** A veth from a sandbox into a bridge network's Linux bridge, with an address and the default route. */
function plugIntoBridge(
  host: Host,
  n: Network,
  sandbox: Netns,
  ifname: string,
): Omit<SandboxEndpoint, "key" | "name"> {
  const config = n.ipam.config[0];
  const ip = allocateIp(n) ?? "";
  const prefix = config ? prefixOf(config) : 16;
  const { sandboxEnd, otherEnd: hostEnd } = vethPair(host, 1500, ip);
  setMaster(host.world, host.ns, hostEnd, n.bridge ? linkByName(host.ns, n.bridge) : undefined);
  setLinkUp(host.world, host.ns, hostEnd, true);
  intoSandbox(host, sandboxEnd, sandbox, ifname, ip, prefix);
  if (config) {
    sandbox.routes = sandbox.routes.filter((r) => r.dst !== "default");
    addRoute(host.world, sandbox, {
      dst: "default",
      via: config.gateway,
      dev: sandboxEnd.ifindex,
      proto: "static",
      scope: "global",
    });
  }
  return { endpointId: newId(host), ip, prefix, mac: sandboxEnd.mac, ns: sandbox.id, ifname };
}

/**
 * Swarm mode's networking on a node that has just initialised or joined: docker_gwbridge, the
 * ingress network set up, and the ingress sandbox with an endpoint on each.
 */
export function startSwarmNetworking(host: Host): void {
  const swarm = clusterOf(host);
  const ingress = swarm?.networks.find((n) => n.ingress);
  if (!ingress) return;
  const n = localOverlay(host, ingress);
  setUpOverlay(host, n, ingress);
  const sbox = loadBalancerNs(host, INGRESS_SBOX);
  addSandboxEndpoint(
    host,
    n,
    ingress,
    "ingress-sbox",
    "ingress-endpoint",
    sbox,
    "eth0",
    nodeAddress(host, ingress),
  );
  const gw = ensureGatewayBridge(host);
  const ep = plugIntoBridge(host, gw, sbox, "eth1");
  gw.sandboxEndpoints = [
    ...(gw.sandboxEndpoints ?? []),
    { ...ep, key: "ingress-sbox", name: "gateway_ingress-sbox" },
  ];
}

/**
 * Leaving the swarm: every overlay network goes from this node (with the ingress sandbox and the
 * load balancers); docker_gwbridge stays.
 */
export function stopSwarmNetworking(host: Host): void {
  const gw = host.daemon.networks.find((n) => n.name === GWBRIDGE);
  const sboxEp = gw?.sandboxEndpoints?.find((e) => e.key === "ingress-sbox");
  if (gw && sboxEp) {
    releaseIp(gw, sboxEp.ip);
    gw.sandboxEndpoints = gw.sandboxEndpoints?.filter((e) => e !== sboxEp);
  }
  for (const n of host.daemon.networks.filter((x) => x.driver === "overlay")) {
    tearDownOverlay(host, n);
  }
  const sbox = nsId(host, INGRESS_SBOX);
  if (host.world.netns[sbox]) deleteNetns(host.world, sbox);
  host.daemon.networks = host.daemon.networks.filter((x) => x.driver !== "overlay");
}
