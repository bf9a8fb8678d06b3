/**
 * Seed 004 (Chinese): the default networks, `docker network` subcommands, how container IPs are
 * handed out (and reused), tomcat on the default bridge seen from inside a Debian image, host mode
 * with its warning, none, container mode (refused with -p, then with alpine), and a user network
 * where iputils ping resolves `tomcat81` through the embedded DNS.
 */
import { describe, expect, it } from "vitest";
import { createLab, hostSession } from "../../src/shell/lab";
import { ipOf, type, where } from "./helpers";

describe("seed 004: IP allocation, tomcat, host, none and container modes, a user network", () => {
  it("§2 docker network create, ls and rm", () => {
    const lab = createLab();
    expect(type(lab, "docker network --help").out).toContain("Usage:  docker network COMMAND");
    type(lab, "docker network create aa");
    expect(type(lab, "docker network ls").out.split("\n")[1]).toMatch(
      /^[0-9a-f]{12} {3}aa {8}bridge {4}local$/,
    );
    expect(type(lab, "docker network rm aa").out).toBe("aa\n");
  });

  it("§4 IPs go from .2 upward and a released one is handed out again", () => {
    const lab = createLab();
    type(lab, "docker run -itd --name u1 ubuntu bash");
    type(lab, "docker run -itd --name u2 ubuntu bash");
    expect([ipOf(lab, "u1"), ipOf(lab, "u2")]).toEqual(["172.17.0.2", "172.17.0.3"]);
    expect(type(lab, "docker inspect u2 | tail -n 20").out).toContain('"IPAddress": "172.17.0.3"');
    type(lab, "docker stop u2");
    type(lab, "docker run -itd --name u3 ubuntu bash");
    expect(ipOf(lab, "u3")).toBe("172.17.0.3");
    type(lab, "docker start u2");
    expect(ipOf(lab, "u2")).toBe("172.17.0.4");
  });

  it("§5.1 bridge: inside tomcat81 iproute2 shows eth0@ifN; by name the default bridge fails", () => {
    const lab = createLab();
    type(lab, "docker run -d -p 8081:8080 --name tomcat81 billygoo/tomcat8-jdk8");
    type(lab, "docker run -d -p 8082:8080 --name tomcat82 billygoo/tomcat8-jdk8");
    type(lab, "docker exec -it tomcat82 bash");
    expect(where(lab)).toMatch(/^container /);
    expect(type(lab, "ip addr").out).toMatch(
      /^6: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default \n {4}link\/ether 02:42:ac:11:00:03 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n {4}inet 172\.17\.0\.3\/16 brd 172\.17\.255\.255 scope global eth0\n/m,
    );
    expect(type(lab, "ping -c 2 172.17.0.2").out).toMatch(
      /^PING 172\.17\.0\.2 \(172\.17\.0\.2\) 56\(84\) bytes of data\.\n64 bytes from 172\.17\.0\.2: icmp_seq=1 ttl=64 time=/,
    );
    const byName = type(lab, "ping tomcat81");
    expect(byName.out).toMatch(
      /^ping: tomcat81: (Name or service not known|Temporary failure in name resolution)\n$/,
    );
    expect(byName.exit).toBe(2);
    type(lab, "exit");
    type(lab, "ssh laptop");
    expect(type(lab, "curl -s 192.168.0.102:8081").out).toContain("Apache Tomcat");
  });

  it("§5.2 host mode discards -p with Docker's warning and serves on the host's 8080", () => {
    const lab = createLab();
    const run = type(lab, "docker run -d -p 8083:8080 --network host --name tomcat83 billygoo/tomcat8-jdk8");
    expect(run.out).toMatch(
      /WARNING: Published ports are discarded when using host network mode\n[0-9a-f]{64}\n$/,
    );
    expect(type(lab, "curl -s -o /dev/null -w '%{http_code}\\n' 192.168.0.102:8080").out).toBe("200\n");
    expect(type(lab, "docker port tomcat83").out).toBe("");
  });

  it("§5.3 none: only lo inside tomcat84", () => {
    const lab = createLab();
    type(lab, "docker run -d -p 8084:8080 --network none --name tomcat84 billygoo/tomcat8-jdk8");
    const addrs = type(lab, "docker exec tomcat84 ip addr").out;
    expect(addrs).toMatch(/^1: lo: /);
    expect(addrs).not.toContain("eth0");
  });

  it("§5.4 container mode refuses -p; alpine2 shares alpine1 and keeps only lo when alpine1 stops", () => {
    const lab = createLab();
    type(lab, "docker run -d -p 8085:8080 --name tomcat85 billygoo/tomcat8-jdk8");
    const refused = type(
      lab,
      "docker run -d -p 8086:8080 --network container:tomcat85 --name tomcat86 billygoo/tomcat8-jdk8",
    );
    expect(refused.out).toBe(
      "docker: Error response from daemon: conflicting options: port publishing and the container type network mode\n\nRun 'docker run --help' for more information\n",
    );
    expect(refused.exit).toBe(125);
    type(lab, "docker run -itd --name alpine1 alpine /bin/sh");
    type(lab, "docker run -it --network container:alpine1 --name alpine2 alpine /bin/sh");
    expect(type(lab, "ip addr").out).toMatch(
      /eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \n/,
    );
    // A second tab on the host stops alpine1 while the first is still in alpine2's shell.
    lab.sessions.push(hostSession("s2"));
    expect(type(lab, "docker stop alpine1", 3, "s2").exit).toBe(0);
    const after = type(lab, "ip addr").out;
    expect(after).toMatch(/^1: lo: /);
    expect(after).not.toContain("eth0");
  });

  it("§5.5 a user network: tomcat82 pings tomcat81 by name, iputils shows name.network", () => {
    const lab = createLab();
    type(lab, "docker network create amazecode_network");
    type(lab, "docker run -d -p 8081:8080 --network amazecode_network --name tomcat81 billygoo/tomcat8-jdk8");
    type(lab, "docker run -d -p 8082:8080 --network amazecode_network --name tomcat82 billygoo/tomcat8-jdk8");
    const ping = type(lab, "docker exec -it tomcat82 ping -c 2 tomcat81").out;
    expect(ping).toMatch(
      /^PING tomcat81 \(172\.18\.0\.2\) 56\(84\) bytes of data\.\n64 bytes from tomcat81\.amazecode_network \(172\.18\.0\.2\): icmp_seq=1 ttl=64 time=/,
    );
  });
});
