import { describe, expect, it } from "vitest";
import { INTERNET } from "../engine/create-world";
import { run } from "../shell/lab";
import {
  type GraphModel,
  type GraphNode,
  graphModel,
  locate,
  type NamespaceNode,
  type OutsideNode,
} from "./graph-model";
import { connect, container, lab, namedNetns, stop, userNetwork } from "./test-worlds";

type NodeOf<K> = K extends OutsideNode["kind"] ? OutsideNode : Extract<GraphNode, { kind: K }>;

function node<K extends GraphNode["kind"]>(m: GraphModel, kind: K, title: string): NodeOf<K> {
  const found = m.nodes.find(
    (n) =>
      n.kind === kind &&
      ((n.kind === "namespace" && n.title === title) ||
        (n.kind === "bridge" && n.name === title) ||
        (n.kind !== "namespace" && n.kind !== "bridge" && n.id.endsWith(title))),
  );
  if (!found) throw new Error(`no ${kind} ${title}`);
  return found as NodeOf<K>;
}

/** Cables as people read them: "bridge-port ⇄ container-port". */
function cablesOf(m: GraphModel, nodeId: string): string[] {
  return m.edges
    .filter((e) => e.kind === "veth" && (e.target === nodeId || e.source === nodeId))
    .map((e) => `${e.sourceLabel.replace(/^veth[0-9a-f]{7}/, "vethX")} ⇄ ${e.targetLabel}`);
}

describe("graphModel", () => {
  it("draws two containers on docker0, each with a veth cable from the bridge to its eth0", () => {
    const { world } = lab(
      "docker run -d --name busy1 busybox sleep 3600",
      "docker run -d --name busy2 busybox sleep 3600",
    );
    const m = graphModel(world);
    const docker0 = node(m, "bridge", "docker0");
    expect(docker0).toMatchObject({
      parent: "host:host1",
      network: "bridge",
      subnet: "172.17.0.0/16",
      gateway: "172.17.0.1",
    });
    const busy1 = node(m, "namespace", "busy1");
    expect(busy1).toMatchObject({
      role: "container",
      image: "busybox",
      state: "running",
      mode: "bridge",
      home: docker0.id,
    });
    expect(busy1.ifaces.map((i) => `${i.name} ${i.addrs.join(" ")}`)).toEqual([
      "lo 127.0.0.1/8",
      "eth0 172.17.0.2/16",
    ]);
    expect(busy1.ports.map((p) => p.label)).toEqual(["eth0@if5"]);
    expect(cablesOf(m, busy1.id)).toEqual(["vethX@if4 ⇄ eth0@if5"]);
    expect(cablesOf(m, node(m, "namespace", "busy2").id)).toEqual(["vethX@if6 ⇄ eth0@if7"]);
    expect(docker0.ports.map((p) => p.peer)).toEqual([
      "ns:host1",
      busy1.id,
      node(m, "namespace", "busy2").id,
    ]);
    expect(m.edges.filter((e) => e.kind === "uplink").map((e) => `${e.source} -> ${e.target}`)).toEqual([
      "ns:host1 -> br:host1:docker0",
    ]);
  });

  it("draws the host namespace with its masquerade boundary and the world outside", () => {
    const { world } = lab("docker run -d --name web -p 8081:80 busybox httpd -f -p 80");
    const m = graphModel(world);
    const host = node(m, "hostns", "host1");
    expect(host.ifaces.map((i) => `${i.name} ${i.addrs.join(" ")}`)).toEqual([
      "lo 127.0.0.1/8",
      "eth0 192.168.0.102/24",
    ]);
    expect(host.masquerade).toEqual(["172.17.0.0/16"]);
    expect(host.published).toEqual([
      { text: "0.0.0.0:8081 → 172.17.0.2:80", also: ["[::]:8081"], container: "web" },
    ]);
    const ether = m.edges
      .filter((e) => e.kind === "ether")
      .map((e) => `${e.source}.${e.sourceLabel} ⇄ ${e.target}.${e.targetLabel}`);
    expect(ether.sort()).toEqual(
      [
        "m:lan.port1 ⇄ ns:host1.eth0",
        "m:lan.port2 ⇄ m:laptop.eth0",
        "m:lan.port3 ⇄ m:router.eth0",
        "m:router.eth1 ⇄ m:internet.eth0",
      ].sort(),
    );
    const router = node(m, "router", "router");
    expect(router.masquerade).toEqual(["out eth1"]);
    const internet = node(m, "internet", "internet");
    expect(internet.servers.map((s) => s.name)).toEqual(INTERNET.map((s) => s.name));
    expect(internet.servers.slice(0, 2).map((s) => `${s.ip} ${s.name} ${s.services}`)).toEqual([
      "8.8.8.8 dns.google DNS",
      "93.184.215.14 example.com web",
    ]);
    expect(node(m, "switch", "lan").title).toBe("LAN switch");
  });

  it("gives a container on a user network and docker0 two cables, one to each bridge", () => {
    const { world } = lab("docker run -d --name busy1 busybox sleep 3600");
    const net = userNetwork(world, "mynet");
    connect(world, "busy1", "mynet");
    const m = graphModel(world);
    const busy1 = node(m, "namespace", "busy1");
    const br = node(m, "bridge", `br-${net.id.slice(0, 12)}`);
    expect(br).toMatchObject({ network: "mynet", subnet: "172.18.0.0/16", gateway: "172.18.0.1" });
    expect(busy1.ifaces.map((i) => `${i.name} ${i.addrs.join(" ")}`)).toEqual([
      "lo 127.0.0.1/8",
      "eth0 172.17.0.2/16",
      "eth1 172.18.0.2/16",
    ]);
    expect(cablesOf(m, busy1.id)).toEqual(["vethX@if4 ⇄ eth0@if5", "vethX@if7 ⇄ eth1@if8"]);
    expect(m.edges.filter((e) => e.target === busy1.id).map((e) => e.source)).toEqual([
      "br:host1:docker0",
      br.id,
    ]);
  });

  it("lists a --network host container in the host namespace instead of drawing a box", () => {
    const { world } = lab("docker run -d --name hosty --network host busybox sleep 3600");
    const m = graphModel(world);
    expect(node(m, "hostns", "host1").hostMode).toEqual(["hosty"]);
    expect(m.nodes.filter((n) => n.kind === "namespace")).toEqual([]);
  });

  it("draws a --network none container with only lo and no cable", () => {
    const { world } = lab("docker run -d --name lonely --network none busybox sleep 3600");
    const m = graphModel(world);
    const lonely = node(m, "namespace", "lonely");
    expect(lonely.ifaces.map((i) => i.name)).toEqual(["lo"]);
    expect(lonely.mode).toBe("none");
    expect(lonely.ports).toEqual([]);
    expect(lonely.home).toBeUndefined();
    expect(cablesOf(m, lonely.id)).toEqual([]);
  });

  it("draws container: mode partners as one namespace listing both", () => {
    const { world } = lab(
      "docker run -d --name web busybox sleep 3600",
      "docker run -d --name side --network container:web busybox sleep 3600",
    );
    const m = graphModel(world);
    const shared = m.nodes.filter((n): n is NamespaceNode => n.kind === "namespace");
    expect(shared.map((n) => [n.title, n.members])).toEqual([["web", ["web", "side"]]]);
    expect(shared[0]?.mode).toBe("bridge");
  });

  it("draws an `ip netns add` namespace like a container, cabled to its bridge", () => {
    const { world } = lab();
    namedNetns(world, "red");
    const m = graphModel(world);
    const red = node(m, "namespace", "red");
    expect(red).toMatchObject({ role: "netns", netns: "host1/netns/red", home: "br:host1:docker0" });
    expect(red.ifaces.map((i) => `${i.name} ${i.addrs.join(" ")}`)).toEqual(["lo ", "veth-red 10.0.0.2/24"]);
    expect(cablesOf(m, red.id)).toEqual(["veth-red-br@if4 ⇄ veth-red@if5"]);
  });

  it("keeps a stopped container on the graph, greyed, with the networks it will join", () => {
    const { world } = lab("docker run -d --name busy1 busybox sleep 3600");
    stop(world, "busy1");
    const m = graphModel(world);
    const busy1 = node(m, "namespace", "busy1");
    const id = container(world, "busy1").id.slice(0, 12);
    expect(busy1).toMatchObject({
      id: `ctr:host1:${id}`,
      role: "stopped",
      state: "exited (137)",
      networks: ["bridge"],
      home: "br:host1:docker0",
      ifaces: [],
      ports: [],
    });
    expect(m.edges.filter((e) => e.kind === "veth")).toEqual([]);
  });

  it("keeps the objects of what a command did not change, and the whole model when nothing changed", () => {
    const l = lab("docker run -d --name busy1 busybox sleep 3600");
    const before = graphModel(l.world);
    run(l, "docker ps");
    expect(graphModel(l.world, before)).toBe(before);
    run(l, "docker run -d --name busy2 busybox sleep 3600");
    const after = graphModel(l.world, before);
    const node = (m: typeof before, id: string) => m.nodes.find((n) => n.id === id);
    const busy1 = `ns:${container(l.world, "busy1").netns}`;
    expect(node(after, busy1)).toBe(node(before, busy1));
    expect(node(after, "ns:host1")).toBe(node(before, "ns:host1"));
    // docker0 has a new port, busy2 is new: both are new objects, equal to a model made afresh.
    expect(node(after, "br:host1:docker0")).not.toBe(node(before, "br:host1:docker0"));
    expect(after).toEqual(graphModel(l.world));
  });

  it("locates every interface a packet can be at", () => {
    const { world } = lab("docker run -d --name busy1 busybox sleep 3600");
    const m = graphModel(world);
    const busy1 = container(world, "busy1");
    const veth = world.netns.host1?.links.find((l) => l.kind === "veth")?.name ?? "";
    expect(locate(m, busy1.netns ?? "", "eth0")).toEqual({ node: `ns:${busy1.netns}`, port: "eth0" });
    expect(locate(m, busy1.netns ?? "", "lo")).toEqual({ node: `ns:${busy1.netns}` });
    expect(locate(m, "host1", veth)).toEqual({ node: "br:host1:docker0", port: veth });
    expect(locate(m, "host1", "docker0")).toEqual({ node: "br:host1:docker0" });
    expect(locate(m, "host1", "eth0")).toEqual({ node: "ns:host1", port: "eth0" });
    expect(locate(m, "lan", "port1")).toEqual({ node: "m:lan", port: "port1" });
    expect(locate(m, "lan", "lan0")).toEqual({ node: "m:lan" });
    expect(locate(m, "router", "eth1")).toEqual({ node: "m:router", port: "eth1" });
    expect(locate(m, "internet", "eth0")).toEqual({ node: "m:internet", port: "eth0" });
    expect(locate(m, "internet", "eth1")).toEqual({ node: "m:internet", port: "srv:dns.google" });
    expect(locate(m, "dns.google", "eth0")).toEqual({ node: "m:internet", port: "srv:dns.google" });
    expect(locate(m, "host1/0123456789ab", "eth0")).toBeUndefined();
  });
});
