/**
 * Seed 001 (Chinese): the three default networks, docker0 seen with ifconfig, a container on `none`
 * with only a loopback (attached, then left with Ctrl+P Ctrl+Q), `docker network inspect bridge`,
 * publishing with -p/-P so other machines reach a container, and the embedded DNS on user networks.
 */
import { describe, expect, it } from "vitest";
import { detach } from "../../src/shell/detach";
import { createLab } from "../../src/shell/lab";
import { type, where } from "./helpers";

describe("seed 001: default networks, none, attach and detach, publishing", () => {
  it("shows docker0 with ifconfig as net-tools prints it", () => {
    const out = type(createLab(), "ifconfig docker0").out;
    expect(out).toMatch(/^docker0: flags=4099<UP,BROADCAST,MULTICAST> {2}mtu 1500\n/);
    expect(out).toContain("        inet 172.17.0.1  netmask 255.255.0.0  broadcast 172.17.255.255\n");
    expect(out).toMatch(/ether 02:42(:[0-9a-f]{2}){4} {2}txqueuelen 0 {2}\(Ethernet\)/);
  });

  it("a none container has only lo; attach enters its shell, Ctrl+P Ctrl+Q leaves it running", () => {
    const lab = createLab();
    type(lab, "docker run -itd --net none --name nonet busybox");
    expect(type(lab, "docker attach nonet").exit).toBe(0);
    expect(where(lab)).toMatch(/^container /);
    const ifconfig = type(lab, "ifconfig").out;
    expect(ifconfig).toMatch(/^lo {8}Link encap:Local Loopback {2}\n/);
    expect(ifconfig).not.toContain("eth0");
    const session = lab.sessions[0];
    if (!session) throw new Error("no session");
    const detached = detach(lab.world, session);
    expect(detached?.exit).toBe(1);
    expect(where(lab)).toBe("host host1");
    expect(type(lab, "docker ps --format '{{.Names}} {{.Status}}'").out).toMatch(/^nonet Up /);
    const inspect = type(lab, "docker network inspect none").out;
    expect(inspect).toContain('"Name": "nonet"');
    expect(inspect).toContain('"IPv4Address": ""');
  });

  it("network inspect bridge shows docker0's options, and the bridge network cannot be removed", () => {
    const lab = createLab();
    const inspect = type(lab, "docker network inspect bridge").out;
    expect(inspect).toContain('"com.docker.network.bridge.name": "docker0"');
    expect(inspect).toContain('"Subnet": "172.17.0.0/16"');
    const rm = type(lab, "docker network rm bridge");
    // Client 28 adds the "exit status 1" line for network rm (recorded in 01-networks).
    expect(rm.out).toBe(
      "Error response from daemon: bridge is a pre-defined network and cannot be removed\nexit status 1\n",
    );
    expect(rm.exit).toBe(1);
  });

  it("-p and -P publish a container's port so the laptop reaches it on host1's address", () => {
    const lab = createLab();
    type(lab, "docker run -d --name web -p 8080:80 nginx");
    type(lab, "docker run -d --name web2 -P nginx");
    expect(type(lab, "docker port web2").out).toBe("80/tcp -> 0.0.0.0:32768\n80/tcp -> [::]:32768\n");
    type(lab, "ssh laptop");
    expect(type(lab, "curl -s 192.168.0.102:8080").out).toContain("<title>Welcome to nginx!</title>");
    expect(type(lab, "curl -s -o /dev/null -w '%{http_code}' 192.168.0.102:32768").out).toBe("200");
    type(lab, "exit");
    expect(type(lab, "iptables -t nat -S DOCKER").out).toContain(
      "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80",
    );
  });

  it("the embedded DNS answers on a user network and forwards what it does not know", () => {
    const lab = createLab();
    type(lab, "docker network create app");
    type(lab, "docker run -itd --name api --net app busybox");
    type(lab, "docker run -itd --name client --net app busybox");
    expect(type(lab, "docker exec client cat /etc/resolv.conf").out).toContain("nameserver 127.0.0.11\n");
    expect(type(lab, "docker exec client nslookup api").out).toMatch(/Name:\tapi\nAddress: 172\.18\.0\.2\n/);
    expect(type(lab, "docker exec client nslookup example.com").out).toMatch(
      /Name:\texample\.com\nAddress: 93\.184\.215\.14\n/,
    );
  });
});
