/**
 * Tempo: Enter to the next prompt, at the default settings (Realtime, 1×), for the commands a
 * lesson types most, in a fresh lab, beside what the same command takes on a real Docker 26 host
 * (bench/real-tempo.json, recorded by bench/real-tempo.sh on the real-docker instrument). The
 * budget: every command within its real duration + 300 ms.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PROMPT = "[root@host1 ~]#";

/** The commands, in order; `real` names the recorded command whose duration is the real figure. */
const TEMPO_COMMANDS = [
  { line: "docker network create tempo-net" },
  { line: "docker run -d --name web --network tempo-net -p 8080:80 busybox httpd -f -p 80" },
  { line: "docker run -itd --name c1 --network tempo-net busybox" },
  { line: "docker inspect web" },
  { line: "docker exec c1 ping -c 2 web" },
  { line: "docker exec c1 wget -qO- web" },
  { line: "curl -s localhost:8080" },
  { line: "docker exec c1 nslookup web" },
  // The instrument has no internet: a ping's duration is its count less one, in seconds, by design.
  { line: "docker exec c1 ping -c 2 google.com", byDesignMs: 1000 },
];

const real = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), "real-tempo.json"), "utf8"),
);

/** In the page: from the Enter keydown to the frame in which the prompt is back on the last row. */
function watchPromptBack(prompt) {
  window.__promptBack = new Promise((resolve) => {
    let enterAt = 0;
    const lastRow = () => {
      const rows = [...document.querySelectorAll('[data-terminal-active="true"] .xterm-rows > div')]
        .map((r) => r.textContent?.replace(/\u00a0/g, " ").trimEnd() ?? "")
        .filter((t) => t !== "");
      return rows[rows.length - 1];
    };
    const onKey = (e) => {
      if (e.key !== "Enter" || enterAt) return;
      enterAt = performance.now();
      window.removeEventListener("keydown", onKey, true);
      const check = () => {
        if (lastRow() === prompt) resolve(performance.now() - enterAt);
        else requestAnimationFrame(check);
      };
      // The line's echo first moves the prompt away.
      requestAnimationFrame(() => requestAnimationFrame(check));
    };
    window.addEventListener("keydown", onKey, true);
  });
}

export async function measureTempo(browser, appUrl, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(appUrl);
  await page.locator('[data-terminal-active="true"] .xterm').click();
  await page.waitForFunction(
    (prompt) => document.querySelector(".xterm-rows")?.textContent?.includes(prompt),
    PROMPT,
  );
  // The graph and the shell load after the first prompt.
  await page.getByRole("toolbar", { name: "Packet playback" }).waitFor();
  const rows = [];
  for (const command of TEMPO_COMMANDS) {
    await page.keyboard.type(command.line);
    await page.evaluate(watchPromptBack, PROMPT);
    await page.keyboard.press("Enter");
    const labMs = await page.evaluate(() => window.__promptBack);
    const realMs = command.byDesignMs ?? real.commands[command.line];
    rows.push({ line: command.line, labMs, realMs, byDesign: command.byDesignMs !== undefined });
    // Let the animation end before the next command, as a student reading the output would.
    await page.waitForTimeout(2000);
  }
  await context.close();
  return { rows, recorded: real.recorded };
}
