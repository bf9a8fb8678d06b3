/**
 * Responsiveness: the longest main-thread task (PerformanceObserver "longtask") while a student
 * types what would run for a day or flood the terminal: a `ping -c 100000` to a silent address and
 * through a pipe, a `watch` redrawing ten times a second, a capture, a pasted 100 KB line, a line
 * with 300 flags, ten `docker run`s in a row. Each is stopped with Ctrl+C as a student would.
 */
const PROMPT = "[root@host1 ~]#";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function lastRow(page) {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('[data-terminal-active="true"] .xterm-rows > div')]
      .map((r) => r.textContent?.replace(/\u00a0/g, " ").trimEnd() ?? "")
      .filter((t) => t !== "");
    return rows[rows.length - 1];
  });
}

async function promptBack(page) {
  for (let i = 0; i < 400; i++) {
    if ((await lastRow(page)) === PROMPT) return;
    await sleep(50);
  }
  throw new Error(`no prompt: ${await lastRow(page)}`);
}

async function paste(page, text) {
  await page.locator('[data-terminal-active="true"] .xterm-helper-textarea').evaluate((area, data) => {
    const transfer = new DataTransfer();
    transfer.setData("text/plain", data);
    area.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** Each step: what is typed, and how long it runs before Ctrl+C (none: it returns by itself). */
const STEPS = [
  { line: "docker run -d --name c1 busybox sleep 3600" },
  { line: "ping -c 100000 1.2.3.4", ctrlC: 3000 },
  { line: "docker exec c1 ping -c 100000 172.17.0.1 | tail -1", ctrlC: 2500 },
  { line: "watch -n 0.1 docker ps", ctrlC: 2000 },
  { line: "tcpdump -i docker0 -n", ctrlC: 500 },
  { paste: `echo ${"x".repeat(100_000)} | wc -c` },
  { paste: `docker run ${"-d ".repeat(300)}--name c2 busybox sleep 60` },
  ...Array.from({ length: 10 }, (_, i) => ({ line: `docker run -d --name many${i} busybox sleep 3600` })),
];

export async function measureResponsive(browser, appUrl, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(appUrl);
  await page.locator('[data-terminal-active="true"] .xterm').click();
  await page.getByRole("toolbar", { name: "Packet playback" }).waitFor();
  await promptBack(page);
  await page.evaluate(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push({ ms: e.duration, step: window.__step });
    }).observe({ type: "longtask" });
  });
  for (const step of STEPS) {
    const what = step.line ?? `${step.paste.slice(0, 40)}… (${step.paste.length} characters, pasted)`;
    await page.evaluate((s) => {
      window.__step = s;
    }, what);
    if (step.line) {
      await page.keyboard.type(step.line);
      await page.keyboard.press("Enter");
    } else await paste(page, `${step.paste}\n`);
    if (step.ctrlC) {
      await sleep(step.ctrlC);
      await page.keyboard.press("Control+C");
    }
    await promptBack(page);
  }
  await sleep(1000);
  const tasks = await page.evaluate(() => window.__tasks);
  await context.close();
  const longest = tasks.reduce((a, t) => (t.ms > a.ms ? t : a), { ms: 0, step: "none" });
  return { longestMs: longest.ms, during: longest.step, tasks: tasks.length };
}
