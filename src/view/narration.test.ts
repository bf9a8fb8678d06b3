import { afterEach, describe, expect, it } from "vitest";
import { changeLanguage } from "../i18n";
import { flatHops } from "../playback/timeline";
import { createLab, runToEnd } from "../shell/lab";
import { graphModel } from "./graph-model";
import { narrate } from "./narration";
import { placeName } from "./packet-tokens";

/** Every hop of `line`'s packets told, in order, with where each happened. */
function story(lines: string[], line: string): string[] {
  const lab = createLab();
  for (const l of lines) runToEnd(lab, l);
  const execution = runToEnd(lab, line);
  const model = graphModel(lab.world);
  const hops = flatHops(execution.traces).map((f) => f.at);
  const told = hops.map((h) => narrate(h, placeName(model, h.netns, h.ifname)));
  // One sentence per hop, none empty.
  expect(told).toHaveLength(hops.length);
  for (const s of told) expect(s.trim()).not.toBe("");
  return told;
}

const TWO = ["docker run -itd --name busy1 busybox", "docker run -itd --name busy2 busybox"];

describe("the narrated packet", () => {
  afterEach(() => changeLanguage("en"));

  it("tells IPv6's neighbour solicitation for what it is, not as an ARP broadcast", () => {
    const v6 = [
      "docker network create --ipv6 --subnet 2001:db8:5::/64 v6",
      "docker run -itd --name a6 --network v6 busybox",
      "docker run -itd --name b6 --network v6 --ip6 2001:db8:5::10 busybox",
    ];
    const told = story(v6, "docker exec a6 ping6 -c 1 2001:db8:5::10");
    expect(told[0]).toBe(
      "a6 eth0 asks its neighbours: who has 2001:db8:5::10? (IPv6 neighbour solicitation, to that address's multicast group)",
    );
    expect(told.some((s) => s.includes("ARP"))).toBe(false);
  });

  it("tells a ping on the default bridge hop by hop: the ARP question, the bridge's choices, the echo", () => {
    const told = story(TWO, "docker exec busy1 ping -c 1 172.17.0.3");
    expect(told[0]).toBe("busy1 eth0 asks the whole segment: who has 172.17.0.3? (ARP broadcast)");
    expect(told).toContain(
      "docker0 copies the frame to every port: it is a broadcast, or the address is not in its table yet",
    );
    expect(told).toContain("busy2 eth0 answers: 172.17.0.3 is at 02:42:ac:11:00:03");
    expect(
      told.some((s) =>
        /^docker0 forwards it to veth[0-9a-f]{7}: its table says 02:42:ac:11:00:03 is there$/.test(s),
      ),
    ).toBe(true);
    expect(told).toContain("busy1 eth0 sends ICMP echo request 172.17.0.2 → 172.17.0.3");
    expect(told.at(-1)).toBe(
      "busy1 eth0 takes ICMP echo reply 172.17.0.3 → 172.17.0.2: it is addressed here",
    );
  });

  it("names the rule that drops a packet, and the NAT that rewrites one", () => {
    const isolated = story(
      [
        "docker network create front",
        "docker network create back",
        "docker run -itd --name f1 --net front busybox",
        "docker run -itd --name b1 --net back busybox",
      ],
      "docker exec f1 ping -c 1 -W 1 172.19.0.2",
    );
    expect(
      isolated.some((s) =>
        /^br-[0-9a-f]{12} drops it, by the rule -A DOCKER-ISOLATION-STAGE-2 -o br-[0-9a-f]{12} -j DROP$/.test(
          s,
        ),
      ),
    ).toBe(true);
    const out = story(TWO, "docker exec busy1 ping -c 1 8.8.8.8");
    expect(out).toContain("host1 eth0 rewrites the packet: SNAT 172.17.0.2 → 192.168.0.102");
  });

  it("speaks the interface language, the addresses and rules as the tools write them", async () => {
    await changeLanguage("ru");
    const ru = story(TWO, "docker exec busy1 ping -c 1 172.17.0.3");
    expect(ru[0]).toBe(
      "busy1 eth0 спрашивает весь сегмент: у кого адрес 172.17.0.3? (широковещательный ARP-запрос)",
    );
    await changeLanguage("zh-CN");
    const zh = story(TWO, "docker exec busy1 ping -c 1 172.17.0.3");
    expect(zh[0]).toBe("busy1 eth0 向整个网段广播询问：谁是 172.17.0.3？（ARP 广播）");
    expect(zh).toHaveLength(ru.length);
  });

  it("tells why the kernel dropped a packet in the reader's language, the tool's own words quoted", async () => {
    const line = "docker exec busy1 ping -c 1 -W 1 172.17.0.9";
    const en = story(TWO, line);
    expect(en).toContain("busy1 eth0 drops it: no ARP reply from 172.17.0.9: Destination Host Unreachable");
    expect(en).toContain("busy2 eth0 ignores its copy: it is not for this address");
    await changeLanguage("ru");
    const ru = story(TWO, line);
    expect(ru).toContain(
      "busy1 eth0 отбрасывает пакет: 172.17.0.9 не ответил на ARP-запрос (ping пишет: Destination Host Unreachable)",
    );
    expect(
      ru.some((s) =>
        /^ARP who-has 172\.17\.0\.9 tell 172\.17\.0\.2 приходит на порт veth[0-9a-f]{7} моста docker0$/.test(
          s,
        ),
      ),
    ).toBe(true);
    await changeLanguage("zh-CN");
    const zh = story(TWO, line);
    expect(zh).toContain(
      "busy1 eth0 丢弃了它：172.17.0.9 没有回应 ARP 请求（ping 显示：Destination Host Unreachable）",
    );
    expect(zh).toHaveLength(en.length);
  });

  it("tells a TTL running out at the host in every language", async () => {
    const line = "docker exec busy1 ping -c 1 -t 1 8.8.8.8";
    expect(story(TWO, line)).toContain("docker0 drops it: TTL exceeded in transit");
    await changeLanguage("ru");
    expect(story(TWO, line)).toContain("docker0 отбрасывает пакет: TTL истёк в пути");
    await changeLanguage("zh-CN");
    expect(story(TWO, line)).toContain("docker0 丢弃了它：TTL 在传输途中耗尽");
  });

  it("tells a rule's drop between two networks in Russian and Chinese", async () => {
    const lines = [
      "docker network create a",
      "docker network create b",
      "docker run -itd --name x1 --net a busybox",
      "docker run -itd --name y1 --net b busybox",
    ];
    const line = "docker exec x1 ping -c 1 -W 1 172.19.0.2";
    await changeLanguage("ru");
    expect(
      story(lines, line).some((s) =>
        /^br-[0-9a-f]{12} отбрасывает пакет по правилу -A DOCKER-ISOLATION-STAGE-2 -o br-[0-9a-f]{12} -j DROP$/.test(
          s,
        ),
      ),
    ).toBe(true);
    await changeLanguage("zh-CN");
    expect(
      story(lines, line).some((s) =>
        /^br-[0-9a-f]{12} 按规则 -A DOCKER-ISOLATION-STAGE-2 -o br-[0-9a-f]{12} -j DROP 丢弃了它$/.test(s),
      ),
    ).toBe(true);
  });
});
