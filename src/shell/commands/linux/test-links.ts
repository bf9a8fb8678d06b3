/** For transcript tests: a namespace's link, to put its per-run MAC or veth name into the expected text. */
import { linkByName } from "../../../engine/linux/kernel";
import type { Link } from "../../../engine/linux/types";
import type { Lab } from "../../lab";

/** A link of a namespace, to put its per-run MAC or veth name into an expected transcript. */
export function linkIn(lab: Lab, netns: string, name: string): Link {
  const ns = lab.world.netns[netns];
  const link = ns ? linkByName(ns, name) : undefined;
  if (!link) throw new Error(`no link ${name} in ${netns}`);
  return link;
}
