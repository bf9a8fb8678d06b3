import { expect, test } from "@playwright/test";
import { expectScreen, expectTerminal, openLab, screenText, typeLine } from "./terminal-helpers";

test("a student lists networks, runs a container and sees it on the graph", async ({ page }) => {
  await openLab(page);
  await expectTerminal(page, "[root@host1 ~]#");
  await typeLine(page, "docker network ls");
  await expectTerminal(page, /NETWORK ID\s+NAME\s+DRIVER\s+SCOPE/);
  await expectTerminal(page, /[0-9a-f]{12}\s+bridge\s+bridge\s+local/);
  await expectTerminal(page, /[0-9a-f]{12}\s+host\s+host\s+local/);
  await expectTerminal(page, /[0-9a-f]{12}\s+none\s+null\s+local/);
  await typeLine(page, "docker run -d --name busy1 busybox sleep 3600");
  await expectTerminal(page, /[0-9a-f]{64}/);
  const graph = page.getByRole("region", { name: "Network graph" });
  await expect(graph.getByText("busy1")).toBeVisible();
  await expect(graph.getByText("docker0", { exact: true })).toBeVisible();
  await expect(graph.getByText("172.17.0.2/16")).toBeVisible();
  await page.screenshot({ path: "test-results/slice-1280x720.png" });
});

test("the prompt comes before the shell and the graph; a line typed before they arrive waits for them", async ({
  page,
}) => {
  // Hold back the lazily loaded shell (runtime-*.js) until the student has typed a line.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/runtime-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await openLab(page);
  await expectTerminal(page, "[root@host1 ~]#");
  await typeLine(page, "docker network ls");
  await expectScreen(page, "[root@host1 ~]# docker network ls");
  // xterm refreshes its accessibility rows about once a second: wait past that, still no output.
  await page.waitForTimeout(1500);
  expect(await screenText(page)).toBe("[root@host1 ~]# docker network ls");
  release();
  await expectTerminal(page, /[0-9a-f]{12}\s+bridge\s+bridge\s+local/);
  await expectScreen(page, /none\s+null\s+local\n\[root@host1 ~\]#$/);
  await expect(
    page.getByRole("region", { name: "Network graph" }).getByText("docker0", { exact: true }),
  ).toBeVisible();
});
