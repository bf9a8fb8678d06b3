/**
 * Go's text/tabwriter, as the Docker CLI configures it (minwidth 10, padding 3, spaces): cells end
 * with a tab, a column is as wide as its widest cell in a block of consecutive lines that have it,
 * and the last cell of each line is printed as is. Ported from the algorithm, not approximated, so
 * that every table lines up exactly as `docker ps` and `docker network ls` print it.
 */

export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

const DOCKER_TABLE: TabwriterOptions = { minwidth: 10, padding: 3 };

function width(text: string): number {
  return [...text].length;
}

export function tabwrite(text: string, options: TabwriterOptions = DOCKER_TABLE): string {
  const lines = text.split("\n");
  const trailingNewline = lines[lines.length - 1] === "";
  if (trailingNewline) lines.pop();
  const cells = lines.map((l) => l.split("\t"));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = cells[i] ?? [];
      let text = "";
      line.forEach((cell, j) => {
        const w = widths[j];
        if (j < line.length - 1 && w !== undefined) text += cell + " ".repeat(Math.max(0, w - width(cell)));
        else text += j < line.length - 1 ? cell : cell;
      });
      out.push(text);
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    let start = line0;
    for (let row = line0; row < line1; row++) {
      if (column >= (cells[row]?.length ?? 0) - 1) continue;
      writeLines(start, row);
      start = row;
      let w = options.minwidth;
      for (; row < line1; row++) {
        const line = cells[row] ?? [];
        if (column >= line.length - 1) break;
        w = Math.max(w, width(line[column] ?? "") + options.padding);
      }
      widths.push(w);
      format(start, row);
      widths.pop();
      start = row;
      row--;
    }
    writeLines(start, line1);
  };

  format(0, cells.length);
  return out.join("\n") + (trailingNewline ? "\n" : "");
}
