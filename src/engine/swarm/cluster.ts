/**
 * Swarm membership (daemon/cluster): init, join with a token, leave, join tokens and the node list,
 * with the daemon's refusals in its own words. A manager listens on 2377 (cluster management) and
 * every node on 7946 (gossip) and 4789 (VXLAN, the kernel's socket).
 */
import { disconnectNetwork } from "../docker/attachments";
import { DaemonError, NotFound } from "../docker/errors";
import { DOCKERD_PID, dockerdPid, type Host } from "../docker/host";
import { startSwarmNetworking, stopSwarmNetworking } from "../docker/overlay";
import { cidrsOverlap, parseCidr, parseIp } from "../ip";
import { getNs, linkByName } from "../linux/kernel";
import type { Socket } from "../linux/types";
import {
  caDigest,
  digestHex,
  joinToken,
  parseJoinToken,
  peerName,
  rootCa,
  swarmId,
  tokenSecret,
} from "./ids";
import { programLoadBalancing } from "./routing-mesh";
import { forgetNode, removeNodeTasks } from "./services";
import { clusterOf, NOT_IN_SWARM, nodeOf, refreshNodes, requireManager, SWARM_EXISTS, swarms } from "./store";
import type { NodeRole, Swarm, SwarmNode } from "./types";

const MANAGER_PORT = 2377;
const GOSSIP_PORT = 7946;

const BAD_ADVERTISE =
  "advertise address must be a non-zero IP address or network interface (with optional port number)";

/** How long `docker swarm join` waits for a manager before it gives up (swarmConnectTimeout). */
const JOIN_TIMEOUT_MS = 20_000;

/** resolveInputIPAddr: an interface's one IPv4 address, or a literal non-zero IP. */
function resolveAddress(host: Host, input: string, what: string): string {
  const link = linkByName(host.ns, input);
  if (link) {
    const v4 = link.addrs.filter((a) => a.scope !== "host");
    if (v4.length > 1)
      throw new DaemonError(
        `interface ${input} has more than one IPv4 address (${v4[0]?.ip} and ${v4[1]?.ip})`,
        400,
      );
    const first = v4[0];
    if (!first) throw new DaemonError(`interface ${input} has no usable IPv4 or IPv6 address`, 400);
    return first.ip;
  }
  const value = parseIp(input);
  if (value === undefined || value === 0) throw new DaemonError(what, 400);
  return input;
}

/** An address with an optional port: "192.168.0.101", "eth0", "192.168.0.101:2377". */
function splitHostPort(text: string, port: number): { host: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(text);
  return m ? { host: m[1] ?? "", port: Number(m[2]) } : { host: text, port };
}

/**
 * resolveSystemAddr: the address to advertise when none is given. Physical NICs first; without
 * one, every interface that is up, leaving out the subnets of Docker's own networks. More than one
 * candidate is an error that names them.
 */
function systemAddress(host: Host): string {
  const pick = (links: { name: string; ip: string }[]) => {
    const [a, b] = links;
    if (a && b) {
      throw new DaemonError(
        a.name === b.name
          ? `could not choose an IP address to advertise since this system has multiple addresses on interface ${a.name} (${a.ip} and ${b.ip})`
          : `could not choose an IP address to advertise since this system has multiple addresses on different interfaces (${a.ip} on ${a.name} and ${b.ip} on ${b.name})`,
        400,
      );
    }
    return a?.ip;
  };
  const up = host.ns.links.filter((l) => l.up && l.kind !== "loopback");
  const global = (kinds: string[]) =>
    up
      .filter((l) => kinds.includes(l.kind))
      .flatMap((l) => l.addrs.filter((a) => a.scope === "global").map((a) => ({ name: l.name, ip: a.ip })));
  const device = pick(global(["ether"]));
  if (device) return device;
  const docker = host.daemon.networks.flatMap((n) =>
    n.ipam.config.flatMap((c) => parseCidr(c.subnet, true) ?? []),
  );
  const candidates = global(["ether", "veth", "dummy", "bridge", "macvlan"]).filter((c) => {
    const ip = parseCidr(`${c.ip}/32`, true);
    return ip !== undefined && !docker.some((d) => cidrsOverlap(d, ip));
  });
  const found = pick(candidates);
  if (!found) throw new DaemonError("could not find the system's IP address", 400);
  return found;
}

function listenSockets(host: Host, manager: boolean): void {
  const pid = dockerdPid(host) ?? DOCKERD_PID;
  const own = (s: Socket) => s.pid === pid && [MANAGER_PORT, GOSSIP_PORT].includes(s.port);
  host.ns.sockets = host.ns.sockets.filter(
    (s) => !own(s) && !(s.proto === "udp" && s.port === 4789 && s.pid === 0),
  );
  // dockerd's descriptors as the recordings show them: the raft listener opens first, gossip later.
  const dockerd = (proto: "tcp" | "udp", port: number, fd: number): Socket => ({
    proto,
    ip: "::",
    port,
    pid,
    program: "dockerd",
    fd,
  });
  host.ns.sockets.push({ proto: "udp", ip: "0.0.0.0", port: 4789, pid: 0, program: "" });
  host.ns.sockets.push(dockerd("udp", GOSSIP_PORT, 34));
  host.ns.sockets.push(dockerd("tcp", GOSSIP_PORT, 32));
  if (manager) host.ns.sockets.push(dockerd("tcp", MANAGER_PORT, 27));
}

function closeSockets(host: Host): void {
  const pid = dockerdPid(host) ?? DOCKERD_PID;
  host.ns.sockets = host.ns.sockets.filter(
    (s) =>
      !(s.pid === pid && [MANAGER_PORT, GOSSIP_PORT].includes(s.port)) && !(s.port === 4789 && s.pid === 0),
  );
}

function newNode(host: Host, swarm: Swarm, role: NodeRole, addr: string): SwarmNode {
  const node: SwarmNode = {
    id: swarmId(host.world.rng),
    machine: host.machine.name,
    hostname: host.machine.hostname,
    role,
    availability: "active",
    state: "ready",
    addr,
    peerName: peerName(host.world.rng),
    created: host.world.clock,
  };
  swarm.nodes.push(node);
  swarm.index += 1;
  return node;
}

/** `docker swarm init`: a new cluster with this node its leader, the ingress network, its join tokens. */
export function initSwarm(
  host: Host,
  opts: { advertiseAddr?: string },
): { swarm: Swarm; node: SwarmNode; advertise: string } {
  if (host.daemon.swarm) throw new DaemonError(SWARM_EXISTS, 503);
  let ip: string;
  let port = MANAGER_PORT;
  if (opts.advertiseAddr !== undefined) {
    const hp = splitHostPort(opts.advertiseAddr, MANAGER_PORT);
    ip = resolveAddress(host, hp.host, BAD_ADVERTISE);
    port = hp.port;
  } else ip = systemAddress(host);
  const rng = host.world.rng;
  const ca = rootCa(rng);
  const swarm: Swarm = {
    id: swarmId(rng),
    created: host.world.clock,
    caDigest: caDigest(rng),
    secrets: { worker: tokenSecret(rng), manager: tokenSecret(rng) },
    caCert: ca.cert,
    caKey: ca.key,
    nodes: [],
    networks: [],
    services: [],
    tasks: [],
    nextVni: 4096,
    index: 10,
  };
  swarms(host.world)[swarm.id] = swarm;
  const node = newNode(host, swarm, "manager", ip);
  node.leader = true;
  node.managerAddr = `${ip}:${port}`;
  host.daemon.swarm = {
    state: "active",
    cluster: swarm.id,
    node: node.id,
    addr: ip,
    managers: [node.managerAddr],
  };
  swarm.networks.push({
    id: swarmId(rng),
    name: "ingress",
    created: host.world.clock,
    ingress: true,
    attachable: false,
    internal: false,
    subnet: "10.0.0.0/24",
    gateway: "10.0.0.1",
    userSubnet: false,
    vni: swarm.nextVni++,
    options: {},
    labels: {},
    allocated: [],
  });
  listenSockets(host, true);
  startSwarmNetworking(host);
  return { swarm, node, advertise: node.managerAddr };
}

/** The manager a join reaches: a node of some cluster that manages it from that address. */
function managerAt(host: Host, ip: string): { swarm: Swarm; node: SwarmNode } | undefined {
  for (const swarm of Object.values(swarms(host.world))) {
    for (const node of swarm.nodes) {
      if (node.role !== "manager" || node.state !== "ready" || node.leftAt !== undefined) continue;
      const machine = host.world.machines[node.machine];
      if (!machine) continue;
      const addresses = getNs(host.world, machine.rootNs).links.flatMap((l) => l.addrs.map((a) => a.ip));
      if (addresses.includes(ip)) return { swarm, node };
    }
  }
  return undefined;
}

export interface JoinRequest {
  token: string;
  /** "IP:PORT" as typed. */
  remote: string;
  advertiseAddr?: string;
  /**
   * Opens the connection to the manager (a TCP handshake through the network); returns the local
   * address it left from when it got through.
   */
  connect: (ip: string, port: number) => string | undefined;
}

/**
 * `docker swarm join`: checks of the token's form, then (when the manager answered on 2377) of its
 * CA digest and secret. A manager that never answers leaves the node pending: the join goes on in
 * the background (here: never succeeds) until `docker swarm leave`.
 */
export function joinSwarm(host: Host, req: JoinRequest): NodeRole | "pending" {
  if (host.daemon.swarm) throw new DaemonError(SWARM_EXISTS, 503);
  if (req.token !== "" && !parseJoinToken(req.token)) throw new DaemonError("invalid join token", 400);
  const { host: ip, port } = splitHostPort(req.remote, MANAGER_PORT);
  const advertise = req.advertiseAddr
    ? resolveAddress(host, splitHostPort(req.advertiseAddr, MANAGER_PORT).host, BAD_ADVERTISE)
    : undefined;
  const localIp = req.connect(ip, port);
  const target = localIp !== undefined && port === MANAGER_PORT ? managerAt(host, ip) : undefined;
  if (!target || localIp === undefined) {
    host.daemon.swarm = {
      state: "pending",
      cluster: "",
      node: "",
      addr: advertise ?? localAddressToward(host, ip),
      managers: [`${ip}:${port}`],
    };
    host.world.clock += JOIN_TIMEOUT_MS;
    return "pending";
  }
  const parsed = parseJoinToken(req.token);
  const { swarm } = target;
  if (parsed && parsed.digest !== swarm.caDigest)
    throw new DaemonError(`remote CA does not match fingerprint. Expected: ${digestHex(parsed.digest)}`, 500);
  const role: NodeRole | undefined =
    parsed?.secret === swarm.secrets.worker
      ? "worker"
      : parsed?.secret === swarm.secrets.manager
        ? "manager"
        : undefined;
  if (!role)
    throw new DaemonError(
      "rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster",
      400,
    );
  const addr = advertise ?? localIp;
  const node = newNode(host, swarm, role, addr);
  if (role === "manager") node.managerAddr = `${addr}:${MANAGER_PORT}`;
  const managers = swarm.nodes.filter((n) => n.role === "manager" && n.leftAt === undefined);
  host.daemon.swarm = {
    state: "active",
    cluster: swarm.id,
    node: node.id,
    addr,
    managers: managers.flatMap((m) => (m.managerAddr ? [m.managerAddr] : [])),
  };
  listenSockets(host, role === "manager");
  startSwarmNetworking(host);
  programLoadBalancing(host.world, swarm);
  return role;
}

/** The source address the kernel would pick toward `ip` (the LAN address for a LAN peer). */
function localAddressToward(host: Host, ip: string): string {
  const value = parseIp(ip) ?? 0;
  for (const l of host.ns.links) {
    for (const a of l.addrs) {
      const net = parseCidr(`${a.ip}/${a.prefix}`, true);
      if (net && a.scope === "global" && (value ^ net.net) >>> (32 - a.prefix) === 0) return a.ip;
    }
  }
  return linkByName(host.ns, "eth0")?.addrs[0]?.ip ?? "";
}

/**
 * `docker swarm leave [--force]`: a manager needs --force (the last one erases the swarm); the
 * node's task containers go, its overlay networks too; the others see it Down after a while.
 */
export function leaveSwarm(host: Host, force: boolean): void {
  const m = host.daemon.swarm;
  if (!m) throw new DaemonError(NOT_IN_SWARM, 503);
  const swarm = clusterOf(host);
  const node = swarm && nodeOf(swarm, m);
  if (swarm && node?.role === "manager" && !force) {
    let msg = "You are attempting to leave the swarm on a node that is participating as a manager. ";
    const reachable = swarm.nodes.filter(
      (n) => n.role === "manager" && n.leftAt === undefined && n.state === "ready",
    ).length;
    if (reachable <= 1) {
      msg +=
        "Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message.";
      throw new DaemonError(msg, 503);
    }
    if (reachable - 1 <= Math.floor(reachable / 2))
      msg += `Removing this node leaves ${reachable - 1} managers out of ${reachable}. Without a Raft quorum your swarm will be inaccessible. `;
    msg +=
      "The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.";
    throw new DaemonError(msg, 503);
  }
  quitSwarm(host, swarm, node);
  if (!swarm || !node) return;
  node.leftAt = host.world.clock;
  if (node.role === "manager" && !swarm.nodes.some((n) => n.role === "manager" && n.leftAt === undefined)) {
    // The last manager took the cluster's state with it.
    delete swarms(host.world)[swarm.id];
  }
}

/** A daemon out of its swarm (it left, or was removed): its tasks, overlays and swarm ports go. */
function quitSwarm(host: Host, swarm: Swarm | undefined, node: SwarmNode | undefined): void {
  clearAttachableNetworks(host);
  if (swarm && node) removeNodeTasks(host, swarm, node);
  stopSwarmNetworking(host);
  closeSockets(host);
  delete host.daemon.swarm;
}

/**
 * The daemon's clearAttachableNetworks on leaving: containers started on attachable overlays stay,
 * disconnected from them (the other nodes forget their addresses).
 */
function clearAttachableNetworks(host: Host): void {
  for (const n of host.daemon.networks.filter((x) => x.driver === "overlay" && x.attachable)) {
    for (const c of host.daemon.containers) {
      if (c.endpoints.some((e) => e.networkId === n.id)) disconnectNetwork(host, c, n.name, n, true);
    }
  }
}

/** `docker swarm join-token ROLE`: the command line a new node types. */
export function joinCommand(host: Host, role: string): { token: string; command: string } {
  const swarm = requireManager(host);
  if (role !== "worker" && role !== "manager") throw new CliRoleError(role);
  const token = joinToken(swarm.caDigest, swarm.secrets[role]);
  const self = nodeOf(swarm, host.daemon.swarm);
  return { token, command: `docker swarm join --token ${token} ${self?.managerAddr ?? ""}` };
}

/** The client's own refusal of a role it does not know (`unknown role nosuch`). */
export class CliRoleError extends Error {
  constructor(role: string) {
    super(`unknown role ${role}`);
  }
}

/** The cluster's nodes as a manager lists them, states brought up to date. */
export function listNodes(host: Host): { swarm: Swarm; nodes: SwarmNode[] } {
  const swarm = requireManager(host);
  refreshNodes(swarm, host.world.clock);
  return { swarm, nodes: swarm.nodes };
}

/** A node by ID, ID prefix, hostname, or `self`. */
export function findNode(host: Host, swarm: Swarm, ref: string): SwarmNode {
  if (ref === "self") {
    const self = nodeOf(swarm, host.daemon.swarm);
    if (self) return self;
  }
  const found =
    swarm.nodes.find((n) => n.id === ref) ??
    swarm.nodes.find((n) => n.hostname === ref) ??
    (swarm.nodes.filter((n) => n.id.startsWith(ref)).length === 1
      ? swarm.nodes.find((n) => n.id.startsWith(ref))
      : undefined);
  if (!found) throw new NotFound(`node ${ref} not found`);
  return found;
}

/** `docker node rm`: only a Down node (or any worker with --force); never a manager. */
export function removeNode(host: Host, ref: string, force: boolean): SwarmNode {
  const { swarm } = listNodes(host);
  const node = findNode(host, swarm, ref);
  if (node.role === "manager" && node.leftAt === undefined)
    throw new DaemonError(
      `rpc error: code = FailedPrecondition desc = node ${node.id} is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal`,
      400,
    );
  if (node.state !== "down" && !force)
    throw new DaemonError(
      `rpc error: code = FailedPrecondition desc = node ${node.id} is not down and can't be removed`,
      400,
    );
  // Still running, it does not notice for minutes (recorded): it stays "active" until it leaves.
  forgetNode(host, swarm, node);
  swarm.index += 1;
  return node;
}
