/**
 * A Lab is everything a student's work consists of: the world and the terminal sessions in it.
 * Plain data: it is what gets saved, restored, shared, and replayed by lessons. Nothing here runs
 * commands (that is run.ts), so the page can draw a lab before the shell has loaded.
 */
import { createWorld, type WorldOptions } from "../engine/create-world";
import { addDockerHost } from "../engine/hosts";
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
  for (let n = 1; n < (options.dockerHosts ?? 1); n++) {
    const before = hostNames(lab);
    addDockerHost(lab.world);
    followHosts(lab, before);
  }
  return lab;
}

/** The lab's machines, to tell afterwards which hosts a command added (followHosts). */
export function hostNames(lab: Lab): string[] {
  return Object.keys(lab.world.machines);
}

/**
 * Keeps the tabs in step with the Docker hosts after a command added or removed one (`lab host`):
 * a host that was not there `before` gets a tab, a removed host's tabs close, and a tab that had
 * ssh'd into it is back in its own shell. Returns the tabs it opened.
 */
export function followHosts(lab: Lab, before: readonly string[]): Session[] {
  const machines = lab.world.machines;
  lab.sessions = lab.sessions.filter((s) => machines[s.frames[0]?.machine ?? ""]);
  for (const s of lab.sessions) {
    const gone = s.frames.findIndex((f) => !machines[f.machine]);
    if (gone > 0) s.frames = s.frames.slice(0, gone);
  }
  const opened: Session[] = [];
  for (const m of Object.values(machines)) {
    if (m.kind !== "docker-host" || before.includes(m.name)) continue;
    let n = lab.sessions.length + 1;
    while (lab.sessions.some((s) => s.id === `s${n}`)) n++;
    const session = hostSession(`s${n}`, m.name);
    lab.sessions.push(session);
    opened.push(session);
  }
  return opened;
}
