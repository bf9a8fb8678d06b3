/**
 * Older lab documents brought to the current format, one version at a time, on plain JSON (nothing
 * here trusts its input: the result is checked against the schema afterwards).
 *
 * 1: what the first saves held, `{lab: {world, sessions}, activeSession, positions, ...}`, the world
 *    in its version 1 (every netfilter table and link counter present, no id pools).
 * 2: the same with the world in version 2 (the lab was stored gzip-packed, unpacked before this).
 * 3: `{format, version: 3, lab, view: {activeSession, positions}}`, the one document for saves,
 *    share links, files and messages.
 * 4: the same with the world in version 3 (each daemon has its era).
 */

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === "object" && x !== null && !Array.isArray(x);
const objects = (x: unknown): Json[] => (Array.isArray(x) ? x.filter(isObject) : []);
const values = (x: unknown): Json[] => (isObject(x) ? Object.values(x).filter(isObject) : []);

/** The pool the kernel would have now for numbers already in use: the next one above, and the gaps below. */
function poolOf(used: number[], first: number): { next: number; free?: number[] } {
  const next = used.length > 0 ? Math.max(...used) + 1 : first;
  const taken = new Set(used);
  const free: number[] = [];
  for (let n = first; n < next; n++) if (!taken.has(n)) free.push(n);
  return free.length > 0 ? { next, free } : { next };
}

function ipNumber(ip: unknown): number {
  return typeof ip === "string" ? ip.split(".").reduce((n, part) => n * 256 + Number(part), 0) : 0;
}

/** World 1 → 2: id pools for nsids and bridge ports, addresses in address order, the daemon's exit watch. */
function world1to2(world: Json): void {
  for (const ns of values(world.netns)) {
    delete ns.addrconf;
    const nsids = isObject(ns.nsids) ? Object.values(ns.nsids).filter((n) => typeof n === "number") : [];
    if (nsids.length > 0) ns.nsidPool = poolOf(nsids, 0);
    const links = objects(ns.links);
    for (const bridge of links.filter((l) => l.kind === "bridge")) {
      const ports = links
        .filter((l) => l.master === bridge.ifindex && typeof l.portNo === "number")
        .map((l) => l.portNo as number);
      if (ports.length > 0) bridge.portPool = poolOf(ports, 1);
    }
  }
  for (const machine of values(world.machines)) {
    const docker = machine.docker;
    if (!isObject(docker)) continue;
    for (const network of objects(docker.networks))
      if (Array.isArray(network.allocated))
        network.allocated = [...network.allocated].sort((a, b) => ipNumber(a) - ipNumber(b));
    // Settling looks at the containers at once and finds the next exit itself.
    if (objects(docker.containers).some((c) => isObject(c.main) && c.main.exitAt !== undefined))
      docker.nextExitAt = 0;
  }
  world.version = 2;
}

/** World 2 → 3: every daemon saved before eras existed ran engine 26. */
function world2to3(world: Json): void {
  for (const machine of values(world.machines)) if (isObject(machine.docker)) machine.docker.era = 26;
  world.version = 3;
}

const steps: Record<number, (doc: Json) => Json> = {
  1: (doc) => {
    const world = isObject(doc.lab) ? doc.lab.world : undefined;
    if (isObject(world) && world.version === 1) world1to2(world);
    return doc;
  },
  2: (doc) => ({
    format: "docker-network-lab",
    version: 3,
    lab: doc.lab,
    view: {
      ...(typeof doc.activeSession === "string" ? { activeSession: doc.activeSession } : {}),
      ...(isObject(doc.positions) ? { positions: doc.positions } : {}),
    },
  }),
  3: (doc) => {
    const world = isObject(doc.lab) ? doc.lab.world : undefined;
    if (isObject(world) && world.version === 2) world2to3(world);
    return { ...doc, version: 4 };
  },
};

/** The document brought from `version` to `target`, step by step. */
export function migrate(doc: Json, version: number, target: number): Json {
  let current = doc;
  for (let v = version; v < target; v++) {
    const step = steps[v];
    if (!step) throw new Error(`no migration from format ${v}`);
    current = step(current);
  }
  return current;
}
