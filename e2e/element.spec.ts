/**
 * The custom element in a plain page (public/element-example.html: one script tag, no framework):
 * it runs its script attribute, run() resolves with what the command printed, lab:ready and
 * lab:command arrive as DOM events, and the lab's styles stay inside it.
 */
import { expect, test } from "@playwright/test";

test("<docker-network-lab> works in a plain HTML page", async ({ page }) => {
  await page.goto("/element-example.html");
  await expect(page.locator("#status")).toHaveText("The lab is ready.", { timeout: 20_000 });
  const lab = page.locator("docker-network-lab");
  await expect(
    lab.locator(".react-flow__node").and(page.getByLabel("container beta (running)", { exact: true })),
  ).toBeVisible();

  // The page's button calls run() and prints the result object.
  await page.getByRole("button", { name: "Ping beta from alpha" }).click();
  const result = page.getByRole("log", { name: "Result" });
  await expect(result).toContainText("1 packets transmitted, 1 packets received", { timeout: 15_000 });
  await expect(result).toContainText("[exit 0]");

  // run() from the page's own code gives the same object as lab:result.
  const ran = await lab.evaluate((el) =>
    (el as unknown as { run(c: string): Promise<unknown> }).run("docker inspect -f '{{.State.Status}}' beta"),
  );
  expect(ran).toEqual({ stdout: "running\n", stderr: "", exitCode: 0 });
  const failed = await lab.evaluate((el) =>
    (el as unknown as { run(c: string): Promise<unknown> }).run("docker rm nothing"),
  );
  expect(failed).toEqual({
    stdout: "",
    stderr: "Error response from daemon: No such container: nothing\n",
    exitCode: 1,
  });

  // What the student types arrives as a lab:command event.
  await lab.locator('[data-terminal-active="true"] .xterm').click();
  await page.keyboard.type("docker ps", { delay: 5 });
  await page.keyboard.press("Enter");
  await expect(page.locator("#typed")).toHaveText("docker ps");

  // A lesson opened from the page: a step whose goals are met arrives as lab:goal.
  const goals = lab.evaluate(
    (el) =>
      new Promise((resolve) =>
        el.addEventListener("lab:goal", (e) => resolve((e as CustomEvent).detail), { once: true }),
      ),
  );
  await lab.evaluate((el) =>
    (el as unknown as { loadLesson(l: string): Promise<void> }).loadLesson("veth-pairs"),
  );
  await expect(lab.getByRole("region", { name: "Lesson" })).toContainText("docker0 and veth pairs");
  await lab.evaluate((el) =>
    (el as unknown as { run(c: string): Promise<unknown> }).run("docker run -itd --name busy1 busybox"),
  );
  expect(await goals).toEqual({ type: "lab:goal", lesson: "veth-pairs", step: 0, complete: false });
  const refused = await lab.evaluate((el) =>
    (el as unknown as { loadLesson(l: string): Promise<void> }).loadLesson("no-such-lesson").then(
      () => "opened",
      (e: Error) => e.message,
    ),
  );
  expect(refused).toBe('the lesson was not opened: there is no lesson "no-such-lesson"');

  // The lab's stylesheet stays in its shadow root: the page's own text keeps the page's font.
  const font = await page.locator("h1").evaluate((h) => getComputedStyle(h).fontFamily);
  expect(font).toContain("system-ui");
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(false);
});
