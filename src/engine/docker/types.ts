/** The Docker daemon's state, as plain data. Field names follow the Engine API where one exists. */
import type { FileMeta } from "../files";
import type { NetnsId } from "../linux/types";
import type { Membership } from "../swarm/types";
import type { DockerEra } from "./era";

type ContainerStatus = "created" | "running" | "paused" | "restarting" | "exited" | "dead";

export interface PortBinding {
  hostIp: string;
  hostPort: string;
}

/**
 * One entry of a container's NetworkSettings.Networks: the configuration asked for (network name,
 * aliases, --ip) and, while the container runs, the endpoint the daemon made for it.
 */
export interface Endpoint {
  /** The network as the container's configuration names it (the key of NetworkSettings.Networks). */
  network: string;
  /** The network's ID once resolved by a start; kept after the container stops, "" before. */
  networkId: string;
  /** Empty while the container is not running: Docker releases the endpoint on stop. */
  endpointId: string;
  ip: string;
  prefix: number;
  gateway: string;
  mac: string;
  /** On a network with IPv6: the endpoint's global IPv6 address, its prefix length and the gateway. */
  ip6?: string;
  prefix6?: number;
  gateway6?: string;
  /** EndpointSettings.IPAMConfig: null from `run`, {} from `network connect`, the addresses asked for. */
  ipamConfig: { ipv4Address?: string; ipv6Address?: string; linkLocalIps?: string[] } | null;
  /** `--network-alias` / `connect --alias` names; null when none were given to `run`. */
  aliases: string[] | null;
  /** Legacy links given for this endpoint on a user network (`--link` with `--network`). */
  links: string[] | null;
  /** null from `run`, {} from `network connect`. */
  driverOpts: Record<string, string> | null;
  /** The MAC address asked for (`--mac-address`); without it the address follows the IPv4 one. */
  macAddress?: string;
  /** Interface name inside the container while running (eth0, eth1 …). */
  ifname?: string;
}

export interface Container {
  id: string;
  name: string;
  /** The image as the user wrote it (`busybox`, `nginx:1.25`). */
  image: string;
  imageId: string;
  /** Made from a name `docker tag` gave: the catalogued image behind it. */
  imageOf?: string;
  created: number;
  path: string;
  args: string[];
  config: {
    hostname: string;
    domainname: string;
    user: string;
    attachStdin: boolean;
    attachStdout: boolean;
    attachStderr: boolean;
    tty: boolean;
    openStdin: boolean;
    stdinOnce: boolean;
    /** Config.Env: the image's variables and `-e` ones; empty is shown as null. */
    env: string[];
    exposedPorts: string[];
    labels: Record<string, string>;
    workingDir: string;
    entrypoint: string[] | null;
    cmd: string[] | null;
    /** --stop-signal as given, and --stop-timeout in seconds (absent: SIGTERM, then 10 s). */
    stopSignal?: string;
    stopTimeout?: number;
  };
  hostConfig: {
    /** `bridge`, `host`, `none`, `container:<id or name>` or a network name. */
    networkMode: string;
    portBindings: Record<string, PortBinding[]>;
    publishAllPorts: boolean;
    /** Legacy links (`--link target:alias` on the default bridge), by the target's ID. */
    links: { container: string; alias: string }[];
    dns: string[];
    /** Absent in labs saved before these were kept. */
    dnsSearch?: string[];
    dnsOptions?: string[];
    extraHosts: string[];
    /** `--uts=host`: the host's hostname; absent for the container's own. */
    utsMode?: string;
    /** `--read-only`: the root filesystem (and Docker's /etc files) refuse writes. */
    readonlyRootfs?: boolean;
    autoRemove: boolean;
    privileged: boolean;
    /** `--cap-add` and `--cap-drop`, normalised (CAP_NET_ADMIN, ALL); absent when none was given. */
    capAdd?: string[];
    capDrop?: string[];
    restartPolicy: string;
  };
  state: {
    status: ContainerStatus;
    pid: number;
    exitCode: number;
    error: string;
    startedAt: number;
    finishedAt: number;
  };
  restartCount: number;
  /**
   * Stopped with `docker stop` or `kill` (HasBeenManuallyStopped): an unless-stopped container then
   * stays down when the daemon starts again. A start clears it; the daemon's own shutdown never sets it.
   */
  manuallyStopped?: boolean;
  /** While restarting (its policy restarts it after it ended): when it starts again, and the wait before. */
  restartAt?: number;
  restartBackoff?: number;
  /** What the main process does, decided from the image and command at creation. */
  main: MainProcess;
  /** NetworkSettings.Networks, in the order the networks were attached. */
  endpoints: Endpoint[];
  /** On overlay networks only: the way out through docker_gwbridge, while running. */
  gatewayEndpoint?: SandboxEndpoint;
  /** The namespace the container's processes see while running (own, shared, or the host's). */
  netns?: NetnsId;
  /** The sandbox of the last start (kept after the container stops, as Docker shows it). */
  sandboxId: string;
  /** The next ethN a network connected to the running sandbox gets; libnetwork never reuses one. */
  nextIfIndex: number;
  /** Directories made in the container (`mkdir`), besides those that hold its written files. */
  dirs?: string[];
  /** /etc/hosts lines after the fixed header, written at start (--add-host, links) and on each join. */
  hostsEntries: string[];
  /** Whether resolv.conf points at the embedded DNS server: set when a user network is joined, kept until the next start. */
  internalDns: boolean;
  /** The containerd-shim that parents the main process while it runs. */
  shimPid: number;
  /** Host ports actually bound while running: "80/tcp" -> bindings (ephemeral ports resolved). */
  ports: Record<string, PortBinding[]>;
  logs: { t: number; stream: "stdout" | "stderr"; text: string }[];
  /**
   * A client waits on the main process in the foreground (`docker run` without -d): with --rm the
   * container is removed once that client has read its last output, not before.
   */
  attached?: boolean;
  /** Files written inside the container (`echo hi > /tmp/index.html`), by path. */
  files: Record<string, string>;
  /** Symbolic links made inside the container (`ln -s`): where each points, as given. */
  symlinks?: Record<string, string>;
  /** Times, modes and hard links of what was written or made there, by path (engine/files.ts). */
  meta?: Record<string, FileMeta>;
}

/**
 * How a container's main process behaves: an interactive shell (alive while it has a terminal or
 * stdin), a server, a `sleep`, or a one-shot command that the shell layer runs and then exits.
 */
export interface MainProcess {
  kind: "shell" | "server" | "sleep" | "oneshot";
  /** For "sleep": how long it runs, in milliseconds. */
  durationMs?: number;
  /** Virtual time a "sleep" ends, while running. */
  exitAt?: number;
  /** Listening sockets the process opens: "tcp/80" (IPv4 wildcard) or "tcp6/80" (IPv6 wildcard, dual-stack). */
  listens: string[];
  /** For `sh -c 'a; b; sleep 3600'`: what runs before the long-running last command. */
  script?: string;
  /** The program left running when a `sh -c` script execs its last command (httpd, sleep …). */
  program?: string;
  /** Whether SIGTERM stops it (servers) or `docker stop` must wait and SIGKILL it (shells, sleep as PID 1). */
  handlesTerm: boolean;
  /** The exit status after SIGTERM for processes that handle it (143 for Java, 0 for nginx). */
  termExitCode: number;
}

/** One IPAM.Config entry, IPv4 or IPv6 (the subnet says which). */
export interface IpamConfig {
  subnet: string;
  /** The gateway the bridge has (Docker picks one when the user gave none). */
  gateway: string;
  /** Whether `inspect` shows the gateway: when given, or when the whole pool came from the defaults. */
  showGateway: boolean;
  ipRange?: string;
  /** `--aux-address name=ip`: addresses the IPAM keeps out of its hands. */
  auxAddresses?: Record<string, string>;
}

export interface Network {
  id: string;
  name: string;
  driver: string;
  scope: "local" | "swarm";
  created: number;
  enableIPv6: boolean;
  ipam: { driver: string; options: Record<string, string> | null; config: IpamConfig[] };
  internal: boolean;
  attachable: boolean;
  ingress: boolean;
  options: Record<string, string>;
  labels: Record<string, string>;
  /** Whether the user gave the IPv4 subnet (only then does `--ip` work); an IPv6 one is always given. */
  userSubnet: boolean;
  /** Linux bridge name for bridge networks (docker0, br-<12 hex>). */
  bridge?: string;
  /** Addresses handed out, besides the gateway, in address order (overlays: the cluster's, see SwarmNetwork). */
  allocated: string[];
  /** IPv6 addresses handed out, besides the gateway, on a network with IPv6 (absent: none). */
  allocated6?: string[];
  /** An overlay network set up on this node: its namespace (br0, vxlan0) and load-balancer endpoint. */
  overlay?: OverlayInstance;
  /**
   * Endpoints of sandboxes that are no container's own network: the ingress sandbox's, each
   * overlay's load balancer, and on docker_gwbridge the containers' way out (`gateway_<sandbox>`).
   */
  sandboxEndpoints?: SandboxEndpoint[];
}

interface OverlayInstance {
  /** The namespace `1-<network id>` (br0 and vxlan0), while a local endpoint uses the network. */
  ns?: NetnsId;
  /** The next `vethN` name the driver gives a port in that namespace. */
  nextVeth: number;
}

/** An endpoint in `network inspect`'s Containers that is not a container's NetworkSettings entry. */
export interface SandboxEndpoint {
  /** The Containers key: "ingress-sbox", "lb-NET", or the container's ID for its gateway endpoint. */
  key: string;
  /** "ingress-endpoint", "NET-endpoint", "gateway_<sandbox>". */
  name: string;
  endpointId: string;
  ip: string;
  prefix: number;
  mac: string;
  /** The sandbox namespace the endpoint's interface lives in. */
  ns: NetnsId;
  ifname: string;
}

export interface LocalImage {
  /** repository:tag */
  ref: string;
  id: string;
  /** Virtual time it was pulled or imported. */
  created: number;
  /** A name `docker tag` gave: the catalogued image it names (its userland, size, defaults). */
  of?: string;
}

/** A host port forwarded to a container's address on a bridge: what the firewall's rules need. */
export interface PublishedPort {
  bridge: string;
  proto: "tcp" | "udp";
  hostIp: string;
  hostPort: number;
  containerIp: string;
  containerPort: number;
}

/** A host port bound for a container: its DNAT rules and the docker-proxy process listening on it. */
interface PortAllocation extends PublishedPort {
  containerId: string;
  proxyPid: number;
}

export interface Daemon {
  /** The release it runs (and its client): what it prints and refuses follows it. */
  era: DockerEra;
  /** The daemon's part in a swarm, while it is in one (or waits to join). */
  swarm?: Membership;
  containers: Container[];
  networks: Network[];
  images: LocalImage[];
  ports: PortAllocation[];
  /** The last host port `-P` and `-p 80` handed out, per protocol (libnetwork's port allocator). */
  lastEphemeral: { tcp: number; udp: number };
  /** The last port handed out from each host port range asked for (`-p 9090-9092:80`), by "ip/proto/range". */
  lastInRange?: Record<string, number>;
  /** Where the search for the next default address pool starts (libnetwork rotates it). */
  poolIndex: number;
  /**
   * No running container's main process ends before this virtual time (absent: none ends by
   * itself), so that settling looks at the containers only when one may be due.
   */
  nextExitAt?: number;
  /**
   * dockerd is stopped: "service" (`systemctl stop docker`), and docker.socket starts it again for
   * the next client; "socket" (`service docker stop` stops the socket too), and clients cannot connect.
   */
  down?: "service" | "socket";
  /** When dockerd last started or stopped (`systemctl status`'s "since"); absent: at the machine's boot. */
  since?: number;
  /** The PID dockerd had when it stopped (`Main PID: … (code=exited …)`), and how long it had run (ms). */
  lastPid?: number;
  ranFor?: number;
  /** daemon.json's "fixed-cidr-v6" as dockerd last started with "ipv6" on: the default bridge's IPv6 subnet. */
  fixedCidrV6?: string;
}
