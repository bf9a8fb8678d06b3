import { describe, expect, it } from "vitest";
import { createLab, hostSession, type Lab, run, runToEnd } from "../shell/lab";
import { nodeDetails } from "./details";
import { rowCount } from "./geometry";
import { type GraphNode, graphModel } from "./graph-model";
import { byLayer, fitLines, LENSES, lensView } from "./lens";

function richLab(): Lab {
  const lab = createLab();
  lab.sessions.push(hostSession("laptop", "laptop"));
  for (const line of [
    "docker network create app",
    "docker run -d --name web --net app -p 8080:80 busybox httpd -f -p 80",
    "docker run -itd --name client --net app busybox",
    "docker run -itd --name d1 busybox",
    "docker run -itd --name side --network container:d1 busybox",
    "docker create --name idle busybox",
    "ip netns add red",
  ])
    run(lab, line);
  // Caches worth showing: ARP entries, learned MACs.
  runToEnd(lab, "docker exec client ping -c 1 web");
  return lab;
}

const find = (nodes: GraphNode[], test: (n: GraphNode) => boolean) => {
  const n = nodes.find(test);
  if (!n) throw new Error("no such node");
  return n;
};

describe("the layer lens", () => {
  it("changes labels only: every box keeps its number of lines under every lens, and the world is untouched", () => {
    const lab = richLab();
    const before = JSON.stringify(lab.world);
    const model = graphModel(lab.world);
    const shape = JSON.stringify(model);
    let rewritten = 0;
    for (const lens of LENSES)
      for (const n of model.nodes) {
        const view = lensView(lab.world, n, lens);
        if (lens === "all" || n.kind === "host") expect(view).toBeUndefined();
        if (!view) continue;
        rewritten++;
        expect(view.rows, `${lens} ${n.id}`).toHaveLength(rowCount(n));
        // Only a namespace box has a second header line to reword; only a bridge has port dots.
        if (view.sub) expect(n.kind).toBe("namespace");
        for (const port of Object.keys(view.dots ?? {})) expect(n.ports.map((p) => p.id)).toContain(port);
      }
    expect(rewritten).toBeGreaterThan(20);
    expect(JSON.stringify(model)).toBe(shape);
    expect(JSON.stringify(lab.world)).toBe(before);
  });

  it("shows each layer's facts: MACs, ARP and FDB; addresses and the gateway; sockets, published ports and NAT", () => {
    const lab = richLab();
    const model = graphModel(lab.world);
    const client = find(model.nodes, (n) => n.kind === "namespace" && n.title === "client");
    const mac = client.kind === "namespace" ? client.ifaces.find((i) => i.name === "eth0")?.mac : "";
    const l2 = lensView(lab.world, client, "l2");
    expect(l2?.rows.map((r) => r.text)).toEqual([`eth0 ${mac}`]);
    expect(l2?.sub?.text).toBe("ARP cache: 1");
    expect(l2?.sub?.title).toMatch(/^172\.18\.0\.2 dev eth0 lladdr 02:42:ac:12:00:02 REACHABLE$/);
    expect(lensView(lab.world, client, "l3")).toMatchObject({
      sub: { text: "gateway 172.18.0.1" },
      rows: [{ text: "eth0 172.18.0.3/16" }],
    });
    const web = find(model.nodes, (n) => n.kind === "namespace" && n.title === "web");
    expect(lensView(lab.world, web, "l4")?.sub?.text).toBe("listens on tcp/80");
    expect(lensView(lab.world, web, "l4")?.rows[0]?.text).toBe("tcp *:80 httpd (+2 more)");
    // The bridge learned both containers' MACs, one on each port.
    const bridge = find(model.nodes, (n) => n.kind === "bridge" && n.network === "app");
    const dots = lensView(lab.world, bridge, "l2")?.dots ?? {};
    expect(Object.values(dots).map((d) => d.text)).toEqual(["1", "1"]);
    expect(lensView(lab.world, bridge, "l2")?.rows[0]?.text).toBe("FDB: 2 learned, 2 local");
    expect(lensView(lab.world, bridge, "l4")?.rows[0]?.text).toMatch(/^iptables: \d+ rules for it$/);
    const host = find(model.nodes, (n) => n.kind === "hostns");
    expect(lensView(lab.world, host, "l4")?.rows[0]?.text).toBe("DNAT 0.0.0.0:8080 → 172.18.0.2:80 web");
    expect(lensView(lab.world, host, "l3")?.rows.map((r) => r.text)).toContain("eth0 192.168.0.102/24");
    // A stopped container has no namespace: it reads the same in every lens.
    const idle = find(model.nodes, (n) => n.kind === "namespace" && n.title === "idle");
    expect(lensView(lab.world, idle, "l2")).toBeUndefined();
  });

  it("folds lines beyond the box's room into its last line, and pads a short list", () => {
    const lines = ["a", "b", "c", "d"].map((text) => ({ text }));
    expect(fitLines(lines, 2)).toEqual([{ text: "a" }, { text: "b (+2 more)", title: "b\nc\nd" }]);
    expect(fitLines(lines.slice(0, 1), 3)).toEqual([{ text: "a" }, { text: "" }, { text: "" }]);
    expect(fitLines(lines, 0)).toEqual([]);
  });

  it("puts the inspector's sections of the lens's layer first", () => {
    const lab = richLab();
    const model = graphModel(lab.world);
    const client = find(model.nodes, (n) => n.kind === "namespace" && n.title === "client");
    const d = nodeDetails(lab.world, model, client.id);
    const titles = (lens: "l2" | "l3" | "l4") => byLayer(d?.sections ?? [], lens).first.map((s) => s.title);
    expect(titles("l2")).toEqual(["Container", "Interfaces", "Neighbours (ARP cache)"]);
    expect(titles("l3")).toEqual(["Container", "Interfaces", "Routes"]);
    expect(titles("l4")).toContain("Published ports");
    expect(titles("l4")).not.toContain("Routes");
    const all = byLayer(d?.sections ?? [], "all");
    expect(all.first).toEqual(d?.sections);
    expect(all.rest).toEqual([]);
  });
});
