import { describe, expect, it } from "vitest";
import { play } from "../../../testing/transcript";
import { createLab, type Lab, printed, run } from "../../lab";
import { parseUrl } from "./http-client";
import { ptrName } from "./resolver";

function transcript(lab: Lab, text: string): void {
  const { expected, actual } = play(lab, text);
  expect(actual).toBe(expected);
}

function v6lab(): Lab {
  const lab = createLab();
  for (const line of [
    "docker network create --ipv6 --subnet fd00:7::/64 six",
    "docker run -dit --name c1 --network six busybox",
    "docker run -d --name web --network six busybox httpd -f -p 80 -h /etc",
  ])
    expect(run(lab, line).exit).toBe(0);
  return lab;
}

describe("URLs with IPv6 addresses", () => {
  it("takes [addr] and [addr]:port, and a bare address on the default port", () => {
    expect(parseUrl("http://[fd00::1]:8080/x")).toMatchObject({
      host: "fd00::1",
      port: 8080,
      authority: "[fd00::1]:8080",
    });
    expect(parseUrl("http://[fd00::1]/")).toMatchObject({
      host: "fd00::1",
      port: 80,
      authority: "[fd00::1]",
    });
    expect(parseUrl("http://fd00::1/")).toMatchObject({ host: "fd00::1", port: 80 });
    expect(parseUrl("http://[fd00::1/")).toMatchObject({ host: "[fd00::1" });
    expect(parseUrl("http://h:99999/")).toBeUndefined();
  });

  it("reverse names an IPv6 address under ip6.arpa", () => {
    expect(ptrName("2001:db8::1")).toBe(
      "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
    );
    expect(ptrName("172.18.0.3")).toBe("3.0.18.172.in-addr.arpa");
  });
});

describe("busybox's tools given IPv6", () => {
  it("traceroute6 resolves AAAA only, names hops by the embedded DNS, and takes its own options", () => {
    const lab = v6lab();
    transcript(
      lab,
      `$ docker exec c1 traceroute6 -q 1 web
traceroute to web (fd00:7::3), 30 hops max, 72 byte packets
 1  web.six (fd00:7::3)  0.057 ms
[exit 0]

$ docker exec c1 traceroute -4 -q 1 fd00:7::3
traceroute: bad address 'fd00:7::3'
[exit 1]
`,
    );
    const bad = run(lab, "docker exec c1 traceroute6 -I web");
    expect(bad.exit).toBe(1);
    expect(printed(bad)).toMatch(
      /^traceroute6: invalid option -- 'I'\nBusyBox v1\.35\.0 .*\n\nUsage: traceroute6 \[-nrv\]/,
    );
  });

  it("wget and nc reach [addr] and name no address in their connect errors", () => {
    const lab = v6lab();
    transcript(
      lab,
      `$ docker exec c1 wget -qO- http://[fd00:7::3]/hostname
<ID12>
[exit 0]

$ docker exec c1 wget -q http://[fd00:7::3]:81/
wget: can't connect to remote host: Connection refused
[exit 1]

$ docker exec c1 nc fd00:7::3 81
nc: can't connect to remote host: Connection refused
[exit 1]
`,
    );
  });

  it("ipneigh is ip neigh under its own name", () => {
    const lab = v6lab();
    run(lab, "docker exec c1 ping6 -c 1 fd00:7::3");
    transcript(
      lab,
      `$ docker exec c1 ipneigh show dev eth0
fd00:7::3 lladdr 02:42:ac:12:00:03 ref 1 used 0/0/0 probes 4 REACHABLE
[exit 0]

$ docker exec c1 ipneigh add fd00:7::9 dev eth0
ipneigh: invalid argument 'add' to 'ipneigh'
[exit 1]
`,
    );
  });

  it("GNU wget on the host connects to an IPv6 address typed as such without resolving it (connect.c's brackets)", () => {
    const lab = v6lab();
    const out = printed(run(lab, "wget -O /dev/null http://[fd00:7::3]:81/"));
    expect(out).toContain("Connecting to [fd00:7::3]:81... failed: Connection refused.");
    expect(out).not.toContain("Resolving");
  });
});
