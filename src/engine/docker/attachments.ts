/**
 * `docker network connect` and `disconnect`: the endpoint settings check (--ip, aliases), the
 * daemon's refusals for host, none and container-mode containers, and the live join or leave of a
 * running container's sandbox (published ports follow the endpoint that gives the default route).
 */
import { inCidr, parseCidr, parseIp, parseMac } from "../ip";
import { inCidr6, isV4Mapped, parseCidr6, parseIp6 } from "../ip6";
import { DaemonError, NotFound } from "./errors";
import type { Host } from "./host";
import { ipv4Config, isIpv6Config } from "./ipam";
import { isRunning, isUserDefined } from "./lookup";
import { joinErrors } from "./networks";
import { publishPorts, unpublishPorts } from "./ports";
import { endpointProblem20, gatewayEndpoint, joinEndpoint, leaveEndpoint } from "./sandbox";
import type { Container, Endpoint, IpamConfig, Network } from "./types";

/** One `--network` of `docker run` or a `network connect`: the network and the endpoint settings asked for. */
export interface NetworkRequest {
  network: string;
  aliases: string[];
  ip?: string;
  /** `--ip6` and `--link-local-ip` (IPv4 and IPv6 link-local addresses, as typed). */
  ip6?: string;
  linkLocalIps?: string[];
  /** The endpoint's MAC address (`--mac-address`, `mac-address=` of the long form). */
  mac?: string;
  /** Links on a user network (`--link` with `--network mynet`), kept as typed. */
  links: string[];
  driverOpts?: Record<string, string>;
}

/**
 * A NetworkSettings.Networks entry before its first start. `docker run` leaves unset settings null;
 * `network connect` sends empty ones ({} and []), and inspect shows the difference.
 */
export function newEndpoint(request: NetworkRequest, fromConnect: boolean): Endpoint {
  return {
    network: request.network,
    networkId: "",
    endpointId: "",
    ip: "",
    prefix: 0,
    gateway: "",
    mac: "",
    ipamConfig:
      request.ip || request.ip6 || request.linkLocalIps?.length
        ? {
            ...(request.ip ? { ipv4Address: request.ip } : {}),
            ...(request.ip6 ? { ipv6Address: request.ip6 } : {}),
            ...(request.linkLocalIps?.length ? { linkLocalIps: [...request.linkLocalIps] } : {}),
          }
        : fromConnect
          ? {}
          : null,
    aliases: request.aliases.length > 0 || fromConnect ? [...request.aliases] : null,
    links: request.links.length > 0 ? [...request.links] : null,
    driverOpts: request.driverOpts ?? (fromConnect ? {} : null),
    ...(request.mac ? { macAddress: parseMac(request.mac.trim()) ?? request.mac, mac: request.mac } : {}),
  };
}

function validIpv4(ip: string): boolean {
  const value = parseIp(ip);
  return value !== undefined && value !== 0;
}

/** Go's ParseIP accepts it as an IPv6 address that is neither IPv4-mapped nor unspecified. */
function validIpv6(ip: string): boolean {
  const value = parseIp6(ip);
  return value !== undefined && value !== 0n && !isV4Mapped(value);
}

/** EndpointIPAMConfig.IsInRange for one address: inside a static subnet of its family, if there is one. */
function rangeProblem(ip: string | undefined, statics: IpamConfig[], inside: (c: IpamConfig) => boolean) {
  if (!ip) return undefined;
  if (statics.length === 0)
    return "user specified IP address is supported only when connecting to networks with user configured subnets";
  return statics.some(inside) ? undefined : `no configured subnet or ip-range contain the IP address ${ip}`;
}

/**
 * daemon.validateEndpointSettings: problems with `--ip`, `--ip6`, `--link-local-ip` and aliases on a
 * network (which may not exist yet), as "invalid endpoint settings:" and the list (the addresses'
 * own checks, then whether the network's subnets hold them); undefined when all is well.
 */
export function validateEndpointSettings(
  network: Network | undefined,
  name: string,
  request: Pick<NetworkRequest, "ip" | "ip6" | "linkLocalIps" | "aliases">,
): string | undefined {
  const { ip, ip6, aliases } = request;
  const problems: string[] = [];
  if (["bridge", "host", "none", "default"].includes(name)) {
    if (ip || ip6) problems.push("user specified IP address is supported on user defined networks only");
    if (aliases.length > 0)
      problems.push("network-scoped alias is supported only for containers in user defined networks");
  }
  if (ip && !validIpv4(ip)) problems.push(`invalid IPv4 address: ${ip}`);
  if (ip6 && !validIpv6(ip6)) problems.push(`invalid IPv6 address: ${ip6}`);
  for (const ll of request.linkLocalIps ?? []) {
    const v4 = parseIp(ll);
    const v6 = parseIp6(ll);
    if ((v4 === undefined && v6 === undefined) || v4 === 0 || v6 === 0n)
      problems.push(`invalid link-local IP address: ${ll}`);
  }
  if (network) {
    // An address of the subnet outside its --ip-range may still be asked for.
    const v4 = ipv4Config(network);
    const v4Problem = rangeProblem(ip, network.userSubnet && v4 ? [v4] : [], (c) => {
      const subnet = parseCidr(c.subnet, true);
      const value = parseIp(ip ?? "");
      return subnet !== undefined && value !== undefined && inCidr(value, subnet);
    });
    const v6Problem = rangeProblem(ip6, network.ipam.config.filter(isIpv6Config), (c) => {
      const subnet = parseCidr6(c.subnet, true);
      const value = parseIp6(ip6 ?? "");
      return subnet !== undefined && value !== undefined && !isV4Mapped(value) && inCidr6(value, subnet);
    });
    for (const p of [v4Problem, v6Problem]) if (p) problems.push(p);
  }
  return problems.length > 0 ? `invalid endpoint settings:\n${joinErrors(problems)}` : undefined;
}

/** Re-publishes the ports when the endpoint that carries them (the gateway one) has changed. */
function followGateway(host: Host, c: Container, before: string | undefined): void {
  if (gatewayEndpoint(host, c)?.endpointId === before) return;
  unpublishPorts(host, c);
  publishPorts(host, c);
}

export function connectNetwork(host: Host, c: Container, network: Network, opts: NetworkRequest): void {
  const mode = c.hostConfig.networkMode;
  if (isRunning(c) && mode.startsWith("container:")) {
    throw new DaemonError(
      "container sharing network namespace with another container or host cannot be connected to any other network",
      400,
    );
  }
  const problem =
    host.daemon.era === 20
      ? endpointProblem20(network, opts.ip, opts.aliases)
      : validateEndpointSettings(network, network.name, opts);
  if (problem) throw new DaemonError(problem, 400);
  if (mode !== "host" && network.driver === "host") {
    throw new DaemonError(
      "container cannot be disconnected from host network or connected to host network",
      400,
    );
  }
  const existing = c.endpoints.find(
    (e) => e.network === network.name || (e.networkId && e.networkId === network.id),
  );
  for (const e of c.endpoints) {
    const other = host.daemon.networks.find((n) => n.id === e.networkId || n.name === e.network);
    if (!other || other === network) continue;
    if (other.driver === "host" || network.driver === "host") {
      throw new DaemonError(
        "container sharing network namespace with another container or host cannot be connected to any other network",
        400,
      );
    }
    if (other.name === "none" || network.name === "none") {
      throw new DaemonError(
        "container cannot be connected to multiple networks with one of the networks in private (none) mode",
        400,
      );
    }
  }
  if (existing) {
    if (!isRunning(c)) return;
    throw new DaemonError(`endpoint with name ${c.name} already exists in network ${network.name}`, 403);
  }
  const ep = newEndpoint({ ...opts, network: network.name }, true);
  c.endpoints.push(ep);
  if (!isRunning(c) || !c.netns) return;
  const before = gatewayEndpoint(host, c)?.endpointId;
  try {
    joinEndpoint(host, c, ep, network);
  } catch (error) {
    c.endpoints = c.endpoints.filter((e) => e !== ep);
    throw error;
  }
  followGateway(host, c, before);
}

/**
 * `docker network disconnect`. A stopped container only loses the entry from its configuration
 * (even for a network removed since); a running one leaves the network live.
 */
export function disconnectNetwork(
  host: Host,
  c: Container,
  ref: string,
  network: Network | undefined,
  force: boolean,
): void {
  const ep = c.endpoints.find((e) =>
    network
      ? e.networkId === network.id || e.network === network.name
      : e.network === ref || e.networkId === ref,
  );
  if (!isRunning(c) || (!network && force)) {
    if (!ep) throw new DaemonError(`container ${c.id} is not connected to the network ${ref}`, 403);
    c.endpoints = c.endpoints.filter((e) => e !== ep);
    return;
  }
  if (!network) throw new NotFound(`network ${ref} not found`);
  if (c.hostConfig.networkMode === "host" && network.driver === "host") {
    throw new DaemonError(
      "container cannot be disconnected from host network or connected to host network",
      400,
    );
  }
  if (!ep?.endpointId)
    throw new DaemonError(`container ${c.id} is not connected to network ${network.name}`, 403);
  const before = gatewayEndpoint(host, c)?.endpointId;
  leaveEndpoint(host, c, ep);
  c.endpoints = c.endpoints.filter((e) => e !== ep);
  if (isUserDefined(network) || network.driver === "bridge") followGateway(host, c, before);
}
