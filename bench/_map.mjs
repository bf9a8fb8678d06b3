import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { SourceMapConsumer } from "source-map-js";

const dir = "/tmp/benchproto/map-dist/assets";
const js = readdirSync(dir).find((f) => f.endsWith(".js"));
const code = readFileSync(`${dir}/${js}`, "utf8");
const map = new SourceMapConsumer(JSON.parse(readFileSync(`${dir}/${js}.map`, "utf8")));
const lines = code.split("\n");
const bySource = new Map();
let prev = null;
map.eachMapping((m) => {
  if (prev) {
    const text =
      prev.line === m.generatedLine
        ? lines[prev.line - 1].slice(prev.col, m.generatedColumn)
        : lines[prev.line - 1].slice(prev.col);
    const k = prev.source ?? "?";
    bySource.set(k, (bySource.get(k) ?? "") + text);
  }
  prev = { line: m.generatedLine, col: m.generatedColumn, source: m.source };
});
const group = (s) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s);
  if (m) return m[1];
  const n = /src\/(.+)/.exec(s);
  return n ? `src/${n[1]}` : s;
};
const groups = new Map();
for (const [s, t] of bySource) groups.set(group(s), (groups.get(group(s)) ?? "") + t);
const rows = [...groups].map(([g, t]) => [g, t.length, gzipSync(t).length]).sort((a, b) => b[2] - a[2]);
let total = 0;
for (const r of rows) total += r[2];
console.log("total raw", code.length, "gz", gzipSync(code).length, "sum of parts gz", total);
for (const r of rows.slice(0, 30)) console.log(String(r[2]).padStart(8), String(r[1]).padStart(9), r[0]);
