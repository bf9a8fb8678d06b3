import { afterEach, describe, expect, it } from "vitest";
import { HISTORY_LIMITS, moveTo, record, redoTarget, startHistory, undoTarget } from "./history";

const limits = { ...HISTORY_LIMITS };
afterEach(() => Object.assign(HISTORY_LIMITS, limits));

describe("the history", () => {
  it("keeps the newest steps within its budgets, the oldest going first", () => {
    HISTORY_LIMITS.memoryChars = 100;
    let h = startHistory();
    for (let i = 0; i < 5; i++)
      h = record(h, `lab ${i} `.padEnd(40, "."), { kind: "command", label: `c${i}` });
    // Each snapshot is 40 characters: two fit, with the live entry.
    expect(h.entries.map((e) => e.label)).toEqual(["c2", "c3", "c4"]);
    expect(undoTarget(h)).toBe(h.entries[1]?.id);
    HISTORY_LIMITS.memoryChars = limits.memoryChars;
    HISTORY_LIMITS.entries = 3;
    for (let i = 5; i < 8; i++) h = record(h, "x", { kind: "command", label: `c${i}` });
    expect(h.entries.map((e) => e.label)).toEqual(["c5", "c6", "c7"]);
  });

  it("redoes the branch last left, after a jump back", () => {
    let h = startHistory();
    h = record(h, "start", { kind: "command", label: "a" });
    h = record(h, "after a", { kind: "command", label: "b" });
    const back = moveTo(h, "after b", 0);
    if (!back) throw new Error("no way back");
    expect(back.snapshot).toBe("start");
    h = back.history;
    expect(redoTarget(h)).toBe(1);
    h = record(h, "start again", { kind: "command", label: "c" });
    const up = moveTo(h, "after c", 0);
    if (!up) throw new Error("no way back");
    expect(redoTarget(up.history)).toBe(3);
  });
});
