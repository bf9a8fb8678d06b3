/**
 * A panel that fails stays failed alone: when the graph's code cannot run, the graph's place says
 * so, the terminal goes on working, and the lab can be saved as a file from there.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { openLab, runAtPrompt } from "./terminal-helpers";

test("a failure in the graph leaves the terminal usable, with an export lab way out", async ({ page }) => {
  // The graph's chunk, broken: it throws as it loads.
  await page.route(/\/assets\/GraphPanel-[^/]+\.js$/, (route) =>
    route.fulfill({ contentType: "text/javascript", body: 'throw new Error("the graph broke");' }),
  );
  await openLab(page);
  const failed = page.getByRole("alert").filter({ hasText: "The graph stopped working." });
  await expect(failed).toBeVisible();
  await expect(failed).toContainText("the graph broke");

  await openLab(page, false);
  await runAtPrompt(page, "docker run -dit --name survivor busybox");
  await runAtPrompt(page, "docker ps --format '{{.Names}}'", "survivor");

  const download = page.waitForEvent("download");
  await failed.getByRole("button", { name: "Export lab" }).click();
  const saved = JSON.parse(readFileSync(await (await download).path(), "utf8"));
  expect(saved.format).toBe("docker-network-lab");
  expect(JSON.stringify(saved.lab.world.machines.host1.docker.containers)).toContain('"name":"survivor"');
});
