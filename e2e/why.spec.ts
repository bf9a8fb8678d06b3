/**
 * "Why can't A reach B?" answered in the page: the reachability matrix beside the graph (a blocked
 * cell names the rule, a click shows the packet, a command changes the answer), driven by mouse and
 * by keyboard alone.
 */
import { expect, type Page, test } from "@playwright/test";
import { openLab, runToPrompt } from "./terminal-helpers";

const SCRIPT = [
  "docker network create front",
  "docker network create back",
  "docker run -itd --name d1 busybox",
  "docker run -itd --name f1 --net front busybox",
  "docker run -itd --name b1 --net back busybox",
].join("\n");

const panel = (page: Page) => page.getByTestId("reach-panel");
const cell = (page: Page, from: string, to: string) =>
  panel(page).getByRole("button", { name: new RegExp(`^${from} → ${to}: `) });

async function openMatrix(page: Page) {
  await page.goto(`/?script=${encodeURIComponent(SCRIPT)}`);
  await page.getByRole("button", { name: "Who can reach whom, and why not" }).click();
  // Every cell checked: the status line empties and the last script line's container has a row.
  await expect(cell(page, "b1", "f1")).toHaveAttribute("data-verdict", /ok|blocked|partly/, {
    timeout: 20_000,
  });
  await expect(page.getByTestId("reach-status")).toHaveText("", { timeout: 20_000 });
}

test("a blocked cell names the rule, shows its packet, and follows the next command", async ({ page }) => {
  await openMatrix(page);
  await expect(cell(page, "d1", "host1")).toHaveAttribute("data-verdict", "ok");
  const blocked = cell(page, "f1", "b1");
  await expect(blocked).toHaveAttribute("data-verdict", "blocked");
  await expect(blocked).toHaveAccessibleName("f1 → b1: ping blocked");
  await blocked.click();
  const details = page.getByTestId("reach-details");
  await expect(details).toContainText(/dropped by DOCKER-ISOLATION-STAGE-[12]: -A DOCKER-ISOLATION/);
  await expect(details).toContainText("the two networks are isolated from each other");
  await expect(details).toContainText(
    "names resolve only between containers on a shared user-defined network",
  );
  // The packet is on the graph: the bar's line tells, in words, where it was dropped and by which rule.
  await expect(page.getByRole("status", { name: "Current hop" })).toContainText(
    /br-[0-9a-f]{12} drops it, by the rule -A DOCKER-ISOLATION-STAGE-2/,
    { timeout: 10_000 },
  );
  await openLab(page, false);
  await runToPrompt(page, "docker network connect back f1");
  await expect(cell(page, "f1", "b1")).toHaveAttribute("data-verdict", "ok", { timeout: 20_000 });
});

test("the matrix is used from the keyboard alone", async ({ page }) => {
  await openMatrix(page);
  const first = panel(page).locator('button[tabindex="0"]');
  await expect(first).toHaveCount(1);
  await first.focus();
  await expect(first).toHaveAttribute("data-cell", "0:1");
  await page.keyboard.press("ArrowDown");
  // Row 1, column 1 is the diagonal: the focus steps over it to row 2.
  await expect(page.locator(":focus")).toHaveAttribute("data-cell", "2:1");
  await page.keyboard.press("ArrowRight");
  await expect(page.locator(":focus")).toHaveAttribute("data-cell", "2:3");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("reach-details")).toContainText("f1 → b1");
});

test("the layer lens rewords the boxes and keeps every box where it was", async ({ page }) => {
  await page.goto(`/?script=${encodeURIComponent(`${SCRIPT}\ndocker exec f1 ping -c 1 172.18.0.1`)}`);
  const f1 = page.locator(".react-flow__node", {
    has: page.locator('[data-kind="namespace"]', { hasText: "f1" }),
  });
  await expect(f1).toContainText("172.18.0.2/16", { timeout: 20_000 });
  const boxes = () =>
    page.locator(".react-flow__node").evaluateAll((nodes) =>
      nodes.map((n) => {
        const r = n.getBoundingClientRect();
        return `${n.getAttribute("data-id")} ${r.x} ${r.y} ${r.width} ${r.height}`;
      }),
    );
  const lens = page.getByRole("group", { name: "The layer the graph's boxes and the inspector show" });
  await lens.getByRole("button", { name: "L2" }).click();
  await expect(f1).toContainText(/eth0 02:42:ac:12:00:02/);
  // The script's last command, the ping, has run: the lab is complete.
  await expect(f1).toContainText("ARP cache: 1", { timeout: 20_000 });
  const before = await boxes();
  await lens.getByRole("button", { name: "L3" }).click();
  await expect(f1).toContainText("gateway 172.18.0.1");
  await lens.getByRole("button", { name: "L4+" }).click();
  await expect(f1).toContainText("nothing listens");
  expect(await boxes()).toEqual(before);
  await f1.dispatchEvent("click");
  // The inspector puts the lens's layer first and folds the rest away.
  const inspector = page.getByTestId("inspector");
  await expect(inspector.locator("details summary")).toContainText("Other layers");
  await lens.getByRole("button", { name: "All" }).click();
  await expect(f1).toContainText("172.18.0.2/16");
  await expect(inspector.locator("details")).toHaveCount(0);
  expect(await boxes()).toEqual(before);
});

test("the story tells every hop in the page's language, and the bar reads the hop on screen aloud", async ({
  page,
}) => {
  await page.goto(`/?lang=ru&script=${encodeURIComponent(`${SCRIPT}\ndocker exec d1 ping -c 1 172.17.0.1`)}`);
  await page.getByRole("button", { name: /^Рассказ/ }).click();
  const story = page.getByTestId("story").getByRole("listitem");
  const readout = page.getByRole("status", { name: "Текущий шаг" });
  await expect(readout).toHaveText(/^(\d+)\/\1 /, { timeout: 20_000 });
  // As many sentences as hops.
  const hops = Number((await readout.textContent())?.split("/")[1]?.split(" ")[0]);
  await expect(story).toHaveCount(hops);
  await expect(story.first()).toHaveText(
    "d1 eth0 спрашивает весь сегмент: у кого адрес 172.17.0.1? (широковещательный ARP-запрос)",
  );
  await expect(readout).toHaveAttribute("aria-live", "polite");
  await expect(readout).toContainText("принимает ICMP echo reply");
});

test("a dropped packet is told in Russian, in the story and in the inspector, with no English but the tools' words", async ({
  page,
}, testInfo) => {
  const script = [
    "docker network create a",
    "docker network create b",
    "docker run -d --name x1 --network a busybox sleep 1d",
    "docker run -d --name y1 --network b busybox sleep 1d",
    "docker exec x1 ping -c 1 -W 1 172.19.0.2",
  ].join("\n");
  await page.goto(`/?lang=ru&script=${encodeURIComponent(script)}`);
  await page.getByRole("button", { name: /^Рассказ/ }).click();
  const story = page.getByTestId("story").getByRole("listitem");
  await expect(page.getByRole("status", { name: "Текущий шаг" })).toHaveText(/^(\d+)\/\1 /, {
    timeout: 20_000,
  });
  const drop = story.filter({ hasText: "отбрасывает пакет по правилу -A DOCKER-ISOLATION-STAGE-2" });
  await expect(drop).toHaveCount(1);
  await expect(story.filter({ hasText: /приходит на порт veth[0-9a-f]{7} моста br-/ }).first()).toBeVisible();
  await expect(page.getByTestId("story")).not.toContainText(" port ");
  await drop.click();
  await expect(page.getByTestId("inspector")).toContainText(
    /DROP в цепочке DOCKER-ISOLATION-STAGE-2: -A DOCKER-ISOLATION-STAGE-2 -o br-[0-9a-f]{12} -j DROP/,
  );
  await page.screenshot({ path: testInfo.outputPath("story-ru-dropped.png") });
  // The story and the places in it follow a change of language at once.
  await page.getByRole("combobox", { name: "Язык" }).selectOption("en");
  await expect(story.filter({ hasText: "drops it, by the rule -A DOCKER-ISOLATION-STAGE-2" })).toHaveCount(1);
  await expect(
    story.filter({ hasText: /arrives at br-[0-9a-f]{12} port veth[0-9a-f]{7}$/ }).first(),
  ).toBeVisible();
});
