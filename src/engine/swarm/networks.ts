/**
 * Overlay networks in the swarm's store: `docker network create -d overlay` on a manager (subnets
 * from 10.0.0.0/8 in /24s, VXLAN ids from 4096), removal once no service or task uses them, and how
 * each node sees them: a manager lists every one, a worker only those set up on it.
 */
import { DaemonError } from "../docker/errors";
import type { Host } from "../docker/host";
import { localOverlay, overlayRecord } from "../docker/overlay";
import type { Network } from "../docker/types";
import { formatCidr, formatIp, parseCidr, parseIp } from "../ip";
import { swarmId } from "./ids";
import { clusterOf, isManager, requireManager } from "./store";
import type { Swarm, SwarmNetwork } from "./types";

export interface OverlayOptions {
  name: string;
  ipam: { subnet: string; ipRange?: string; gateway?: string }[];
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
}

/** The default address pool: 10.0.0.0/8 cut in /24s, the first one no swarm network holds. */
function nextSubnet(swarm: Swarm): string {
  const used = new Set(swarm.networks.map((n) => n.subnet));
  const base = parseIp("10.0.0.0") ?? 0;
  for (let k = 0; k < 65536; k++) {
    const subnet = formatCidr({ net: base + k * 256, prefix: 24 });
    if (!used.has(subnet)) return subnet;
  }
  throw new DaemonError("could not find an available IP while allocating VIP", 500);
}

/** A swarm network by full ID, name, or unique ID prefix. */
export function findSwarmNetwork(swarm: Swarm, ref: string): SwarmNetwork | undefined {
  const exact = swarm.networks.find((n) => n.id === ref) ?? swarm.networks.find((n) => n.name === ref);
  if (exact) return exact;
  const prefixed = swarm.networks.filter((n) => n.id.startsWith(ref));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** `docker network create -d overlay` on a manager. */
export function createOverlayNetwork(host: Host, opts: OverlayOptions): SwarmNetwork {
  const swarm = requireManager(host);
  if (
    swarm.networks.some((n) => n.name === opts.name) ||
    host.daemon.networks.some((n) => n.name === opts.name)
  )
    throw new DaemonError(`network with name ${opts.name} already exists`, 409);
  const wanted = opts.ipam[0];
  const subnet = wanted?.subnet ?? nextSubnet(swarm);
  const cidr = parseCidr(subnet, true);
  if (!cidr) throw new DaemonError(`invalid subnet ${subnet}`, 400);
  const gateway = wanted?.gateway ?? formatIp(cidr.net + 1);
  const n: SwarmNetwork = {
    id: swarmId(host.world.rng),
    name: opts.name,
    created: host.world.clock,
    ingress: false,
    attachable: opts.attachable,
    internal: opts.internal,
    subnet,
    gateway,
    userSubnet: wanted !== undefined,
    vni: swarm.nextVni++,
    options: opts.options,
    labels: opts.labels,
    allocated: [],
  };
  swarm.networks.push(n);
  swarm.index += 1;
  return n;
}

/** `docker network rm` of an overlay: a manager's job, refused while a service or task uses it. */
export function removeOverlayNetwork(host: Host, sn: SwarmNetwork): void {
  const swarm = requireManager(host);
  const service = swarm.services.find(
    (s) => s.spec.networks.includes(sn.id) || s.vips.some((v) => v.network === sn.id && !sn.ingress),
  );
  if (service)
    throw new DaemonError(
      `rpc error: code = FailedPrecondition desc = network ${sn.id} is in use by service ${service.id}`,
      400,
    );
  const task = swarm.tasks.find((t) => t.networks.includes(sn.id));
  if (task)
    throw new DaemonError(
      `rpc error: code = FailedPrecondition desc = network ${sn.id} is in use by task ${task.id}`,
      400,
    );
  swarm.networks = swarm.networks.filter((n) => n !== sn);
  swarm.index += 1;
  for (const machine of Object.values(host.world.machines)) {
    const d = machine.docker;
    if (d) d.networks = d.networks.filter((n) => n.id !== sn.id);
  }
}

/**
 * What a node sees of swarm networks beside its own: a manager, the ones not set up on it, as the
 * store describes them (no Containers, no Peers, Created when the manager made them).
 */
function clusterOnlyNetworks(host: Host): Network[] {
  const swarm = clusterOf(host);
  if (!swarm || !isManager(host)) return [];
  return swarm.networks
    .filter((sn) => !host.daemon.networks.some((n) => n.id === sn.id))
    .map((sn) => overlayRecord(sn, sn.created));
}

/** The networks `docker network ls` and `inspect` see on this node: its own, and on a manager the store's. */
export function visibleNetworks(host: Host): Network[] {
  return [...host.daemon.networks, ...clusterOnlyNetworks(host)];
}

/**
 * The overlay network a container on this node asks for by name or ID (a worker asks a manager),
 * set up as a local record; refused when it is not attachable and the container is no task.
 */
export function overlayForContainer(host: Host, ref: string, task: boolean): Network | undefined {
  const swarm = clusterOf(host);
  const sn = swarm && findSwarmNetwork(swarm, ref);
  if (!sn) return undefined;
  if (!sn.attachable && !task)
    throw new DaemonError(
      `Could not attach to network ${ref}: rpc error: code = PermissionDenied desc = network ${ref} not manually attachable`,
      403,
    );
  return localOverlay(host, sn);
}
