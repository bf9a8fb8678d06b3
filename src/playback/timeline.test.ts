import { describe, expect, it } from "vitest";
import type { Hop, Trace } from "../engine/packet/types";
import type { Chunk } from "../shell/types";
import { beatsOf, DEFAULT_PACE, stepsOf, waitBefore } from "./timeline";

function hop(t: number, netns: string, ifname: string, decision: Hop["decision"] = "forwarded"): Hop {
  return { t, netns, ifname, dir: "in", packet: {}, decision, note: { kind: "packet" } };
}

function trace(hops: Hop[]): Trace {
  return { id: "t", protocol: "ARP", label: "", hops, outcome: "delivered" };
}

const chunk = (t: number, text: string): Chunk => ({ t, stream: "out", text });

describe("the timeline", () => {
  it("puts packets before the output they cause, and output in time order", () => {
    const beats = beatsOf({
      chunks: [chunk(10, "64 bytes\n"), chunk(0, "PING\n")],
      traces: [trace([hop(1, "a", "eth0", "sent"), hop(10, "b", "eth0", "delivered")])],
    });
    expect(beats.map((b) => (b.kind === "chunk" ? b.chunk.text : `hop${b.hop}`))).toEqual([
      "PING\n",
      "hop0",
      "hop1",
      "64 bytes\n",
    ]);
  });

  it("shows the copies of a flood, sent at one instant, as one step", () => {
    const beats = beatsOf({
      chunks: [],
      traces: [
        trace([
          hop(1, "host1", "docker0", "flooded"),
          hop(2, "host1", "veth1", "flooded"),
          hop(2, "host1", "veth2", "flooded"),
          hop(2, "host1", "veth3", "flooded"),
          hop(3, "c2", "eth0", "crossed"),
        ]),
      ],
    });
    expect(beats.map((b) => (b.kind === "hop" ? b.hop : -1))).toEqual([0, 3, 4]);
  });

  it("gives a moving hop its animation time and a step in place a short one, faster at 4×", () => {
    const beats = beatsOf({
      chunks: [],
      traces: [
        trace([
          hop(1, "c1", "eth0", "sent"),
          hop(1.001, "c2", "eth0", "crossed"),
          hop(1.002, "c2", "eth0", "delivered"),
        ]),
      ],
    });
    const [sent, crossed, delivered] = beats;
    if (!sent || !crossed || !delivered) throw new Error("three beats expected");
    expect(waitBefore(crossed, 1, DEFAULT_PACE)).toBe(DEFAULT_PACE.hopMs);
    expect(waitBefore(delivered, 1.001, DEFAULT_PACE)).toBe(DEFAULT_PACE.inPlaceMs);
    expect(waitBefore(crossed, 1, { ...DEFAULT_PACE, speed: 4 })).toBe(DEFAULT_PACE.hopMs / 4);
  });

  it("compresses idle virtual time (a second between pings, a 10 s docker stop) to at most a second", () => {
    const [line] = beatsOf({ chunks: [chunk(10_000, "busy1\n")], traces: [] });
    if (!line) throw new Error("one beat expected");
    expect(waitBefore(line, 0, DEFAULT_PACE)).toBe(DEFAULT_PACE.maxIdleMs);
    expect(waitBefore(line, 9_800, DEFAULT_PACE)).toBe(200);
  });
});

describe("steps", () => {
  it("end where a trace's instant ends, so a flood's copies are stepped over together", () => {
    const flood = trace([
      hop(1, "host1", "docker0", "flooded"),
      hop(2, "host1", "veth1", "flooded"),
      hop(2, "host1", "veth2", "flooded"),
      hop(3, "c2", "eth0", "crossed"),
    ]);
    expect(stepsOf([flood]).map((s) => s.index)).toEqual([0, 2, 3]);
  });
});

/** host1 and its containers are on the Docker host; the LAN switch is 1 away, the router 2, a site 3. */
const REACH: Record<string, number> = { host1: 0, "host1/c": 0, lan: 1, router: 2, site: 3 };
const reach = (netns: string) => REACH[netns] ?? 0;

/** A ping from a container to a site and back: the way out and in through the host, the LAN, the router. */
function pingOut(): Trace {
  return trace([
    hop(1, "host1/c", "eth0", "sent"),
    hop(2, "host1", "docker0", "crossed"),
    hop(3, "host1", "eth0", "forwarded"),
    hop(4, "lan", "port1", "crossed"),
    hop(5, "router", "eth0", "forwarded"),
    hop(6, "site", "eth0", "delivered"),
    hop(7, "site", "eth0", "sent"),
    hop(8, "router", "eth0", "forwarded"),
    hop(9, "lan", "port1", "crossed"),
    hop(10, "host1", "eth0", "crossed"),
    hop(11, "host1/c", "eth0", "delivered"),
  ]);
}

describe("the detail level", () => {
  it("folds the stretch beyond the Docker host into one step out to its farthest point and one back", () => {
    const beats = beatsOf({ chunks: [], traces: [pingOut()] }, reach);
    expect(
      beats.map((b) =>
        b.kind === "hop" ? `${b.from ?? ""}>${b.hop}${b.folded ? ` [${b.folded}]` : ""}` : "",
      ),
    ).toEqual([">0", ">1", ">2", "2>5 [3,5]", "5>8 [6,8]", ">9", ">10"]);
  });

  it("shows every hop without a reach, and the steps follow the same folding", () => {
    expect(beatsOf({ chunks: [], traces: [pingOut()] })).toHaveLength(11);
    const steps = stepsOf([pingOut()], reach);
    expect(steps.map((s) => s.index)).toEqual([0, 1, 2, 5, 8, 9, 10]);
    expect(steps[3]).toEqual({ index: 5, from: 2, folded: [3, 5] });
    expect(stepsOf([pingOut()]).map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("starts a trace that begins beyond the host (the laptop's curl) where it begins", () => {
    const inbound = trace([
      hop(1, "router", "eth0", "sent"),
      hop(2, "lan", "port3", "crossed"),
      hop(3, "host1", "eth0", "crossed"),
    ]);
    const beats = beatsOf({ chunks: [], traces: [inbound] }, reach);
    expect(beats).toMatchObject([
      { hop: 0, folded: [0, 0] },
      { hop: 1, from: 0, folded: [1, 1] },
      { hop: 2 },
    ]);
    expect(beats[0]).not.toHaveProperty("from");
  });
});
