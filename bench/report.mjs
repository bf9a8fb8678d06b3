/**
 * Turns the measurements into rows (figure, value, baseline measured in the same run, budget, status),
 * prints them as a table and writes BENCHMARKS.md. Budgets and, for each budget the lab misses, the
 * cause found by profiling and the plan live in bench/budgets.mjs.
 */
import { BUDGETS, FPS_TRANSLATION, missedNote, PROFILED_ON } from "./budgets.mjs";

const int = (n) => Math.round(n).toLocaleString("en-US");
const ms = (n) => `${n < 10 ? n.toFixed(1) : int(n)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const pct = (share) => `${(share * 100).toFixed(0)}%`;

function status(id, value) {
  const budget = BUDGETS[id];
  if (!budget) return { budget: "—", status: "—" };
  if (value === undefined) return { budget: budget.text, status: "not measurable" };
  return { budget: budget.text, status: budget.met(value) ? "met" : "MISSED" };
}

function row(area, id, figure, shown, baseline, value) {
  return { area, id, figure, value: shown, baseline, ...status(id, value) };
}

function missingRow(area, id, figure, why) {
  const said = why.replace(/\s*\n+\s*/g, " ");
  return { area, id, figure, value: "not measurable", baseline: said, ...status(id, undefined) };
}

function engineRows(engine) {
  const rows = [];
  const at10 = Object.fromEntries(
    engine.runRates.filter((r) => r.containers === 10).map((r) => [r.networks, r.atSizePerSec]),
  );
  for (const r of engine.runRates) {
    const id = r.containers === 1000 ? "run-1000" : `run-${r.containers}`;
    const figure = `docker run/s, ${int(r.containers)} containers on ${r.networks} network${r.networks > 1 ? "s" : ""}`;
    if (r.missing) {
      rows.push(missingRow("engine", id, figure, r.missing));
      continue;
    }
    const scale = at10[r.networks]
      ? ` (×${(r.atSizePerSec / at10[r.networks]).toFixed(2)} of the rate at 10)`
      : "";
    rows.push(
      row(
        "engine",
        id,
        figure,
        `${int(r.atSizePerSec)}/s`,
        `whole fill ${int(r.fillPerSec)}/s${r.containers > 10 ? scale : ""}`,
        r.atSizePerSec,
      ),
    );
  }
  /** A ping's trace: the ping's time less the same exec's (`ping` and `exec` say what each ran). */
  const pingRow = (id, figure, p, ping, exec) =>
    p.missing
      ? missingRow("engine", id, figure, p.missing)
      : row(
          "engine",
          id,
          figure,
          `${int(p.pingUs - p.execUs)} µs`,
          `${ping}: ${int(p.pingUs)} µs, minus ${exec}: ${int(p.execUs)} µs; ${p.traces} trace${p.traces === 1 ? "" : "s"}, ${p.hops} hops`,
          p.pingUs - p.execUs,
        );
  for (const p of engine.ping)
    rows.push(
      pingRow(
        "ping",
        `ping trace on the default bridge (ARP, echo, reply), ${p.containers} containers`,
        p,
        "docker exec … ping -c 1",
        "docker exec … true",
      ),
    );
  rows.push(
    pingRow(
      "ping-overlay",
      "ping trace across an overlay (VXLAN), host1 to host2",
      engine.overlay,
      "docker exec c1 ping -c 1 (c2 on host2)",
      "docker exec c1 true",
    ),
  );
  const s = engine.save;
  rows.push(
    row(
      "engine",
      "save-packed",
      `saved world, ${int(s.containers)} containers (the save format: gzip-compressed JSON, base64)`,
      kb(s.packedBytes),
      `pack ${ms(s.packMs)}; the plain JSON would be ${kb(s.jsonBytes)} (JSON.stringify ${ms(s.stringifyMs)})`,
      s.packedBytes,
    ),
    row(
      "engine",
      "restore",
      `restore it (unpack: base64, gunzip, JSON.parse, shape check)`,
      ms(s.restoreMs),
      "",
      s.restoreMs,
    ),
  );
  const r = engine.reach;
  if (r)
    rows.push(
      row(
        "engine",
        "reach-50",
        `reachability matrix, ${r.containers} containers on ${r.networks} networks (${r.endpoints} endpoints, ${int(r.checks)} checks)`,
        ms(r.matrixMs),
        `slowest cell ${ms(r.cellMs)} (the panel computes cells between frames)`,
        r.matrixMs,
      ),
    );
  return rows;
}

function frameRows(n, f) {
  const rows = [];
  const size = `${n} containers (${f.nodes} nodes, ${f.edges} edges)`;
  const cmp = (lab, base) =>
    `empty page ${pct(base.busyShare)} busy, worst frame ${ms(base.worstFrameMs)}; ratio ×${(lab.busyShare / base.busyShare).toFixed(2)}`;
  const shown = (x) => `${pct(x.busyShare)} busy, worst frame ${ms(x.worstFrameMs)}`;
  const value = (lab, base) => ({ lab, base });
  rows.push(
    row("browser", `idle-${n}`, `graph idle, ${size}`, shown(f.idle), cmp(f.idle, f.base.idle), undefined),
  );
  if (f.ping.missing)
    rows.push(missingRow("browser", `frames-${n}`, `ping animating, ${size}`, f.ping.missing));
  else
    rows.push(
      row(
        "browser",
        `frames-${n}`,
        `ping animating, ${size}`,
        shown(f.ping),
        `vs one token: ${cmp(f.ping, f.base.token)}`,
        value(f.ping, f.base.token),
      ),
    );
  rows.push(
    row(
      "browser",
      `frames-${n}`,
      `dragging a node, ${size}`,
      shown(f.drag),
      cmp(f.drag, f.base.drag),
      value(f.drag, f.base.drag),
    ),
  );
  return rows;
}

function browserRows(b) {
  const s = b.sizes;
  const rows = [
    row(
      "browser",
      "initial",
      "initial JS + CSS, gzipped",
      kb(s.initialJsGzip + s.initialCssGzip),
      `JS ${kb(s.initialJsGzip)} + CSS ${kb(s.initialCssGzip)}; floor of React + React Flow + xterm: 213 KB`,
      s.initialJsGzip + s.initialCssGzip,
    ),
    row(
      "browser",
      "element",
      "<docker-network-lab> custom element, one script, gzipped",
      kb(s.element.gzip),
      `${kb(s.element.bytes)} before gzip: the whole lab (React, React Flow, xterm, the shell, styles) in one file`,
      undefined,
    ),
    row(
      "browser",
      "later",
      "loaded later (lazy chunks), gzipped",
      kb(s.laterGzip),
      s.later.map((a) => a.file).join(", ") || "nothing is lazy-loaded",
      undefined,
    ),
    row(
      "browser",
      "prompt",
      "navigation to a usable prompt (cold, median of 5)",
      ms(b.promptMs),
      `runs: ${b.prompts.map((p) => int(p)).join(", ")} ms`,
      b.promptMs,
    ),
    row(
      "browser",
      "prompt-500",
      "the same with a saved lab of 500 containers",
      ms(b.savedPromptMs),
      "",
      undefined,
    ),
  ];
  for (const [n, e] of Object.entries(b.enter)) {
    rows.push(
      row(
        "browser",
        `enter-${n}`,
        `Enter to the new node on the graph, ${n} containers (median of ${e.samples})`,
        ms(e.medianMs),
        `node in the DOM after ${ms(e.domMedianMs)}; worst ${ms(e.maxMs)}`,
        e.medianMs,
      ),
    );
  }
  rows.push(
    row(
      "browser",
      "longtask",
      "longest main-thread task while typing a day's pings, watch, tcpdump, 100 KB and 300-flag lines, ten docker runs",
      ms(b.responsive.longestMs),
      `during: ${b.responsive.during}; ${b.responsive.tasks} tasks over 50 ms in all`,
      b.responsive.longestMs,
    ),
  );
  for (const t of b.tempo.rows) {
    const figure = `Enter to prompt, Realtime 1×: ${t.line}`;
    if (t.realMs === undefined) {
      rows.push(
        missingRow("browser", "tempo", figure, "the real duration is not recorded (bench/real-tempo.sh)"),
      );
      continue;
    }
    const why = t.byDesign ? " (by design: ping -c N waits N−1 s; the instrument has no internet)" : "";
    rows.push(
      row("browser", "tempo", figure, ms(t.labMs), `real host ${ms(t.realMs)}${why}`, {
        labMs: t.labMs,
        realMs: t.realMs,
      }),
    );
  }
  for (const [n, f] of Object.entries(b.frames)) rows.push(...frameRows(n, f));
  rows.push(
    row(
      "browser",
      "heap",
      "JS heap after loading 500 containers and 5 docker runs (after GC)",
      `${b.heapMb.toFixed(1)} MB`,
      "",
      b.heapMb,
    ),
  );
  return rows;
}

function rowsOf(engine, browser) {
  return [...engineRows(engine), ...browserRows(browser)];
}

export function table(engine, browser, machine) {
  const rows = rowsOf(engine, browser);
  const cols = ["figure", "value", "budget", "status", "baseline"];
  const width = (c) => Math.min(70, Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) =>
    cells.map((v, i) => String(v).slice(0, width(cols[i])).padEnd(width(cols[i]))).join("  ");
  return [
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; Chromium ${machine.chromium}; ${machine.seconds} s; load average ${machine.load.join(" → ")}`,
    line(cols),
    line(cols.map((c) => "-".repeat(width(c)))),
    ...rows.map((r) => line(cols.map((c) => r[c]))),
  ].join("\n");
}

const cell = (v) => String(v).replaceAll("|", "\\|").replaceAll("\n", " ");

export function markdown(engine, browser, machine) {
  const rows = rowsOf(engine, browser);
  const section = (area) => [
    "| Figure | Value | Budget | Status | Baseline (same run) and details |",
    "|---|---|---|---|---|",
    ...rows
      .filter((r) => r.area === area)
      .map(
        (r) =>
          `| ${cell(r.figure)} | ${cell(r.value)} | ${cell(r.budget)} | ${r.status === "MISSED" ? "**missed**" : r.status} | ${cell(r.baseline)} |`,
      ),
  ];
  const missed = [...new Set(rows.filter((r) => r.status === "MISSED").map((r) => r.id))];
  return [
    "# Benchmarks",
    "",
    "Generated by `npm run bench` (bench/run.mjs); do not edit by hand. Timing lives only there, never in `npm test`.",
    "",
    `- Date: ${machine.date}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory, no GPU`,
    `- Node ${machine.node}; Chromium ${machine.chromium} (headless, software compositing)`,
    `- The whole run took ${machine.seconds} s. Load average (1 min) at its start and end: ${machine.load.join(" and ")};`,
    "  above about 0.3 other processes were running, and the figures are slower and noisier than the machine's.",
    "",
    "## How to reproduce",
    "",
    "```sh",
    "npm ci",
    "npm run bench   # needs /usr/bin/chromium; uses ports 4198 and 4199",
    "BENCH_PROFILE=/tmp/profiles npm run bench   # also writes the page's CPU profiles (ping-N, drag-N)",
    "```",
    "",
    "The engine is measured in Node through `createLab`/`run` (bench/engine.ts, bundled with Vite because Node",
    "cannot import the TypeScript sources), in a fresh process after a warm-up fill of 1,000 containers. The",
    "browser figures come from the production build (`vite build` into a temporary folder, served by",
    "`vite preview` on port 4199) in headless Chromium at 1280×720. Large labs are built in Node with the",
    "same engine and handed to the page through localStorage, as a saved lab (src/store/persist.ts).",
    "",
    "## Engine (Node)",
    "",
    ...section("engine"),
    "",
    "- docker run/s is the rate over the last tenth of filling a fresh daemon (the rate at that world size);",
    "  the whole-fill rate and the ratio to the 10-container rate show how the cost grows with the world.",
    "  Several networks are user bridges created with explicit subnets (Docker's default pools hold 31).",
    "- The ping figure is `docker exec cI ping -c 1 <cI+1>` minus `docker exec cI true` in the same world, over",
    "  pairs whose ARP caches are cold, so each ping is one ARP exchange, one echo and one reply.",
    "",
    "## Browser (headless Chromium)",
    "",
    ...section("browser"),
    "",
    "- Enter to prompt: `performance.now()` at the Enter keydown, to the first animation frame in which the",
    "  prompt is the terminal's last row, in a fresh lab at the default settings (Realtime, 1×), each command",
    "  typed 2 s after the one before. Real: the same command's wall time on the real engine 26",
    `  (bench/real-tempo.sh on the real-docker instrument, median of 5, recorded ${browser.tempo.recorded}).`,
    "- Enter to node: `performance.now()` at the Enter keydown, to the first animation frame in which the",
    "  React Flow node naming the new container is in the DOM and visible (MutationObserver in the page).",
    "- Busy share: main-thread task time over wall time (CDP `Performance.getMetrics`, TaskDuration) over a 3 s",
    "  window; worst frame: the longest gap between requestAnimationFrame callbacks in that window. The",
    "  empty page (bench/baseline) copies the lab graph's geometry (node count, sizes, positions, edges,",
    "  viewport, canvas size, background/controls/minimap) with plain nodes, measured in the same run; for",
    "  the ping its figure is one token moving along an edge.",
    `- ${FPS_TRANSLATION}`,
    "",
    "## Missed budgets: cause and plan",
    "",
    PROFILED_ON,
    "",
    ...(missed.length === 0
      ? ["None."]
      : missed.flatMap((id) => [`### ${BUDGETS[id].title}`, "", missedNote(id), ""])),
    "",
  ].join("\n");
}
