import { describe, expect, it } from "vitest";
import { run } from "../shell/lab";
import { draw, packetPath } from "./cables";
import { portPlaces, type Rect } from "./geometry";
import { type GraphNode, graphModel, locate } from "./graph-model";
import { layout, rectsOf, tidyLayout } from "./layout";
import { connect, container, lab, userNetwork } from "./test-worlds";

function overlapping(rects: Record<string, Rect>, ids: string[]): string[] {
  const out: string[] = [];
  for (const a of ids) {
    for (const b of ids) {
      const r = rects[a];
      const s = rects[b];
      if (a < b && r && s && r.x < s.x + s.w && s.x < r.x + r.w && r.y < s.y + s.h && s.y < r.y + r.h)
        out.push(`${a} × ${b}`);
    }
  }
  return out;
}

const boxes = (m: ReturnType<typeof graphModel>) => m.nodes.filter((n) => n.kind !== "host").map((n) => n.id);

describe("layout", () => {
  it("lays a default lab out from the outside in, host namespace over bridges over containers, nothing overlapping", () => {
    const l = lab(
      "docker run -d --name busy1 busybox sleep 3600",
      "docker run -d --name busy2 busybox sleep 3600",
    );
    const net = userNetwork(l.world, "mynet");
    run(l, "docker run -d --name web --network mynet busybox httpd -f -p 80");
    const m = graphModel(l.world);
    const rects = rectsOf(m, tidyLayout(m));
    expect(overlapping(rects, boxes(m))).toEqual([]);
    const r = (id: string) => rects[id] as Rect;
    const busy1 = `ns:${container(l.world, "busy1").netns}`;
    const web = `ns:${container(l.world, "web").netns}`;
    const mynet = `br:host1:br-${net.id.slice(0, 12)}`;
    expect(r("ns:host1").y + r("ns:host1").h).toBeLessThan(r("br:host1:docker0").y);
    expect(r("br:host1:docker0").y + r("br:host1:docker0").h).toBeLessThan(r(busy1).y);
    expect(r(mynet).x).toBeGreaterThan(r("br:host1:docker0").x + r("br:host1:docker0").w);
    expect(r(web).x).toBeGreaterThanOrEqual(r(mynet).x - 1);
    // The host namespace spans the bridges it owns; the group holds all its boxes.
    expect(r("ns:host1").x + r("ns:host1").w).toBe(r(mynet).x + r(mynet).w);
    expect(r("host:host1").x + r("host:host1").w).toBeGreaterThan(r(web).x + r(web).w);
    // Outside the host, left of it: the switch its eth0 is cabled to.
    expect(r("m:lan").x + r("m:lan").w).toBeLessThan(r("host:host1").x);
  });

  it("keeps every node in place when a container is added, and puts the new one under its bridge", () => {
    const l = lab(
      "docker run -d --name busy1 busybox sleep 3600",
      "docker run -d --name busy2 busybox sleep 3600",
    );
    const before = graphModel(l.world);
    const first = layout(before, undefined, {});
    run(l, "docker run -d --name busy3 busybox sleep 3600");
    const after = graphModel(l.world);
    const second = layout(after, first, {});
    for (const [id, p] of Object.entries(first)) expect(second[id], id).toEqual(p);
    const rects = rectsOf(after, second);
    expect(overlapping(rects, boxes(after))).toEqual([]);
    const busy3 = rects[`ns:${container(l.world, "busy3").netns}`] as Rect;
    const busy1 = rects[`ns:${container(l.world, "busy1").netns}`] as Rect;
    expect(busy3.y).toBe(busy1.y);
  });

  it("places a new bridge beside the others and its container under it, moving nothing", () => {
    const l = lab("docker run -d --name busy1 busybox sleep 3600");
    const before = graphModel(l.world);
    const first = layout(before, undefined, {});
    const net = userNetwork(l.world, "mynet");
    run(l, "docker run -d --name web --network mynet busybox httpd -f -p 80");
    connect(l.world, "busy1", "mynet");
    const after = graphModel(l.world);
    const second = layout(after, first, {});
    for (const [id, p] of Object.entries(first)) expect(second[id], id).toEqual(p);
    const rects = rectsOf(after, second);
    expect(overlapping(rects, boxes(after))).toEqual([]);
    const bridge = rects[`br:host1:br-${net.id.slice(0, 12)}`] as Rect;
    const docker0 = rects["br:host1:docker0"] as Rect;
    const web = rects[`ns:${container(l.world, "web").netns}`] as Rect;
    expect(bridge.y).toBe(docker0.y);
    expect(bridge.x).toBeGreaterThan(docker0.x + docker0.w);
    expect(web.y).toBeGreaterThan(bridge.y + bridge.h);
    expect(Math.abs(web.x + web.w / 2 - (bridge.x + bridge.w / 2))).toBeLessThan(web.w);
  });

  it("places a stopped container anew where its namespace was gone, and returns the same positions when nothing moved", () => {
    const l = lab(
      "docker run -d --name busy1 busybox sleep 3600",
      "docker run -d --name busy2 busybox sleep 3600",
    );
    const before = graphModel(l.world);
    const first = layout(before, undefined, {});
    expect(layout(before, first, {})).toBe(first);
    const running = `ns:${container(l.world, "busy2").netns}`;
    run(l, "docker stop busy2");
    const after = graphModel(l.world, before);
    const second = layout(after, first, {});
    const stopped = after.nodes.find((n) => n.kind === "namespace" && n.role === "stopped")?.id ?? "";
    expect(second[running]).toBeUndefined();
    expect(second[stopped]).toBeDefined();
    for (const [id, p] of Object.entries(first)) if (id !== running) expect(second[id], id).toEqual(p);
    expect(overlapping(rectsOf(after, second), boxes(after))).toEqual([]);
  });

  it("keeps where the user dragged a node, across new commands and from nothing", () => {
    const l = lab("docker run -d --name busy1 busybox sleep 3600");
    const m = graphModel(l.world);
    const id = `ns:${container(l.world, "busy1").netns}`;
    const dragged = { [id]: { x: 700, y: 420 } };
    expect(layout(m, undefined, dragged)[id]).toEqual({ x: 700, y: 420 });
    const first = layout(m, undefined, {});
    expect(layout(m, first, dragged)[id]).toEqual({ x: 700, y: 420 });
  });
});

describe("ports", () => {
  it("keeps every port of a bridge on its edge, closer together when there are too many for the gap", () => {
    const peers = Array.from({ length: 40 }, (_, i) => `ns:c${i}`);
    const bridge: GraphNode = {
      kind: "bridge",
      id: "br:h:docker0",
      machine: "h",
      name: "docker0",
      subnet: "172.17.0.0/16",
      gateway: "172.17.0.1",
      internal: false,
      ports: peers.map((peer, i) => ({ id: `veth${i}`, label: "", peer })),
    };
    const rects: Record<string, Rect> = { [bridge.id]: { x: 0, y: 0, w: 240, h: 72 } };
    peers.forEach((peer, i) => {
      rects[peer] = { x: i * 210, y: 200, w: 184, h: 72 };
    });
    const xs = Object.values(portPlaces(bridge, rects)).map((p) => p.x);
    expect(xs).toHaveLength(40);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(14);
    expect(Math.max(...xs)).toBeLessThanOrEqual(240 - 14);
    expect(xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? 0))).toBe(true);
  });
});

describe("packet paths", () => {
  it("follows the veth cable from a container to its bridge port, and the uplink from the bridge to eth0", () => {
    const l = lab("docker run -d --name busy1 busybox sleep 3600");
    const m = graphModel(l.world);
    const d = draw(m, rectsOf(m, tidyLayout(m)));
    const busy1 = container(l.world, "busy1").netns ?? "";
    const veth = l.world.netns.host1?.links.find((x) => x.kind === "veth")?.name ?? "";
    const eth0 = locate(m, busy1, "eth0");
    const port = locate(m, "host1", veth);
    if (!eth0 || !port) throw new Error("not located");
    const cable = m.edges.find((e) => e.target === `ns:${busy1}`);
    expect(packetPath(m, d, eth0, port)).toEqual([...(d.cables[cable?.id ?? ""] ?? [])].reverse());
    const bridge = locate(m, "host1", "docker0");
    const out = locate(m, "host1", "eth0");
    if (!bridge || !out) throw new Error("not located");
    const path = packetPath(m, d, bridge, out) ?? [];
    const uplink = d.cables["uplink:host1:docker0"] ?? [];
    const docker0 = d.rects["br:host1:docker0"] as Rect;
    const hostns = d.rects["ns:host1"] as Rect;
    // The uplink drops straight from the host namespace to the middle of the bridge.
    expect(uplink.map((p) => p.x)).toEqual([docker0.x + docker0.w / 2, docker0.x + docker0.w / 2]);
    // The packet rises from the bridge's centre up the uplink into the host namespace, and out at eth0 on its left.
    expect(path.slice(0, 2)).toMatchObject([
      { x: docker0.x + docker0.w / 2, y: docker0.y + docker0.h / 2 },
      { x: docker0.x + docker0.w / 2, y: hostns.y + hostns.h },
    ]);
    expect(path[path.length - 1]).toMatchObject({ x: hostns.x, side: "left" });
  });

  it("drops cables into a second row down the gutter beside the column instead of through the first row", () => {
    const l = lab(...Array.from({ length: 6 }, (_, i) => `docker run -d --name c${i} busybox sleep 3600`));
    const m = graphModel(l.world);
    const d = draw(m, rectsOf(m, tidyLayout(m)));
    const c5 = `ns:${container(l.world, "c5").netns}`;
    const cable = m.edges.find((e) => e.target === c5);
    expect(d.gutters[cable?.id ?? ""]).toBeDefined();
    const path = d.cables[cable?.id ?? ""] ?? [];
    const others = m.nodes
      .filter((n) => n.kind === "namespace" && n.id !== c5)
      .map((n) => d.rects[n.id] as Rect);
    for (let i = 1; i < path.length; i++) {
      const [p, q] = [path[i - 1], path[i]];
      if (!p || !q) continue;
      for (const r of others) {
        const hit =
          Math.min(p.x, q.x) < r.x + r.w &&
          Math.max(p.x, q.x) > r.x &&
          Math.min(p.y, q.y) < r.y + r.h &&
          Math.max(p.y, q.y) > r.y;
        expect(hit, `segment ${i} crosses a box`).toBe(false);
      }
    }
  });
});
