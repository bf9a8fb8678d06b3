/**
 * `docker network connect` and `disconnect`: the endpoint settings check (--ip, aliases), the
 * daemon's refusals for host, none and container-mode containers, and the live join or leave of a
 * running container's sandbox (published ports follow the endpoint that gives the default route).
 */
import { inCidr, parseCidr, parseIp, parseMac } from "../ip";
import { DaemonError, NotFound } from "./errors";
import type { Host } from "./host";
import { isRunning, isUserDefined } from "./lookup";
import { joinErrors } from "./networks";
import { publishPorts, unpublishPorts } from "./ports";
import { endpointProblem20, gatewayEndpoint, joinEndpoint, leaveEndpoint } from "./sandbox";
import type { Container, Endpoint, Network } from "./types";

/** One `--network` of `docker run` or a `network connect`: the network and the endpoint settings asked for. */
export interface NetworkRequest {
  network: string;
  aliases: string[];
  ip?: string;
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
    ipamConfig: request.ip ? { ipv4Address: request.ip } : fromConnect ? {} : null,
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

/**
 * daemon.validateEndpointSettings: problems with `--ip` and aliases on a network (which may not
 * exist yet), as "invalid endpoint settings:" and the list; undefined when all is well.
 */
export function validateEndpointSettings(
  network: Network | undefined,
  name: string,
  ip: string | undefined,
  aliases: string[],
): string | undefined {
  const problems: string[] = [];
  if (["bridge", "host", "none", "default"].includes(name)) {
    if (ip) problems.push("user specified IP address is supported on user defined networks only");
    if (aliases.length > 0)
      problems.push("network-scoped alias is supported only for containers in user defined networks");
  }
  if (ip && !validIpv4(ip)) problems.push(`invalid IPv4 address: ${ip}`);
  if (ip && network) {
    const value = parseIp(ip) ?? -1;
    const statics = network.userSubnet ? network.ipam.config : [];
    const inside = statics.some((c) => {
      // An address of the subnet outside its --ip-range may still be asked for.
      const range = parseCidr(c.subnet, true);
      return range !== undefined && inCidr(value, range);
    });
    if (statics.length === 0) {
      problems.push(
        "user specified IP address is supported only when connecting to networks with user configured subnets",
      );
    } else if (!inside) problems.push(`no configured subnet or ip-range contain the IP address ${ip}`);
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
      : validateEndpointSettings(network, network.name, opts.ip, opts.aliases);
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
