import { describe, expect, it } from "vitest";
import { compress } from "./realtime";
import type { HopBeat } from "./timeline";

const beat = (t: number, hop: number, extra: Partial<HopBeat> = {}): HopBeat => ({
  kind: "hop",
  t,
  trace: 0,
  hop,
  moves: true,
  ...extra,
});
const near = () => true;
const end = (timed: { at: number; ms: number }[]) => Math.max(...timed.map((s) => s.at + s.ms));

describe("realtime compression", () => {
  it("plays a burst of any size in at most 1.5 s at 1×, faster at 4×", () => {
    const many = Array.from({ length: 200 }, (_, i) => beat(1000 + i * 0.01, i));
    expect(end(compress(many, 1000, 1, near))).toBeCloseTo(1500);
    expect(end(compress(many, 1000, 4, near))).toBeCloseTo(375);
    const few = [beat(1000, 0), beat(1000.01, 1)];
    expect(end(compress(few, 1000, 1, near))).toBeLessThan(1500);
  });

  it("starts each burst when it happened and ends it before the next one is due", () => {
    const second = Array.from({ length: 30 }, (_, i) => beat(2000 + i * 0.01, 30 + i));
    const first = Array.from({ length: 30 }, (_, i) => beat(1000 + i * 0.01, i));
    const timed = compress([...first, ...second], 1000, 1, near);
    expect(timed[0]?.at).toBe(0);
    expect(timed[30]?.at).toBeCloseTo(1000);
    expect(end(timed.slice(0, 30))).toBeLessThanOrEqual(900);
  });

  it("fits a live process's last burst before its next second", () => {
    const burst = Array.from({ length: 40 }, (_, i) => beat(1500 + i * 0.01, i));
    expect(end(compress(burst, 1000, 0.25, near, 2000))).toBeLessThanOrEqual(500 + 450 + 1e-9);
  });

  it("gives a hop on the Docker host more time than a folded stretch or a step in place", () => {
    const timed = compress(
      [beat(1000, 0), beat(1000.01, 1, { folded: [1, 1] }), beat(1000.02, 2, { moves: false })],
      1000,
      1,
      (b) => !b.folded,
    );
    const [host, folded, still] = timed.map((s) => s.ms);
    expect(host).toBeGreaterThan(folded ?? 0);
    expect(folded).toBeGreaterThan(still ?? 0);
  });
});
