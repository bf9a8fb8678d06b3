/**
 * The container lifecycle as the daemon runs it: create (validation and configuration), start
 * (sandbox, endpoints, ports, the main process), stop, kill, pause, the end of the main process,
 * remove and rename. All refusals carry engine 26's own wording.
 */
import { parseIp } from "../ip";
import { deleteNetns, getNs } from "../linux/kernel";
import { netnsPlace } from "../netns-id";
import { basename } from "../path";
import { detachContainer, pruneLocalOverlays } from "../swarm/attachments";
import { overlayForContainer } from "../swarm/networks";
import { advanceClock } from "../world";
import { type NetworkRequest, newEndpoint, validateEndpointSettings } from "./attachments";
import { normalizeCaps } from "./capabilities";
import type { DockerEra } from "./era";
import { DaemonError, NotFound } from "./errors";
import { startHostsEntries, updateParentHosts } from "./etc-files";
import { type Host, kill, newId, spawn } from "./host";
import { imageSpec, parseRef } from "./images";
import { ipv6Config } from "./ipam";
import {
  addContainer,
  containerById,
  containerNamed,
  findContainer,
  findNetwork,
  isRunning,
  isTaskContainer,
  renameTo,
  requireContainer,
} from "./lookup";
import { generateName, VALID_NAME } from "./names";
import { publishPorts, unpublishPorts } from "./ports";
import { classify } from "./process";
import { createSandbox, destroySandbox, joinEndpoint } from "./sandbox";
import type { Container, Endpoint, Network, PortBinding } from "./types";
import { containerUser } from "./users";

export interface CreateOptions {
  name?: string;
  image: string;
  /** Command and arguments after the image; empty means the image's default. */
  cmd: string[];
  entrypoint?: string[];
  /** --stop-signal as given (checked by parseSignal) and --stop-timeout in seconds. */
  stopSignal?: string;
  stopTimeout?: number;
  hostname?: string;
  domainname?: string;
  user?: string;
  workdir?: string;
  tty: boolean;
  openStdin: boolean;
  /** An attached `docker run` (no -d): stdout and stderr are attached. */
  attach: boolean;
  env: string[];
  /** Exposed ports (`--expose`, `-p`), as "80/tcp". */
  expose: string[];
  portBindings: Record<string, PortBinding[]>;
  publishAll: boolean;
  /** `--network` values; empty means the default bridge. */
  networks: NetworkRequest[];
  /** `--link` values as typed: "busy1" or "busy1:alias". */
  links: string[];
  dns: string[];
  dnsSearch: string[];
  dnsOptions: string[];
  extraHosts: string[];
  /** `--uts`: "" (its own UTS namespace) or "host". */
  utsMode: string;
  readOnly: boolean;
  autoRemove: boolean;
  privileged: boolean;
  capAdd?: string[];
  capDrop?: string[];
  restart: string;
  labels: Record<string, string>;
}

export interface Created {
  container: Container;
  warnings: string[];
}

export function fullRef(image: string): string {
  const { repo, tag } = parseRef(image);
  return `${repo}:${tag}`;
}

export function hasImage(host: Host, image: string): boolean {
  return host.daemon.images.some((i) => i.ref === fullRef(image));
}

/** runconfig's checks of the network mode against other options (container:, host). */
function validateNetMode(mode: string, opts: CreateOptions): void {
  const fail = (message: string) => new DaemonError(message, 400);
  if (mode === "container" || mode.startsWith("container:")) {
    if (mode === "container:" || mode === "container")
      throw fail("Invalid network mode: invalid container format container:<name|id>");
    if (opts.hostname) throw fail("conflicting options: hostname and the network mode");
    if (opts.links.length > 0)
      throw fail(
        "conflicting options: container type network can't be used with links. This would result in undefined behavior",
      );
    if (opts.dns.length > 0) throw fail("conflicting options: dns and the network mode");
    if (opts.extraHosts.length > 0)
      throw fail("conflicting options: custom host-to-IP mapping and the network mode");
    if (Object.keys(opts.portBindings).length > 0 || opts.publishAll)
      throw fail("conflicting options: port publishing and the container type network mode");
    if (opts.expose.length > 0)
      throw fail("conflicting options: port exposing and the container type network mode");
  }
  if (opts.utsMode === "host" && opts.hostname) throw fail("conflicting options: hostname and the UTS mode");
  if (mode === "host" && opts.links.length > 0) {
    throw fail(
      "conflicting options: host type networking can't be used with links. This would result in undefined behavior",
    );
  }
}

/**
 * HostConfig.NetworkMode: as given, except that engine 26 keeps a user network named by an ID prefix
 * by its full ID (20.10 kept what was typed).
 */
function networkModeOf(host: Host, mode: string): string {
  if (host.daemon.era === 20) return mode;
  const network = findNetwork(host.daemon, mode);
  return network && network.name !== mode && network.id !== mode ? network.id : mode;
}

/**
 * What engine 20.10 refused when the container was created (API 1.41): more than one network, a MAC
 * address with a network mode that has none of its own, an --ip that is no IPv4 address.
 */
function refuseAtCreate20(mode: string, opts: CreateOptions): void {
  if (opts.networks.length > 1) {
    const names = opts.networks.map((n) => n.network).sort();
    throw new DaemonError(`Container cannot be connected to network endpoints: ${names.join(", ")}`, 400);
  }
  const request = opts.networks[0];
  if (request?.mac && (mode === "host" || mode.startsWith("container:")))
    throw new DaemonError("conflicting options: mac-address and the network mode", 400);
  if (request?.ip && !parseIp(request.ip)) throw new DaemonError(`invalid IPv4 address: ${request.ip}`, 400);
}

/** The daemon's check of a restart policy ("on-failure:3"), at create and at update. */
export function checkRestartPolicy(restart: string): void {
  const [policy = "no", retries] = restart.split(":");
  if (!["no", "always", "on-failure", "unless-stopped"].includes(policy)) {
    throw new DaemonError(
      `invalid restart policy: unknown policy '${policy}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`,
      400,
    );
  }
  if (retries !== undefined && policy !== "on-failure") {
    throw new DaemonError(
      "invalid restart policy: maximum retry count can only be used with 'on-failure'",
      400,
    );
  }
}

export function createContainer(host: Host, opts: CreateOptions): Created {
  const warnings: string[] = [];
  const image = host.daemon.images.find((i) => i.ref === fullRef(opts.image));
  if (!image) throw new NotFound(`No such image: ${fullRef(opts.image)}`);
  const first = opts.networks[0]?.network ?? "default";
  // Engine 20.10 kept the client's "default"; 26 records the bridge it means.
  const mode = first === "default" && host.daemon.era === 26 ? "bridge" : first;
  if (host.daemon.era === 20) refuseAtCreate20(mode, opts);
  validateNetMode(mode, opts);
  if (opts.stopSignal !== undefined) parseSignal(opts.stopSignal, host.daemon.era);
  checkRestartPolicy(opts.restart);
  if (mode === "host" && Object.keys(opts.portBindings).length > 0) {
    warnings.push("Published ports are discarded when using host network mode");
  }
  const requests = mode.startsWith("container:")
    ? []
    : opts.networks.length
      ? opts.networks
      : [{ network: "bridge", aliases: [], links: [] }];
  // Engine 20.10 checked the endpoint settings only when it made the endpoint (sandbox.ts).
  for (const r of host.daemon.era === 26 ? requests : []) {
    const name = r.network === "default" ? "bridge" : r.network;
    const problem = validateEndpointSettings(findNetwork(host.daemon, name), name, r);
    if (problem) throw new DaemonError(`invalid config for network ${name}: ${problem}`, 400);
  }
  if (opts.name !== undefined && !VALID_NAME.test(opts.name)) {
    throw new DaemonError(
      `Invalid container name (${opts.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
      400,
    );
  }
  const name =
    opts.name?.replace(/^\//, "") ??
    generateName(host.world.rng, (n) => containerNamed(host.daemon, n) !== undefined);
  const clash = containerNamed(host.daemon, name);
  if (clash) {
    throw new DaemonError(
      `Conflict. The container name "/${name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`,
      409,
    );
  }
  const userNetworkMode =
    !["default", "bridge", "host", "none"].includes(mode) && !mode.startsWith("container:");
  const links = userNetworkMode
    ? []
    : opts.links.map((l) => {
        const [target = "", alias = target] = l.split(":");
        const other = findContainer(host.daemon, target);
        if (!other) throw new NotFound(`could not get container for ${target}: No such container: ${target}`);
        if (other.hostConfig.networkMode === "host") {
          throw new DaemonError(
            "conflicting options: host type networking can't be used with links. This would result in undefined behavior",
            400,
          );
        }
        return { container: other.id, alias: alias.replace(/^\//, "") };
      });
  const spec = imageSpec(image.of ?? opts.image);
  const entrypoint = opts.entrypoint ?? spec.entrypoint;
  const cmd = opts.cmd.length > 0 ? opts.cmd : opts.entrypoint ? [] : spec.cmd;
  const argv = [...(entrypoint ?? []), ...cmd];
  const id = newId(host);
  const exposed = [...new Set([...spec.exposed, ...opts.expose, ...Object.keys(opts.portBindings)])].sort();
  const partner = mode.startsWith("container:")
    ? findContainer(host.daemon, mode.slice("container:".length))
    : undefined;
  const c: Container = {
    id,
    name,
    image: opts.image,
    imageId: image.id,
    ...(image.of ? { imageOf: image.of } : {}),
    created: host.world.clock,
    path: argv[0] ?? "",
    args: argv.slice(1),
    config: {
      hostname:
        opts.hostname || (mode === "host" || opts.utsMode === "host" || partner ? "" : id.slice(0, 12)),
      domainname: opts.domainname ?? "",
      user: opts.user ?? "",
      attachStdin: opts.attach && opts.openStdin,
      attachStdout: opts.attach,
      attachStderr: opts.attach,
      tty: opts.tty,
      openStdin: opts.openStdin,
      stdinOnce: opts.attach && opts.openStdin,
      env: [...spec.env, ...opts.env],
      exposedPorts: exposed,
      labels: opts.labels,
      workingDir: opts.workdir ?? (spec.workdir === "/" ? "" : spec.workdir),
      // `--entrypoint ""` clears the image's: the daemon stores none at all.
      entrypoint: opts.entrypoint ? (opts.entrypoint.length ? opts.entrypoint : null) : spec.entrypoint,
      cmd: cmd.length > 0 ? cmd : null,
      ...(opts.stopSignal !== undefined ? { stopSignal: opts.stopSignal } : {}),
      ...(opts.stopTimeout !== undefined ? { stopTimeout: opts.stopTimeout } : {}),
    },
    hostConfig: {
      networkMode: partner ? `container:${partner.id}` : networkModeOf(host, mode),
      portBindings: opts.portBindings,
      publishAllPorts: opts.publishAll,
      links,
      dns: opts.dns,
      dnsSearch: opts.dnsSearch,
      dnsOptions: opts.dnsOptions,
      extraHosts: opts.extraHosts,
      ...(opts.utsMode ? { utsMode: opts.utsMode } : {}),
      ...(opts.readOnly ? { readonlyRootfs: true } : {}),
      autoRemove: opts.autoRemove,
      privileged: opts.privileged,
      ...(opts.capAdd?.length ? { capAdd: normalizeCaps(opts.capAdd, "CapAdd") } : {}),
      ...(opts.capDrop?.length ? { capDrop: normalizeCaps(opts.capDrop, "CapDrop") } : {}),
      restartPolicy: opts.restart,
    },
    state: { status: "created", pid: 0, exitCode: 0, error: "", startedAt: 0, finishedAt: 0 },
    restartCount: 0,
    main: classify(spec, argv, opts.tty, opts.openStdin),
    // Networks named by ID or ID prefix are kept under their name, as NetworkSettings shows them.
    endpoints: requests.map((r) => {
      const ref = r.network === "default" ? "bridge" : r.network;
      return newEndpoint({ ...r, network: findNetwork(host.daemon, ref)?.name ?? ref }, false);
    }),
    sandboxId: "",
    nextIfIndex: 0,
    hostsEntries: [],
    internalDns: false,
    shimPid: 0,
    ports: {},
    logs: [],
    files: {},
  };
  addContainer(host.daemon, c);
  return { container: c, warnings };
}

/**
 * The network an endpoint refers to: by the ID a start recorded, or else by name; on a swarm node
 * an overlay network from the store, set up here for the container (a swarm task's or an attachable one).
 */
function networkOf(host: Host, c: Container, ep: Endpoint): Network {
  const n = ep.networkId
    ? host.daemon.networks.find((x) => x.id === ep.networkId)
    : findNetwork(host.daemon, ep.network);
  if (n?.driver === "overlay" || (!n && host.daemon.swarm)) {
    const overlay = overlayForContainer(host, ep.networkId || ep.network, isTaskContainer(c));
    if (overlay) return overlay;
  }
  if (!n) throw new NotFound(`network ${ep.networkId || ep.network} not found`);
  return n;
}

/** The order a start joins networks in: the default bridge first, then the others by name. */
function joinOrder(endpoints: Endpoint[]): Endpoint[] {
  const rest = endpoints.filter((e) => e.network !== "bridge");
  rest.sort((a, b) => (a.network < b.network ? -1 : a.network > b.network ? 1 : 0));
  return [...endpoints.filter((e) => e.network === "bridge"), ...rest];
}

/** What `docker start` does; a failed start leaves the container stopped with exit code 128. */
export function startContainer(host: Host, c: Container): void {
  if (c.state.status === "paused")
    throw new DaemonError("cannot start a paused container, try unpause instead", 409);
  if (isRunning(c)) return;
  try {
    // runc looks the user up in the container's own files before the process starts.
    containerUser(c);
    attachNetworking(host, c);
  } catch (error) {
    if (error instanceof DaemonError) {
      c.state.error = error.message;
      if (c.state.exitCode === 0) c.state.exitCode = 128;
      if (c.state.status === "exited") c.state.finishedAt = host.world.clock;
    }
    throw error;
  }
  host.world.clock += 200;
  delete c.manuallyStopped;
  c.shimPid = spawn(
    host,
    `/usr/bin/containerd-shim-runc-v2 -namespace moby -id ${c.id} -address /run/containerd/containerd.sock`,
    host.ns.id,
  );
  const pid = spawn(host, [c.path, ...c.args].join(" "), c.netns ?? host.ns.id, c.id);
  listen(host, c, c.main.listens, pid, c.main.program ?? c.path);
  c.state = {
    status: "running",
    pid,
    exitCode: 0,
    error: "",
    startedAt: host.world.clock,
    finishedAt: c.state.finishedAt,
  };
  if (c.main.kind === "sleep") {
    const exitAt = host.world.clock + (c.main.durationMs ?? 0);
    c.main.exitAt = exitAt;
    host.daemon.nextExitAt = Math.min(host.daemon.nextExitAt ?? exitAt, exitAt);
  }
}

/** Opens a process's listening sockets ("tcp/80", "tcp6/8080", "tcp/127.0.0.1:80") in the container's namespace. */
export function listen(host: Host, c: Container, listens: string[], pid: number, path: string): void {
  const ns = getNs(host.world, c.netns ?? host.ns.id);
  const program = basename(path);
  for (const spec of listens) {
    const [proto = "tcp", bind = "0"] = spec.split("/");
    const colon = bind.lastIndexOf(":");
    const v6 = proto.endsWith("6");
    ns.sockets.push({
      proto: proto.startsWith("udp") ? "udp" : "tcp",
      ip: colon >= 0 ? bind.slice(0, colon) : v6 ? "::" : "0.0.0.0",
      port: Number(bind.slice(colon + 1)),
      pid,
      program,
      ...(program === "httpd" ? { backlog: 9 } : {}),
    });
  }
}

function attachNetworking(host: Host, c: Container): void {
  const mode = c.hostConfig.networkMode;
  if (mode.startsWith("container:")) {
    const partner = requireContainer(host.daemon, mode.slice("container:".length));
    if (partner === c) throw new DaemonError("cannot join own network", 400);
    if (!isRunning(partner) || !partner.netns) {
      throw new DaemonError(`cannot join network of a non running container: ${partner.id}`, 409);
    }
    c.netns = partner.netns;
    c.config.hostname = partner.config.hostname;
    c.config.domainname = partner.config.domainname;
    return;
  }
  const networks = c.endpoints.map((ep) => ({ ep, network: networkOf(host, c, ep) }));
  for (const l of c.hostConfig.links) {
    const target = containerById(host.daemon, l.container);
    if (target && !isRunning(target)) {
      throw new DaemonError(
        `Cannot link to a non running container: /${target.name} AS /${c.name}/${l.alias}`,
        500,
      );
    }
  }
  if (mode === "host" || c.hostConfig.utsMode === "host") {
    if (!c.config.hostname) c.config.hostname = host.machine.hostname;
  }
  if (mode === "host") {
    // The host's sandbox has an ID of its own but no namespace of its own ("/var/run/docker/netns/default").
    c.sandboxId = newId(host);
    c.netns = host.ns.id;
    c.hostsEntries = startHostsEntries(host, c);
    for (const { ep, network } of networks) joinEndpoint(host, c, ep, network);
    return;
  }
  createSandbox(host, c);
  c.hostsEntries = [];
  c.internalDns = false;
  try {
    // The sandbox names its interfaces once all are joined, in libnetwork's endpoint order, where
    // an endpoint with an IPv6 gateway comes before one without.
    const order = joinOrder(c.endpoints);
    const v6 = (ep: Endpoint) => {
      const network = networks.find((x) => x.ep === ep)?.network;
      return network?.driver === "bridge" && ipv6Config(network) !== undefined;
    };
    const naming = order.some(v6) ? [...order.filter(v6), ...order.filter((ep) => !v6(ep))] : undefined;
    for (const ep of order) {
      const found = networks.find((x) => x.ep === ep);
      if (found) joinEndpoint(host, c, ep, found.network, naming && `eth${naming.indexOf(ep)}`);
    }
    if (naming) c.nextIfIndex = naming.length;
    c.hostsEntries = [...startHostsEntries(host, c), ...c.hostsEntries];
    updateParentHosts(host, c);
    publishPorts(host, c);
  } catch (error) {
    unpublishPorts(host, c);
    destroySandbox(host, c, false);
    detachContainer(host, c);
    pruneLocalOverlays(host);
    throw error;
  }
}

/** The virtual time `docker stop` takes: servers exit on SIGTERM, PID-1 shells and sleeps wait for SIGKILL. */
/** Whether the container's stop signal (--stop-signal) is SIGKILL, which no process outlives. */
function stopsByKill(c: Container): boolean {
  return c.config.stopSignal !== undefined && parseSignal(c.config.stopSignal, 26) === 9;
}

/** How long a stop takes: the process's own exit, or the timeout (-t, else --stop-timeout, else 10 s). */
export function stopDelay(c: Container, timeoutSeconds?: number): number {
  if (!isRunning(c) || stopsByKill(c)) return 0;
  const timeout = timeoutSeconds ?? c.config.stopTimeout ?? 10;
  return c.main.handlesTerm ? 300 : Math.max(timeout, 0) * 1000;
}

/** A stop or kill of a container waiting to restart cancels the restart: it stays exited. */
function cancelRestart(c: Container): boolean {
  if (c.state.status !== "restarting") return false;
  delete c.restartAt;
  c.state.status = "exited";
  c.manuallyStopped = true;
  return true;
}

export function stopContainer(host: Host, c: Container, timeoutSeconds?: number): void {
  if (cancelRestart(c) || !isRunning(c)) return;
  c.manuallyStopped = true;
  host.world.clock += stopDelay(c, timeoutSeconds);
  exitContainer(host, c, c.main.handlesTerm && !stopsByKill(c) ? c.main.termExitCode : 137);
}

/** Signals by name or number, as `docker kill -s` accepts them. */
const SIGNALS: Record<string, number> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  KILL: 9,
  USR1: 10,
  USR2: 12,
  TERM: 15,
  STOP: 19,
};

/** signal.ParseSignal: a name (with or without SIG) or a number; refuses anything else. */
export function parseSignal(signal: string, era: DockerEra): number {
  const name = signal.toUpperCase().replace(/^SIG/, "");
  const number = /^\d+$/.test(name) ? Number(name) : SIGNALS[name];
  if (number === undefined || number < 1 || number > 64)
    throw new DaemonError(`${era === 20 ? "I" : "i"}nvalid signal: ${signal}`, 400);
  return number;
}

/** The refusal to reach into a container waiting for its restart (exec, top). */
export function restartingError(c: Container): DaemonError {
  return new DaemonError(`Container ${c.id} is restarting, wait until the container is running`, 409);
}

/** The refusal to act on a stopped container ("Container" capitalised in engine 20.10). */
export function notRunning(host: Host, c: Container): DaemonError {
  return new DaemonError(`${host.daemon.era === 20 ? "C" : "c"}ontainer ${c.id} is not running`, 409);
}

export function killContainer(host: Host, c: Container, signal = "KILL"): void {
  const number = parseSignal(signal, host.daemon.era);
  if (cancelRestart(c)) return;
  if (!isRunning(c)) throw notRunning(host, c);
  c.manuallyStopped = true;
  if (number === 9) {
    exitContainer(host, c, 137);
    return;
  }
  // PID 1 ignores signals it has no handler for; servers stop on TERM, INT and QUIT.
  if (c.main.handlesTerm && [2, 3, 15].includes(number)) exitContainer(host, c, c.main.termExitCode);
}

/** The main process has ended (on its own, or by a signal): tear the sandbox down and record the status. */
export function exitContainer(host: Host, c: Container, exitCode: number): void {
  if (!isRunning(c)) return;
  unpublishPorts(host, c);
  for (const p of Object.values(host.machine.procs)) {
    if (p.container !== c.id) continue;
    const ns = host.world.netns[p.netns];
    if (ns) ns.sockets = ns.sockets.filter((s) => s.pid !== p.pid);
    kill(host, p.pid);
  }
  kill(host, c.shimPid);
  const sharedWith = host.daemon.containers.some((o) => o !== c && isRunning(o) && o.netns === c.netns);
  if (c.netns === host.ns.id || c.hostConfig.networkMode.startsWith("container:")) {
    for (const ep of c.endpoints) ep.endpointId = "";
    delete c.netns;
  } else {
    destroySandbox(host, c, sharedWith);
  }
  c.state = {
    status: "exited",
    pid: 0,
    exitCode,
    error: "",
    startedAt: c.state.startedAt,
    finishedAt: host.world.clock,
  };
  delete c.main.exitAt;
  detachContainer(host, c);
  pruneLocalOverlays(host);
  collectNamespaces(host);
  if (c.hostConfig.autoRemove && !c.attached) removeContainer(host, c, true);
}

/** The foreground client has read the end of a container's output: --rm may now remove it. */
export function releaseAttached(host: Host, c: Container): void {
  if (!c.attached) return;
  delete c.attached;
  if (!isRunning(c) && c.hostConfig.autoRemove && host.daemon.containers.includes(c))
    removeContainer(host, c, true);
}

/** A container namespace dies when the last process in it does (the daemon's own sandboxes stay). */
function collectNamespaces(host: Host): void {
  const used = new Set<string>();
  for (const c of host.daemon.containers) if (isRunning(c) && c.netns) used.add(c.netns);
  for (const p of Object.values(host.machine.procs)) used.add(p.netns);
  // Overlay networks' namespaces, load balancers and the ingress sandbox belong to the daemon.
  for (const n of host.daemon.networks) {
    if (n.overlay?.ns) used.add(n.overlay.ns);
    for (const e of n.sandboxEndpoints ?? []) used.add(e.ns);
  }
  for (const id of Object.keys(host.world.netns)) {
    const place = netnsPlace(id);
    if (place.kind !== "sandbox" || place.machine !== host.machine.name || used.has(id)) continue;
    deleteNetns(host.world, id);
  }
}

/** Whether the restart policy brings a container whose main process ended by itself back up. */
function restartsAfter(c: Container, exitCode: number): boolean {
  const [policy, max] = c.hostConfig.restartPolicy.split(":");
  if (policy === "always" || policy === "unless-stopped") return true;
  return (
    policy === "on-failure" &&
    exitCode !== 0 &&
    (max === undefined || Number(max) === 0 || c.restartCount < Number(max))
  );
}

/** moby's restartmanager: the first wait is 100 ms, each next one doubles (to a minute); 10 s up resets it. */
const FIRST_BACKOFF = 100;
const MAX_BACKOFF = 60000;

/**
 * The main process ended by itself, or by a signal dockerd did not send (not `docker stop` or
 * `kill`): the container exits, and if its
 * restart policy says so the daemon shows it restarting and starts it again after the backoff.
 */
export function mainExited(host: Host, c: Container, exitCode: number): void {
  if (!isRunning(c)) return;
  const ranMs = host.world.clock - c.state.startedAt;
  exitContainer(host, c, exitCode);
  if (c.manuallyStopped || !host.daemon.containers.includes(c) || !restartsAfter(c, exitCode)) return;
  const backoff =
    ranMs >= 10000 || c.restartBackoff === undefined
      ? FIRST_BACKOFF
      : Math.min(c.restartBackoff * 2, MAX_BACKOFF);
  // The restart counts from when it is decided, as the daemon's monitor counts it.
  c.restartCount++;
  c.restartBackoff = backoff;
  c.restartAt = host.world.clock + backoff;
  c.state.status = "restarting";
  host.daemon.nextExitAt = Math.min(host.daemon.nextExitAt ?? c.restartAt, c.restartAt);
}

/** When a container next changes by itself: a sleep's end, or a restart's. */
function nextEvent(c: Container): number | undefined {
  if (c.state.status === "restarting") return c.restartAt;
  return isRunning(c) ? c.main.exitAt : undefined;
}

/**
 * Ends sleeps whose time has come, so that `docker ps` after `sleep 5` shows them exited, and
 * starts again those whose restart policy says so, each at its own time. A restarted one-shot
 * does again what it did (its output logged again) and ends with the same status.
 */
export function settle(host: Host): void {
  const now = host.world.clock;
  // Nothing is due before the next exit or restart (kept up to date where either is set).
  const next = host.daemon.nextExitAt;
  if (next === undefined || next > now) return;
  for (;;) {
    const due = host.daemon.containers
      .map((c) => ({ c, at: nextEvent(c) }))
      .filter((e): e is { c: Container; at: number } => e.at !== undefined && e.at <= now)
      .sort((a, b) => a.at - b.at)[0];
    if (!due) break;
    host.world.clock = due.at;
    const { c } = due;
    if (c.state.status === "restarting") restart(host, c);
    else mainExited(host, c, 0);
  }
  advanceClock(host.world, now);
  const times = host.daemon.containers.flatMap((c) => nextEvent(c) ?? []);
  if (times.length > 0) host.daemon.nextExitAt = Math.min(...times);
  else delete host.daemon.nextExitAt;
}

/** The restart manager's start: a one-shot ends again at once, as it did, and may be restarted again. */
function restart(host: Host, c: Container): void {
  const previous = c.state;
  const output = c.logs.filter((l) => l.t >= previous.startedAt && l.t <= previous.finishedAt);
  delete c.restartAt;
  c.state = { ...previous, status: "exited" };
  try {
    startContainer(host, c);
  } catch {
    return;
  }
  if (c.main.kind !== "oneshot") return;
  for (const l of output) c.logs.push({ ...l, t: host.world.clock });
  mainExited(host, c, previous.exitCode);
}

export function pauseContainer(c: Container): void {
  if (!isRunning(c)) throw new DaemonError(`container ${c.id} is not running`, 409);
  if (c.state.status === "paused") throw new DaemonError(`Container ${c.id} is already paused`, 409);
  c.state.status = "paused";
}

export function unpauseContainer(c: Container): void {
  if (c.state.status !== "paused") throw new DaemonError(`Container ${c.id} is not paused`, 500);
  c.state.status = "running";
}

export function removeContainer(host: Host, c: Container, force: boolean): void {
  // (engine 20.10 counted a restarting container as running)
  if (c.state.status === "restarting" && !force && host.daemon.era === 26)
    throw new DaemonError(
      `cannot remove container "/${c.name}": container is restarting: stop the container before removing or force remove`,
      409,
    );
  if (isRunning(c) || c.state.status === "restarting") {
    if (!force) {
      throw new DaemonError(
        host.daemon.era === 20
          ? `You cannot remove a running container ${c.id}. Stop the container before attempting removal or force remove`
          : `cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`,
        409,
      );
    }
    const auto = c.hostConfig.autoRemove;
    c.hostConfig.autoRemove = false;
    exitContainer(host, c, 137);
    c.hostConfig.autoRemove = auto;
  }
  host.daemon.containers = host.daemon.containers.filter((x) => x !== c);
  for (const o of host.daemon.containers)
    o.hostConfig.links = o.hostConfig.links.filter((l) => l.container !== c.id);
}

export function renameContainer(host: Host, c: Container, newName: string): void {
  const canonical = newName.startsWith("/") ? newName : `/${newName}`;
  if (`/${c.name}` === canonical) {
    throw new DaemonError("Renaming a container with the same name as its current name", 400);
  }
  const prefix = "Error when allocating new name: ";
  if (!VALID_NAME.test(canonical)) {
    throw new DaemonError(
      `${prefix}Invalid container name (${canonical}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
      400,
    );
  }
  const clash = containerNamed(host.daemon, canonical.slice(1));
  if (clash) {
    throw new DaemonError(
      `${prefix}Conflict. The container name "${canonical}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`,
      409,
    );
  }
  renameTo(host.daemon, c, canonical.slice(1));
}
