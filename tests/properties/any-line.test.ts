/**
 * No line breaks the lab: random command lines from the tutorials' vocabulary, with their flags and
 * arguments shuffled and mangled, and plain random text, always come back as an Execution with an
 * exit status, leave every veth with its peer, and leave a world that survives a JSON round trip.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLab, run } from "../../src/shell/lab";
import { vethsPaired } from "../../src/testing/invariants";

// biome-ignore format: the vocabulary reads best packed, a line of words at a time
const WORDS = [
  "docker", "run", "-d", "-itd", "--name", "c1", "c2", "--net", "--network", "mynet", "host", "none", "container:c1",
  "busybox", "nginx", "alpine", "sh", "-p", "8080:80", "-P", "--link", "c1:db", "network", "create", "connect",
  "disconnect", "rm", "-f", "inspect", "ps", "-a", "exec", "-it", "ping", "-c", "1", "172.17.0.2", "c1", "stop",
  "start", "ip", "addr", "link", "add", "A", "type", "veth", "peer", "B", "set", "netns", "up", "down", "master",
  "docker0", "brctl", "addif", "delif", "iptables", "-t", "nat", "-L", "-n", "-S", "-A", "DOCKER-USER", "-j",
  "DROP", "nslookup", "curl", "wget", "-qO-", "localhost:8080", "ss", "-tlnp", "conntrack", "exit", "|", "grep",
  "&&", ";", "'", '"', "$pid", "$(docker ps -q)", "ip", "netns", "exec", "red", "route", "default", "via",
];

const line = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 9 }).map((w) => w.join(" "));

describe("any line", () => {
  it("from the tutorials' words, in any order, runs without throwing and keeps veth pairs whole", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (lines) => {
        const lab = createLab({ seed: 3 });
        run(lab, "docker network create mynet");
        run(lab, "docker run -itd --name c1 busybox");
        for (const l of lines) {
          const result = run(lab, l);
          expect(Number.isInteger(result.exit)).toBe(true);
          // A shell left open (exec -it, ssh) is left again so the next line runs on the host.
          while ((lab.sessions[0]?.frames.length ?? 1) > 1) lab.sessions[0]?.frames.pop();
        }
        expect(vethsPaired(lab.world)).toBe(true);
        expect(JSON.parse(JSON.stringify(lab.world))).toEqual(lab.world);
      }),
      { numRuns: 60 },
    );
  });

  it("of a known command with odd words (prototype names, random text) runs without throwing", () => {
    const prefix = fc.constantFrom(
      "docker",
      "docker network",
      "docker container",
      "ip",
      "ip netns",
      "ip link",
      "iptables -t",
      "brctl",
      "bridge",
      "ping",
      "curl",
      "nslookup",
      "ss -",
      "conntrack -",
      "docker run --network",
      "docker inspect -f",
    );
    const odd = fc.oneof(
      fc.constantFrom(
        "toString",
        "constructor",
        "__proto__",
        "hasOwnProperty",
        "valueOf",
        "{{.}}",
        "{{json .}}",
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(prefix, odd, fc.option(odd), (p, a, b) => {
        const lab = createLab({ seed: 9 });
        run(lab, "docker run -itd --name c1 busybox");
        expect(Number.isInteger(run(lab, `${p} ${a}${b ? ` ${b}` : ""}`).exit)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("of random text runs without throwing", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const lab = createLab({ seed: 5 });
        expect(Number.isInteger(run(lab, text).exit)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
