/**
 * Docker hosts as a student adds and removes them: the toolbar's Hosts menu types `lab host add` /
 * `lab host rm` into a host's tab (so undo and redo take them back and forth), and a lesson's step
 * on host2 offers its command in host2's tab, the swarm's join token filled in.
 */
import { expect, type Page, test } from "@playwright/test";
import { activeTerminal, expectScreen, openLab, runToPrompt, screenText } from "./terminal-helpers";

const graph = (page: Page) => page.getByRole("region", { name: "Network graph" });
const panel = (page: Page) => page.getByRole("region", { name: "Lesson" });

async function hostsMenu(page: Page, item: string): Promise<void> {
  await page.getByRole("button", { name: "Hosts ▾" }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

test("the Hosts menu adds host2 and removes it; undo and redo follow", async ({ page }) => {
  await openLab(page);
  await hostsMenu(page, "Add a Docker host");
  await expectScreen(page, "lab host add");
  await expect(page.getByRole("tab", { name: "host2" })).toBeVisible({ timeout: 15_000 });
  await expect(graph(page).getByTestId("node-host:host2")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("tab", { name: "host2" })).toHaveCount(0);
  await expect(graph(page).getByTestId("node-host:host2")).toHaveCount(0);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(page.getByRole("tab", { name: "host2" })).toBeVisible();
  // A container on host2 holds it back; the refusal says so in host1's tab.
  await page.getByRole("tab", { name: "host2" }).click();
  await activeTerminal(page).locator(".xterm").click();
  await runToPrompt(page, "docker run -d --name pinned busybox sleep 1000", "[root@host2 ~]#");
  await hostsMenu(page, "Remove host2");
  await expect(page.getByRole("tab", { name: "host1", selected: true })).toBeVisible();
  await expectScreen(page, "host2 still has containers (pinned): remove them first (docker rm -f).");
  await page.getByRole("tab", { name: "host2" }).click();
  await activeTerminal(page).locator(".xterm").click();
  await runToPrompt(page, "docker rm -f pinned", "[root@host2 ~]#");
  await hostsMenu(page, "Remove host2");
  await expect(page.getByRole("tab", { name: "host2" })).toHaveCount(0, { timeout: 15_000 });
  await expectScreen(page, "host2 is off the LAN; its tabs are closed.");
  await expect(graph(page).getByTestId("node-host:host2")).toHaveCount(0);
});

test("lesson 11: a step on host2 offers its command there, with the join token", async ({ page }) => {
  await openLab(page);
  await page.getByRole("button", { name: "Lessons" }).click();
  await page.locator('[data-lesson="across-hosts"]').click();
  await expect(panel(page)).toContainText(
    "Follows the tutorial “Подробное объяснение сетевого режима Docker и сетевой связи между контейнерами”",
  );
  const enter = async (command: string, prompt: string) => {
    await panel(page).getByRole("button", { name: command }).click();
    await expect
      .poll(async () => (await screenText(page)).replace(/\s+/g, ""), { timeout: 15_000 })
      .toContain(`${prompt}${command}`.replace(/\s+/g, ""));
    await page.keyboard.press("Enter");
  };
  const next = () => panel(page).getByRole("button", { name: "Next" }).click();
  await enter("lab host add", "[root@host1 ~]#");
  await expect(page.getByRole("tab", { name: "host2" })).toBeVisible({ timeout: 15_000 });
  await expect(panel(page).locator('[data-goal="open"]')).toHaveCount(0, { timeout: 10_000 });
  await next();
  await enter("docker swarm init --advertise-addr 192.168.0.102", "[root@host1 ~]#");
  await expect(panel(page).locator('[data-goal="open"]')).toHaveCount(0, { timeout: 10_000 });
  await next();
  // On host2: its tab comes to the front and the token is the swarm's own.
  await panel(page)
    .getByRole("button", { name: /docker swarm join --token/ })
    .click();
  await expect(page.getByRole("tab", { name: "host2", selected: true })).toBeVisible();
  await expect
    .poll(async () => (await screenText(page)).replace(/\s+/g, ""), { timeout: 15_000 })
    .toMatch(/\[root@host2~\]#dockerswarmjoin--tokenSWMTKN-1-\w+-\w+192\.168\.0\.102:2377$/);
  await page.keyboard.press("Enter");
  await expectScreen(page, "This node joined a swarm as a worker.");
  await expect(panel(page).locator('[data-goal="open"]')).toHaveCount(0, { timeout: 10_000 });
  await next();
  // Back on host1 for the overlay.
  await panel(page).getByRole("button", { name: "docker network create -d overlay --attachable ov" }).click();
  await expect(page.getByRole("tab", { name: "host1", selected: true })).toBeVisible();
});
