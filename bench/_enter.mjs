import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { preview } from "vite";

const N = process.argv[2] ?? "500";
const server = await preview({
  root: process.cwd(),
  logLevel: "warn",
  build: { outDir: "/tmp/benchproto/cur-nomin" },
  preview: { port: 4192, strictPort: true, host: "127.0.0.1" },
});
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
await context.addInitScript(
  ([k, v]) => localStorage.setItem(k, v),
  ["docker-network-lab:v1", readFileSync(`/tmp/benchproto/eng-cur/lab-${N}.json`, "utf8")],
);
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await page.goto("http://127.0.0.1:4192/");
await page.waitForFunction(
  () => document.querySelector(".xterm-rows")?.textContent?.includes("[root@host1 ~]#"),
  null,
  { timeout: 120000 },
);
await page.locator(".xterm").first().click();
await new Promise((r) => setTimeout(r, 3000));
await page.keyboard.type(process.argv[3] ?? "docker run -d --name prof1 busybox sleep 3600");
if (process.env.TRACE) await browser.startTracing(page, { path: process.env.TRACE, categories: ["devtools.timeline"] });
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
await cdp.send("Profiler.start");
const t0 = Date.now();
await page.keyboard.press("Enter");
if (process.argv[3]) await new Promise((r) => setTimeout(r, 3000));
else { await page.locator(".react-flow__node", { hasText: "prof1" }).waitFor({ state: "visible" });
console.log("visible after", Date.now() - t0);
await new Promise((r) => setTimeout(r, 300)); }
const { profile } = await cdp.send("Profiler.stop");
if (process.env.TRACE) await browser.stopTracing();
writeFileSync(process.argv[4] ?? "/tmp/benchproto/prof/enter.cpuprofile", JSON.stringify(profile));
await browser.close();
await server.close();
