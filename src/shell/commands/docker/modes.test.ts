import { describe, expect, it } from "vitest";
import { play } from "../../../testing/transcript";
import { createLab, type Lab, printed, run } from "../../lab";

function transcript(lab: Lab, text: string): void {
  const { expected, actual } = play(lab, text);
  expect(actual).toBe(expected);
}

function container(lab: Lab, name: string) {
  const c = lab.world.machines.host1?.docker?.containers.find((x) => x.name === name);
  if (!c) throw new Error(`no container ${name}`);
  return c;
}

function linkNames(lab: Lab, name: string): string[] {
  return lab.world.netns[container(lab, name).netns ?? ""]?.links.map((l) => l.name) ?? [];
}

describe("network modes", () => {
  it("host mode shares the host's stack, discards published ports and takes the host's name", () => {
    const lab = createLab();
    transcript(
      lab,
      `$ docker run -d --network host -p 8083:8080 --name h1 busybox sleep 3600
WARNING: Published ports are discarded when using host network mode
<ID>
[exit 0]

$ docker inspect -f '{{.Config.Hostname}} {{.HostConfig.NetworkMode}} {{json .NetworkSettings.Ports}} {{json .HostConfig.PortBindings}}' h1
host1 host {} {"8080/tcp":[{"HostIp":"","HostPort":"8083"}]}
[exit 0]

$ docker port h1
[exit 0]

$ docker network inspect -f '{{range .Containers}}{{.Name}} [{{.IPv4Address}}]{{end}}' host
h1 []
[exit 0]
`,
    );
    expect(container(lab, "h1").netns).toBe("host1");
  });

  it("none mode has only lo", () => {
    const lab = createLab();
    run(lab, "docker run -itd --network none --name n1 busybox");
    expect(linkNames(lab, "n1")).toEqual(["lo"]);
    expect(printed(run(lab, "docker inspect -f '{{json .NetworkSettings.Networks}}' n1"))).toMatch(
      /^\{"none":\{"IPAMConfig":null,.*"NetworkID":"[0-9a-f]{64}","EndpointID":"[0-9a-f]{64}","Gateway":"","IPAddress":"".*"DNSNames":null\}\}\n$/,
    );
  });

  it("container mode shares the partner's namespace, loses eth0 when it stops, and rejoins only on restart", () => {
    const lab = createLab();
    run(lab, "docker run -itd --name alpine1 alpine");
    run(lab, "docker run -itd --network container:alpine1 --name alpine2 alpine");
    expect(container(lab, "alpine2").netns).toBe(container(lab, "alpine1").netns);
    transcript(
      lab,
      `$ docker inspect -f '{{.HostConfig.NetworkMode}} {{json .NetworkSettings.Networks}} {{.Config.Hostname}}' alpine2
container:<ID> {} <ID12>
[exit 0]

$ docker run -itd --network container:alpine1 -p 8080:80 --name alpine3 alpine
docker: Error response from daemon: conflicting options: port publishing and the container type network mode

Run 'docker run --help' for more information
[exit 125]

$ docker run -itd -h x --network container:alpine1 --name alpine4 alpine
docker: Error response from daemon: conflicting options: hostname and the network mode

Run 'docker run --help' for more information
[exit 125]

$ docker run -itd --network container:alpine1 --dns 1.1.1.1 alpine
docker: Error response from daemon: conflicting options: dns and the network mode

Run 'docker run --help' for more information
[exit 125]

$ docker run -itd --network container:nosuch --name alpine5 alpine
<ID>
docker: Error response from daemon: No such container: nosuch

Run 'docker run --help' for more information
[exit 125]

$ docker stop alpine1
alpine1
[exit 0]
`,
    );
    expect(linkNames(lab, "alpine2")).toEqual(["lo"]);
    run(lab, "docker start alpine1");
    expect(linkNames(lab, "alpine1")).toEqual(["lo", "eth0"]);
    expect(linkNames(lab, "alpine2")).toEqual(["lo"]);
    run(lab, "docker restart alpine2");
    expect(linkNames(lab, "alpine2")).toEqual(["lo", "eth0"]);
    transcript(
      lab,
      `$ docker rm -f alpine1
alpine1
[exit 0]

$ docker restart alpine2
Error response from daemon: Cannot restart container alpine2: No such container: <ID>
[exit 1]

$ docker ps -a --format '{{.Names}} {{.Status}} [{{.Networks}}]'
alpine5 Created []
alpine2 Exited (137) <AGO> ago []
[exit 0]
`,
    );
  });
});

describe("legacy links and DNS files", () => {
  it("writes /etc/hosts link entries and link variables on the default bridge only", () => {
    const lab = createLab();
    run(lab, "docker run -itd --name busy1 busybox");
    run(lab, "docker run -itd --name busy2 --link busy1 busybox");
    run(lab, "docker run -itd --name busy3 --link busy1:db busybox");
    run(lab, "docker run -d --name exp1 --expose 80 --expose 53/udp busybox sleep 3600");
    run(lab, "docker run -itd --name busy4 --link exp1:web busybox");
    const hosts3 = printed(run(lab, "docker exec busy3 cat /etc/hosts")).split("\n");
    expect(hosts3.slice(6)).toEqual([
      `172.17.0.2\tdb ${container(lab, "busy1").id.slice(0, 12)} busy1`,
      `172.17.0.4\t${container(lab, "busy3").id.slice(0, 12)}`,
      "",
    ]);
    const frame = run(lab, "docker exec -it busy4 sh").push;
    lab.sessions[0]?.frames.pop();
    expect(Object.entries(frame?.env ?? {}).map(([k, v]) => `${k}=${v}`)).toEqual([
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      `HOSTNAME=${container(lab, "busy4").id.slice(0, 12)}`,
      "TERM=xterm",
      "WEB_PORT=udp://172.17.0.5:53",
      "WEB_PORT_53_UDP=udp://172.17.0.5:53",
      "WEB_PORT_53_UDP_ADDR=172.17.0.5",
      "WEB_PORT_53_UDP_PORT=53",
      "WEB_PORT_53_UDP_PROTO=udp",
      "WEB_PORT_80_TCP=tcp://172.17.0.5:80",
      "WEB_PORT_80_TCP_ADDR=172.17.0.5",
      "WEB_PORT_80_TCP_PORT=80",
      "WEB_PORT_80_TCP_PROTO=tcp",
      "WEB_NAME=/busy4/web",
      "HOME=/root",
    ]);
    transcript(
      lab,
      `$ docker inspect -f '{{.HostConfig.Links}}' busy2 busy3 busy1
[/busy1:/busy2/busy1]
[/busy1:/busy3/db]
[]
[exit 0]

$ docker ps --no-trunc --filter name=busy1 --format '{{.Names}}'
busy1,busy2/busy1,busy3/db
[exit 0]

$ docker run -itd --name busy5 --link nosuch busybox
docker: Error response from daemon: could not get container for nosuch: No such container: nosuch

Run 'docker run --help' for more information
[exit 125]

$ docker network create mynet
<ID>
[exit 0]

$ docker run -itd --name busy8 --net mynet --link busy1 busybox
<ID>
[exit 0]

$ docker inspect -f '{{.HostConfig.Links}} {{json .NetworkSettings.Networks.mynet.Links}} {{json .NetworkSettings.Networks.mynet.DNSNames}}' busy8
[] ["busy1"] ["busy8","<ID12>"]
[exit 0]
`,
    );
  });

  it("writes resolv.conf for the embedded server on user networks and copies the host's otherwise", () => {
    const lab = createLab();
    run(lab, "docker network create mynet");
    run(lab, "docker run -itd --name u1 --net mynet busybox");
    run(lab, "docker run -itd --name d1 --dns 8.8.4.4 busybox");
    run(lab, "docker run -itd --name h1 --network host busybox");
    transcript(
      lab,
      `$ docker exec u1 cat /etc/resolv.conf
# Generated by Docker Engine.
# This file can be edited; Docker Engine will not make further changes once it
# has been modified.

nameserver 127.0.0.11
options ndots:0

# Based on host file: '/etc/resolv.conf' (internal resolver)
# ExtServers: [192.168.0.1]
# Overrides: []
# Option ndots from: internal
[exit 0]

$ docker exec d1 cat /etc/resolv.conf
# Generated by Docker Engine.
# This file can be edited; Docker Engine will not make further changes once it
# has been modified.

nameserver 8.8.4.4

# Based on host file: '/etc/resolv.conf' (legacy)
# Overrides: [nameservers]
[exit 0]

$ docker exec h1 cat /etc/resolv.conf
# Generated by Docker Engine.
# This file can be edited; Docker Engine will not make further changes once it
# has been modified.

nameserver 192.168.0.1

# Based on host file: '/etc/resolv.conf'
# Overrides: []
[exit 0]
`,
    );
    const ns = lab.world.netns[container(lab, "u1").netns ?? ""];
    expect(ns?.sockets.filter((s) => s.ip === "127.0.0.11").map((s) => s.proto)).toEqual(["tcp", "udp"]);
  });
});

describe("published ports", () => {
  it("binds IPv4 and IPv6 proxies, allocates ephemeral ports per protocol, and refuses a taken port", () => {
    const lab = createLab();
    run(lab, "docker run -d -p 80 --name w4 busybox sleep 3600");
    run(lab, "docker run -d -p 9000-9001:80-81 --name w5 busybox sleep 3600");
    run(lab, "docker run -d -P --expose 80 --expose 90/udp --name w6 busybox sleep 3600");
    transcript(
      lab,
      `$ docker port w6
80/tcp -> 0.0.0.0:32769
80/tcp -> [::]:32769
90/udp -> 0.0.0.0:32768
90/udp -> [::]:32768
[exit 0]

$ docker ps --format '{{.Names}} {{.Ports}}'
w6 0.0.0.0:32769->80/tcp, [::]:32769->80/tcp, 0.0.0.0:32768->90/udp, [::]:32768->90/udp
w5 0.0.0.0:9000->80/tcp, [::]:9000->80/tcp, 0.0.0.0:9001->81/tcp, [::]:9001->81/tcp
w4 0.0.0.0:32768->80/tcp, [::]:32768->80/tcp
[exit 0]

$ docker run -d -p 9000:80 --name w7 busybox sleep 3600
<ID>
docker: Error response from daemon: driver failed programming external connectivity on endpoint w7 (<ID>): Bind for 0.0.0.0:9000 failed: port is already allocated

Run 'docker run --help' for more information
[exit 125]

$ docker run -d -p abc busybox
docker: invalid containerPort: abc

Run 'docker run --help' for more information
[exit 125]

$ docker run -d -p 70000:80 busybox
docker: invalid hostPort: 70000

Run 'docker run --help' for more information
[exit 125]

$ docker run -d -p 8080: busybox
docker: no port specified: 8080:<empty>

Run 'docker run --help' for more information
[exit 125]

$ docker port w5 82
Error: No public port '82' published for w5
[exit 1]
`,
    );
    const host = lab.world.netns.host1;
    const proxies = host?.sockets.filter((s) => s.program === "docker-proxy") ?? [];
    expect(proxies.map((s) => `${s.proto} ${s.ip}:${s.port}${s.v6only ? " v6only" : ""}`)).toEqual([
      "tcp 0.0.0.0:32768",
      "tcp :::32768 v6only",
      "tcp 0.0.0.0:9001",
      "tcp :::9001 v6only",
      "tcp 0.0.0.0:9000",
      "tcp :::9000 v6only",
      "udp 0.0.0.0:32768",
      "udp :::32768 v6only",
      "tcp 0.0.0.0:32769",
      "tcp :::32769 v6only",
    ]);
    run(lab, "docker rm -f w4 w5 w6 w7");
    expect(host?.sockets.filter((s) => s.program === "docker-proxy")).toEqual([]);
    expect(lab.world.machines.host1?.docker?.ports).toEqual([]);
    expect(host?.netfilter.nat?.find((c) => c.name === "DOCKER")?.rules.map((r) => r.target)).toEqual([
      "RETURN",
    ]);
  });
});
