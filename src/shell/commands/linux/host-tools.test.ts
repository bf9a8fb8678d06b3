/**
 * conntrack, sysctl and nsenter on the host: the conntrack table's summary lines on stderr, the
 * forwarding switch behind sysctl and /proc, and nsenter's argument checks.
 */
import { describe, expect, it } from "vitest";
import { replay } from "../../../testing/transcript";
import { createLab, run } from "../../lab";

describe("conntrack, sysctl, nsenter", () => {
  it("answer as conntrack-tools 1.4.7, procps and util-linux do", () => {
    const lab = createLab();
    expect(run(lab, "docker run -d --name b1 busybox sleep 3600").exit).toBe(0);
    expect(run(lab, "docker run -d --name t1 billygoo/tomcat8-jdk8").exit).toBe(0);
    // The pull looked the registry up: its DNS flow would lead the table.
    expect(run(lab, "conntrack -F").exit).toBe(0);
    const { expected, actual } = replay(
      lab,
      `
$ conntrack -L
conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.
[exit 0]

$ conntrack -C
0
[exit 0]

$ conntrack -L -p tcp
conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.
[exit 0]

$ conntrack -F
conntrack v1.4.7 (conntrack-tools): connection tracking table has been emptied.
[exit 0]

$ conntrack -X
conntrack v1.4.7 (conntrack-tools): option \`-X' requires an argument
Try \`conntrack -h' or 'conntrack --help' for more information.
[exit 2]

$ conntrack --bogus
conntrack v1.4.7 (conntrack-tools): unknown option \`--bogus'
Try \`conntrack -h' or 'conntrack --help' for more information.
[exit 2]

$ conntrack
conntrack v1.4.7 (conntrack-tools): no command specified. Please, use -h or --help
[exit 2]

$ conntrack -V
conntrack v1.4.7 (conntrack-tools)
[exit 0]

$ sysctl net.ipv4.ip_forward
net.ipv4.ip_forward = 1
[exit 0]

$ sysctl -n net.ipv4.ip_forward
1
[exit 0]

$ sysctl net.ipv4.nosuch
sysctl: cannot stat /proc/sys/net/ipv4/nosuch: No such file or directory
[exit 1]

$ sysctl -w net.ipv4.ip_forward=0
net.ipv4.ip_forward = 0
[exit 0]

$ cat /proc/sys/net/ipv4/ip_forward
0
[exit 0]

$ sysctl -w net.ipv4.ip_forward=1
net.ipv4.ip_forward = 1
[exit 0]

$ nsenter -t 1 -n ip -4 -br a
lo               UNKNOWN        127.0.0.1/8 
eth0             UP             192.168.0.102/24 
docker0          UP             172.17.0.1/16 
[exit 0]

$ nsenter -t 99999 -n ip a
nsenter: cannot open /proc/99999/ns/net: No such file or directory
[exit 1]

$ nsenter -n ip a
nsenter: no target PID specified
[exit 1]

$ nsenter -t 1 ip a
nsenter: no namespace specified
[exit 1]

$ nsenter -t abc -n ip a
nsenter: failed to parse pid: 'abc'
[exit 1]

$ nsenter -t 1 -n nosuchcmd
nsenter: failed to execute nosuchcmd: No such file or directory
[exit 127]

$ nsenter --version
nsenter from util-linux 2.38.1
[exit 0]

$ docker exec t1 ip netns identify

[exit 0]
`,
    );
    expect(actual).toBe(expected);
  });
});
