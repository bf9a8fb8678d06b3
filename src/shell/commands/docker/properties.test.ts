/**
 * Random sequences of docker commands keep the daemon's and the kernel's invariants: one address per
 * endpoint, unique in its network and inside its subnet; every veth has its peer; a bridge's ports
 * are its running endpoints; nothing leaks once everything is removed; and a lab saved as JSON and
 * restored mid-way goes on exactly as the original.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkInvariants } from "../../../testing/invariants";
import { createLab, type Lab, printed, runToEnd } from "../../lab";

const NAMES = ["c1", "c2", "c3", "c4"];
const NETS = ["n1", "n2", "n3"];

const name = fc.constantFrom(...NAMES);
const net = fc.constantFrom(...NETS);

const command: fc.Arbitrary<string> = fc.oneof(
  net.map((n) => `docker network create ${n}`),
  fc
    .tuple(net, fc.constantFrom("10.7", "10.8"))
    .map(([n, p]) => `docker network create --subnet ${p}.0.0/24 ${n}`),
  net.map((n) => `docker network rm ${n}`),
  fc
    .tuple(name, fc.option(net), fc.option(fc.constantFrom("8080:80", "80", "127.0.0.1:9000:90/udp")))
    .map(
      ([c, n, p]) =>
        `docker run -d --name ${c}${n ? ` --net ${n}` : ""}${p ? ` -p ${p}` : ""} busybox sleep 3600`,
    ),
  fc
    .tuple(name, fc.constantFrom("host", "none"))
    .map(([c, m]) => `docker run -itd --name ${c} --network ${m} busybox`),
  fc.tuple(name, name).map(([c, p]) => `docker run -itd --name ${c} --network container:${p} busybox`),
  fc
    .tuple(name, fc.constantFrom("stop -t 1", "start", "restart -t 1", "rm -f", "kill", "pause", "unpause"))
    .map(([c, op]) => `docker ${op} ${c}`),
  fc.tuple(net, name).map(([n, c]) => `docker network connect ${n} ${c}`),
  fc.tuple(net, name).map(([n, c]) => `docker network disconnect ${n} ${c}`),
  fc.constant("sleep 5"),
);

function clone(lab: Lab): Lab {
  return JSON.parse(JSON.stringify(lab)) as Lab;
}

describe("docker command sequences", () => {
  it("keep addresses, veths and bridge ports consistent, and leak nothing once removed", () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 25 }), (commands) => {
        const lab = createLab();
        for (const line of commands) {
          runToEnd(lab, line);
          checkInvariants(lab);
        }
        runToEnd(lab, `docker rm -f ${NAMES.join(" ")}`);
        runToEnd(lab, `docker network rm ${NETS.join(" ")}`);
        const fresh = createLab();
        expect(Object.keys(lab.world.netns).sort()).toEqual(Object.keys(fresh.world.netns).sort());
        const host = lab.world.netns.host1;
        expect(host?.sockets).toEqual(fresh.world.netns.host1?.sockets);
        expect(host?.netfilter).toEqual(fresh.world.netns.host1?.netfilter);
        expect(host?.links.map((l) => l.name)).toEqual(fresh.world.netns.host1?.links.map((l) => l.name));
        expect(lab.world.machines.host1?.docker?.ports).toEqual([]);
        expect(lab.world.machines.host1?.docker?.networks.every((n) => n.allocated.length === 0)).toBe(true);
        const procs = Object.values(lab.world.machines.host1?.procs ?? {}).map((p) => p.command);
        expect(procs.filter((p) => p.includes("docker-proxy") || p.includes("containerd-shim"))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("go on identically after a save and restore through JSON", () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 2, maxLength: 20 }), fc.nat(), (commands, cut) => {
        const at = cut % commands.length;
        const original = createLab();
        for (const line of commands.slice(0, at)) runToEnd(original, line);
        const restored = clone(original);
        for (const line of [
          ...commands.slice(at),
          "docker ps -a",
          "docker network ls",
          "docker inspect c1 c2 c3 c4",
        ]) {
          const a = runToEnd(original, line);
          const b = runToEnd(restored, line);
          expect(printed(b)).toBe(printed(a));
          expect(b.exit).toBe(a.exit);
        }
        expect(restored.world).toEqual(original.world);
      }),
      { numRuns: 40 },
    );
  });
});
