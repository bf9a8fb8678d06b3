/**
 * VXLAN on the wire between two Docker hosts: what a ping across an overlay network becomes on the
 * LAN (outer Ethernet/IPv4/UDP 4789/VXLAN between the hosts' eth0 addresses, the network's VNI, the
 * inner frame untouched, 50 bytes more), how it comes out on the other side, and the MTU refusal.
 */
import { describe, expect, it } from "vitest";
import { printed } from "../../shell/lab";
import { addressOn, ok, overlayAcross, type } from "../../testing/swarm-lab";
import { frameSize, VXLAN_OVERHEAD } from "./headers";
import type { Hop, Trace } from "./types";

const HOST1 = "192.168.0.102";
const HOST2 = "192.168.0.101";

function icmpTrace(traces: Trace[]): Trace {
  const t = traces.find((x) => x.protocol === "ICMP");
  if (!t) throw new Error("no ICMP trace");
  return t;
}

/** The hops on the LAN switch's namespace: what travels between the hosts. */
function onTheWire(t: Trace): Hop[] {
  return t.hops.filter((h) => h.netns === "lan");
}

describe("a ping across an overlay network", () => {
  const lab = overlayAcross();
  const vni = Number(
    ok(
      lab,
      `docker network inspect -f '{{index .Options "com.docker.network.driver.overlay.vxlanid_list"}}' ov`,
    ),
  );
  const c2 = addressOn(lab, "host2", "c2", "ov");
  const e = type(lab, `docker exec c1 ping -c 1 ${c2}`);
  const trace = icmpTrace(e.traces);

  it("gets its answer, from one subnet across both hosts", () => {
    expect(e.exit).toBe(0);
    expect(printed(e)).toContain(`64 bytes from ${c2}: seq=0 ttl=64`);
    expect(trace.outcome).toBe("delivered");
    expect(addressOn(lab, "host1", "c1", "ov").split(".").slice(0, 3)).toEqual(c2.split(".").slice(0, 3));
  });

  it("is wrapped on host1's vxlan0: outer IPv4/UDP 4789 from host1's eth0 to host2's, the network's VNI, the frame inside unchanged, 50 bytes more", () => {
    const wrap = trace.hops.find(
      (h) => h.ifname === "vxlan0" && h.decision === "rewritten" && h.packet.vxlan,
    );
    if (!wrap?.before || !wrap.packet.vxlan) throw new Error("no encapsulation hop");
    expect(wrap.netns.startsWith("host1/1-")).toBe(true);
    expect(wrap.packet.ip).toMatchObject({ src: HOST1, dst: HOST2, proto: "udp" });
    expect(wrap.packet.udp?.dport).toBe(4789);
    expect(wrap.packet.vxlan.vni).toBe(vni);
    expect(vni).toBeGreaterThanOrEqual(4096);
    expect(wrap.packet.vxlan.inner).toEqual(wrap.before);
    expect(wrap.before.icmp?.type).toBe("echo-request");
    const outer = trace.hops.find((h) => h.netns === "host1" && h.ifname === "eth0" && h.dir === "out");
    if (!outer) throw new Error("the outer packet never left host1's eth0");
    expect(frameSize(outer.packet) - frameSize(wrap.before)).toBe(VXLAN_OVERHEAD);
    expect(outer.packet.eth?.src).toBe(lab.world.netns.host1?.links.find((l) => l.name === "eth0")?.mac);
  });

  it("crosses the LAN only as UDP between the hosts' eth0 addresses, in both directions", () => {
    const wire = onTheWire(trace).filter((h) => h.packet.ip);
    expect(wire.length).toBeGreaterThan(0);
    for (const h of wire) {
      expect([h.packet.ip?.src, h.packet.ip?.dst].sort()).toEqual([HOST2, HOST1]);
      expect(h.packet.udp?.dport).toBe(4789);
      expect(h.packet.vxlan?.vni).toBe(vni);
    }
    const directions = new Set(wire.map((h) => h.packet.ip?.src));
    expect(directions).toEqual(new Set([HOST1, HOST2]));
  });

  it("is unwrapped on host2 into the very frame that went in, which then reaches c2", () => {
    const wrap = trace.hops.find((h) => h.netns.startsWith("host1/") && h.packet.vxlan && h.before);
    const unwrap = trace.hops.findIndex((h) => h.netns === "host2" && h.note.kind === "vxlan-decap");
    expect(unwrap).toBeGreaterThan(-1);
    const next = trace.hops[unwrap + 1];
    expect(next?.netns.startsWith("host2/1-")).toBe(true);
    expect(next?.ifname).toBe("vxlan0");
    expect(next?.packet).toEqual(wrap?.before);
    const arrived = trace.hops.find(
      (h) => h.decision === "delivered" && h.packet.icmp?.type === "echo-request" && h.packet.ip?.dst === c2,
    );
    expect(arrived?.netns).toBe(
      `host2/${lab.world.machines.host2?.docker?.containers.find((c) => c.name === "c2")?.netns?.split("/")[1]}`,
    );
  });

  it("shows the outer packets to tcpdump -i eth0 udp port 4789 on a host, the inner one after them", () => {
    ok(lab, `docker exec -d c1 ping -c 2 ${c2}`);
    const capture = type(lab, "tcpdump -l -n -i eth0 -c 2 udp port 4789");
    expect(printed(capture)).toMatch(
      new RegExp(
        `IP ${HOST1.replaceAll(".", "\\.")}\\.\\d+ > ${HOST2.replaceAll(".", "\\.")}\\.4789: VXLAN, flags \\[I\\] \\(0x08\\), vni ${vni}\\nIP [\\d.]+ > ${c2.replaceAll(".", "\\.")}: ICMP echo request`,
      ),
    );
  });
});

describe("the overlay's MTU", () => {
  const lab = overlayAcross();
  const c2 = addressOn(lab, "host2", "c2", "ov");
  const sandbox = "$(docker inspect -f '{{.NetworkSettings.SandboxKey}}' c1)";

  it("is 1450 on the containers' side: 1422 bytes of data with DF pass, wrapped into a 1500-byte outer packet", () => {
    const e = type(lab, `nsenter --net=${sandbox} ping -M do -s 1422 -c 1 ${c2}`);
    expect(e.exit).toBe(0);
    const outer = icmpTrace(e.traces).hops.find((h) => h.netns === "lan" && h.packet.vxlan);
    expect(outer?.packet.ip?.length).toBe(1500);
    expect(outer?.packet.vxlan?.inner.ip?.length).toBe(1450);
  });

  it("refuses 1472 bytes with DF before anything leaves, as on a real overlay", () => {
    const e = type(lab, `nsenter --net=${sandbox} ping -M do -s 1472 -c 1 ${c2}`);
    expect(e.exit).toBe(1);
    expect(printed(e)).toContain("ping: local error: message too long, mtu=1450");
    expect(e.traces.flatMap((t) => onTheWire(t))).toEqual([]);
  });
});
