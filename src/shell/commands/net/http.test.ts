import { describe, expect, it } from "vitest";
import { createLab, type Lab, printed } from "../../lab";
import { interruptLive, resumeLive } from "../../run";
import { labWithLaptop, notes, sh, start, untimed } from "./test-helpers";

function busyboxTools(): Lab {
  const lab = createLab();
  sh(lab, "docker network create mynet");
  sh(lab, "docker run -itd --name busy1 --net mynet busybox");
  sh(lab, "docker run -itd --name busy2 --net mynet busybox");
  return lab;
}

describe("busybox wget (13-busybox-tools)", () => {
  it("is refused before anything listens, then fetches what busybox httpd serves", () => {
    const lab = busyboxTools();
    expect(sh(lab, "docker exec busy1 wget -qO- http://busy2:80")).toMatchObject({
      out: "wget: can't connect to remote host (172.18.0.3): Connection refused\n",
      exit: 1,
    });
    expect(sh(lab, "docker exec busy1 wget -qO- http://nosuchname/").exit).toBe(1);
    sh(lab, "docker exec busy2 sh -c 'echo hi from busy2 > /tmp/index.html'");
    sh(lab, "docker exec -d busy2 httpd -f -p 80 -h /tmp");
    expect(sh(lab, "docker exec busy1 wget -qO- http://busy2/")).toMatchObject({
      out: "hi from busy2\n",
      exit: 0,
    });
    expect(sh(lab, "docker exec busy1 wget -O- http://busy2/")).toMatchObject({
      out: [
        "Connecting to busy2 (172.18.0.3:80)",
        "writing to stdout",
        "-                    100% |********************************|    14  0:00:00 ETA",
        "written to stdout",
        "hi from busy2",
        "",
      ].join("\n"),
      exit: 0,
    });
    expect(sh(lab, "docker exec busy1 wget -qO- http://busy2/missing")).toMatchObject({
      out: "wget: server returned error: HTTP/1.1 404 Not Found\n",
      exit: 1,
    });
    expect(sh(lab, "docker exec busy1 wget -O /tmp/x http://busy2/")).toMatchObject({
      out: [
        "Connecting to busy2 (172.18.0.3:80)",
        "saving to '/tmp/x'",
        "x                    100% |********************************|    14  0:00:00 ETA",
        "'/tmp/x' saved",
        "",
      ].join("\n"),
      exit: 0,
    });
    expect(sh(lab, "docker exec busy1 cat /tmp/x").out).toBe("hi from busy2\n");
  });

  it("shows the handshake, request, response and close in the trace", () => {
    const lab = busyboxTools();
    sh(lab, "docker exec busy2 sh -c 'echo hi > /tmp/index.html'");
    sh(lab, "docker exec -d busy2 httpd -f -p 80 -h /tmp");
    const r = sh(lab, "docker exec busy1 wget -qO- http://172.18.0.3/");
    const tcp = r.traces.find((t) => t.protocol === "TCP");
    const sent = tcp?.hops
      .filter((h) => h.decision === "sent" && h.packet.tcp)
      .map((h) => h.packet.tcp?.flags);
    expect(sent).toEqual(["S", "S.", ".", "P.", "P.", "F.", "F.", "."]);
    expect(tcp?.hops.find((h) => h.packet.payload === "HTTP/1.1 200 OK")).toBeDefined();
  });
});

describe("published ports", () => {
  function published(): Lab {
    const lab = labWithLaptop();
    sh(
      lab,
      "docker run -d -p 8081:80 --name w1 busybox sh -c 'echo hello > /tmp/index.html; httpd -f -p 80 -h /tmp'",
    );
    sh(
      lab,
      "docker run -d -p 127.0.0.1:8082:80 --name w2 busybox sh -c 'echo hello from w2 > /tmp/index.html; httpd -f -p 80 -h /tmp'",
    );
    return lab;
  }

  it("from the host itself go through docker-proxy, which connects from the bridge's gateway (10-ports)", () => {
    const lab = published();
    const r = sh(lab, "busybox wget -qO- http://127.0.0.1:8081");
    expect(r).toMatchObject({ out: "hello\n", exit: 0 });
    const seen = notes(r.traces);
    expect(seen.some((n) => /^host1 lo: TCP 127\.0\.0\.1:\d+ > 127\.0\.0\.1:8081 \[S\]$/.test(n))).toBe(true);
    expect(seen.some((n) => /^host1 docker0: TCP 172\.17\.0\.1:\d+ > 172\.17\.0\.2:80 \[S\]$/.test(n))).toBe(
      true,
    );
    expect(sh(lab, "busybox wget -qO- http://127.0.0.1:8082").out).toBe("hello from w2\n");
    expect(sh(lab, "busybox wget -qO- http://192.168.0.102:8082")).toMatchObject({
      out: "wget: can't connect to remote host (192.168.0.102): Connection refused\n",
      exit: 1,
    });
    expect(sh(lab, "busybox wget -qO- http://127.0.0.1:8081/missing").out).toBe(
      "wget: server returned error: HTTP/1.1 404 Not Found\n",
    );
    expect(sh(lab, "busybox wget -qO- http://127.0.0.1:8089").out).toBe(
      "wget: can't connect to remote host (127.0.0.1): Connection refused\n",
    );
  });

  it("from the laptop arrive by DNAT in PREROUTING and pass FORWARD, then leave in TIME_WAIT", () => {
    const lab = published();
    const r = sh(lab, "curl -s http://192.168.0.102:8081/", "laptop");
    expect(r).toMatchObject({ out: "hello\n", exit: 0 });
    const dnat = r.traces.flatMap((t) => t.hops).find((h) => h.note.kind === "nat" && h.note.nat === "DNAT");
    expect(dnat?.note).toEqual({ kind: "nat", nat: "DNAT", from: "192.168.0.102:8081", to: "172.17.0.2:80" });
    expect(dnat?.rule).toBe(
      "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8081 -j DNAT --to-destination 172.17.0.2:80",
    );
    expect(dnat?.netns).toBe("host1");
    const entry = lab.world.netns.host1?.conntrack.find(
      (e) => e.orig.dport === 8081 && e.orig.src === "192.168.0.105",
    );
    expect(entry?.reply.src).toBe("172.17.0.2");
    expect(entry?.state).toBe("TIME_WAIT");
    expect(entry?.assured).toBe(true);
    const accept = lab.world.netns.host1?.netfilter.filter
      ?.find((c) => c.name === "DOCKER")
      ?.rules.find((rule) => rule.dst?.value === "172.17.0.2/32");
    expect(accept?.pkts).toBe(1);
  });

  it("-p 8081:8080 lets the laptop reach tomcat81 (seed 004)", () => {
    const lab = labWithLaptop();
    sh(lab, "docker network create amazecode_network");
    sh(lab, "docker run -d -p 8081:8080 --network amazecode_network --name tomcat81 billygoo/tomcat8-jdk8");
    const page = sh(lab, "curl -s http://192.168.0.102:8081/", "laptop");
    expect(page.out).toContain("<title>Apache Tomcat/8.5.41</title>");
    const dnat = page.traces
      .flatMap((t) => t.hops)
      .find((h) => h.note.kind === "nat" && h.note.nat === "DNAT");
    expect(dnat?.note).toEqual({
      kind: "nat",
      nat: "DNAT",
      from: "192.168.0.102:8081",
      to: "172.18.0.2:8080",
    });
    expect(sh(lab, "curl -sI http://192.168.0.102:8081/", "laptop").out.split("\r\n")[0]).toBe(
      "HTTP/1.1 200 ",
    );
    expect(
      sh(lab, "curl -s -o /dev/null -w '%{http_code}' http://192.168.0.102:8081/nope", "laptop").out,
    ).toBe("404");
  });

  it("-P picks ports that docker port shows and that answer", () => {
    const lab = labWithLaptop();
    sh(lab, "docker run -d -P --expose 80 --name w6 busybox httpd -f -p 80 -h /");
    const port = sh(lab, "docker port w6 80").out.split("\n")[0]?.split(":")[1];
    expect(port).toBe("32768");
    expect(
      sh(lab, `curl -s -o /dev/null -w '%{http_code}\\n' http://192.168.0.102:${port}/`, "laptop").out,
    ).toBe("404\n");
  });

  it("--network host serves on the host's own addresses (07-host)", () => {
    const lab = labWithLaptop();
    sh(lab, "docker run -d --network host --name h1 busybox sleep 3600");
    sh(
      lab,
      "docker run -d --network host --name h2 busybox sh -c 'echo hello from h2 > /tmp/index.html; httpd -f -p 8090 -h /tmp'",
    );
    expect(sh(lab, "busybox wget -qO- http://127.0.0.1:8090").out).toBe("hello from h2\n");
    expect(sh(lab, "docker exec h1 wget -qO- http://127.0.0.1:8090").out).toBe("hello from h2\n");
    expect(sh(lab, "curl -s 192.168.0.102:8090", "laptop").out).toBe("hello from h2\n");
  });

  it("container: mode reaches its partner on 127.0.0.1 (09-container-mode)", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name alpine1 alpine");
    sh(lab, "docker run -itd --network container:alpine1 --name alpine2 alpine");
    sh(lab, "docker exec alpine1 sh -c 'echo hello from alpine1 > /tmp/index.html'");
    sh(lab, "docker exec -d alpine1 httpd -f -p 8080 -h /tmp");
    const r = sh(lab, "docker exec alpine2 wget -qO- 127.0.0.1:8080");
    expect(r).toMatchObject({ out: "hello from alpine1\n", exit: 0 });
    expect(new Set(r.traces.flatMap((t) => t.hops.map((h) => h.ifname)))).toEqual(new Set(["lo"]));
  });
});

describe("curl", () => {
  it("prints bodies, headers, write-out and its numbered errors", () => {
    const lab = createLab();
    expect(sh(lab, "curl -s -o /dev/null -w '%{http_code}\\n' http://example.com/").out).toBe("200\n");
    const head = sh(lab, "curl -I google.com");
    expect(head.out.split("\r\n").slice(0, 2)).toEqual([
      "HTTP/1.1 301 Moved Permanently",
      "Location: http://www.google.com/",
    ]);
    expect(sh(lab, "curl -sL google.com").out).toContain("<h1>www.google.com</h1>");
    expect(sh(lab, "curl nosuch")).toMatchObject({
      out: "curl: (6) Could not resolve host: nosuch\n",
      exit: 6,
    });
    expect(sh(lab, "curl -s nosuch")).toMatchObject({ out: "", exit: 6 });
    expect(sh(lab, "curl http://172.17.0.1:81/")).toMatchObject({
      out: "curl: (7) Failed to connect to 172.17.0.1 port 81 after 0 ms: Couldn't connect to server\n",
      exit: 7,
    });
    expect(sh(lab, "curl --bogus x")).toMatchObject({
      out: "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
      exit: 2,
    });
  });

  it("on the laptop resolves through the router's dnsmasq and reaches host1 and the internet", () => {
    const lab = labWithLaptop();
    expect(sh(lab, "curl -s -o /dev/null -w '%{http_code}\\n' example.com", "laptop").out).toBe("200\n");
    expect(untimed(sh(lab, "ping -c 1 host1", "laptop").out).split("\n")[1]).toBe(
      "64 bytes from host1 (192.168.0.102): icmp_seq=1 ttl=64 time=T ms",
    );
  });

  it("shows the conversation with -v", () => {
    const lab = createLab();
    sh(lab, "docker run -d --name web busybox httpd -f -p 80 -h /");
    const lines = sh(lab, "curl -v http://172.17.0.2/").out.split("\n");
    expect(lines.slice(0, 7)).toEqual([
      "*   Trying 172.17.0.2:80...",
      "* Connected to 172.17.0.2 (172.17.0.2) port 80 (#0)",
      "> GET / HTTP/1.1\r",
      "> Host: 172.17.0.2\r",
      "> User-Agent: curl/7.88.1\r",
      "> Accept: */*\r",
      "> \r",
    ]);
    expect(lines[7]).toBe("< HTTP/1.1 404 Not Found\r");
    expect(lines[lines.length - 2]).toBe("* Closing connection 0");
  });
});

/** A namespace beside the host whose firewall drops every TCP segment: connecting there meets silence. */
function silentNeighbour(): Lab {
  const lab = createLab();
  for (const line of [
    "ip netns add quiet",
    "ip link add qa type veth peer name qb",
    "ip link set qb netns quiet",
    "ip addr add 10.5.0.1/24 dev qa",
    "ip link set qa up",
    "ip netns exec quiet ip addr add 10.5.0.2/24 dev qb",
    "ip netns exec quiet ip link set qb up",
    "ip netns exec quiet iptables -A INPUT -p tcp -j DROP",
  ])
    expect(sh(lab, line).exit).toBe(0);
  return lab;
}

describe("GNU wget 1.21.3 (run on the instrument's host)", () => {
  it("tries again while only silence answers, a second longer between tries, then gives up", () => {
    const lab = silentNeighbour();
    const t0 = lab.world.clock;
    const ran = sh(lab, "wget -t 3 -T 1 http://10.5.0.2/");
    const stamp = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 19);
    expect(ran).toMatchObject({
      exit: 4,
      out: [
        `--${stamp(t0)}--  http://10.5.0.2/`,
        "Connecting to 10.5.0.2:80... failed: Connection timed out.",
        "Retrying.",
        "",
        `--${stamp(t0 + 2000)}--  (try: 2)  http://10.5.0.2/`,
        "Connecting to 10.5.0.2:80... failed: Connection timed out.",
        "Retrying.",
        "",
        `--${stamp(t0 + 5000)}--  (try: 3)  http://10.5.0.2/`,
        "Connecting to 10.5.0.2:80... failed: Connection timed out.",
        "Giving up.",
        "",
        "",
      ].join("\n"),
    });
    expect(sh(lab, "wget -q -t 2 -T 1 http://10.5.0.2/")).toEqual(
      expect.objectContaining({ out: "", exit: 4 }),
    );
  });

  it("runs its tries as time passes (twenty by default, each waiting out the SYN retries) and stops on Ctrl+C", () => {
    const lab = silentNeighbour();
    const session = lab.sessions[0];
    const started = start(lab, "wget http://10.5.0.2/");
    if (!session || !started.live) throw new Error("wget should keep running");
    expect(started.out).toMatch(/^--.*-- {2}http:\/\/10\.5\.0\.2\/\nConnecting to 10\.5\.0\.2:80\.\.\. $/);
    const later = resumeLive(lab.world, session, started.live, lab.world.clock + 10 * 60_000);
    expect(printed(later).match(/\(try: ?\d+\)/g)).toEqual(["(try: 2)", "(try: 3)", "(try: 4)", "(try: 5)"]);
    expect(interruptLive(lab.world, session, started.live)).toMatchObject({ exit: 130 });
  });

  it("ends at once when refused or when there is no route, and refuses a bad time period", () => {
    const lab = silentNeighbour();
    expect(sh(lab, "wget -t 5 http://10.5.0.1:9/").out).toMatch(/failed: Connection refused\.\n$/);
    expect(sh(lab, "wget -T x http://10.5.0.2/")).toMatchObject({
      out: "wget: --timeout: Invalid time period ‘x’\n",
      exit: 2,
    });
    expect(sh(lab, "wget --waitretry=-1 http://10.5.0.2/")).toMatchObject({
      out: "wget: --waitretry: Negative time period ‘-1’\n",
      exit: 2,
    });
    expect(sh(lab, "wget --version").out.split("\n")[0]).toBe("GNU Wget 1.21.3 built on linux-gnu.");
    expect(sh(lab, "wget --help").out.split("\n")[0]).toBe(
      "GNU Wget 1.21.3, a non-interactive network retriever.",
    );
  });
});
