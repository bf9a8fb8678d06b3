/**
 * Lessons and challenges driven as a student would: open one from the list, click each command
 * into the prompt, press Enter, watch the goals tick, move on; for a challenge, "show solution".
 */
import { expect, type Page, test } from "@playwright/test";
import { activeTerminal, expectScreen, screenText } from "./terminal-helpers";

const panel = (page: Page) => page.getByRole("region", { name: "Lesson" });

async function openFromList(page: Page, id: string): Promise<void> {
  await page.goto("/");
  await activeTerminal(page).locator(".xterm").click();
  await page.getByLabel("Speed").selectOption("4");
  await page.getByRole("button", { name: "Lessons" }).click();
  await page.locator(`[data-lesson="${id}"]`).click();
  await expect(panel(page)).toBeVisible();
}

/** A lesson's command as the prompt shows it once offered: placeholders ({{peer:busy1:eth0}}) filled by the lab. */
function shownAs(command: string): RegExp {
  const parts = command.split(/\{\{[^}]+\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`# ${parts.join("\\S+")}$`);
}

/**
 * Enter on the command offered to the prompt, once the screen shows it there (the terminal's
 * accessible text lags behind the screen), then wait for the shell to be back at a prompt.
 */
async function enterOffered(page: Page, command: string): Promise<void> {
  const last = async () => (await screenText(page)).split("\n").pop() ?? "";
  await expect.poll(last, { timeout: 20_000 }).toMatch(shownAs(command));
  await page.keyboard.press("Enter");
  await expect.poll(last, { timeout: 20_000 }).toMatch(/[#$]$/);
}

/** Every command of every step, clicked into the prompt and entered; each step's goals met before moving on. */
async function followLesson(page: Page): Promise<void> {
  for (;;) {
    const step = page.getByTestId("lesson-step");
    const commands = step.getByRole("listitem").getByRole("button");
    const count = await commands.count();
    for (let i = 0; i < count; i++) {
      const command = (await commands.nth(i).textContent())?.replace(/^▸ /, "") ?? "";
      await commands.nth(i).click();
      await enterOffered(page, command);
    }
    await expect(panel(page).locator('[data-goal="open"]')).toHaveCount(0, { timeout: 10_000 });
    const next = panel(page).getByRole("button", { name: "Next" });
    if (await next.isDisabled()) return;
    await next.click();
  }
}

test("lesson 1: both ends of a veth pair, the cable cut and mended", async ({ page }) => {
  await openFromList(page, "veth-pairs");
  await expect(panel(page)).toContainText("Follows the tutorial “Docker网络”");
  // A command goes into the prompt and waits there: nothing runs until Enter.
  await panel(page)
    .getByRole("button", { name: /docker run -itd --name busy1 busybox/ })
    .click();
  await expectScreen(page, "# docker run -itd --name busy1 busybox");
  await expect(panel(page).locator('[data-goal="open"]')).toHaveCount(1);
  await followLesson(page);
  await expect(panel(page)).toContainText("Lesson complete.");
  await panel(page).getByRole("button", { name: "Lessons" }).click();
  await expect(page.locator('[data-lesson="veth-pairs"]')).toContainText("✓");
});

test("lesson 2: the default bridge, by address and not by name", async ({ page }) => {
  await openFromList(page, "default-bridge");
  await followLesson(page);
  await expectScreen(page, "ping: bad address 'busy2'");
  await expect(panel(page)).toContainText("Lesson complete.");
});

test("lesson 4: user networks resolve names, in Russian", async ({ page }) => {
  await page.goto("/?lang=ru");
  await activeTerminal(page).locator(".xterm").click();
  await page.getByLabel("Скорость").selectOption("4");
  await page.getByRole("button", { name: "Уроки" }).click();
  await page.locator('[data-lesson="user-networks"]').click();
  const lesson = page.getByRole("region", { name: "Урок" });
  await expect(lesson).toContainText("Пользовательские мосты и встроенный DNS");
  for (;;) {
    const commands = page.getByTestId("lesson-step").getByRole("listitem").getByRole("button");
    for (let i = 0; i < (await commands.count()); i++) {
      const command = (await commands.nth(i).textContent())?.replace(/^▸ /, "") ?? "";
      await commands.nth(i).click();
      await enterOffered(page, command);
    }
    await expect(lesson.locator('[data-goal="open"]')).toHaveCount(0, { timeout: 10_000 });
    const next = lesson.getByRole("button", { name: "Дальше" });
    if (await next.isDisabled()) break;
    await next.click();
  }
  await expect(lesson).toContainText("Урок пройден.");
});

test("challenge: names on the default bridge, with a hint for what is wrong, solved by its solution", async ({
  page,
}) => {
  await openFromList(page, "names-on-default-bridge");
  await expect(panel(page)).toContainText("alpine3 is on the default bridge, where names are not resolved.");
  await expect(panel(page)).toContainText("the name alpine4 does not resolve there");
  const solution = panel(page).getByRole("button", { name: "Show solution" });
  for (const command of [
    "docker network create appnet",
    "docker network connect appnet alpine3",
    "docker network connect appnet alpine4",
    "docker exec alpine3 ping -c 1 alpine4",
  ]) {
    await solution.click();
    await enterOffered(page, command);
  }
  await expect(solution).toBeDisabled();
  await expect(panel(page)).toContainText("Solved!");
  await expect(panel(page)).toContainText("In the real world");
});

test("challenge: a DOCKER-USER rule, found on the dropped packet's rule, fixed by hand", async ({ page }) => {
  await openFromList(page, "docker-user-drop");
  await expect(panel(page)).toContainText(
    "dropped by DOCKER-USER: -A DOCKER-USER -p tcp -m tcp --dport 80 -j DROP",
  );
  await page.keyboard.type("iptables -D DOCKER-USER 1", { delay: 5 });
  await enterOffered(page, "iptables -D DOCKER-USER 1");
  await expect(panel(page)).toContainText("Solved!");
});

test("a malformed lesson file is refused with the reason, and the lab is untouched", async ({ page }) => {
  await page.goto("/");
  await activeTerminal(page).locator(".xterm").click();
  await page.keyboard.type("docker network create kept", { delay: 5 });
  await enterOffered(page, "docker network create kept");
  await page.getByRole("button", { name: "Lessons" }).click();
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Open a lesson file…" }).click();
  await (await chooser).setFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from(
      JSON.stringify({ format: "docker-network-lab/lesson", version: 1, id: "x", steps: [] }),
    ),
  });
  await expect(page.getByRole("alert")).toContainText("This lesson cannot be opened:");
  await page.getByRole("button", { name: "Close" }).click();
  await activeTerminal(page).locator(".xterm").click();
  await page.keyboard.type("docker network ls -q -f name=kept", { delay: 5 });
  await enterOffered(page, "docker network ls -q -f name=kept");
  await expectScreen(page, /# docker network ls -q -f name=kept\n[0-9a-f]{12}\n/);
});
