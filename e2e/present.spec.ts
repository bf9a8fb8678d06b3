/**
 * Presenter mode with a scripted demo, driven by the keys a presentation clicker sends: PageDown and
 * → type the next command out under its caption and run it; PageUp and ← step back (undo). A click
 * on a node spotlights it. Screenshots at a projector's 1280×720 and 1920×1080 are kept in
 * test-results/ to look at.
 */
import { expect, type Page, test } from "@playwright/test";
import { graphNode, promptAfter, screenText } from "./terminal-helpers";

const STEPS = [
  "docker network create app",
  "docker run -dit --name web --network app busybox",
  "docker run -dit --name client --network app busybox",
];

const SCRIPT = [
  "# A user-defined network has a bridge of its own",
  "docker network create app",
  "# Containers on it find each other by name",
  "docker run -dit --name web --network app busybox",
  "docker run -dit --name client --network app busybox",
  "# The name is answered by Docker's DNS at 127.0.0.11",
  "docker exec client ping -c 1 web",
].join("\n");

// Each step is typed out at a presenter's pace: these tests take their time.
test.describe.configure({ timeout: 120_000 });

const caption = (page: Page) => page.getByRole("status", { name: "Caption" });
const hostNs = (page: Page) => graphNode(page, "host namespace of host1");

/** The clicker's next step, waited for until it has run. */
async function next(page: Page, key: "PageDown" | "ArrowRight", step: number): Promise<void> {
  await page.keyboard.press(key);
  await expect(caption(page)).toContainText(`${step}/4`);
  // The ping: presenter mode plays Step by step, so each further press moves its packets on, until
  // its statistics (its lines push the command itself off the large-type terminal).
  if (step === 4) {
    await expect
      .poll(
        async () => {
          const text = await screenText(page);
          if (text.includes("1 packets transmitted, 1 packets received") && text.endsWith("[root@host1 ~]#"))
            return true;
          await page.keyboard.press(key);
          return false;
        },
        { timeout: 30_000, intervals: [400] },
      )
      .toBe(true);
  } else await promptAfter(page, STEPS[step - 1] ?? "");
}

async function openDemo(page: Page): Promise<void> {
  await page.goto(`/?present=1&script=${encodeURIComponent(SCRIPT)}`);
  await expect(caption(page)).toHaveText("Press → or PageDown for the first step.");
  await expect(page.getByRole("banner")).toHaveCount(0);
}

test("a scripted demo steps forward and back with a clicker's keys", async ({ page }) => {
  await openDemo(page);
  await next(page, "PageDown", 1);
  await expect(caption(page)).toContainText("A user-defined network has a bridge of its own");
  await expect(caption(page)).toContainText("$ docker network create app");
  await expect(hostNs(page)).toContainText("172.18.0.0/16");

  // A second press while a step is still being typed is not a second step.
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await promptAfter(page, STEPS[1] ?? "");
  await expect(caption(page)).toContainText("2/4");
  await expect(graphNode(page, "container web (running)")).toBeVisible();
  await next(page, "ArrowRight", 3);
  await expect(graphNode(page, "container client (running)")).toBeVisible();

  // Back: the room sees the lab as it was before the step.
  await page.keyboard.press("ArrowLeft");
  await expect(graphNode(page, "container client (running)")).toHaveCount(0);
  await expect(caption(page)).toContainText("2/4");
  await page.keyboard.press("PageUp");
  await expect(graphNode(page, "container web (running)")).toHaveCount(0);
  await expect(caption(page)).toContainText("1/4");
  await page.keyboard.press("PageUp");
  await expect(hostNs(page)).not.toContainText("172.18.0.0/16");
  await expect(caption(page)).toHaveText("Press → or PageDown for the first step.");

  // And forward again, through to the ping the room watches.
  for (let step = 1; step <= 4; step++) await next(page, "PageDown", step);
});

test("a click on a node spotlights it; presenter mode looks right at 1280×720 and 1920×1080", async ({
  page,
}) => {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await openDemo(page);
    for (let step = 1; step <= 3; step++) await next(page, "PageDown", step);
    await expect(graphNode(page, "container client (running)")).toBeVisible({ timeout: 10_000 });
    await graphNode(page, "container web (running)").click();
    await expect(page.locator("[data-spotlight] .react-flow__node[data-spotlit]")).toHaveAttribute(
      "aria-label",
      "container web (running)",
    );
    await next(page, "PageDown", 4);
    await page.waitForTimeout(600);
    await page.screenshot({ path: `test-results/presenter-${width}x${height}.png` });
    // The terminal's type is large for the room: a thirty-sixth of the height.
    const row = await page.locator('[data-terminal-active="true"] .xterm-rows > div').first().boundingBox();
    expect(row?.height).toBeGreaterThanOrEqual(Math.round(height / 36));
  }
  await page.getByRole("button", { name: "Exit presenter (P)" }).click();
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(caption(page)).toBeVisible();
});

test("P turns presenter mode on and off from the toolbar's page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("banner")).toBeVisible();
  await page.getByRole("heading", { name: "Docker Network Lab" }).click();
  await page.keyboard.press("p");
  await expect(page.getByRole("banner")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("banner")).toBeVisible();
  await page.getByRole("button", { name: "Present" }).click();
  await expect(page.getByRole("button", { name: "Exit presenter (P)" })).toBeVisible();
});
