/**
 * Seed 000 (Chinese): docker0 and veth pairs, `--link`, the three networks, the default bridge (by IP
 * only), a user network (names and IDs), `docker network connect`, `docker network inspect <id>`.
 * Each step typed as the tutorial gives it; each claim it makes checked on the output.
 */
import { describe, expect, it } from "vitest";
import { createLab } from "../../src/shell/lab";
import { type, where } from "./helpers";

describe("seed 000: --link, the default bridge and a user network", () => {
  it("§2 --link: busy2 reaches busy1 by the name /etc/hosts gives it", () => {
    const lab = createLab();
    expect(type(lab, "docker run -itd --name busy1 busybox").out).toMatch(/^[0-9a-f]{64}\n$/);
    expect(type(lab, "docker run -itd --name busy2 --link busy1 busybox").exit).toBe(0);
    type(lab, "docker exec -it busy2 sh");
    expect(where(lab)).toMatch(/^container /);
    const ping = type(lab, "ping busy1");
    expect(ping.out).toMatch(
      /^PING busy1 \(172\.17\.0\.2\): 56 data bytes\n64 bytes from 172\.17\.0\.2: seq=0 ttl=64/,
    );
    expect(ping.out).toMatch(
      /\n--- busy1 ping statistics ---\n3 packets transmitted, 3 packets received, 0% packet loss\n/,
    );
    const hosts = type(lab, "cat /etc/hosts").out;
    expect(hosts).toMatch(/^172\.17\.0\.2\tbusy1 [0-9a-f]{12}$/m);
    const id = hosts.match(/^172\.17\.0\.2\tbusy1 ([0-9a-f]{12})$/m)?.[1] ?? "";
    // "同理,通过容器id也可以ping通": the short ID in /etc/hosts works too.
    expect(type(lab, `ping -c 1 ${id}`).out).toContain(
      "1 packets transmitted, 1 packets received, 0% packet loss",
    );
    type(lab, "exit");
    expect(where(lab)).toBe("host host1");
  });

  it("§3.1 a fresh daemon has the bridge, host and none networks", () => {
    const out = type(createLab(), "docker network ls").out;
    expect(out).toMatch(
      /^NETWORK ID {5}NAME {6}DRIVER {4}SCOPE\n[0-9a-f]{12} {3}bridge {4}bridge {4}local\n[0-9a-f]{12} {3}host {6}host {6}local\n[0-9a-f]{12} {3}none {6}null {6}local\n$/,
    );
  });

  it("§3.2 on the default bridge containers reach each other by IP only", () => {
    const lab = createLab();
    type(lab, "docker run -itd --name busy1 --net bridge busybox");
    type(lab, "docker run -itd --name busy2 --net bridge busybox");
    type(lab, "docker exec -it busy1 sh");
    expect(type(lab, "ping -c 2 172.17.0.3").out).toContain(
      "2 packets transmitted, 2 packets received, 0% packet loss",
    );
    const byName = type(lab, "ping -c 1 busy2");
    expect(byName.out).toBe("ping: bad address 'busy2'\n");
    expect(byName.exit).toBe(1);
    type(lab, "exit");
    // "docker exec -it busy2 ping 172.17.0.2": an endless ping, stopped with Ctrl+C.
    const back = type(lab, "docker exec -it busy2 ping 172.17.0.2");
    expect(back.out).toMatch(/^PING 172\.17\.0\.2 \(172\.17\.0\.2\): 56 data bytes\n/);
    expect(back.out).toContain("packets transmitted");
    expect(back.out).toContain("0% packet loss");
  });

  it("§3.3 on a user network names, short IDs and IPs all work", () => {
    const lab = createLab();
    expect(type(lab, "docker network create mynet").out).toMatch(/^[0-9a-f]{64}\n$/);
    type(lab, "docker run -itd --name busy1 --net mynet busybox");
    type(lab, "docker run -itd --name busy2 --net mynet busybox");
    type(lab, "docker exec -it busy1 sh");
    expect(type(lab, "ping -c 1 busy2").out).toMatch(/^PING busy2 \(172\.18\.0\.3\)/);
    const id = type(lab, "exit") && type(lab, "docker ps -q --filter name=busy2").out.trim();
    expect(type(lab, `docker exec busy1 ping -c 1 ${id}`).out).toContain("1 packets received");
    expect(type(lab, "docker exec -it busy2 ping -c 1 busy1").out).toMatch(/^PING busy1 \(172\.18\.0\.2\)/);
  });

  it("§3.4–3.5 connect adds an interface; network inspect by ID prefix lists the container", () => {
    const lab = createLab();
    type(lab, "docker network create mynet");
    type(lab, "docker run -itd --name busy3 busybox");
    expect(type(lab, "docker network connect mynet busy3")).toEqual({ out: "", exit: 0 });
    expect(type(lab, "docker exec busy3 ip addr").out).toMatch(
      /eth1@if\d+:.*\n.*\n\s+inet 172\.18\.0\.2\/16/,
    );
    const id = type(lab, "docker network ls -q --filter name=mynet").out.trim();
    const inspect = type(lab, `docker network inspect ${id}`).out;
    expect(inspect).toContain('"Name": "mynet"');
    expect(inspect).toContain('"Name": "busy3"');
    expect(inspect).toContain('"IPv4Address": "172.18.0.2/16"');
  });
});
