import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWorld } from "../create-world";
import { finishTrace, hop, startSim } from "./sim";

describe("a trace's hops", () => {
  it("come out in time order, hops of the same time in the order the walk made them", () => {
    // Times as a walk makes them: runs that go forward, each starting again from some earlier moment.
    const steps = fc.array(fc.record({ back: fc.boolean(), dt: fc.integer({ min: 0, max: 5 }) }), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(steps, (list) => {
        const world = createWorld();
        const ns = world.netns.host1;
        if (!ns) throw new Error("no host1");
        const sim = startSim(world, 0);
        list.forEach(({ back, dt }, i) => {
          sim.t = back ? dt / 1000 : sim.t + dt / 1000;
          hop(sim, ns, `if${i}`, "out", {}, "sent", { kind: "packet" });
        });
        const made = [...sim.hops];
        const stable = made.map((h, i) => ({ h, i })).sort((a, b) => a.h.t - b.h.t || a.i - b.i);
        expect(finishTrace(sim, "ICMP", "", "delivered").hops).toEqual(stable.map((x) => x.h));
      }),
      { numRuns: 300 },
    );
  });
});
