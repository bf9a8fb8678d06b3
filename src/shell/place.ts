/** Resolving a Frame to the place its commands run: namespace, userland, the programs its image adds. */
import { containerSpec, type ImageSpec } from "../engine/docker/images";
import { containerById } from "../engine/docker/lookup";
import type { Container } from "../engine/docker/types";
import type { Netns } from "../engine/linux/types";
import type { World } from "../engine/world";
import type { Ctx, Frame, Place } from "./types";

/** The container the frame runs in, or another one of its machine's daemon by ID. */
export function containerOf(world: World, frame: Frame, id = frame.container): Container | undefined {
  return containerById(world.machines[frame.machine]?.docker, id);
}

/** The network namespace a command runs in. */
export function netnsOf(ctx: Ctx): Netns {
  const ns = ctx.world.netns[ctx.place.netns];
  if (!ns) throw new Error(`no namespace ${ctx.place.netns}`);
  return ns;
}

export function placeOf(world: World, frame: Frame): Place {
  const machine = world.machines[frame.machine];
  if (!machine) throw new Error(`no machine ${frame.machine}`);
  const c = containerOf(world, frame);
  const docker = machine.docker !== undefined;
  if (!c)
    return {
      kind: "host",
      machine: machine.name,
      netns: frame.netns ?? machine.rootNs,
      flavor: "host",
      docker,
    };
  const spec = containerSpec(c);
  return {
    kind: "container",
    machine: machine.name,
    netns: frame.netns ?? c.netns ?? machine.rootNs,
    flavor: spec.flavor,
    container: c.id,
    programs: programsOf(spec),
    docker: false,
  };
}

/** The programs an image installs, as a set made once per catalogued image (a command in a container asks each time). */
const programSets = new WeakMap<ImageSpec, ReadonlySet<string>>();

function programsOf(spec: ImageSpec): ReadonlySet<string> {
  let programs = programSets.get(spec);
  if (!programs) {
    programs = new Set(spec.programs);
    programSets.set(spec, programs);
  }
  return programs;
}
