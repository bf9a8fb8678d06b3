/**
 * Docker's default IPAM (libnetwork/ipam, engine 26): subnets from the default local pools
 * (172.17–172.31 as /16s, then 192.168.0.0/16 cut in /20s) taken in turn after the last one handed
 * out, a gateway from the pool (or its --ip-range) when none is given, and for each endpoint the
 * lowest address nobody holds.
 */
import { broadcastOf, type Cidr, cidrsOverlap, formatIp, parseCidr, parseIp } from "../ip";
import { formatIp6, lastOf6, parseCidr6 } from "../ip6";
import { DaemonError } from "./errors";
import type { Daemon, IpamConfig, Network } from "./types";

function defaultPools(): Cidr[] {
  const pools: Cidr[] = [];
  for (let second = 17; second <= 31; second++)
    pools.push({ net: parseIp(`172.${second}.0.0`) ?? 0, prefix: 16 });
  for (let third = 0; third < 256; third += 16)
    pools.push({ net: parseIp(`192.168.${third}.0`) ?? 0, prefix: 20 });
  return pools;
}

export function usedSubnets(daemon: Daemon): Cidr[] {
  return daemon.networks.flatMap((n) =>
    n.ipam.config.flatMap((c) => {
      if (isIpv6Config(c)) return [];
      const cidr = parseCidr(c.subnet, true);
      return cidr ? [cidr] : [];
    }),
  );
}

/**
 * The next default pool no network holds, searching from just after the last pool handed out
 * (libnetwork rotates its start index, so a freed pool is not reused at once).
 */
export function nextPool(daemon: Daemon): Cidr {
  const pools = defaultPools();
  const used = usedSubnets(daemon);
  const start = daemon.poolIndex < pools.length ? daemon.poolIndex : 0;
  const order = [...pools.slice(start), ...pools.slice(0, start)];
  for (const [i, pool] of order.entries()) {
    if (used.some((u) => cidrsOverlap(u, pool))) continue;
    const next = start + i + 1;
    daemon.poolIndex = next >= pools.length ? 0 : next;
    return pool;
  }
  throw new DaemonError(
    "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network",
    404,
  );
}

/** Where `ip` is, or would go, in `allocated` (kept in address order). */
function position(allocated: string[], ip: number): number {
  let lo = 0;
  let hi = allocated.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (valueAt(allocated, mid) < ip) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function valueAt(allocated: string[], i: number): number {
  return parseIp(allocated[i] ?? "") ?? 0;
}

/**
 * The lowest address from `ip` on that `allocated` does not hold. A run of consecutive addresses
 * sits at consecutive indexes, so its end is found by bisection too.
 */
function firstGap(allocated: string[], ip: number): number {
  const first = position(allocated, ip);
  if (first >= allocated.length || valueAt(allocated, first) !== ip) return ip;
  let lo = first;
  let hi = allocated.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (valueAt(allocated, mid) - mid === ip - first) lo = mid;
    else hi = mid - 1;
  }
  return valueAt(allocated, lo) + 1;
}

/** The lowest address of the subnet (or of its --ip-range) that is neither allocated nor the gateway. */
function lowestFree(config: IpamConfig, allocated: string[]): string | undefined {
  const subnet = parseCidr(config.subnet, true);
  if (!subnet) return undefined;
  const range = (config.ipRange && parseCidr(config.ipRange, true)) || subnet;
  const aux = Object.values(config.auxAddresses ?? {}).map(parseIp);
  const reserved = [subnet.net, broadcastOf(subnet), parseIp(config.gateway), ...aux];
  const last = broadcastOf(range);
  for (let ip = firstGap(allocated, range.net); ip <= last; ip = firstGap(allocated, ip + 1)) {
    if (!reserved.includes(ip)) return formatIp(ip);
  }
  return undefined;
}

/** The gateway libnetwork picks when none is given: the first address of the range or subnet. */
export function defaultGateway(config: Omit<IpamConfig, "gateway" | "showGateway">): string {
  return lowestFree({ ...config, gateway: "", showGateway: false }, []) ?? "";
}

function reserve(network: Network, ip: string): void {
  network.allocated.splice(position(network.allocated, parseIp(ip) ?? 0), 0, ip);
}

export function allocateIp(network: Network): string | undefined {
  const config = ipv4Config(network);
  if (!config) return undefined;
  const ip = lowestFree(config, network.allocated);
  if (ip) reserve(network, ip);
  return ip;
}

/** Claims a specific address (`--ip`); refuses one already in use. */
export function claimIp(network: Network, ip: string): void {
  const config = ipv4Config(network);
  const aux = Object.values(config?.auxAddresses ?? {});
  if (network.allocated.includes(ip) || config?.gateway === ip || aux.includes(ip)) {
    throw new DaemonError("Address already in use", 403);
  }
  reserve(network, ip);
}

export function releaseIp(network: Network, ip: string): void {
  network.allocated = network.allocated.filter((a) => a !== ip);
}

export function prefixOf(config: IpamConfig): number {
  return (
    (isIpv6Config(config) ? parseCidr6(config.subnet, true) : parseCidr(config.subnet, true))?.prefix ?? 16
  );
}

/** Whether an IPAM.Config entry is IPv6 (its subnet is an IPv6 block). */
export function isIpv6Config(config: { subnet: string }): boolean {
  return config.subnet.includes(":");
}

/** The network's IPv4 entry (inspect lists a given IPv6 subnet before an IPv4 one from the pools). */
export function ipv4Config(network: Network): IpamConfig | undefined {
  return network.ipam.config.find((c) => !isIpv6Config(c));
}

/** The network's IPv6 entry, when IPv6 is on: a subnet given without --ipv6 is shown but not used. */
export function ipv6Config(network: Network): IpamConfig | undefined {
  return network.enableIPv6 ? network.ipam.config.find(isIpv6Config) : undefined;
}

/**
 * The lowest IPv6 address of the subnet (or its --ip-range) that is neither allocated, the gateway,
 * an aux address nor the subnet's first (libnetwork reserves ordinal 0 in every IPv6 pool; there is
 * no broadcast address to keep).
 */
function lowestFree6(config: IpamConfig, allocated: string[]): string | undefined {
  const subnet = parseCidr6(config.subnet, true);
  if (!subnet) return undefined;
  const range = (config.ipRange && parseCidr6(config.ipRange, true)) || subnet;
  const taken = new Set([...allocated, config.gateway, ...Object.values(config.auxAddresses ?? {})]);
  const last = lastOf6(range);
  for (let ip = range.net; ip <= last; ip++) {
    const text = formatIp6(ip);
    if (ip !== subnet.net && !taken.has(text)) return text;
  }
  return undefined;
}

/** The IPv6 gateway libnetwork picks when none is given: the first free address of the range or subnet. */
export function defaultGateway6(config: Omit<IpamConfig, "gateway" | "showGateway">): string {
  return lowestFree6({ ...config, gateway: "", showGateway: false }, []) ?? "";
}

export function allocateIp6(network: Network): string | undefined {
  const config = ipv6Config(network);
  if (!config) return undefined;
  const ip = lowestFree6(config, network.allocated6 ?? []);
  if (ip) network.allocated6 = [...(network.allocated6 ?? []), ip];
  return ip;
}

/** Claims a specific IPv6 address (`--ip6`); refuses one already in use. */
export function claimIp6(network: Network, ip: string): void {
  const config = ipv6Config(network);
  const taken = [
    ...(network.allocated6 ?? []),
    config?.gateway,
    ...Object.values(config?.auxAddresses ?? {}),
  ];
  if (taken.includes(ip)) throw new DaemonError("Address already in use", 403);
  network.allocated6 = [...(network.allocated6 ?? []), ip];
}

export function releaseIp6(network: Network, ip: string): void {
  network.allocated6 = (network.allocated6 ?? []).filter((a) => a !== ip);
}
