/**
 * The checks a lesson's goals and hints are made of, evaluated against the lab's state (and, for
 * reaching and resolving, against a packet walked for the check on a copy of the world), never
 * against what was typed: every command that gets there passes, and none that does not.
 */
import { containerNamed, findNetwork, isRunning } from "../engine/docker/lookup";
import type { Container } from "../engine/docker/types";
import { readMachineFile } from "../engine/files";
import { ruleText } from "../engine/linux/iptables-save";
import { effectiveRoutes, linkByIndex, linkByName, peerOf } from "../engine/linux/kernel";
import type { Netns } from "../engine/linux/types";
import { netnsIds } from "../engine/netns-id";
import { type ProbeFailure, type ProbeFrom, probe, resolveFrom } from "../engine/probe";
import type { World } from "../engine/world";
import { findNamedNetns } from "../shell/commands/linux/netns-names";
import type { Check, Where } from "./format";

const HOST = "host1";

/** What a check found, with why a packet check failed (for hints that say what is wrong now). */
export interface Outcome {
  ok: boolean;
  failure?: ProbeFailure;
}

function containerIn(world: World, name: string, machine = HOST): Container | undefined {
  const daemon = world.machines[machine]?.docker;
  return daemon ? containerNamed(daemon, name) : undefined;
}

/** The namespace an `ip netns` name opens on a machine. */
function namedNetnsId(world: World, name: string, machine = HOST): string | undefined {
  const m = world.machines[machine];
  return m ? findNamedNetns(world, m, name)?.netns : undefined;
}

/** A lesson's place as the probe's source. */
function probeFrom(world: World, where: Where): ProbeFrom {
  if ("container" in where) return { container: where.container };
  if ("netns" in where) {
    const machine = where.machine ?? HOST;
    return {
      machine,
      netns: namedNetnsId(world, where.netns, machine) ?? netnsIds.named(machine, where.netns),
    };
  }
  return { machine: where.machine };
}

/** The namespace a place is in now, if it has one. */
function netnsAt(world: World, where: Where): Netns | undefined {
  if ("container" in where) {
    const c = containerIn(world, where.container);
    return c && isRunning(c) ? world.netns[c.netns ?? world.machines[HOST]?.rootNs ?? HOST] : undefined;
  }
  if ("netns" in where) {
    const id = namedNetnsId(world, where.netns, where.machine);
    return id ? world.netns[id] : undefined;
  }
  const m = world.machines[where.machine];
  return m ? world.netns[m.rootNs] : undefined;
}

function fileAt(world: World, where: Where, path: string): string | undefined {
  if ("container" in where) {
    const c = containerIn(world, where.container);
    return c ? readMachineFile(world, HOST, c, undefined, path) : undefined;
  }
  const machine = where.machine ?? HOST;
  return readMachineFile(world, machine, undefined, undefined, path);
}

function stateOf(c: Container | undefined): "running" | "stopped" | "created" | "absent" {
  if (!c) return "absent";
  if (isRunning(c)) return "running";
  return c.state.status === "created" ? "created" : "stopped";
}

function modeOf(c: Container): string {
  const mode = c.hostConfig.networkMode;
  return mode.startsWith("container:") ? "container" : mode === "default" ? "bridge" : mode;
}

const same = <T>(want: T | undefined, have: T) => want === undefined || want === have;

/** Evaluates one check against the world as it is now. */
export function evaluate(world: World, check: Check): Outcome {
  if ("all" in check) {
    for (const c of check.all) {
      const o = evaluate(world, c);
      if (!o.ok) return o;
    }
    return { ok: true };
  }
  if ("any" in check) {
    const outcomes = check.any.map((c) => evaluate(world, c));
    return outcomes.find((o) => o.ok) ?? outcomes[0] ?? { ok: false };
  }
  if ("not" in check) return { ok: !evaluate(world, check.not).ok };
  if ("reach" in check) {
    const r = probe(world, probeFrom(world, check.reach.from), {
      host: check.reach.to,
      ...(check.reach.port !== undefined ? { port: check.reach.port } : {}),
    });
    const want = check.ok ?? true;
    if (r.ok) return { ok: want };
    const failedAsSaid = check.failure === undefined || check.failure === r.why.kind;
    return { ok: !want && failedAsSaid, failure: r.why };
  }
  if ("resolve" in check) {
    const r = resolveFrom(world, probeFrom(world, check.resolve.from), check.resolve.name);
    const want = check.ok ?? true;
    if (!r.ok) return { ok: !want, failure: r.why };
    if (check.toContainer !== undefined) {
      const target = containerIn(world, check.toContainer);
      const addresses = target?.endpoints.map((ep) => ep.ip) ?? [];
      return { ok: want === addresses.includes(r.address) };
    }
    return { ok: want };
  }
  if ("container" in check) return { ok: containerHolds(world, check) };
  if ("network" in check) {
    const daemon = world.machines[check.machine ?? HOST]?.docker;
    const n = daemon ? findNetwork(daemon, check.network) : undefined;
    if (!n) return { ok: check.exists === false };
    const options = Object.entries(check.options ?? {}).every(([k, val]) => n.options[k] === val);
    return {
      ok:
        check.exists !== false &&
        same(check.driver, n.driver) &&
        same(check.internal, n.internal) &&
        (check.subnet === undefined || n.ipam.config.some((c) => c.subnet === check.subnet)) &&
        options,
    };
  }
  if ("netns" in check)
    return { ok: (namedNetnsId(world, check.netns, check.machine) !== undefined) === check.exists };
  if ("file" in check) {
    const content = fileAt(world, check.file.in, check.file.path);
    if (content === undefined) return { ok: check.exists === false };
    return {
      ok: check.exists !== false && (check.contains === undefined || content.includes(check.contains)),
    };
  }
  if ("link" in check) return { ok: linkHolds(world, check) };
  if ("route" in check) {
    const ns = netnsAt(world, check.route.in);
    const routes = ns ? effectiveRoutes(world, ns) : [];
    const found = routes.some((r) => r.dst === check.route.to && same(check.via, r.via));
    return { ok: found === (check.exists ?? true) };
  }
  const ns = netnsAt(world, check.iptables.in ?? { machine: HOST });
  const chain = ns?.netfilter[check.iptables.table ?? "filter"]?.find((c) => c.name === check.iptables.chain);
  const found = (chain?.rules ?? []).some((r) => ruleText(chain?.name ?? "", r).includes(check.rule));
  return { ok: found === (check.exists ?? true) };
}

function containerHolds(world: World, check: Extract<Check, { container: string }>): boolean {
  const c = containerIn(world, check.container, check.machine);
  const state = stateOf(c);
  if (check.state !== undefined) {
    if (state !== check.state) return false;
  } else if (!c) return false;
  if (!c) return true;
  const daemon = world.machines[check.machine ?? HOST]?.docker;
  const networks = c.endpoints.map((ep) =>
    daemon ? findNetwork(daemon, ep.networkId || ep.network)?.name : ep.network,
  );
  return (
    (check.network === undefined || networks.includes(check.network)) &&
    same(check.mode, modeOf(c)) &&
    (check.image === undefined || c.image === check.image || c.image === `${check.image}:latest`) &&
    (check.address === undefined || c.endpoints.some((ep) => ep.ip === check.address)) &&
    (check.publishes === undefined ||
      (c.ports[`${check.publishes.port}/tcp`] ?? []).some(
        (b) => check.publishes?.hostPort === undefined || b.hostPort === String(check.publishes.hostPort),
      ))
  );
}

function linkHolds(world: World, check: Extract<Check, { link: unknown }>): boolean {
  const ns = netnsAt(world, check.link.in);
  let link = ns && check.link.name !== undefined ? linkByName(ns, check.link.name) : undefined;
  let home = ns;
  if (ns && check.link.peerOf !== undefined) {
    const inside = linkByName(ns, check.link.peerOf);
    const peer = inside ? peerOf(world, inside) : undefined;
    link = peer?.link;
    home = peer?.ns;
  }
  if (!link || !home) return check.exists === false;
  const master = link.master !== undefined ? linkByIndex(home, link.master)?.name : undefined;
  return (
    check.exists !== false &&
    same(check.up, link.up) &&
    (check.address === undefined || link.addrs.some((a) => `${a.ip}/${a.prefix}` === check.address)) &&
    same(check.master, master)
  );
}
