import { readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { preview } from "vite";
const N = process.argv[2] ?? "500";
const css = process.argv[3] ?? "";
const server = await preview({ root: process.cwd(), logLevel: "warn", build: { outDir: "/tmp/benchproto/cur-dist" }, preview: { port: 4190, strictPort: true, host: "127.0.0.1" } });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
for (const variant of ["", css, "", css]) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(([k, v]) => localStorage.setItem(k, v), ["docker-network-lab:v1", readFileSync(`/tmp/benchproto/eng-cur/lab-${N}.json`, "utf8")]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.goto("http://127.0.0.1:4190/");
  await page.waitForFunction(() => document.querySelector(".xterm-rows")?.textContent?.includes("[root@host1 ~]#"), null, { timeout: 120000 });
  if (variant) await page.addStyleTag({ content: variant });
  await page.locator(".xterm").first().click();
  await sleep(3000);
  await page.keyboard.type("docker exec c0 ping -c 1 172.17.0.3");
  const m = (x, n) => x.metrics.find((y) => y.name === n).value;
  const a = await cdp.send("Performance.getMetrics");
  await page.keyboard.press("Enter");
  await sleep(3000);
  const b = await cdp.send("Performance.getMetrics");
  console.log(variant ? "with css" : "as is  ", ((m(b, "TaskDuration") - m(a, "TaskDuration")) / (m(b, "Timestamp") - m(a, "Timestamp")) * 100).toFixed(0) + "%");
  await context.close();
}
await browser.close(); await server.close();
