/**
 * `docker network ...`: ls (filters, formats), create (the client's IPAM consolidation, then the
 * daemon's checks), rm, prune, connect and disconnect. inspect lives with the other inspects.
 */
import { connectNetwork, disconnectNetwork } from "../../../engine/docker/attachments";
import { DaemonError, NotFound } from "../../../engine/docker/errors";
import type { Host } from "../../../engine/docker/host";
import { findContainer, findNetwork, requireContainer } from "../../../engine/docker/lookup";
import { createNetwork, PREDEFINED, pruneNetworks, removeNetwork } from "../../../engine/docker/networks";
import type { Network } from "../../../engine/docker/types";
import { inCidr, parseCidr, parseIp } from "../../../engine/ip";
import { inCidr6, parseCidr6, parseIp6 } from "../../../engine/ip6";
import {
  createOverlayNetwork,
  findSwarmNetwork,
  overlayForContainer,
  removeOverlayNetwork,
  visibleNetworks,
} from "../../../engine/swarm/networks";
import { clusterOf, isManager } from "../../../engine/swarm/store";
import { type GoValue, goMap } from "../../format/go/value";
import { CliError, type DockerCommand, type DockerCtx, eraOf, responseError } from "./cli";
import { bool, flag, keyValues, list, str } from "./flags";
import {
  context,
  contextStruct,
  FORMAT_HELP,
  filterMatch,
  formatRows,
  labelMatch,
  labelMethods,
  naturalLess,
  parseFilters,
} from "./format";
import { pruneCommand } from "./prune";
import { goTimeString, rfc3339Nano } from "./units";
import { networkInspect } from "./views";

const HEADERS = {
  ID: "NETWORK ID",
  Name: "NAME",
  Driver: "DRIVER",
  Scope: "SCOPE",
  IPv4: "IPV4",
  IPv6: "IPV6",
  Internal: "INTERNAL",
  Labels: "LABELS",
  CreatedAt: "CREATED AT",
};

function row(host: Host, n: Network, trunc: boolean) {
  const era = host.daemon.era;
  return context(
    "*network.networkContext",
    {
      ID: trunc ? n.id.slice(0, 12) : n.id,
      Name: n.name,
      Driver: n.driver,
      Scope: n.scope,
      // Client 28 reads EnableIPv4, which API 1.45 does not send: false whatever the network.
      ...(era === 26 ? { IPv4: "false" } : {}),
      IPv6: String(n.enableIPv6),
      Internal: String(n.internal),
      // The labels come out of a Go map, in no order; sorted here, as one run of the client has them.
      Labels: Object.entries(n.labels)
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join(","),
      CreatedAt: goTimeString(rfc3339Nano(n.created, n.id)),
    },
    labelMethods(n.labels),
    contextStruct("network.networkContext", trunc, ["n", networkSummary(host, n)]),
  );
}

/** A network as the list API sends it (network.Summary): its inspect without the containers. */
function networkSummary(host: Host, n: Network): GoValue {
  const value = networkInspect(host, n, "client");
  if (value.k !== "struct") return value;
  return {
    ...value,
    fields: value.fields.map((f) =>
      f.name === "Containers" ? { ...f, v: goMap("map[string]network.EndpointResource", null) } : f,
    ),
  };
}

function filterNetworks(ctx: DockerCtx, networks: Network[], values: string[]): Network[] {
  const f = parseFilters(values, ["dangling", "driver", "id", "label", "name", "scope", "type"]);
  let out = networks.filter(
    (n) =>
      (!f.driver || f.driver.includes(n.driver)) &&
      filterMatch(f.name ?? [], n.name) &&
      filterMatch(f.id ?? [], n.id) &&
      labelMatch(f.label ?? [], n.labels) &&
      (!f.scope || f.scope.includes(n.scope)),
  );
  const dangling = f.dangling;
  if (dangling) {
    if (dangling.length > 1)
      throw new CliError('Error response from daemon: got more than one value for filter key "dangling"');
    const only = dangling[0];
    if (!["0", "false", "1", "true"].includes(only ?? "")) {
      throw new CliError(
        `Error response from daemon: invalid value for filter 'dangling', must be "true" (or "1"), or "false" (or "0")`,
      );
    }
    const inUse = (n: Network) =>
      PREDEFINED.includes(n.name) ||
      ctx.host.daemon.containers.some((c) => c.endpoints.some((e) => e.networkId === n.id && e.endpointId));
    out = out.filter((n) => (only === "1" || only === "true" ? !inUse(n) : inUse(n)));
  }
  if (f.type) {
    out = f.type.flatMap((t) => {
      if (t !== "builtin" && t !== "custom")
        throw new CliError(`Error response from daemon: invalid filter: 'type'='${t}'`);
      return out.filter((n) => PREDEFINED.includes(n.name) === (t === "builtin"));
    });
  }
  return out;
}

const ls: DockerCommand = {
  group: ["network", "ls", "list"],
  use: "[OPTIONS]",
  summary: "List networks",
  aliases: "docker network ls, docker network list",
  flags: [
    flag("filter", 'Provide filter values (e.g. "driver=bridge")', { short: "f", value: "filter" }),
    flag("format", FORMAT_HELP, { value: "string" }),
    flag("no-trunc", "Do not truncate the output"),
    flag("quiet", "Only display network IDs", { short: "q" }),
  ],
  args: { none: true },
  run(ctx, { flags }) {
    const networks = filterNetworks(ctx, visibleNetworks(ctx.host), list(flags, "filter"));
    networks.sort((a, b) => (naturalLess(a.name, b.name) ? -1 : naturalLess(b.name, a.name) ? 1 : 0));
    const quiet = bool(flags, "quiet");
    let format = str(flags, "format") ?? "table";
    if (format === "table") format = quiet ? "{{.ID}}" : "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";
    else if (format === "raw")
      format = quiet
        ? "network_id: {{.ID}}"
        : "network_id: {{.ID}}\nname: {{.Name}}\ndriver: {{.Driver}}\nscope: {{.Scope}}\n";
    const rows = networks.map((n) => row(ctx.host, n, !bool(flags, "no-trunc")));
    const era = ctx.host.daemon.era;
    // Client 20.10's context had no IPv4.
    const { IPv4, ...headers20 } = HEADERS;
    ctx.out.write(formatRows(format, "*network.networkContext", rows, era === 26 ? HEADERS : headers20, era));
    return 0;
  },
};

/** The client's subnetMatches: whether an address (or a CIDR's address) is inside a subnet. */
function subnetMatches(subnet: string, data: string): boolean {
  const address = data.includes("/") ? data.slice(0, data.indexOf("/")) : data;
  const s6 = parseCidr6(subnet, true);
  const s = s6 ? undefined : parseCidr(subnet, true);
  if (!s && !s6) throw new CliError(`invalid subnet: invalid CIDR address: ${subnet}`);
  if (data.includes("/") && !parseCidr(data, true) && !parseCidr6(data, true))
    throw new CliError(`invalid CIDR address: ${data}`);
  if (s6) {
    const addr = parseIp6(address);
    return addr !== undefined && inCidr6(addr, s6);
  }
  const addr = parseIp(address);
  return addr !== undefined && s !== undefined && inCidr(addr, s);
}

/** createIPAMConfig: each --ip-range, --gateway and --aux-address must fall in one --subnet. */
function ipamConfig(subnets: string[], ranges: string[], gateways: string[], aux: Record<string, string>) {
  if (subnets.length < ranges.length || subnets.length < gateways.length) {
    throw new CliError("every ip-range or gateway must have a corresponding subnet");
  }
  const configs = subnets.map(
    (subnet) =>
      ({ subnet }) as {
        subnet: string;
        ipRange?: string;
        gateway?: string;
        auxAddresses?: Record<string, string>;
      },
  );
  for (const [i, a] of subnets.entries()) {
    for (const b of subnets.slice(0, i)) {
      if (subnetMatches(a, b) || subnetMatches(b, a))
        throw new CliError("multiple overlapping subnet configuration is not supported");
    }
  }
  const place = (values: string[], key: "ipRange" | "gateway", what: string) => {
    for (const v of values) {
      if (key === "ipRange" && !parseCidr(v, true) && !parseCidr6(v, true))
        throw new CliError(`invalid CIDR address: ${v}`);
      const target = configs.filter((c) => subnetMatches(c.subnet, v));
      if (target.length === 0) throw new CliError(`no matching subnet for ${what} ${v}`);
      for (const c of target) {
        const existing = c[key];
        if (existing) {
          throw new CliError(
            key === "ipRange"
              ? `cannot configure multiple ranges (${v}, ${existing}) on the same subnet (${c.subnet})`
              : `cannot configure multiple gateways (${v}, ${existing}) for the same subnet (${c.subnet})`,
          );
        }
        c[key] = v;
      }
    }
  };
  place(ranges, "ipRange", "range");
  place(gateways, "gateway", "gateway");
  for (const [key, ip] of Object.entries(aux)) {
    const target = configs.filter(
      (c) => (parseIp(ip) !== undefined || parseIp6(ip) !== undefined) && subnetMatches(c.subnet, ip),
    );
    if (target.length === 0) throw new CliError(`no matching subnet for aux-address ${ip}`);
    for (const c of target) c.auxAddresses = { ...c.auxAddresses, [key]: ip };
  }
  return configs;
}

const create: DockerCommand = {
  group: ["network", "create"],
  use: "[OPTIONS] NETWORK",
  summary: "Create a network",
  flags: [
    flag("attachable", "Enable manual container attachment"),
    flag("aux-address", "Auxiliary IPv4 or IPv6 addresses used by Network driver", {
      value: "map",
      def: "map[]",
    }),
    flag("config-from", "The network from which to copy the configuration", { value: "string" }),
    flag("config-only", "Create a configuration only network"),
    flag("driver", "Driver to manage the Network", { short: "d", value: "string", def: '"bridge"' }),
    flag("gateway", "IPv4 or IPv6 Gateway for the master subnet", { value: "strings" }),
    flag("ingress", "Create swarm routing-mesh network"),
    flag("internal", "Restrict external access to the network"),
    flag("ip-range", "Allocate container ip from a sub-range", { value: "strings" }),
    flag("ipam-driver", "IP Address Management Driver", { value: "string", def: '"default"' }),
    flag("ipam-opt", "Set IPAM driver specific options", { value: "map", def: "map[]" }),
    flag("ipv4", "Enable or disable IPv4 address assignment", { def: "true", after20: true }),
    flag("ipv6", "Enable or disable IPv6 address assignment", { usage20: "Enable IPv6 networking" }),
    flag("label", "Set metadata on a network", { value: "list" }),
    flag("opt", "Set driver specific options", { short: "o", value: "map", def: "map[]" }),
    flag("scope", "Control the network's scope", { value: "string" }),
    flag("subnet", "Subnet in CIDR format that represents a network segment", { value: "strings" }),
  ],
  args: { exact: 1 },
  run(ctx, { flags, args }) {
    const ipam = ipamConfig(
      list(flags, "subnet"),
      list(flags, "ip-range"),
      list(flags, "gateway"),
      keyValues(list(flags, "aux-address")),
    );
    const ipamDriver = str(flags, "ipam-driver") ?? "default";
    if (ipamDriver !== "default") throw new NotFound(`plugin "${ipamDriver}" not found`);
    const configFrom = str(flags, "config-from");
    if (configFrom !== undefined) throw new NotFound(`configuration network "${configFrom}" does not exist`);
    if (bool(flags, "ipv6") && !ipam.some((c) => c.subnet.includes(":"))) {
      throw new NotFound(
        "could not find an available, non-overlapping IPv6 address pool among the defaults to assign to the network",
      );
    }
    const scope = str(flags, "scope");
    const driver = str(flags, "driver") ?? "bridge";
    if (driver === "overlay" && isManager(ctx.host)) {
      const sn = createOverlayNetwork(ctx.host, {
        name: args[0] ?? "",
        ipam,
        internal: bool(flags, "internal"),
        attachable: bool(flags, "attachable"),
        labels: keyValues(list(flags, "label")),
        options: keyValues(list(flags, "opt")),
      });
      ctx.touch(sn.name);
      ctx.out.line(sn.id);
      return 0;
    }
    const n = createNetwork(ctx.host, {
      name: args[0] ?? "",
      driver,
      ipam,
      internal: bool(flags, "internal"),
      attachable: bool(flags, "attachable"),
      ipv6: bool(flags, "ipv6"),
      labels: keyValues(list(flags, "label")),
      options: keyValues(list(flags, "opt")),
      ...(scope ? { scope } : {}),
    });
    ctx.touch(n.name);
    ctx.out.line(n.id);
    return 0;
  },
};

const rm: DockerCommand = {
  group: ["network", "rm", "remove"],
  use: "NETWORK [NETWORK...]",
  summary: "Remove one or more networks",
  aliases: "docker network rm, docker network remove",
  flags: [flag("force", "Do not error if the network does not exist", { short: "f" })],
  args: { min: 1 },
  run(ctx, { flags, args }) {
    let status = 0;
    for (const name of args) {
      try {
        const found = findNetwork(ctx.host.daemon, name);
        const swarm = found?.driver === "overlay" || !found ? clusterOf(ctx.host) : undefined;
        const sn = swarm && findSwarmNetwork(swarm, name);
        if (sn) removeOverlayNetwork(ctx.host, sn);
        else removeNetwork(ctx.host, name);
        ctx.out.line(name);
      } catch (error) {
        if (!(error instanceof DaemonError)) throw error;
        if (bool(flags, "force") && error instanceof NotFound) continue;
        ctx.out.error(responseError(ctx, error, { object: "network", name }));
        status = 1;
      }
    }
    // Client 28 ends with the status it returns (cli.StatusError); 20.10 just returns it.
    if (status !== 0 && eraOf(ctx) === 26) ctx.out.error(`exit status ${status}`);
    return status;
  },
};

const prune = pruneCommand(
  "network",
  "Remove all unused networks",
  "This will remove all custom networks not used by at least one container.",
  (ctx) => {
    const deleted = pruneNetworks(ctx.host);
    if (deleted.length > 0) ctx.out.line(`Deleted Networks:\n${deleted.map((n) => `${n}\n`).join("")}`);
  },
);

const connect: DockerCommand = {
  group: ["network", "connect"],
  use: "[OPTIONS] NETWORK CONTAINER",
  summary: "Connect a container to a network",
  flags: [
    flag("alias", "Add network-scoped alias for the container", { value: "strings" }),
    flag("driver-opt", "driver options for the network", { value: "strings" }),
    flag(
      "gw-priority",
      "Highest gw-priority provides the default gateway. Accepts positive and negative values.",
      {
        value: "int",
      },
    ),
    flag("ip", 'IPv4 address (e.g., "172.30.100.104")', { value: "string" }),
    flag("ip6", 'IPv6 address (e.g., "2001:db8::33")', { value: "string" }),
    flag("link", "Add link to another container", { value: "list" }),
    flag("link-local-ip", "Add a link-local address for the container", { value: "strings" }),
  ],
  args: { exact: 2 },
  run(ctx, { flags, args }) {
    const [networkName = "", containerName = ""] = args;
    // A swarm's attachable overlay not set up here yet comes from the managers, as for docker run.
    const network =
      findNetwork(ctx.host.daemon, networkName) ?? overlayForContainer(ctx.host, networkName, false);
    if (!network) throw new NotFound(`network ${networkName} not found`);
    const c = requireContainer(ctx.host.daemon, containerName);
    const ip = str(flags, "ip");
    const ip6 = str(flags, "ip6");
    const linkLocalIps = list(flags, "link-local-ip");
    connectNetwork(ctx.host, c, network, {
      network: network.name,
      aliases: list(flags, "alias"),
      ...(ip ? { ip } : {}),
      ...(ip6 ? { ip6 } : {}),
      ...(linkLocalIps.length > 0 ? { linkLocalIps } : {}),
      links: list(flags, "link"),
      driverOpts: keyValues(list(flags, "driver-opt")),
    });
    ctx.touch(c.name);
    ctx.touch(network.name);
    return 0;
  },
};

const disconnect: DockerCommand = {
  group: ["network", "disconnect"],
  use: "[OPTIONS] NETWORK CONTAINER",
  summary: "Disconnect a container from a network",
  flags: [flag("force", "Force the container to disconnect from a network", { short: "f" })],
  args: { exact: 2 },
  run(ctx, { flags, args }) {
    const [networkName = "", containerName = ""] = args;
    const c = findContainer(ctx.host.daemon, containerName);
    if (!c) {
      if (!bool(flags, "force")) throw new NotFound(`No such container: ${containerName}`);
      // ForceEndpointDelete: a stale endpoint by that name; the lab leaves none behind.
      if (!findNetwork(ctx.host.daemon, networkName)) throw new NotFound(`network ${networkName} not found`);
      throw new NotFound(`endpoint ${containerName} not found`);
    }
    disconnectNetwork(
      ctx.host,
      c,
      networkName,
      findNetwork(ctx.host.daemon, networkName),
      bool(flags, "force"),
    );
    ctx.touch(c.name);
    return 0;
  },
};

export const subcommands: DockerCommand[] = [ls, create, rm, prune, connect, disconnect];
