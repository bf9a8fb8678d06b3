/**
 * Tempo: in Realtime mode the terminal answers as a real host does while the packets animate
 * alongside; in Step by step mode each output line waits for its packet. The detail level changes
 * the hops the graph plays, not the event list; skip ends the animation at its last hop; the mode
 * is remembered. Behaviour is read from the page (the token's attributes, the terminal's text), not
 * from timings.
 */
import { expect, type Page, test } from "@playwright/test";
import {
  activeTerminal,
  expectScreen,
  expectTerminal,
  openLab,
  runToPrompt,
  screenText,
  typeLine,
} from "./terminal-helpers";

const PROMPT = "[root@host1 ~]#";
const bar = (page: Page) => page.getByRole("toolbar", { name: "Packet playback" });
const token = (page: Page) => page.getByRole("region", { name: "Network graph" }).getByTestId("packet-token");

const run = (page: Page, line: string) => runToPrompt(page, line, PROMPT);

async function focusTerminal(page: Page) {
  await activeTerminal(page).locator(".xterm").click();
}

async function twoContainers(page: Page) {
  await run(page, "docker network create mynet");
  await run(page, "docker run -d --name c1 --network mynet busybox sleep 3600");
  await run(page, "docker run -d --name c2 --network mynet busybox sleep 3600");
}

test.beforeEach(async ({ page }) => {
  await openLab(page);
  await expectTerminal(page, PROMPT);
});

test("Realtime is the default: the output and the next prompt are there while the packets still animate", async ({
  page,
}) => {
  await expect(page.getByRole("button", { name: "Realtime" })).toHaveAttribute("aria-pressed", "true");
  await twoContainers(page);
  await page.getByLabel("Speed").selectOption("0.25");
  await focusTerminal(page);
  await typeLine(page, "docker exec c1 ping -c 1 c2");
  await expectScreen(page, `1 packets transmitted, 1 packets received, 0% packet loss\n`);
  await expect.poll(async () => (await screenText(page)).split("\n").pop()).toBe(PROMPT);
  await expect(bar(page)).toHaveAttribute("data-animating", "true");
  await expect(token(page)).toBeVisible();
  // And the animation goes on to the end by itself.
  await expect(bar(page)).toHaveAttribute("data-animating", "false", { timeout: 20_000 });
});

test("Step by step: a reply line is printed only after its packet has arrived", async ({ page }) => {
  await twoContainers(page);
  await page.getByRole("button", { name: "Step by step" }).click();
  await page.getByLabel("Speed").selectOption("4");
  await focusTerminal(page);
  // The order in which the page shows the reply's arrival and the reply's line.
  await page.evaluate(() => {
    const w = window as unknown as { events: string[] };
    w.events = [];
    new MutationObserver(() => {
      const label = document.querySelector('[data-testid="packet-token"]')?.getAttribute("aria-label") ?? "";
      if (/echo reply at c1 eth0 \(delivered\)/.test(label) && !w.events.includes("reply arrived"))
        w.events.push("reply arrived");
      const text = document.querySelector(
        '[data-terminal-active="true"] .xterm-accessibility-tree',
      )?.textContent;
      if (text?.includes("64 bytes from") && !w.events.includes("line printed"))
        w.events.push("line printed");
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await run(page, "docker exec c1 ping -c 1 c2");
  const events = await page.evaluate(() => (window as unknown as { events: string[] }).events);
  expect(events).toEqual(["reply arrived", "line printed"]);
});

test("the detail level changes the hops the graph plays, not the event list", async ({ page }) => {
  await run(page, "docker run -d --name c1 busybox sleep 3600");
  await page.getByRole("button", { name: "Step by step" }).click();
  await page.getByLabel("Speed").selectOption("4");
  await page.getByLabel("Detail").selectOption("host");
  await page.getByRole("button", { name: "Event list" }).click();
  // Every hop the token lands on, by index.
  await page.evaluate(() => {
    const w = window as unknown as { hops: Set<string>; folded: number };
    w.hops = new Set();
    w.folded = 0;
    new MutationObserver(() => {
      const t = document.querySelector('[data-testid="packet-token"]');
      const hop = t?.getAttribute("data-hop");
      if (hop && !w.hops.has(hop)) {
        w.hops.add(hop);
        if (/hops beyond the Docker host/.test(t?.getAttribute("aria-label") ?? "")) w.folded++;
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await focusTerminal(page);
  await run(page, "docker exec c1 ping -c 1 8.8.8.8");
  await expect(bar(page)).toHaveAttribute("data-animating", "false", { timeout: 20_000 });
  const events = page.getByRole("region", { name: "Packet events" }).getByRole("listitem");
  const total = await events.count();
  const host = await page.evaluate(() => {
    const w = window as unknown as { hops: Set<string>; folded: number };
    const seen = { hops: w.hops.size, folded: w.folded };
    w.hops = new Set();
    w.folded = 0;
    return seen;
  });
  expect(host.folded).toBeGreaterThan(0);
  await page.getByLabel("Detail").selectOption("all");
  await page.getByRole("button", { name: "Replay the last command's packets" }).click();
  await expect(bar(page)).toHaveAttribute("data-animating", "true");
  await expect(bar(page)).toHaveAttribute("data-animating", "false", { timeout: 30_000 });
  const all = await page.evaluate(() => {
    const w = window as unknown as { hops: Set<string>; folded: number };
    return { hops: w.hops.size, folded: w.folded };
  });
  expect(all.folded).toBe(0);
  expect(all.hops).toBeGreaterThan(host.hops + 10);
  await expect(events).toHaveCount(total);
});

test("skip puts the graph at the last hop at once, in either mode", async ({ page }) => {
  await twoContainers(page);
  await page.getByLabel("Speed").selectOption("0.25");
  await focusTerminal(page);
  await run(page, "docker exec c1 ping -c 1 c2");
  await expect(bar(page)).toHaveAttribute("data-animating", "true");
  await page.keyboard.press("Alt+s");
  await expect(bar(page)).toHaveAttribute("data-animating", "false");
  const readout = page.getByRole("region", { name: "Network graph" }).getByLabel("Current hop");
  await expect(readout).toHaveText(/^(\d+)\/\1 /);
  // Step by step: skipping also lets the output that waited for its packets through.
  await page.keyboard.press("Alt+m");
  await expect(page.getByRole("button", { name: "Step by step" })).toHaveAttribute("aria-pressed", "true");
  await typeLine(page, "docker exec c2 ping -c 1 c1");
  await expect(token(page)).toBeVisible();
  await page.getByRole("button", { name: "Skip to the end (Alt+S)" }).click();
  await expectScreen(page, "1 packets transmitted, 1 packets received, 0% packet loss");
  await expect(readout).toHaveText(/^(\d+)\/\1 /);
});

test("the mode and the detail level are remembered across a reload", async ({ page }) => {
  await page.getByRole("button", { name: "Step by step" }).click();
  await page.getByLabel("Detail").selectOption("all");
  await page.reload();
  await expectTerminal(page, PROMPT);
  await expect(page.getByRole("button", { name: "Step by step" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Detail")).toHaveValue("all");
});

test("a mode given in the address holds for that visit only; the student's own choice stays", async ({
  page,
}) => {
  await page.goto("/?mode=step&detail=all");
  await expectTerminal(page, PROMPT);
  await expect(page.getByRole("button", { name: "Step by step" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Detail")).toHaveValue("all");
  await page.goto("/");
  await expectTerminal(page, PROMPT);
  await expect(page.getByRole("button", { name: "Realtime" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Detail")).toHaveValue("host");
});
