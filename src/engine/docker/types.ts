/** The Docker daemon's state, as plain data. Field names follow the Engine API where one exists. */
import type { NetnsId } from "../linux/types";

export type ContainerStatus = "created" | "running" | "paused" | "restarting" | "exited" | "dead";

export interface PortBinding {
  hostIp: string;
  hostPort: string;
}

export interface Endpoint {
  networkId: string;
  /** Empty while the container is not running: Docker releases the endpoint on stop. */
  endpointId: string;
  ip: string;
  prefix: number;
  gateway: string;
  mac: string;
  /** The address asked for with `--ip`, kept across restarts. */
  requestedIp?: string;
  /** `--network-alias` / `connect --alias` names. */
  aliases: string[];
  /** Legacy links given on this endpoint (`--link` on a user network). */
  links: string[];
  /** Interface name inside the container while running (eth0, eth1 …). */
  ifname?: string;
}

export interface Container {
  id: string;
  name: string;
  /** The image as the user wrote it (`busybox`, `nginx:1.25`). */
  image: string;
  imageId: string;
  created: number;
  path: string;
  args: string[];
  config: {
    hostname: string;
    domainname: string;
    tty: boolean;
    openStdin: boolean;
    env: string[];
    exposedPorts: string[];
    labels: Record<string, string>;
    workingDir: string;
    entrypoint: string[] | null;
    cmd: string[];
  };
  hostConfig: {
    networkMode: string;
    portBindings: Record<string, PortBinding[]>;
    publishAllPorts: boolean;
    /** Legacy links as Docker stores them: "/busy1:/busy2/busy1". */
    links: string[];
    dns: string[];
    extraHosts: string[];
    autoRemove: boolean;
  };
  state: {
    status: ContainerStatus;
    pid: number;
    exitCode: number;
    startedAt: number;
    finishedAt: number;
  };
  restartCount: number;
  /** What the main process does, decided from the image and command at creation. */
  main: MainProcess;
  /** Networks in the order they were attached; keyed by network id. */
  endpoints: Endpoint[];
  /** The namespace the container's processes see while running (own, shared, or the host's). */
  netns?: NetnsId;
  sandboxId: string;
  /** Host ports actually bound while running: "80/tcp" -> bindings (ephemeral ports resolved). */
  ports: Record<string, PortBinding[]>;
  logs: { t: number; stream: "stdout" | "stderr"; text: string }[];
  /** Files written inside the container (`echo hi > /tmp/index.html`), by path. */
  files: Record<string, string>;
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
  /** Listening sockets the process opens: "tcp/80". */
  listens: string[];
  /** Whether SIGTERM stops it (servers) or `docker stop` must wait and SIGKILL it (shells, sleep as PID 1). */
  handlesTerm: boolean;
  /** The exit status after SIGTERM for processes that handle it (143 for Java, 0 for nginx). */
  termExitCode: number;
}

export interface IpamConfig {
  subnet: string;
  gateway?: string;
  ipRange?: string;
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
  /** Whether the user gave the subnet (only then does `--ip` work). */
  userSubnet: boolean;
  /** Linux bridge name for bridge networks (docker0, br-<12 hex>). */
  bridge?: string;
  /** Addresses handed out, besides the gateway. */
  allocated: string[];
}

export interface LocalImage {
  /** repository:tag */
  ref: string;
  id: string;
  /** Virtual time it was pulled or imported. */
  created: number;
}

/** A host port bound for a container: its DNAT rules and the docker-proxy process listening on it. */
export interface PortAllocation {
  containerId: string;
  proxyPid: number;
  bridge: string;
  proto: "tcp" | "udp";
  hostIp: string;
  hostPort: number;
  containerIp: string;
  containerPort: number;
}

export interface Daemon {
  containers: Container[];
  networks: Network[];
  images: LocalImage[];
  ports: PortAllocation[];
  /** Next port `-P` and `-p 80` try, from the ephemeral range 32768–60999. */
  nextEphemeralPort: number;
}
