/** rand() after srand(1): what mawk 1.3.4 and busybox 1.35 print (glibc's random() under both). */
import { describe, expect, it } from "vitest";
import { Random } from "./random";

describe("awk rand", () => {
  it("draws glibc's sequence: one draw a rand() in mawk, three in busybox", () => {
    const mawk = new Random(1, "mawk");
    expect([mawk.draw(), mawk.draw()].map((x) => x.toFixed(6))).toEqual(["0.840188", "0.394383"]);
    const busybox = new Random(1, "busybox");
    expect([busybox.draw(), busybox.draw()].map((x) => x.toFixed(6))).toEqual(["0.783099", "0.197551"]);
  });

  it("repeats itself after the same seed, and stays within [0, 1)", () => {
    for (const dialect of ["mawk", "busybox"] as const) {
      const a = new Random(7, dialect);
      const first = Array.from({ length: 50 }, () => a.draw());
      a.reseed(7);
      expect(Array.from({ length: 50 }, () => a.draw())).toEqual(first);
      expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    }
  });
});
