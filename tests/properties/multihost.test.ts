/**
 * Random sequences across several Docker hosts: swarm init/join/leave, hosts added and removed,
 * overlay networks, containers attached on any host, services created, scaled, updated and removed,
 * virtual time passing. After every step the invariants of each host and of the cluster hold
 * (src/testing/invariants.ts: addresses handed out once cluster-wide, each vxlan0 carrying its
 * network's VNI over its own eth0, every forwarding entry a real peer's); a ping between two
 * containers on one overlay is answered wherever they run; the lab stays plain data.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRunning, isTaskContainer } from "../../src/engine/docker/lookup";
import { dockerHosts, lanAddress } from "../../src/engine/hosts";
import { createLab, type Lab, printed, runToEnd } from "../../src/shell/lab";
import { checkInvariants } from "../../src/testing/invariants";

/** FUZZ_SEED and MULTIHOST_RUNS reproduce a run or hunt longer, as the fuzzer's FUZZ_SEED does. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.MULTIHOST_RUNS ?? 150);

const HOSTS = ["host1", "host2", "host3"];
const CONTAINERS = ["c1", "c2", "c3"];
const OVERLAYS = ["ov1", "ov2"];

type Step =
  | { kind: "line"; host: string; line: string }
  | { kind: "join"; host: string; as: "worker" | "manager" }
  | { kind: "add-host" }
  | { kind: "remove-host"; host: string };

const host = fc.constantFrom(...HOSTS);
const container = fc.constantFrom(...CONTAINERS);
const overlay = fc.constantFrom(...OVERLAYS);
const on = (h: string, line: string): Step => ({ kind: "line", host: h, line });

const step: fc.Arbitrary<Step> = fc.oneof(
  host.map((h) => ({ kind: "line", host: h, line: "SWARM-INIT" }) as Step),
  fc
    .tuple(host, fc.constantFrom("worker", "manager") as fc.Arbitrary<"worker" | "manager">)
    .map(([h, as]) => ({ kind: "join", host: h, as }) as Step),
  fc
    .tuple(host, fc.constantFrom("docker swarm leave", "docker swarm leave --force"))
    .map(([h, l]) => on(h, l)),
  fc
    .tuple(host, overlay, fc.constantFrom("", " --subnet 10.20.0.0/24", " --opt encrypted"))
    .map(([h, n, o]) => on(h, `docker network create -d overlay --attachable${o} ${n}`)),
  fc.tuple(host, overlay).map(([h, n]) => on(h, `docker network rm ${n}`)),
  fc
    .tuple(host, container, overlay)
    .map(([h, c, n]) => on(h, `docker run -dit --name ${c} --network ${n} busybox`)),
  fc.tuple(host, container).map(([h, c]) => on(h, `docker rm -f ${c}`)),
  fc
    .tuple(host, container, fc.constantFrom("stop -t 1", "start"))
    .map(([h, c, op]) => on(h, `docker ${op} ${c}`)),
  fc
    .tuple(host, fc.integer({ min: 0, max: 3 }), overlay, fc.boolean())
    .map(([h, n, net, publish]) =>
      on(
        h,
        `docker service create -d --name web --replicas ${n} --network ${net}${publish ? " -p 8080:80" : ""} busybox httpd -f -p 80`,
      ),
    ),
  fc.tuple(host, fc.integer({ min: 0, max: 4 })).map(([h, n]) => on(h, `docker service scale -d web=${n}`)),
  fc.tuple(host, overlay).map(([h, n]) => on(h, `docker service update -d --network-add ${n} web`)),
  host.map((h) => on(h, "docker service rm web")),
  fc.tuple(host, host).map(([h, other]) => on(h, `docker node rm --force ${other}`)),
  host.map((h) => on(h, "sleep 12")),
  fc.constant({ kind: "add-host" } as Step),
  host.map((h) => ({ kind: "remove-host", host: h }) as Step),
);

function tab(lab: Lab, machine: string): string | undefined {
  return lab.sessions.find((s) => s.frames[0]?.machine === machine)?.id;
}

/** Runs a step; a step on a host the lab does not have (yet) is skipped. */
function apply(lab: Lab, s: Step): void {
  // Hosts come and go as a student adds and removes them: `lab host add|rm` typed on host1.
  if (s.kind === "add-host" || s.kind === "remove-host") {
    const line = s.kind === "add-host" ? "lab host add" : `lab host rm ${s.host}`;
    if (s.kind === "add-host" && dockerHosts(lab.world).length >= HOSTS.length) return;
    const e = runToEnd(lab, line, tab(lab, "host1"));
    // Refused (host1, containers or a swarm on it, no such host): the lab says why; nothing changes.
    if (e.exit !== 0) expect(printed(e)).not.toBe("");
    // Every Docker host has its tab, and no tab is left on a host that went.
    expect(new Set(lab.sessions.map((x) => x.frames[0]?.machine))).toEqual(
      new Set(dockerHosts(lab.world).map((m) => m.name)),
    );
    return;
  }
  const id = tab(lab, s.host);
  const m = lab.world.machines[s.host];
  if (!id || !m) return;
  if (s.kind === "join") {
    const manager = dockerHosts(lab.world).find((x) => x.docker?.swarm && x.name !== s.host);
    if (!manager) return;
    const token = printed(runToEnd(lab, `docker swarm join-token -q ${s.as}`, tab(lab, manager.name))).trim();
    const addr = lanAddress(lab.world, manager);
    runToEnd(lab, `docker swarm join --token ${token} ${addr}:2377`, id);
    return;
  }
  const line =
    s.line === "SWARM-INIT" ? `docker swarm init --advertise-addr ${lanAddress(lab.world, m)}` : s.line;
  const e = runToEnd(lab, line, id, 20_000);
  expect(Number.isInteger(e.exit) && e.exit >= 0 && e.exit <= 255, `${line}: exit ${e.exit}`).toBe(true);
  if (e.exit !== 0) expect(printed(e), `${line} failed without a word`).not.toBe("");
}

/** Two running containers on one overlay, anywhere in a swarm: the first pings the second (true if it could). */
function pingAcross(lab: Lab): boolean {
  const running = dockerHosts(lab.world).flatMap((m) =>
    (m.docker?.containers ?? [])
      .filter((c) => isRunning(c) && !isTaskContainer(c))
      .flatMap((c) => c.endpoints.filter((e) => e.ip).map((e) => ({ m, c, e }))),
  );
  for (const a of running) {
    const b = running.find((x) => x.c !== a.c && x.e.networkId === a.e.networkId);
    const sameSwarm = b && a.m.docker?.swarm?.cluster === b.m.docker?.swarm?.cluster;
    const isOverlay = a.m.docker?.networks.find((n) => n.id === a.e.networkId)?.driver === "overlay";
    if (!b || !sameSwarm || !isOverlay) continue;
    const e = runToEnd(lab, `docker exec ${a.c.name} ping -c 1 -W 1 ${b.e.ip}`, tab(lab, a.m.name));
    expect(e.exit, `${a.c.name}@${a.m.name} → ${b.c.name}@${b.m.name} ${b.e.ip}:\n${printed(e)}`).toBe(0);
    return a.m !== b.m;
  }
  return false;
}

/** Where each sequence starts: host1 manages a swarm host2 has joined; c1 (host1) and c2 (host2) on overlay ov1. */
const base = createLab({ seed: 5, dockerHosts: 2 });
for (const s of [on("host1", "SWARM-INIT"), { kind: "join", host: "host2", as: "worker" } as Step])
  apply(base, s);
apply(base, on("host1", "docker network create -d overlay --attachable ov1"));
apply(base, on("host1", "docker run -dit --name c1 --network ov1 busybox"));
apply(base, on("host2", "docker run -dit --name c2 --network ov1 busybox"));

describe("sequences across several Docker hosts", () => {
  it("keep every host's and the cluster's invariants, and overlays answer across hosts", () => {
    let across = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 14 }), (steps) => {
        const lab = structuredClone(base);
        for (const s of steps) {
          apply(lab, s);
          checkInvariants(lab);
        }
        runToEnd(lab, "sleep 12");
        checkInvariants(lab);
        if (pingAcross(lab)) across++;
        expect(JSON.parse(JSON.stringify(lab.world))).toEqual(lab.world);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The sequences do reach the interesting states: pings between hosts over an overlay.
    expect(across).toBeGreaterThan(5);
  }, 300_000);
});
