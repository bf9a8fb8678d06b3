/**
 * Docker networks: the predefined three, user bridges with their Linux bridge and iptables rules,
 * and the checks `docker network create` and `rm` make before touching anything.
 */
import { cidrsOverlap, formatCidr, inCidr, parseCidr, parseIp } from "../ip";
import { addAddr, addLink, deleteLink, linkByName, setLinkUp } from "../linux/kernel";
import { DaemonError } from "./errors";
import { addBridgeRules, type BridgeRules, removeBridgeRules } from "./firewall";
import { type Host, newId, randomMac } from "./host";
import { firstHost, nextPool, prefixOf, usedSubnets } from "./ipam";
import { findNetwork, isRunning } from "./lookup";
import type { IpamConfig, Network } from "./types";

export const PREDEFINED = ["bridge", "host", "none"];

const BRIDGE_OPTS = {
  name: "com.docker.network.bridge.name",
  icc: "com.docker.network.bridge.enable_icc",
  masquerade: "com.docker.network.bridge.enable_ip_masquerade",
  mtu: "com.docker.network.driver.mtu",
};

function baseNetwork(host: Host, name: string, driver: string): Network {
  return {
    id: newId(host),
    name,
    driver,
    scope: "local",
    created: host.world.clock,
    enableIPv6: false,
    ipam: { driver: "default", options: null, config: [] },
    internal: false,
    attachable: false,
    ingress: false,
    options: {},
    labels: {},
    userSubnet: false,
    allocated: [],
  };
}

/** At daemon start: docker0 172.17.0.1/16 and the bridge, host and none networks. */
export function createPredefinedNetworks(host: Host): void {
  const bridge = baseNetwork(host, "bridge", "bridge");
  bridge.ipam.config = [{ subnet: "172.17.0.0/16", gateway: "172.17.0.1" }];
  bridge.bridge = "docker0";
  bridge.options = {
    "com.docker.network.bridge.default_bridge": "true",
    [BRIDGE_OPTS.icc]: "true",
    [BRIDGE_OPTS.masquerade]: "true",
    "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
    [BRIDGE_OPTS.name]: "docker0",
    [BRIDGE_OPTS.mtu]: "1500",
  };
  host.daemon.networks.push(bridge);
  host.daemon.networks.push(baseNetwork(host, "host", "host"));
  host.daemon.networks.push(baseNetwork(host, "none", "null"));
  createLinuxBridge(host, bridge);
}

function rulesOf(n: Network): BridgeRules {
  const subnet = n.ipam.config[0]?.subnet ?? "";
  return {
    bridge: n.bridge ?? "",
    subnet,
    icc: n.options[BRIDGE_OPTS.icc] !== "false",
    masquerade: n.options[BRIDGE_OPTS.masquerade] !== "false",
    internal: n.internal,
  };
}

function createLinuxBridge(host: Host, n: Network): void {
  const config = n.ipam.config[0];
  if (!n.bridge || !config) return;
  const link = addLink(host.ns, { name: n.bridge, kind: "bridge", mac: randomMac(host, "02:42") });
  if (config.gateway) addAddr(host.ns, link, config.gateway, prefixOf(config));
  setLinkUp(host.ns, link, true);
  host.ns.ipForward = true;
  addBridgeRules(host.ns, rulesOf(n));
}

export interface CreateNetworkOptions {
  name: string;
  driver?: string;
  subnets?: string[];
  gateways?: string[];
  ipRanges?: string[];
  internal?: boolean;
  attachable?: boolean;
  labels?: Record<string, string>;
  options?: Record<string, string>;
}

export function createNetwork(host: Host, opts: CreateNetworkOptions): Network {
  const driver = opts.driver ?? "bridge";
  if (findNetwork(host.daemon, opts.name)?.name === opts.name) {
    throw new DaemonError(`network with name ${opts.name} already exists`, 409);
  }
  if (driver === "host" || driver === "null") {
    throw new DaemonError(
      `only one instance of "${driver === "null" ? "null" : "host"}" network is allowed`,
      403,
    );
  }
  if (driver !== "bridge") throw new DaemonError(`plugin "${driver}" not found`, 404);
  const config = ipamConfig(host, opts);
  const n = baseNetwork(host, opts.name, driver);
  n.ipam.options = {};
  n.ipam.config = [config];
  n.userSubnet = (opts.subnets?.length ?? 0) > 0;
  n.internal = opts.internal ?? false;
  n.attachable = opts.attachable ?? false;
  n.labels = opts.labels ?? {};
  n.options = opts.options ?? {};
  n.bridge = n.options[BRIDGE_OPTS.name] ?? `br-${n.id.slice(0, 12)}`;
  if (linkByName(host.ns, n.bridge)) {
    throw new DaemonError(
      `cannot create network ${n.id} (${n.bridge}): conflicts with network ${n.id} (${n.bridge}): networks have same bridge name`,
      403,
    );
  }
  host.daemon.networks.push(n);
  createLinuxBridge(host, n);
  return n;
}

function ipamConfig(host: Host, opts: CreateNetworkOptions): IpamConfig {
  const subnetText = opts.subnets?.[0];
  if (!subnetText) {
    const pool = nextPool(host.daemon, hostRoutes(host));
    if (opts.gateways?.length)
      throw new DaemonError(`no matching subnet for gateway ${opts.gateways[0]}`, 400);
    return { subnet: formatCidr(pool), gateway: firstHost(pool) };
  }
  const subnet = parseCidr(subnetText, true);
  if (!subnet) throw new DaemonError(`invalid CIDR address: ${subnetText}`, 400);
  if (usedSubnets(host.daemon).some((u) => cidrsOverlap(u, subnet))) {
    throw new DaemonError("Pool overlaps with other one on this address space", 403);
  }
  const config: IpamConfig = { subnet: formatCidr(subnet) };
  const gateway = opts.gateways?.[0];
  if (gateway !== undefined) {
    const gw = parseIp(gateway);
    if (gw === undefined || !inCidr(gw, subnet)) {
      throw new DaemonError(`no matching subnet for gateway ${gateway}`, 400);
    }
    config.gateway = gateway;
  } else {
    config.gateway = firstHost(subnet);
  }
  const range = opts.ipRanges?.[0];
  if (range !== undefined) {
    const r = parseCidr(range, true);
    if (!r || !inCidr(r.net, subnet)) throw new DaemonError(`no matching subnet for range ${range}`, 400);
    config.ipRange = formatCidr(r);
  }
  return config;
}

/** The host's own connected subnets, which Docker's default pools must not shadow. */
function hostRoutes(host: Host) {
  return host.ns.links
    .filter((l) => l.kind === "ether")
    .flatMap((l) => l.addrs.map((a) => parseCidr(`${a.ip}/${a.prefix}`, true)))
    .filter((c) => c !== undefined);
}

/** Endpoints that block removal: those of running containers attached to the network. */
export function activeEndpoints(host: Host, n: Network): number {
  return host.daemon.containers.filter((c) => isRunning(c) && c.endpoints.some((e) => e.networkId === n.id))
    .length;
}

export function removeNetwork(host: Host, n: Network): void {
  if (PREDEFINED.includes(n.name)) {
    throw new DaemonError(`${n.name} is a pre-defined network and cannot be removed`, 403);
  }
  if (activeEndpoints(host, n) > 0) {
    throw new DaemonError(
      `error while removing network: network ${n.name} id ${n.id} has active endpoints`,
      403,
    );
  }
  // Stopped containers keep their configuration; Docker drops the dangling attachment silently.
  for (const c of host.daemon.containers) c.endpoints = c.endpoints.filter((e) => e.networkId !== n.id);
  removeBridgeRules(host.ns, rulesOf(n));
  const link = n.bridge ? linkByName(host.ns, n.bridge) : undefined;
  if (link) deleteLink(host.world, host.ns, link);
  host.daemon.networks = host.daemon.networks.filter((x) => x !== n);
}
