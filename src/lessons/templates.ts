/**
 * Placeholders a lesson's commands may hold, filled from the lab when the command is offered, so
 * that a step can name what the student is meant to find (a random veth name, a container's
 * address, its PID): `{{ip:web}}`, `{{pid:web}}`, `{{peer:web:eth0}}` (the other end of web's eth0,
 * on the host), `{{token:worker}}` (the swarm's join token that host1, its manager, hands out).
 * An unknown or unfillable placeholder stays as written, for the student to replace.
 */
import { hostOf } from "../engine/docker/host";
import { containerNamed, isRunning } from "../engine/docker/lookup";
import { linkByName, peerOf } from "../engine/linux/kernel";
import { joinCommand } from "../engine/swarm/cluster";
import type { World } from "../engine/world";

const HOST = "host1";

function joinToken(world: World, role: string): string | undefined {
  try {
    return joinCommand(hostOf(world, HOST), role).token;
  } catch {
    // host1 is no manager (yet): the student replaces the placeholder, or comes back after swarm init.
    return undefined;
  }
}

function fillOne(world: World, kind: string, args: string[]): string | undefined {
  if (kind === "token") return joinToken(world, args[0] ?? "worker");
  const daemon = world.machines[HOST]?.docker;
  const c = daemon && args[0] ? containerNamed(daemon, args[0]) : undefined;
  if (!c) return undefined;
  if (kind === "ip") return c.endpoints.find((ep) => ep.ip)?.ip;
  if (kind === "pid") return isRunning(c) ? String(c.state.pid) : undefined;
  if (kind === "peer") {
    const ns = c.netns ? world.netns[c.netns] : undefined;
    const inside = ns ? linkByName(ns, args[1] ?? "eth0") : undefined;
    return inside ? peerOf(world, inside)?.link.name : undefined;
  }
  return undefined;
}

export function fillCommand(world: World, command: string): string {
  return command.replace(/\{\{(\w+):([^}]+)\}\}/g, (whole, kind: string, rest: string) => {
    return fillOne(world, kind, rest.split(":")) ?? whole;
  });
}
