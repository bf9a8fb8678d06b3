/**
 * Seed 003 (Chinese): none, host and bridge networks, user-defined bridges with a fixed subnet and
 * `--ip`, isolation between bridges lifted by `docker network connect`, a joined container reaching
 * its partner on 127.0.0.1, the way out (NAT to the host's address) and the way in (port mapping).
 */
import { describe, expect, it } from "vitest";
import { createLab } from "../../src/shell/lab";
import { type } from "./helpers";

describe("seed 003: container networking in depth", () => {
  it("§1 none: only the loopback; §2 host: the host's own interfaces", () => {
    const lab = createLab();
    type(lab, "docker run -it --network=none busybox");
    expect(type(lab, "ifconfig").out).not.toMatch(/^eth0/m);
    type(lab, "exit");
    type(lab, "docker run -it --network=host busybox");
    const links = type(lab, "ip l").out;
    expect(links).toMatch(/^2: eth0: /m);
    expect(links).toMatch(/^3: docker0: /m);
    type(lab, "exit");
  });

  it("§3 bridge: a new container adds a veth to docker0, its peer is eth0@ifN inside", () => {
    const lab = createLab();
    type(lab, "docker run -itd --name b1 busybox");
    const bridge = type(lab, "brctl show").out;
    const veth = bridge.match(/docker0\t\t8000\.\w{12}\tno\t\t(veth[0-9a-f]{7})/)?.[1] ?? "";
    expect(veth).not.toBe("");
    const hostSide = type(lab, `ip link show ${veth}`).out;
    expect(hostSide).toMatch(
      new RegExp(
        `^5: ${veth}@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP`,
      ),
    );
    expect(type(lab, "docker exec b1 ip addr").out).toMatch(/^4: eth0@if5: /m);
  });

  it("§4 user-defined: two bridges are isolated until the container joins the other one", () => {
    const lab = createLab();
    type(lab, "docker network create --driver bridge my_net");
    const created = type(
      lab,
      "docker network create --driver bridge --subnet 172.22.16.0/24 --gateway 172.22.16.1 my_net2",
    );
    expect(created.exit).toBe(0);
    type(lab, "docker run -itd --name bbox --network=my_net2 --ip 172.22.16.8 busybox");
    expect(type(lab, "docker exec bbox ip addr").out).toContain(
      "inet 172.22.16.8/24 brd 172.22.16.255 scope global eth0",
    );
    type(lab, "docker run -d --name web --network=my_net httpd");
    const isolated = type(lab, "docker exec bbox ping -c 2 -W 1 172.18.0.2");
    expect(isolated.out).toContain("2 packets transmitted, 0 packets received, 100% packet loss");
    expect(isolated.exit).toBe(1);
    type(lab, "docker network connect my_net bbox");
    expect(type(lab, "docker exec bbox ping -c 2 172.18.0.2").out).toContain(
      "2 packets received, 0% packet loss",
    );
    // §5: on user networks names work, and wget reaches Apache by name.
    expect(type(lab, "docker exec bbox wget -qO- web").out).toBe(
      "<html><body><h1>It works!</h1></body></html>\n",
    );
  });

  it("§6 joined containers share one stack: busybox reaches httpd on 127.0.0.1", () => {
    const lab = createLab();
    type(lab, "docker run -d -it --name=web1 httpd");
    type(lab, "docker run -it --network=container:web1 busybox");
    expect(type(lab, "wget -qO- 127.0.0.1").out).toBe("<html><body><h1>It works!</h1></body></html>\n");
    expect(type(lab, "ip addr").out).toContain("inet 172.17.0.2/16");
  });

  it("§7 the way out: the source is rewritten to host1's address on eth0", () => {
    const lab = createLab();
    const ping = type(lab, "docker run --rm busybox ping -c 3 www.bing.com");
    expect(ping.out).toMatch(
      /^PING www\.bing\.com \(204\.79\.197\.200\): 56 data bytes\n64 bytes from 204\.79\.197\.200: seq=0/,
    );
    expect(ping.out).toContain("3 packets transmitted, 3 packets received, 0% packet loss");
    expect(type(lab, "iptables -t nat -S POSTROUTING").out).toContain(
      "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n",
    );
    // conntrack shows the flow as it left host1: the reply comes back to 192.168.0.102.
    type(lab, "docker run -itd --name out busybox");
    type(lab, "docker exec out ping -c 1 8.8.8.8");
    expect(type(lab, "conntrack -L").out).toMatch(
      /^icmp +1 \d+ src=172\.17\.0\.2 dst=8\.8\.8\.8 type=8 code=0 id=\d+ src=8\.8\.8\.8 dst=192\.168\.0\.102 type=0 code=0 id=\d+ /m,
    );
  });

  it("§8 the way in: -p 80 picks 32768, -p 8080:80 a fixed port; both reach Apache", () => {
    const lab = createLab();
    type(lab, "docker run -d -p 80 --name random httpd");
    expect(type(lab, "docker port random").out).toBe("80/tcp -> 0.0.0.0:32768\n80/tcp -> [::]:32768\n");
    expect(type(lab, "curl 192.168.0.102:32768").out).toBe("<html><body><h1>It works!</h1></body></html>\n");
    type(lab, "docker run -d -p 8080:80 --name fixed httpd");
    expect(type(lab, "curl -s -I localhost:8080").out).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(type(lab, "ss -tlnp").out).toMatch(/0\.0\.0\.0:8080 .*docker-proxy/);
  });
});
