/**
 * Lines that would run for a day, flood the terminal or fill the graph: each prints as a real host
 * would, Ctrl+C stops it at once, and the prompt comes back. (How long the page's main thread is
 * held meanwhile is timing, measured by `npm run bench`: the longest task while typing them.)
 */
import { expect, type Page, test } from "@playwright/test";
import {
  expectScreen,
  expectTerminal,
  openLab,
  paste,
  runToPrompt,
  screenText,
  typeLine,
} from "./terminal-helpers";

const PROMPT = "[root@host1 ~]#";

async function ctrlC(page: Page) {
  await page.keyboard.press("Control+C");
  await expect.poll(async () => (await screenText(page)).split("\n").pop(), { timeout: 10_000 }).toBe(PROMPT);
}

test("a day's worth of pings, a full-screen watch, a capture and huge lines all answer Ctrl+C", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openLab(page);
  await expectTerminal(page, PROMPT);
  await runToPrompt(page, "docker run -d --name c1 busybox sleep 3600");
  await typeLine(page, "ping -c 100000 1.2.3.4");
  await expectScreen(page, "icmp_seq=2", 10_000);
  await ctrlC(page);
  await expectScreen(page, /(\d+) packets transmitted, 0 received, \+\1 errors, 100% packet loss/);
  // Through a pipe the reader gets nothing until ping ends; Ctrl+C ends both.
  await typeLine(page, "docker exec c1 ping -c 100000 172.17.0.1 | tail -1; echo status $?");
  await page.waitForTimeout(2500);
  await ctrlC(page);
  await expectScreen(page, "^Cstatus 130");
  await runToPrompt(page, "ping -c 99999999999999999999 1.2.3.4");
  await expectScreen(page, "ping: invalid argument: '99999999999999999999': Numerical result out of range");
  // watch takes the alternate screen and gives the terminal back as it was.
  await typeLine(page, "watch -n 0.1 docker ps");
  await expectScreen(page, "Every 0.1s: docker ps");
  await ctrlC(page);
  await expectScreen(page, "status 130");
  await typeLine(page, "tcpdump -i docker0 -n");
  await expectScreen(page, "listening on docker0");
  await ctrlC(page);
  // A pasted line of 100 KB, and one with a flood of flags.
  await paste(page, `echo ${"x".repeat(100_000)} | wc -c\n`);
  await expectScreen(page, "\n100001\n", 20_000);
  await paste(page, `docker run ${"-d ".repeat(300)}--name c2 busybox sleep 60\n`);
  await expect.poll(async () => (await screenText(page)).split("\n").pop(), { timeout: 20_000 }).toBe(PROMPT);
  await runToPrompt(page, "docker ps --format '{{.Names}}'");
  await expectScreen(page, "\nc2\nc1\n");
});
