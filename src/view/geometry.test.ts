import { describe, expect, it } from "vitest";
import { nudge } from "./geometry";

describe("keeping a packet's label inside the pane", () => {
  const view = { x: 0, zoom: 1, width: 800 };

  it("leaves a label that fits where it is, centred on its packet", () => {
    expect(nudge({ x: 400, y: 0 }, 200, 1, view)).toBe(0);
  });

  it("slides a label near the right edge to the left, and one near the left edge to the right", () => {
    // Centre 750, half 100: the right end would be at 850, 6 px margin → 56 px to the left.
    expect(nudge({ x: 750, y: 0 }, 200, 1, view)).toBe(-56);
    expect(nudge({ x: 20, y: 0 }, 200, 1, view)).toBe(86);
  });

  it("works in the token's own pixels when the graph is panned, zoomed and the token scaled", () => {
    // Screen centre 100 + 700 × 0.5 = 450; on screen the label is 200 × 1.5 × 0.5 = 150 wide, so its
    // right end is at 525 in a 500 px pane: 31 px on screen, 31 / 0.75 in the token's pixels.
    expect(nudge({ x: 700, y: 0 }, 200, 1.5, { x: 100, zoom: 0.5, width: 500 })).toBeCloseTo(-31 / 0.75);
  });

  it("shows the start of a label wider than the pane", () => {
    expect(nudge({ x: 100, y: 0 }, 1000, 1, { x: 0, zoom: 1, width: 300 })).toBe(406);
  });
});
