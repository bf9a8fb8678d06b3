/**
 * A Lab is everything a student's work consists of: the world and the terminal sessions in it.
 * Plain data: it is what gets saved, restored, shared, and replayed by lessons. Nothing here runs
 * commands (that is run.ts), so the page can draw a lab before the shell has loaded.
 */
import { createWorld, type WorldOptions } from "../engine/create-world";
import { addDockerHost, removeDockerHost } from "../engine/hosts";
import type { World } from "../engine/world";
import { hostSession } from "./session";
import type { Session } from "./types";

export interface Lab {
  world: World;
  sessions: Session[];
}

export interface LabOptions extends WorldOptions {
  /** Docker hosts on the LAN from the start (host1, host2 …), each with a terminal tab; 1 when not given. */
  dockerHosts?: number;
}

/** A fresh lab: the world and a terminal on each of its Docker hosts (host1, or the instrument's h1). */
export function createLab(options: LabOptions = {}): Lab {
  const first = options.isolatedHosts?.[0]?.name ?? "host1";
  const lab = { world: createWorld(options), sessions: [hostSession("s1", first)] };
  for (let n = 1; n < (options.dockerHosts ?? 1); n++) addHost(lab);
  return lab;
}

/** Adds a Docker host to the lab (engine/hosts.ts) and opens a terminal tab on it. */
export function addHost(lab: Lab): Session {
  const machine = addDockerHost(lab.world).name;
  let n = lab.sessions.length + 1;
  while (lab.sessions.some((s) => s.id === `s${n}`)) n++;
  const session = hostSession(`s${n}`, machine);
  lab.sessions.push(session);
  return session;
}

/** Removes a Docker host (refused with the reason while something depends on it) and its tabs. */
export function removeHost(lab: Lab, machine: string): void {
  removeDockerHost(lab.world, machine);
  lab.sessions = lab.sessions.filter((s) => s.frames[0]?.machine !== machine);
  // A tab that had ssh'd into it is back in its own shell.
  for (const s of lab.sessions) {
    const at = s.frames.findIndex((f) => f.machine === machine);
    if (at > 0) s.frames = s.frames.slice(0, at);
  }
}
