import { describe, expect, it } from "vitest";
import type { Rule } from "../../../engine/linux/types";
import { play } from "../../../testing/transcript";
import { createLab, type Lab, printed, run } from "../../lab";

function transcript(lab: Lab, text: string): void {
  const { expected, actual } = play(lab, text);
  expect(actual).toBe(expected);
}

/** A chain's rules in iptables -S spelling, enough to check what Docker wrote and in which order. */
function rules(lab: Lab, table: "filter" | "nat", chain: string): string[] {
  const ns = lab.world.netns.host1;
  const rs = ns?.netfilter[table]?.find((c) => c.name === chain)?.rules ?? [];
  const m = (flag: string, v?: { value: string; neg?: boolean }) =>
    v ? `${v.neg ? "! " : ""}${flag} ${v.value} ` : "";
  return rs.map(
    (r: Rule) =>
      `${m("-s", r.src)}${m("-d", r.dst)}${m("-i", r.in)}${m("-o", r.out)}${r.proto ? `-p ${r.proto} --dport ${r.dport} ` : ""}-j ${r.target}${r.toDest ? ` ${r.toDest}` : ""}`,
  );
}

describe("docker network", () => {
  it("creates user bridges from the default pools, and refuses what the daemon refuses", () => {
    const lab = createLab();
    transcript(
      lab,
      `$ docker network create mynet
<ID>
[exit 0]

$ docker network create mynet
Error response from daemon: network with name mynet already exists
[exit 1]

$ docker network create bridge
Error response from daemon: operation is not permitted on predefined bridge network 
[exit 1]

$ docker network create -d overlay ov
Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.
[exit 1]

$ docker network create -d host h2
Error response from daemon: only one instance of "host" network is allowed
[exit 1]

$ docker network create -d nosuchdriver bad4
Error response from daemon: plugin "nosuchdriver" not found
[exit 1]

$ docker network create --subnet 10.2.0.1/16 x2
Error response from daemon: invalid network config:
invalid subnet 10.2.0.1/16: it should be 10.2.0.0/16
[exit 1]

$ docker network create --subnet 10.3.0.0/16 --ip-range 10.4.0.0/24 x3
no matching subnet for range 10.4.0.0/24
[exit 1]

$ docker network create --gateway 1.2.3.4 x4
every ip-range or gateway must have a corresponding subnet
[exit 1]

$ docker network create --subnet 10.5.0.0/16 --subnet 10.5.1.0/24 x5
multiple overlapping subnet configuration is not supported
[exit 1]

$ docker network create -o com.docker.network.bridge.enable_icc=maybe x6
Error response from daemon: failed to parse com.docker.network.bridge.enable_icc value: maybe (strconv.ParseBool: parsing "maybe": invalid syntax)
[exit 1]

$ docker network create -o com.docker.network.bridge.name=br-x n1
<ID>
[exit 0]

$ docker network create -o com.docker.network.bridge.name=br-x n2
Error response from daemon: cannot create network <ID> (br-x): conflicts with network <ID> (br-x): networks have same bridge name
[exit 1]

$ docker network inspect -f '{{.Name}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' mynet n1
mynet 172.18.0.0/16 172.18.0.1
n1 172.19.0.0/16 172.19.0.1
[exit 0]
`,
    );
  });

  it("does not hand a freed pool out again at once, as libnetwork rotates its pools", () => {
    const lab = createLab();
    run(lab, "docker network create a1");
    run(lab, "docker network rm a1");
    transcript(
      lab,
      `$ docker network create a2
<ID>
[exit 0]

$ docker network inspect -f '{{(index .IPAM.Config 0).Subnet}}' a2
172.19.0.0/16
[exit 0]
`,
    );
  });

  it("lists with filters and formats, sorted by name", () => {
    const lab = createLab();
    run(lab, "docker network create --label a=b net10");
    run(lab, "docker network create net2");
    transcript(
      lab,
      `$ docker network ls --filter type=custom --format '{{.Name}} {{.Driver}} {{.Scope}} {{.Labels}}'
net2 bridge local 
net10 bridge local a=b
[exit 0]

$ docker network ls --filter label=a --format '{{.Name}} {{.Label "a"}}'
net10 b
[exit 0]

$ docker network ls --filter type=bogus
Error response from daemon: invalid filter: 'type'='bogus'
[exit 1]

$ docker network ls --filter foo=bar
Error response from daemon: invalid filter 'foo'
[exit 1]

$ docker network ls --filter nofilter
invalid argument "nofilter" for "-f, --filter" flag: bad format of filter (expected name=value)

Usage:  docker network ls [OPTIONS]

Run 'docker network ls --help' for more information
[exit 125]

$ docker network ls --format '{{.Name}} {{.Foo}}'
template parsing error: template: :1:12: executing "" at <.Foo>: can't evaluate field Foo in type *network.networkContext
[exit 1]

$ docker network ls --filter dangling=true --format '{{.Name}}'
net2
net10
[exit 0]

$ docker network ls extra
docker: 'docker network ls' accepts no arguments

Usage:  docker network ls [OPTIONS]

Run 'docker network ls --help' for more information
[exit 1]
`,
    );
  });

  it("writes Docker's iptables rules in Docker's order, and removes them with the network", () => {
    const lab = createLab();
    run(lab, "docker network create net_a");
    run(lab, "docker network create --internal net_int");
    run(lab, "docker network create -o com.docker.network.bridge.enable_icc=false net_noicc");
    const [a, int, noicc] = ["net_a", "net_int", "net_noicc"].map(
      (n) => lab.world.machines.host1?.docker?.networks.find((x) => x.name === n)?.bridge ?? "",
    );
    expect(rules(lab, "filter", "FORWARD")).toEqual([
      "-j DOCKER-USER",
      "-j DOCKER-ISOLATION-STAGE-1",
      `-o ${noicc} -j ACCEPT`,
      `-o ${noicc} -j DOCKER`,
      `-i ${noicc} ! -o ${noicc} -j ACCEPT`,
      `-i ${int} -o ${int} -j ACCEPT`,
      `-o ${a} -j ACCEPT`,
      `-o ${a} -j DOCKER`,
      `-i ${a} ! -o ${a} -j ACCEPT`,
      `-i ${a} -o ${a} -j ACCEPT`,
      "-o docker0 -j ACCEPT",
      "-o docker0 -j DOCKER",
      "-i docker0 ! -o docker0 -j ACCEPT",
      "-i docker0 -o docker0 -j ACCEPT",
      `-i ${noicc} -o ${noicc} -j DROP`,
    ]);
    expect(rules(lab, "filter", "DOCKER-ISOLATION-STAGE-1")).toEqual([
      `-i ${noicc} ! -o ${noicc} -j DOCKER-ISOLATION-STAGE-2`,
      `! -s 172.19.0.0/16 -o ${int} -j DROP`,
      `! -d 172.19.0.0/16 -i ${int} -j DROP`,
      `-i ${a} ! -o ${a} -j DOCKER-ISOLATION-STAGE-2`,
      "-i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2",
      "-j RETURN",
    ]);
    expect(rules(lab, "nat", "POSTROUTING")).toEqual([
      `-s 172.20.0.0/16 ! -o ${noicc} -j MASQUERADE`,
      `-s 172.18.0.0/16 ! -o ${a} -j MASQUERADE`,
      "-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
    ]);
    run(lab, "docker network rm net_a net_int net_noicc");
    expect(rules(lab, "filter", "FORWARD")).toHaveLength(6);
    expect(rules(lab, "nat", "DOCKER")).toEqual(["-i docker0 -j RETURN"]);
  });

  it("removes several, refuses predefined and busy ones, and prunes unused ones", () => {
    const lab = createLab();
    run(lab, "docker network create aa");
    run(lab, "docker network create bb");
    run(lab, "docker run -itd --name busy --net bb busybox");
    transcript(
      lab,
      `$ docker network rm aa nosuch bridge
aa
Error response from daemon: network nosuch not found
Error response from daemon: bridge is a pre-defined network and cannot be removed
exit status 1
[exit 1]

$ docker network rm -f nosuch
[exit 0]

$ docker network rm bb
Error response from daemon: error while removing network: network bb id <ID> has active endpoints
exit status 1
[exit 1]

$ docker network create cc
<ID>
[exit 0]

$ docker network prune -f
Deleted Networks:
cc

[exit 0]

$ docker network prune -f
[exit 0]
`,
    );
    run(lab, "docker network create dd");
    const asked = run(lab, "docker network prune");
    expect(printed(asked)).toBe(
      "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ",
    );
    expect(asked.exit).toBe(0);
    expect(printed(run(lab, "echo y | docker network prune"))).toBe(
      "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] Deleted Networks:\ndd\n\n",
    );
  });

  it("connects and disconnects running containers: ethN, default route by network name, errors", () => {
    const lab = createLab();
    run(lab, "docker network create net_my1");
    run(lab, "docker network create net_my2");
    run(lab, "docker run -itd --name busy3 --net net_my2 busybox");
    run(lab, "docker run -d --name h1 --network host busybox sleep 3600");
    run(lab, "docker run -d --name n1 --network none busybox sleep 3600");
    transcript(
      lab,
      `$ docker network connect net_my1 busy3
[exit 0]

$ docker network connect net_my1 busy3
Error response from daemon: endpoint with name busy3 already exists in network net_my1
[exit 1]

$ docker network connect --ip 172.18.0.100 net_my1 h1
Error response from daemon: invalid endpoint settings:
user specified IP address is supported only when connecting to networks with user configured subnets
[exit 1]

$ docker network connect net_my1 h1
Error response from daemon: container sharing network namespace with another container or host cannot be connected to any other network
[exit 1]

$ docker network connect net_my1 n1
Error response from daemon: container cannot be connected to multiple networks with one of the networks in private (none) mode
[exit 1]

$ docker network connect host busy3
Error response from daemon: container cannot be disconnected from host network or connected to host network
[exit 1]

$ docker network disconnect host h1
Error response from daemon: container cannot be disconnected from host network or connected to host network
[exit 1]

$ docker network connect nosuch busy3
Error response from daemon: network nosuch not found
[exit 1]

$ docker network connect net_my1 nosuch
Error response from daemon: No such container: nosuch
[exit 1]

$ docker network connect net_my1
docker: 'docker network connect' requires 2 arguments

Usage:  docker network connect [OPTIONS] NETWORK CONTAINER

Run 'docker network connect --help' for more information
[exit 1]
`,
    );
    const busy3 = lab.world.machines.host1?.docker?.containers.find((c) => c.name === "busy3");
    const ns = lab.world.netns[busy3?.netns ?? ""];
    expect(ns?.links.map((l) => l.name)).toEqual(["lo", "eth0", "eth1"]);
    const eth1 = ns?.links.find((l) => l.name === "eth1");
    expect(ns?.routes).toEqual([
      { dst: "default", via: "172.18.0.1", dev: eth1?.ifindex, proto: "static", scope: "global" },
    ]);
    run(lab, "docker network disconnect net_my1 busy3");
    transcript(
      lab,
      `$ docker network disconnect net_my1 busy3
Error response from daemon: container <ID> is not connected to network net_my1
[exit 1]

$ docker network connect net_my1 busy3
[exit 0]
`,
    );
    expect(ns?.links.map((l) => l.name)).toEqual(["lo", "eth0", "eth2"]);
    expect(ns?.routes[0]?.via).toBe("172.18.0.1");
  });

  it("keeps a stopped container's attachments, and its start fails once the network is gone", () => {
    const lab = createLab();
    run(lab, "docker network create net_stop");
    run(lab, "docker network create net_my2");
    run(lab, "docker run --name s1 --net net_stop busybox true");
    transcript(
      lab,
      `$ docker network connect net_my2 s1
[exit 0]

$ docker network connect net_my2 s1
[exit 0]

$ docker inspect -f '{{json .NetworkSettings.Networks}}' s1
{"net_my2":{"IPAMConfig":{},"Links":null,"Aliases":[],"MacAddress":"","DriverOpts":{},"GwPriority":0,"NetworkID":"","EndpointID":"","Gateway":"","IPAddress":"","IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,"DNSNames":["s1","<ID12>"]},"net_stop":{"IPAMConfig":null,"Links":null,"Aliases":null,"MacAddress":"","DriverOpts":null,"GwPriority":0,"NetworkID":"<ID>","EndpointID":"","Gateway":"","IPAddress":"","IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,"DNSNames":["s1","<ID12>"]}}
[exit 0]

$ docker network rm net_stop
net_stop
[exit 0]

$ docker start s1
Error response from daemon: network <ID> not found
Error: failed to start containers: s1
[exit 1]

$ docker ps -a --format '{{.Names}} {{.Status}} {{.Networks}}'
s1 Exited (128) <AGO> ago net_my2,net_stop
[exit 0]

$ docker network disconnect net_stop s1
[exit 0]

$ docker network disconnect net_stop s1
Error response from daemon: container <ID> is not connected to the network net_stop
[exit 1]

$ docker start s1
s1
[exit 0]
`,
    );
  });
});
