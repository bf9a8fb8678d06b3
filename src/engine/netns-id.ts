/**
 * The namespace ids of the world, unique across machines: a machine's root namespace is named after
 * the machine (`host1`); a container's sandbox is `<machine>/<first 12 hex of its sandbox id>`, and
 * dockerd's own sandboxes (an overlay network's `1-<id>`, `lb_<id>`, `ingress_sbox`) are
 * `<machine>/<file name>` alike: both are files in /var/run/docker/netns; a namespace
 * `ip netns add red` made is `<machine>/netns/red`. Made and read here only.
 */
import type { NetnsId } from "./linux/types";

export type NetnsPlace =
  | { kind: "root"; machine: string }
  | { kind: "sandbox"; machine: string; sandbox: string }
  | { kind: "named"; machine: string; name: string };

export const netnsIds = {
  root: (machine: string): NetnsId => machine,
  sandbox: (machine: string, sandboxId: string): NetnsId => `${machine}/${sandboxId.slice(0, 12)}`,
  daemon: (machine: string, file: string): NetnsId => `${machine}/${file}`,
  named: (machine: string, name: string): NetnsId => `${machine}/netns/${name}`,
};

/** What an id says: whose namespace it is, and which kind. */
export function netnsPlace(id: NetnsId): NetnsPlace {
  const slash = id.indexOf("/");
  if (slash < 0) return { kind: "root", machine: id };
  const machine = id.slice(0, slash);
  const rest = id.slice(slash + 1);
  return rest.startsWith("netns/")
    ? { kind: "named", machine, name: rest.slice("netns/".length) }
    : { kind: "sandbox", machine, sandbox: rest };
}

/** The name a namespace goes by on its machine: its file's (`1-abc`, `red`), or the machine's for its root. */
export function netnsName(id: NetnsId): string {
  const place = netnsPlace(id);
  return place.kind === "root" ? place.machine : place.kind === "named" ? place.name : place.sandbox;
}
