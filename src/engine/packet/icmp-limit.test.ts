import { describe, expect, it } from "vitest";
import { createLab, printed, runToEnd } from "../../shell/lab";
import { icmpErrorAllowed } from "./icmp-limit";

function hostNetns() {
  const lab = createLab();
  const ns = Object.values(lab.world.netns).find(
    (n) => n.machine === "host1" && n.links.some((l) => l.name === "eth0"),
  );
  if (!ns) throw new Error("no host namespace");
  return { lab, ns };
}

describe("the ICMP error rate limit", () => {
  it("lets six errors through to a new destination at once, then one a second", () => {
    const { ns } = hostNetns();
    const at = (t: number) => icmpErrorAllowed(ns, "172.17.0.2", t);
    expect([1, 2, 3, 4, 5, 6, 7].map(() => at(0))).toEqual([true, true, true, true, true, true, false]);
    expect(at(999)).toBe(false);
    expect(at(1_000)).toBe(true);
    expect(at(1_500)).toBe(false);
    // Another destination has its own bucket.
    expect(icmpErrorAllowed(ns, "172.17.0.3", 1_500)).toBe(true);
  });

  it("never limits errors to the namespace itself, nor anything with icmp_ratelimit 0", () => {
    const { ns } = hostNetns();
    for (let i = 0; i < 10; i++) expect(icmpErrorAllowed(ns, "127.0.0.1", 0)).toBe(true);
    ns.icmpRatelimit = 0;
    for (let i = 0; i < 10; i++) expect(icmpErrorAllowed(ns, "172.17.0.2", 0)).toBe(true);
  });

  it("is net.ipv4.icmp_ratelimit, kept in 4 ms jiffies", () => {
    const { lab } = hostNetns();
    const sysctl = (line: string) => {
      const r = runToEnd(lab, line);
      return `${printed(r)}[${r.exit}]`;
    };
    expect(sysctl("sysctl net.ipv4.icmp_ratelimit")).toBe("net.ipv4.icmp_ratelimit = 1000\n[0]");
    expect(sysctl("sysctl -w net.ipv4.icmp_ratelimit=1001")).toBe("net.ipv4.icmp_ratelimit = 1001\n[0]");
    expect(sysctl("sysctl -n net.ipv4.icmp_ratelimit")).toBe("1004\n[0]");
    expect(sysctl("sysctl -w net.ipv4.icmp_ratelimit=-5")).toBe(
      'sysctl: setting key "net.ipv4.icmp_ratelimit": Invalid argument\n[1]',
    );
  });
});
