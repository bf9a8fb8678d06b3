/**
 * The shape of a Lab (world + terminal sessions) as this version of the lab writes it, as a
 * valibot schema: every lab that comes from outside the running page (saved state, share links,
 * imported files, lessons, `lab:load` messages) is checked against it before anything reads it.
 * Unknown keys are dropped; the types below must stay equal to the engine's and the shell's
 * (checked at the end of the file, and by a round trip of rich labs in lab-schema.test.ts).
 */
import * as v from "valibot";
import type { Daemon } from "../engine/docker/types";
import type { Netns } from "../engine/linux/types";
import type { Packet } from "../engine/packet/types";
import type { World } from "../engine/world";
import type { Lab } from "../shell/lab-state";
import type { Frame, LiveProcess, Rest, Session, ShellJob } from "../shell/types";

/** Text that is a name, a path or an address: no control characters (nothing a terminal would obey). */
const name = v.pipe(
  v.string(),
  v.check((s) => !hasControl(s), "control characters in a name"),
);

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
const int = v.pipe(v.number(), v.integer());
const opt = v.optional;
const strings = v.array(v.string());
const names = v.array(name);
const stringMap = v.record(v.string(), v.string());
const fileMetas = v.record(
  v.string(),
  v.object({ mtime: v.number(), ctime: opt(v.number()), mode: opt(int), inode: opt(int) }),
);
const u32 = v.pipe(int, v.minValue(0), v.maxValue(0xffffffff));

const idPool = v.object({ next: int, free: opt(v.array(int)) });

const addr = v.object({
  ip: name,
  prefix: int,
  scope: v.picklist(["host", "global", "link"]),
  brd: opt(name),
});

const addr6 = v.object({
  ip: name,
  prefix: int,
  scope: v.picklist(["global", "link"]),
  nodad: opt(v.boolean()),
  since: v.number(),
});

const route = v.object({
  dst: name,
  via: opt(name),
  dev: int,
  proto: v.picklist(["kernel", "static", "boot"]),
  scope: v.picklist(["link", "global", "host"]),
  src: opt(name),
  metric: opt(int),
});

const link = v.object({
  ifindex: int,
  name,
  kind: v.picklist(["loopback", "ether", "bridge", "veth", "vxlan", "macvlan", "ipvlan", "dummy"]),
  mac: name,
  mtu: int,
  up: v.boolean(),
  master: opt(int),
  peer: opt(v.object({ netns: name, ifindex: int })),
  addrs: v.array(addr),
  stats: opt(
    v.object({
      rxPackets: v.number(),
      rxBytes: v.number(),
      txPackets: v.number(),
      txBytes: v.number(),
      rxDropped: opt(v.number()),
      txDropped: opt(v.number()),
    }),
  ),
  fdb: opt(v.array(v.object({ mac: name, port: int, local: v.boolean(), seen: v.number() }))),
  info: opt(v.record(v.string(), v.union([v.string(), v.number()]))),
  txqlen: opt(int),
  qdisc: opt(name),
  noIpv6: opt(v.boolean()),
  ll6: opt(v.object({ ip: name, since: v.number() })),
  addrs6: opt(v.array(addr6)),
  portNo: opt(int),
  portPool: opt(idPool),
  randomMac: opt(v.boolean()),
  lower: opt(v.object({ netns: name, ifindex: int })),
  vxlan: opt(v.object({ vni: int, port: int, proxy: v.boolean() })),
  remotes: opt(v.array(v.object({ mac: name, dst: name }))),
  mode: opt(v.picklist(["bridge", "private", "vepa", "passthru", "l2", "l3", "l3s"])),
});

const match = v.object({ value: v.string(), neg: opt(v.boolean()) });

const rule = v.object({
  src: opt(match),
  dst: opt(match),
  in: opt(match),
  out: opt(match),
  proto: opt(v.picklist(["tcp", "udp", "icmp"])),
  dport: opt(v.string()),
  dstTypeLocal: opt(match),
  srcTypeLocal: opt(match),
  ipvs: opt(v.boolean()),
  ctstate: opt(v.string()),
  sport: opt(v.string()),
  dportNeg: opt(v.boolean()),
  sportNeg: opt(v.boolean()),
  multiport: opt(
    v.object({ dir: v.picklist(["dports", "sports", "ports"]), ports: v.string(), neg: opt(v.boolean()) }),
  ),
  icmpType: opt(match),
  state: opt(v.string()),
  ctstateNeg: opt(v.boolean()),
  comment: opt(v.string()),
  target: name,
  toDest: opt(v.string()),
  toSource: opt(v.string()),
  toPorts: opt(v.string()),
  setMark: opt(int),
  rejectWith: opt(v.string()),
  logPrefix: opt(v.string()),
  logLevel: opt(int),
  pkts: v.number(),
  bytes: v.number(),
});

const chain = v.object({
  name,
  policy: opt(v.picklist(["ACCEPT", "DROP"])),
  rules: v.array(rule),
  pkts: v.number(),
  bytes: v.number(),
});

const tuple4 = v.object({ src: v.string(), dst: v.string(), sport: int, dport: int });

const netns = v.object({
  id: name,
  machine: name,
  nextIfindex: int,
  links: v.array(link),
  routes: v.array(route),
  routes6: opt(v.array(route)),
  neigh: v.array(
    v.object({
      ip: name,
      dev: int,
      mac: opt(name),
      state: v.picklist(["REACHABLE", "STALE", "DELAY", "FAILED", "INCOMPLETE", "PERMANENT"]),
      updated: opt(v.number()),
      router: opt(v.boolean()),
    }),
  ),
  netfilter: v.object({ filter: opt(v.array(chain)), nat: opt(v.array(chain)), mangle: opt(v.array(chain)) }),
  conntrack: v.array(
    v.object({
      proto: v.picklist(["tcp", "udp", "icmp"]),
      orig: tuple4,
      reply: tuple4,
      state: opt(v.string()),
      seen: v.number(),
      timeout: opt(v.number()),
      replied: opt(v.boolean()),
      assured: opt(v.boolean()),
      ipvs: opt(v.boolean()),
    }),
  ),
  sockets: v.array(
    v.object({
      proto: v.picklist(["tcp", "udp"]),
      ip: name,
      port: int,
      pid: int,
      program: name,
      v6only: opt(v.boolean()),
      backlog: opt(int),
      fd: opt(int),
    }),
  ),
  ipForward: v.boolean(),
  ipv6Forward: opt(v.boolean()),
  ipDefaultTtl: opt(int),
  icmpRatelimit: opt(int),
  icmpPeers: opt(v.record(v.string(), v.object({ tokens: v.number(), last: v.number() }))),
  ipv6Disabled: opt(v.boolean()),
  nsids: v.record(v.string(), int),
  nsidPool: opt(idPool),
  ipvs: opt(v.array(v.object({ fwmark: int, dests: v.array(name), next: int }))),
});

const binding = v.object({ hostIp: v.string(), hostPort: v.string() });

const endpoint = v.object({
  network: name,
  networkId: name,
  endpointId: name,
  ip: name,
  prefix: int,
  gateway: name,
  mac: name,
  ip6: opt(name),
  prefix6: opt(int),
  gateway6: opt(name),
  ipamConfig: v.nullable(
    v.object({ ipv4Address: opt(name), ipv6Address: opt(name), linkLocalIps: opt(names) }),
  ),
  aliases: v.nullable(names),
  links: v.nullable(names),
  driverOpts: v.nullable(stringMap),
  macAddress: opt(name),
  ifname: opt(name),
});

const sandboxEndpoint = v.object({
  key: name,
  name,
  endpointId: name,
  ip: name,
  prefix: int,
  mac: name,
  ns: name,
  ifname: name,
});

const container = v.object({
  id: name,
  name,
  image: name,
  imageId: name,
  imageOf: opt(name),
  created: v.number(),
  path: v.string(),
  args: strings,
  config: v.object({
    hostname: name,
    domainname: name,
    user: v.string(),
    attachStdin: v.boolean(),
    attachStdout: v.boolean(),
    attachStderr: v.boolean(),
    tty: v.boolean(),
    openStdin: v.boolean(),
    stdinOnce: v.boolean(),
    env: strings,
    exposedPorts: names,
    labels: stringMap,
    workingDir: name,
    entrypoint: v.nullable(strings),
    stopSignal: v.optional(v.string()),
    stopTimeout: v.optional(v.number()),
    cmd: v.nullable(strings),
  }),
  hostConfig: v.object({
    networkMode: name,
    portBindings: v.record(v.string(), v.array(binding)),
    publishAllPorts: v.boolean(),
    links: v.array(v.object({ container: name, alias: name })),
    dns: names,
    dnsSearch: opt(names),
    dnsOptions: opt(names),
    extraHosts: strings,
    utsMode: opt(name),
    readonlyRootfs: opt(v.boolean()),
    autoRemove: v.boolean(),
    privileged: v.boolean(),
    capAdd: opt(names),
    capDrop: opt(names),
    restartPolicy: name,
  }),
  state: v.object({
    status: v.picklist(["created", "running", "paused", "restarting", "exited", "dead"]),
    pid: int,
    exitCode: int,
    error: v.string(),
    startedAt: v.number(),
    finishedAt: v.number(),
  }),
  restartCount: int,
  manuallyStopped: opt(v.boolean()),
  restartAt: opt(v.number()),
  restartBackoff: opt(v.number()),
  main: v.object({
    kind: v.picklist(["shell", "server", "sleep", "oneshot"]),
    durationMs: opt(v.number()),
    exitAt: opt(v.number()),
    listens: names,
    script: opt(v.string()),
    program: opt(name),
    handlesTerm: v.boolean(),
    termExitCode: int,
  }),
  endpoints: v.array(endpoint),
  netns: opt(name),
  sandboxId: name,
  nextIfIndex: int,
  dirs: opt(names),
  hostsEntries: strings,
  internalDns: v.boolean(),
  shimPid: int,
  ports: v.record(v.string(), v.array(binding)),
  logs: v.array(v.object({ t: v.number(), stream: v.picklist(["stdout", "stderr"]), text: v.string() })),
  files: stringMap,
  symlinks: opt(stringMap),
  meta: opt(fileMetas),
  gatewayEndpoint: opt(sandboxEndpoint),
});

const daemon = v.object({
  containers: v.array(container),
  networks: v.array(
    v.object({
      id: name,
      name,
      driver: name,
      scope: v.picklist(["local", "swarm"]),
      created: v.number(),
      enableIPv6: v.boolean(),
      ipam: v.object({
        driver: name,
        options: v.nullable(stringMap),
        config: v.array(
          v.object({
            subnet: name,
            gateway: name,
            showGateway: v.boolean(),
            ipRange: opt(name),
            auxAddresses: opt(stringMap),
          }),
        ),
      }),
      internal: v.boolean(),
      attachable: v.boolean(),
      ingress: v.boolean(),
      options: stringMap,
      labels: stringMap,
      userSubnet: v.boolean(),
      bridge: opt(name),
      allocated: names,
      allocated6: opt(names),
      overlay: opt(v.object({ ns: opt(name), nextVeth: int })),
      sandboxEndpoints: opt(v.array(sandboxEndpoint)),
    }),
  ),
  images: v.array(v.object({ ref: name, id: name, created: v.number(), of: opt(name) })),
  ports: v.array(
    v.object({
      bridge: name,
      proto: v.picklist(["tcp", "udp"]),
      hostIp: name,
      hostPort: int,
      containerIp: name,
      containerPort: int,
      containerId: name,
      proxyPid: int,
    }),
  ),
  era: v.picklist([20, 26]),
  lastEphemeral: v.object({ tcp: int, udp: int }),
  lastInRange: opt(v.record(v.string(), int)),
  poolIndex: int,
  nextExitAt: opt(v.number()),
  down: opt(v.picklist(["service", "socket"])),
  since: opt(v.number()),
  lastPid: opt(int),
  ranFor: opt(v.number()),
  fixedCidrV6: opt(name),
  swarm: opt(
    v.object({
      state: v.picklist(["active", "pending"]),
      cluster: name,
      node: name,
      addr: name,
      managers: names,
    }),
  ),
});

const servicePort = v.object({
  protocol: v.picklist(["tcp", "udp"]),
  target: int,
  published: int,
  mode: v.picklist(["ingress", "host"]),
});

const serviceSpec = v.object({
  image: name,
  args: strings,
  mode: v.picklist(["replicated", "global"]),
  replicas: int,
  networks: names,
  ports: v.array(servicePort),
  constraints: strings,
  env: strings,
  labels: stringMap,
  endpointMode: v.picklist(["vip", "dnsrr"]),
});

const address = v.object({ network: name, ip: name });

const swarm = v.object({
  id: name,
  created: v.number(),
  caDigest: name,
  caCert: v.string(),
  caKey: v.string(),
  secrets: v.object({ worker: name, manager: name }),
  nodes: v.array(
    v.object({
      id: name,
      machine: name,
      hostname: name,
      role: v.picklist(["manager", "worker"]),
      availability: v.picklist(["active", "pause", "drain"]),
      state: v.picklist(["ready", "down"]),
      addr: name,
      managerAddr: opt(name),
      leader: opt(v.boolean()),
      peerName: name,
      created: v.number(),
      leftAt: opt(v.number()),
    }),
  ),
  networks: v.array(
    v.object({
      id: name,
      name,
      created: v.number(),
      ingress: v.boolean(),
      attachable: v.boolean(),
      internal: v.boolean(),
      subnet: name,
      gateway: name,
      userSubnet: v.boolean(),
      vni: int,
      options: stringMap,
      labels: stringMap,
      allocated: names,
      lastAllocated: opt(name),
      nodeAddresses: opt(stringMap),
    }),
  ),
  services: v.array(
    v.object({
      id: name,
      name,
      created: v.number(),
      updated: v.number(),
      version: int,
      spec: serviceSpec,
      previousSpec: opt(serviceSpec),
      vips: v.array(v.object({ network: name, ip: name, fwmark: int })),
    }),
  ),
  tasks: v.array(
    v.object({
      id: name,
      service: opt(name),
      slot: opt(int),
      node: name,
      desired: v.picklist(["running", "shutdown", "remove"]),
      state: v.picklist([
        "new",
        "pending",
        "assigned",
        "accepted",
        "preparing",
        "ready",
        "starting",
        "running",
        "complete",
        "shutdown",
        "failed",
        "rejected",
        "remove",
        "orphaned",
      ]),
      since: v.number(),
      created: v.number(),
      networks: names,
      addresses: v.array(address),
      container: opt(name),
      stopAt: opt(v.number()),
    }),
  ),
  nextVni: int,
  index: int,
});

const machine = v.object({
  name,
  kind: v.picklist(["docker-host", "laptop", "router", "server"]),
  hostname: name,
  rootNs: name,
  nextPid: int,
  procs: v.record(
    v.string(),
    v.object({ pid: int, netns: name, command: v.string(), container: opt(name), ppid: opt(int) }),
  ),
  fs: v.object({
    dirs: names,
    files: stringMap,
    symlinks: stringMap,
    removed: opt(names),
    meta: opt(fileMetas),
  }),
  nameservers: names,
  hosts: stringMap,
  docker: opt(daemon),
  services: opt(v.array(v.object({ proto: v.picklist(["tcp", "udp"]), port: int, app: name }))),
  hiddenHops: opt(int),
  bootedAt: opt(v.number()),
});

// The recursive packet schema is only checked one way (GenericSchema<Packet>): its flat headers are
// named so that the guard at the end holds them equal to the engine's, both ways.
const ethernet = v.object({ src: v.string(), dst: v.string(), type: v.picklist(["IPv4", "IPv6", "ARP"]) });
const arpHeader = v.object({
  op: v.picklist(["request", "reply"]),
  nd: opt(v.boolean()),
  router: opt(v.boolean()),
  senderMac: v.string(),
  senderIp: v.string(),
  targetMac: v.string(),
  targetIp: v.string(),
});

const packet: v.GenericSchema<Packet> = v.object({
  eth: opt(ethernet),
  arp: opt(arpHeader),
  ip: opt(
    v.object({
      src: v.string(),
      dst: v.string(),
      ttl: int,
      proto: v.picklist(["icmp", "udp", "tcp"]),
      id: int,
      length: int,
      df: opt(v.boolean()),
    }),
  ),
  icmp: opt(
    v.object({
      type: v.picklist(["echo-request", "echo-reply", "dest-unreachable", "time-exceeded"]),
      code: int,
      id: int,
      seq: int,
      data: opt(int),
      quote: opt(v.lazy(() => packet)),
    }),
  ),
  udp: opt(v.object({ sport: int, dport: int })),
  tcp: opt(
    v.object({
      sport: int,
      dport: int,
      flags: v.picklist(["S", "S.", ".", "P.", "F.", "R.", "R"]),
      seq: v.number(),
      ack: v.number(),
      win: int,
    }),
  ),
  dns: opt(
    v.object({
      id: int,
      response: v.boolean(),
      question: v.object({ name: v.string(), type: v.picklist(["A", "AAAA", "PTR"]) }),
      answers: v.array(
        v.object({
          name: v.string(),
          type: v.picklist(["A", "AAAA", "CNAME", "PTR"]),
          data: v.string(),
          ttl: int,
        }),
      ),
      rcode: v.picklist(["NOERROR", "NXDOMAIN", "SERVFAIL", "REFUSED"]),
      authoritative: opt(v.boolean()),
    }),
  ),
  vxlan: opt(v.object({ vni: int, inner: v.lazy(() => packet) })),
  payload: opt(v.string()),
  dataLength: opt(int),
});

const frame = v.object({
  machine: name,
  container: opt(name),
  shell: v.picklist(["bash", "sh", "ash"]),
  env: v.record(v.string(), v.string()),
  cwd: name,
  main: opt(v.boolean()),
  attach: opt(v.boolean()),
  login: opt(name),
  netns: opt(name),
  detached: opt(v.boolean()),
  user: opt(v.object({ uid: int, gid: int, groups: v.array(int) })),
  linux32: opt(v.boolean()),
  pid: opt(int),
});

const rest: v.GenericSchema<Rest> = v.object({
  line: v.string(),
  connector: v.picklist([";", "&&", "||"]),
  frame: opt(frame),
  after: opt(v.lazy(() => rest)),
});

/** A live process's own state is each process kind's business; here it is any JSON value. */
export const liveProcess = v.object({ kind: name, state: v.unknown(), frame, rest: opt(rest) });

const world = v.object({
  version: int,
  seed: v.number(),
  rng: v.tuple([u32, u32, u32, u32]),
  clock: v.number(),
  netns: v.record(v.string(), netns),
  machines: v.record(v.string(), machine),
  zone: stringMap,
  packets: opt(
    v.object({
      nextTrace: int,
      nextCapture: int,
      captures: v.array(
        v.object({
          id: int,
          netns: name,
          ifname: name,
          frames: v.array(v.object({ t: v.number(), ifname: name, dir: v.picklist(["out", "in"]), packet })),
        }),
      ),
    }),
  ),
  // The world keeps a job's process as opaque data (the engine does not know the shell's types).
  jobs: opt(
    v.array(v.object({ main: opt(v.boolean()), process: v.custom<unknown>((p) => v.is(liveProcess, p)) })),
  ),
  addrconfDue: opt(v.array(v.object({ netns: name, ifindex: opt(int) }))),
  swarms: opt(v.record(v.string(), swarm)),
});

const shellJob = v.object({
  id: int,
  text: v.string(),
  pid: int,
  shell: int,
  process: opt(liveProcess),
  ended: opt(v.object({ exit: int, signal: opt(int) })),
  late: opt(v.boolean()),
});

const session = v.object({
  id: name,
  title: name,
  frames: v.pipe(v.array(frame), v.minLength(1, "a session without its host shell")),
  history: strings,
  lastExit: int,
  jobs: opt(v.array(shellJob)),
});

export const labSchema = v.object({
  world,
  sessions: v.pipe(v.array(session), v.minLength(1, "a lab without a terminal session")),
});

// The schema and the types it guards must agree: a field the engine adds or removes breaks this.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: [
  Same<v.InferOutput<typeof labSchema>, Lab>,
  Same<v.InferOutput<typeof world>, World>,
  Same<v.InferOutput<typeof netns>, Netns>,
  Same<v.InferOutput<typeof ethernet>, NonNullable<Packet["eth"]>>,
  Same<v.InferOutput<typeof arpHeader>, NonNullable<Packet["arp"]>>,
  Same<v.InferOutput<typeof daemon>, Daemon>,
  Same<v.InferOutput<typeof session>, Session>,
  Same<v.InferOutput<typeof frame>, Frame>,
  Same<v.InferOutput<typeof liveProcess>, LiveProcess>,
  Same<v.InferOutput<typeof shellJob>, ShellJob>,
] = [true, true, true, true, true, true, true, true, true, true];
void agree;
