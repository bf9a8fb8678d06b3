/**
 * Embedding: the example tutorial page drives its labs through postMessage and gets their results;
 * a page on another origin is ignored unless the lab's origins= names it; malformed and unknown
 * messages get an error and change nothing; the embedded lab fits a 480×360 frame.
 */
import { expect, type Frame, type Page, test } from "@playwright/test";

async function labFrame(page: Page, id: string): Promise<Frame> {
  const handle = await page.locator(`iframe#${id}`).elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`no frame ${id}`);
  return frame;
}

const node = (frame: Frame, label: string) =>
  frame.locator(".react-flow__node").and(frame.getByLabel(label, { exact: true }));

test("the example tutorial drives two labs through postMessage", async ({ page }) => {
  await page.goto("/embed-example.html");
  await expect(page.locator("#status2")).toHaveText("Lab 2 is ready.", { timeout: 20_000 });
  const lab1 = await labFrame(page, "lab1");
  const lab2 = await labFrame(page, "lab2");
  // Each ran its script= on load.
  await expect(node(lab1, "container web (running)")).toBeVisible();
  await expect(node(lab2, "container client (running)")).toBeVisible();
  // Lab 2 shows only its graph: no terminal, no toolbar.
  await expect(lab2.getByRole("region", { name: "Terminal" })).toBeHidden();
  await expect(lab2.getByRole("banner")).toHaveCount(0);

  await page.getByRole("button", { name: "Ping web by name" }).click();
  const result = page.getByRole("log", { name: "Result" });
  await expect(result).toContainText("1 packets transmitted, 1 packets received", { timeout: 15_000 });
  await expect(result).toContainText("[exit 0]");
  await page.getByRole("button", { name: "Look web up" }).click();
  await expect(result).toContainText("127.0.0.11", { timeout: 15_000 });
  await expect(result).toContainText(/Address: 172\.18\.0\.2[\s\S]*\[exit 0\]/);

  // What the student types in lab 1 ticks the page's checklist (lab:command).
  await lab1.locator('[data-terminal-active="true"] .xterm').click();
  await page.keyboard.type("docker network inspect app", { delay: 5 });
  await page.keyboard.press("Enter");
  await expect(page.locator("#checklist li").first()).toHaveClass(/done/);
  await expect(page.locator("#checklist li").nth(1)).not.toHaveClass(/done/);

  await page.getByRole("button", { name: "Reset lab 2" }).click();
  await expect(result).toHaveText("Lab 2 was reset: a fresh Docker host.");
  await expect(node(lab2, "container client (running)")).toHaveCount(0);
});

/**
 * Another origin: the lab's own server by another name (localhost rather than 127.0.0.1; a made-up
 * public name would meet the browser's local-network rules instead, which are not tested here).
 */
const FOREIGN = `http://localhost:${process.env.E2E_PORT ?? 4173}`;
const LAB = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;

/** A page on the other origin with nothing but the lab in a frame; returns the frame. */
async function foreignPage(page: Page, labQuery: string): Promise<Frame> {
  // Any page of that origin will do as the host; its content is replaced by one frame.
  await page.goto(`${FOREIGN}/embed-example.html`);
  await page.evaluate((src) => {
    document.body.replaceChildren();
    const frame = document.createElement("iframe");
    frame.id = "lab";
    frame.width = "800";
    frame.height = "500";
    frame.src = src;
    document.body.append(frame);
  }, `${LAB}/?embed=1&${labQuery}`);
  const frame = await labFrame(page, "lab");
  await expect(node(frame, "container web (running)")).toBeVisible({ timeout: 20_000 });
  return frame;
}

/** Posts requests from the top page to the lab's frame and collects what comes back within `ms`. */
function exchange(page: Page, messages: unknown[], ms = 1500): Promise<unknown[]> {
  return page.evaluate(
    ([messages, ms]) =>
      new Promise<unknown[]>((resolve) => {
        const replies: unknown[] = [];
        addEventListener("message", (e) => replies.push(e.data));
        const frame = document.querySelector("iframe")?.contentWindow;
        for (const m of messages as unknown[]) frame?.postMessage(m, "*");
        setTimeout(() => resolve(replies), ms as number);
      }),
    [messages, ms] as const,
  );
}

const SCRIPT = "script=docker%20run%20-dit%20--name%20web%20busybox";

test("a page on another origin is ignored", async ({ page }) => {
  const frame = await foreignPage(page, SCRIPT);
  const replies = await exchange(page, [
    { type: "lab:run", id: 1, command: "docker rm -f web" },
    { type: "lab:reset", id: 2 },
    { type: "lab:state", id: 3 },
  ]);
  expect(replies.filter((r) => (r as { type?: string }).type !== "lab:ready")).toEqual([]);
  await expect(node(frame, "container web (running)")).toBeVisible();
});

test("an origin on the lab's origins= list is obeyed; malformed and unknown messages get an error and change nothing", async ({
  page,
}) => {
  const frame = await foreignPage(page, `${SCRIPT}&origins=${encodeURIComponent(FOREIGN)}`);
  const errors = (await exchange(page, [
    { type: "lab:launch-missiles", id: "a" },
    { type: "lab:run", id: "b" },
    { type: "lab:run", id: "c", command: 42 },
    { type: "lab:load", id: "d", state: "lab3:AAAA" },
    { type: "lab:load", id: "e", state: { format: "docker-network-lab", version: 3, lab: { world: {} } } },
    "just a string",
  ])) as { type: string; id?: string; error?: string }[];
  const byId = Object.fromEntries(errors.filter((r) => r.id).map((r) => [r.id, r]));
  expect(byId.a).toEqual({ type: "lab:error", id: "a", error: 'unknown message type "lab:launch-missiles"' });
  expect(byId.b?.error).toMatch(/^malformed lab:run: /);
  expect(byId.c?.error).toMatch(/^malformed lab:run: /);
  expect(byId.d?.error).toMatch(/^the lab was not loaded: it is not complete/);
  expect(byId.e?.error).toMatch(/^the lab was not loaded: its contents are not a lab/);
  expect(errors.some((r) => r.type === "lab:error" && r.error?.startsWith("unknown message type"))).toBe(
    true,
  );
  await expect(node(frame, "container web (running)")).toBeVisible();

  const [result] = (await exchange(
    page,
    [{ type: "lab:run", id: "r", command: "docker ps --format '{{.Names}}'" }],
    4000,
  )) as {
    type: string;
    stdout: string;
    exitCode: number;
  }[];
  expect(result).toEqual({ type: "lab:result", id: "r", stdout: "web\n", stderr: "", exitCode: 0 });
});

test("the embedded lab fits a 480×360 frame with its graph and terminal", async ({ page }) => {
  await page.setViewportSize({ width: 480, height: 360 });
  await page.goto(`/?embed=1&${SCRIPT}`);
  await expect(node(page.mainFrame(), "container web (running)")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("banner")).toHaveCount(0);
  for (const region of ["Network graph", "Terminal"]) {
    const box = await page.getByRole("region", { name: region }).boundingBox();
    expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 480 && box.y + box.height <= 360).toBe(
      true,
    );
  }
  // Every control of the playback bar is inside the frame (the bar wraps rather than cutting them off).
  const controls = page.getByRole("toolbar", { name: "Packet playback" }).locator("button, select");
  expect(await controls.count()).toBeGreaterThan(5);
  for (const box of await controls.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
    expect(box.right).toBeLessThanOrEqual(480);
  }
  await page.screenshot({ path: "test-results/embed-480x360.png" });
});

test("lesson= opens a lesson in the embedded lab", async ({ page }) => {
  await page.goto("/?embed=1&lesson=veth-pairs");
  await expect(page.getByRole("region", { name: "Lesson" })).toContainText("docker0 and veth pairs", {
    timeout: 20_000,
  });
  await expect(page.getByRole("banner")).toHaveCount(0);
});
