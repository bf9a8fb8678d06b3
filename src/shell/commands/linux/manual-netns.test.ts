/**
 * Seed 002's wiring of a `--network none` container by hand (fixture 12-manual-netns): the PID, a
 * /var/run/netns link, a veth pair, `brctl addif`, `ip netns exec PID …`. Afterwards the container
 * and the host look as the recording shows, and as a Docker-made attachment does.
 */
import { describe, expect, it } from "vitest";
import { linkLocalFor } from "../../../engine/linux/addrconf";
import { replay } from "../../../testing/transcript";
import { createLab, printed, run } from "../../lab";
import { linkIn } from "./test-links";

function wired() {
  const lab = createLab();
  run(lab, "docker run --network=none -d --name n1 busybox sleep 3600");
  const pid = printed(run(lab, "docker inspect -f '{{.State.Pid}}' n1")).trim();
  const netns = lab.world.machines.host1?.procs[pid]?.netns ?? "";
  return { lab, pid, netns };
}

describe("seed 002: a container wired by hand", () => {
  it("prints what the recording prints at every step", () => {
    const { lab, pid, netns } = wired();
    const lo = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever`;
    const before = replay(
      lab,
      `
$ nsenter -t ${pid} -n ip a
${lo}
[exit 0]

$ mkdir -p /var/run/netns
[exit 0]

$ ln -s /proc/${pid}/ns/net /var/run/netns/${pid}
[exit 0]

$ ip netns list
${pid}
[exit 0]

$ ip link add A type veth peer name B
[exit 0]
`,
    );
    expect(before.actual).toBe(before.expected);

    const a = linkIn(lab, "host1", "A");
    const b = linkIn(lab, "host1", "B");
    const steps = replay(
      lab,
      `
$ ip link show A
5: A@B: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/ether ${a.mac} brd ff:ff:ff:ff:ff:ff
[exit 0]

$ brctl addif docker0 A
[exit 0]

$ ip link set A up
[exit 0]

$ ip link set B netns ${pid}
[exit 0]

$ ip netns exec ${pid} ip link
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
4: B@if5: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/ether ${b.mac} brd ff:ff:ff:ff:ff:ff link-netnsid 0
[exit 0]

$ ip netns exec ${pid} ip link set dev B name eth0
[exit 0]

$ ip netns exec ${pid} ip link set eth0 up
[exit 0]

$ ip netns exec ${pid} ip addr add 172.17.0.10/16 dev eth0
[exit 0]

$ ip netns exec ${pid} ip route add default via 172.17.0.1
[exit 0]

$ ip netns exec ${pid} ip addr
${lo}
4: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
    link/ether ${b.mac} brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet 172.17.0.10/16 scope global eth0
       valid_lft forever preferred_lft forever
    inet6 ${linkLocalFor(b.mac)}/64 scope link tentative 
       valid_lft forever preferred_lft forever
[exit 0]

$ docker exec n1 ip addr
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
4: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue qlen 1000
    link/ether ${b.mac} brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.10/16 scope global eth0
       valid_lft forever preferred_lft forever
    inet6 ${linkLocalFor(b.mac)}/64 scope link tentative 
       valid_lft forever preferred_lft forever
[exit 0]

$ docker exec n1 ip route
default via 172.17.0.1 dev eth0 
172.17.0.0/16 dev eth0 scope link  src 172.17.0.10 
[exit 0]
`,
    );
    expect(steps.actual).toBe(steps.expected);
    expect(lab.world.netns[netns]?.links.map((l) => l.name)).toEqual(["lo", "eth0"]);
  });

  it("leaves the host side looking like a Docker-made attachment", () => {
    const { lab, pid } = wired();
    for (const line of [
      "mkdir -p /var/run/netns",
      `ln -s /proc/${pid}/ns/net /var/run/netns/${pid}`,
      "ip link add A type veth peer name B",
      "brctl addif docker0 A",
      "ip link set A up",
      `ip link set B netns ${pid}`,
      `ip netns exec ${pid} ip link set dev B name eth0`,
      `ip netns exec ${pid} ip link set eth0 up`,
      `ip netns exec ${pid} ip addr add 172.17.0.10/16 dev eth0`,
      `ip netns exec ${pid} ip route add default via 172.17.0.1`,
    ])
      expect(run(lab, line).exit).toBe(0);
    const eth0 = linkIn(lab, "host1", "eth0");
    const docker0 = linkIn(lab, "host1", "docker0");
    const a = linkIn(lab, "host1", "A");
    const host = replay(
      lab,
      `
$ ip addr
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
    link/ether ${eth0.mac} brd ff:ff:ff:ff:ff:ff
    inet 192.168.0.102/24 brd 192.168.0.255 scope global eth0
       valid_lft forever preferred_lft forever
    inet6 ${linkLocalFor(eth0.mac)}/64 scope link 
       valid_lft forever preferred_lft forever
3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default 
    link/ether ${docker0.mac} brd ff:ff:ff:ff:ff:ff
    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0
       valid_lft forever preferred_lft forever
    inet6 ${linkLocalFor(docker0.mac)}/64 scope link tentative 
       valid_lft forever preferred_lft forever
5: A@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP group default qlen 1000
    link/ether ${a.mac} brd ff:ff:ff:ff:ff:ff link-netns ${pid}
    inet6 ${linkLocalFor(a.mac)}/64 scope link tentative 
       valid_lft forever preferred_lft forever
[exit 0]

$ brctl show
bridge name	bridge id		STP enabled	interfaces
docker0		8000.${docker0.mac.replace(/:/g, "")}	no		A
[exit 0]

$ sleep 2
[exit 0]

$ ip addr show dev A
5: A@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP group default qlen 1000
    link/ether ${a.mac} brd ff:ff:ff:ff:ff:ff link-netns ${pid}
    inet6 ${linkLocalFor(a.mac)}/64 scope link 
       valid_lft forever preferred_lft forever
[exit 0]

$ ip -br addr
lo               UNKNOWN        127.0.0.1/8 ::1/128 
eth0             UP             192.168.0.102/24 ${linkLocalFor(eth0.mac)}/64 
docker0          UP             172.17.0.1/16 ${linkLocalFor(docker0.mac)}/64 
A@if4            UP             ${linkLocalFor(a.mac)}/64 
[exit 0]

$ ip netns list
${pid} (id: 0)
[exit 0]

$ ip netns add red
[exit 0]

$ ip netns list
${pid} (id: 0)
red
[exit 0]

$ ip netns exec red ip addr
1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
[exit 0]

$ ip netns del red
[exit 0]

$ ip link set nosuch up
Cannot find device "nosuch"
[exit 1]

$ ip netns exec nosuch ip a
Cannot open network namespace "nosuch": No such file or directory
[exit 255]

$ brctl addif docker0 nosuch
interface nosuch does not exist!
[exit 1]

$ ip link add A type veth peer name B
RTNETLINK answers: File exists
[exit 2]

$ ip addr add 172.17.0.10/16 dev nosuch
Cannot find device "nosuch"
[exit 1]

$ ip netns del ${pid}
[exit 0]

$ ip netns list
[exit 0]
`,
    );
    expect(host.actual).toBe(host.expected);
  });

  it("reaches the hand-wired container from the host and from a Docker-made one", () => {
    const { lab, pid } = wired();
    for (const line of [
      "ip link add A type veth peer name B",
      "brctl addif docker0 A",
      "ip link set A up",
      `ip link set B netns ${pid}`,
      `nsenter -t ${pid} -n ip link set dev B name eth0`,
      `nsenter -t ${pid} -n ip link set eth0 up`,
      `nsenter -t ${pid} -n ip addr add 172.17.0.10/16 dev eth0`,
      `nsenter -t ${pid} -n ip route add default via 172.17.0.1`,
      "docker run -itd --name b1 busybox",
    ])
      expect(run(lab, line).exit).toBe(0);
    expect(printed(run(lab, "docker exec b1 ping -c 1 172.17.0.10"))).toContain(
      "1 packets transmitted, 1 packets received, 0% packet loss",
    );
    expect(printed(run(lab, "docker exec n1 ping -c 1 172.17.0.2"))).toContain(
      "1 packets transmitted, 1 packets received, 0% packet loss",
    );
  });
});
