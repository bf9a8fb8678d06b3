/**
 * Docker's default IPAM: subnets from the default local pools (172.17–172.31 as /16s, then
 * 192.168.0.0/16 in /20s), the first address as gateway, and the lowest free address for each endpoint.
 */
import { broadcastOf, type Cidr, cidrsOverlap, formatIp, inCidr, parseCidr, parseIp } from "../ip";
import { DaemonError } from "./errors";
import type { Daemon, IpamConfig, Network } from "./types";

function* defaultPools(): Generator<Cidr> {
  for (let second = 17; second <= 31; second++) yield { net: parseIp(`172.${second}.0.0`) ?? 0, prefix: 16 };
  for (let third = 0; third < 256; third += 16) yield { net: parseIp(`192.168.${third}.0`) ?? 0, prefix: 20 };
}

export function usedSubnets(daemon: Daemon): Cidr[] {
  return daemon.networks.flatMap((n) =>
    n.ipam.config.flatMap((c) => {
      const cidr = parseCidr(c.subnet, true);
      return cidr ? [cidr] : [];
    }),
  );
}

/** The next default pool no existing network (nor the host's own LAN) overlaps. */
export function nextPool(daemon: Daemon, avoid: Cidr[]): Cidr {
  const used = [...usedSubnets(daemon), ...avoid];
  for (const pool of defaultPools()) {
    if (!used.some((u) => cidrsOverlap(u, pool))) return pool;
  }
  throw new DaemonError(
    "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network",
  );
}

export function firstHost(c: Cidr): string {
  return formatIp(c.net + 1);
}

/** The lowest address of the subnet (or of its --ip-range) that nobody holds. */
export function allocateIp(network: Network): string | undefined {
  const config = network.ipam.config[0];
  if (!config) return undefined;
  const subnet = parseCidr(config.subnet, true);
  if (!subnet) return undefined;
  const range = (config.ipRange && parseCidr(config.ipRange, true)) || subnet;
  const taken = new Set([...network.allocated, config.gateway ?? ""]);
  const last = broadcastOf(range);
  for (let ip = range.net; ip <= last; ip++) {
    if (ip === subnet.net || ip === broadcastOf(subnet)) continue;
    const text = formatIp(ip);
    if (!taken.has(text)) {
      network.allocated.push(text);
      return text;
    }
  }
  return undefined;
}

/** Claims a specific address (`--ip`); refuses one outside the subnet or already in use. */
export function claimIp(network: Network, ip: string): void {
  const config = network.ipam.config[0];
  const subnet = config && parseCidr(config.subnet, true);
  const value = parseIp(ip);
  if (!subnet || value === undefined || !inCidr(value, subnet)) {
    throw new DaemonError(`no configured subnet or ip-range contain the IP address ${ip}`);
  }
  if (network.allocated.includes(ip) || config.gateway === ip) {
    throw new DaemonError("Address already in use");
  }
  network.allocated.push(ip);
}

export function releaseIp(network: Network, ip: string): void {
  network.allocated = network.allocated.filter((a) => a !== ip);
}

export function prefixOf(config: IpamConfig): number {
  return parseCidr(config.subnet, true)?.prefix ?? 16;
}
