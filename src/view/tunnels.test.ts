import { describe, expect, it } from "vitest";
import { overlayAcross, type } from "../testing/swarm-lab";
import { draw } from "./cables";
import { hopDetails } from "./details";
import { graphModel } from "./graph-model";
import { rectsOf, tidyLayout } from "./layout";
import { addressesOf, hopsOf, summaryOf, tokensAt } from "./packet-tokens";

describe("overlay tunnels on the graph", () => {
  it("draws each overlay up on two hosts as a lane above them, and a wrapped ping travels it", () => {
    const lab = overlayAcross();
    const model = graphModel(lab.world);
    expect(
      model.tunnels.map((t) => [t.network, t.vni, t.members.map((m) => `${m.machine} ${m.address}`)]),
    ).toEqual([
      ["ingress", 4096, ["host1 192.168.0.102", "host2 192.168.0.101"]],
      ["ov", 4097, ["host1 192.168.0.102", "host2 192.168.0.101"]],
    ]);
    const rects = rectsOf(model, tidyLayout(model));
    const drawing = draw(model, rects);
    const hostsTop = Math.min(rects["host:host1"]?.y ?? 0, rects["host:host2"]?.y ?? 0);
    expect(drawing.tunnels.map((l) => l.y < hostsTop)).toEqual([true, true]);
    // ingress nearest the hosts, ov above it.
    expect((drawing.tunnels[1]?.y ?? 0) < (drawing.tunnels[0]?.y ?? 0)).toBe(true);

    const traces = type(lab, "docker exec c1 ping -c 1 c2").traces;
    const { flat } = hopsOf(traces);
    const onLan = flat.findIndex((f) => f.at.packet.vxlan && f.at.netns === "lan");
    const hop = flat[onLan]?.at;
    if (!hop) throw new Error("the ping crosses the LAN wrapped");
    expect(addressesOf(hop.packet)).toMatch(/^192\.168\.0\.102:\d+ → 192\.168\.0\.101:4789 VNI 4097$/);
    expect(summaryOf(hop.packet)).toBe("⟨ICMP 10.0.1.2 → 10.0.1.4 echo request⟩");
    // The inspector: the outer headers around the inner frame, and what the wrapping costs.
    const sections = hopDetails(hop, "lan port1", 0).sections;
    expect(sections.map((x) => x.title).filter((x) => x !== "Hop")).toEqual([
      "Outer Ethernet",
      "Outer IPv4",
      "Outer UDP",
      "VXLAN",
      "Inner Ethernet",
      "Inner IPv4",
      "Inner ICMP",
    ]);
    expect(sections.find((x) => x.title === "Outer UDP")?.rows).toContainEqual(["destination port", "4789"]);
    expect(sections.find((x) => x.title === "VXLAN")?.rows).toEqual([
      ["VNI", "4097"],
      [
        "overhead",
        "+50 bytes on the wire (IPv4 20, UDP 8, VXLAN 8, the inner Ethernet 14): why the overlay's MTU is 1450",
      ],
    ]);
    const [token] = tokensAt(model, drawing, traces, onLan);
    const lane = drawing.tunnels[1];
    // From host1's root namespace up its drop to the ov lane, not through the switch on the left.
    expect(token?.path[0]).toEqual(lane?.drops.host1?.centre);
    expect(token?.path.at(-1)?.y).toBe(lane?.y);
    const switchRight = (rects["m:lan"]?.x ?? 0) + (rects["m:lan"]?.w ?? 0);
    expect(token?.path.every((p) => p.x > switchRight)).toBe(true);
    // Arriving: down host2's drop to its root namespace.
    const arrival = flat.findIndex((f, i) => i > onLan && f.at.packet.vxlan && f.at.netns === "host2");
    expect(tokensAt(model, drawing, traces, arrival)[0]?.path.at(-1)).toEqual(lane?.drops.host2?.centre);
  });

  it("draws no tunnel for an overlay up on one host only", () => {
    const lab = overlayAcross();
    type(lab, "docker rm -f c2", "host2");
    type(lab, "sleep 1", "host2");
    expect(graphModel(lab.world).tunnels.map((t) => t.network)).toEqual(["ingress"]);
  });
});
