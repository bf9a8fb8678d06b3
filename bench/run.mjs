/**
 * `npm run bench`: measures the engine in Node and the production build in headless Chromium, prints
 * a table and writes BENCHMARKS.md. Timing lives here only, never in `npm test`.
 *
 * Steps: bundle bench/engine.ts with Vite (SSR) and run it in a fresh Node process; build the app and
 * the baseline page (bench/baseline) into a temporary folder; serve both with `vite preview` on ports
 * 4199 and 4198 (the e2e tests use 4173); drive Chromium (bench/browser.mjs); report (bench/report.mjs).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { build, preview } from "vite";
import { measureBrowser } from "./browser.mjs";
import { markdown, table } from "./report.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const APP_PORT = 4199;
const BASELINE_PORT = 4198;
const started = performance.now();
const loadAtStart = loadavg()[0];
const log = (text) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${text}`);

async function buildEngineBench(outDir) {
  await build({
    configFile: false,
    publicDir: false,
    logLevel: "warn",
    // Dependencies (fflate) are bundled in: the bundle runs from a temporary folder without node_modules.
    ssr: { noExternal: true },
    build: { ssr: join(root, "bench/engine.ts"), outDir, emptyOutDir: true, target: "node20" },
  });
  return join(outDir, "engine.js");
}

async function buildPages(work) {
  const dist = join(work, "dist");
  await build({ root, logLevel: "error", build: { outDir: dist, emptyOutDir: true } });
  // The custom element (one script a page includes), beside the app as `npm run build` puts it.
  await build({
    root,
    configFile: join(root, "vite.element.config.ts"),
    logLevel: "error",
    build: { outDir: join(dist, "element"), emptyOutDir: true },
  });
  const baseline = join(work, "baseline");
  await build({
    configFile: false,
    root: join(root, "bench/baseline"),
    base: "./",
    publicDir: false,
    logLevel: "error",
    plugins: [react()],
    build: { outDir: baseline, emptyOutDir: true, target: "es2022" },
  });
  return { dist, baseline };
}

async function serve(outDir, port, configFile) {
  const server = await preview({
    root,
    configFile,
    logLevel: "warn",
    build: { outDir },
    preview: { port, strictPort: true, host: "127.0.0.1" },
  });
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), "dnl-bench-"));
  try {
    log("engine: bundling and measuring in Node");
    const engineDir = join(work, "engine");
    mkdirSync(engineDir);
    const entry = await buildEngineBench(engineDir);
    execFileSync(process.execPath, ["--expose-gc", entry, engineDir], { stdio: "inherit" });
    const engine = JSON.parse(readFileSync(join(engineDir, "engine.json"), "utf8"));
    const labs = Object.fromEntries(
      Object.entries(engine.labs).map(([n, l]) => [
        n,
        { ...l, text: readFileSync(join(engineDir, l.file), "utf8") },
      ]),
    );

    log("browser: building the app and the baseline page");
    const pages = await buildPages(work);
    const app = await serve(pages.dist, APP_PORT, undefined);
    const base = await serve(pages.baseline, BASELINE_PORT, false);
    let browser;
    try {
      browser = await measureBrowser({ appUrl: app.url, baseUrl: base.url, distDir: pages.dist, labs, log });
      const element = readFileSync(join(pages.dist, "element/docker-network-lab.js"));
      browser.sizes.element = { bytes: element.length, gzip: gzipSync(element, { level: 9 }).length };
    } finally {
      await app.close();
      await base.close();
    }

    const machine = {
      cpu: cpus()[0]?.model ?? "unknown",
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      chromium: browser.version,
      date: new Date().toISOString(),
      seconds: Math.round((performance.now() - started) / 1000),
      load: [loadAtStart, loadavg()[0]].map((l) => l.toFixed(2)),
    };
    console.log(table(engine, browser, machine));
    writeFileSync(join(root, "BENCHMARKS.md"), markdown(engine, browser, machine));
    // Aligned tables, as the project's formatter (run by npm test) wants them.
    execFileSync(join(root, "node_modules/.bin/biome"), ["format", "--write", "BENCHMARKS.md"], {
      cwd: root,
    });
    log("wrote BENCHMARKS.md");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
