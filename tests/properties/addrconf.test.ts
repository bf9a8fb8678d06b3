/**
 * IPv6 autoconfiguration runs only on the links the kernel operations marked as changed. Whatever
 * lines change links (up, down, bridges, namespaces, MACs, disable_ipv6, containers coming and
 * going), a sweep over every link of the world afterwards must find nothing to do: every up link
 * with a carrier that wants a link-local address has one, and no down or IPv6-less link keeps one.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasCarrier } from "../../src/engine/linux/kernel";
import type { World } from "../../src/engine/world";
import { createLab, run } from "../../src/shell/lab";

/**
 * Two veth pairs and two bridges, all up: br0, whose MAC follows its ports (v1 and v3), and br1,
 * with a MAC of its own; and a user network. Most lines after it change something addrconf sees.
 */
const SETUP = [
  "ip link add v1 type veth peer name v2",
  "ip link add v3 type veth peer name v4",
  "ip link add br0 type bridge",
  "ip link add br1 type bridge",
  "ip link set br1 address 02:00:00:00:00:22",
  ...["v1", "v2", "v3", "v4", "br0", "br1"].map((l) => `ip link set ${l} up`),
  "ip link set v1 master br0",
  "ip link set v3 master br0",
  "docker network create mynet",
];

const LINES = [
  ...["v1", "v2", "v3", "v4", "br0", "br1"].flatMap((l) => [`ip link set ${l} up`, `ip link set ${l} down`]),
  ...["v1", "v3"].flatMap((l) => [`ip link set ${l} master br0`, `ip link set ${l} master br1`]),
  "ip link set v1 nomaster",
  "brctl addif br1 v4",
  "brctl delif br1 v4",
  "ip link set v1 address 02:00:00:00:00:11",
  "ip link set br0 address 02:00:00:00:00:33",
  "ifconfig v3 down",
  "ifconfig v3 up",
  "ifconfig v2 hw ether 02:00:00:00:00:44",
  "sysctl -w net.ipv6.conf.v1.disable_ipv6=1",
  "sysctl -w net.ipv6.conf.v1.disable_ipv6=0",
  "ip link del v1",
  "ip link del br0",
  "ip netns add red",
  "ip netns del red",
  "ip link set v2 netns red",
  "ip netns exec red ip link set v2 up",
  "ip netns exec red ip link set lo up; ip link set v4 up",
  "ip link set eth0 down",
  "ip link set eth0 up",
  "docker run -d --name c1 busybox sleep 600",
  "docker run -d --name c2 --network mynet busybox sleep 600",
  "docker run -d --name c3 --network container:c1 busybox sleep 600",
  "docker network connect mynet c1",
  "docker network disconnect mynet c1",
  "docker stop -t 0 c1",
  "docker start c1",
  "docker rm -f c1",
  "sleep 1",
];

/** What a sweep over every link would still change. */
function unsettled(world: World): string[] {
  const problems: string[] = [];
  for (const ns of Object.values(world.netns)) {
    for (const link of ns.links) {
      const wants = link.kind !== "loopback" && !link.noIpv6 && link.mac !== "00:00:00:00:00:00";
      if ((!link.up || !wants) && link.ll6) problems.push(`${ns.id} ${link.name} keeps ${link.ll6.ip}`);
      if (link.up && wants && !link.ll6 && hasCarrier(world, ns, link))
        problems.push(`${ns.id} ${link.name} has a carrier and no link-local address`);
    }
  }
  return problems;
}

describe("incremental addrconf", () => {
  it("leaves nothing for a full sweep to do, whatever lines change the links", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 30, size: "medium" }),
        (lines) => {
          const lab = createLab({ seed: 5 });
          for (const line of SETUP) run(lab, line);
          expect(unsettled(lab.world)).toEqual([]);
          for (const line of lines) {
            run(lab, line);
            expect(unsettled(lab.world), line).toEqual([]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
