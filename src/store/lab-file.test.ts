import { readFileSync } from "node:fs";
import fc from "fast-check";
import { gzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { createLab, printed, run, runToEnd } from "../shell/lab";
import type { Lab } from "../shell/lab-state";
import { PROCESS_KINDS } from "../shell/process-kinds";
import type { Command } from "../shell/types";
import {
  documentJson,
  FORMAT_VERSION,
  LIMITS,
  labDocument,
  packDocument,
  type ReadResult,
  readLabDocument,
} from "./lab-file";

const fixture = (name: string) =>
  readFileSync(new URL(`../../tests/lab-files/${name}`, import.meta.url), "utf8");
const FIXTURES: Record<number, string> = {
  1: "format-1.json",
  2: "format-2.json",
  3: "format-3.txt",
  4: "format-4.txt",
};

function accepted(result: ReadResult) {
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result;
}

function refusal(input: unknown): string {
  const result = readLabDocument(input);
  if (result.ok) throw new Error("accepted");
  return result.error;
}

/** A lab touching most of what the world holds: networks, ports, links, captures, jobs, a second tab. */
function richLab(): Lab {
  const lab = createLab({ seed: 99 });
  for (const line of [
    "docker network create --subnet 10.5.0.0/24 --ip-range 10.5.0.128/25 -o com.docker.network.bridge.name=br-five five",
    "docker run -d --name web --network five --ip 10.5.0.7 -p 127.0.0.1:8080:80 -p 9090:80/udp --add-host db.local:10.0.0.9 nginx",
    "docker run -itd --name c1 --hostname box -e A=1 --dns 8.8.4.4 busybox",
    "docker run -d --name job busybox sh -c 'sleep 2; exit 3'",
    "docker run -d --name nap busybox sleep 600",
    "docker run -itd --name c2 --link c1:one busybox",
    "docker run -d --name c3 --network container:c1 busybox sleep 600",
    "docker network connect --alias svc five c1",
    "docker exec -d c1 ping -c 30 10.5.0.7",
    "docker exec -d c1 sh -c 'ping -c 30 10.5.0.7 > /tmp/pings'",
    "docker exec c1 nslookup web",
    "docker exec c1 sh -c 'echo hi > /tmp/x'",
    "iptables -I DOCKER-USER -s 10.0.0.0/8 ! -d 10.5.0.0/24 -p tcp -m multiport --dports 22,80 -m comment --comment 'keep out' -j REJECT --reject-with tcp-reset",
    "iptables -t nat -A POSTROUTING -o eth0 -j LOG --log-prefix 'out: ' --log-level 6",
    "ip netns add red",
    "ip link add veth-r type veth peer name veth-h",
    "ip link set veth-r netns red",
    "ip netns exec red ip addr add 10.9.0.2/24 dev veth-r",
    "ip netns exec red ip link set veth-r up",
    "ip link add br9 type bridge",
    "ip link set veth-h master br9",
    "ip link set br9 up",
    "ip link set veth-h up",
    "ip route add 10.77.0.0/16 via 192.168.0.1 metric 50",
    "curl -s localhost:8080 -o /dev/null",
    "ping -c 2 8.8.8.8",
    "docker stop c2",
    "docker pull redis",
    // Swarm mode: the cluster's store, an overlay's namespace with its VXLAN device, a load balancer.
    "docker swarm init --advertise-addr 192.168.0.102",
    "docker network create -d overlay --attachable ov",
    "docker run -dit --name o1 --network ov busybox",
    "docker exec o1 ping -c 1 8.8.8.8",
  ])
    runToEnd(lab, line);
  lab.sessions.push({
    id: "s2",
    title: "second",
    frames: [...(lab.sessions[0]?.frames ?? [])],
    history: [],
    lastExit: 0,
  });
  runToEnd(lab, "docker exec -it c1 sh", "s2");
  // Background jobs in both tabs (the shell's PID is given to ps), one ended and not yet reported.
  run(lab, "sleep 300 &", "s2");
  run(lab, "tcpdump -i docker0 -n &", "s1");
  run(lab, "ps -ef", "s1");
  run(lab, "echo done &", "s1");
  // A capture left running in the first tab's foreground.
  expect(run(lab, "tcpdump -i eth0 -c 1000", "s1").live).toBeDefined();
  expect(lab.sessions.map((s) => s.jobs?.length)).toEqual([2, 1]);
  return JSON.parse(JSON.stringify(lab)) as Lab;
}

describe("a lab document", () => {
  it("has a fixture for every format version, each read and migrated to print what its version printed", () => {
    for (let version = 1; version <= FORMAT_VERSION; version++) {
      const name = FIXTURES[version];
      if (!name) throw new Error(`no fixture for format ${version}`);
      const { doc, from } = accepted(readLabDocument(fixture(name)));
      expect(from).toBe(version);
      // Labs saved before eras existed ran engine 26.
      expect(doc.lab.world.machines.host1?.docker?.era).toBe(26);
      expect(doc.view).toEqual({ activeSession: "s2", positions: { "net:app": { x: 420, y: 60 } } });
      const expected = JSON.parse(fixture(name.replace(/\.(json|txt)$/, ".expected.json"))) as Record<
        string,
        string
      >;
      for (const [line, output] of Object.entries(expected))
        expect(printed(runToEnd(doc.lab, line))).toBe(output);
      // And it goes on as a lab of today: the next container takes the next address on the network.
      expect(printed(runToEnd(doc.lab, "docker run -d --name late --network app busybox sleep 60"))).toMatch(
        /^[0-9a-f]{64}\n$/,
      );
      expect(
        printed(runToEnd(doc.lab, "docker inspect -f '{{.NetworkSettings.Networks.app.IPAddress}}' late")),
      ).toBe("172.18.0.5\n");
    }
  });

  it("comes back exactly as it was written, in both spellings: the schema drops nothing the lab holds", () => {
    const lab = richLab();
    const view = { activeSession: "s2", positions: { a: { x: 1.5, y: -2 } } };
    for (const text of [packDocument(labDocument(lab, view)), documentJson(labDocument(lab, view))]) {
      const { doc } = accepted(readLabDocument(text));
      expect(doc.lab).toEqual(lab);
      expect(doc.view).toEqual(view);
    }
  });

  it("keeps a capture of IPv6 neighbour discovery and a ping6 whole", () => {
    const lab = createLab({ seed: 5 });
    for (const line of [
      "docker network create --ipv6 --subnet 2001:db8:7::/64 v6",
      "docker run -d --name a6 --network v6 busybox sleep 600",
      "docker run -d --name b6 --network v6 busybox sleep 600",
    ])
      runToEnd(lab, line);
    lab.sessions.push({
      id: "s2",
      title: "second",
      frames: [...(lab.sessions[0]?.frames ?? [])],
      history: [],
      lastExit: 0,
    });
    // The capture runs on in the first tab while the second pings.
    expect(run(lab, "tcpdump -i any -c 1000").live).toBeDefined();
    runToEnd(lab, "docker exec a6 ping6 -c 1 b6", "s2");
    const frames = lab.world.packets?.captures.flatMap((c) => c.frames) ?? [];
    expect(frames.some((f) => f.packet.arp?.nd && f.packet.eth?.type === "IPv6")).toBe(true);
    const { doc } = accepted(readLabDocument(packDocument(labDocument(lab))));
    expect(doc.lab).toEqual(lab);
  });

  it("keeps a daemon stopped with its socket, and containers stopped by hand", () => {
    const lab = createLab({ seed: 5 });
    for (const line of [
      "docker run -d --name u --restart unless-stopped busybox sleep 600",
      "docker stop -t 1 u",
    ])
      runToEnd(lab, line);
    runToEnd(lab, "service docker stop");
    const saved = JSON.parse(JSON.stringify(lab)) as Lab;
    const { doc } = accepted(
      readLabDocument(packDocument(labDocument(saved, { activeSession: "s1", positions: {} }))),
    );
    expect(doc.lab).toEqual(saved);
    expect(printed(runToEnd(doc.lab, "docker ps"))).toMatch(/^Cannot connect to the Docker daemon/);
  });

  it("names every process kind the shell has", () => {
    // The commands the shell registers (shell/commands/index.ts), and the process kinds they leave running.
    const modules = import.meta.glob<{ commands?: readonly Command[] }>(
      [
        "../shell/commands/**/*.ts",
        "!../shell/commands/index.ts",
        "!../shell/commands/**/*.test.ts",
        "!../shell/commands/**/test-*.ts",
      ],
      { eager: true },
    );
    const kinds = Object.values(modules)
      .flatMap((m) => m.commands ?? [])
      .flatMap((c) => c.processes ?? [])
      .map((k) => k.name);
    expect([...PROCESS_KINDS].sort()).toEqual([...new Set(kinds)].sort());
  });

  it("is read from a share link as well as from its packed text", () => {
    const packed = packDocument(labDocument(createLab({ seed: 3 })));
    expect(accepted(readLabDocument(`https://example.org/lab/#lab=${packed}`)).doc.lab.world.seed).toBe(3);
  });
});

describe("a lab document from outside is refused, with a reason, when it is", () => {
  const lab = createLab({ seed: 5 });
  const good = labDocument(lab);
  const packed = packDocument(good);
  const json = () => JSON.parse(documentJson(good));

  it("truncated, damaged or not a lab at all", () => {
    expect(refusal(packed.slice(0, packed.length / 2))).toMatch(/damaged or cut off/);
    expect(refusal(documentJson(good).slice(0, 500))).toMatch(/damaged or cut off/);
    expect(refusal(`lab3:${"!".repeat(40)}`)).toMatch(/damaged or cut off/);
    expect(refusal("")).toMatch(/not a Docker Network Lab/);
    expect(refusal("hello")).toMatch(/not a Docker Network Lab/);
    expect(refusal(42)).toMatch(/not a Docker Network Lab/);
    expect(refusal(null)).toMatch(/not a Docker Network Lab/);
    expect(refusal({ format: "docker-network-lab", version: 3 })).toMatch(/contents are not a lab \(lab:/);
  });

  it("oversized, or a small packed text that would unpack into gigabytes", () => {
    expect(refusal(`{${" ".repeat(LIMITS.textChars)}}`)).toMatch(/too large/);
    // Gzip members one after another unpack as one: a megabyte of zeros, a hundred times over.
    const member = gzipSync(new Uint8Array(1024 * 1024), { level: 9 });
    const members = Math.ceil(LIMITS.unpackedBytes / (1024 * 1024)) + 1;
    let binary = "";
    for (const b of member) binary += String.fromCharCode(b);
    binary = binary.repeat(members);
    expect(binary.length).toBeLessThan(200_000);
    expect(refusal(`lab3:${btoa(binary)}`)).toMatch(/too large/);
  });

  it("nested too deep for a parser's stack", () => {
    const deep = `{"format":"docker-network-lab","version":3,"lab":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    expect(refusal(deep)).toMatch(/not a lab/);
  });

  it("from a newer version, or of a version that never was", () => {
    expect(refusal({ ...json(), version: FORMAT_VERSION + 1 })).toMatch(
      /newer version of the lab \(format 5/,
    );
    expect(refusal({ ...json(), version: 0 })).toMatch(/does not exist/);
    expect(refusal({ ...json(), version: "3" })).toMatch(/format version is missing/);
  });

  it("of the wrong shape, saying where", () => {
    const doc = json();
    doc.lab.world.rng = [1, 2, 3];
    expect(refusal(doc)).toMatch(/lab\.world\.rng/);
    const noSessions = json();
    noSessions.lab.sessions = [];
    expect(refusal(noSessions)).toMatch(/without a terminal session/);
  });

  it("carrying terminal control characters in a name (a hostname that would retitle or rewrite the screen)", () => {
    const doc = json();
    doc.lab.world.machines.host1.hostname = "host1\x1b]0;owned\x07";
    expect(refusal(doc)).toMatch(/lab\.world\.machines\.host1\.hostname: control characters/);
  });

  it("pointing at things that are not there", () => {
    const noMachine = json();
    noMachine.lab.sessions[0].frames[0].machine = "mars";
    expect(refusal(noMachine)).toMatch(/machine that does not exist \(mars\)/);
    const noPeer = json();
    const link = noPeer.lab.world.netns.laptop.links.find((l: { peer?: unknown }) => l.peer);
    link.peer.ifindex = 999;
    expect(refusal(noPeer)).toMatch(/peer that does not exist/);
    const job = json();
    job.lab.world.jobs = [
      { process: { kind: "constructor", state: {}, frame: job.lab.sessions[0].frames[0] } },
    ];
    expect(refusal(job)).toMatch(/unknown kind \(constructor\)/);
    const frame = job.lab.sessions[0].frames[0];
    const redirected = (inner: unknown) => ({ process: { kind: "redirected", state: { inner }, frame } });
    job.lab.world.jobs = [redirected({ kind: "constructor", state: {}, frame })];
    expect(refusal(job)).toMatch(/unknown kind \(constructor\)/);
    job.lab.world.jobs = [redirected(undefined)];
    expect(refusal(job)).toMatch(/redirects the output of no process/);
    const shellJob = json();
    shellJob.lab.sessions[0].jobs = [
      {
        id: 1,
        text: "x",
        pid: 2000,
        shell: 0,
        process: { kind: "ping", state: {}, frame: { ...frame, machine: "mars" } },
      },
    ];
    expect(refusal(shellJob)).toMatch(/machine that does not exist \(mars\)/);
  });

  it("trying to reach Object.prototype through __proto__ keys, which are dropped", () => {
    const text = documentJson(good).replace(
      '"zone":{',
      '"zone":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},',
    );
    const { doc } = accepted(readLabDocument(text));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(doc.lab.world.zone)).not.toContain("__proto__");
    expect(Object.getPrototypeOf(doc.lab.world.zone)).toBe(Object.prototype);
  });

  it("whatever is cut from it or changed in it: never an exception, always a reason", () => {
    const text = documentJson(good);
    fc.assert(
      fc.property(
        fc.nat(text.length),
        fc.nat(text.length),
        fc.string({ maxLength: 8 }),
        (cut, at, insert) => {
          for (const input of [
            text.slice(0, cut),
            text.slice(0, at) + insert + text.slice(at + insert.length),
          ]) {
            const result = readLabDocument(input);
            if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
          }
        },
      ),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.nat(packed.length - 6), fc.string({ minLength: 1, maxLength: 4 }), (at, insert) => {
        const result = readLabDocument(
          packed.slice(0, 5 + at) + insert + packed.slice(5 + at + insert.length),
        );
        if (!result.ok) expect(result.error).toMatch(/\S/);
      }),
      { numRuns: 100 },
    );
  });
});
