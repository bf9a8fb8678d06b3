import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { probe } from "../engine/probe";
import { createLab, hostSession, type Lab, run, runToEnd } from "../shell/lab";
import { type Cell, type Endpoint, endpointsOf, nameCheck, reachability } from "./reachability";

/** A namespace wired by hand onto docker0, as seed 002 does. */
const HANDMADE = [
  "ip netns add red",
  "ip link add veth-red type veth peer name veth-red-br",
  "ip link set veth-red netns red",
  "ip link set veth-red-br master docker0",
  "ip link set veth-red-br up",
  "ip netns exec red ip addr add 172.17.0.100/16 dev veth-red",
  "ip netns exec red ip link set veth-red up",
  "ip netns exec red ip link set lo up",
];

function labOf(lines: string[]): Lab {
  const lab = createLab();
  lab.sessions.push(hostSession("laptop", "laptop"));
  for (const line of lines) run(lab, line);
  return lab;
}

function cellAt(m: ReturnType<typeof reachability>, from: string, to: string): Cell {
  const i = m.endpoints.findIndex((e) => e.label === from);
  const j = m.endpoints.findIndex((e) => e.label === to);
  const cell = m.rows[i]?.[j];
  if (!cell) throw new Error(`no cell ${from} → ${to}`);
  return cell;
}

/** The line a student types at that endpoint to ping an address, and the session it runs in. */
function pingLine(e: Endpoint, address: string): [string, string | undefined] {
  const ping = `ping -c 1 -W 1 ${address}`;
  switch (e.kind) {
    case "container":
      return [`docker exec ${e.label.split(", ")[0]} ${ping}`, undefined];
    case "netns":
      return [`ip netns exec ${e.label} ${ping}`, undefined];
    case "host":
      return [ping, undefined];
    case "laptop":
      return [ping, "laptop"];
  }
}

/** Every cell agrees with a dry run of its own (a fresh copy of the world per check). */
function agreesWithProbes(lab: Lab, m: ReturnType<typeof reachability>): void {
  for (const row of m.rows)
    for (const cell of row) {
      if (!cell?.address) continue;
      const ping = probe(lab.world, cell.from.from, { host: cell.address });
      expect({ ok: cell.ping.ok, why: cell.ping.why }, `${cell.from.label} → ${cell.to.label}`).toEqual({
        ok: ping.ok,
        why: ping.ok ? undefined : ping.why,
      });
      for (const p of cell.ports) {
        const tcp = probe(lab.world, cell.from.from, { host: cell.address, port: p.port });
        expect(
          { ok: p.check.ok, why: p.check.why },
          `${cell.from.label} → ${cell.to.label}:${p.port}`,
        ).toEqual({ ok: tcp.ok, why: tcp.ok ? undefined : tcp.why });
      }
    }
}

describe("the reachability matrix", () => {
  const lines = [
    "docker network create front",
    "docker network create back",
    "docker network create --internal vault",
    "docker run -itd --name d1 busybox",
    "docker run -d --name web -p 8080:80 busybox httpd -f -p 80",
    "docker run -itd --name f1 --net front busybox",
    "docker run -itd --name b1 --net back busybox",
    "docker run -itd --name v1 --net vault busybox",
    "docker run -itd --name n1 --network none busybox",
    ...HANDMADE,
  ];

  it("has every endpoint: the host, containers, the hand-made namespace, the laptop; the world untouched", () => {
    const lab = labOf(lines);
    const before = JSON.stringify(lab.world);
    const m = reachability(lab.world);
    expect(JSON.stringify(lab.world)).toBe(before);
    expect(m.endpoints.map((e) => `${e.kind}:${e.label}`)).toEqual([
      "host:host1",
      "container:d1",
      "container:web",
      "container:f1",
      "container:b1",
      "container:v1",
      "container:n1",
      "netns:red",
      "laptop:laptop",
    ]);
    expect(m.endpoints.find((e) => e.label === "web")?.ports).toEqual([80]);
    expect(m.endpoints.find((e) => e.label === "host1")?.ports).toContain(8080);
    // No cell on the diagonal.
    expect(m.rows.every((row, i) => row[i] === undefined)).toBe(true);
  });

  it("says why each blocked pair is blocked, in Docker's terms", () => {
    const lab = labOf(lines);
    const m = reachability(lab.world);
    expect(cellAt(m, "f1", "b1").ping).toMatchObject({
      ok: false,
      hint: "isolated",
      why: { kind: "dropped", chain: expect.stringMatching(/^DOCKER-ISOLATION-STAGE-[12]$/) },
    });
    expect(cellAt(m, "v1", "laptop").ping).toMatchObject({
      ok: false,
      hint: "internal",
      why: { kind: "no-route" },
    });
    // The host is on every bridge: its gateway address on the internal network answers.
    expect(cellAt(m, "v1", "host1")).toMatchObject({ address: "172.20.0.1", ping: { ok: true } });
    expect(cellAt(m, "n1", "d1").ping).toMatchObject({ ok: false, hint: "none", why: { kind: "no-route" } });
    expect(cellAt(m, "d1", "n1").ping).toMatchObject({ ok: false, hint: "unaddressed" });
    expect(cellAt(m, "laptop", "web").ping).toMatchObject({ ok: false, hint: "private" });
    // The published port: the laptop reaches nginx through the host's address, DNAT and all.
    const published = cellAt(m, "laptop", "host1");
    expect(published.address).toBe("192.168.0.102");
    expect(published.ports.find((p) => p.port === 8080)?.check.ok).toBe(true);
    // The hand-made namespace is on docker0 like d1, and reaches it.
    expect(cellAt(m, "red", "d1").ping.ok).toBe(true);
    expect(cellAt(m, "d1", "red").ping.ok).toBe(true);
    expect(cellAt(m, "d1", "web").ports).toEqual([{ port: 80, check: { ok: true } }]);
    // By name: the default bridge has no embedded DNS; a user network has.
    const byName = nameCheck(lab.world, m.endpoints[1] as Endpoint, m.endpoints[2] as Endpoint);
    expect(byName).toMatchObject({
      name: "web",
      check: { ok: false, hint: "no-dns", why: { kind: "name" } },
    });
  });

  it("agrees with a real ping typed at each endpoint, for every pair", () => {
    const lab = labOf(lines);
    const m = reachability(lab.world);
    let reached = 0;
    for (const row of m.rows)
      for (const cell of row) {
        if (!cell?.address) continue;
        const copy = structuredClone(lab);
        const [line, session] = pingLine(cell.from, cell.address);
        const real = runToEnd(copy, line, session);
        expect(cell.ping.ok, `${line} (${cell.from.label} → ${cell.to.label})`).toBe(real.exit === 0);
        if (cell.ping.ok) reached++;
      }
    expect(reached).toBeGreaterThan(10);
    agreesWithProbes(lab, m);
  });

  it("agrees with a dry run of every check in random labs of networks, namespaces and published ports", () => {
    const step = fc.oneof(
      fc.constantFrom("bridge", "n1", "n2", "inner").map((net) => ({ kind: "run" as const, net })),
      fc.constantFrom("bridge", "n1", "n2").map((net) => ({ kind: "publish" as const, net })),
      fc.constant({ kind: "netns" as const }),
      fc.constant({ kind: "connect" as const }),
      fc.constant({ kind: "user-rule" as const }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 2, maxLength: 6 }), (steps) => {
        const lab = labOf([
          "docker network create n1",
          "docker network create n2",
          "docker network create --internal inner",
        ]);
        for (const [i, s] of steps.entries()) {
          if (s.kind === "run") run(lab, `docker run -itd --name c${i} --net ${s.net} busybox`);
          if (s.kind === "publish")
            run(lab, `docker run -d --name w${i} --net ${s.net} -p ${8000 + i}:80 nginx`);
          if (s.kind === "netns")
            for (const line of HANDMADE)
              run(lab, line.replaceAll("red", `ns${i}`).replace("172.17.0.100", `172.17.0.${100 + i}`));
          if (s.kind === "connect")
            run(lab, `docker run -itd --name x${i} --net n1 busybox && docker network connect n2 x${i}`);
          if (s.kind === "user-rule") run(lab, "iptables -I DOCKER-USER -d 172.18.0.0/16 -p tcp -j DROP");
        }
        const m = reachability(lab.world);
        expect(m.endpoints.length).toBeGreaterThanOrEqual(2);
        agreesWithProbes(lab, m);
      }),
      { numRuns: 12, seed: 20261207 },
    );
  });

  it("lists a container once per namespace, with every container that shares it", () => {
    const lab = labOf([
      "docker run -itd --name app busybox",
      "docker run -itd --name side --network container:app busybox",
    ]);
    expect(
      endpointsOf(lab.world)
        .filter((e) => e.kind === "container")
        .map((e) => e.label),
    ).toEqual(["app, side"]);
  });
});
