import { describe, expect, it } from "vitest";
import type { Hop, Packet, Trace } from "../engine/packet/types";
import { draw } from "./cables";
import { graphModel, locate } from "./graph-model";
import { rectsOf, tidyLayout } from "./layout";
import { summaryOf, tokensAt } from "./packet-tokens";
import { ARP_REQUEST, container, lab } from "./test-worlds";

const icmp = (src: string, dst: string): Packet => ({
  eth: { src: "02:42:ac:11:00:02", dst: "02:42:ac:11:00:03", type: "IPv4" },
  ip: { src, dst, ttl: 64, proto: "icmp", id: 1, length: 84 },
  icmp: { type: "echo-request", code: 0, id: 7, seq: 1 },
});

const arp = ARP_REQUEST;

function hop(
  t: number,
  netns: string,
  ifname: string,
  dir: Hop["dir"],
  packet: Packet,
  decision: Hop["decision"],
  extra: Partial<Hop> = {},
): Hop {
  return { t, netns, ifname, dir, packet, decision, note: { kind: "packet" }, ...extra };
}

function setup() {
  const l = lab(
    "docker run -d --name busy1 busybox sleep 3600",
    "docker run -d --name busy2 busybox sleep 3600",
    "docker run -d --name busy3 busybox sleep 3600",
  );
  const ns = (name: string) => container(l.world, name).netns ?? "";
  const vethOf = (name: string) => {
    const peer = l.world.netns[ns(name)]?.links.find((x) => x.name === "eth0")?.peer?.ifindex;
    return l.world.netns.host1?.links.find((x) => x.ifindex === peer)?.name ?? "";
  };
  const m = graphModel(l.world);
  const d = draw(m, rectsOf(m, tidyLayout(m)));
  const point = (netns: string, ifname: string) => {
    const a = locate(m, netns, ifname);
    if (!a) throw new Error(`${netns} ${ifname} not on the graph`);
    const r = d.rects[a.node];
    const p = a.port ? d.places[a.node]?.[a.port] : undefined;
    if (!r) throw new Error("no rect");
    return p ? { x: r.x + p.x, y: r.y + p.y } : { x: r.x + r.w / 2, y: r.y + r.h / 2 };
  };
  return { l, m, d, ns, vethOf, point };
}

describe("packet tokens", () => {
  it("moves an echo request hop by hop: container, bridge port, bridge, other port, other container", () => {
    const { m, d, ns, vethOf, point } = setup();
    const p = icmp("172.17.0.2", "172.17.0.3");
    const trace: Trace = {
      id: "t1",
      protocol: "ICMP",
      label: "busy1 → 172.17.0.3 echo request",
      outcome: "delivered",
      hops: [
        hop(1, ns("busy1"), "eth0", "out", p, "sent"),
        hop(2, "host1", vethOf("busy1"), "in", p, "forwarded"),
        hop(3, "host1", "docker0", "in", p, "forwarded"),
        hop(4, "host1", vethOf("busy2"), "out", p, "forwarded"),
        hop(5, ns("busy2"), "eth0", "in", p, "delivered"),
      ],
    };
    const at = (i: number) => tokensAt(m, d, [trace], i);
    expect(at(0)).toMatchObject([
      { protocol: "ICMP", addresses: "172.17.0.2 → 172.17.0.3", summary: "echo request", current: true },
    ]);
    expect(at(0)[0]?.path).toMatchObject([point(ns("busy1"), "eth0")]);
    const steps = [1, 2, 3, 4].map((i) => at(i)[0]?.path ?? []);
    const ends = steps.map((s) => [s[0], s[s.length - 1]]);
    expect(ends).toMatchObject([
      [point(ns("busy1"), "eth0"), point("host1", vethOf("busy1"))],
      [point("host1", vethOf("busy1")), point("host1", "docker0")],
      [point("host1", "docker0"), point("host1", vethOf("busy2"))],
      [point("host1", vethOf("busy2")), point(ns("busy2"), "eth0")],
    ]);
    expect(at(5)).toEqual([]);
  });

  it("fans an ARP broadcast out to every bridge port and takes each copy on from its own port", () => {
    const { m, d, ns, vethOf, point } = setup();
    const trace: Trace = {
      id: "t1",
      protocol: "ARP",
      label: "ARP who-has 172.17.0.3",
      outcome: "delivered",
      hops: [
        hop(1, ns("busy1"), "eth0", "out", arp, "sent"),
        hop(2, "host1", vethOf("busy1"), "in", arp, "forwarded"),
        hop(3, "host1", vethOf("busy2"), "out", arp, "flooded"),
        hop(3, "host1", vethOf("busy3"), "out", arp, "flooded"),
        hop(4, ns("busy2"), "eth0", "in", arp, "delivered"),
        hop(4, ns("busy3"), "eth0", "in", arp, "dropped"),
      ],
    };
    const second = tokensAt(m, d, [trace], 3);
    expect(second.map((t) => [t.ifname, t.current, t.addresses])).toEqual([
      [vethOf("busy3"), true, "who-has 172.17.0.3 tell 172.17.0.2"],
      [vethOf("busy2"), false, "who-has 172.17.0.3 tell 172.17.0.2"],
    ]);
    const last = tokensAt(m, d, [trace], 5);
    const path = last[0]?.path ?? [];
    expect([path[0], path[path.length - 1]]).toMatchObject([
      point("host1", vethOf("busy3")),
      point(ns("busy3"), "eth0"),
    ]);
    expect(last.slice(1).map((t) => t.ifname)).toEqual([vethOf("busy2")]);
  });

  it("shows the NAT rewrite and the rule of a drop", () => {
    const { m, d, ns } = setup();
    const before = icmp("172.17.0.2", "8.8.8.8");
    const after = icmp("192.168.0.102", "8.8.8.8");
    const trace: Trace = {
      id: "t1",
      protocol: "ICMP",
      label: "busy1 → 8.8.8.8",
      outcome: "dropped",
      hops: [
        hop(1, ns("busy1"), "eth0", "out", before, "sent"),
        hop(2, "host1", "eth0", "out", after, "rewritten", { before }),
        hop(3, "router", "eth0", "in", after, "dropped", { rule: "-A FORWARD -j DROP" }),
      ],
    };
    expect(tokensAt(m, d, [trace], 1)[0]).toMatchObject({
      addresses: "192.168.0.102 → 8.8.8.8",
      rewrite: "SNAT 172.17.0.2 → 192.168.0.102",
    });
    expect(tokensAt(m, d, [trace], 2)[0]).toMatchObject({
      decision: "dropped",
      rule: "-A FORWARD -j DROP",
      netns: "router",
    });
  });

  it("says what a DNS question asks and what the answer is", () => {
    const ask = (response: boolean, answers: string[], type: "A" | "AAAA" = "A"): Packet => ({
      dns: {
        id: 1,
        response,
        question: { name: "web", type },
        answers: answers.map((data) => ({ name: "web", type: "A", data, ttl: 600 })),
        rcode: "NOERROR",
      },
    });
    expect(summaryOf(ask(false, []))).toBe("A web?");
    expect(summaryOf(ask(true, ["172.18.0.2"]))).toBe("A web = 172.18.0.2");
    expect(summaryOf(ask(true, [], "AAAA"))).toBe("AAAA web: no answer");
  });
});
