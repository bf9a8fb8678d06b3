import { describe, expect, it } from "vitest";
import { createLab, type Lab, run } from "../../shell/lab";
import { hopLine } from "../../view/hop-note";
import type { Netns } from "../linux/types";
import { echoRequest } from "./exchange";
import { neighbourView } from "./neighbour";
import { finishTrace, type Sim, startSim } from "./sim";
import type { Hop } from "./types";

function containerNs(lab: Lab, name: string): Netns {
  const c = lab.world.machines.host1?.docker?.containers.find((x) => x.name === name);
  const ns = c?.netns ? lab.world.netns[c.netns] : undefined;
  if (!ns) throw new Error(`no running container ${name}`);
  return ns;
}

function twoOnDefaultBridge(): Lab {
  const lab = createLab();
  run(lab, "docker run -itd --name busy1 busybox");
  run(lab, "docker run -itd --name busy2 busybox");
  return lab;
}

/** "netns ifname dir decision" for each hop, with container namespaces named after their container. */
function path(lab: Lab, hops: Hop[]): string[] {
  const names = new Map<string, string>();
  for (const c of lab.world.machines.host1?.docker?.containers ?? []) if (c.netns) names.set(c.netns, c.name);
  return hops.map((h) => {
    const ns = names.get(h.netns) ?? h.netns;
    const ifname = h.ifname.startsWith("veth") ? "veth" : h.ifname;
    return `${ns} ${ifname} ${h.dir} ${h.decision}`;
  });
}

function ping(
  lab: Lab,
  from: Netns,
  dst: string,
  seq = 0,
): { sim: Sim; result: ReturnType<typeof echoRequest> } {
  const sim = startSim(lab.world);
  const result = echoRequest(sim, from, dst, { id: 7, seq, data: 56 });
  return { sim, result };
}

describe("the walk on the default bridge", () => {
  it("asks ARP, floods the request, learns the reply, then echoes across veth, bridge and veth", () => {
    const lab = twoOnDefaultBridge();
    const { sim, result } = ping(lab, containerNs(lab, "busy1"), "172.17.0.3");
    expect(result).toEqual({ kind: "reply", from: "172.17.0.3", ttl: 64, bytes: 64 });
    const trace = finishTrace(sim, "ICMP", "busy1 → 172.17.0.3", "delivered");
    const arp = trace.hops.filter((h) => h.packet.arp);
    const icmp = trace.hops.filter((h) => h.packet.icmp);
    expect(path(lab, arp)).toEqual([
      "busy1 eth0 out sent",
      "host1 veth in crossed",
      "host1 docker0 in flooded",
      "host1 docker0 in dropped",
      "host1 veth out flooded",
      "busy2 eth0 in crossed",
      "busy2 eth0 in answered",
      "busy2 eth0 out sent",
      "host1 veth in crossed",
      "host1 docker0 in forwarded",
      "host1 veth out forwarded",
      "busy1 eth0 in crossed",
      "busy1 eth0 in delivered",
    ]);
    expect(arp[0] && hopLine(arp[0])).toBe("ARP who-has 172.17.0.3 tell 172.17.0.2");
    expect(arp[2] && hopLine(arp[2])).toMatch(
      /^ARP who-has 172\.17\.0\.3 tell 172\.17\.0\.2: flooded to veth[0-9a-f]{7}, docker0$/,
    );
    expect(arp[6] && hopLine(arp[6])).toBe(
      "ARP who-has 172.17.0.3 tell 172.17.0.2: 172.17.0.3 is-at 02:42:ac:11:00:03",
    );
    expect(path(lab, icmp)).toEqual([
      "busy1 eth0 out sent",
      "host1 veth in crossed",
      "host1 docker0 in forwarded",
      "host1 veth out forwarded",
      "busy2 eth0 in crossed",
      "busy2 eth0 in delivered",
      "busy2 eth0 out sent",
      "host1 veth in crossed",
      "host1 docker0 in forwarded",
      "host1 veth out forwarded",
      "busy1 eth0 in crossed",
      "busy1 eth0 in delivered",
    ]);
    const lastArp = trace.hops.indexOf(arp[arp.length - 1] as Hop);
    expect(trace.hops.indexOf(icmp[0] as Hop)).toBeGreaterThan(lastArp);
    expect(icmp[0] && hopLine(icmp[0])).toBe("ICMP 172.17.0.2 > 172.17.0.3 echo request id 7 seq 0");
    expect(icmp[6] && hopLine(icmp[6])).toBe("ICMP 172.17.0.3 > 172.17.0.2 echo reply id 7 seq 0");
    // Times only move forward, in microseconds.
    for (let i = 1; i < trace.hops.length; i++)
      expect(trace.hops[i]?.t).toBeGreaterThanOrEqual(trace.hops[i - 1]?.t ?? 0);
  });

  it("leaves what a kernel leaves: neighbours, learned MACs and counters", () => {
    const lab = twoOnDefaultBridge();
    const busy1 = containerNs(lab, "busy1");
    const busy2 = containerNs(lab, "busy2");
    const start = lab.world.clock;
    ping(lab, busy1, "172.17.0.3");
    const learned = busy1.neigh.find((n) => n.ip === "172.17.0.3");
    expect(learned?.mac).toBe("02:42:ac:11:00:03");
    expect(learned && neighbourView(learned, start + 1000).state).toBe("REACHABLE");
    expect(learned && neighbourView(learned, start + 31_000).state).toBe("STALE");
    // busy2 learned busy1 from the request (STALE), and using that entry for the reply put it in DELAY.
    const back = busy2.neigh.find((n) => n.ip === "172.17.0.2");
    expect(back?.state).toBe("DELAY");
    expect(back && neighbourView(back, start + 6000).state).toBe("REACHABLE");
    const docker0 = lab.world.netns.host1?.links.find((l) => l.name === "docker0");
    const learnt = docker0?.fdb?.filter((e) => !e.local).map((e) => e.mac);
    expect(learnt).toEqual(["02:42:ac:11:00:02", "02:42:ac:11:00:03"]);
    const eth0 = busy1.links.find((l) => l.name === "eth0");
    // ARP request and echo request out (42 + 98 bytes), ARP reply and echo reply in.
    expect(eth0?.stats).toEqual({ rxPackets: 2, rxBytes: 140, txPackets: 2, txBytes: 140 });
  });

  it("is fast: a warm echo exchange costs little, the first one pays for ARP", () => {
    const lab = twoOnDefaultBridge();
    const busy1 = containerNs(lab, "busy1");
    const first = ping(lab, busy1, "172.17.0.3", 0).sim.t - lab.world.clock;
    const second = ping(lab, busy1, "172.17.0.3", 1).sim.t - lab.world.clock;
    expect(first).toBeGreaterThan(0.2);
    expect(first).toBeLessThan(1.6);
    expect(second).toBeLessThan(0.2);
  });
});

describe("routing, NAT and the way out", () => {
  it("masquerades a container's packet to the host's address, then to the router's, and undoes both", () => {
    const lab = twoOnDefaultBridge();
    const { sim, result } = ping(lab, containerNs(lab, "busy1"), "8.8.8.8");
    expect(result).toEqual({ kind: "reply", from: "8.8.8.8", ttl: 116, bytes: 64 });
    const rewrites = sim.hops
      .filter((h) => h.decision === "rewritten")
      .map((h) => `${h.netns} ${hopLine(h)}`);
    expect(rewrites).toEqual([
      "host1 SNAT 172.17.0.2 -> 192.168.0.102 (MASQUERADE)",
      "router SNAT 192.168.0.102 -> 100.64.0.2 (MASQUERADE)",
      "router un-SNAT 100.64.0.2 -> 192.168.0.102 (conntrack ESTABLISHED)",
      "host1 un-SNAT 192.168.0.102 -> 172.17.0.2 (conntrack ESTABLISHED)",
    ]);
    const masquerade = sim.hops.find((h) => h.netns === "host1" && h.decision === "rewritten");
    expect(masquerade?.rule).toBe("-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE");
    expect(masquerade?.before?.ip?.src).toBe("172.17.0.2");
    expect(masquerade?.packet.ip?.src).toBe("192.168.0.102");
    const entry = lab.world.netns.host1?.conntrack.find((e) => e.proto === "icmp");
    expect(entry?.orig).toEqual({ src: "172.17.0.2", dst: "8.8.8.8", sport: 7, dport: 0 });
    expect(entry?.reply).toEqual({ src: "8.8.8.8", dst: "192.168.0.102", sport: 7, dport: 0 });
    expect(entry?.replied).toBe(true);
  });

  it("says Network is unreachable when there is no route, and Host Unreachable when ARP gets no answer", () => {
    const lab = createLab();
    run(lab, "docker run -d --network none --name n1 busybox sleep 3600");
    run(lab, "docker run -itd --name busy1 busybox");
    expect(ping(lab, containerNs(lab, "n1"), "172.17.0.1").result).toEqual({
      kind: "local",
      errno: "ENETUNREACH",
      from: "",
    });
    const { sim, result } = ping(lab, containerNs(lab, "busy1"), "172.17.0.99");
    expect(result).toEqual({ kind: "local", errno: "EHOSTUNREACH", from: "172.17.0.2" });
    // Three probes a second apart, then the neighbour fails.
    expect(sim.t - lab.world.clock).toBeGreaterThan(3000);
    expect(containerNs(lab, "busy1").neigh.find((n) => n.ip === "172.17.0.99")?.state).toBe("FAILED");
  });

  it("on the recording instrument's host, what leaves eth0 is gone", () => {
    const lab = createLab({ offline: true });
    run(lab, "docker run -itd --name busy1 busybox");
    const { sim, result } = ping(lab, containerNs(lab, "busy1"), "8.8.8.8");
    expect(result).toEqual({ kind: "timeout" });
    const last = sim.hops[sim.hops.length - 1];
    expect(`${last?.netns} ${last?.ifname} ${last?.decision}`).toBe("host1 eth0 dropped");
  });
});
