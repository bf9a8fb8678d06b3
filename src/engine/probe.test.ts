import { describe, expect, it } from "vitest";
import { createLab, hostSession, type Lab, printed, run, runToEnd } from "../shell/lab";
import { type ProbeFrom, type ProbeResult, probe } from "./probe";

/** Probes, then checks the world was left exactly as it was. */
function dryRun(lab: Lab, from: ProbeFrom, host: string, port?: number): ProbeResult {
  const before = JSON.stringify(lab.world);
  const result = probe(lab.world, from, port === undefined ? { host } : { host, port });
  expect(JSON.stringify(lab.world)).toBe(before);
  return result;
}

/** The probe and a real ping from the same container agree: it gets through exactly when ping gets a reply. */
function agreesWithPing(lab: Lab, from: string, host: string): ProbeResult {
  const result = dryRun(lab, { container: from }, host);
  const real = runToEnd(lab, `docker exec ${from} ping -c 1 -W 1 ${host}`);
  expect(result.ok, `${from} → ${host}: ${printed(real)}`).toBe(real.exit === 0);
  return result;
}

describe("probe: a dry-run walk through the datapath", () => {
  it("on the default bridge: by address yes, by name no (no embedded DNS), and the world untouched", () => {
    const lab = createLab();
    run(lab, "docker run -itd --name busy1 busybox");
    run(lab, "docker run -itd --name busy2 busybox");
    expect(agreesWithPing(lab, "busy1", "172.17.0.3")).toMatchObject({ ok: true, address: "172.17.0.3" });
    expect(agreesWithPing(lab, "busy1", "busy2")).toMatchObject({
      ok: false,
      why: { kind: "name", name: "busy2", resolution: "nxdomain" },
    });
  });

  it("a user network resolves names through 127.0.0.11, as real DNS packets", () => {
    const lab = createLab();
    run(lab, "docker network create mynet");
    run(lab, "docker run -itd --name app --net mynet busybox");
    run(lab, "docker run -itd --name store --net mynet --network-alias db busybox");
    const r = agreesWithPing(lab, "app", "db");
    expect(r).toMatchObject({ ok: true, address: "172.18.0.3" });
    expect(
      r.hops.some((h) => h.packet.dns?.question.name === "db" && h.packet.ip?.dst === "127.0.0.11"),
    ).toBe(true);
  });

  it("names the rule that drops traffic between two bridges, until docker network connect", () => {
    const lab = createLab();
    run(lab, "docker network create net_a");
    run(lab, "docker network create net_b");
    run(lab, "docker run -itd --name a1 --net net_a busybox");
    run(lab, "docker run -itd --name b1 --net net_b busybox");
    const r = agreesWithPing(lab, "a1", "172.19.0.2");
    expect(r.ok ? undefined : r.why).toMatchObject({
      kind: "dropped",
      netns: "host1",
      chain: "DOCKER-ISOLATION-STAGE-2",
      rule: expect.stringMatching(/^-A DOCKER-ISOLATION-STAGE-2 -o br-[0-9a-f]{12} -j DROP$/),
    });
    run(lab, "docker network connect net_b a1");
    expect(agreesWithPing(lab, "a1", "b1").ok).toBe(true);
  });

  it("says when there is no route (an --internal network) and when a DOCKER-USER rule drops", () => {
    const lab = createLab();
    run(lab, "docker network create --internal closed");
    run(lab, "docker run -itd --name inside --net closed busybox");
    run(lab, "docker run -itd --name out busybox");
    expect(agreesWithPing(lab, "inside", "8.8.8.8")).toMatchObject({
      ok: false,
      why: { kind: "no-route", dst: "8.8.8.8" },
    });
    expect(agreesWithPing(lab, "out", "8.8.8.8").ok).toBe(true);
    run(lab, "iptables -I DOCKER-USER -s 172.17.0.2 -j DROP");
    expect(agreesWithPing(lab, "out", "8.8.8.8")).toMatchObject({
      ok: false,
      why: { kind: "dropped", chain: "DOCKER-USER", rule: "-A DOCKER-USER -s 172.17.0.2/32 -j DROP" },
    });
  });

  it("follows a published port from the host and from the laptop, as curl does", () => {
    const lab = createLab();
    lab.sessions.push(hostSession("laptop", "laptop"));
    run(lab, "docker run -d --name web -p 8080:80 nginx");
    expect(dryRun(lab, { machine: "host1" }, "localhost", 8080)).toMatchObject({ ok: true });
    expect(dryRun(lab, { machine: "laptop" }, "192.168.0.102", 8080)).toMatchObject({ ok: true });
    expect(
      runToEnd(lab, "curl -s -o /dev/null -w '%{http_code}' 192.168.0.102:8080", "laptop"),
    ).toMatchObject({
      exit: 0,
    });
    // Nothing published on 8081: the host's own stack answers with a reset.
    expect(dryRun(lab, { machine: "laptop" }, "192.168.0.102", 8081)).toMatchObject({
      ok: false,
      why: { kind: "refused" },
    });
    expect(runToEnd(lab, "curl -s 192.168.0.102:8081", "laptop").exit).toBe(7);
  });

  it("an app bound to 127.0.0.1 in its container: docker-proxy accepts, then the connection is reset", () => {
    const lab = createLab();
    run(lab, "docker run -d --name web -p 8080:80 busybox httpd -f -p 127.0.0.1:80");
    expect(dryRun(lab, { machine: "host1" }, "localhost", 8080)).toMatchObject({
      ok: false,
      why: { kind: "reset" },
    });
    expect(printed(runToEnd(lab, "curl localhost:8080"))).toBe(
      "curl: (56) Recv failure: Connection reset by peer\n",
    );
    // Inside its own namespace the app answers on 127.0.0.1.
    expect(dryRun(lab, { container: "web" }, "127.0.0.1", 80)).toMatchObject({ ok: true });
  });

  it("from a namespace made by hand, and from sources that cannot send", () => {
    const lab = createLab();
    run(lab, "ip netns add red");
    expect(dryRun(lab, { netns: "host1/netns/red" }, "172.17.0.1")).toMatchObject({
      ok: false,
      why: { kind: "no-route", netns: "host1/netns/red" },
    });
    run(lab, "docker create --name idle busybox");
    expect(dryRun(lab, { container: "idle" }, "8.8.8.8")).toMatchObject({
      ok: false,
      why: { kind: "no-source", detail: "not-running" },
    });
    expect(dryRun(lab, { container: "nosuch" }, "8.8.8.8")).toMatchObject({
      ok: false,
      why: { kind: "no-source", detail: "container" },
    });
  });

  it("agrees with a real ping for every pair in a lab with every kind of network", () => {
    const lab = createLab();
    for (const line of [
      "docker network create front",
      "docker network create back",
      "docker network create --internal vault",
      "docker run -itd --name d1 busybox",
      "docker run -itd --name d2 --link d1 busybox",
      "docker run -itd --name f1 --net front busybox",
      "docker run -itd --name b1 --net back busybox",
      "docker run -itd --name fb --net front busybox",
      "docker network connect back fb",
      "docker run -itd --name v1 --net vault busybox",
      "docker run -itd --name h1 --network host busybox",
      "docker run -itd --name n1 --network none busybox",
      "docker run -itd --name c1 --network container:f1 busybox",
    ])
      run(lab, line);
    const sources = ["d1", "d2", "f1", "b1", "fb", "v1", "h1", "n1", "c1"];
    const targets = [
      ...sources,
      "172.17.0.2",
      "172.18.0.2",
      "172.19.0.2",
      "172.20.0.2",
      "8.8.8.8",
      "example.com",
      "192.168.0.105",
    ];
    let reached = 0;
    for (const from of sources) for (const to of targets) if (agreesWithPing(lab, from, to).ok) reached++;
    // Neither all nor nothing: the lab has both kinds of pair.
    expect(reached).toBeGreaterThan(20);
    expect(reached).toBeLessThan(sources.length * targets.length - 20);
  });
});
