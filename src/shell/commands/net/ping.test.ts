import { describe, expect, it } from "vitest";
import { createLab, hostSession, printed, run, runToEnd } from "../../lab";
import { interruptLive, resumeLive } from "../../run";
import { sh, start, untimed } from "./test-helpers";

function defaultBridge() {
  const lab = createLab();
  sh(lab, "docker run -itd --name busy1 busybox");
  sh(lab, "docker run -itd --name busy2 busybox");
  return lab;
}

describe("busybox ping", () => {
  it("reaches a container on the default bridge by address, not by name (03-default-bridge)", () => {
    const lab = defaultBridge();
    const byIp = sh(lab, "docker exec busy1 ping -c 2 172.17.0.3");
    expect(untimed(byIp.out)).toBe(
      [
        "PING 172.17.0.3 (172.17.0.3): 56 data bytes",
        "64 bytes from 172.17.0.3: seq=0 ttl=64 time=T ms",
        "64 bytes from 172.17.0.3: seq=1 ttl=64 time=T ms",
        "",
        "--- 172.17.0.3 ping statistics ---",
        "2 packets transmitted, 2 packets received, 0% packet loss",
        "round-trip min/avg/max = T ms",
        "",
      ].join("\n"),
    );
    expect(byIp.exit).toBe(0);
    const times = [...byIp.out.matchAll(/time=(\d+\.\d+) ms/g)].map((m) => Number(m[1]));
    expect(times[0]).toBeGreaterThan(0.3);
    expect(times[1]).toBeLessThan(0.3);
    expect(byIp.traces.map((t) => t.protocol)).toEqual(["ICMP", "ICMP"]);
    expect(sh(lab, "docker exec busy1 ping -c 1 busy2")).toMatchObject({
      out: "ping: bad address 'busy2'\n",
      exit: 1,
    });
  });

  it("finds --link names in /etc/hosts, one way only (04-link)", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name busy1 busybox");
    sh(lab, "docker run -itd --name busy2 --link busy1 busybox");
    sh(lab, "docker run -itd --name busy3 --link busy1:db busybox");
    expect(untimed(sh(lab, "docker exec busy3 ping -c 1 db").out)).toBe(
      [
        "PING db (172.17.0.2): 56 data bytes",
        "64 bytes from 172.17.0.2: seq=0 ttl=64 time=T ms",
        "",
        "--- db ping statistics ---",
        "1 packets transmitted, 1 packets received, 0% packet loss",
        "round-trip min/avg/max = T ms",
        "",
      ].join("\n"),
    );
    expect(sh(lab, "docker exec busy2 ping -c 1 busy1").exit).toBe(0);
    expect(sh(lab, "docker exec busy1 ping -c 1 busy2")).toMatchObject({
      out: "ping: bad address 'busy2'\n",
      exit: 1,
    });
  });

  it("on a user network finds names, short IDs, aliases and name.network (05-user-dns)", () => {
    const lab = createLab();
    sh(lab, "docker network create mynet");
    sh(lab, "docker run -itd --name busy1 --net mynet busybox");
    sh(lab, "docker run -itd --name busy2 --net mynet busybox");
    sh(lab, "docker run -itd --name busy3 --net mynet --network-alias web busybox");
    const id = sh(lab, "docker inspect -f '{{.Id}}' busy2").out.slice(0, 12);
    for (const [name, ip] of [
      ["busy2", "172.18.0.3"],
      [id, "172.18.0.3"],
      ["web", "172.18.0.4"],
      ["busy2.mynet", "172.18.0.3"],
    ]) {
      const r = sh(lab, `docker exec busy1 ping -c 1 ${name}`);
      expect(r.out.split("\n")[0]).toBe(`PING ${name} (${ip}): 56 data bytes`);
      expect(r.exit).toBe(0);
      // The name went to 127.0.0.11 as a DNS query before the echo.
      expect(r.traces[0]?.protocol).toBe("DNS");
    }
  });

  it("prints the forms 13-busybox-tools recorded: -q, -s, -W with no answer, usage", () => {
    const lab = createLab();
    sh(lab, "docker network create mynet");
    sh(lab, "docker run -itd --name busy1 --net mynet busybox");
    sh(lab, "docker run -itd --name busy2 --net mynet busybox");
    expect(untimed(sh(lab, "docker exec busy1 ping -c 1 -q busy2").out)).toBe(
      [
        "PING busy2 (172.18.0.3): 56 data bytes",
        "",
        "--- busy2 ping statistics ---",
        "1 packets transmitted, 1 packets received, 0% packet loss",
        "round-trip min/avg/max = T ms",
        "",
      ].join("\n"),
    );
    expect(untimed(sh(lab, "docker exec busy1 ping -c 1 -s 1000 busy2").out).split("\n")[1]).toBe(
      "1008 bytes from 172.18.0.3: seq=0 ttl=64 time=T ms",
    );
    const start = lab.world.clock;
    const lost = sh(lab, "docker exec busy1 ping -c 2 -W 1 172.18.0.200");
    expect(lost).toMatchObject({
      out: [
        "PING 172.18.0.200 (172.18.0.200): 56 data bytes",
        "",
        "--- 172.18.0.200 ping statistics ---",
        "2 packets transmitted, 0 packets received, 100% packet loss",
        "",
      ].join("\n"),
      exit: 1,
    });
    // One second between the two, then -W 1 after the last.
    expect(lab.world.clock - start).toBeGreaterThanOrEqual(2000);
    const usage = sh(lab, "docker exec busy1 ping");
    expect(usage.exit).toBe(1);
    expect(usage.out.split("\n").slice(0, 3)).toEqual([
      "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.",
      "",
      "Usage: ping [OPTIONS] HOST",
    ]);
    expect(sh(lab, "docker exec busy1 ping -z x").out.split("\n")[0]).toBe("ping: invalid option -- 'z'");
    expect(sh(lab, "docker exec busy1 ping -c abc busy2")).toMatchObject({
      out: "ping: invalid number 'abc'\n",
      exit: 1,
    });
  });

  it("dies on sendto when there is no route (08-none, 11-iptables --internal)", () => {
    const lab = createLab();
    sh(lab, "docker run -d --network none --name n1 busybox sleep 3600");
    expect(sh(lab, "docker exec n1 ping -c 1 172.17.0.1")).toMatchObject({
      out: "PING 172.17.0.1 (172.17.0.1): 56 data bytes\nping: sendto: Network is unreachable\n",
      exit: 1,
    });
    expect(untimed(sh(lab, "docker exec n1 ping -c 1 127.0.0.1").out).split("\n")[1]).toBe(
      "64 bytes from 127.0.0.1: seq=0 ttl=64 time=T ms",
    );
  });

  it("sees TTLs drop across the routers on the way to the internet", () => {
    const lab = defaultBridge();
    expect(untimed(sh(lab, "docker exec busy1 ping -c 1 8.8.8.8").out).split("\n")[1]).toBe(
      "64 bytes from 8.8.8.8: seq=0 ttl=116 time=T ms",
    );
    expect(untimed(sh(lab, "docker exec busy1 ping -c 1 example.com").out).split("\n")[1]).toBe(
      "64 bytes from 93.184.215.14: seq=0 ttl=52 time=T ms",
    );
  });

  it("without -c runs until Ctrl+C, a reply each virtual second", () => {
    const lab = defaultBridge();
    sh(lab, "docker exec -it busy1 sh");
    const session = lab.sessions[0];
    if (!session) throw new Error("no session");
    const started = start(lab, "ping 172.17.0.3");
    expect(untimed(started.out)).toBe(
      "PING 172.17.0.3 (172.17.0.3): 56 data bytes\n64 bytes from 172.17.0.3: seq=0 ttl=64 time=T ms\n",
    );
    const live = started.live;
    if (!live) throw new Error("ping should keep running");
    const later = resumeLive(lab.world, session, live, lab.world.clock + 2500);
    expect(untimed(printed(later))).toBe(
      "64 bytes from 172.17.0.3: seq=1 ttl=64 time=T ms\n64 bytes from 172.17.0.3: seq=2 ttl=64 time=T ms\n",
    );
    expect(later.live).toBe(live);
    const stopped = interruptLive(lab.world, session, live);
    expect(untimed(printed(stopped))).toBe(
      [
        "^C",
        "--- 172.17.0.3 ping statistics ---",
        "3 packets transmitted, 3 packets received, 0% packet loss",
        "round-trip min/avg/max = T ms",
        "",
      ].join("\n"),
    );
    expect(stopped.exit).toBe(0);
  });

  it("counts no loss when Ctrl+C comes as the terminal resumes it a second at a time", () => {
    const lab = defaultBridge();
    sh(lab, "docker exec -it busy1 sh");
    const session = lab.sessions[0];
    const started = run(lab, "ping 172.17.0.3");
    if (!session || !started.live) throw new Error("ping should keep running");
    // The player asks for the next second right after the last line it showed: a request leaves at `until`.
    let last = started.chunks[started.chunks.length - 1]?.t ?? lab.world.clock;
    for (let i = 0; i < 2; i++) {
      const next = resumeLive(lab.world, session, started.live, last + 1000);
      last = next.chunks[next.chunks.length - 1]?.t ?? last + 1000;
    }
    const stopped = interruptLive(lab.world, session, started.live);
    expect(untimed(printed(stopped))).toMatch(
      /(\d+) packets transmitted, \1 packets received, 0% packet loss/,
    );
  });

  it("dies with its container", () => {
    const lab = defaultBridge();
    lab.sessions.push(hostSession("s2"));
    sh(lab, "docker exec -it busy1 sh");
    const session = lab.sessions[0];
    const started = start(lab, "ping 172.17.0.3");
    if (!session || !started.live) throw new Error("ping should keep running");
    sh(lab, "docker rm -f busy1", "s2");
    const after = resumeLive(lab.world, session, started.live, lab.world.clock + 1000);
    expect(after).toMatchObject({ exit: 137, chunks: [] });
    expect(after.live).toBeUndefined();
  });
});

describe("iputils ping on the host", () => {
  it("prints iputils' forms (03-default-bridge)", () => {
    const lab = defaultBridge();
    expect(untimed(sh(lab, "ping -c 1 172.17.0.2").out)).toBe(
      [
        "PING 172.17.0.2 (172.17.0.2) 56(84) bytes of data.",
        "64 bytes from 172.17.0.2: icmp_seq=1 ttl=64 time=T ms",
        "",
        "--- 172.17.0.2 ping statistics ---",
        "1 packets transmitted, 1 received, 0% packet loss, time Tms",
        "rtt min/avg/max/mdev = T ms",
        "",
      ].join("\n"),
    );
  });

  it("names the replier by reverse DNS when the target was a name", () => {
    const lab = createLab();
    expect(untimed(sh(lab, "ping -c 1 example.com").out).split("\n").slice(0, 2)).toEqual([
      "PING example.com (93.184.215.14) 56(84) bytes of data.",
      "64 bytes from example.com (93.184.215.14): icmp_seq=1 ttl=53 time=T ms",
    ]);
  });

  it("in a Debian image names the peer as the embedded DNS does: name.network (seed 004)", () => {
    const lab = createLab();
    sh(lab, "docker network create amazecode_network");
    sh(lab, "docker run -d --network amazecode_network --name tomcat81 billygoo/tomcat8-jdk8");
    sh(lab, "docker run -d --network amazecode_network --name tomcat82 billygoo/tomcat8-jdk8");
    expect(untimed(sh(lab, "docker exec tomcat82 ping -c 2 tomcat81").out)).toBe(
      [
        "PING tomcat81 (172.18.0.2) 56(84) bytes of data.",
        "64 bytes from tomcat81.amazecode_network (172.18.0.2): icmp_seq=1 ttl=64 time=T ms",
        "64 bytes from tomcat81.amazecode_network (172.18.0.2): icmp_seq=2 ttl=64 time=T ms",
        "",
        "--- tomcat81 ping statistics ---",
        "2 packets transmitted, 2 received, 0% packet loss, time Tms",
        "rtt min/avg/max/mdev = T ms",
        "",
      ].join("\n"),
    );
    sh(lab, "docker run -d --name tomcat83 billygoo/tomcat8-jdk8");
    expect(sh(lab, "docker exec tomcat83 ping -c 1 tomcat81")).toMatchObject({
      out: "ping: tomcat81: Name or service not known\n",
      exit: 2,
    });
  });

  it("reports the failures as iputils words them", () => {
    const lab = createLab();
    expect(sh(lab, "ping -c 1 nosuchname")).toMatchObject({
      out: "ping: nosuchname: Name or service not known\n",
      exit: 2,
    });
    const unreachable = sh(lab, "ping -c 1 172.17.0.99");
    expect(untimed(unreachable.out)).toBe(
      [
        "PING 172.17.0.99 (172.17.0.99) 56(84) bytes of data.",
        "From 172.17.0.1 icmp_seq=1 Destination Host Unreachable",
        "",
        "--- 172.17.0.99 ping statistics ---",
        "1 packets transmitted, 0 received, +1 errors, 100% packet loss, time Tms",
        // finish() ends its last line with or without round-trip times: a blank line here, as
        // tests/ground-truth/multihost/03-wire recorded it.
        "",
        "",
      ].join("\n"),
    );
    expect(unreachable.exit).toBe(1);
    expect(sh(lab, "ping")).toMatchObject({
      out: "ping: usage error: Destination address required\n",
      exit: 2,
    });
  });
});

describe("counts and long runs", () => {
  it("refuses numbers out of range in each ping's own words (busybox 1.35, iputils 20221126)", () => {
    const lab = defaultBridge();
    const refusals: [string, string, number][] = [
      [
        "ping -c 99999999999999999999 127.0.0.1",
        "ping: invalid argument: '99999999999999999999': Numerical result out of range",
        1,
      ],
      [
        "ping -c 0 127.0.0.1",
        "ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807",
        1,
      ],
      ["ping -s -1 127.0.0.1", "ping: invalid argument: '-1': out of range: 0 <= value <= 2147483647", 1],
      ["ping -t 256 127.0.0.1", "ping: invalid argument: '256': out of range: 0 <= value <= 255", 1],
      ["ping -t 0 127.0.0.1", "ping: cannot set unicast time-to-live: Invalid argument", 2],
      ["ping -W -1 127.0.0.1", "ping: bad linger time: -1", 2],
      [
        "docker exec busy1 ping -c 99999999999999999999 127.0.0.1",
        "ping: invalid number '99999999999999999999'",
        1,
      ],
      [
        "docker exec busy1 ping -c 4294967295 127.0.0.1",
        "ping: number 4294967295 is not in 0..2147483647 range",
        1,
      ],
      ["docker exec busy1 ping -s 70000 127.0.0.1", "ping: number 70000 is not in 0..65535 range", 1],
      ["docker exec busy1 ping -i -1 127.0.0.1", "ping: invalid number '-1'", 1],
    ];
    for (const [line, message, exit] of refusals)
      expect(sh(lab, line)).toMatchObject({ out: `${message}\n`, exit });
  });

  it("warns about garbage after iputils' times and goes on", () => {
    const lab = defaultBridge();
    const r = sh(lab, "ping -c 1 -i 1x 172.17.0.3");
    expect(untimed(r.out).split("\n").slice(0, 3)).toEqual([
      "ping: option argument contains garbage: x",
      "ping: this will become fatal error in the future",
      "PING 172.17.0.3 (172.17.0.3) 56(84) bytes of data.",
    ]);
    expect(r.exit).toBe(0);
  });

  it("runs -c 100000 as time passes: the first reply now, the rest a second at a time, Ctrl+C at any point", () => {
    const lab = defaultBridge();
    const session = lab.sessions[0];
    const started = run(lab, "docker exec busy1 ping -c 100000 172.17.0.3");
    if (!session || !started.live) throw new Error("ping should keep running");
    expect(untimed(printed(started))).toBe(
      "PING 172.17.0.3 (172.17.0.3): 56 data bytes\n64 bytes from 172.17.0.3: seq=0 ttl=64 time=T ms\n",
    );
    const next = resumeLive(lab.world, session, started.live, lab.world.clock + 1000);
    expect(untimed(printed(next))).toBe("64 bytes from 172.17.0.3: seq=1 ttl=64 time=T ms\n");
    const stopped = interruptLive(lab.world, session, started.live);
    expect(untimed(printed(stopped))).toContain("2 packets transmitted, 2 packets received, 0% packet loss");
  });

  it("finishes at once when its last reply is in: ping -c 1 to a neighbour holds nothing back", () => {
    const lab = defaultBridge();
    const r = run(lab, "docker exec busy1 ping -c 1 172.17.0.3");
    expect(r.live).toBeUndefined();
    expect(printed(r)).toContain("1 packets transmitted, 1 packets received, 0% packet loss");
  });

  it("runs as time passes when a pipe reads it; the reader gets its output once it has ended", () => {
    const lab = defaultBridge();
    const session = lab.sessions[0];
    const started = run(lab, "docker exec busy1 ping -c 3 172.17.0.3 | tail -1");
    if (!session || !started.live) throw new Error("the pipeline should keep running");
    expect(printed(started)).toBe("");
    const ended = runToEnd(lab, "docker exec busy1 ping -c 3 172.17.0.3 | tail -1");
    expect(untimed(printed(ended))).toBe("round-trip min/avg/max = T ms\n");
    expect(ended.end - ended.start).toBeGreaterThanOrEqual(2000);
  });

  it("stops a whole pipeline on Ctrl+C, the reader before it read anything", () => {
    const lab = defaultBridge();
    const session = lab.sessions[0];
    const started = run(lab, "docker exec busy1 ping -c 100000 172.17.0.3 | tail -1; echo $?");
    if (!session || !started.live) throw new Error("the pipeline should keep running");
    resumeLive(lab.world, session, started.live, lab.world.clock + 1000);
    expect(printed(interruptLive(lab.world, session, started.live))).toBe("^C130\n");
  });

  it("writes into a file as it runs", () => {
    const lab = defaultBridge();
    const session = lab.sessions[0];
    const started = run(lab, "docker exec busy1 sh -c 'ping -c 3 172.17.0.3 > /tmp/out'");
    if (!session || !started.live) throw new Error("ping should keep running");
    const seq = () =>
      (
        run(lab, "docker exec busy1 cat /tmp/out")
          .chunks.map((c) => c.text)
          .join("")
          .match(/seq=/g) ?? []
      ).length;
    expect(seq()).toBe(1);
    resumeLive(lab.world, session, started.live, lab.world.clock + 1000);
    expect(seq()).toBe(2);
  });

  it("waits inside $(...) for the count to run out", () => {
    const lab = defaultBridge();
    const r = run(lab, 'echo "[$(docker exec busy1 ping -c 2 172.17.0.3 | grep -c bytes)]"');
    expect(r.live).toBeUndefined();
    expect(printed(r)).toBe("[3]\n");
  });
});
