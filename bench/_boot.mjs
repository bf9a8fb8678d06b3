import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { preview } from "vite";

const N = process.argv[2] ?? "500";
const server = await preview({
  root: process.cwd(),
  logLevel: "warn",
  build: { outDir: "/tmp/benchproto/cur-nomin" },
  preview: { port: 4193, strictPort: true, host: "127.0.0.1" },
});
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
const saved = readFileSync(`/tmp/benchproto/eng-cur/lab-${N}.json`, "utf8");
await context.addInitScript(([k, v]) => localStorage.setItem(k, v), ["docker-network-lab:v1", saved]);
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
await cdp.send("Profiler.start");
const t0 = Date.now();
await page.goto("http://127.0.0.1:4193/");
await page.waitForFunction(
  () => document.querySelector(".xterm-rows")?.textContent?.includes("[root@host1 ~]#"),
  null,
  { timeout: 120000 },
);
console.log("prompt after", Date.now() - t0);
const { profile } = await cdp.send("Profiler.stop");
writeFileSync("/tmp/benchproto/prof/boot.cpuprofile", JSON.stringify(profile));
await browser.close();
await server.close();
