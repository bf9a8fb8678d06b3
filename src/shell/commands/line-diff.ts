/**
 * The line differences of two texts (Myers' greedy algorithm: a shortest edit script), grouped into
 * hunks with their context, for diff's unified and normal formats and for patch.
 */

export type Op = { kind: "same" | "del" | "add"; a: number; b: number };

/** The edit script turning `a` into `b`, each run of changes as its deletions, then its additions. */
export function editScript(
  a: readonly string[],
  b: readonly string[],
  same = (x: string, y: string) => x === y,
): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v.get(k - 1) ?? 0) < (v.get(k + 1) ?? 0));
      let x = down ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && same(a[x] ?? "", b[y] ?? "")) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] ?? new Map<number, number>();
    const k = x - y;
    const down = k === -d || (k !== d && (vd.get(k - 1) ?? 0) < (vd.get(k + 1) ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: "same", a: --x, b: --y });
    if (d > 0) {
      if (down) ops.push({ kind: "add", a: x, b: --y });
      else ops.push({ kind: "del", a: --x, b: y });
    }
  }
  ops.reverse();
  // Deletions before additions inside each run of changes, as diff prints them.
  const out: Op[] = [];
  for (let i = 0; i < ops.length; ) {
    if (ops[i]?.kind === "same") {
      out.push(ops[i++] as Op);
      continue;
    }
    const run: Op[] = [];
    while (i < ops.length && ops[i]?.kind !== "same") run.push(ops[i++] as Op);
    out.push(...run.filter((o) => o.kind === "del"), ...run.filter((o) => o.kind === "add"));
  }
  return out;
}

export interface Hunk {
  /** First line of each side (0-based) and how many lines of each it covers. */
  aStart: number;
  aCount: number;
  bStart: number;
  bCount: number;
  ops: Op[];
}

/** The changes with `context` lines around them, hunks closer than twice that merged. */
export function hunks(ops: readonly Op[], context: number): Hunk[] {
  const changed = ops.map((o, i) => (o.kind === "same" ? -1 : i)).filter((i) => i >= 0);
  const groups: [number, number][] = [];
  for (const i of changed) {
    const last = groups[groups.length - 1];
    if (last && i - last[1] <= 2 * context + 1) last[1] = i;
    else groups.push([i, i]);
  }
  return groups.map(([first, last]) => {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    const slice = ops.slice(from, to + 1);
    const start = ops[from] as Op;
    return {
      aStart: start.a,
      bStart: start.b,
      aCount: slice.filter((o) => o.kind !== "add").length,
      bCount: slice.filter((o) => o.kind !== "del").length,
      ops: slice,
    };
  });
}

/** A unified hunk header's range: `start,count`, the count left out when 1, the line before when empty. */
export function unifiedRange(start: number, count: number): string {
  if (count === 1) return String(start + 1);
  return `${count === 0 ? start : start + 1},${count}`;
}
