import { describe, expect, it } from "vitest";
import {
  canonicalIp6,
  cidrs6Overlap,
  formatCidr6,
  formatIp6,
  goIp6String,
  inCidr6,
  isLinkLocal6,
  lastOf6,
  parseCidr6,
  parseIp6,
  solicitedNode,
} from "./ip6";

describe("IPv6 text (RFC 4291 in, RFC 5952 out, as Go's net.IP prints)", () => {
  it("compresses the longest run of zero groups, the first of equal runs, never a single group", () => {
    expect(canonicalIp6("2001:0db8:0000:0000:0000:0000:0000:0010")).toBe("2001:db8::10");
    expect(canonicalIp6("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1");
    expect(canonicalIp6("2001:db8:0:1:0:0:0:1")).toBe("2001:db8:0:1::1");
    expect(canonicalIp6("2001:db8:0:1:1:1:1:1")).toBe("2001:db8:0:1:1:1:1:1");
    expect(canonicalIp6("0:0:0:0:0:0:0:0")).toBe("::");
    expect(canonicalIp6("FE80::254:77")).toBe("fe80::254:77");
    expect(canonicalIp6("::1.2.3.4")).toBe("::102:304");
  });

  it("refuses what is not an IPv6 address", () => {
    for (const bad of [
      "172.28.99.99",
      "mynet_ip6",
      "2001:db8::1::2",
      "1:2:3:4:5:6:7:8:9",
      "12345::",
      "2001:db8:zz::",
    ])
      expect(parseIp6(bad), bad).toBeUndefined();
  });

  it("prints an IPv4-mapped address as its dotted quad, as Go does", () => {
    const mapped = parseIp6("::ffff:172.28.99.99");
    expect(mapped).toBeDefined();
    expect(goIp6String(mapped ?? 0n)).toBe("172.28.99.99");
  });

  it("names the solicited-node group of an address", () => {
    expect(solicitedNode("2001:db8:1::10")).toBe("ff02::1:ff00:10");
    expect(solicitedNode("fe80::42:acff:fe12:2")).toBe("ff02::1:ff12:2");
  });

  it("knows the link-local block", () => {
    expect(isLinkLocal6(parseIp6("fe80::254:77") ?? 0n)).toBe(true);
    expect(isLinkLocal6(parseIp6("febf::1") ?? 0n)).toBe(true);
    expect(isLinkLocal6(parseIp6("fec0::1") ?? 0n)).toBe(false);
    expect(isLinkLocal6(parseIp6("2001:db8::89") ?? 0n)).toBe(false);
  });
});

describe("IPv6 CIDR blocks", () => {
  it("parses, checks host bits unless loose, and contains", () => {
    const c = parseCidr6("2001:db8:abcd::/64");
    expect(c && formatCidr6(c)).toBe("2001:db8:abcd::/64");
    expect(parseCidr6("2001:db8:a::1/64")).toBeUndefined();
    expect(formatCidr6(parseCidr6("2001:db8:a::1/64", true) ?? { net: 0n, prefix: 0 })).toBe(
      "2001:db8:a::/64",
    );
    expect(parseCidr6("2001:db8::/129")).toBeUndefined();
    expect(parseCidr6("10.0.0.0/8")).toBeUndefined();
    const inside = parseIp6("2001:db8:abcd::5544") ?? 0n;
    expect(c && inCidr6(inside, c)).toBe(true);
    expect(c && inCidr6(parseIp6("2001:db8:abce::1") ?? 0n, c)).toBe(false);
  });

  it("finds the last address and overlaps", () => {
    const range = parseCidr6("2001:db8:2::100/120");
    expect(range && formatIp6(lastOf6(range))).toBe("2001:db8:2::1ff");
    const a = parseCidr6("2001:db8:9::/64");
    const b = parseCidr6("2001:db8:9::/80");
    const d = parseCidr6("2001:db8:8::/64");
    expect(a && b && cidrs6Overlap(a, b)).toBe(true);
    expect(a && d && cidrs6Overlap(a, d)).toBe(false);
  });
});
