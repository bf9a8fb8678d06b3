/**
 * Nothing a user or a page supplies is rendered as HTML: markup and script payloads go in through
 * every input (network and interface names, hostnames, --add-host, labels, echo output, a tab's
 * title, a file's name, a demo's caption, the commands in the history list) and come out as text,
 * never as elements, and never run. The policy of the built page would stop them anyway, so this
 * test turns it off: what is tested is the rendering.
 */
import { expect, type Page, test } from "@playwright/test";
import { graphNode, openLab, runAtPrompt } from "./terminal-helpers";

test.use({ bypassCSP: true });
test.describe.configure({ timeout: 60_000 });

const payload = (n: number) => `<img src=x onerror=window.pwned=${n}>`;

/** Elements a payload would have made, and whether any of them ran. */
async function injected(page: Page): Promise<{ pwned: unknown; elements: number }> {
  return page.evaluate(() => ({
    pwned: (window as unknown as { pwned?: unknown }).pwned ?? null,
    elements:
      document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onmouseover]').length +
      [...document.scripts].filter((s) => s.textContent?.includes("pwned")).length,
  }));
}

test("markup and script payloads in every input appear as text and never run", async ({ page }) => {
  await openLab(page);
  await runAtPrompt(page, `docker network create '${payload(1)}'`);
  await runAtPrompt(
    page,
    `docker run -dit --name h1 --network 'name=${payload(1)}' --hostname '<svg/onload=window.pwned=2>' --add-host '<script>window.pwned++</script>:10.0.0.9' --label 'note=${payload(4)}' busybox`,
  );
  await runAtPrompt(page, `echo '${payload(5)}'`, payload(5));
  await runAtPrompt(page, "ip link add '<b/onclick=window.pwned=6>' type dummy");
  await runAtPrompt(page, "docker exec h1 hostname", "<svg/onload=window.pwned=2>");
  await runAtPrompt(
    page,
    "docker exec h1 cat /etc/hosts",
    /10\.0\.0\.9\s+<script>window\.pwned\+\+<\/script>/,
  );

  // The graph: the network's bridge names it; the container's node and its details in the inspector.
  const graph = page.getByRole("region", { name: "Network graph" });
  await expect(graph).toContainText(payload(1));
  await graphNode(page, "container h1 (running)").click();
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  await expect(inspector).toContainText("<svg/onload=window.pwned=2>");
  await expect(inspector).toContainText("<script>window.pwned++</script>");

  // A tab renamed to markup.
  await page.getByRole("tab").first().dblclick();
  await page.keyboard.press("Control+a");
  await page.keyboard.type(payload(7));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("tab").first()).toContainText(payload(7));

  // The history list shows the commands as typed.
  await page.getByRole("button", { name: "History" }).click();
  await expect(page.getByRole("complementary", { name: "History" })).toContainText(`echo '${payload(5)}'`);

  // A file named with markup, refused: its name in the notice is text.
  await page.getByTestId("import-file").setInputFiles({
    name: `${payload(8)}.json`,
    mimeType: "application/json",
    buffer: Buffer.from("{}"),
  });
  await expect(page.getByRole("alert")).toContainText(`The file ${payload(8)}.json was not opened`);

  await page.mouse.move(300, 300);
  expect(await injected(page)).toEqual({ pwned: null, elements: 0 });

  // A demo's caption from the address.
  const script = `# ${payload(9)} <script>window.pwned=10</script>\necho hi`;
  await page.goto(`/?present=1&script=${encodeURIComponent(script)}`);
  const caption = page.getByRole("status", { name: "Caption" });
  await expect(caption).toHaveText("Press → or PageDown for the first step.");
  await page.keyboard.press("PageDown");
  await expect(caption).toContainText(`${payload(9)} <script>window.pwned=10</script>`);
  expect(await injected(page)).toEqual({ pwned: null, elements: 0 });
});
