/**
 * What a schema cannot say about a lab from outside: that its references point at things that
 * exist (a session's machine and container, a link's peer and master, a route's device, a job's
 * process kind). The engine trusts these; a lab that breaks one is refused before it is used.
 */
import * as v from "valibot";
import type { World } from "../engine/world";
import type { Lab } from "../shell/lab-state";
import { PROCESS_KINDS, REDIRECTED } from "../shell/process-kinds";
import type { Frame, LiveProcess } from "../shell/types";
import { liveProcess } from "./lab-schema";

const kinds = new Set<string>([...PROCESS_KINDS, REDIRECTED]);

function frameProblem(world: World, frame: Frame, where: string): string | undefined {
  const machine = Object.hasOwn(world.machines, frame.machine) ? world.machines[frame.machine] : undefined;
  if (!machine) return `${where} runs on a machine that does not exist (${frame.machine})`;
  if (frame.container !== undefined && !machine.docker?.containers.some((c) => c.id === frame.container))
    return `${where} is in a container that does not exist`;
  if (frame.netns !== undefined && !Object.hasOwn(world.netns, frame.netns))
    return `${where} is in a namespace that does not exist (${frame.netns})`;
  return undefined;
}

/** The process a redirection holds, if its state holds one. */
function innerProcess(state: unknown): LiveProcess | undefined {
  const inner = typeof state === "object" && state !== null && "inner" in state ? state.inner : undefined;
  return v.is(liveProcess, inner) ? inner : undefined;
}

function processProblem(world: World, process: LiveProcess, where: string): string | undefined {
  if (!kinds.has(process.kind)) return `${where} is a process of an unknown kind (${process.kind})`;
  if (process.kind === REDIRECTED) {
    const inner = innerProcess(process.state);
    if (!inner) return `${where} redirects the output of no process`;
    const problem = processProblem(world, inner, where);
    if (problem) return problem;
  }
  for (let rest = process.rest; rest; rest = rest.after)
    if (rest.frame) {
      const problem = frameProblem(world, rest.frame, where);
      if (problem) return problem;
    }
  return frameProblem(world, process.frame, where);
}

function worldProblem(world: World): string | undefined {
  for (const [id, ns] of Object.entries(world.netns)) {
    if (ns.id !== id) return `namespace ${id} calls itself ${ns.id}`;
    if (!Object.hasOwn(world.machines, ns.machine)) return `namespace ${id} belongs to no machine`;
    const ifindexes = new Set(ns.links.map((l) => l.ifindex));
    if (ifindexes.size !== ns.links.length) return `namespace ${id} has two links with one ifindex`;
    for (const link of ns.links) {
      if (link.master !== undefined && !ifindexes.has(link.master))
        return `${link.name} in ${id} has a master that does not exist`;
      const peer = link.peer;
      if (peer && !world.netns[peer.netns]?.links.some((l) => l.ifindex === peer.ifindex))
        return `${link.name} in ${id} has a peer that does not exist`;
    }
    if (ns.routes.some((r) => !ifindexes.has(r.dev)))
      return `a route in ${id} uses a device that does not exist`;
    if (ns.neigh.some((n) => !ifindexes.has(n.dev)))
      return `a neighbour in ${id} is on a device that does not exist`;
  }
  for (const [name, machine] of Object.entries(world.machines)) {
    if (machine.name !== name) return `machine ${name} calls itself ${machine.name}`;
    if (!Object.hasOwn(world.netns, machine.rootNs)) return `machine ${name} has no root namespace`;
    for (const c of machine.docker?.containers ?? [])
      if (c.netns !== undefined && !Object.hasOwn(world.netns, c.netns))
        return `container ${c.name} is in a namespace that does not exist`;
  }
  for (const job of world.jobs ?? []) {
    const problem = processProblem(world, job.process as LiveProcess, "a background job");
    if (problem) return problem;
  }
  return undefined;
}

/** The first broken reference in a lab that passed the schema, in words, or undefined when there is none. */
export function labProblem(lab: Lab): string | undefined {
  const problem = worldProblem(lab.world);
  if (problem) return problem;
  const ids = new Set<string>();
  for (const session of lab.sessions) {
    if (ids.has(session.id)) return `two terminal sessions are called ${session.id}`;
    ids.add(session.id);
    for (const frame of session.frames) {
      const found = frameProblem(lab.world, frame, `terminal ${session.title}`);
      if (found) return found;
    }
    for (const job of session.jobs ?? []) {
      if (job.process) {
        const found = processProblem(lab.world, job.process, `a background job in terminal ${session.title}`);
        if (found) return found;
      }
    }
  }
  return undefined;
}
