import { describe, expect, it } from "vitest";
import { createLab, hostSession, type Lab, printed } from "../../lab";
import { interruptLive, resumeLive } from "../../run";
import { sh, start, untimed } from "./test-helpers";

function busyboxTools(): Lab {
  const lab = createLab();
  sh(lab, "docker network create mynet");
  sh(lab, "docker run -itd --name busy1 --net mynet busybox");
  sh(lab, "docker run -itd --name busy2 --net mynet busybox");
  return lab;
}

describe("nc", () => {
  it("busybox 1.35 has no -z, says refused, and times out with -w (13-busybox-tools)", () => {
    const lab = busyboxTools();
    const z = sh(lab, "docker exec busy1 nc -zv busy2 80");
    expect(z.exit).toBe(1);
    expect(z.out.split("\n").slice(0, 4)).toEqual([
      "nc: invalid option -- 'z'",
      "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.",
      "",
      "Usage: nc [-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]",
    ]);
    expect(sh(lab, "docker exec busy1 nc -w 1 busy2 81")).toMatchObject({
      out: "nc: can't connect to remote host (172.18.0.3): Connection refused\n",
      exit: 1,
    });
    const start = lab.world.clock;
    expect(sh(lab, "docker exec busy1 nc -w 1 172.18.0.200 80")).toMatchObject({
      out: "nc: timed out\n",
      exit: 1,
    });
    expect(lab.world.clock - start).toBeGreaterThanOrEqual(1000);
  });

  it("OpenBSD nc on the host scans with -zv", () => {
    const lab = createLab();
    sh(lab, "docker run -d --name web busybox httpd -f -p 80 -h /");
    expect(sh(lab, "nc -zv 172.17.0.2 80")).toMatchObject({
      out: "Connection to 172.17.0.2 80 port [tcp/http] succeeded!\n",
      exit: 0,
    });
    expect(sh(lab, "nc -zv 172.17.0.2 81")).toMatchObject({
      out: "nc: connect to 172.17.0.2 port 81 (tcp) failed: Connection refused\n",
      exit: 1,
    });
    expect(sh(lab, "echo 'GET / HTTP/1.0' | nc 172.17.0.2 80").out.split("\r\n")[0]).toBe(
      "HTTP/1.1 404 Not Found",
    );
  });

  it("listens with -l until Ctrl+C", () => {
    const lab = busyboxTools();
    lab.sessions.push(hostSession("s2"));
    sh(lab, "docker exec -it busy2 sh");
    const session = lab.sessions[0];
    const listening = start(lab, "nc -l -p 9000");
    if (!session || !listening.live) throw new Error("nc -l should keep running");
    expect(sh(lab, "docker exec busy1 nc -w 1 busy2 9000", "s2").exit).toBe(0);
    expect(interruptLive(lab.world, session, listening.live).exit).toBe(130);
    expect(sh(lab, "docker exec busy1 nc -w 1 busy2 9000", "s2").out).toBe(
      "nc: can't connect to remote host (172.18.0.3): Connection refused\n",
    );
  });
});

describe("telnet", () => {
  it("connects or is refused, in busybox's words and netkit's", () => {
    const lab = busyboxTools();
    expect(sh(lab, "docker exec busy1 telnet busy2 81")).toMatchObject({
      out: "telnet: can't connect to remote host (172.18.0.3): Connection refused\n",
      exit: 1,
    });
    sh(lab, "docker exec -d busy2 httpd -f -p 80 -h /tmp");
    expect(sh(lab, "echo x | docker exec -i busy1 telnet busy2 80").out.split("\n")[0]).toBe(
      "Connected to busy2",
    );
    expect(sh(lab, "telnet 172.18.0.3 81")).toMatchObject({
      out: "Trying 172.18.0.3...\ntelnet: Unable to connect to remote host: Connection refused\n",
      exit: 1,
    });
    const session = lab.sessions[0];
    const open = start(lab, "telnet 172.18.0.3 80");
    expect(open.out).toBe("Trying 172.18.0.3...\nConnected to 172.18.0.3.\nEscape character is '^]'.\n");
    if (!session || !open.live) throw new Error("telnet should stay connected");
    const closed = resumeLive(lab.world, session, open.live, lab.world.clock + 61_000);
    expect(printed(closed)).toBe("Connection closed by foreign host.\n");
    expect(closed.exit).toBe(1);
  });
});

describe("traceroute", () => {
  it("prints busybox's form (13-busybox-tools)", () => {
    const lab = busyboxTools();
    expect(untimed(sh(lab, "docker exec busy1 traceroute -n busy2").out)).toBe(
      "traceroute to busy2 (172.18.0.3), 30 hops max, 46 byte packets\n 1  172.18.0.3  T ms  T ms  T ms\n",
    );
    expect(untimed(sh(lab, "docker exec busy1 traceroute -n -w 1 -q 1 -m 3 192.168.0.102").out)).toBe(
      "traceroute to 192.168.0.102 (192.168.0.102), 3 hops max, 46 byte packets\n 1  192.168.0.102  T ms\n",
    );
  });

  it("walks out through the gateway, the router and a silent ISP core to 8.8.8.8", () => {
    const lab = busyboxTools();
    const lines = untimed(sh(lab, "docker exec busy1 traceroute -n -q 1 8.8.8.8").out).split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "traceroute to 8.8.8.8 (8.8.8.8), 30 hops max, 46 byte packets",
      " 1  172.18.0.1  T ms",
      " 2  192.168.0.1  T ms",
      " 3  100.64.0.1  T ms",
      " 4  *",
    ]);
    expect(lines[lines.length - 2]).toBe("13  8.8.8.8  T ms");
  });
});

describe("traceroute's numbers and refusals (busybox 1.35 and traceroute 2.1.2, run on Debian bookworm)", () => {
  it.each([
    ["-q 0", "traceroute: number 0 is not in 1..2147483647 range"],
    ["-q x", "traceroute: invalid number 'x'"],
    ["-m 256 -q 0", "traceroute: number 256 is not in 1..255 range"],
    ["-p 65536 -q 0", "traceroute: number 65536 is not in 0..65535 range"],
    ["-w 0", "traceroute: number 0 is not in 1..86400 range"],
    ["-w -1", "traceroute: invalid number '-1'"],
    ["-z 3600001 -f 99", "traceroute: number 3600001 is not in 0..3600000 range"],
    ["-m 3 -f 4", "traceroute: number 4 is not in 1..3 range"],
  ])("busybox traceroute %s", (options, error) => {
    const lab = busyboxTools();
    expect(sh(lab, `docker exec busy1 traceroute ${options} -n 127.0.0.1`)).toMatchObject({
      out: `${error}\n`,
      exit: 1,
    });
  });

  it.each([
    ["-q 0", "no more than 10 probes per hop"],
    ["-q 11", "no more than 10 probes per hop"],
    ["-m 0 -q 0", "first hop out of range"],
    ["-m 256 -q 0", "max hops cannot be more than 255"],
    ["-m 3 -f 4", "first hop out of range"],
    ["-w -1 -q 0", "no more than 10 probes per hop"],
    ["-q x -m 0", "Cannot handle `-q' option with arg `x' (argc 2)"],
  ])("the host's traceroute %s", (options, error) => {
    expect(sh(createLab(), `traceroute ${options} -n 127.0.0.1`)).toMatchObject({
      out: `${error}\n`,
      exit: 2,
    });
  });

  it("stops where it connects its socket when there is no route", () => {
    const lab = createLab();
    expect(sh(lab, "docker run --rm --network none busybox traceroute 1.2.3.4")).toMatchObject({
      out: "traceroute: can't connect to remote host (1.2.3.4): Network is unreachable\n",
      exit: 1,
    });
    sh(lab, "ip route del default");
    expect(sh(lab, "traceroute -n 1.2.3.4")).toMatchObject({
      out: "traceroute to 1.2.3.4 (1.2.3.4), 30 hops max, 60 byte packets\nconnect: Network is unreachable\n",
      exit: 1,
    });
  });
});

describe("traceroute into silence", () => {
  it("runs a probe at a time as time passes, whatever -q and -m say, and stops on Ctrl+C", () => {
    const lab = busyboxTools();
    sh(lab, "iptables -I DOCKER-USER -d 1.1.1.1 -j DROP");
    const session = lab.sessions[0];
    const started = start(lab, "docker exec busy1 traceroute -n -f 2 -m 255 -q 2147483647 1.1.1.1");
    if (!session || !started.live) throw new Error("traceroute should keep running");
    expect(started.out).toBe("traceroute to 1.1.1.1 (1.1.1.1), 255 hops max, 46 byte packets\n 2");
    const t0 = lab.world.clock;
    // Each silent probe waits busybox's 5 s (its usage says 3): a minute shows twelve stars, no more.
    const later = resumeLive(lab.world, session, started.live, t0 + 60_000);
    const stars = printed(later).match(/ {2}\*/g) ?? [];
    expect(stars.length).toBeGreaterThanOrEqual(11);
    expect(stars.length).toBeLessThanOrEqual(12);
    expect(later.live).toBe(started.live);
    const stopped = interruptLive(lab.world, session, started.live);
    expect(stopped.exit).toBe(130);
    expect(stopped.live).toBeUndefined();
  });

  it("answered in microseconds, a huge -q still runs a bounded number of probes per step", () => {
    const lab = busyboxTools();
    const session = lab.sessions[0];
    const started = start(lab, "docker exec busy1 traceroute -n -q 2147483647 busy2");
    if (!session || !started.live) throw new Error("traceroute should keep running");
    const later = resumeLive(lab.world, session, started.live, lab.world.clock + 10_000);
    expect(later.live).toBe(started.live);
    const answers = printed(later).match(/ ms/g) ?? [];
    expect(answers.length).toBeGreaterThan(10);
    expect(answers.length).toBeLessThanOrEqual(50);
  });

  it("keeps sixteen probes in flight on the host: silent hops expire together, an answer further on shortens the wait", () => {
    // The ISP's core routers (hops 3 to 11 from the host) do not answer; 8.8.8.8 is hop 12.
    const lab = createLab();
    const session = lab.sessions[0];
    const started = start(lab, "traceroute -n -f 3 -q 2 -w 1 8.8.8.8");
    if (!session || !started.live) throw new Error("traceroute should keep running");
    // traceroute 2.1.2 ends its header with no newline: each hop's line starts with one.
    expect(started.out).toBe("traceroute to 8.8.8.8 (8.8.8.8), 30 hops max, 60 byte packets");
    const t0 = lab.world.clock;
    expect(printed(resumeLive(lab.world, session, started.live, t0 + 900))).toBe("");
    // Hops 3 to 10 are the first sixteen probes: their 1 s waits end at once.
    expect(printed(resumeLive(lab.world, session, started.live, t0 + 1_100))).toBe(
      [3, 4, 5, 6, 7, 8, 9, 10].map((hop) => `\n${String(hop).padStart(2)}  * *`).join(""),
    );
    // Hop 12 answers in milliseconds, so hop 11 is given ten times that, not the whole second.
    const end = resumeLive(lab.world, session, started.live, t0 + 1_400);
    expect(printed(end)).toMatch(/^\n11 {2}\* \*\n12 {2}8\.8\.8\.8 {2}\d+\.\d{3} ms {2}\d+\.\d{3} ms\n$/);
    expect(end.exit).toBe(0);
    expect(end.live).toBeUndefined();
  });

  it("ends when its container is removed", () => {
    const lab = busyboxTools();
    lab.sessions.push(hostSession("s2"));
    sh(lab, "iptables -I DOCKER-USER -d 1.1.1.1 -j DROP");
    const session = lab.sessions[0];
    const started = start(lab, "docker exec busy1 traceroute -n 1.1.1.1");
    if (!session || !started.live) throw new Error("traceroute should keep running");
    sh(lab, "docker rm -f busy1", "s2");
    expect(resumeLive(lab.world, session, started.live, lab.world.clock + 5_000)).toMatchObject({
      exit: 137,
    });
  });
});

describe("tcpdump", () => {
  it("prints what crosses docker0 while another session pings, until Ctrl+C", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name busy1 busybox");
    sh(lab, "docker run -itd --name busy2 busybox");
    lab.sessions.push({
      ...structuredClone(lab.sessions[0] ?? { id: "", title: "", frames: [], history: [], lastExit: 0 }),
      id: "s2",
    });
    const capture = start(lab, "tcpdump -i docker0 -n", "s2");
    expect(capture.out).toBe(
      "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on docker0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n",
    );
    const session = lab.sessions[1];
    if (!session || !capture.live) throw new Error("tcpdump should keep running");
    sh(lab, "docker exec busy1 ping -c 1 172.17.0.3");
    const shown = resumeLive(lab.world, session, capture.live, lab.world.clock);
    const lines = printed(shown)
      .split("\n")
      .map((l) => l.replace(/^\d\d:\d\d:\d\d\.\d{6} /, "").replace(/id \d+/, "id N"));
    expect(lines).toEqual([
      "ARP, Request who-has 172.17.0.3 tell 172.17.0.2, length 28",
      "ARP, Reply 172.17.0.3 is-at 02:42:ac:11:00:03, length 28",
      "IP 172.17.0.2 > 172.17.0.3: ICMP echo request, id N, seq 0, length 64",
      "IP 172.17.0.3 > 172.17.0.2: ICMP echo reply, id N, seq 0, length 64",
      "",
    ]);
    const stopped = interruptLive(lab.world, session, capture.live);
    expect(printed(stopped)).toBe(
      "^C\n4 packets captured\n4 packets received by filter\n0 packets dropped by kernel\n",
    );
    expect(lab.world.packets?.captures).toEqual([]);
  });

  it("filters and stops after -c packets; a name it does not know is an error", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name busy1 busybox");
    lab.sessions.push({
      ...structuredClone(lab.sessions[0] ?? { id: "", title: "", frames: [], history: [], lastExit: 0 }),
      id: "s2",
    });
    const capture = start(lab, "tcpdump -i eth0 -n -c 2 udp port 53", "s2");
    const session = lab.sessions[1];
    if (!session || !capture.live) throw new Error("tcpdump should keep running");
    sh(lab, "docker exec busy1 nslookup example.com");
    const done = resumeLive(lab.world, session, capture.live, lab.world.clock);
    const lines = printed(done)
      .split("\n")
      .map((l) => l.replace(/^\d\d:\d\d:\d\d\.\d{6} /, ""));
    expect(lines[0]).toMatch(
      /^IP 192\.168\.0\.102\.\d+ > 192\.168\.0\.1\.53: \d+\+ A\? example\.com\. \(29\)$/,
    );
    expect(lines[1]).toMatch(
      /^IP 192\.168\.0\.1\.53 > 192\.168\.0\.102\.\d+: \d+ 1\/0\/0 A 93\.184\.215\.14 \(45\)$/,
    );
    expect(lines.slice(2)).toEqual([
      "2 packets captured",
      "2 packets received by filter",
      "0 packets dropped by kernel",
      "",
    ]);
    expect(done.exit).toBe(0);
    expect(sh(lab, "tcpdump -i nosuch")).toMatchObject({
      out: "tcpdump: nosuch: No such device exists\n(SIOCGIFHWADDR: No such device)\n",
      exit: 1,
    });
  });
});
