/**
 * Published ports: for each binding a host port (asked for, or the next free one from the ephemeral
 * range 32768–60999, counted per protocol as libnetwork's port allocator does), the iptables rules
 * (DNAT, hairpin MASQUERADE, filter ACCEPT) and a docker-proxy listening on the host, for IPv4 and,
 * when the binding is on the wildcard address, IPv6 too.
 */

import { DaemonError } from "./errors";
import { addPortRules, removePortRules } from "./firewall";
import { type Host, kill, spawn } from "./host";
import { networkById } from "./lookup";
import { gatewayEndpoint } from "./sandbox";
import type { Container, Endpoint, PortBinding } from "./types";

const EPHEMERAL_FIRST = 32768;
const EPHEMERAL_LAST = 60999;

function portNumber(port: string): number {
  return Number.parseInt(port, 10);
}

/**
 * go-connections' nat.SortPortMap, whose comparison puts explicit host ports first (highest first),
 * then higher container ports, then tcp before udp, run through Go's insertion sort as sort.Sort does
 * for short lists: the order Docker programs the rules in.
 */
function sortedBindings(
  ports: string[],
  bindings: Record<string, PortBinding[]>,
): { port: string; binding: PortBinding }[] {
  const entries = [...ports].sort().flatMap((port) => {
    const list = bindings[port];
    return list && list.length > 0
      ? list.map((binding) => ({ port, binding }))
      : [{ port, binding: { hostIp: "", hostPort: "" } }];
  });
  const hostPort = (b: PortBinding) => (/^\d+/.test(b.hostPort) ? portNumber(b.hostPort) : 0);
  const less = (i: number, j: number) => {
    const a = entries[i];
    const b = entries[j];
    if (!a || !b) return false;
    const pa = portNumber(a.port);
    const pb = portNumber(b.port);
    return hostPort(a.binding) > hostPort(b.binding) || pa > pb || (pa === pb && a.port.endsWith("/tcp"));
  };
  for (let i = 1; i < entries.length; i++) {
    for (let j = i; j > 0 && less(j, j - 1); j--) {
      const t = entries[j] as (typeof entries)[number];
      entries[j] = entries[j - 1] as (typeof entries)[number];
      entries[j - 1] = t;
    }
  }
  return entries;
}

/** The bindings a starting container asks for: -p ones, and with -P every other exposed port. */
function wantedBindings(c: Container): { port: string; binding: PortBinding }[] {
  const requested = c.hostConfig.portBindings;
  const ports = new Set(Object.keys(requested));
  if (c.hostConfig.publishAllPorts) for (const p of c.config.exposedPorts) ports.add(p);
  return sortedBindings([...ports], requested);
}

function socketsOn(host: Host, proto: "tcp" | "udp", port: number) {
  return host.ns.sockets.filter((s) => s.proto === proto && s.port === port);
}

function allocated(host: Host, proto: "tcp" | "udp", ip: string, port: number): boolean {
  return host.daemon.ports.some((p) => p.proto === proto && p.hostPort === port && p.hostIp === ip);
}

function ephemeralPort(host: Host, proto: "tcp" | "udp", ip: string): number {
  let port = host.daemon.lastEphemeral[proto];
  for (let tries = 0; tries <= EPHEMERAL_LAST - EPHEMERAL_FIRST; tries++) {
    port = port >= EPHEMERAL_LAST || port < EPHEMERAL_FIRST ? EPHEMERAL_FIRST : port + 1;
    if (!allocated(host, proto, ip, port) && socketsOn(host, proto, port).length === 0) {
      host.daemon.lastEphemeral[proto] = port;
      return port;
    }
  }
  throw new DaemonError(`Bind for ${ip}:0 failed: port is already allocated`);
}

/**
 * portallocator's findPort for a host port range: the next free port after the last one this range
 * gave, wrapping round once; "all ports are allocated" when none is left.
 */
function portInRange(host: Host, proto: "tcp" | "udp", ip: string, first: number, last: number): number {
  const key = `${ip}/${proto}/${first}-${last}`;
  const ranges = host.daemon.lastInRange ?? {};
  let port = ranges[key] ?? last;
  for (let i = 0; i <= last - first; i++) {
    port = port >= last ? first : port + 1;
    if (!allocated(host, proto, ip, port)) {
      host.daemon.lastInRange = { ...ranges, [key]: port };
      return port;
    }
  }
  throw new DaemonError("all ports are allocated");
}

/** The endpoint a container's ports are published through: its gateway's, unless that network is internal. */
export function publishingEndpoint(host: Host, c: Container): Endpoint | undefined {
  const ep = gatewayEndpoint(host, c);
  return ep && !networkById(host.daemon, ep.networkId).internal ? ep : undefined;
}

/** Binds every published port of a starting container on its gateway endpoint; refuses a taken port. */
export function publishPorts(host: Host, c: Container): void {
  c.ports = {};
  const ep = publishingEndpoint(host, c);
  if (!ep) return;
  const network = networkById(host.daemon, ep.networkId);
  const bridge = network.bridge ?? "";
  // A bridge's host_binding_ipv4 option is where a -p without an address binds (IPv4 alone).
  const defaultIp = network.options["com.docker.network.bridge.host_binding_ipv4"] || "0.0.0.0";
  const fail = (detail: string) => {
    unpublishPorts(host, c);
    return new DaemonError(
      `driver failed programming external connectivity on endpoint ${c.name} (${ep.endpointId}): ${detail}`,
    );
  };
  for (const { port, binding } of wantedBindings(c)) {
    const [num = "", protoText = "tcp"] = port.split("/");
    const proto = protoText === "udp" ? "udp" : "tcp";
    const hostIp = binding.hostIp || defaultIp;
    let hostPort: number;
    const range = /^(\d+)-(\d+)$/.exec(binding.hostPort);
    if (range) {
      try {
        hostPort = portInRange(host, proto, hostIp, Number(range[1]), Number(range[2]));
      } catch (error) {
        if (error instanceof DaemonError) throw fail(error.message);
        throw error;
      }
    } else if (binding.hostPort) {
      hostPort = portNumber(binding.hostPort);
      if (allocated(host, proto, hostIp, hostPort))
        throw fail(`Bind for ${hostIp}:${hostPort} failed: port is already allocated`);
    } else hostPort = ephemeralPort(host, proto, hostIp);
    const v6 = hostIp.includes(":");
    const local = host.ns.links.some((l) => l.addrs.some((a) => a.ip === hostIp));
    if (!v6 && hostIp !== "0.0.0.0" && !local) {
      throw fail(
        `Error starting userland proxy: listen ${proto}4 ${hostIp}:${hostPort}: bind: cannot assign requested address`,
      );
    }
    const clash = socketsOn(host, proto, hostPort).find(
      (s) => hostIp === "0.0.0.0" || s.ip === hostIp || s.ip === "0.0.0.0" || (s.ip === "::" && !s.v6only),
    );
    if (clash) {
      throw fail(
        `Error starting userland proxy: listen ${proto}4 ${hostIp}:${hostPort}: bind: address already in use`,
      );
    }
    const p = { bridge, proto, hostIp, hostPort, containerIp: ep.ip, containerPort: Number(num) } as const;
    // ip6tables is not modelled: an IPv6 host address gets its docker-proxy only.
    if (!v6) addPortRules(host.ns, p);
    const proxy = (ip: string, step?: number) => {
      const pid = spawn(
        host,
        `/usr/bin/docker-proxy -proto ${proto} -host-ip ${ip} -host-port ${hostPort} -container-ip ${ep.ip} -container-port ${num}`,
        host.ns.id,
        undefined,
        step,
      );
      host.ns.sockets.push({
        proto,
        ip,
        port: hostPort,
        pid,
        program: "docker-proxy",
        fd: 4,
        ...(ip === "::" ? { v6only: true } : {}),
      });
      host.daemon.ports.push({ ...p, hostIp: ip, containerId: c.id, proxyPid: pid });
      return { hostIp: ip, hostPort: String(hostPort) };
    };
    const bound = [proxy(hostIp)];
    if (hostIp === "0.0.0.0") bound.push(proxy("::", 6));
    c.ports[port] = [...(c.ports[port] ?? []), ...bound];
  }
}

/** Releases a container's host ports: rules, docker-proxy processes and their sockets. */
export function unpublishPorts(host: Host, c: Container): void {
  for (const p of host.daemon.ports.filter((a) => a.containerId === c.id)) {
    if (!p.hostIp.includes(":")) removePortRules(host.ns, p);
    kill(host, p.proxyPid);
    host.ns.sockets = host.ns.sockets.filter((s) => s.pid !== p.proxyPid);
  }
  host.daemon.ports = host.daemon.ports.filter((p) => p.containerId !== c.id);
  c.ports = {};
}
