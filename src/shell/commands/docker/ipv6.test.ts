/**
 * IPv6 on user bridges, end to end through the shell: what the addresses do once given (the walk of
 * a ping6, the neighbour tables it fills, the IPAM's bookkeeping), beyond the outputs the replay of
 * scenario 29 compares.
 */
import { describe, expect, it } from "vitest";
import { summarize } from "../../../engine/packet/headers";
import { createLab, type Lab } from "../../lab";
import { sh } from "../net/test-helpers";

function dualStack(): Lab {
  const lab = createLab({ seed: 3, offline: true });
  sh(lab, "docker network create --ipv6 --subnet 10.90.0.0/24 --subnet 2001:db8:90::/64 v6");
  sh(lab, "docker run -d --name aa --network v6 busybox sleep 3600");
  sh(lab, "docker run -d --name bb --network v6 --ip6 2001:db8:90::b busybox sleep 3600");
  return lab;
}

describe("IPv6 on a user bridge", () => {
  it("carries ping6 over the bridge, resolving the neighbour by solicitation, not ARP", () => {
    const lab = dualStack();
    const ping = sh(lab, "docker exec aa ping6 -c 1 2001:db8:90::b");
    expect(ping.exit).toBe(0);
    expect(ping.out).toContain("64 bytes from 2001:db8:90::b: seq=0 ttl=64");
    const hops = ping.traces.flatMap((t) => t.hops);
    const asked = hops.find((h) =>
      summarize(h.packet).startsWith("ICMP6 neighbor solicitation, who has 2001:db8:90::b"),
    );
    expect(asked?.packet.eth).toMatchObject({ dst: "33:33:ff:00:00:0b", type: "IPv6" });
    expect(hops.some((h) => h.packet.arp && !h.packet.arp.nd)).toBe(false);
    const neigh = sh(lab, "docker exec aa ip -6 neigh").out;
    expect(neigh).toMatch(/^2001:db8:90::b dev eth0 lladdr 02:42:0a:5a:00:03 /m);
    expect(sh(lab, "docker exec aa arp -n").out).not.toContain("2001:db8:90::b");
    expect(sh(lab, "docker exec aa ip -4 neigh").out).not.toContain("2001:db8:90::b");
  });

  it("shows the echoes to tcpdump as ICMP6, under icmp6 and not under icmp", () => {
    const lab = dualStack();
    sh(lab, "docker exec -d aa ping6 -c 2 2001:db8:90::b");
    const v6 = sh(lab, "tcpdump -l -n -i any -c 2 icmp6").out;
    expect(v6).toMatch(
      / In {2}IP6 2001:db8:90::2 > 2001:db8:90::b: ICMP6, echo request, id \d+, seq 1, length 64\n/,
    );
    sh(lab, "docker exec -d aa ping6 -c 2 2001:db8:90::b");
    expect(sh(lab, "tcpdump -l -n -i any -c 1 icmp").out).not.toContain("IP6");
  });

  it("reaches the gateway on the bridge, and loses what nobody answers for", () => {
    const lab = dualStack();
    expect(sh(lab, "docker exec aa ping6 -c 1 2001:db8:90::1").exit).toBe(0);
    // The host forwards: its advertisement says router, as busybox's ip -6 neigh recorded it.
    expect(sh(lab, "docker exec aa ip -6 neigh").out).toMatch(
      /^2001:db8:90::1 dev eth0 lladdr 02:42:[0-9a-f:]{11} router ref 1 used /m,
    );
    const lost = sh(lab, "docker exec aa ping6 -c 1 2001:db8:90::99");
    expect(lost.exit).toBe(1);
    expect(lost.out).toContain("1 packets transmitted, 0 packets received, 100% packet loss");
  });

  it("resolves a name to IPv6 first when the asker has a global IPv6 address, and to IPv4 with -4", () => {
    const lab = dualStack();
    expect(sh(lab, "docker exec aa ping -c 1 bb").out).toContain("PING bb (2001:db8:90::b)");
    expect(sh(lab, "docker exec aa ping -4 -c 1 bb").out).toContain("PING bb (10.90.0.3)");
    expect(sh(lab, "docker exec aa nslookup -type=AAAA bb").out).toContain("Address: 2001:db8:90::b");
  });

  it("gives back the IPv6 address of a container that leaves, and keeps the IPv4 one a refused --ip6 took", () => {
    const lab = dualStack();
    const refused = sh(lab, "docker run -d --name dup --network v6 --ip6 2001:db8:90::b busybox sleep 3600");
    expect(refused.out).toContain("docker: Error response from daemon: Address already in use");
    sh(lab, "docker run -d --name cc --network v6 busybox sleep 3600");
    const addresses =
      "{{.NetworkSettings.Networks.v6.IPAddress}} {{.NetworkSettings.Networks.v6.GlobalIPv6Address}}";
    expect(sh(lab, `docker inspect -f '${addresses}' cc`).out).toBe("10.90.0.5 2001:db8:90::3\n");
    sh(lab, "docker rm -f bb");
    sh(lab, "docker run -d --name dd --network v6 --ip6 2001:db8:90::b busybox sleep 3600");
    expect(sh(lab, `docker inspect -f '${addresses}' dd`).out).toBe("10.90.0.3 2001:db8:90::b\n");
  });

  it("keeps IPv6 off on an IPv4-only network's interface beside an IPv6 one", () => {
    const lab = dualStack();
    sh(lab, "docker network connect bridge aa");
    const v6 = sh(lab, "docker exec aa ip -6 addr").out;
    expect(v6).toContain("eth0@");
    expect(v6).not.toContain("eth1@");
    expect(sh(lab, "docker exec aa ip -6 route").out).toContain(
      "default via 2001:db8:90::1 dev eth0  metric 1024",
    );
  });
});
