import { readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import react from "@vitejs/plugin-react";
import { build, preview } from "vite";

await build({
  configFile: false,
  root: "/work/main/bench/baseline",
  base: "./",
  publicDir: false,
  logLevel: "warn",
  plugins: [react()],
  build: { outDir: "/tmp/benchproto/baseline", emptyOutDir: true },
});
const app = await preview({
  root: process.cwd(),
  logLevel: "warn",
  build: { outDir: "/tmp/benchproto/cur-nomin" },
  preview: { port: 4196, strictPort: true, host: "127.0.0.1" },
});
const base = await preview({
  configFile: false,
  root: process.cwd(),
  logLevel: "warn",
  build: { outDir: "/tmp/benchproto/baseline" },
  preview: { port: 4195, strictPort: true, host: "127.0.0.1" },
});
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function drag(page, id) {
  const box = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
  const x = box.x + Math.min(box.width / 2, 20),
    y = box.y + Math.min(box.height / 2, 12);
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 75; i++) {
    const a = (2 * Math.PI * i) / 75;
    await page.mouse.move(x + 60 * Math.sin(a), y + 60 * (1 - Math.cos(a)));
    await sleep(40);
  }
  await page.mouse.up();
}
const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
await ctx.addInitScript(
  ([k, v]) => localStorage.setItem(k, v),
  ["docker-network-lab:v1", readFileSync("/tmp/benchproto/eng-cur/lab-500.json", "utf8")],
);
const page = await ctx.newPage();
await page.goto("http://127.0.0.1:4196/");
await page.waitForFunction(
  () => document.querySelector(".xterm-rows")?.textContent?.includes("[root@host1 ~]#"),
  null,
  { timeout: 120000 },
);
await sleep(3000);
const g = await page.evaluate(() => {
  const flow = document.querySelector(".react-flow");
  const box = flow.getBoundingClientRect();
  const matrix = new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport")).transform);
  const nodes = [...document.querySelectorAll(".react-flow__node")].map((n) => {
    const m = new DOMMatrix(getComputedStyle(n).transform);
    return { id: n.dataset.id, x: m.e, y: m.f, width: n.offsetWidth, height: n.offsetHeight };
  });
  const labels = [...document.querySelectorAll(".react-flow__edge")]
    .slice(0, 3)
    .map((e) => e.getAttribute("aria-label"));
  const edges = [...document.querySelectorAll(".react-flow__edge")].map((e, i) => {
    const [, s, t] = /^Edge from (.+) to (.+)$/.exec(e.getAttribute("aria-label") ?? "") ?? [];
    return {
      source: s ?? nodes[0].id,
      target: t ?? nodes[(i % (nodes.length - 1)) + 1].id,
      label: e.querySelector(".react-flow__edge-text") !== null,
    };
  });
  return {
    labels,
    width: box.width,
    height: box.height,
    viewport: { x: matrix.e, y: matrix.f, zoom: matrix.a },
    nodes,
    edges,
    minimap: !!document.querySelector(".react-flow__minimap"),
    controls: true,
    background: true,
    token: false,
  };
});
console.log(g.labels, g.edges.length, g.edges[0]);
const id =
  "host1/" + g.nodes.find((n) => n.id.startsWith("host1/") && n.y > 2000 && n.y < 2200)?.id.split("/")[1];
const target = await page.evaluate(() => {
  const flow = document.querySelector(".react-flow").getBoundingClientRect();
  let best;
  for (const n of document.querySelectorAll(".react-flow__node")) {
    const r = n.getBoundingClientRect();
    const d = Math.hypot(
      r.x + r.width / 2 - flow.x - flow.width / 2,
      r.y + r.height / 2 - flow.y - flow.height / 2,
    );
    if (!best || d < best.d) best = { id: n.dataset.id, d };
  }
  return best.id;
});
const cdp = await ctx.newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
await cdp.send("Profiler.start");
await drag(page, target);
const { profile } = await cdp.send("Profiler.stop");
(await import("node:fs")).writeFileSync("/tmp/benchproto/prof/drag-lab.cpuprofile", JSON.stringify(profile));
await page.screenshot({ path: "/tmp/benchproto/lab-after-drag.png" });
const ctx2 = await browser.newContext({ viewport: { width: 1280, height: 720 } });
await ctx2.addInitScript((v) => {
  window.__geometry = v;
}, g);
const p2 = await ctx2.newPage();
await p2.goto("http://127.0.0.1:4195/");
await p2.locator(".react-flow__node").first().waitFor();
await sleep(1500);
await p2.screenshot({ path: "/tmp/benchproto/base.png" });

await browser.close();
await app.close();
await base.close();
