import { readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { preview } from "vite";

const server = await preview({
  root: process.cwd(),
  logLevel: "warn",
  build: { outDir: "/tmp/benchproto/cur-dist" },
  preview: { port: 4191, strictPort: true, host: "127.0.0.1" },
});
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
await context.addInitScript(
  ([k, v]) => localStorage.setItem(k, v),
  ["docker-network-lab:v1", readFileSync(`/tmp/benchproto/eng-cur/lab-10.json`, "utf8")],
);
const page = await context.newPage();
page.on("pageerror", (m) => console.log("pageerror", String(m)));
await page.goto("http://127.0.0.1:4191/");
await page.waitForFunction(
  () => document.querySelector(".xterm-rows")?.textContent?.includes("[root@host1 ~]#"),
  null,
  { timeout: 120000 },
);
await page.locator(".xterm").first().click();
await new Promise((r) => setTimeout(r, 1000));
await page.keyboard.type("docker exec c0 ping -c 1 172.17.0.3");
await page.keyboard.press("Enter");
await new Promise((r) => setTimeout(r, 3000));
await page.keyboard.press("Control+C");
const t1 = Date.now();
for (const t of [3, 10]) {
  await new Promise((r) => setTimeout(r, t === 3 ? 3000 : 7000));
  await page.screenshot({ path: `/tmp/benchproto/ping-${t}.png` });
  console.log(
    t,
    await page.evaluate(() =>
      [...document.querySelectorAll(".xterm-rows > div")]
        .map((r) => r.textContent)
        .filter((t) => t.trim())
        .join(" / "),
    ),
  );
}
await browser.close();
await server.close();
