/**
 * Docker networks: the predefined three, user bridges with their Linux bridge and iptables rules,
 * creation with the daemon's validation (names, drivers, IPAM, bridge options), removal and pruning.
 */
import { broadcastOf, cidrsOverlap, formatCidr, formatIp, parseCidr, parseIp } from "../ip";
import { canonicalIp6, cidrs6Overlap, formatCidr6, formatIp6, parseCidr6 } from "../ip6";
import { addAddr, addAddr6, addLink, deleteLink, linkByName, setLinkUp } from "../linux/kernel";
import type { DockerEra } from "./era";
import { DaemonError, NotFound } from "./errors";
import { addBridgeRules, type BridgeRules, removeBridgeRules } from "./firewall";
import { type Host, newId, randomMac } from "./host";
import {
  defaultGateway,
  defaultGateway6,
  ipv4Config,
  ipv6Config,
  isIpv6Config,
  nextPool,
  prefixOf,
  usedSubnets,
} from "./ipam";
import { findNetwork, isRunning } from "./lookup";
import type { IpamConfig, Network } from "./types";
import { validateUnderlay } from "./underlay";

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

/** At daemon start: the none, host and bridge networks, and docker0 172.17.0.1/16. */
export function createPredefinedNetworks(host: Host): void {
  const bridge = baseNetwork(host, "bridge", "bridge");
  bridge.ipam.config = [{ subnet: "172.17.0.0/16", gateway: "172.17.0.1", showGateway: true }];
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

/**
 * At each daemon start libnetwork deletes the default bridge network and creates it again: a new ID,
 * the same docker0 (kept with its address and MAC), and its iptables rules taken out and put back,
 * so that they now stand above every user network's. It has IPv6 as daemon.json now says.
 */
export function renewDefaultBridge(host: Host): void {
  const bridge = host.daemon.networks.find((n) => n.name === "bridge");
  if (!bridge) return;
  defaultBridgeIpv6(host, bridge);
  const old = bridge.id;
  bridge.id = newId(host);
  bridge.created = host.world.clock;
  for (const c of host.daemon.containers)
    for (const ep of c.endpoints) if (ep.networkId === old) ep.networkId = bridge.id;
  removeBridgeRules(host.ns, rulesOf(bridge));
  addBridgeRules(host.ns, rulesOf(bridge));
}

/**
 * "ipv6" with "fixed-cidr-v6" on the default bridge (recorded in 41-daemon-ipv6): the subnet in its
 * IPAM config (no gateway shown), its first address and fe80::1 on docker0, the subnet's route again
 * at metric 1024 (setupFixedCIDRv6), IPv6 forwarding on. Whether dockerd takes an address it no
 * longer wants off docker0 was not recorded: the lab leaves it there.
 */
function defaultBridgeIpv6(host: Host, bridge: Network): void {
  const cidr = host.daemon.fixedCidrV6;
  bridge.ipam.config = bridge.ipam.config.filter((c) => !isIpv6Config(c));
  bridge.enableIPv6 = cidr !== undefined;
  const net = cidr === undefined ? undefined : parseCidr6(cidr, true);
  const link = bridge.bridge ? linkByName(host.ns, bridge.bridge) : undefined;
  if (!net || !link) return;
  const subnet = formatCidr6(net);
  const gateway = formatIp6(net.net + 1n);
  bridge.ipam.config.push({ subnet, gateway, showGateway: false });
  for (const [ip, prefix] of [
    [gateway, net.prefix],
    ["fe80::1", 64],
  ] as const)
    if (!link.addrs6?.some((a) => a.ip === ip)) addAddr6(host.world, link, ip, prefix);
  const routes = (host.ns.routes6 ?? []).filter((r) => !(r.dev === link.ifindex && !r.via));
  host.ns.routes6 = [
    ...routes,
    { dst: subnet, dev: link.ifindex, proto: "boot", scope: "global", metric: 1024 },
  ];
  host.ns.ipv6Forward = true;
}

/** The bridge swarm mode gives containers on overlay networks for their way out. */
export const GWBRIDGE = "docker_gwbridge";

/**
 * docker_gwbridge, made when a daemon first inits or joins a swarm (and kept after it leaves): the
 * next default pool, ICC off, masquerading on.
 */
export function ensureGatewayBridge(host: Host): Network {
  const existing = host.daemon.networks.find((n) => n.name === GWBRIDGE);
  if (existing) return existing;
  const n = baseNetwork(host, GWBRIDGE, "bridge");
  const subnet = formatCidr(nextPool(host.daemon));
  n.ipam.config = [{ subnet, gateway: defaultGateway({ subnet }), showGateway: true }];
  n.options = {
    [BRIDGE_OPTS.icc]: "false",
    [BRIDGE_OPTS.masquerade]: "true",
    [BRIDGE_OPTS.name]: GWBRIDGE,
  };
  n.bridge = GWBRIDGE;
  host.daemon.networks.push(n);
  createLinuxBridge(host, n);
  return n;
}

function rulesOf(n: Network): BridgeRules {
  return {
    bridge: n.bridge ?? "",
    subnet: ipv4Config(n)?.subnet ?? "",
    icc: n.options[BRIDGE_OPTS.icc] !== "false",
    masquerade: n.options[BRIDGE_OPTS.masquerade] !== "false",
    internal: n.internal,
  };
}

function createLinuxBridge(host: Host, n: Network): void {
  const config = ipv4Config(n);
  if (!n.bridge || !config) return;
  const mtu = Number(n.options[BRIDGE_OPTS.mtu] ?? 1500);
  const link = addLink(host.ns, { name: n.bridge, kind: "bridge", mac: randomMac(host, "02:42"), mtu });
  const prefix = prefixOf(config);
  const addr = addAddr(host.ns, link, config.gateway, prefix);
  const subnet = parseCidr(config.subnet, true);
  if (subnet) addr.brd = formatIp(broadcastOf(subnet));
  // setupBridgeIPv6: the gateway on the bridge, and fe80::1 for containers that route by link-local.
  const v6 = ipv6Config(n);
  if (v6) {
    addAddr6(host.world, link, v6.gateway, prefixOf(v6));
    addAddr6(host.world, link, "fe80::1", 64);
    host.ns.ipv6Forward = true;
  }
  setLinkUp(host.world, host.ns, link, true);
  host.ns.ipForward = true;
  addBridgeRules(host.ns, rulesOf(n));
}

export interface CreateNetworkOptions {
  name: string;
  /** "bridge" when absent. */
  driver?: string;
  /** `--ipv6`: the network's IPv6 subnet is used (without it, one given is only shown). */
  ipv6?: boolean;
  /** IPAM config as the client consolidated it (subnet with its range and gateway); default pools when absent. */
  ipam?: { subnet: string; ipRange?: string; gateway?: string; auxAddresses?: Record<string, string> }[];
  internal?: boolean;
  attachable?: boolean;
  labels?: Record<string, string>;
  options?: Record<string, string>;
  scope?: string;
}

/** multierror.Join's text: one error alone, or each on its own "* " line. */
export function joinErrors(errors: string[]): string {
  return errors.length === 1
    ? (errors[0] ?? "")
    : errors.map((e) => `* ${e.replace(/\n/g, "\n\t")}`).join("\n");
}

/** ValidateIPAM's checks of an IPv6 subnet and its range (netip's prefixes print in RFC 5952). */
function validateIpv6(c: { subnet: string; ipRange?: string }, errors: string[]): void {
  const subnet = parseCidr6(c.subnet, true);
  if (!subnet) {
    errors.push(`invalid subnet ${c.subnet}: invalid CIDR block notation`);
    return;
  }
  const masked = formatCidr6(subnet);
  const given = `${canonicalIp6(c.subnet.slice(0, c.subnet.indexOf("/")))}/${subnet.prefix}`;
  if (parseCidr6(c.subnet) === undefined) errors.push(`invalid subnet ${given}: it should be ${masked}`);
  if (!c.ipRange) return;
  const range = parseCidr6(c.ipRange, true);
  if (!range) {
    errors.push(`invalid ip-range ${c.ipRange}: invalid CIDR block notation`);
    return;
  }
  if (range.prefix < subnet.prefix)
    errors.push(`invalid ip-range ${c.ipRange}: CIDR block is bigger than its parent subnet ${masked}`);
  if (parseCidr6(c.ipRange) === undefined)
    errors.push(`invalid ip-range ${c.ipRange}: it should be ${formatCidr6(range)}`);
  if (!cidrs6Overlap(range, subnet))
    errors.push(`invalid ip-range ${c.ipRange}: parent subnet ${masked} doesn't contain ip-range`);
}

/**
 * api/types/network.ValidateIPAM: subnets, ranges and gateways must be well-formed and nested; an
 * IPv6 subnet is looked at only with --ipv6.
 */
function validateIpam(ipam: { subnet: string; ipRange?: string }[], era: DockerEra, ipv6: boolean): void {
  const errors: string[] = [];
  for (const c of ipam) {
    if (c.subnet.includes(":") && parseCidr6(c.subnet, true)) {
      if (ipv6 && era === 26) validateIpv6(c, errors);
      continue;
    }
    const subnet = parseCidr(c.subnet, true);
    // Engine 20.10 had no ValidateIPAM: the IPAM driver refused the first subnet it could not parse,
    // and took one with host bits set for its network (10.9.0.1/24 is 10.9.0.0/24).
    if (era === 20) {
      if (!subnet)
        throw new DaemonError(`Invalid subnet ${c.subnet} : invalid CIDR address: ${c.subnet}`, 400);
      continue;
    }
    if (!subnet) {
      errors.push(`invalid subnet ${c.subnet}: invalid CIDR block notation`);
      continue;
    }
    if (formatCidr(subnet) !== c.subnet)
      errors.push(`invalid subnet ${c.subnet}: it should be ${formatCidr(subnet)}`);
    if (c.ipRange) {
      const range = parseCidr(c.ipRange, true);
      if (!range) errors.push(`invalid ip-range ${c.ipRange}: invalid CIDR block notation`);
      else {
        if (range.prefix < subnet.prefix)
          errors.push(
            `invalid ip-range ${c.ipRange}: CIDR block is bigger than its parent subnet ${c.subnet}`,
          );
        if (formatCidr(range) !== c.ipRange)
          errors.push(`invalid ip-range ${c.ipRange}: it should be ${formatCidr(range)}`);
        if (!cidrsOverlap(range, subnet))
          errors.push(`invalid ip-range ${c.ipRange}: parent subnet ${c.subnet} doesn't contain ip-range`);
      }
    }
  }
  if (errors.length > 0) throw new DaemonError(`invalid network config:\n${joinErrors(errors)}`, 400);
}

function parseBoolOption(options: Record<string, string>, key: string): void {
  const value = options[key];
  if (value === undefined) return;
  if (!["1", "t", "T", "true", "TRUE", "True", "0", "f", "F", "false", "FALSE", "False"].includes(value)) {
    throw new DaemonError(
      `failed to parse ${key} value: ${value} (strconv.ParseBool: parsing "${value}": invalid syntax)`,
      400,
    );
  }
}

export function createNetwork(host: Host, opts: CreateNetworkOptions): Network {
  if (PREDEFINED.includes(opts.name) || opts.name === "default") {
    throw new DaemonError(`operation is not permitted on predefined ${opts.name} network `, 403);
  }
  if (host.daemon.networks.some((n) => n.name === opts.name)) {
    throw new DaemonError(`network with name ${opts.name} already exists`, 409);
  }
  const driver = opts.driver ?? "bridge";
  const ipam = opts.ipam ?? [];
  const options = opts.options ?? {};
  if (driver === "overlay") {
    throw new DaemonError(
      'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
      403,
    );
  }
  validateIpam(ipam, host.daemon.era, opts.ipv6 ?? false);
  if (driver === "host" || driver === "null") {
    throw new DaemonError(`only one instance of "${driver}" network is allowed`, 403);
  }
  if (opts.scope === "swarm")
    throw new DaemonError("cannot create a swarm scoped network when swarm is not active", 403);
  if (driver === "macvlan" || driver === "ipvlan") {
    validateUnderlay(host, driver, options);
    const n = baseNetwork(host, opts.name, driver);
    n.ipam.options = {};
    n.ipam.config = [ipamConfig(host, ipam[0])];
    n.userSubnet = ipam.length > 0;
    n.internal = opts.internal ?? false;
    n.attachable = opts.attachable ?? false;
    n.labels = opts.labels ?? {};
    n.options = options;
    host.daemon.networks.push(n);
    return n;
  }
  if (driver !== "bridge") throw new NotFound(`plugin "${driver}" not found`);
  for (const key of [BRIDGE_OPTS.icc, BRIDGE_OPTS.masquerade]) parseBoolOption(options, key);
  const mtu = options[BRIDGE_OPTS.mtu];
  if (mtu !== undefined && !/^-?\d+$/.test(mtu)) {
    throw new DaemonError(
      `failed to parse ${BRIDGE_OPTS.mtu} value: ${mtu} (strconv.Atoi: parsing "${mtu}": invalid syntax)`,
      400,
    );
  }
  const v4s = ipam.filter((c) => !isIpv6Config(c));
  const v6s = ipam.filter(isIpv6Config);
  const config = ipamConfig(host, v4s[0]);
  const config6 = v6s[0] && ipamConfig6(host, v6s[0], opts.ipv6 ?? false);
  if (v4s.length > 1 || v6s.length > 1)
    throw new DaemonError("bridge driver doesn't support multiple subnets", 501);
  const n = baseNetwork(host, opts.name, driver);
  n.ipam.options = {};
  // Inspect lists the subnets given (IPv4, then IPv6), then one taken from the default pools.
  n.ipam.config =
    v4s.length > 0 ? [config, ...(config6 ? [config6] : [])] : [...(config6 ? [config6] : []), config];
  n.enableIPv6 = opts.ipv6 ?? false;
  n.userSubnet = v4s.length > 0;
  n.internal = opts.internal ?? false;
  n.attachable = opts.attachable ?? false;
  n.labels = opts.labels ?? {};
  n.options = options;
  n.bridge = n.options[BRIDGE_OPTS.name] ?? `br-${n.id.slice(0, 12)}`;
  const clash = host.daemon.networks.find((o) => o.bridge === n.bridge);
  if (clash) {
    throw new DaemonError(
      `cannot create network ${n.id} (${n.bridge}): conflicts with network ${clash.id} (${clash.bridge}): networks have same bridge name`,
      403,
    );
  }
  host.daemon.networks.push(n);
  createLinuxBridge(host, n);
  return n;
}

function ipamConfig(
  host: Host,
  wanted:
    | { subnet: string; ipRange?: string; gateway?: string; auxAddresses?: Record<string, string> }
    | undefined,
): IpamConfig {
  if (!wanted) {
    const pool = nextPool(host.daemon);
    const subnet = formatCidr(pool);
    return { subnet, gateway: defaultGateway({ subnet }), showGateway: true };
  }
  const subnet = parseCidr(wanted.subnet, true);
  if (!subnet || usedSubnets(host.daemon).some((u) => cidrsOverlap(u, subnet))) {
    throw new DaemonError("Pool overlaps with other one on this address space", 403);
  }
  const base = { subnet: wanted.subnet, ...(wanted.ipRange ? { ipRange: wanted.ipRange } : {}) };
  // The pool's network and broadcast addresses are taken from the start.
  const gw = parseIp(wanted.gateway ?? "");
  if (gw !== undefined && (gw === subnet.net || gw === broadcastOf(subnet)))
    throw new DaemonError(`failed to allocate gateway (${wanted.gateway}): Address already in use`, 403);
  return {
    ...base,
    gateway: wanted.gateway ?? defaultGateway(base),
    showGateway: wanted.gateway !== undefined,
    ...(wanted.auxAddresses ? { auxAddresses: wanted.auxAddresses } : {}),
  };
}

/** A given IPv6 subnet: its gateway given or the first address; a pool only when IPv6 is on. */
function ipamConfig6(
  host: Host,
  wanted: { subnet: string; ipRange?: string; gateway?: string; auxAddresses?: Record<string, string> },
  ipv6: boolean,
): IpamConfig {
  const subnet = parseCidr6(wanted.subnet, true);
  const taken = host.daemon.networks.flatMap((n) => {
    const c = ipv6Config(n);
    const cidr = c && parseCidr6(c.subnet, true);
    return cidr ? [cidr] : [];
  });
  if (ipv6 && (!subnet || taken.some((t) => cidrs6Overlap(t, subnet))))
    throw new DaemonError("Pool overlaps with other one on this address space", 403);
  const base = { subnet: wanted.subnet, ...(wanted.ipRange ? { ipRange: wanted.ipRange } : {}) };
  return {
    ...base,
    gateway: wanted.gateway ?? (ipv6 ? defaultGateway6(base) : ""),
    showGateway: wanted.gateway !== undefined,
    ...(wanted.auxAddresses ? { auxAddresses: wanted.auxAddresses } : {}),
  };
}

/** Endpoints that block removal: those of running containers attached to the network. */
function activeEndpoints(host: Host, n: Network): number {
  return host.daemon.containers.filter(
    (c) => isRunning(c) && c.endpoints.some((e) => e.networkId === n.id && e.endpointId),
  ).length;
}

export function removeNetwork(host: Host, ref: string): Network {
  const n = findNetwork(host.daemon, ref);
  if (!n) throw new NotFound(`network ${ref} not found`);
  if (PREDEFINED.includes(n.name)) {
    throw new DaemonError(`${n.name} is a pre-defined network and cannot be removed`, 403);
  }
  if (activeEndpoints(host, n) > 0) {
    throw new DaemonError(
      `error while removing network: network ${n.name} id ${n.id} has active endpoints`,
      403,
    );
  }
  // Stopped containers keep their configuration: their next start fails with "network <id> not found".
  removeBridgeRules(host.ns, rulesOf(n));
  const link = n.bridge ? linkByName(host.ns, n.bridge) : undefined;
  if (link) deleteLink(host.world, host.ns, link);
  host.daemon.networks = host.daemon.networks.filter((x) => x !== n);
  return n;
}

/** `docker network prune`: every user network without active endpoints, in creation order. */
export function pruneNetworks(host: Host): string[] {
  const unused = host.daemon.networks.filter(
    (n) => !PREDEFINED.includes(n.name) && activeEndpoints(host, n) === 0,
  );
  return unused.map((n) => removeNetwork(host, n.id).name);
}
