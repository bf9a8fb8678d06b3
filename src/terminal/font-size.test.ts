import { describe, expect, it } from "vitest";
import { DEFAULT_FONT_SIZE, stepFontSize } from "./font-size";

describe("terminal font size", () => {
  it("steps by 2 px within 10–36 and resets to the default", () => {
    expect(stepFontSize(14, 1)).toBe(16);
    expect(stepFontSize(14, -1)).toBe(12);
    expect(stepFontSize(36, 1)).toBe(36);
    expect(stepFontSize(10, -1)).toBe(10);
    expect(stepFontSize(30, 0)).toBe(DEFAULT_FONT_SIZE);
  });
});
