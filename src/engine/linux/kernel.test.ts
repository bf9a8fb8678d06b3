/**
 * The kernel model's rules that the tools' output rests on: EUI-64 link-local addresses and DAD,
 * namespace ids, interface flags and operstate, bridge MACs, routes added by netlink and by ioctl,
 * and the old address ioctls.
 */
import { describe, expect, it } from "vitest";
import { formatIpv6 } from "../ip";
import { inet6Of, isTentative, linkLocalFor, syncAddrconf } from "./addrconf";
import {
  addAddr6,
  addLink,
  addRoute,
  addVethPair,
  createNetns,
  ioctlSetAddr,
  ioctlSetNetmask,
  KernelError,
  moveLink,
  type NetnsTable,
  nsidOf,
  setLinkUp,
  setMaster,
} from "./kernel";
import { ifFlags, operState } from "./link-state";

function world(): NetnsTable & { clock: number } {
  return { netns: {}, clock: 0 };
}

function errnoOf(op: () => unknown): string | undefined {
  try {
    op();
    return undefined;
  } catch (error) {
    if (error instanceof KernelError) return error.errno;
    throw error;
  }
}

describe("IPv6 addrconf", () => {
  it("derives the link-local address from the MAC by EUI-64", () => {
    expect(linkLocalFor("02:42:ac:11:00:02")).toBe("fe80::42:acff:fe11:2");
    expect(linkLocalFor("52:54:00:12:34:56")).toBe("fe80::5054:ff:fe12:3456");
    expect(linkLocalFor("00:00:00:00:00:01")).toBe("fe80::200:ff:fe00:1");
  });

  it("compresses the longest run of zero groups, and only runs of two or more", () => {
    expect(formatIpv6([0, 0, 0, 0, 0, 0, 0, 1])).toBe("::1");
    expect(formatIpv6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 0])).toBe("2001:db8:0:0:1::");
    expect(formatIpv6([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1])).toBe("2001:db8:0:1:1:1:1:1");
  });

  it("gives an up link with a carrier its address, tentative while DAD runs, and takes it on down", () => {
    const w = world();
    const ns = createNetns(w, "a", "m");
    syncAddrconf(w);
    w.clock = 10_000;
    const [b, a] = addVethPair(
      ns,
      { name: "B", kind: "veth", mac: "02:00:00:00:00:0b" },
      {
        name: "A",
        kind: "veth",
        mac: "02:00:00:00:00:0a",
      },
    );
    setLinkUp(w, ns, a, true);
    syncAddrconf(w);
    expect(a.ll6).toBeUndefined(); // no carrier while the peer is down
    setLinkUp(w, ns, b, true);
    syncAddrconf(w);
    expect(a.ll6).toEqual({ ip: "fe80::ff:fe00:a", since: 10_000 });
    const [ll] = inet6Of(a);
    expect(ll && isTentative(ll, 11_499)).toBe(true);
    expect(ll && isTentative(ll, 11_500)).toBe(false);
    setLinkUp(w, ns, a, false);
    syncAddrconf(w);
    expect(a.ll6).toBeUndefined();
  });
});

describe("IPv6 addresses added to a link", () => {
  it("lists them as the kernel does: global first, newest first within a scope, addrconf's before older link-local ones", () => {
    const w = world();
    const ns = createNetns(w, "a", "m");
    syncAddrconf(w);
    const [b, a] = addVethPair(
      ns,
      { name: "B", kind: "veth", mac: "02:00:00:00:00:0b" },
      { name: "A", kind: "veth", mac: "02:42:ac:12:00:05" },
    );
    addAddr6(w, a, "2001:db8:1::3", 64, { nodad: true });
    addAddr6(w, a, "fe80::254:77", 64);
    addAddr6(w, a, "2001:db8:1::99", 64);
    w.clock = 5_000;
    setLinkUp(w, ns, b, true);
    setLinkUp(w, ns, a, true);
    syncAddrconf(w);
    expect(inet6Of(a).map((x) => x.ip)).toEqual([
      "2001:db8:1::99",
      "2001:db8:1::3",
      "fe80::42:acff:fe12:5",
      "fe80::254:77",
    ]);
    // Without duplicate address detection an address is never tentative.
    const [, nodad, eui] = inet6Of(a);
    expect(nodad && isTentative(nodad, 5_000)).toBe(false);
    expect(eui && isTentative(eui, 5_000)).toBe(true);
    expect(errnoOf(() => addAddr6(w, a, "2001:db8:1::3", 64))).toBe("EEXIST");
    setLinkUp(w, ns, a, false);
    expect(inet6Of(a)).toEqual([]);
  });
});

describe("link state", () => {
  it("reports flags and operstate from the admin state and the peer's", () => {
    const w = world();
    const ns = createNetns(w, "a", "m");
    const [b, a] = addVethPair(
      ns,
      { name: "B", kind: "veth", mac: "02:00:00:00:00:0b" },
      {
        name: "A",
        kind: "veth",
        mac: "02:00:00:00:00:0a",
      },
    );
    expect(operState(w, ns, a)).toBe("DOWN");
    setLinkUp(w, ns, a, true);
    expect(operState(w, ns, a)).toBe("LOWERLAYERDOWN");
    expect(ifFlags(w, ns, a)).toBe(0x1 | 0x2 | 0x1000); // UP, BROADCAST, MULTICAST: no RUNNING
    setLinkUp(w, ns, b, true);
    expect(operState(w, ns, a)).toBe("UP");
    expect(ifFlags(w, ns, a)).toBe(0x1 | 0x2 | 0x40 | 0x1000 | 0x10000);
    const d = addLink(ns, { name: "d0", kind: "dummy", mac: "02:00:00:00:00:0d" });
    setLinkUp(w, ns, d, true);
    expect(operState(w, ns, d)).toBe("UNKNOWN");
  });
});

describe("namespace ids", () => {
  it("numbers a namespace on first use with the lowest free id, per viewing namespace", () => {
    const w = world();
    const host = createNetns(w, "host", "m");
    expect(nsidOf(host, "c1")).toBe(0);
    expect(nsidOf(host, "c2")).toBe(1);
    expect(nsidOf(host, "c1")).toBe(0);
    const c1 = createNetns(w, "c1", "m");
    expect(nsidOf(c1, "host")).toBe(0);
  });

  it("numbers both sides when a veth end moves", () => {
    const w = world();
    const host = createNetns(w, "host", "m");
    const c = createNetns(w, "c", "m");
    const [b] = addVethPair(
      host,
      { name: "B", kind: "veth", mac: "02:00:00:00:00:0b" },
      {
        name: "A",
        kind: "veth",
        mac: "02:00:00:00:00:0a",
      },
    );
    moveLink(w, host, b, c);
    expect(host.nsids).toEqual({ c: 0 });
    expect(c.nsids).toEqual({ host: 0 });
  });
});

describe("bridges", () => {
  it("let a bridge with a random MAC take its lowest port's, and zeroes without ports", () => {
    const w = world();
    const ns = createNetns(w, "a", "m");
    const br = addLink(ns, { name: "br0", kind: "bridge", mac: "06:00:00:00:00:99", randomMac: true });
    const p1 = addLink(ns, { name: "p1", kind: "dummy", mac: "02:00:00:00:00:09" });
    const p2 = addLink(ns, { name: "p2", kind: "dummy", mac: "02:00:00:00:00:03" });
    setMaster(w, ns, p1, br);
    expect(br.mac).toBe("02:00:00:00:00:09");
    setMaster(w, ns, p2, br);
    expect(br.mac).toBe("02:00:00:00:00:03");
    expect([p1.portNo, p2.portNo]).toEqual([1, 2]);
    setMaster(w, ns, p2, undefined);
    setMaster(w, ns, p1, undefined);
    expect(br.mac).toBe("00:00:00:00:00:00");
  });

  it("keep a MAC their creator chose, as Docker's bridges", () => {
    const w = world();
    const ns = createNetns(w, "a", "m");
    const br = addLink(ns, { name: "docker0", kind: "bridge", mac: "02:42:11:22:33:44" });
    setMaster(w, ns, addLink(ns, { name: "p1", kind: "dummy", mac: "02:00:00:00:00:01" }), br);
    expect(br.mac).toBe("02:42:11:22:33:44");
  });
});

describe("routes", () => {
  function lan() {
    const w = world();
    const ns = createNetns(w, "a", "m");
    const eth = addLink(ns, { name: "eth0", kind: "ether", mac: "52:54:00:00:00:01" });
    setLinkUp(w, ns, eth, true);
    eth.addrs.push({ ip: "192.168.0.2", prefix: 24, scope: "global" });
    addRoute(w, ns, { dst: "default", via: "192.168.0.1", proto: "boot", scope: "global" });
    return { w, ns };
  }

  it("refuse a second route to a destination over netlink, but put an ioctl's in front", () => {
    const { w, ns } = lan();
    const other = { dst: "default", via: "192.168.0.254", proto: "boot" as const, scope: "global" as const };
    expect(errnoOf(() => addRoute(w, ns, other))).toBe("EEXIST");
    addRoute(w, ns, other, { exclusive: false });
    expect(ns.routes.map((r) => r.via)).toEqual(["192.168.0.254", "192.168.0.1"]);
    expect(errnoOf(() => addRoute(w, ns, other, { exclusive: false }))).toBe("EEXIST");
  });

  it("need a gateway on a connected subnet", () => {
    const { w, ns } = lan();
    const far = { dst: "10.0.0.0/8", via: "10.9.9.9", proto: "boot" as const, scope: "global" as const };
    expect(errnoOf(() => addRoute(w, ns, far))).toBe("ENETUNREACH");
  });
});

describe("address ioctls", () => {
  it("set a classful primary address with its broadcast, then narrow it with a netmask", () => {
    const w = world();
    const ns = createNetns(w, "a", "m");
    const d = addLink(ns, { name: "d0", kind: "dummy", mac: "02:00:00:00:00:0d" });
    ioctlSetAddr(ns, d, "10.1.2.3");
    expect(d.addrs).toEqual([{ ip: "10.1.2.3", prefix: 8, scope: "global", brd: "10.255.255.255" }]);
    ioctlSetNetmask(d, 24);
    expect(d.addrs[0]).toMatchObject({ prefix: 24, brd: "10.1.2.255" });
    expect(errnoOf(() => ioctlSetAddr(ns, d, "224.0.0.1"))).toBe("EINVAL");
    ioctlSetAddr(ns, d, "0.0.0.0");
    expect(d.addrs).toEqual([]);
    expect(errnoOf(() => ioctlSetNetmask(d, 16))).toBe("EADDRNOTAVAIL");
  });
});
