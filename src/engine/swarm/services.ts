/**
 * Swarm services as the managers run them (swarmkit's orchestrators, scheduler and allocator,
 * reduced to what a student sees): a service's spec, its virtual IP on each network, its tasks
 * (slots of a replicated service, one per node for a global one) placed on the nodes its
 * constraints allow, each run by a container on its node. Changes happen in virtual time: a task
 * told to stop keeps running until its container has stopped (busybox httpd as PID 1 ignores
 * SIGTERM: ten seconds), then the next step of a scale-down, a rolling update or a removal follows.
 */
import {
  createContainer,
  exitContainer,
  hasImage,
  removeContainer,
  startContainer,
  stopDelay,
} from "../docker/containers";
import { DaemonError, NotFound } from "../docker/errors";
import { type Host, hostOf } from "../docker/host";
import { pulledImage } from "../docker/images";
import { isRunning } from "../docker/lookup";
import { generateName } from "../docker/names";
import { allocateSerial, releaseSerial } from "../docker/overlay";
import type { Container } from "../docker/types";
import type { World } from "../world";
import { swarmId } from "./ids";
import { programLoadBalancing, redirectIngress } from "./routing-mesh";
import { memberHosts, requireManager, swarms } from "./store";
import type { Service, ServiceSpec, Swarm, SwarmNode, Task } from "./types";

/** How long the update orchestrator watches an updated task before the next (--update-monitor). */
const UPDATE_MONITOR_MS = 5_000;

function nextFwmark(swarm: Swarm): number {
  const mark = swarm.nextFwmark ?? 256;
  swarm.nextFwmark = mark + 1;
  return mark;
}

/** A service by full ID, name, or unique ID prefix. */
export function findService(swarm: Swarm, ref: string): Service | undefined {
  const exact = swarm.services.find((s) => s.id === ref) ?? swarm.services.find((s) => s.name === ref);
  if (exact) return exact;
  const prefixed = swarm.services.filter((s) => s.id.startsWith(ref));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

function requireService(swarm: Swarm, ref: string): Service {
  const s = findService(swarm, ref);
  if (!s) throw new NotFound(`service ${ref} not found`);
  return s;
}

/** The service's tasks, newest first within a slot (node for global services). */
export function tasksOf(swarm: Swarm, service: Service): Task[] {
  return swarm.tasks.filter((t) => t.service === service.id);
}

/** `node.role==worker`, `node.hostname!=host1`, `node.id==…`: whether a node satisfies every constraint. */
function allowed(node: SwarmNode, constraints: string[]): boolean {
  return constraints.every((c) => {
    const m = /^\s*(node\.(?:role|hostname|id))\s*(==|!=)\s*(\S+)\s*$/.exec(c);
    if (!m) return true;
    const value = m[1] === "node.role" ? node.role : m[1] === "node.hostname" ? node.hostname : node.id;
    return (value === m[3]) === (m[2] === "==");
  });
}

function eligibleNodes(world: World, swarm: Swarm, spec: ServiceSpec): SwarmNode[] {
  return memberHosts(world, swarm)
    .map(({ node }) => node)
    .filter((n) => n.state === "ready" && n.availability === "active" && allowed(n, spec.constraints));
}

/** Constraint errors swarmkit gives at creation (a malformed expression). */
function validateConstraints(constraints: string[]): void {
  for (const c of constraints) {
    if (!/^\s*[\w.]+\s*(==|!=)\s*\S+\s*$/.test(c))
      throw new DaemonError(
        `rpc error: code = InvalidArgument desc = constraint expected one operator from ==, !=`,
        400,
      );
  }
}

/**
 * The scheduler's choice for a new task: the eligible node with the fewest tasks of this service,
 * then the fewest tasks at all; among equals, the one that joined first (a real manager's choice
 * among equals follows Go map order, which is random).
 */
function placeTask(world: World, swarm: Swarm, service: Service): SwarmNode | undefined {
  const live = (t: Task) => t.desired === "running";
  const count = (node: SwarmNode, own: boolean) =>
    swarm.tasks.filter((t) => live(t) && t.node === node.id && (!own || t.service === service.id)).length;
  const nodes = eligibleNodes(world, swarm, service.spec);
  let best: SwarmNode | undefined;
  for (const n of nodes) {
    if (!best) best = n;
    else {
      const a = [count(n, true), count(n, false)];
      const b = [count(best, true), count(best, false)];
      if ((a[0] ?? 0) < (b[0] ?? 0) || (a[0] === b[0] && (a[1] ?? 0) < (b[1] ?? 0))) best = n;
    }
  }
  return best;
}

/** The networks a task attaches to, in order: ingress first when a port is published there. */
function taskNetworks(swarm: Swarm, spec: ServiceSpec): string[] {
  const ingress = swarm.networks.find((n) => n.ingress);
  const viaIngress = spec.ports.some((p) => p.mode === "ingress") && ingress ? [ingress.id] : [];
  return [...viaIngress, ...spec.networks];
}

function newTask(host: Host, swarm: Swarm, service: Service, node: SwarmNode, slot?: number): Task {
  const networks = taskNetworks(swarm, service.spec);
  const task: Task = {
    id: swarmId(host.world.rng),
    service: service.id,
    ...(slot !== undefined ? { slot } : {}),
    node: node.id,
    desired: "running",
    state: "pending",
    since: host.world.clock,
    created: host.world.clock,
    networks,
    addresses: networks.flatMap((id) => {
      const sn = swarm.networks.find((n) => n.id === id);
      return sn ? [{ network: id, ip: allocateSerial(sn) }] : [];
    }),
  };
  swarm.tasks.push(task);
  return task;
}

/** What a task's container is called: `web.1.<task>` or, for a global service, `web.<node>.<task>`. */
export function taskName(service: Service, task: Task): string {
  return `${service.name}.${task.slot ?? task.node}`;
}

/** The task's container on its node, created and started: it runs the service's image and command. */
function runTask(world: World, swarm: Swarm, service: Service, task: Task): void {
  const node = swarm.nodes.find((n) => n.id === task.node);
  const machine = node && world.machines[node.machine];
  if (!node || !machine?.docker) return;
  const host = hostOf(world, machine.name);
  const name = `${taskName(service, task)}.${task.id}`;
  // The node's daemon pulls the image its task needs, as it does while the task is preparing.
  if (!hasImage(host, service.spec.image))
    host.daemon.images.push(pulledImage(service.spec.image, world.clock));
  const { container } = createContainer(host, {
    name,
    image: service.spec.image,
    cmd: service.spec.args,
    tty: false,
    openStdin: false,
    attach: false,
    env: service.spec.env,
    expose: [],
    portBindings: {},
    publishAll: false,
    networks: task.networks.map((id) => ({ network: id, aliases: [], links: [] })),
    links: [],
    dns: [],
    dnsSearch: [],
    dnsOptions: [],
    extraHosts: [],
    utsMode: "",
    readOnly: false,
    autoRemove: false,
    privileged: false,
    restart: "no",
    labels: {
      "com.docker.swarm.node.id": node.id,
      "com.docker.swarm.service.id": service.id,
      "com.docker.swarm.service.name": service.name,
      "com.docker.swarm.task": "",
      "com.docker.swarm.task.id": task.id,
      "com.docker.swarm.task.name": name,
    },
  });
  // The executor leaves the network mode at its default; the networks come from the task.
  container.hostConfig.networkMode = "bridge";
  task.container = container.id;
  startContainer(host, container);
  task.state = "running";
  task.since = world.clock;
  const ingress = swarm.networks.find((n) => n.ingress);
  const ingressIp = task.addresses.find((a) => a.network === ingress?.id)?.ip;
  if (ingressIp)
    redirectIngress(
      world,
      container,
      ingressIp,
      service.spec.ports.filter((p) => p.mode === "ingress"),
    );
}

function hostOfNode(world: World, swarm: Swarm, task: Task): Host | undefined {
  const node = swarm.nodes.find((n) => n.id === task.node);
  return node && world.machines[node.machine]?.docker ? hostOf(world, node.machine) : undefined;
}

function containerOf(world: World, swarm: Swarm, task: Task): { host: Host; c: Container } | undefined {
  const host = hostOfNode(world, swarm, task);
  const c = host?.daemon.containers.find((x) => x.id === task.container);
  return host && c ? { host, c } : undefined;
}

/** Tells a task to stop: its container is sent SIGTERM now and is down when `docker stop` would be. */
function stopTask(world: World, swarm: Swarm, task: Task, desired: "shutdown" | "remove"): void {
  task.desired = desired;
  const run = containerOf(world, swarm, task);
  task.stopAt = world.clock + (run && isRunning(run.c) ? stopDelay(run.c) : 0);
}

function releaseAddresses(swarm: Swarm, task: Task): void {
  for (const a of task.addresses) {
    const sn = swarm.networks.find((n) => n.id === a.network);
    if (sn) releaseSerial(sn, a.ip);
  }
  task.addresses = [];
}

/** Slots (or nodes) of a service that should have a running task, and the tasks to make for them. */
function reconcileService(world: World, swarm: Swarm, service: Service, host: Host): void {
  const running = tasksOf(swarm, service).filter((t) => t.desired === "running");
  // The allocator gives every new task its addresses before any node starts one.
  if (service.spec.mode === "global") {
    const fresh = eligibleNodes(world, swarm, service.spec)
      .filter((node) => !running.some((t) => t.node === node.id))
      .map((node) => newTask(host, swarm, service, node));
    for (const t of fresh) runTask(world, swarm, service, t);
    return;
  }
  const slots = new Set(running.map((t) => t.slot));
  const fresh: Task[] = [];
  for (let slot = 1; slot <= service.spec.replicas; slot++) {
    if (slots.has(slot)) continue;
    const node = placeTask(world, swarm, service);
    if (!node) continue;
    fresh.push(newTask(host, swarm, service, node, slot));
  }
  for (const t of fresh) runTask(world, swarm, service, t);
  for (const t of running) if ((t.slot ?? 0) > service.spec.replicas) stopTask(world, swarm, t, "remove");
}

export interface CreateServiceRequest {
  name?: string;
  spec: ServiceSpec;
}

/** `docker service create` on a manager: checks, the VIPs, then the tasks, started on their nodes. */
export function createService(host: Host, req: CreateServiceRequest): Service {
  const swarm = requireManager(host);
  const name = req.name ?? generateName(host.world.rng, (n) => swarm.services.some((s) => s.name === n));
  if (swarm.services.some((s) => s.name === name))
    throw new DaemonError(
      `rpc error: code = AlreadyExists desc = name conflicts with an existing object: service ${name} already exists`,
      409,
    );
  for (const p of req.spec.ports) {
    const other = swarm.services.find((s) =>
      s.spec.ports.some((q) => q.published === p.published && q.protocol === p.protocol),
    );
    if (other && p.mode === "ingress")
      throw new DaemonError(
        `rpc error: code = InvalidArgument desc = port '${p.published}' is already in use by service '${other.name}' (${other.id}) as an ingress port`,
        400,
      );
  }
  validateConstraints(req.spec.constraints);
  const service: Service = {
    id: swarmId(host.world.rng),
    name,
    created: host.world.clock,
    updated: host.world.clock,
    version: 0,
    spec: req.spec,
    vips: [],
  };
  if (req.spec.endpointMode === "vip") {
    for (const id of taskNetworks(swarm, req.spec)) {
      const sn = swarm.networks.find((n) => n.id === id);
      if (sn) service.vips.push({ network: id, ip: allocateSerial(sn), fwmark: nextFwmark(swarm) });
    }
  }
  swarm.services.push(service);
  swarm.index += 1;
  service.version = swarm.index;
  reconcileService(host.world, swarm, service, host);
  programLoadBalancing(host.world, swarm);
  return service;
}

/** `docker service scale NAME=N`: more slots start now; the highest ones beyond N stop. */
export function scaleService(host: Host, ref: string, replicas: number): Service {
  const swarm = requireManager(host);
  const service = requireService(swarm, ref);
  if (service.spec.mode !== "replicated") throw new ScaleModeError(service.name);
  service.spec = { ...service.spec, replicas };
  touch(host, swarm, service);
  reconcileService(host.world, swarm, service, host);
  programLoadBalancing(host.world, swarm);
  return service;
}

/** The client refuses to scale a global service (its own words, not the daemon's). */
export class ScaleModeError extends Error {
  constructor(name: string) {
    super(`${name}: scale can only be used with replicated or replicated-job mode`);
  }
}

function touch(host: Host, swarm: Swarm, service: Service): void {
  swarm.index += 1;
  service.version = swarm.index;
  service.updated = host.world.clock;
}

/**
 * `docker service update`: the new spec replaces the old; a change the tasks must see (networks,
 * image, command) rolls through them one slot at a time, stop-first: the old task stops, the new
 * one starts, and after the monitoring period the next slot follows.
 */
export function updateService(host: Host, ref: string, change: (spec: ServiceSpec) => ServiceSpec): Service {
  const swarm = requireManager(host);
  const service = requireService(swarm, ref);
  const next = change(service.spec);
  service.previousSpec = service.spec;
  service.spec = next;
  touch(host, swarm, service);
  const before = service.previousSpec;
  const networksChanged = before.networks.join() !== next.networks.join();
  if (networksChanged) {
    const keep = next.networks;
    service.vips = service.vips.filter((v) => {
      const stays = keep.includes(v.network) || swarm.networks.find((n) => n.id === v.network)?.ingress;
      if (!stays) {
        const sn = swarm.networks.find((n) => n.id === v.network);
        if (sn) releaseSerial(sn, v.ip);
      }
      return stays;
    });
    for (const id of keep) {
      if (service.vips.some((v) => v.network === id)) continue;
      const sn = swarm.networks.find((n) => n.id === id);
      if (sn && next.endpointMode === "vip")
        service.vips.push({ network: id, ip: allocateSerial(sn), fwmark: nextFwmark(swarm) });
    }
  }
  const rolls =
    networksChanged || before.image !== next.image || before.args.join(" ") !== next.args.join(" ");
  // Placement alone makes a task dirty only where its node no longer fits (IsTaskDirtyPlacementConstraintsOnly).
  const misplaced = (t: Task) => {
    const node = swarm.nodes.find((n) => n.id === t.node);
    return !node || !allowed(node, next.constraints);
  };
  const old = tasksOf(swarm, service).filter((t) => t.desired === "running" && (rolls || misplaced(t)));
  if (old.length > 0) {
    old.sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || (a.node < b.node ? -1 : 1));
    service.rollout = { tasks: old.map((t) => t.id), at: host.world.clock };
  }
  reconcileService(host.world, swarm, service, host);
  settleSwarm(host.world, swarm);
  programLoadBalancing(host.world, swarm);
  return service;
}

/** `docker service rm`: the service goes from the store at once; its tasks stop and go. */
export function removeService(host: Host, ref: string): Service {
  const swarm = requireManager(host);
  const service = requireService(swarm, ref);
  for (const t of tasksOf(swarm, service)) {
    if (t.desired === "running") stopTask(host.world, swarm, t, "remove");
    else {
      // History: already stopped, its container goes with it.
      t.desired = "remove";
      t.stopAt = host.world.clock;
    }
  }
  for (const v of service.vips) {
    const sn = swarm.networks.find((n) => n.id === v.network);
    if (sn) releaseSerial(sn, v.ip);
  }
  swarm.services = swarm.services.filter((s) => s !== service);
  swarm.index += 1;
  settleSwarm(host.world, swarm);
  programLoadBalancing(host.world, swarm);
  return service;
}

/**
 * A node leaves (or is removed): the containers of its tasks are force-removed on it, as
 * daemon/cluster does, and its tasks leave the store.
 */
export function removeNodeTasks(host: Host, swarm: Swarm, node: SwarmNode): void {
  for (const t of swarm.tasks.filter((x) => x.node === node.id)) {
    const c = t.service ? host.daemon.containers.find((x) => x.id === t.container) : undefined;
    if (c) removeContainer(host, c, true);
    releaseAddresses(swarm, t);
  }
  swarm.tasks = swarm.tasks.filter((t) => t.node !== node.id);
}

/**
 * A node removed from the store while its daemon still runs (`node rm --force`): the store forgets
 * its tasks and the orchestrator replaces them elsewhere; on the node itself nothing changes (it
 * does not notice, and its containers go on running).
 */
export function forgetNode(host: Host, swarm: Swarm, node: SwarmNode): void {
  for (const t of swarm.tasks.filter((x) => x.node === node.id)) releaseAddresses(swarm, t);
  swarm.tasks = swarm.tasks.filter((t) => t.node !== node.id);
  swarm.nodes = swarm.nodes.filter((n) => n !== node);
  for (const service of swarm.services) reconcileService(host.world, swarm, service, host);
  programLoadBalancing(host.world, swarm);
}

/** The next thing due in a swarm: a task whose container is down by now, or a rollout's next step. */
function nextDue(swarm: Swarm): number | undefined {
  const times = [
    ...swarm.tasks.flatMap((t) => (t.stopAt !== undefined ? [t.stopAt] : [])),
    ...swarm.services.flatMap((s) => (s.rollout?.at !== undefined ? [s.rollout.at] : [])),
  ];
  return times.length ? Math.min(...times) : undefined;
}

/** Runs what has come due in a swarm up to the world's clock, in time order. */
function settleSwarm(world: World, swarm: Swarm): void {
  const now = world.clock;
  let changed = false;
  for (;;) {
    const due = nextDue(swarm);
    if (due === undefined || due > now) break;
    changed = true;
    world.clock = due;
    const stopping = swarm.tasks.find((t) => t.stopAt === due);
    if (stopping) finishStop(world, swarm, stopping);
    else {
      const service = swarm.services.find((s) => s.rollout?.at === due);
      if (service) rollNext(world, swarm, service);
    }
  }
  world.clock = Math.max(world.clock, now);
  if (changed) programLoadBalancing(world, swarm);
}

/** A stopping task's container is down: it is shut down (kept as history) or removed with it. */
function finishStop(world: World, swarm: Swarm, task: Task): void {
  delete task.stopAt;
  const run = containerOf(world, swarm, task);
  if (run && isRunning(run.c))
    exitContainer(run.host, run.c, run.c.main.handlesTerm ? run.c.main.termExitCode : 137);
  releaseAddresses(swarm, task);
  if (task.desired === "remove") {
    if (run) removeContainer(run.host, run.c, true);
    swarm.tasks = swarm.tasks.filter((t) => t !== task);
    return;
  }
  task.state = "shutdown";
  task.since = world.clock;
  const service = swarm.services.find((s) => s.id === task.service);
  const rollout = service?.rollout;
  if (service && rollout?.stopping === task.id) {
    // Stop-first: the replacement starts as soon as the old task is down.
    delete rollout.stopping;
    const node = swarm.nodes.find((n) => n.id === task.node);
    const host = node ? hostOf(world, node.machine) : undefined;
    const target = service.spec.mode === "global" ? node : (placeTask(world, swarm, service) ?? node);
    if (host && target) runTask(world, swarm, service, newTask(host, swarm, service, target, task.slot));
    rollout.at = world.clock + UPDATE_MONITOR_MS;
    if (rollout.tasks.length === 0) delete service.rollout;
  }
}

/** The rolling update's next step: the next old task is told to stop. */
function rollNext(world: World, swarm: Swarm, service: Service): void {
  const rollout = service.rollout;
  if (!rollout) return;
  const id = rollout.tasks.shift();
  const task = swarm.tasks.find((t) => t.id === id);
  if (task?.desired !== "running") {
    if (rollout.tasks.length === 0) delete service.rollout;
    return;
  }
  rollout.stopping = task.id;
  delete rollout.at;
  stopTask(world, swarm, task, "shutdown");
}

/** Lets every swarm catch up with the clock (called before each command, as containers settle). */
export function settleSwarms(world: World): void {
  for (const swarm of Object.values(swarms(world))) settleSwarm(world, swarm);
}
