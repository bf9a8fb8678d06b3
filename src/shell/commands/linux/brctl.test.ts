/**
 * bridge-utils' `brctl` and iproute2's `bridge` on the host: bridges, their ports and forwarding
 * tables as the kernel model holds them, and the tools' own errors.
 */
import { describe, expect, it } from "vitest";
import type { Link } from "../../../engine/linux/types";
import { replay } from "../../../testing/transcript";
import { createLab, run } from "../../lab";
import { linkIn } from "./test-links";

/** brctl's bridge id: priority 8000, then the MAC without colons. */
const id = (link: Link) => link.mac.replaceAll(":", "");
/** The solicited-node multicast MAC of the link's link-local address (its last three bytes). */
const solicited = (link: Link) => `33:33:ff:${link.mac.slice(9)}`;

describe("brctl and bridge", () => {
  it("show docker0 and its ports, add and delete bridges, and refuse what bridge-utils refuses", () => {
    const lab = createLab();
    expect(run(lab, "docker run -d --name b1 busybox sleep 3600").exit).toBe(0);
    const docker0 = linkIn(lab, "host1", "docker0");
    const veth = lab.world.netns.host1?.links.find((l) => l.kind === "veth");
    if (!veth) throw new Error("no veth");
    const before = replay(
      lab,
      `
$ brctl show
bridge name\tbridge id\t\tSTP enabled\tinterfaces
docker0\t\t8000.${id(docker0)}\tno\t\t${veth.name}
[exit 0]

$ brctl show docker0
bridge name\tbridge id\t\tSTP enabled\tinterfaces
docker0\t\t8000.${id(docker0)}\tno\t\t${veth.name}
[exit 0]

$ brctl show nosuch
bridge nosuch does not exist!
[exit 1]

$ brctl addbr br0
[exit 0]

$ brctl addbr br0
device br0 already exists; can't create bridge with the same name
[exit 1]

$ brctl addif br0 nosuch
interface nosuch does not exist!
[exit 1]

$ brctl addif nosuch eth0
bridge nosuch does not exist!
[exit 1]
`,
    );
    expect(before.actual).toBe(before.expected);
    const br0 = linkIn(lab, "host1", "br0");
    const after = replay(
      lab,
      `
$ brctl show br0
bridge name\tbridge id\t\tSTP enabled\tinterfaces
br0\t\t8000.${id(br0)}\tno\t\t
[exit 0]

$ brctl showmacs docker0
port no\tmac addr\t\tis local?\tageing timer
  1\t${veth.mac}\tyes\t\t   0.00
[exit 0]

$ brctl showmacs nosuch
read of forward table failed: No such device
[exit 1]

$ brctl delif br0 eth0
device eth0 is not a port of br0
[exit 1]

$ brctl delbr docker0
bridge docker0 is still up; can't delete it
[exit 1]

$ brctl delbr nosuch
bridge nosuch doesn't exist; can't delete it
[exit 1]

$ brctl delbr br0
[exit 0]

$ brctl stp docker0 on
[exit 0]

$ brctl show
bridge name\tbridge id\t\tSTP enabled\tinterfaces
docker0\t\t8000.${id(docker0)}\tyes\t\t${veth.name}
[exit 0]

$ brctl frob
never heard of command [frob]
Usage: brctl [commands]
commands:
\taddbr     \t<bridge>\t\tadd bridge
\tdelbr     \t<bridge>\t\tdelete bridge
\taddif     \t<bridge> <device>\tadd interface to bridge
\tdelif     \t<bridge> <device>\tdelete interface from bridge
\thairpin   \t<bridge> <port> {on|off}\tturn hairpin on/off
\tsetageing \t<bridge> <time>\t\tset ageing time
\tsetbridgeprio\t<bridge> <prio>\t\tset bridge priority
\tsetfd     \t<bridge> <time>\t\tset bridge forward delay
\tsethello  \t<bridge> <time>\t\tset hello time
\tsetmaxage \t<bridge> <time>\t\tset max message age
\tsetpathcost\t<bridge> <port> <cost>\tset path cost
\tsetportprio\t<bridge> <port> <prio>\tset port priority
\tshow      \t[ <bridge> ]\t\tshow a list of bridges
\tshowmacs  \t<bridge>\t\tshow a list of mac addrs
\tshowstp   \t<bridge>\t\tshow bridge stp info
\tstp       \t<bridge> {on|off}\tturn stp on/off
[exit 1]

$ brctl
Usage: brctl [commands]
commands:
\taddbr     \t<bridge>\t\tadd bridge
\tdelbr     \t<bridge>\t\tdelete bridge
\taddif     \t<bridge> <device>\tadd interface to bridge
\tdelif     \t<bridge> <device>\tdelete interface from bridge
\thairpin   \t<bridge> <port> {on|off}\tturn hairpin on/off
\tsetageing \t<bridge> <time>\t\tset ageing time
\tsetbridgeprio\t<bridge> <prio>\t\tset bridge priority
\tsetfd     \t<bridge> <time>\t\tset bridge forward delay
\tsethello  \t<bridge> <time>\t\tset hello time
\tsetmaxage \t<bridge> <time>\t\tset max message age
\tsetpathcost\t<bridge> <port> <cost>\tset path cost
\tsetportprio\t<bridge> <port> <prio>\tset port priority
\tshow      \t[ <bridge> ]\t\tshow a list of bridges
\tshowmacs  \t<bridge>\t\tshow a list of mac addrs
\tshowstp   \t<bridge>\t\tshow bridge stp info
\tstp       \t<bridge> {on|off}\tturn stp on/off
[exit 1]

$ bridge link
5: ${veth.name}@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master docker0 state forwarding priority 32 cost 2 
[exit 0]

$ bridge fdb show br docker0
33:33:00:00:00:01 dev docker0 self permanent
01:00:5e:00:00:6a dev docker0 self permanent
33:33:00:00:00:6a dev docker0 self permanent
01:00:5e:00:00:01 dev docker0 self permanent
${solicited(docker0)} dev docker0 self permanent
${docker0.mac} dev docker0 master docker0 permanent
${veth.mac} dev ${veth.name} master docker0 permanent
33:33:00:00:00:01 dev ${veth.name} self permanent
01:00:5e:00:00:01 dev ${veth.name} self permanent
${solicited(veth)} dev ${veth.name} self permanent
[exit 0]

$ bridge fdb show br nosuch
Cannot find bridge device "nosuch"
[exit 255]

$ bridge frob
Object "frob" is unknown, try "bridge help".
[exit 255]
`,
    );
    expect(after.actual).toBe(after.expected);
  });

  it("lets a bridge made by hand take its lowest port's MAC as its id, and zeroes once it has none", () => {
    const lab = createLab();
    expect(run(lab, "brctl addbr br0").exit).toBe(0);
    expect(run(lab, "ip link add A type veth peer name B").exit).toBe(0);
    const a = linkIn(lab, "host1", "A");
    const { expected, actual } = replay(
      lab,
      `
$ brctl addif br0 A
[exit 0]

$ brctl addif br0 A
device A is already a member of a bridge; can't enslave it to bridge br0.
[exit 1]

$ brctl addif br0 br0
device br0 is a bridge device itself; can't enslave a bridge device to a bridge device.
[exit 1]

$ brctl show br0
bridge name\tbridge id\t\tSTP enabled\tinterfaces
br0\t\t8000.${id(a)}\tno\t\tA
[exit 0]

$ brctl showmacs br0
port no\tmac addr\t\tis local?\tageing timer
  1\t${a.mac}\tyes\t\t   0.00
[exit 0]

$ bridge link
6: A@B: <BROADCAST,MULTICAST> mtu 1500 master br0 state disabled priority 32 cost 2 
[exit 0]

$ brctl delif br0 A
[exit 0]

$ brctl show br0
bridge name\tbridge id\t\tSTP enabled\tinterfaces
br0\t\t8000.000000000000\tno\t\t
[exit 0]
`,
    );
    expect(actual).toBe(expected);
  });
});
