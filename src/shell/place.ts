/** Resolving a Frame to the place its commands run: namespace, userland flavour, available tools. */
import { imageSpecOf } from "../engine/docker/containers";
import { baseTools } from "../engine/docker/images";
import type { Container } from "../engine/docker/types";
import type { World } from "../engine/world";
import type { Frame, Place } from "./types";

export function containerOf(world: World, frame: Frame): Container | undefined {
  if (!frame.container) return undefined;
  return world.machines[frame.machine]?.docker?.containers.find((c) => c.id === frame.container);
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
  const spec = imageSpecOf(c);
  return {
    kind: "container",
    machine: machine.name,
    netns: frame.netns ?? c.netns ?? machine.rootNs,
    flavor: spec.flavor,
    container: c.id,
    tools: new Set([...baseTools(spec.flavor), ...spec.tools]),
    docker: false,
  };
}
