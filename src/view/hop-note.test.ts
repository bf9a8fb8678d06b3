import { afterAll, describe, expect, it } from "vitest";
import type { HopNote } from "../engine/packet/types";
import { changeLanguage, LANGUAGES } from "../i18n";
import { hopLine, hopNoteText } from "./hop-note";
import { ARP_REQUEST } from "./test-worlds";

/** At least one note of every kind (the type makes a new kind a compile error here until it has one). */
const SAMPLES: { [K in HopNote["kind"]]: Extract<HopNote, { kind: K }>[] } = {
  packet: [{ kind: "packet" }],
  "bridge-port": [{ kind: "bridge-port", bridge: "docker0" }],
  flooded: [{ kind: "flooded", ports: ["veth1a2b3c4", "docker0"] }],
  "unknown-mac": [{ kind: "unknown-mac", mac: "02:42:ac:11:00:09" }],
  fdb: [{ kind: "fdb", mac: "02:42:ac:11:00:03", port: "veth5d6e7f8" }],
  "to-host": [{ kind: "to-host", machine: "host1" }],
  "sub-interface": [{ kind: "sub-interface", link: "macvlan", ifname: "eth0" }],
  "arp-reachable": [{ kind: "arp-reachable", ip: "172.17.0.3" }],
  "arp-answer": [{ kind: "arp-answer", ip: "172.17.0.3", mac: "02:42:ac:11:00:03" }],
  "arp-proxy": [{ kind: "arp-proxy", ifname: "vxlan0", ip: "10.0.1.3", mac: "02:42:0a:00:01:03" }],
  delivered: [{ kind: "delivered", dst: "172.17.0.3" }],
  nat: [
    { kind: "nat", nat: "DNAT", from: "192.168.0.102:8081", to: "172.17.0.2:80" },
    { kind: "nat", nat: "MASQUERADE", from: "172.17.0.2", to: "192.168.0.102" },
    { kind: "nat", nat: "un-SNAT", from: "192.168.0.102", to: "172.17.0.2", conntrack: "ESTABLISHED" },
  ],
  "vxlan-encap": [
    {
      kind: "vxlan-encap",
      vni: 4097,
      bytes: 98,
      mac: "02:42:0a:00:01:03",
      remote: "192.168.0.101:4789",
      overhead: 50,
    },
  ],
  "vxlan-decap": [{ kind: "vxlan-decap", vni: 4097, ifname: "vxlan0", netns: "1-a2b3c4d5e6" }],
  ipvs: [
    { kind: "ipvs", fwmark: 256, from: "10.0.0.5:80", to: "10.0.0.7", servers: 2 },
    { kind: "ipvs", fwmark: 256, from: "10.0.0.5:80", to: "10.0.0.7" },
  ],
  ignored: [
    { kind: "ignored", because: "mac", mac: "02:42:ac:11:00:04" },
    { kind: "ignored", because: "arp-not-ours" },
    { kind: "ignored", because: "arp-unsolicited" },
  ],
  rule: [
    {
      kind: "rule",
      chain: "DOCKER-ISOLATION-STAGE-2",
      target: "DROP",
      rule: "-A DOCKER-ISOLATION-STAGE-2 -o br-0123456789ab -j DROP",
    },
  ],
  policy: [{ kind: "policy", chain: "FORWARD", target: "DROP", rule: "-P FORWARD DROP" }],
  "net-unreachable": [{ kind: "net-unreachable", dst: "10.9.9.9" }],
  "no-route": [{ kind: "no-route", dst: "10.9.9.9" }],
  "no-arp": [{ kind: "no-arp", nextHop: "172.17.0.9" }],
  "too-big": [{ kind: "too-big", length: 1528, ifname: "eth0", mtu: 1500 }],
  "link-down": [{ kind: "link-down", ifname: "eth0" }],
  unplugged: [{ kind: "unplugged", ifname: "veth1a2b3c4" }],
  "not-local": [{ kind: "not-local", dst: "172.18.0.2" }],
  "ttl-exceeded": [{ kind: "ttl-exceeded" }],
  "ttl-silent": [{ kind: "ttl-silent" }],
  "rate-limit": [
    { kind: "rate-limit", error: "time-exceeded", to: "172.17.0.2" },
    { kind: "rate-limit", error: "port-unreachable", to: "172.17.0.2" },
  ],
  l3miss: [{ kind: "l3miss", ifname: "vxlan0", ip: "10.0.1.9" }],
  l2miss: [{ kind: "l2miss", ifname: "vxlan0", mac: "02:42:0a:00:01:09" }],
  "ipvs-empty": [{ kind: "ipvs-empty", fwmark: 256 }],
};
const NOTES: HopNote[] = Object.values(SAMPLES).flat();

/** The values a note carries, as they must appear in its text. */
function values(note: HopNote): string[] {
  return Object.entries(note)
    .filter(([k]) => k !== "kind" && k !== "because")
    .flatMap(([, v]) => (Array.isArray(v) ? v : [String(v)]));
}

/**
 * Latin words a Russian or Chinese text may keep: protocol and tool words as the tools print
 * them, and the error lines ping prints, quoted.
 */
const PROTOCOL = new Set(
  "TTL ARP ICMP IP MAC MTU DF UDP VXLAN vni IPVS fwmark conntrack fdb proxy down ping REACHABLE l3miss l2miss ip_forward macvlan SNAT DNAT MASQUERADE".split(
    " ",
  ),
);
const QUOTED = ["Network is unreachable", "Destination Host Unreachable"];

function foreignWords(text: string, note: HopNote): string[] {
  let rest = text;
  for (const v of [...values(note), ...QUOTED].sort((a, b) => b.length - a.length))
    rest = rest.split(v).join(" ");
  return (rest.match(/[A-Za-z][A-Za-z0-9_]+/g) ?? []).filter((w) => !PROTOCOL.has(w));
}

describe("hop notes in words", () => {
  afterAll(() => changeLanguage("en"));

  it.each(LANGUAGES)(
    "every kind is told in %s, with its addresses and names as they are",
    async (language) => {
      await changeLanguage(language);
      for (const note of NOTES) {
        const text = hopNoteText(note);
        expect(text, note.kind).not.toMatch(/hopNote|\{\{/);
        for (const v of values(note)) expect(text, note.kind).toContain(v);
      }
    },
  );

  it.each(LANGUAGES.filter((l) => l !== "en"))(
    "%s keeps no English but the protocol's words",
    async (language) => {
      await changeLanguage(language);
      for (const note of NOTES) expect(foreignWords(hopNoteText(note), note), note.kind).toEqual([]);
    },
  );

  it("says in English what the datapath used to say", async () => {
    await changeLanguage("en");
    expect(hopNoteText({ kind: "no-arp", nextHop: "172.17.0.9" })).toBe(
      "no ARP reply from 172.17.0.9: Destination Host Unreachable",
    );
    expect(hopNoteText({ kind: "nat", nat: "MASQUERADE", from: "172.17.0.2", to: "192.168.0.102" })).toBe(
      "SNAT 172.17.0.2 -> 192.168.0.102 (MASQUERADE)",
    );
    expect(hopNoteText({ kind: "ttl-exceeded" })).toBe("TTL exceeded in transit");
  });

  it("puts the packet's summary, in tcpdump's words, before what became of it", async () => {
    const request = ARP_REQUEST;
    const answered: HopNote = { kind: "arp-answer", ip: "172.17.0.3", mac: "02:42:ac:11:00:03" };
    await changeLanguage("ru");
    expect(hopLine({ packet: request, note: { kind: "packet" } })).toBe(
      "ARP who-has 172.17.0.3 tell 172.17.0.2",
    );
    expect(hopLine({ packet: request, note: answered })).toBe(
      "ARP who-has 172.17.0.3 tell 172.17.0.2: в ответ: 172.17.0.3 — это 02:42:ac:11:00:03",
    );
    expect(hopLine({ packet: request, note: { kind: "ttl-exceeded" } })).toBe("TTL истёк в пути");
    await changeLanguage("zh-CN");
    expect(hopLine({ packet: request, note: answered })).toBe(
      "ARP who-has 172.17.0.3 tell 172.17.0.2：回复说 172.17.0.3 的 MAC 地址是 02:42:ac:11:00:03",
    );
  });
});
