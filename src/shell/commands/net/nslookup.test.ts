import { describe, expect, it } from "vitest";
import { createLab, type Lab } from "../../lab";
import { notes, sh } from "./test-helpers";

function userNetwork(lab: Lab): void {
  sh(lab, "docker network create mynet");
  sh(lab, "docker run -itd --name busy1 --net mynet busybox");
  sh(lab, "docker run -itd --name busy2 --net mynet busybox");
}

const ANSWER_BUSY2 = [
  "Server:\t\t127.0.0.11",
  "Address:\t127.0.0.11:53",
  "",
  "Non-authoritative answer:",
  "Name:\tbusy2",
  "Address: 172.18.0.3",
  "",
  "Non-authoritative answer:",
  "",
  "",
].join("\n");

describe("busybox nslookup", () => {
  it("asks the embedded DNS server for A and AAAA (05-user-dns, 13-busybox-tools)", () => {
    const lab = createLab();
    userNetwork(lab);
    const r = sh(lab, "docker exec busy1 nslookup busy2");
    expect(r).toMatchObject({ out: ANSWER_BUSY2, exit: 0 });
    expect(r.traces.map((t) => t.protocol)).toEqual(["DNS", "DNS"]);
    expect(sh(lab, "docker exec busy1 nslookup busy2 127.0.0.11").out).toBe(ANSWER_BUSY2);
    expect(sh(lab, "docker exec busy1 nslookup 172.18.0.3")).toMatchObject({
      out: [
        "Server:\t\t127.0.0.11",
        "Address:\t127.0.0.11:53",
        "",
        "Non-authoritative answer:",
        "3.0.18.172.in-addr.arpa\tname = busy2.mynet",
        "",
        "",
      ].join("\n"),
      exit: 0,
    });
  });

  it("times out where the instrument's upstream never answers (05-user-dns, 03-default-bridge)", () => {
    const lab = createLab({ offline: true });
    userNetwork(lab);
    sh(lab, "docker run -itd --name def1 busybox");
    expect(sh(lab, "docker exec busy1 nslookup nosuch")).toMatchObject({
      out: [
        "Server:\t\t127.0.0.11",
        "Address:\t127.0.0.11:53",
        "",
        ";; connection timed out; no servers could be reached",
        "",
        "",
      ].join("\n"),
      exit: 1,
    });
    expect(sh(lab, "docker exec def1 nslookup busy1")).toMatchObject({
      out: ";; connection timed out; no servers could be reached\n\n",
      exit: 1,
    });
  });

  it("forwards unknown names from the container's namespace to the host's resolver and on to 8.8.8.8", () => {
    const lab = createLab();
    userNetwork(lab);
    const r = sh(lab, "docker exec busy1 nslookup example.com");
    expect(r.out).toBe(
      [
        "Server:\t\t127.0.0.11",
        "Address:\t127.0.0.11:53",
        "",
        "Non-authoritative answer:",
        "Name:\texample.com",
        "Address: 93.184.215.14",
        "",
        "Non-authoritative answer:",
        "",
        "",
      ].join("\n"),
    );
    const seen = notes(r.traces.slice(0, 1));
    const container = lab.world.machines.host1?.docker?.containers.find((c) => c.name === "busy1")?.netns;
    const sport = r.traces[0]?.hops[0]?.packet.udp?.sport;
    expect(seen[0]).toBe(`${container} lo: UDP 127.0.0.1:${sport} > 127.0.0.11:53 DNS A? example.com`);
    const forwarded = seen.find((n) => n.startsWith(`${container} eth0: UDP 172.18.0.2:`));
    expect(forwarded).toMatch(/> 192\.168\.0\.1:53 DNS A\? example\.com$/);
    expect(seen).toContain("host1 eth0: SNAT 172.18.0.2 -> 192.168.0.102 (MASQUERADE)");
    expect(
      seen.some((n) =>
        /^dns\.google eth0: UDP 100\.64\.0\.2:\d+ > 8\.8\.8\.8:53 DNS A\? example\.com$/.test(n),
      ),
    ).toBe(true);
    expect(seen[seen.length - 1]).toBe(
      `${container} lo: UDP 127.0.0.11:53 > 127.0.0.1:${sport} DNS A? example.com -> 93.184.215.14: delivered, 127.0.0.1 is local here`,
    );
  });

  it("asks the host's resolver from the default bridge, where names of containers are unknown", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name busy1 busybox");
    expect(sh(lab, "docker exec busy1 nslookup busy2")).toMatchObject({
      out: [
        "Server:\t\t192.168.0.1",
        "Address:\t192.168.0.1:53",
        "",
        "** server can't find busy2: NXDOMAIN",
        "",
        "** server can't find busy2: NXDOMAIN",
        "",
        "",
      ].join("\n"),
      exit: 1,
    });
    // The router's dnsmasq answers its own names authoritatively.
    expect(sh(lab, "docker exec busy1 nslookup host1").out).toBe(
      "Server:\t\t192.168.0.1\nAddress:\t192.168.0.1:53\n\nName:\thost1\nAddress: 192.168.0.102\n\n\n",
    );
  });
});

describe("bind's nslookup and getent on the host and in Debian images", () => {
  it("prints bind's forms", () => {
    const lab = createLab();
    expect(sh(lab, "nslookup example.com").out).toBe(
      "Server:\t\t192.168.0.1\nAddress:\t192.168.0.1#53\n\nNon-authoritative answer:\nName:\texample.com\nAddress: 93.184.215.14\n\n",
    );
    expect(sh(lab, "nslookup nosuch")).toMatchObject({
      out: "Server:\t\t192.168.0.1\nAddress:\t192.168.0.1#53\n\n** server can't find nosuch: NXDOMAIN\n\n",
      exit: 1,
    });
    expect(sh(lab, "nslookup 8.8.8.8").out).toBe(
      "Server:\t\t192.168.0.1\nAddress:\t192.168.0.1#53\n\nNon-authoritative answer:\n8.8.8.8.in-addr.arpa\tname = dns.google.\n\n",
    );
  });

  it("getent hosts resolves through /etc/hosts and the embedded DNS", () => {
    const lab = createLab();
    userNetwork(lab);
    sh(lab, "docker run -itd --name deb --net mynet debian");
    expect(sh(lab, "docker exec deb getent hosts busy2")).toMatchObject({
      out: "172.18.0.3      busy2\n",
      exit: 0,
    });
    expect(sh(lab, "docker exec deb getent hosts nosuch")).toMatchObject({ out: "", exit: 2 });
    expect(sh(lab, "getent hosts example.com").out).toBe("93.184.215.14   example.com\n");
    // IPv6 first, as glibc's getent asks: the host's /etc/hosts has a ::1 line.
    expect(sh(lab, "getent hosts localhost").out).toBe(
      "::1             localhost localhost.localdomain localhost6 localhost6.localdomain6\n",
    );
    expect(sh(lab, "getent hosts 127.0.0.1").out).toBe(
      "127.0.0.1       localhost localhost.localdomain localhost4 localhost4.localdomain4\n",
    );
  });
});
