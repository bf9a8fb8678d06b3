/** The for-in order of each awk's arrays, against what busybox 1.35 and mawk 1.3.4 printed (39-awk-sed). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newArray } from "./arrays";
import type { Dialect } from "./value";

const numbered = (dialect: Dialect, n: number) => {
  const a = newArray(dialect);
  for (let i = 1; i <= n; i++) {
    const node = a.find(String(i), i, true);
    if (node) node.value = i;
  }
  return a;
};

describe("awk arrays", () => {
  it("walk 1..12 in busybox's bucket order and mawk's list order", () => {
    expect(numbered("busybox", 12).keys().join(" ")).toBe("10 11 12 1 2 3 4 5 6 7 8 9");
    expect(numbered("mawk", 12).keys().join(" ")).toBe("3 10 8 6 5 2 11 1 4 12 9 7");
  });

  it("walk string keys, a deleted one left out, as each awk did", () => {
    for (const [dialect, order] of [
      [
        "busybox",
        "k0 k1 k2 k3 k4 k6 k10 k7 k11 k8 k20 k12 k9 k21 k13 k22 k14 k23 k15 k24 k16 k25 k17 k26 k18 k27 k19 k28 k29",
      ],
      [
        "mawk",
        "k1 k17 k25 k2 k12 k22 k28 k11 k6 k16 k8 k26 k3 k15 k23 k29 k10 k7 k20 k19 k9 k27 k0 k14 k24 k13 k4 k21 k18",
      ],
    ] as const) {
      const a = newArray(dialect);
      for (let i = 0; i < 30; i++) a.find(`k${i}`, undefined, true);
      a.delete("k5", undefined);
      expect(a.keys().join(" ")).toBe(order);
    }
  });

  it("hold every key once, whatever is made, looked up and deleted (property)", () => {
    const op = fc.record({
      kind: fc.constantFrom("set", "get", "delete"),
      key: fc.oneof(fc.integer({ min: -3, max: 2000 }), fc.string({ maxLength: 4 })),
    });
    for (const dialect of ["busybox", "mawk"] as const)
      fc.assert(
        fc.property(
          fc.array(fc.string({ maxLength: 3 }), { maxLength: 20 }),
          fc.array(op, { maxLength: 400 }),
          (split, ops) => {
            const a = newArray(dialect);
            const model = new Set<string>();
            a.load(split.map((s) => ({ strnum: s })));
            for (let k = 1; k <= split.length; k++) model.add(String(k));
            for (const { kind, key } of ops) {
              const text = String(key);
              const ival = typeof key === "number" ? key : undefined;
              if (kind === "delete") {
                a.delete(text, ival);
                model.delete(text);
              } else if (a.find(text, ival, kind === "set")) model.add(text);
            }
            const keys = a.keys();
            expect(new Set(keys).size).toBe(keys.length);
            expect([...keys].sort()).toEqual([...model].sort());
            expect(a.size).toBe(model.size);
          },
        ),
        { numRuns: 150 },
      );
  });
});
