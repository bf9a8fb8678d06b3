import { describe, expect, it } from "vitest";
import { createLab } from "../../lab";
import { sh, untimed } from "./test-helpers";

const LOST = (ip: string) =>
  [
    `PING ${ip} (${ip}): 56 data bytes`,
    "",
    `--- ${ip} ping statistics ---`,
    "1 packets transmitted, 0 packets received, 100% packet loss",
    "",
  ].join("\n");

describe("what Docker's iptables rules keep apart (11-iptables)", () => {
  it("two bridges cannot reach each other until docker network connect", () => {
    const lab = createLab();
    sh(lab, "docker network create net_a");
    sh(lab, "docker network create net_b");
    sh(lab, "docker run -itd --name a1 --net net_a busybox");
    sh(lab, "docker run -itd --name b1 --net net_b busybox");
    const blocked = sh(lab, "docker exec a1 ping -c 1 -W 1 172.19.0.2");
    expect(blocked).toMatchObject({ out: LOST("172.19.0.2"), exit: 1 });
    const drop = blocked.traces.flatMap((t) => t.hops).find((h) => h.decision === "dropped" && h.rule);
    const bridgeB = lab.world.netns.host1?.links.find(
      (l) => l.name.startsWith("br-") && l.addrs[0]?.ip === "172.19.0.1",
    );
    expect(drop?.rule).toBe(`-A DOCKER-ISOLATION-STAGE-2 -o ${bridgeB?.name} -j DROP`);
    expect(drop?.note).toEqual({
      kind: "rule",
      chain: "DOCKER-ISOLATION-STAGE-2",
      target: "DROP",
      rule: `-A DOCKER-ISOLATION-STAGE-2 -o ${bridgeB?.name} -j DROP`,
    });
    const rule = lab.world.netns.host1?.netfilter.filter
      ?.find((c) => c.name === "DOCKER-ISOLATION-STAGE-2")
      ?.rules.find((r) => r.out?.value === bridgeB?.name);
    expect([rule?.pkts, rule?.bytes]).toEqual([1, 84]);
    expect(sh(lab, "docker exec a1 ping -c 1 -W 1 b1")).toMatchObject({
      out: "ping: bad address 'b1'\n",
      exit: 1,
    });
    // The other bridge's gateway is the host itself: INPUT, not FORWARD.
    expect(sh(lab, "docker exec a1 ping -c 1 -W 1 172.19.0.1").exit).toBe(0);
    sh(lab, "docker network connect net_b a1");
    expect(untimed(sh(lab, "docker exec a1 ping -c 1 b1").out).split("\n")[1]).toBe(
      "64 bytes from 172.19.0.2: seq=0 ttl=64 time=T ms",
    );
  });

  it("--internal keeps a network's containers to themselves", () => {
    const lab = createLab();
    sh(lab, "docker network create --internal net_int");
    sh(lab, "docker run -itd --name i1 --net net_int busybox");
    sh(lab, "docker run -itd --name i2 --net net_int busybox");
    expect(sh(lab, "docker exec i1 ping -c 1 -W 1 i2").exit).toBe(0);
    expect(sh(lab, "docker exec i1 ping -c 1 -W 1 192.168.0.102")).toMatchObject({
      out: "PING 192.168.0.102 (192.168.0.102): 56 data bytes\nping: sendto: Network is unreachable\n",
      exit: 1,
    });
    expect(sh(lab, "docker exec i1 ping -c 1 -W 1 172.18.0.1").exit).toBe(0);
  });

  it("enable_icc=false drops traffic between containers of the network, not to the gateway", () => {
    const lab = createLab();
    sh(lab, "docker network create -o com.docker.network.bridge.enable_icc=false net_noicc");
    sh(lab, "docker run -itd --name q1 --net net_noicc busybox");
    sh(lab, "docker run -itd --name q2 --net net_noicc busybox");
    const blocked = sh(lab, "docker exec q1 ping -c 1 -W 1 q2");
    expect(blocked.out).toBe(LOST("q2").replace("PING q2 (q2)", "PING q2 (172.18.0.3)"));
    const bridge = lab.world.netns.host1?.links.find((l) => l.addrs[0]?.ip === "172.18.0.1")?.name;
    const drop = blocked.traces.flatMap((t) => t.hops).find((h) => h.decision === "dropped" && h.rule);
    expect(drop?.rule).toBe(`-A FORWARD -i ${bridge} -o ${bridge} -j DROP`);
    expect(sh(lab, "docker exec q1 ping -c 1 -W 1 172.18.0.1").exit).toBe(0);
    expect(sh(lab, "docker exec q1 ping -c 1 -W 1 192.168.0.102").exit).toBe(0);
  });

  it("the default bridge reaches the internet, masqueraded twice on the way", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name busy1 busybox");
    const r = sh(lab, "docker exec busy1 ping -c 1 8.8.8.8");
    const snat = r.traces
      .flatMap((t) => t.hops)
      .filter((h) => h.note.kind === "nat" && h.note.nat === "MASQUERADE");
    expect(snat.map((h) => [h.netns, h.note])).toEqual([
      ["host1", { kind: "nat", nat: "MASQUERADE", from: "172.17.0.2", to: "192.168.0.102" }],
      ["router", { kind: "nat", nat: "MASQUERADE", from: "192.168.0.102", to: "100.64.0.2" }],
    ]);
    const reached = r.traces
      .flatMap((t) => t.hops)
      .find((h) => h.netns === "dns.google" && h.decision === "delivered");
    expect(reached?.packet.ip?.src).toBe("100.64.0.2");
  });
});
