/**
 * Sending a lab: a share link opened in a fresh browser (nothing saved there) gives the same lab,
 * the same `docker network inspect` and the same graph; a link of an older format still opens; a
 * damaged link is refused with a reason and the lab stays as it was; a lab file goes out and back
 * in; the diagram exports as valid PNG and SVG images.
 */
import { readFileSync } from "node:fs";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectScreen, graphNode, labRun, openLab, runAtPrompt } from "./terminal-helpers";

const fixture = (name: string) =>
  readFileSync(new URL(`../tests/lab-files/${name}`, import.meta.url), "utf8");

/** The graph as a list of what each node says, in a stable order. */
async function graphText(page: Page): Promise<string[]> {
  const nodes = page.getByRole("region", { name: "Network graph" }).locator(".react-flow__node");
  await expect(nodes.first()).toBeVisible();
  const texts = await nodes.evaluateAll((els) =>
    els.map((e) => `${e.getAttribute("aria-label")}: ${(e.textContent ?? "").replace(/\s+/g, " ")}`),
  );
  return texts.sort();
}

/** What a command printed (all of it, not only what fits on the screen). */
async function output(page: Page, line: string): Promise<string> {
  const result = await labRun(page, line);
  expect(result.exitCode).toBe(0);
  return result.stdout;
}

async function freshPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await openLab(page, false);
  return page;
}

test("a share link opened in a fresh browser gives the same lab and the same graph", async ({
  page,
  browser,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openLab(page);
  await runAtPrompt(page, "docker network create app");
  await runAtPrompt(page, "docker run -dit --name web --network app busybox");
  await runAtPrompt(page, "docker run -dit --name db --network app alpine");
  const inspect = await output(page, "docker network inspect app");
  expect(inspect).toContain('"Name": "web"');
  const graph = await graphText(page);

  await page.getByRole("button", { name: "Share ▾" }).click();
  await page.getByRole("menuitem", { name: "Copy share link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Share link copied" })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#lab=lab3:[A-Za-z0-9_-]+$/);

  const other = await freshPage(browser, link);
  await expect(graphNode(other, "container db (running)")).toBeVisible();
  expect(await output(other, "docker network inspect app")).toBe(inspect);
  expect(await graphText(other)).toEqual(graph);
  // The link's lab is kept there as that browser's own, and the address no longer carries it.
  expect(other.url()).not.toContain("#lab=");
  await other.reload();
  await expect(graphNode(other, "container db (running)")).toBeVisible();
});

test("a link of an older format opens as the lab it held", async ({ browser }) => {
  const packed = JSON.parse(fixture("format-2.json")).lab as string;
  const expected = JSON.parse(fixture("format-2.expected.json"))["docker network inspect app"] as string;
  const page = await freshPage(browser, `/#lab=${packed}`);
  await expect(graphNode(page, "container web (running)")).toBeVisible();
  expect(await output(page, "docker network inspect app")).toBe(expected);
});

test("a damaged link is refused with a reason, and the lab is left as it was", async ({ page }) => {
  await openLab(page);
  await runAtPrompt(page, "docker run -dit --name keep busybox");
  const packed = JSON.parse(fixture("format-2.json")).lab as string;
  await page.goto(`/#lab=${packed.slice(0, 200)}`);
  await expect(page.getByRole("alert")).toContainText("The shared lab was not opened: it is not complete");
  await expect(page.getByRole("alert")).toContainText("Your lab is unchanged.");
  await expect(graphNode(page, "container keep (running)")).toBeVisible();
});

test("a lab file goes out and comes back in; a file that is not a lab is refused", async ({ page }) => {
  await openLab(page);
  await runAtPrompt(page, "docker run -dit --name saved busybox");
  await page.getByRole("button", { name: "Share ▾" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "Export lab file" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^docker-network-lab-.*\.json$/);
  const path = await file.path();

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Reset lab" }).click();
  await expect(graphNode(page, "container saved (running)")).toHaveCount(0);

  await page
    .getByTestId("import-file")
    .setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"hello": 1}') });
  await expect(page.getByRole("alert")).toContainText(
    "The file notes.json was not opened: it is not a Docker Network Lab file",
  );
  await page.getByTestId("import-file").setInputFiles(path);
  await expect(graphNode(page, "container saved (running)")).toBeVisible();
  await openLab(page, false);
  await runAtPrompt(page, "docker ps --format '{{.Names}}'");
  await expectScreen(page, "saved");
});

test("the diagram exports as a PNG and an SVG image of the graph", async ({ page }) => {
  await openLab(page);
  await runAtPrompt(page, "docker run -dit --name pictured busybox");
  await expect(graphNode(page, "container pictured (running)")).toBeVisible();

  await page.getByRole("button", { name: "Share ▾" }).click();
  const pngDownload = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "Diagram as PNG" }).click();
  const png = readFileSync(await (await pngDownload).path());
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const size = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    return [img.naturalWidth, img.naturalHeight];
  }, png.toString("base64"));
  expect(size[0]).toBeGreaterThan(400);
  expect(size[1]).toBeGreaterThan(200);

  await page.getByRole("button", { name: "Share ▾" }).click();
  const svgDownload = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "Diagram as SVG" }).click();
  const svg = readFileSync(await (await svgDownload).path(), "utf8");
  const parsed = await page.evaluate(async (text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
    await img.decode();
    return {
      root: doc.documentElement.nodeName,
      error: doc.querySelector("parsererror") !== null,
      text: doc.documentElement.textContent ?? "",
      width: img.naturalWidth,
    };
  }, svg);
  expect(parsed.root).toBe("svg");
  expect(parsed.error).toBe(false);
  expect(parsed.text).toContain("pictured");
  expect(parsed.text).toContain("docker0");
  expect(parsed.width).toBeGreaterThan(400);
});
