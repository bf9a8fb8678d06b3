/** The interface in three languages: chosen by ?lang=, else the browser's; switched in the toolbar and remembered. */
import { expect, test } from "@playwright/test";
import { activeTerminal, expectScreen, typeLine } from "./terminal-helpers";

test("?lang=zh-CN speaks Chinese, in the toolbar and in the lab's own help", async ({ page }) => {
  await page.goto("/?lang=zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("button", { name: "重置实验环境" })).toBeVisible();
  await expect(page.getByRole("toolbar", { name: "数据包回放" })).toBeVisible();
  await activeTerminal(page).locator(".xterm").click();
  await typeLine(page, "help");
  await expectScreen(page, "标签页：Alt+T 新建");
  // Command output stays as the real tools print it.
  await typeLine(page, "docker network ls");
  await expectScreen(page, "NETWORK ID     NAME      DRIVER    SCOPE");
});

test.describe("a Russian browser", () => {
  test.use({ locale: "ru-RU" });

  test("starts in Russian; the toolbar's choice switches every text and is remembered", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Сбросить" })).toBeVisible();
    await page.getByRole("combobox", { name: "Язык" }).selectOption("en");
    await expect(page.getByRole("button", { name: "Reset lab" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Network graph" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("button", { name: "Reset lab" })).toBeVisible();
    await page.getByRole("combobox", { name: "Language" }).selectOption("ru");
    await activeTerminal(page).locator(".xterm").click();
    await typeLine(page, "help");
    await expectScreen(page, "Вкладки: Alt+T новая");
  });
});

for (const lang of ["en", "zh-CN", "ru"]) {
  test(`at 1280×720 in ${lang}, every control of the top bar and the playback bar is on screen`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/?lang=${lang}`);
    const bars = [page.getByRole("banner"), page.getByRole("toolbar").first()] as const;
    await expect(bars[1]).toBeVisible({ timeout: 20_000 });
    for (const bar of bars) {
      const controls = bar.locator("button, select");
      expect(await controls.count()).toBeGreaterThan(5);
      for (const box of await controls.evaluateAll((els) =>
        els.map((e) => e.getBoundingClientRect().toJSON()),
      )) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(1280);
      }
    }
  });
}
