/**
 * Swarm mode as plain data: a cluster's replicated store (what every manager agrees on: nodes,
 * overlay networks with their cluster-wide address allocation, services and their tasks) and each
 * daemon's membership of it. Field names follow swarmkit's API where one exists.
 */

export type NodeRole = "manager" | "worker";

export interface SwarmNode {
  id: string;
  /** The lab machine the node is. */
  machine: string;
  hostname: string;
  role: NodeRole;
  availability: "active" | "pause" | "drain";
  /** Status.State: "down" once its heartbeats stop (it left, or its daemon is gone). */
  state: "ready" | "down";
  /** Status.Addr: the address the node advertised (or connected from). */
  addr: string;
  /** ManagerStatus.Addr of a manager: "192.168.0.101:2377". */
  managerAddr?: string;
  leader?: boolean;
  /** networkdb's name for the node (12 hex digits): `network inspect` lists it under Peers. */
  peerName: string;
  created: number;
  /** When its heartbeats stopped: the node turns Down a grace period later. */
  leftAt?: number;
}

/** An overlay network as the managers keep it: spec, VXLAN id and the one address pool of all nodes. */
export interface SwarmNetwork {
  id: string;
  name: string;
  created: number;
  ingress: boolean;
  attachable: boolean;
  internal: boolean;
  subnet: string;
  gateway: string;
  /** Whether the user gave --subnet/--gateway (shown as given in IPAM.Config). */
  userSubnet: boolean;
  vni: number;
  /** Driver options given with --opt (`encrypted` …). */
  options: Record<string, string>;
  labels: Record<string, string>;
  /** Addresses handed out on this network, cluster-wide (VIPs, tasks, nodes' load balancers). */
  allocated: string[];
  /** The last address handed out: the allocator goes on after it (serially), not from the lowest free one. */
  lastAllocated?: string;
  /** Each node's own address on the network (its load balancer, or its ingress sandbox), by node ID. */
  nodeAddresses?: Record<string, string>;
}

type TaskState =
  | "new"
  | "pending"
  | "assigned"
  | "accepted"
  | "preparing"
  | "ready"
  | "starting"
  | "running"
  | "complete"
  | "shutdown"
  | "failed"
  | "rejected"
  | "remove"
  | "orphaned";

export interface PublishedServicePort {
  protocol: "tcp" | "udp";
  target: number;
  published: number;
  mode: "ingress" | "host";
}

export interface ServiceSpec {
  image: string;
  args: string[];
  mode: "replicated" | "global";
  replicas: number;
  /** Overlay networks the tasks attach to, by ID, as given. */
  networks: string[];
  ports: PublishedServicePort[];
  /** Placement constraints as typed: "node.role==worker", "node.hostname!=host1". */
  constraints: string[];
  env: string[];
  labels: Record<string, string>;
  /** --endpoint-mode: a virtual IP per network, or DNS round robin over the tasks. */
  endpointMode: "vip" | "dnsrr";
}

export interface Service {
  id: string;
  name: string;
  created: number;
  updated: number;
  /** Version.Index: the store's index when the service was last written. */
  version: number;
  spec: ServiceSpec;
  previousSpec?: ServiceSpec;
  /**
   * Endpoint.VirtualIPs: one per network (ingress first when a port is published), each with the
   * firewall mark its load balancers tag the VIP's packets with.
   */
  vips: { network: string; ip: string; fwmark: number }[];
  /**
   * A rolling update under way: the old tasks still to replace, in order; the one stopping now; and
   * when the next is told to stop (absent while one is stopping).
   */
  rollout?: { tasks: string[]; stopping?: string; at?: number };
}

/** A task: one replica of a service on a node, or a standalone container's attachment to an overlay. */
export interface Task {
  id: string;
  /** Absent for an attachment task (a `docker run --network OVERLAY` container's). */
  service?: string;
  /** The replica's slot (replicated services). */
  slot?: number;
  node: string;
  desired: "running" | "shutdown" | "remove";
  state: TaskState;
  /** When it entered its state ("Running 4 seconds ago"). */
  since: number;
  created: number;
  /** The overlay networks it is attached to (by ID): they stay set up on its node while it exists. */
  networks: string[];
  /** Its address on each of them, while it has one. */
  addresses: { network: string; ip: string }[];
  /** The container that runs it (or that it attaches), on its node. */
  container?: string;
  /** The container shuts down by this virtual time (after `docker stop`'s grace), then the task is shut down. */
  stopAt?: number;
}

export interface Swarm {
  id: string;
  created: number;
  /** The root CA's digest as join tokens spell it (50 base-36 digits). */
  caDigest: string;
  /** The join tokens' secrets (25 base-36 digits each). */
  secrets: { worker: string; manager: string };
  /** The root CA's certificate (DER, base 64) and its public key (base 64), as nodes report their TLS info. */
  caCert: string;
  caKey: string;
  nodes: SwarmNode[];
  networks: SwarmNetwork[];
  services: Service[];
  tasks: Task[];
  /** The next VXLAN id the overlay allocator hands out (ingress has 4096). */
  nextVni: number;
  /** The next firewall mark for a service's VIP (libnetwork counts from 256). */
  nextFwmark?: number;
  /** The raft log's index: each write to the store moves it on. */
  index: number;
  /** What `docker swarm update` changed (absent: the defaults `docker swarm init` sets). */
  settings?: SwarmSettings;
}

export interface SwarmSettings {
  taskHistoryLimit: number;
  /** Dispatcher heartbeat period and certificate expiry, ms. */
  heartbeatMs: number;
  certExpiryMs: number;
  snapshotInterval: number;
  oldSnapshots: number;
  autolock: boolean;
  /** The key that unlocks a restarted manager while autolock is on. */
  unlockKey?: string;
}

/** A daemon's part in a swarm (`docker info`'s Swarm section). */
export interface Membership {
  /** "pending" while a join waits for a manager it cannot reach. */
  state: "active" | "pending";
  cluster: string;
  node: string;
  /** Node Address. */
  addr: string;
  /** Manager Addresses ("192.168.0.101:2377"). */
  managers: string[];
}
