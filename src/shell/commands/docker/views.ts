/**
 * Docker's objects as the API shows them, built as typed Go values so that `docker inspect` prints
 * them in the daemon's key order and `--format` templates see the client's types: containers
 * (engine 26's ContainerJSON), their NetworkSettings, and networks (NetworkResource).
 */
import type { Host } from "../../../engine/docker/host";
import { containerSpec, imageId } from "../../../engine/docker/images";
import { containerById, isRunning, isUserDefined, writtenBytes } from "../../../engine/docker/lookup";
import { GWBRIDGE } from "../../../engine/docker/networks";
import { publishingEndpoint } from "../../../engine/docker/ports";
import type { Container, Endpoint, IpamConfig, Network, PortBinding } from "../../../engine/docker/types";
import { clusterOf, memberHosts } from "../../../engine/swarm/store";
import { timeFromRfc3339 } from "../../format/go/time";
import {
  type GoValue,
  goBool,
  goInt,
  goMap,
  goPtr,
  goSlice,
  goStr,
  goStringMap,
  goStrings,
  goStruct,
} from "../../format/go/value";
import { rfc3339Nano, sizeBytes } from "./units";

/** Whose view of the data: the daemon's JSON (engine 26 field order) or the 28 client's decoded types. */
export type Flavor = "daemon" | "client";

const ZERO_TIME = "0001-01-01T00:00:00Z";

function time(ms: number, seed: string): string {
  return ms === 0 ? ZERO_TIME : rfc3339Nano(ms, seed);
}

function goTime(ms: number, seed: string): GoValue {
  return timeFromRfc3339(time(ms, seed));
}

/** `-p` bindings as Docker keeps them: map of "80/tcp" to [{HostIp, HostPort}]. */
function portMap(ports: Record<string, PortBinding[] | null>): GoValue {
  return goMap(
    "nat.PortMap",
    Object.entries(ports).map(([port, bindings]) => [
      port,
      goSlice(
        "[]nat.PortBinding",
        bindings === null
          ? null
          : bindings.map((b) =>
              goStruct("nat.PortBinding", [
                ["HostIp", goStr(b.hostIp)],
                ["HostPort", goStr(b.hostPort)],
              ]),
            ),
      ),
    ]),
  );
}

/** NetworkSettings.Ports: while running, every exposed port with its bindings (null when not published). */
export function livePorts(host: Host, c: Container): Record<string, PortBinding[] | null> {
  // No port of a container with no way out (only internal networks) is mapped, nor listed.
  if (
    !isRunning(c) ||
    (!publishingEndpoint(host, c) && c.endpoints.some((e) => e.ip)) ||
    c.hostConfig.networkMode === "host" ||
    c.hostConfig.networkMode.startsWith("container:")
  )
    return {};
  if (c.endpoints.every((e) => !e.ip)) return {};
  const out: Record<string, PortBinding[] | null> = {};
  for (const p of c.config.exposedPorts) out[p] = c.ports[p] ?? null;
  for (const [p, b] of Object.entries(c.ports)) out[p] = b;
  return out;
}

/** DNSNames of an endpoint: on user networks the name, the aliases and the short ID. */
function dnsNames(host: Host, c: Container, ep: Endpoint): string[] | null {
  const network = host.daemon.networks.find((n) => n.id === ep.networkId || n.name === ep.network);
  const userDefined = network ? isUserDefined(network) : !["bridge", "host", "none"].includes(ep.network);
  if (!userDefined) return null;
  return [c.name, ...(ep.aliases ?? []), c.id.slice(0, 12)];
}

/** Engine 20.10's Aliases: on a user network the given ones, then the short ID the daemon added. */
function aliases20(host: Host, c: Container, ep: Endpoint): string[] | null {
  const names = dnsNames(host, c, ep);
  return names ? names.slice(1) : ep.aliases;
}

function endpointSettings(host: Host, c: Container, ep: Endpoint, flavor: Flavor): GoValue {
  // The swarm assigns an overlay endpoint its address, which the daemon records as if asked for.
  const overlay = ep.ip && host.daemon.networks.find((n) => n.id === ep.networkId)?.driver === "overlay";
  const config = overlay ? { ...ep.ipamConfig, ipv4Address: ep.ip } : ep.ipamConfig;
  const ipam =
    config === null
      ? goPtr("*network.EndpointIPAMConfig", null)
      : goPtr(
          "*network.EndpointIPAMConfig",
          goStruct("network.EndpointIPAMConfig", [
            ["IPv4Address", goStr(config.ipv4Address ?? ""), { omitempty: true }],
            ["IPv6Address", goStr(config.ipv6Address ?? ""), { omitempty: true }],
            ["LinkLocalIPs", goStrings(config.linkLocalIps ?? null), { omitempty: true }],
          ]),
        );
  const driverOpts = goStringMap(ep.driverOpts);
  const head: [string, GoValue][] = [
    ["IPAMConfig", ipam],
    ["Links", goStrings(ep.links)],
    ["Aliases", goStrings(ep.aliases)],
    ["MacAddress", goStr(ep.mac)],
  ];
  const addressing: [string, GoValue][] = [
    ["NetworkID", goStr(ep.networkId)],
    ["EndpointID", goStr(ep.endpointId)],
    ["Gateway", goStr(ep.gateway)],
    ["IPAddress", goStr(ep.ip)],
    ["IPPrefixLen", goInt(ep.prefix)],
    ["IPv6Gateway", goStr(ep.gateway6 ?? "")],
    ["GlobalIPv6Address", goStr(ep.ip6 ?? "")],
    ["GlobalIPv6PrefixLen", goInt(ep.prefix6 ?? 0)],
  ];
  const dns: [string, GoValue] = ["DNSNames", goStrings(dnsNames(host, c, ep))];
  // Engine 20.10 (and its client, whose types were the daemon's) had no DNSNames: the short ID was
  // an alias on user networks, and the MAC came after the addresses.
  const fields =
    host.daemon.era === 20
      ? [
          ["IPAMConfig", ipam] as [string, GoValue],
          ["Links", goStrings(ep.links)] as [string, GoValue],
          ["Aliases", goStrings(aliases20(host, c, ep))] as [string, GoValue],
          ...addressing,
          // The MAC asked for was the container's (Config.MacAddress) until an endpoint had it.
          ["MacAddress", goStr(ep.endpointId ? ep.mac : "")] as [string, GoValue],
          ["DriverOpts", driverOpts] as [string, GoValue],
        ]
      : flavor === "daemon"
        ? [...head, ...addressing, ["DriverOpts", driverOpts] as [string, GoValue], dns]
        : [
            ...head,
            ["DriverOpts", driverOpts] as [string, GoValue],
            ["GwPriority", goInt(0)] as [string, GoValue],
            ...addressing,
            dns,
          ];
  return goPtr("*network.EndpointSettings", goStruct("network.EndpointSettings", fields));
}

export function networkSettings(host: Host, c: Container, flavor: Flavor): GoValue {
  const bridge = c.endpoints.find((e) => e.network === "bridge" && e.endpointId);
  const sandboxKey =
    c.sandboxId === ""
      ? ""
      : c.hostConfig.networkMode === "host"
        ? "/var/run/docker/netns/default"
        : `/var/run/docker/netns/${c.sandboxId.slice(0, 12)}`;
  const sandbox: [string, GoValue][] = [
    ["SandboxKey", goStr(sandboxKey)],
    ["Ports", portMap(livePorts(host, c))],
  ];
  const hairpin: [string, GoValue][] = [
    ["HairpinMode", goBool(false)],
    ["LinkLocalIPv6Address", goStr("")],
    ["LinkLocalIPv6PrefixLen", goInt(0)],
  ];
  const base = goStruct("container.NetworkSettingsBase", [
    ["Bridge", goStr("")],
    ["SandboxID", goStr(c.sandboxId)],
    // Engine 20.10's NetworkSettingsBase had Ports and SandboxKey (in that order) after these.
    ...(host.daemon.era === 20 ? [...hairpin, ...sandbox.reverse()] : [...sandbox, ...hairpin]),
    ["SecondaryIPAddresses", goSlice("[]network.Address", null)],
    ["SecondaryIPv6Addresses", goSlice("[]network.Address", null)],
  ]);
  const defaults = goStruct("container.DefaultNetworkSettings", [
    ["EndpointID", goStr(bridge?.endpointId ?? "")],
    ["Gateway", goStr(bridge?.gateway ?? "")],
    ["GlobalIPv6Address", goStr(bridge?.ip6 ?? "")],
    ["GlobalIPv6PrefixLen", goInt(bridge?.prefix6 ?? 0)],
    ["IPAddress", goStr(bridge?.ip ?? "")],
    ["IPPrefixLen", goInt(bridge?.prefix ?? 0)],
    ["IPv6Gateway", goStr(bridge?.gateway6 ?? "")],
    ["MacAddress", goStr(bridge?.mac ?? "")],
  ]);
  return goStruct("container.NetworkSettings", [
    ["NetworkSettingsBase", base, { embedded: true }],
    ["DefaultNetworkSettings", defaults, { embedded: true }],
    [
      "Networks",
      goMap(
        "map[string]*network.EndpointSettings",
        c.endpoints.map((ep) => [ep.network, endpointSettings(host, c, ep, flavor)]),
        goPtr("*network.EndpointSettings", null),
      ),
    ],
  ]);
}

/** HostConfig.Links as inspect shows them: "/target:/container/alias", from the link graph. */
function links(host: Host, c: Container): string[] | null {
  if (c.hostConfig.links.length === 0) return null;
  return c.hostConfig.links.flatMap((l) => {
    const target = containerById(host.daemon, l.container);
    return target ? [`/${target.name}:/${c.name}/${l.alias}`] : [];
  });
}

const MASKED_PATHS = [
  "/proc/asound",
  "/proc/acpi",
  "/proc/kcore",
  "/proc/keys",
  "/proc/latency_stats",
  "/proc/timer_list",
  "/proc/timer_stats",
  "/proc/sched_debug",
  "/proc/scsi",
  "/sys/firmware",
  "/sys/devices/virtual/powercap",
];
/** Engine 20.10 did not mask powercap yet. */
const MASKED_PATHS_20 = MASKED_PATHS.slice(0, -1);
const READONLY_PATHS = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

function hostConfig(host: Host, c: Container): GoValue {
  const h = c.hostConfig;
  const era20 = host.daemon.era === 20;
  const none = (type: string) => goSlice(type, null);
  // Engine 20.10 left these lists nil where 26 makes them empty.
  const empty = (type: string) => goSlice(type, []);
  const empty26 = (type: string) => goSlice(type, era20 ? null : []);
  const zero = goInt(0);
  const consoleSize: [string, GoValue] = ["ConsoleSize", goSlice("[2]uint", [zero, zero])];
  // Resources is embedded in HostConfig: its fields are HostConfig's in templates and JSON.
  const int64 = goInt(0, "int64");
  const resources = goStruct("container.Resources", [
    ["CPUShares", int64, { json: "CpuShares" }],
    ["Memory", int64],
    ["NanoCPUs", int64, { json: "NanoCpus" }],
    ["CgroupParent", goStr("")],
    ["BlkioWeight", goInt(0, "uint16")],
    ["BlkioWeightDevice", empty("[]*blkiodev.WeightDevice")],
    ["BlkioDeviceReadBps", empty26("[]*blkiodev.ThrottleDevice")],
    ["BlkioDeviceWriteBps", empty26("[]*blkiodev.ThrottleDevice")],
    ["BlkioDeviceReadIOps", empty26("[]*blkiodev.ThrottleDevice")],
    ["BlkioDeviceWriteIOps", empty26("[]*blkiodev.ThrottleDevice")],
    ["CPUPeriod", int64, { json: "CpuPeriod" }],
    ["CPUQuota", int64, { json: "CpuQuota" }],
    ["CPURealtimePeriod", int64, { json: "CpuRealtimePeriod" }],
    ["CPURealtimeRuntime", int64, { json: "CpuRealtimeRuntime" }],
    ["CpusetCpus", goStr("")],
    ["CpusetMems", goStr("")],
    ["Devices", empty("[]container.DeviceMapping")],
    ["DeviceCgroupRules", goStrings(null)],
    ["DeviceRequests", none("[]container.DeviceRequest")],
    // Client 28 keeps them, omitted when zero; engine 20.10 always sent them.
    ["KernelMemory", int64, { omitempty: !era20 }],
    ["KernelMemoryTCP", int64, { omitempty: !era20 }],
    ["MemoryReservation", int64],
    ["MemorySwap", int64],
    ["MemorySwappiness", goPtr("*int64", null)],
    ["OomKillDisable", goBool(false)],
    ["PidsLimit", goPtr("*int64", null)],
    ["Ulimits", empty26("[]*units.Ulimit")],
    ["CPUCount", int64, { json: "CpuCount" }],
    ["CPUPercent", int64, { json: "CpuPercent" }],
    ["IOMaximumIOps", goInt(0, "uint64")],
    ["IOMaximumBandwidth", goInt(0, "uint64")],
  ]);
  return goStruct("container.HostConfig", [
    ["Binds", goStrings(null)],
    ["ContainerIDFile", goStr("")],
    [
      "LogConfig",
      goStruct("container.LogConfig", [
        ["Type", goStr("json-file")],
        ["Config", goStringMap({})],
      ]),
    ],
    ["NetworkMode", goStr(h.networkMode)],
    ["PortBindings", portMap(h.portBindings)],
    [
      "RestartPolicy",
      goStruct("container.RestartPolicy", [
        ["Name", goStr(h.restartPolicy.split(":")[0] ?? "")],
        ["MaximumRetryCount", goInt(Number(h.restartPolicy.split(":")[1] ?? 0))],
      ]),
    ],
    ["AutoRemove", goBool(h.autoRemove)],
    ["VolumeDriver", goStr("")],
    ["VolumesFrom", goStrings(null)],
    ...(era20 ? [] : [consoleSize]),
    ["Annotations", goStringMap(null), { omitempty: true }],
    ["CapAdd", goStrings(null)],
    ["CapDrop", goStrings(null)],
    ["CgroupnsMode", goStr("host")],
    ["DNS", goStrings(h.dns), { json: "Dns" }],
    ["DNSOptions", goStrings(h.dnsOptions ?? []), { json: "DnsOptions" }],
    ["DNSSearch", goStrings(h.dnsSearch ?? []), { json: "DnsSearch" }],
    ["ExtraHosts", goStrings(h.extraHosts.length ? h.extraHosts : null)],
    ["GroupAdd", goStrings(null)],
    ["IpcMode", goStr("private")],
    ["Cgroup", goStr("")],
    ["Links", goStrings(links(host, c))],
    ["OomScoreAdj", zero],
    ["PidMode", goStr("")],
    ["Privileged", goBool(h.privileged)],
    ["PublishAllPorts", goBool(h.publishAllPorts)],
    ["ReadonlyRootfs", goBool(h.readonlyRootfs ?? false)],
    ["SecurityOpt", goStrings(h.privileged ? ["label=disable"] : null)],
    ["StorageOpt", goStringMap(null), { omitempty: true }],
    ["Tmpfs", goStringMap(null), { omitempty: true }],
    ["UTSMode", goStr(h.utsMode ?? "")],
    ["UsernsMode", goStr("")],
    ["ShmSize", goInt(67108864, "int64")],
    ["Sysctls", goStringMap(null), { omitempty: true }],
    ["Runtime", goStr("runc")],
    ...(era20 ? [consoleSize] : []),
    ["Isolation", goStr("")],
    ["Resources", resources, { embedded: true }],
    ["Mounts", goSlice("[]mount.Mount", null), { omitempty: true }],
    ["MaskedPaths", goStrings(h.privileged ? null : era20 ? MASKED_PATHS_20 : MASKED_PATHS)],
    ["ReadonlyPaths", goStrings(h.privileged ? null : READONLY_PATHS)],
    ["Init", goPtr("*bool", null), { omitempty: true }],
  ]);
}

function config(c: Container): GoValue {
  const k = c.config;
  const exposed = goMap(
    "nat.PortSet",
    k.exposedPorts.map((p) => [p, goStruct("struct {}", [])]),
  );
  return goStruct("container.Config", [
    ["Hostname", goStr(k.hostname)],
    ["Domainname", goStr(k.domainname)],
    ["User", goStr(k.user)],
    ["AttachStdin", goBool(k.attachStdin)],
    ["AttachStdout", goBool(k.attachStdout)],
    ["AttachStderr", goBool(k.attachStderr)],
    ["ExposedPorts", exposed, { omitempty: true }],
    ["Tty", goBool(k.tty)],
    ["OpenStdin", goBool(k.openStdin)],
    ["StdinOnce", goBool(k.stdinOnce)],
    ["Env", goStrings(k.env.length ? k.env : null)],
    ["Cmd", goStrings(k.cmd)],
    ["Healthcheck", goPtr("*container.HealthConfig", null), { omitempty: true }],
    ["ArgsEscaped", goBool(false), { omitempty: true }],
    ["Image", goStr(c.image)],
    ["Volumes", goMap("map[string]struct {}", null)],
    ["WorkingDir", goStr(k.workingDir)],
    ["Entrypoint", goStrings(k.entrypoint)],
    ["NetworkDisabled", goBool(false), { omitempty: true }],
    // Deprecated since API 1.44, still filled in from the first network's --mac-address.
    ["MacAddress", goStr(c.endpoints[0]?.macAddress ?? ""), { omitempty: true }],
    ["OnBuild", goStrings(null)],
    ["Labels", goStringMap(k.labels)],
    ["StopSignal", goStr(k.stopSignal ?? ""), { omitempty: true }],
    [
      "StopTimeout",
      goPtr("*int", k.stopTimeout === undefined ? null : goInt(k.stopTimeout)),
      { omitempty: true },
    ],
    ["Shell", goSlice("strslice.StrSlice", null), { omitempty: true }],
  ]);
}

/** Stable hex for paths derived from an ID (overlay2 layer directories). */
function derivedId(seed: string): string {
  return imageId(seed, "layer");
}

/** `sized`: inspect -s, where the daemon adds the container's layer and whole filesystem sizes. */
export function containerInspect(host: Host, c: Container, flavor: Flavor, sized = false): GoValue {
  const s = c.state;
  const dir = `/var/lib/docker/containers/${c.id}`;
  const started = s.startedAt !== 0;
  const layer = derivedId(c.id);
  const imageLayer = derivedId(c.imageId);
  const overlay = "/var/lib/docker/overlay2";
  // ContainerJSONBase is embedded: its fields are the response's (templates and JSON alike).
  const base = goStruct("container.ContainerJSONBase", [
    ["ID", goStr(c.id), { json: "Id" }],
    ["Created", goStr(time(c.created, c.id))],
    ["Path", goStr(c.path)],
    ["Args", goStrings(c.args)],
    [
      "State",
      goPtr(
        // Client 20.10's types.ContainerState.
        host.daemon.era === 20 ? "*types.ContainerState" : "*container.State",
        goStruct(host.daemon.era === 20 ? "types.ContainerState" : "container.State", [
          ["Status", goStr(s.status)],
          ["Running", goBool(isRunning(c) || s.status === "restarting")],
          ["Paused", goBool(s.status === "paused")],
          ["Restarting", goBool(s.status === "restarting")],
          ["OOMKilled", goBool(false)],
          ["Dead", goBool(false)],
          ["Pid", goInt(s.pid)],
          ["ExitCode", goInt(s.exitCode)],
          ["Error", goStr(s.error)],
          ["StartedAt", goStr(time(s.startedAt, c.id.slice(6)))],
          ["FinishedAt", goStr(time(s.finishedAt, c.id.slice(12)))],
          ["Health", goPtr("*container.Health", null), { omitempty: true }],
        ]),
      ),
    ],
    ["Image", goStr(`sha256:${c.imageId}`)],
    // The daemon writes these files when the container first starts.
    ["ResolvConfPath", goStr(started ? `${dir}/resolv.conf` : "")],
    ["HostnamePath", goStr(started ? `${dir}/hostname` : "")],
    ["HostsPath", goStr(started ? `${dir}/hosts` : "")],
    ["LogPath", goStr(started ? `${dir}/${c.id}-json.log` : "")],
    ["Name", goStr(`/${c.name}`)],
    ["RestartCount", goInt(c.restartCount)],
    ["Driver", goStr("overlay2")],
    ["Platform", goStr("linux")],
    ["MountLabel", goStr("")],
    ["ProcessLabel", goStr("")],
    ["AppArmorProfile", goStr("")],
    ["ExecIDs", goStrings(null)],
    ["HostConfig", goPtr("*container.HostConfig", hostConfig(host, c))],
    [
      "GraphDriver",
      goStruct("storage.DriverData", [
        [
          "Data",
          goStringMap({
            LowerDir: `${overlay}/${layer}-init/diff:${overlay}/${imageLayer}/diff`,
            MergedDir: `${overlay}/${layer}/merged`,
            UpperDir: `${overlay}/${layer}/diff`,
            WorkDir: `${overlay}/${layer}/work`,
          }),
        ],
        ["Name", goStr("overlay2")],
      ]),
    ],
    ["SizeRw", goPtr("*int64", sized ? goInt(writtenBytes(c), "int64") : null), { omitempty: true }],
    [
      "SizeRootFs",
      goPtr("*int64", sized ? goInt(sizeBytes(containerSpec(c).size) + writtenBytes(c), "int64") : null),
      { omitempty: true },
    ],
  ]);
  return goStruct("container.InspectResponse", [
    ["ContainerJSONBase", goPtr("*container.ContainerJSONBase", base), { embedded: true }],
    ["Mounts", goSlice("[]container.MountPoint", [])],
    ["Config", goPtr("*container.Config", config(c))],
    ["NetworkSettings", goPtr("*container.NetworkSettings", networkSettings(host, c, flavor))],
    ["ImageManifestDescriptor", goPtr("*v1.Descriptor", null), { omitempty: true }],
  ]);
}

function endpointResource(
  type: string,
  name: string,
  ep: { endpointId: string; mac: string; ip: string; prefix: number; ip6?: string; prefix6?: number },
): GoValue {
  return goStruct(type, [
    ["Name", goStr(name)],
    ["EndpointID", goStr(ep.endpointId)],
    ["MacAddress", goStr(ep.mac)],
    ["IPv4Address", goStr(ep.ip ? `${ep.ip}/${ep.prefix}` : "")],
    ["IPv6Address", goStr(ep.ip6 ? `${ep.ip6}/${ep.prefix6}` : "")],
  ]);
}

/**
 * The JSON map of a network's containers: running endpoints only, with their addresses, then the
 * daemon's own sandboxes' (ingress, load balancers, containers' docker_gwbridge endpoints). An
 * overlay a manager knows only from the store has none: null.
 */
function networkContainers(host: Host, n: Network): GoValue {
  // Client 20.10 had the type in the types package.
  const type = host.daemon.era === 20 ? "types.EndpointResource" : "network.EndpointResource";
  const map = `map[string]${type}`;
  if (n.driver === "overlay" && !n.overlay) return goMap(map, null);
  const entries: [string, GoValue][] = [];
  for (const c of host.daemon.containers) {
    if (!isRunning(c)) continue;
    const ep = c.endpoints.find((e) => e.networkId === n.id && e.endpointId);
    if (ep) entries.push([c.id, endpointResource(type, c.name, ep)]);
    const gw = c.gatewayEndpoint;
    if (gw && n.name === GWBRIDGE) entries.push([gw.key, endpointResource(type, gw.name, gw)]);
  }
  for (const ep of n.sandboxEndpoints ?? []) entries.push([ep.key, endpointResource(type, ep.name, ep)]);
  return goMap(map, entries);
}

/** An overlay's Peers: the nodes it is set up on (networkdb's members), by their gossip names. */
function peers(host: Host, n: Network): GoValue {
  const swarm = clusterOf(host);
  const members = swarm
    ? memberHosts(host.world, swarm).filter(({ machine }) =>
        host.world.machines[machine]?.docker?.networks.some((x) => x.id === n.id && x.overlay?.ns),
      )
    : [];
  return goSlice(
    "[]network.PeerInfo",
    members.map(({ node }) =>
      goStruct("network.PeerInfo", [
        ["Name", goStr(node.peerName)],
        ["IP", goStr(node.addr)],
      ]),
    ),
  );
}

/** Engine 20.10 took docker0's address as it found it and recorded no gateway for the default bridge. */
function showsGateway(host: Host, n: Network, config: IpamConfig): boolean {
  return (
    config.showGateway && !(host.daemon.era === 20 && n.options["com.docker.network.bridge.default_bridge"])
  );
}

export function networkInspect(host: Host, n: Network, flavor: Flavor): GoValue {
  const configs =
    n.driver !== "host" && n.driver !== "null"
      ? n.ipam.config.map((c) =>
          goStruct("network.IPAMConfig", [
            ["Subnet", goStr(c.subnet), { omitempty: true }],
            ["IPRange", goStr(c.ipRange ?? ""), { omitempty: true }],
            ["Gateway", goStr(showsGateway(host, n, c) ? c.gateway : ""), { omitempty: true }],
            [
              "AuxAddress",
              goStringMap(c.auxAddresses ?? null),
              { json: "AuxiliaryAddresses", omitempty: true },
            ],
          ]),
        )
      : host.daemon.era === 20
        ? []
        : null;
  return goStruct("network.Inspect", [
    ["Name", goStr(n.name)],
    ["ID", goStr(n.id), { json: "Id" }],
    ["Created", goTime(n.created, n.id)],
    ["Scope", goStr(n.scope)],
    ["Driver", goStr(n.driver)],
    // Client 28 has EnableIPv4, which API 1.45 does not send: false whatever the network.
    ...(flavor === "client" && host.daemon.era === 26
      ? [["EnableIPv4", goBool(false)] as [string, GoValue]]
      : []),
    ["EnableIPv6", goBool(n.enableIPv6)],
    [
      "IPAM",
      goStruct("network.IPAM", [
        ["Driver", goStr(n.ipam.driver)],
        ["Options", goStringMap(n.ipam.options)],
        ["Config", goSlice("[]network.IPAMConfig", configs)],
      ]),
    ],
    ["Internal", goBool(n.internal)],
    ["Attachable", goBool(n.attachable)],
    ["Ingress", goBool(n.ingress)],
    ["ConfigFrom", goStruct("network.ConfigReference", [["Network", goStr("")]])],
    ["ConfigOnly", goBool(false)],
    ["Containers", networkContainers(host, n)],
    ["Options", goStringMap(n.options)],
    [
      "Labels",
      goStringMap(n.driver === "overlay" && !n.overlay && !Object.keys(n.labels).length ? null : n.labels),
    ],
    ["Peers", n.overlay ? peers(host, n) : goSlice("[]network.PeerInfo", null), { omitempty: true }],
    ["Services", goMap("map[string]network.ServiceInfo", null), { omitempty: true }],
  ]);
}
