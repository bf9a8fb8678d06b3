import { describe, expect, it } from "vitest";
import type { Hop, Packet } from "../engine/packet/types";
import { changeLanguage } from "../i18n";
import { printed, run } from "../shell/lab";
import { edgeDetails, hopDetails, nodeDetails, type Section } from "./details";
import { graphModel } from "./graph-model";
import { connect, container, lab, stop, userNetwork } from "./test-worlds";

function sectionOf(sections: Section[] | undefined, title: string): Section {
  const s = sections?.find((x) => x.title.startsWith(title));
  if (!s) throw new Error(`no section ${title} in ${sections?.map((x) => x.title).join(", ")}`);
  return s;
}

/** The header sections the inspector shows for a packet at a hop (after the hop's own). */
function layersOf(packet: Packet): string[] {
  const hop: Hop = {
    t: 0,
    netns: "host1",
    ifname: "eth0",
    dir: "in",
    packet,
    decision: "delivered",
    note: { kind: "packet" },
  };
  return (hopDetails(hop, "a6 eth0", 0).sections ?? []).slice(1).map((s) => s.title);
}

describe("inspector details", () => {
  it("shows a container's interfaces, routes, DNS names, files, ports and the rules that mention it", () => {
    const l = lab("docker run -d --name web -p 8081:80 busybox httpd -f -p 80");
    userNetwork(l.world, "mynet");
    connect(l.world, "web", "mynet");
    const web = container(l.world, "web");
    const m = graphModel(l.world);
    const d = nodeDetails(l.world, m, `ns:${web.netns}`);
    expect(d?.kind).toBe("container");
    expect(sectionOf(d?.sections, "Container").rows).toContainEqual(["ID", web.id.slice(0, 12)]);
    const ifaces = sectionOf(d?.sections, "Interfaces").rows ?? [];
    expect(ifaces.map(([k]) => k)).toEqual(["1: lo", "4: eth0@if5", "7: eth1@if8"]);
    expect(ifaces[1]?.[1]).toBe("UP · 02:42:ac:11:00:02 · mtu 1500 · 172.17.0.2/16 · peer in host1");
    expect(sectionOf(d?.sections, "Routes").text).toBe(
      [
        "default via 172.17.0.1 dev eth0",
        "172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2",
        "172.18.0.0/16 dev eth1 proto kernel scope link src 172.18.0.2",
      ].join("\n"),
    );
    expect(sectionOf(d?.sections, "DNS names").rows).toEqual([
      ["bridge", "none: the default bridge has no embedded DNS (use --link or the IP)"],
      ["mynet", `web, ${web.id.slice(0, 12)} → 172.18.0.2`],
    ]);
    expect(sectionOf(d?.sections, "Published ports").rows).toEqual([
      ["0.0.0.0:8081/tcp", expect.stringMatching(/^→ 172\.17\.0\.2:80 \(DNAT, docker-proxy pid \d+\)$/)],
      [":::8081/tcp", expect.stringMatching(/^→ 172\.17\.0\.2:80 \(DNAT, docker-proxy pid \d+\)$/)],
    ]);
    expect(sectionOf(d?.sections, "iptables rules on host1").text).toBe(
      [
        "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
        "-t nat -A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE",
        "-t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8081 -j DNAT --to-destination 172.17.0.2:80",
      ].join("\n"),
    );
    expect(sectionOf(d?.sections, "/etc/hosts").text).toContain(`172.17.0.2\t${web.config.hostname}\n`);
    expect(sectionOf(d?.sections, "/etc/resolv.conf").text).toContain("nameserver 127.0.0.11");
  });

  it("shows a bridge's network, ports with the container at the other end, and its rules", () => {
    const l = lab("docker run -d --name busy1 busybox sleep 3600");
    const m = graphModel(l.world);
    const d = nodeDetails(l.world, m, "br:host1:docker0");
    expect(sectionOf(d?.sections, "Docker network").rows).toContainEqual(["subnet", "172.17.0.0/16"]);
    const veth = l.world.netns.host1?.links.find((x) => x.kind === "veth")?.name;
    expect(sectionOf(d?.sections, "Ports").rows).toEqual([[`5: ${veth}`, "⇄ eth0@if5 in busy1"]]);
    expect(sectionOf(d?.sections, "iptables rules for it").text).toContain(
      "-t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
    );
  });

  it("names an interface's peer as `ip link` does: by name in the same namespace, by number elsewhere", () => {
    const l = lab("ip link add va type veth peer name vb", "docker run -d --name busy1 busybox sleep 3600");
    const rows = sectionOf(
      nodeDetails(l.world, graphModel(l.world), "ns:host1")?.sections,
      "Interfaces",
    ).rows;
    const heads = (rows ?? []).map(([k]) => k);
    const listed = printed(run(l, "ip -o link")).split("\n");
    for (const name of ["va", "vb"]) {
      const head = heads.find((h) => h.includes(` ${name}@`));
      expect(head).toMatch(name === "va" ? /^\d+: va@vb$/ : /^\d+: vb@va$/);
      expect(listed.some((line) => line.startsWith(`${head}: `))).toBe(true);
    }
  });

  it("shows both ends of a veth cable with their ifindexes", () => {
    const l = lab("docker run -d --name busy1 busybox sleep 3600");
    const m = graphModel(l.world);
    const cable = m.edges.find((e) => e.kind === "veth");
    const d = edgeDetails(l.world, m, cable?.id ?? "");
    const ends = [sectionOf(d?.sections, "One end"), sectionOf(d?.sections, "Other end")].map((s) =>
      Object.fromEntries(s.rows ?? []),
    );
    expect(ends.map((e) => e.ifindex).sort()).toEqual(["4 (peer ifindex 5)", "5 (peer ifindex 4)"]);
    expect(ends.map((e) => e.bridge)).toContain("docker0");
    // Each end's namespace by the name a student knows: the container, the machine.
    const veth = l.world.netns.host1?.links.find((x) => x.kind === "veth")?.name;
    expect(ends.map((e) => e.interface).sort()).toEqual(["eth0 in busy1", `${veth} in host1`]);
  });

  it("names an IPv6 packet's layers IPv6 and ICMPv6, and neighbour discovery not ARP", () => {
    const echo: Packet = {
      ip: { src: "2001:db8:5::2", dst: "2001:db8:5::10", ttl: 64, proto: "icmp", id: 0, length: 104 },
      icmp: { type: "echo-request", code: 0, id: 7, seq: 0 },
    };
    expect(layersOf(echo)).toEqual(["IPv6", "ICMPv6"]);
    const solicitation: Packet = {
      eth: { src: "02:42:ac:12:00:02", dst: "33:33:ff:00:00:10", type: "IPv6" },
      arp: {
        op: "request",
        nd: true,
        senderMac: "02:42:ac:12:00:02",
        senderIp: "2001:db8:5::2",
        targetMac: "00:00:00:00:00:00",
        targetIp: "2001:db8:5::10",
      },
    };
    expect(layersOf(solicitation)).toEqual(["Ethernet", "ICMPv6 neighbour discovery"]);
  });

  it("shows a stopped container without a namespace", () => {
    const l = lab("docker run -d --name busy1 busybox sleep 3600");
    stop(l.world, "busy1");
    const m = graphModel(l.world);
    const id = m.nodes.find((n) => n.kind === "namespace")?.id ?? "";
    const d = nodeDetails(l.world, m, id);
    expect(d?.kind).toBe("stopped container");
    expect(sectionOf(d?.sections, "Networks").rows).toEqual([
      ["bridge", "none: the default bridge has no embedded DNS (use --link or the IP)"],
    ]);
  });

  it("decodes a hop layer by layer, with the NAT rewrite before and after", () => {
    const before: Packet = {
      eth: { src: "02:42:ac:11:00:02", dst: "02:42:0a:bb:cc:dd", type: "IPv4" },
      ip: { src: "172.17.0.2", dst: "8.8.8.8", ttl: 64, proto: "udp", id: 9, length: 56 },
      udp: { sport: 40000, dport: 53 },
      dns: {
        id: 4660,
        response: false,
        question: { name: "example.com", type: "A" },
        answers: [],
        rcode: "NOERROR",
      },
    };
    const after: Packet = {
      ...before,
      ip: { ...(before.ip as NonNullable<Packet["ip"]>), src: "192.168.0.102", ttl: 63 },
    };
    const hop: Hop = {
      t: 1002.5,
      netns: "host1",
      ifname: "eth0",
      dir: "out",
      packet: after,
      decision: "rewritten",
      note: { kind: "nat", nat: "MASQUERADE", from: "172.17.0.2", to: "192.168.0.102" },
      rule: "-t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
      before,
    };
    const d = hopDetails(hop, "host1 eth0", 1000);
    expect(d.title).toBe("SNAT 172.17.0.2 -> 192.168.0.102 (MASQUERADE)");
    expect(d.sections.map((s) => s.title)).toEqual([
      "Hop",
      "NAT rewrite (before → after)",
      "Ethernet",
      "IPv4",
      "UDP",
      "DNS query",
    ]);
    expect(sectionOf(d.sections, "Hop").rows).toEqual([
      ["where", "host1 eth0 (leaving)"],
      ["time", "+2.500 ms"],
      ["decision", "rewritten"],
      ["rule", "-t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE"],
    ]);
    expect(sectionOf(d.sections, "NAT rewrite").rows).toEqual([["source IP", "172.17.0.2 → 192.168.0.102"]]);
    expect(sectionOf(d.sections, "DNS query").rows).toEqual([
      ["ID", "4660"],
      ["question", "example.com A"],
    ]);
  });

  it("titles a hop with what happened there, in the page's language", async () => {
    const packet: Packet = {
      ip: { src: "172.17.0.2", dst: "10.9.9.9", ttl: 64, proto: "icmp", id: 1, length: 84 },
      icmp: { type: "echo-request", code: 0, id: 7, seq: 0 },
    };
    const dropped: Hop = {
      t: 1000,
      netns: "host1",
      ifname: "eth0",
      dir: "in",
      packet,
      decision: "dropped",
      note: { kind: "no-route", dst: "10.9.9.9" },
    };
    const delivered: Hop = {
      ...dropped,
      decision: "delivered",
      note: { kind: "delivered", dst: "10.9.9.9" },
    };
    try {
      expect(hopDetails(dropped, "host1 eth0", 1000).title).toBe("no route to 10.9.9.9");
      await changeLanguage("ru");
      expect(hopDetails(dropped, "host1 eth0", 1000).title).toBe("нет маршрута до 10.9.9.9");
      expect(hopDetails(delivered, "host1 eth0", 1000).title).toBe(
        "ICMP 172.17.0.2 > 10.9.9.9 echo request id 7 seq 0: доставлен, 10.9.9.9 — адрес этого узла",
      );
      await changeLanguage("zh-CN");
      expect(hopDetails(dropped, "host1 eth0", 1000).title).toBe("没有到 10.9.9.9 的路由");
    } finally {
      await changeLanguage("en");
    }
  });
});
