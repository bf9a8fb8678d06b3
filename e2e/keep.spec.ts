/**
 * Keeping a student's work: a reload brings back the lab and its history; undo and redo (toolbar
 * and keys) step through commands; a jump back in the history list and a new command there start
 * a branch, and the old branch can still be gone back to; "Reset lab" asks first and can be
 * undone; a save that cannot be read still lets the page open, with a way to export it.
 */
import { expect, type Page, test } from "@playwright/test";
import { expectTerminal, graphNode, openLab, runAtPrompt } from "./terminal-helpers";

const history = (page: Page) => page.getByRole("complementary", { name: "History" });
const web = (page: Page) => graphNode(page, "container web (running)");
const db = (page: Page) => graphNode(page, "container db (running)");
/** The host's namespace lists the subnets it masquerades: 172.18.0.0/16 while the app network exists. */
const hostNs = (page: Page) => graphNode(page, "host namespace of host1");

test("reload restores; undo, redo and the history list go back and forth, and branch", async ({ page }) => {
  await openLab(page);
  await expectTerminal(page, "[root@host1 ~]#");
  await runAtPrompt(page, "docker network create app");
  await runAtPrompt(page, "docker run -dit --name web --network app busybox");
  await expect(web(page)).toBeVisible();

  await page.reload();
  await expect(web(page)).toBeVisible();
  await page.getByRole("button", { name: "History" }).click();
  await expect(history(page).getByRole("listitem")).toHaveText([
    "Start",
    "$ docker network create app",
    "$ docker run -dit --name web --network app busybox",
  ]);

  await page.getByRole("button", { name: "↶ Undo" }).click();
  await expect(web(page)).toHaveCount(0);
  await expect(hostNs(page)).toContainText("172.18.0.0/16");
  // The keys work outside the terminal.
  await page.getByRole("heading", { name: "Docker Network Lab" }).click();
  await page.keyboard.press("Control+z");
  await expect(hostNs(page)).not.toContainText("172.18.0.0/16");
  await page.keyboard.press("Control+Shift+z");
  await expect(hostNs(page)).toContainText("172.18.0.0/16");
  await page.keyboard.press("Control+Shift+z");
  await expect(web(page)).toBeVisible();

  // Back to after the network, and a different container from there: a branch.
  await history(page).getByRole("button", { name: "$ docker network create app" }).click();
  await expect(web(page)).toHaveCount(0);
  await openLab(page, false);
  await runAtPrompt(page, "docker run -dit --name db --network app alpine");
  await expect(db(page)).toBeVisible();
  await expect(history(page).getByRole("listitem")).toHaveText([
    "Start",
    "$ docker network create app",
    "$ docker run -dit --name web --network app busybox",
    "└ $ docker run -dit --name db --network app alpine",
  ]);
  await history(page)
    .getByRole("button", { name: "$ docker run -dit --name web --network app busybox" })
    .click();
  await expect(web(page)).toBeVisible();
  await expect(db(page)).toHaveCount(0);

  // All of it survives a reload, the place in the history too.
  await page.reload();
  await expect(web(page)).toBeVisible();
  await page.getByRole("button", { name: "History" }).click();
  await expect(history(page).locator('[aria-current="step"]')).toHaveText(
    "$ docker run -dit --name web --network app busybox",
  );
  await page.getByRole("heading", { name: "Docker Network Lab" }).click();
  await page.keyboard.press("Control+z");
  await expect(web(page)).toHaveCount(0);
  await expect(hostNs(page)).toContainText("172.18.0.0/16");
});

test("Reset lab asks first, and undo brings the lab back", async ({ page }) => {
  await openLab(page);
  await runAtPrompt(page, "docker run -dit --name web busybox");
  await expect(web(page)).toBeVisible();
  page.once("dialog", (d) => void d.dismiss());
  await page.getByRole("button", { name: "Reset lab" }).click();
  await expect(web(page)).toBeVisible();
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Reset lab" }).click();
  await expect(web(page)).toHaveCount(0);
  await page.getByRole("button", { name: "↶ Undo" }).click();
  await expect(web(page)).toBeVisible();
});

test("a save that cannot be read: the page opens with a fresh lab and offers to export it", async ({
  page,
}) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("seeded")) {
      sessionStorage.setItem("seeded", "1");
      localStorage.setItem(
        "docker-network-lab:v3",
        '{"format":"docker-network-lab","version":3,"lab":{"world":',
      );
    }
  });
  await openLab(page);
  await expectTerminal(page, "[root@host1 ~]#");
  const alert = page.getByRole("alert").filter({ hasText: "Your saved lab could not be read" });
  await expect(alert).toContainText("it is not complete");
  const download = page.waitForEvent("download");
  await alert.getByRole("button", { name: "Export what was saved" }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(text).toString()).toContain('"format":"docker-network-lab"');
  // The fresh lab works.
  await openLab(page, false);
  await runAtPrompt(page, "docker network ls", "bridge");
});
