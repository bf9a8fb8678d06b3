/**
 * The container lifecycle as the daemon runs it: create (validation and configuration), start
 * (sandbox, endpoints, ports, the main process), stop and kill, remove, rename, and attaching to or
 * detaching from networks. All refusals carry the daemon's own wording.
 */
import { deleteNetns, getNs, linkByName } from "../linux/kernel";
import { DaemonError, NotFound } from "./errors";
import { type Host, kill, newId, spawn } from "./host";
import { findSpec, genericSpec, parseRef } from "./images";
import { findContainer, findNetwork, isRunning, networkById, requireContainer } from "./lookup";
import { generateName, VALID_NAME } from "./names";
import { classifyMain } from "./process";
import {
  createSandbox,
  destroySandbox,
  joinEndpoint,
  leaveEndpoint,
  publishPorts,
  unpublishPorts,
} from "./sandbox";
import type { Container, Endpoint, Network, PortBinding } from "./types";

export interface CreateOptions {
  name?: string;
  image: string;
  /** Command and arguments after the image; empty means the image's default. */
  cmd: string[];
  entrypoint?: string[];
  hostname?: string;
  tty: boolean;
  openStdin: boolean;
  env: string[];
  /** Extra exposed ports (`--expose`), as "80/tcp". */
  expose: string[];
  portBindings: Record<string, PortBinding[]>;
  publishAll: boolean;
  /** `--network` as typed; undefined means the default bridge. */
  network?: string;
  aliases: string[];
  ip?: string;
  /** `--link` values as typed: "busy1" or "busy1:alias". */
  links: string[];
  dns: string[];
  extraHosts: string[];
  autoRemove: boolean;
  labels: Record<string, string>;
}

export interface Created {
  container: Container;
  warnings: string[];
}

export function imageSpecOf(c: Container) {
  return findSpec(c.image) ?? genericSpec(c.image);
}

function fullRef(image: string): string {
  const { repo, tag } = parseRef(image);
  return `${repo}:${tag}`;
}

export function hasImage(host: Host, image: string): boolean {
  return host.daemon.images.some((i) => i.ref === fullRef(image));
}

export function createContainer(host: Host, opts: CreateOptions): Created {
  const warnings: string[] = [];
  const image = host.daemon.images.find((i) => i.ref === fullRef(opts.image));
  if (!image) throw new NotFound(`No such image: ${fullRef(opts.image)}`);
  const name = opts.name ?? generateName(host.world.rng, (n) => findContainer(host.daemon, n)?.name === n);
  if (opts.name !== undefined && !VALID_NAME.test(opts.name)) {
    throw new DaemonError(
      `Invalid container name (${opts.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
      400,
    );
  }
  const clash = host.daemon.containers.find((c) => c.name === name.replace(/^\//, ""));
  if (clash) {
    throw new DaemonError(
      `Conflict. The container name "/${clash.name}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`,
      409,
    );
  }
  const mode = opts.network === undefined || opts.network === "default" ? "bridge" : opts.network;
  const hasPorts = Object.keys(opts.portBindings).length > 0 || opts.publishAll;
  let partner: Container | undefined;
  if (mode.startsWith("container:")) {
    if (hasPorts)
      throw new DaemonError("conflicting options: port publishing and the container type network mode", 400);
    if (opts.hostname) throw new DaemonError("conflicting options: hostname and the network mode", 400);
    partner = requireContainer(host.daemon, mode.slice("container:".length));
  }
  if (mode === "host" && hasPorts)
    warnings.push("Published ports are discarded when using host network mode");
  const network = mode.startsWith("container:") ? undefined : findNetwork(host.daemon, mode);
  if (!network && !partner) throw new NotFound(`network ${mode} not found`);
  if (network) checkEndpointSettings(network, opts.ip, opts.aliases);
  const links = opts.links.map((l) => {
    const [target = "", alias = target] = l.split(":");
    const other = findContainer(host.daemon, target);
    if (!other) throw new DaemonError(`could not get container for ${target}`, 400);
    return `/${other.name}:/${name}/${alias}`;
  });
  const spec = findSpec(opts.image) ?? genericSpec(opts.image);
  const entrypoint = opts.entrypoint ?? spec.entrypoint;
  const cmd = opts.cmd.length > 0 ? opts.cmd : opts.entrypoint ? [] : spec.cmd;
  const argv = [...(entrypoint ?? []), ...cmd];
  const id = newId(host);
  const exposed = [...new Set([...spec.exposed, ...opts.expose, ...Object.keys(opts.portBindings)])].sort();
  const c: Container = {
    id,
    name,
    image: opts.image,
    imageId: image.id,
    created: host.world.clock,
    path: argv[0] ?? "",
    args: argv.slice(1),
    config: {
      hostname: mode === "host" ? host.machine.hostname : (opts.hostname ?? id.slice(0, 12)),
      domainname: "",
      tty: opts.tty,
      openStdin: opts.openStdin,
      env: [...opts.env, ...spec.env],
      exposedPorts: exposed,
      labels: opts.labels,
      workingDir: spec.workdir === "/" ? "" : spec.workdir,
      entrypoint,
      cmd,
    },
    hostConfig: {
      networkMode: partner ? `container:${partner.id}` : mode,
      portBindings: mode === "host" ? {} : opts.portBindings,
      publishAllPorts: opts.publishAll,
      links,
      dns: opts.dns,
      extraHosts: opts.extraHosts,
      autoRemove: opts.autoRemove,
    },
    state: { status: "created", pid: 0, exitCode: 0, startedAt: 0, finishedAt: 0 },
    restartCount: 0,
    main: classifyMain(spec, argv, opts.tty, opts.openStdin),
    endpoints: network ? [newEndpoint(network, opts.aliases, opts.ip)] : [],
    sandboxId: "",
    ports: {},
    logs: [],
    files: {},
  };
  if (partner) c.config.hostname = partner.config.hostname;
  host.daemon.containers.push(c);
  return { container: c, warnings };
}

function newEndpoint(network: Network, aliases: string[], ip?: string): Endpoint {
  return {
    networkId: network.id,
    endpointId: "",
    ip: "",
    prefix: 0,
    gateway: "",
    mac: "",
    aliases: [...aliases],
    links: [],
    ...(ip ? { requestedIp: ip } : {}),
  };
}

function checkEndpointSettings(network: Network, ip: string | undefined, aliases: string[]): void {
  const problems: string[] = [];
  const userDefined = !["bridge", "host", "none"].includes(network.name);
  if (ip && !userDefined)
    problems.push("user specified IP address is supported on user defined networks only");
  if (ip && !network.userSubnet) {
    problems.push(
      "user specified IP address is supported only when connecting to networks with user configured subnets",
    );
  }
  if (aliases.length > 0 && !userDefined) {
    problems.push("network-scoped alias is supported only for containers in user defined networks");
  }
  if (problems.length > 0) {
    throw new DaemonError(
      `invalid config for network ${network.name}: invalid endpoint settings:\n${problems.map((p) => `* ${p}`).join("\n")}`,
      400,
    );
  }
}

export function startContainer(host: Host, c: Container): void {
  if (isRunning(c)) return;
  const mode = c.hostConfig.networkMode;
  if (mode.startsWith("container:")) {
    const partner = requireContainer(host.daemon, mode.slice("container:".length));
    if (!isRunning(partner) || !partner.netns) {
      throw new DaemonError(`cannot join network namespace of a non running container: ${partner.id}`, 409);
    }
    c.netns = partner.netns;
  } else if (mode === "host") {
    c.netns = host.ns.id;
    for (const ep of c.endpoints) ep.endpointId = newId(host);
  } else {
    createSandbox(host, c);
    try {
      for (const ep of c.endpoints) joinEndpoint(host, c, ep);
      publishPorts(host, c);
    } catch (error) {
      destroySandbox(host, c, false);
      throw error;
    }
  }
  const pid = spawn(host, [c.path, ...c.args].join(" "), c.netns ?? host.ns.id, c.id);
  const ns = getNs(host.world, c.netns ?? host.ns.id);
  for (const listen of c.main.listens) {
    const [proto, port] = listen.split("/");
    ns.sockets.push({
      proto: proto === "udp" ? "udp" : "tcp",
      ip: "0.0.0.0",
      port: Number(port),
      pid,
      program: c.path.split("/").pop() ?? "",
    });
  }
  c.state = {
    status: "running",
    pid,
    exitCode: 0,
    startedAt: host.world.clock,
    finishedAt: c.state.finishedAt,
  };
  if (c.main.kind === "sleep") c.main.exitAt = host.world.clock + (c.main.durationMs ?? 0);
}

/** The virtual time `docker stop` takes: servers exit on SIGTERM, PID-1 shells wait for the 10 s SIGKILL. */
export function stopDelay(c: Container, timeoutSeconds = 10): number {
  if (!isRunning(c)) return 0;
  return c.main.handlesTerm ? 300 : timeoutSeconds * 1000;
}

export function stopContainer(host: Host, c: Container, timeoutSeconds = 10): void {
  if (!isRunning(c)) return;
  const killed = !c.main.handlesTerm;
  host.world.clock += stopDelay(c, timeoutSeconds);
  exitContainer(host, c, killed ? 137 : c.main.termExitCode);
}

export function killContainer(host: Host, c: Container): void {
  if (!isRunning(c))
    throw new DaemonError(`cannot kill container: ${c.name}: container ${c.id} is not running`, 409);
  exitContainer(host, c, 137);
}

/** The main process has ended (on its own, or by a signal): tear the sandbox down and record the status. */
export function exitContainer(host: Host, c: Container, exitCode: number): void {
  if (!isRunning(c)) return;
  unpublishPorts(host, c);
  const ns = c.netns ? host.world.netns[c.netns] : undefined;
  if (ns) ns.sockets = ns.sockets.filter((s) => s.pid !== c.state.pid);
  kill(host, c.state.pid);
  const sharedWith = host.daemon.containers.some((o) => o !== c && isRunning(o) && o.netns === c.netns);
  if (c.netns === host.ns.id || c.hostConfig.networkMode.startsWith("container:")) {
    delete c.netns;
  } else {
    destroySandbox(host, c, sharedWith);
  }
  for (const ep of c.endpoints) ep.endpointId = "";
  c.state = {
    status: "exited",
    pid: 0,
    exitCode,
    startedAt: c.state.startedAt,
    finishedAt: host.world.clock,
  };
  delete c.main.exitAt;
  collectNamespaces(host);
  if (c.hostConfig.autoRemove) removeContainer(host, c, true);
}

/** A container namespace dies when the last process in it does. */
function collectNamespaces(host: Host): void {
  const prefix = `${host.machine.name}/`;
  for (const id of Object.keys(host.world.netns)) {
    if (!id.startsWith(prefix) || id.startsWith(`${prefix}netns/`)) continue;
    const used = host.daemon.containers.some((c) => isRunning(c) && c.netns === id);
    const byProcess = Object.values(host.machine.procs).some((p) => p.netns === id);
    if (!used && !byProcess) deleteNetns(host.world, id);
  }
}

/** Ends sleeps whose time has come, so that `docker ps` after `sleep 5` shows them exited. */
export function settle(host: Host): void {
  for (const c of host.daemon.containers) {
    if (isRunning(c) && c.main.exitAt !== undefined && c.main.exitAt <= host.world.clock) {
      const now = host.world.clock;
      host.world.clock = c.main.exitAt;
      exitContainer(host, c, 0);
      host.world.clock = now;
    }
  }
}

export function removeContainer(host: Host, c: Container, force: boolean): void {
  if (isRunning(c)) {
    if (!force) {
      throw new DaemonError(
        `cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`,
        409,
      );
    }
    const auto = c.hostConfig.autoRemove;
    c.hostConfig.autoRemove = false;
    exitContainer(host, c, 137);
    c.hostConfig.autoRemove = auto;
  }
  host.daemon.containers = host.daemon.containers.filter((x) => x !== c);
}

export function renameContainer(host: Host, c: Container, newName: string): void {
  if (!VALID_NAME.test(newName)) {
    throw new DaemonError(
      `Invalid container name (${newName}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`,
      400,
    );
  }
  if (c.name === newName) {
    throw new DaemonError(`Renaming a container with the same name as its current name`, 400);
  }
  const clash = host.daemon.containers.find((o) => o.name === newName);
  if (clash) {
    throw new DaemonError(
      `Conflict. The container name "/${newName}" is already in use by container "${clash.id}". You have to remove (or rename) that container to be able to reuse that name.`,
      409,
    );
  }
  for (const o of host.daemon.containers) {
    o.hostConfig.links = o.hostConfig.links.map((l) => l.replace(new RegExp(`^/${c.name}:`), `/${newName}:`));
  }
  c.name = newName;
}

export function connectNetwork(
  host: Host,
  c: Container,
  network: Network,
  aliases: string[],
  ip?: string,
): void {
  const mode = c.hostConfig.networkMode;
  if (network.driver === "host" || mode === "host") {
    if (network.driver === "host" && mode === "host") {
      throw new DaemonError(`endpoint with name ${c.name} already exists in network ${network.name}`, 403);
    }
    throw new DaemonError(
      "container cannot be disconnected from host network or connected to host network",
      400,
    );
  }
  if (mode.startsWith("container:")) {
    throw new DaemonError(
      "container sharing network namespace with another container or host cannot be connected to any other network",
      400,
    );
  }
  if (mode === "none" || network.driver === "null") {
    throw new DaemonError(
      "container cannot be connected to multiple networks with one of the networks in private (none) mode",
      400,
    );
  }
  if (c.endpoints.some((e) => e.networkId === network.id)) {
    throw new DaemonError(`endpoint with name ${c.name} already exists in network ${network.name}`, 403);
  }
  checkEndpointSettings(network, ip, aliases);
  const ep = newEndpoint(network, aliases, ip);
  c.endpoints.push(ep);
  if (isRunning(c) && c.netns) {
    try {
      joinEndpoint(host, c, ep);
    } catch (error) {
      c.endpoints = c.endpoints.filter((e) => e !== ep);
      throw error;
    }
  }
}

export function disconnectNetwork(host: Host, c: Container, network: Network): void {
  if (network.driver === "host") {
    throw new DaemonError(
      "container cannot be disconnected from host network or connected to host network",
      400,
    );
  }
  const ep = c.endpoints.find((e) => e.networkId === network.id);
  if (!ep) throw new DaemonError(`container ${c.id} is not connected to network ${network.name}`, 403);
  if (isRunning(c)) leaveEndpoint(host, c, ep);
  c.endpoints = c.endpoints.filter((e) => e !== ep);
}

/** The interface a container's endpoint on a network has inside, for views that need it. */
export function endpointLink(host: Host, c: Container, ep: Endpoint) {
  const ns = c.netns ? host.world.netns[c.netns] : undefined;
  return ns && ep.ifname ? linkByName(ns, ep.ifname) : undefined;
}

export function networksOf(host: Host, c: Container): Network[] {
  return c.endpoints.map((e) => networkById(host.daemon, e.networkId));
}
