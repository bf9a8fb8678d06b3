/**
 * Who can reach whom, and why not: the endpoints of the lab (containers, namespaces made by hand,
 * each Docker host's own stack, the laptop) and, for each ordered pair, whether a ping and a TCP
 * connection to each port the target listens on would get through. Every answer is a walk of the
 * engine's probe (the same datapath as a real packet, on a copy of the world); a blocked one says
 * why as data, with a hint that names the Docker idea behind it. Rows come one at a time, so a view
 * can spread a big lab over several frames.
 */
import { isRunning } from "../engine/docker/lookup";
import type { NetnsId } from "../engine/linux/types";
import { netnsPlace } from "../engine/netns-id";
import { inTimeOrder } from "../engine/packet/sim";
import type { Protocol, Trace } from "../engine/packet/types";
import { type ProbeFailure, type ProbeFrom, type ProbeResult, type ProbeTo, prober } from "../engine/probe";
import type { World } from "../engine/world";

export interface Endpoint {
  /** The namespace it sends from. */
  netns: NetnsId;
  kind: "container" | "netns" | "host" | "laptop";
  /** Containers' names (several with --network container:), the namespace's name, the hostname. */
  label: string;
  from: ProbeFrom;
  /** Its IPv4 addresses with their prefix, lo's left out. */
  addresses: { ip: string; prefix: number }[];
  /** TCP ports something listens on for other machines (not only on 127.0.0.1). */
  ports: number[];
  /** A container's Docker networks, and whether each is --internal. */
  networks: { name: string; internal: boolean }[];
  /** The running container's network mode (bridge, none, mynet). */
  mode?: string;
}

/** A named Docker idea that explains a blocked check, beyond the probe's own words. */
export type Hint =
  | "isolated"
  | "internal"
  | "none"
  | "no-address"
  | "private"
  | "no-dns"
  /** A name asked on user networks the target is not on: the embedded DNS answers only for shared networks. */
  | "unshared"
  | "docker-user"
  | "not-published"
  /** The target has no IPv4 address to send to. */
  | "unaddressed";

export interface Check {
  ok: boolean;
  why?: ProbeFailure;
  hint?: Hint;
}

export interface Cell {
  from: Endpoint;
  to: Endpoint;
  /** The target's address the checks use: one on a subnet the source is on, else its first. */
  address?: string;
  ping: Check;
  ports: { port: number; check: Check }[];
}

const v4 = (ip: string) => !ip.includes(":");
const loopback = (ip: string) => ip.startsWith("127.") || ip === "::1";

function addressesOf(world: World, netns: NetnsId): Endpoint["addresses"] {
  return (world.netns[netns]?.links ?? [])
    .filter((l) => l.kind !== "loopback")
    .flatMap((l) =>
      l.addrs.filter((a) => v4(a.ip) && !loopback(a.ip)).map((a) => ({ ip: a.ip, prefix: a.prefix })),
    );
}

/** Listening TCP ports an IPv4 packet from elsewhere can reach: wildcard or a non-loopback address. */
function portsOf(world: World, netns: NetnsId): number[] {
  const ns = world.netns[netns];
  const machine = ns && world.machines[ns.machine];
  const ports = new Set<number>();
  for (const s of ns?.sockets ?? [])
    if (s.proto === "tcp" && !s.v6only && !loopback(s.ip) && (v4(s.ip) || s.ip === "::" || s.ip === "*"))
      ports.add(s.port);
  if (machine && machine.rootNs === netns)
    for (const s of machine.services ?? []) if (s.proto === "tcp") ports.add(s.port);
  return [...ports].sort((a, b) => a - b);
}

/** The lab's endpoints: per Docker host its own stack, its running containers and its hand-made namespaces; then the laptop. */
export function endpointsOf(world: World): Endpoint[] {
  const out: Endpoint[] = [];
  const add = (e: Omit<Endpoint, "addresses" | "ports">) =>
    out.push({ ...e, addresses: addressesOf(world, e.netns), ports: portsOf(world, e.netns) });
  const machines = Object.values(world.machines);
  for (const m of machines.filter((x) => x.kind === "docker-host")) {
    add({ netns: m.rootNs, kind: "host", label: m.hostname, from: { machine: m.name }, networks: [] });
    const running = (m.docker?.containers ?? []).filter(
      (c) => isRunning(c) && c.netns && c.netns !== m.rootNs,
    );
    const seen = new Set<NetnsId>();
    for (const c of running) {
      const netns = c.netns as NetnsId;
      if (seen.has(netns)) continue;
      seen.add(netns);
      const members = running.filter((x) => x.netns === netns);
      const owner = members.find((x) => !x.hostConfig.networkMode.startsWith("container:")) ?? c;
      const networks = owner.endpoints.map((e) => ({
        name: e.network,
        internal:
          m.docker?.networks.find((n) => n.name === e.network || n.id === e.networkId)?.internal ?? false,
      }));
      add({
        netns,
        kind: "container",
        label: members.map((x) => x.name).join(", "),
        from: { machine: m.name, container: owner.name },
        networks,
        mode: owner.hostConfig.networkMode,
      });
    }
    for (const id of Object.keys(world.netns)) {
      const place = netnsPlace(id);
      if (place.kind === "named" && place.machine === m.name)
        add({ netns: id, kind: "netns", label: place.name, from: { netns: id }, networks: [] });
    }
  }
  for (const m of machines.filter((x) => x.kind === "laptop"))
    add({ netns: m.rootNs, kind: "laptop", label: m.hostname, from: { machine: m.name }, networks: [] });
  return out;
}

function toInt(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function sameSubnet(a: string, b: string, prefix: number): boolean {
  const shift = 32 - prefix;
  return prefix === 0 || Math.floor(toInt(a) / 2 ** shift) === Math.floor(toInt(b) / 2 ** shift);
}

/** The address a student would try: the target's one on a subnet the source shares, else its first. */
function addressFor(from: Endpoint, to: Endpoint): string | undefined {
  const shared = to.addresses.find((t) => from.addresses.some((f) => sameSubnet(f.ip, t.ip, f.prefix)));
  return (shared ?? to.addresses[0])?.ip;
}

/** The Docker idea behind a blocked check, when one explains it. */
function hintFor(from: Endpoint, to: Endpoint, why: ProbeFailure, port?: number): Hint | undefined {
  if (why.kind === "dropped" && why.chain?.startsWith("DOCKER-ISOLATION")) return "isolated";
  if (why.kind === "dropped" && why.chain === "DOCKER-USER") return "docker-user";
  if (why.kind === "name" && from.kind === "container") {
    if (from.networks.every((n) => n.name === "bridge")) return "no-dns";
    if (to.kind === "container" && !from.networks.some((f) => to.networks.some((n) => n.name === f.name)))
      return "unshared";
  }
  if (why.kind === "no-route" && from.kind === "container") {
    if (from.mode === "none") return "none";
    if (from.networks.length > 0 && from.networks.every((n) => n.internal)) return "internal";
  }
  if (why.kind === "no-route" && from.addresses.length === 0) return "no-address";
  if (to.kind === "container" && (from.kind === "laptop" || from.kind === "host") && why.kind !== "refused")
    return from.kind === "laptop" ? "private" : undefined;
  if (to.kind === "host" && port !== undefined && why.kind === "refused") return "not-published";
  return undefined;
}

type Probe = (from: ProbeFrom, to: ProbeTo) => ProbeResult;

function check(probe: Probe, from: Endpoint, to: Endpoint, address: string, port?: number): Check {
  const r = probe(from.from, port === undefined ? { host: address } : { host: address, port });
  if (r.ok) return { ok: true };
  const hint = hintFor(from, to, r.why, port);
  return { ok: false, why: r.why, ...(hint ? { hint } : {}) };
}

function cellOf(probe: Probe, from: Endpoint, to: Endpoint): Cell {
  const address = addressFor(from, to);
  if (!address) {
    const blocked: Check = { ok: false, hint: "unaddressed" };
    return { from, to, ping: blocked, ports: to.ports.map((port) => ({ port, check: blocked })) };
  }
  return {
    from,
    to,
    address,
    ping: check(probe, from, to, address),
    ports: to.ports.map((port) => ({ port, check: check(probe, from, to, address, port) })),
  };
}

/**
 * The matrix's cells one at a time, row by row (`i` the source's index in `endpoints`, `j` the
 * target's), none on the diagonal, so a view can spread a big lab over several frames. The walks
 * run on one copy of `world` taken at the first cell; the world may change meanwhile.
 */
export function* matrixCells(
  world: World,
  endpoints: Endpoint[],
): Generator<{ i: number; j: number; cell: Cell }> {
  const probe = prober(world);
  for (const [i, from] of endpoints.entries())
    for (const [j, to] of endpoints.entries()) if (i !== j) yield { i, j, cell: cellOf(probe, from, to) };
}

/** The packet of one check as a trace the player can show on the graph: the walk a real one would take. */
export function checkTrace(world: World, cell: Cell, port?: number): Trace | undefined {
  if (!cell.address) return undefined;
  const probe = prober(world);
  const r = probe(cell.from.from, port === undefined ? { host: cell.address } : { host: cell.address, port });
  const protocol: Protocol = port === undefined ? "ICMP" : "TCP";
  const label = `${cell.from.label} → ${cell.address}${port === undefined ? "" : `:${port}`}`;
  return {
    id: `probe:${cell.from.netns}>${cell.to.netns}:${port ?? "ping"}`,
    protocol,
    label,
    hops: inTimeOrder(r.hops),
    outcome: r.ok ? "delivered" : "dropped",
  };
}

/** What a name check from `from` says about reaching `to` by its name (containers only). */
export function nameCheck(
  world: World,
  from: Endpoint,
  to: Endpoint,
): { name: string; check: Check } | undefined {
  if (to.kind !== "container") return undefined;
  const name = to.label.split(", ")[0] ?? to.label;
  const r = prober(world)(from.from, { host: name });
  if (r.ok) return { name, check: { ok: true } };
  const hint = hintFor(from, to, r.why);
  return { name, check: { ok: false, why: r.why, ...(hint ? { hint } : {}) } };
}

/** The whole matrix at once (tests, benchmarks). */
export function reachability(world: World): { endpoints: Endpoint[]; rows: (Cell | undefined)[][] } {
  const endpoints = endpointsOf(world);
  const rows: (Cell | undefined)[][] = endpoints.map(() => endpoints.map(() => undefined));
  for (const { i, j, cell } of matrixCells(world, endpoints)) (rows[i] as (Cell | undefined)[])[j] = cell;
  return { endpoints, rows };
}
