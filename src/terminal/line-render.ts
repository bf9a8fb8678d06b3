/**
 * Drawing the line being edited on a terminal that wraps long lines: where each character lands,
 * and the shortest VT sequence that turns what is on screen into the new line. Only what changed
 * is written, so a screen reader hears the typed character, not the whole prompt again.
 */

export interface Drawn {
  text: string;
  /** Cursor index into text. */
  cursor: number;
}

interface Pos {
  row: number;
  col: number;
}

const CSI = "\x1b[";

/** Cells a character takes: 2 for East Asian wide characters and emoji, 1 otherwise. */
function cellWidth(code: number): number {
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/**
 * The cell of each character of `text` written from column `startCol` (row 0), and at index
 * text.length the cell after it. A line that ends exactly at the margin puts that cell at the start
 * of the next row: the drawing moves the cursor there (see `redraw`).
 */
export function layout(text: string, startCol: number, cols: number): Pos[] {
  const out: Pos[] = [];
  let row = 0;
  let col = startCol;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) ?? 0;
    const width = cellWidth(code);
    if (col + width > cols) {
      row++;
      col = 0;
    }
    out.push({ row, col });
    if (code > 0xffff) {
      out.push({ row, col });
      i++;
    }
    col += width;
  }
  out.push(col >= cols ? { row: row + 1, col: 0 } : { row, col });
  return out;
}

function move(from: Pos, to: Pos): string {
  let seq = "";
  if (to.row < from.row) seq += `${CSI}${from.row - to.row}A`;
  if (to.row > from.row) seq += `${CSI}${to.row - from.row}B`;
  if (to.col > from.col) seq += `${CSI}${to.col - from.col}C`;
  if (to.col < from.col) seq += to.col === 0 ? "\r" : `${CSI}${from.col - to.col}D`;
  return seq;
}

/**
 * The sequence that changes the screen from `prev` (undefined: nothing drawn yet, the cursor at
 * the start) to `next`: back to the first difference, erase below, write the rest, place the cursor.
 */
export function redraw(prev: Drawn | undefined, next: Drawn, startCol: number, cols: number): string {
  const old = prev ?? { text: "", cursor: 0 };
  const before = layout(old.text, startCol, cols);
  const after = layout(next.text, startCol, cols);
  let same = 0;
  while (same < old.text.length && same < next.text.length && old.text[same] === next.text[same]) same++;
  const at = (positions: Pos[], i: number): Pos => positions[i] ?? { row: 0, col: startCol };
  let seq = "";
  let here = at(before, old.cursor);
  if (same < old.text.length || same < next.text.length) {
    const first = at(after, same);
    seq += move(here, first);
    if (same < old.text.length) seq += `${CSI}J`;
    seq += next.text.slice(same);
    const end = at(after, next.text.length);
    // Ending exactly at the margin leaves the cursor waiting to wrap; a space and a backspace take it
    // to the next row, where `layout` says it is.
    const last = at(after, next.text.length - 1);
    if (next.text.length > same && end.row > last.row && end.col === 0) seq += " \b";
    here = end;
  }
  return seq + move(here, at(after, next.cursor));
}

/** Where the cursor must go to leave the line: its end, so that output starts below it. */
export function toEnd(drawn: Drawn, startCol: number, cols: number): string {
  const positions = layout(drawn.text, startCol, cols);
  const here = positions[drawn.cursor] ?? { row: 0, col: startCol };
  const end = positions[drawn.text.length] ?? here;
  return move(here, end);
}
