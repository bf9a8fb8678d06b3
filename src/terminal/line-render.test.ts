import { describe, expect, it } from "vitest";
import { layout, redraw, toEnd } from "./line-render";

const P = "/ # ";

describe("where characters land", () => {
  it("wraps at the margin and puts the end of a full row at the start of the next", () => {
    expect(layout("abcd", 0, 4).at(-1)).toEqual({ row: 1, col: 0 });
    expect(layout("abcde", 0, 4)[4]).toEqual({ row: 1, col: 0 });
    expect(layout("ab", 3, 4)).toEqual([
      { row: 0, col: 3 },
      { row: 1, col: 0 },
      { row: 1, col: 1 },
    ]);
  });

  it("gives wide characters two cells and wraps one that does not fit", () => {
    expect(layout("a中b", 0, 10).map((p) => p.col)).toEqual([0, 1, 3, 4]);
    expect(layout("abc中", 0, 4)[3]).toEqual({ row: 1, col: 0 });
  });
});

describe("drawing the line", () => {
  it("writes the prompt and the line the first time, then only what was typed", () => {
    expect(redraw(undefined, { text: P, cursor: 4 }, 0, 80)).toBe(P);
    expect(redraw({ text: P, cursor: 4 }, { text: `${P}l`, cursor: 5 }, 0, 80)).toBe("l");
  });

  it("erases from the first change when a character is deleted", () => {
    expect(redraw({ text: `${P}ls`, cursor: 6 }, { text: `${P}l`, cursor: 5 }, 0, 80)).toBe("\x1b[1D\x1b[J");
  });

  it("redraws the rest of the line for an insertion in the middle and puts the cursor back", () => {
    expect(redraw({ text: `${P}dockr`, cursor: 8 }, { text: `${P}docker`, cursor: 9 }, 0, 80)).toBe(
      "\x1b[Jer\x1b[1D",
    );
  });

  it("moves only the cursor when the text is the same", () => {
    expect(redraw({ text: `${P}ip a`, cursor: 8 }, { text: `${P}ip a`, cursor: 4 }, 0, 80)).toBe("\x1b[4D");
    expect(redraw({ text: `${P}ip a`, cursor: 8 }, { text: `${P}ip a`, cursor: 0 }, 0, 80)).toBe("\r");
  });

  it("crosses wrapped rows going back and forth", () => {
    // 10 columns: "/ # 012345" fills row 0, "6789" is on row 1.
    const text = `${P}0123456789`;
    expect(redraw({ text, cursor: 14 }, { text, cursor: 2 }, 0, 10)).toBe("\x1b[1A\x1b[2D");
    expect(redraw({ text, cursor: 2 }, { text, cursor: 11 }, 0, 10)).toBe("\x1b[1B\x1b[1D");
    // Deleting the first character of the second row rewrites from there.
    expect(redraw({ text, cursor: 11 }, { text: `${P}012345789`, cursor: 10 }, 0, 10)).toBe("\r\x1b[J789\r");
  });

  it("takes the cursor to the next row when the line ends exactly at the margin", () => {
    expect(redraw({ text: `${P}12345`, cursor: 9 }, { text: `${P}123456`, cursor: 10 }, 0, 10)).toBe("6 \b");
  });

  it("starts at the column the prompt started in", () => {
    expect(redraw({ text: P, cursor: 4 }, { text: P, cursor: 0 }, 6, 80)).toBe("\x1b[4D");
  });

  it("goes to the end of the line before output is written below it", () => {
    expect(toEnd({ text: `${P}0123456789`, cursor: 4 }, 0, 10)).toBe("\x1b[1B");
    expect(toEnd({ text: `${P}ls`, cursor: 6 }, 0, 10)).toBe("");
  });
});
