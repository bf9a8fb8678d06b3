/**
 * `ip` as a student meets it: iproute2 on the host and in Debian images, busybox's applet in busybox
 * containers; listings read from the kernel model, changes with the real tools' errors and exit codes.
 */
import { describe, expect, it } from "vitest";
import { linkLocalFor } from "../../../../engine/linux/addrconf";
import type { Link } from "../../../../engine/linux/types";
import { replay } from "../../../../testing/transcript";
import { createLab, type Lab, run } from "../../../lab";
import { linkIn } from "../test-links";

function hostVeth(lab: Lab): Link {
  const veth = lab.world.netns.host1?.links.find((l) => l.kind === "veth");
  if (!veth) throw new Error("no host veth");
  return veth;
}

function labWithContainer(): Lab {
  const lab = createLab();
  expect(run(lab, "docker run -d --name b1 busybox sleep 3600").exit).toBe(0);
  return lab;
}

function expectTranscript(lab: Lab, transcript: string): void {
  const { expected, actual } = replay(lab, transcript);
  expect(actual).toBe(expected);
}

describe("ip on the host (iproute2)", () => {
  it("lists addresses, links and routes in every form", () => {
    const lab = labWithContainer();
    const eth0 = linkIn(lab, "host1", "eth0");
    const docker0 = linkIn(lab, "host1", "docker0");
    const veth = hostVeth(lab);
    expectTranscript(
      lab,
      `
$ ip -4 a
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
    inet 192.168.0.102/24 brd 192.168.0.255 scope global eth0
       valid_lft forever preferred_lft forever
3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default 
    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0
       valid_lft forever preferred_lft forever
[exit 0]

$ ip -6 addr show dev docker0
3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default 
    inet6 ${linkLocalFor(docker0.mac)}/64 scope link 
       valid_lft forever preferred_lft forever
[exit 0]

$ ip -br link
lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> 
eth0             UP             ${eth0.mac} <BROADCAST,MULTICAST,UP,LOWER_UP> 
docker0          UP             ${docker0.mac} <BROADCAST,MULTICAST,UP,LOWER_UP> 
${veth.name}@if4  UP             ${veth.mac} <BROADCAST,MULTICAST,UP,LOWER_UP> 
[exit 0]

$ ip -o addr show lo
1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
1: lo    inet6 ::1/128 scope host \\       valid_lft forever preferred_lft forever
[exit 0]

$ ip route
default via 192.168.0.1 dev eth0 
172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 
192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.102 
[exit 0]

$ ip r show dev docker0
172.17.0.0/16 proto kernel scope link src 172.17.0.1 
[exit 0]

$ ip route get 172.17.0.2
172.17.0.2 dev docker0 src 172.17.0.1 uid 0 
    cache 
[exit 0]

$ ip rule
0:\tfrom all lookup local
32766:\tfrom all lookup main
32767:\tfrom all lookup default
[exit 0]

$ ip -V
ip utility, iproute2-6.1.0, libbpf 1.1.0
[exit 0]
`,
    );
  });

  it("prints the counters with -s, widening the columns to fit", () => {
    const lab = createLab();
    const eth0 = linkIn(lab, "host1", "eth0");
    eth0.stats = { rxPackets: 123456789, rxBytes: 98765432101, txPackets: 7, txBytes: 600, rxDropped: 3 };
    expectTranscript(
      lab,
      `
$ ip -s link show lo
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    RX:  bytes packets errors dropped  missed   mcast           
             0       0      0       0       0       0 
    TX:  bytes packets errors dropped carrier collsns           
             0       0      0       0       0       0 
[exit 0]

$ ip -s -4 addr show eth0
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
    inet 192.168.0.102/24 brd 192.168.0.255 scope global eth0
       valid_lft forever preferred_lft forever
    RX:   bytes   packets errors dropped  missed   mcast           
    98765432101 123456789      0       3       0       0 
    TX:   bytes   packets errors dropped carrier collsns           
            600         7      0       0       0       0 
[exit 0]
`,
    );
  });

  it("answers bad requests as iproute2 does", () => {
    const lab = createLab();
    expectTranscript(
      lab,
      `
$ ip addr show nosuch
Device "nosuch" does not exist.
[exit 1]

$ ip link show dev nosuch
Device "nosuch" does not exist.
[exit 1]

$ ip link show master nosuch
Error: argument "nosuch" is wrong: Device does not exist

[exit 255]

$ ip nosuch
Object "nosuch" is unknown, try "ip help".
[exit 1]

$ ip link frob
Command "frob" is unknown, try "ip link help".
[exit 255]

$ ip -x a
Option "-x" is unknown, try "ip -help".
[exit 255]

$ ip -n nosuch link
Cannot open network namespace "nosuch": No such file or directory
[exit 255]
`,
    );
  });

  it("adds and deletes addresses", () => {
    const lab = createLab();
    expectTranscript(
      lab,
      `
$ ip addr add 10.9.0.1/24 dev eth0
[exit 0]

$ ip addr add 10.9.0.1/24 dev eth0
Error: ipv4: Address already assigned.
[exit 2]

$ ip addr add 10.9.0.7/24 dev eth0
[exit 0]

$ ip addr add 10.9.0.9/24 brd + dev eth0
[exit 0]

$ ip -4 a show eth0
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
    inet 192.168.0.102/24 brd 192.168.0.255 scope global eth0
       valid_lft forever preferred_lft forever
    inet 10.9.0.1/24 scope global eth0
       valid_lft forever preferred_lft forever
    inet 10.9.0.7/24 scope global secondary eth0
       valid_lft forever preferred_lft forever
    inet 10.9.0.9/24 brd 10.9.0.255 scope global secondary eth0
       valid_lft forever preferred_lft forever
[exit 0]

$ ip addr del 10.9.0.1/24 dev eth0
[exit 0]

$ ip addr del 10.9.0.1/24 dev eth0
Error: ipv4: Address not found.
[exit 2]

$ ip route show dev eth0
default via 192.168.0.1 
10.9.0.0/24 proto kernel scope link src 10.9.0.7 
192.168.0.0/24 proto kernel scope link src 192.168.0.102 
[exit 0]

$ ip addr del 10.9.0.7 dev eth0
Warning: Executing wildcard deletion to stay compatible with old scripts.
         Explicitly specify the prefix length (10.9.0.7/32) to avoid this warning.
         This special behaviour is likely to disappear in further releases,
         fix your scripts!
[exit 0]

$ ip addr add 10.9.0.300/24 dev eth0
Error: any valid prefix is expected rather than "10.9.0.300/24".
[exit 1]

$ ip addr add 10.9.0.1/24
Not enough information: "dev" argument is required.
[exit 1]

$ ip addr add 10.9.0.1/24 dev nosuch
Cannot find device "nosuch"
[exit 1]

$ ip addr flush dev eth0
[exit 0]

$ ip -4 a show eth0
[exit 0]
`,
    );
  });

  it("creates, changes and deletes links", () => {
    const lab = createLab();
    expect(run(lab, "ip link add br0 type bridge").exit).toBe(0);
    expect(run(lab, "ip link add d0 type dummy").exit).toBe(0);
    expect(run(lab, "ip link add A type veth peer name B").exit).toBe(0);
    const br0 = linkIn(lab, "host1", "br0");
    const d0 = linkIn(lab, "host1", "d0");
    const a = linkIn(lab, "host1", "A");
    const b = linkIn(lab, "host1", "B");
    const bridgeMac = br0.mac;
    expectTranscript(
      lab,
      `
$ ip link add br0 type bridge
RTNETLINK answers: File exists
[exit 2]

$ ip link add v0 type vxlan id 5
Error: Unknown device type.
[exit 2]

$ ip link show type veth
6: B@A: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/ether ${b.mac} brd ff:ff:ff:ff:ff:ff
7: A@B: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/ether ${a.mac} brd ff:ff:ff:ff:ff:ff
[exit 0]

$ ip link set br0 up
[exit 0]

$ ip link show br0
4: br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000
    link/ether ${bridgeMac} brd ff:ff:ff:ff:ff:ff
[exit 0]

$ ip link set A master br0
[exit 0]

$ ip link set B up
[exit 0]

$ ip link set A up
[exit 0]

$ ip link show master br0
7: A@B: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP mode DEFAULT group default qlen 1000
    link/ether ${a.mac} brd ff:ff:ff:ff:ff:ff
[exit 0]

$ ip link show br0
4: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
    link/ether ${a.mac} brd ff:ff:ff:ff:ff:ff
[exit 0]

$ ip link set d0 mtu 70000
[exit 0]

$ ip link set A mtu 70000
Error: mtu greater than device maximum.
[exit 2]

$ ip link set A address 01:00:00:00:00:01
RTNETLINK answers: Cannot assign requested address
[exit 2]

$ ip link set A address zz
"zz" is invalid lladdr.
[exit 1]

$ ip link set A name A1
RTNETLINK answers: Device or resource busy
[exit 2]

$ ip link set br0 master br0
Error: Can not enslave a bridge to a bridge.
[exit 2]

$ ip link set d0 master d0
RTNETLINK answers: Operation not supported
[exit 2]

$ ip link set d0 name d1
[exit 0]

$ ip link show d1
5: d1: <BROADCAST,NOARP> mtu 70000 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/ether ${d0.mac} brd ff:ff:ff:ff:ff:ff
[exit 0]

$ ip link set nosuch up
Cannot find device "nosuch"
[exit 1]

$ ip link set br0 sideways
Error: either "dev" is duplicate, or "sideways" is garbage.
[exit 255]

$ ip link set d1 netns nosuch
Error: argument "nosuch" is wrong: Invalid "netns" value

[exit 255]

$ ip link set lo netns 1
RTNETLINK answers: Invalid argument
[exit 2]

$ ip link del B
[exit 0]

$ ip link show br0
4: br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000
    link/ether 00:00:00:00:00:00 brd ff:ff:ff:ff:ff:ff
[exit 0]

$ ip link del A
Cannot find device "A"
[exit 1]

$ ip link del lo
RTNETLINK answers: Operation not supported
[exit 2]
`,
    );
  });

  it("adds and deletes routes and neighbours", () => {
    const lab = createLab();
    expectTranscript(
      lab,
      `
$ ip route add 10.20.0.0/16 via 192.168.0.50
[exit 0]

$ ip route add 10.20.0.0/16 via 192.168.0.50
RTNETLINK answers: File exists
[exit 2]

$ ip route add 10.30.0.0/16 via 10.99.0.1
Error: Nexthop has invalid gateway.
[exit 2]

$ ip route add default via 192.168.0.254
RTNETLINK answers: File exists
[exit 2]

$ ip route add 10.40.0.0/16 dev nosuch
Cannot find device "nosuch"
[exit 1]

$ ip route
default via 192.168.0.1 dev eth0 
10.20.0.0/16 via 192.168.0.50 dev eth0 
172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown 
192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.102 
[exit 0]

$ ip route del 10.20.0.0/16
[exit 0]

$ ip route del 10.20.0.0/16
RTNETLINK answers: No such process
[exit 2]

$ ip neigh add 192.168.0.77 lladdr 02:00:00:00:00:77 dev eth0
[exit 0]

$ ip neigh
192.168.0.77 dev eth0 lladdr 02:00:00:00:00:77 PERMANENT 
[exit 0]

$ ip neigh del 192.168.0.77 dev eth0
[exit 0]

$ ip neigh
[exit 0]
`,
    );
  });
});

describe("ip in containers", () => {
  it("is busybox's applet in busybox images and iproute2 in Debian ones, both without CAP_NET_ADMIN", () => {
    const lab = labWithContainer();
    expect(run(lab, "docker run -d --name t1 billygoo/tomcat8-jdk8").exit).toBe(0);
    expectTranscript(
      lab,
      `
$ docker exec b1 ip -4 a
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
4: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue 
    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0
       valid_lft forever preferred_lft forever
[exit 0]

$ docker exec b1 ip -o link
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
4: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \\    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff
[exit 0]

$ docker exec b1 ip r
default via 172.17.0.1 dev eth0 
172.17.0.0/16 dev eth0 scope link  src 172.17.0.2 
[exit 0]

$ docker exec b1 ip rule
0:\tfrom all lookup local 
32766:\tfrom all lookup main 
32767:\tfrom all lookup default 
[exit 0]

$ docker exec b1 ip addr show nosuch
ip: can't find device 'nosuch'
[exit 1]

$ docker exec b1 ip link show nosuch
ip: can't find device 'nosuch'
[exit 2]

$ docker exec b1 ip addr foo
ip: invalid argument 'foo' to 'ip'
[exit 1]

$ docker exec b1 ip link foo
ip: invalid argument 'foo' to 'ip'
[exit 2]

$ docker exec b1 ip -s link
BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.

Usage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]

OPTIONS := -f[amily] inet|inet6|link | -o[neline]

ip addr add|del IFADDR dev IFACE | show|flush [dev IFACE] [to PREFIX]
ip route list|flush|add|del|change|append|replace|test ROUTE
ip link set IFACE [up|down] [arp on|off] [multicast on|off]
\t[promisc on|off] [mtu NUM] [name NAME] [qlen NUM] [address MAC]
\t[master IFACE | nomaster] [netns PID]
ip tunnel add|change|del|show [NAME]
\t[mode ipip|gre|sit] [remote ADDR] [local ADDR] [ttl TTL]
ip neigh show|flush [to PREFIX] [dev DEV] [nud STATE]
ip rule [list] | add|del SELECTOR ACTION
[exit 1]

$ docker exec b1 ip link set eth0 up
[exit 0]

$ docker exec b1 ip link set eth0 down
ip: SIOCSIFFLAGS: Operation not permitted
[exit 2]

$ docker exec b1 ip link set eth0 mtu 1400
ip: SIOCSIFMTU: Operation not permitted
[exit 2]

$ docker exec b1 ip link set nosuch up
ip: SIOCGIFFLAGS: No such device
[exit 2]

$ docker exec b1 ip link set nosuch mtu 1400
ip: SIOCSIFMTU: No such device
[exit 2]

$ docker exec b1 ip link set eth0 master nosuch
ip: can't find device 'nosuch'
[exit 2]

$ docker exec b1 ip addr add 10.1.1.1/24 dev eth0
ip: RTNETLINK answers: Operation not permitted
[exit 2]

$ docker exec b1 ip route add default via 172.17.0.9
ip: RTNETLINK answers: Operation not permitted
[exit 2]

$ docker exec b1 ip link add x type dummy
ip: RTNETLINK answers: Operation not permitted
[exit 2]

$ docker exec t1 ip -br a
lo               UNKNOWN        127.0.0.1/8 ::1/128 
eth0@if7         UP             172.17.0.3/16 
[exit 0]

$ docker exec t1 ip link
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
6: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default 
    link/ether 02:42:ac:11:00:03 brd ff:ff:ff:ff:ff:ff link-netnsid 0
[exit 0]

$ docker exec t1 ip route
default via 172.17.0.1 dev eth0 
172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.3 
[exit 0]

$ docker exec t1 ip link set eth0 down
RTNETLINK answers: Operation not permitted
[exit 2]

$ docker exec t1 ip addr add 10.1.1.1/24 dev eth0
RTNETLINK answers: Operation not permitted
[exit 2]

$ docker exec t1 ip netns list
[exit 0]

$ docker exec t1 ip netns add red
mount --make-shared /var/run/netns failed: Operation not permitted
[exit 1]

$ docker exec t1 ip netns exec red ip a
Cannot open network namespace "red": No such file or directory
[exit 255]
`,
    );
  });

  it("may change its own namespace with --privileged, failing as busybox's ioctls do", () => {
    const lab = createLab();
    expect(run(lab, "docker run -d --privileged --name p1 busybox sleep 3600").exit).toBe(0);
    expectTranscript(
      lab,
      `
$ docker exec p1 ip link set eth0 mtu 1400
[exit 0]

$ docker exec p1 ip link set eth0 mtu 70000
ip: SIOCSIFMTU: Invalid argument
[exit 2]

$ docker exec p1 ip link set eth0 name e1
ip: SIOCSIFNAME: Device or resource busy
[exit 2]

$ docker exec p1 ip link set eth0 down
[exit 0]

$ docker exec p1 ip link set eth0 name e1
[exit 0]

$ docker exec p1 ip addr add 10.1.1.1/24 dev e1
[exit 0]

$ docker exec p1 ip a
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
4: e1@if5: <BROADCAST,MULTICAST,M-DOWN> mtu 1400 qdisc noqueue 
    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.2/16 brd 172.17.255.255 scope global e1
       valid_lft forever preferred_lft forever
    inet 10.1.1.1/24 scope global e1
       valid_lft forever preferred_lft forever
[exit 0]
`,
    );
  });
});
