/**
 * The lab for people who do not use a mouse or do not see the screen: axe finds no serious or
 * critical violation in the main views, the keyboard reaches every control with the focus always
 * visible, and Escape leaves the terminal.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { activeTerminal, openLab, terminalText } from "./terminal-helpers";

const SCRIPT = [
  "docker network create app",
  "docker run -itd --name web --net app busybox",
  "docker run -itd --name client --net app busybox",
  "docker exec client ping -c 1 web",
].join("\n");

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The script has run to its end: the ping's statistics are on screen. */
async function scriptDone(page: Page) {
  await expect(terminalText(page)).toContainText("1 packets received", { timeout: 30_000 });
}

async function openScripted(page: Page) {
  await page.goto(`/?script=${encodeURIComponent(SCRIPT)}`);
  await scriptDone(page);
  await expect(page.getByRole("status", { name: "Current hop" })).not.toHaveText("", { timeout: 10_000 });
}

// axe reads the whole page each time: on a loaded machine one pass takes seconds.
test.describe.configure({ timeout: 120_000 });

test("axe finds no serious or critical violation in the main views", async ({ page }) => {
  await openScripted(page);
  expect(await seriousViolations(page), "graph, terminal, inspector").toEqual([]);
  await page.getByRole("button", { name: "The packets' story, hop by hop, in words" }).click();
  await expect(page.getByTestId("story")).toBeVisible();
  expect(await seriousViolations(page), "the story beside the graph").toEqual([]);
  await page.getByRole("button", { name: "Who can reach whom, and why not" }).click();
  await expect(page.getByTestId("reach-status")).toHaveText("", { timeout: 20_000 });
  await page.getByTestId("reach-panel").locator('button[data-cell="1:2"]').click();
  expect(await seriousViolations(page), "the reachability matrix").toEqual([]);
  await page.getByRole("button", { name: "L2" }).click();
  expect(await seriousViolations(page), "the L2 lens").toEqual([]);
  await page.getByRole("button", { name: "Lessons" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(await seriousViolations(page), "the lesson list").toEqual([]);
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: /^Present/ }).click();
  expect(await seriousViolations(page), "presenter mode").toEqual([]);
});

for (const { lang, theme } of [
  { lang: "ru", theme: "dark" },
  { lang: "zh-CN", theme: "light" },
]) {
  test(`axe finds none in ${lang}, ${theme} theme`, async ({ page }) => {
    await page.goto(`/?theme=${theme}&lang=${lang}&script=${encodeURIComponent(SCRIPT)}`);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await scriptDone(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

/** What has the focus, and whether a ring shows it (an outline, or xterm's own cursor in the terminal). */
async function focused(page: Page): Promise<{ label: string; ring: boolean; inTerminal: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { label: "body", ring: false, inTerminal: false };
    const style = getComputedStyle(el);
    const inTerminal = el.closest(".xterm") !== null;
    const label =
      el.getAttribute("aria-label") ||
      el.getAttribute("title") ||
      el.textContent?.trim().slice(0, 40) ||
      el.tagName;
    // A cable is SVG: its focus shows as the line drawn in the focus colour.
    const cable = el.querySelector(".dnl-cable");
    const ring =
      inTerminal ||
      (style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0) ||
      (cable !== null && getComputedStyle(cable).stroke === "rgb(2, 132, 199)");
    return { label, ring, inTerminal };
  });
}

test("the keyboard reaches every control with a visible focus, and Escape leaves the terminal", async ({
  page,
}) => {
  await openScripted(page);
  await openLab(page, false);
  // Escape leaves the terminal for the first control after it.
  await page.keyboard.press("Escape");
  const out = await focused(page);
  expect(out.inTerminal).toBe(false);
  expect(out.label).not.toBe("body");
  expect(out.ring).toBe(true);
  // From the top of the page, Tab visits the toolbar, the graph's controls, the terminal and the inspector.
  await page.locator("body").focus();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    expect(f.ring, `focus ring on ${f.label}`).toBe(true);
    seen.push(f.label);
    // In the terminal Tab completes: Escape is the way on.
    if (f.inTerminal) await page.keyboard.press("Escape");
  }
  for (const control of [
    "History",
    "Share",
    "Lessons",
    "Realtime",
    "Who can reach whom, and why not",
    "The packets' story, hop by hop, in words",
    "Replay the last command's packets",
    "Layer 2: MAC addresses",
    "Larger terminal text",
  ])
    expect(
      seen.some((s) => s.includes(control)),
      `${control} in ${seen.join(" | ")}`,
    ).toBe(true);
  expect(
    seen.some((s) => /^container (web|client)/.test(s)),
    "a node of the graph",
  ).toBe(true);
  await expect(activeTerminal(page)).toBeVisible();
});
