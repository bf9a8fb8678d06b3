import { describe, expect, it } from "vitest";
import { THEMES } from "./themes";

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

const TEXT_COLOURS = [
  "foreground",
  "red",
  "yellow",
  "green",
  "blue",
  "magenta",
  "cyan",
  "brightRed",
  "brightYellow",
  "brightBlack",
] as const;

describe("terminal colours", () => {
  for (const [name, theme] of Object.entries(THEMES)) {
    it(`keeps text readable (WCAG AA, 4.5:1) on the ${name} background`, () => {
      for (const key of TEXT_COLOURS) {
        const colour = theme[key];
        expect(colour, key).toBeDefined();
        expect(contrast(colour ?? "", theme.background ?? ""), `${key} ${colour}`).toBeGreaterThanOrEqual(
          4.5,
        );
      }
      expect(
        contrast(theme.selectionForeground ?? "", theme.selectionBackground ?? ""),
      ).toBeGreaterThanOrEqual(4.5);
    });
  }

  it("tells errors (red) from warnings (amber) apart", () => {
    expect(THEMES.light.red).not.toBe(THEMES.light.yellow);
    expect(THEMES.dark.red).not.toBe(THEMES.dark.yellow);
  });
});
