/**
 * `ip netns`: named namespaces made with `ip netns add` or by naming a process's namespace, `ip netns
 * exec` and `ip -n` running in them, and iproute2's errors for each subcommand.
 */
import { describe, expect, it } from "vitest";
import { replay } from "../../../../testing/transcript";
import { createLab, printed, run } from "../../../lab";
import { linkIn } from "../test-links";

describe("ip netns", () => {
  it("adds a namespace, moves a veth end into it, runs commands there and deletes it", () => {
    const lab = createLab();
    expect(run(lab, "ip link add A type veth peer name B").exit).toBe(0);
    const a = linkIn(lab, "host1", "A");
    const b = linkIn(lab, "host1", "B");
    const { expected, actual } = replay(
      lab,
      `
$ ip netns
[exit 0]

$ ip netns add red
[exit 0]

$ ip netns add red
Cannot create namespace file "/var/run/netns/red": File exists
[exit 1]

$ ip netns add a/b
Invalid netns name "a/b"
[exit 255]

$ ip netns exec red ip a
1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
[exit 0]

$ ip link set B netns red
[exit 0]

$ ip netns list
red (id: 0)
[exit 0]

$ ip -n red link
1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
4: B@if5: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/ether ${b.mac} brd ff:ff:ff:ff:ff:ff link-netnsid 0
[exit 0]

$ ip link show A
5: A@if4: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
    link/ether ${a.mac} brd ff:ff:ff:ff:ff:ff link-netns red
[exit 0]

$ ip netns exec red ip link set lo up
[exit 0]

$ ip netns exec red ip -br a
lo               UNKNOWN        127.0.0.1/8 ::1/128 
B@if5            DOWN           
[exit 0]

$ ip netns exec red
No command specified
[exit 1]

$ ip netns exec red nosuchcmd
exec of "nosuchcmd" failed: No such file or directory
[exit 1]

$ ip netns exec nosuch ip a
Cannot open network namespace "nosuch": No such file or directory
[exit 255]

$ ip -n nosuch a
Cannot open network namespace "nosuch": No such file or directory
[exit 255]

$ ip netns del red
[exit 0]

$ ip netns del red
Cannot remove namespace file "/var/run/netns/red": No such file or directory
[exit 1]

$ ip netns del
No netns name specified
[exit 1]

$ ip link show A
Device "A" does not exist.
[exit 1]

$ ip netns frob
Command "frob" is unknown, try "ip netns help".
[exit 255]
`,
    );
    expect(actual).toBe(expected);
  });

  it("names a container's namespace with attach, identifies and lists its processes", () => {
    const lab = createLab();
    expect(run(lab, "docker run -d --name b1 busybox sleep 3600").exit).toBe(0);
    const pid = printed(run(lab, "docker inspect -f '{{.State.Pid}}' b1")).trim();
    const { expected, actual } = replay(
      lab,
      `
$ ip netns attach b1ns ${pid}
[exit 0]

$ ip netns attach b1ns ${pid}
Cannot create namespace file "/var/run/netns/b1ns": File exists
[exit 1]

$ ip netns attach
No netns name and PID specified
[exit 1]

$ ip netns attach x 99999
Bind /proc/99999/ns/net -> /var/run/netns/x failed: No such file or directory
[exit 1]

$ ip netns list
b1ns (id: 0)
[exit 0]

$ ip netns identify ${pid}
b1ns
[exit 0]

$ ip netns identify

[exit 0]

$ ip netns identify abc
Specified string 'abc' is not a pid
[exit 1]

$ ip netns pids b1ns
${pid}
[exit 0]

$ ip netns exec b1ns ip -4 -br a
lo               UNKNOWN        127.0.0.1/8 
eth0@if5         UP             172.17.0.2/16 
[exit 0]
`,
    );
    expect(actual).toBe(expected);
  });
});
