/**
 * Which Docker release the lab's daemons and client behave as. 26 is engine 26.1 with client 28.2
 * (what a current host runs); 20 is engine and client 20.10, the release the seed tutorials were
 * written against. The era is the daemon's state, chosen per lab: output and refusals that differ
 * between the two read it from the daemon they concern.
 */
import type { World } from "../world";

export type DockerEra = 20 | 26;

export const ERAS: readonly DockerEra[] = [26, 20];

export const DEFAULT_ERA: DockerEra = 26;

export function isEra(value: unknown): value is DockerEra {
  return ERAS.includes(value as DockerEra);
}

/** The era of the lab: its daemons all run the same release (host1's, or the default without one). */
export function eraOfWorld(world: World): DockerEra {
  return Object.values(world.machines).find((m) => m.docker)?.docker?.era ?? DEFAULT_ERA;
}

/** Every daemon of the lab switched to `era` (a downgrade or an upgrade of the whole lab's Docker). */
export function setEra(world: World, era: DockerEra): void {
  for (const machine of Object.values(world.machines)) if (machine.docker) machine.docker.era = era;
}
