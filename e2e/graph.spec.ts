/**
 * The graph as a student uses it: typed commands appear as nodes and cables with the right labels,
 * a ping's packets travel hop by hop (read from the token's attributes, not pixels), playback can
 * be paused and stepped, a drop shows where and why, dragged nodes stay put across a reload, the
 * inspector follows the selection. At a laptop's and a projector's size, in both themes, a tidied
 * graph fits its panel with no node half over another (screenshots of each kept for people to look at).
 */
import { expect, type Page, test } from "@playwright/test";
import {
  activeTerminal,
  expectScreen,
  expectTerminal,
  openLab,
  runToPrompt,
  typeLine,
} from "./terminal-helpers";

interface Box {
  label: string;
  x: number;
  y: number;
  right: number;
  bottom: number;
}

const graph = (page: Page) => page.getByRole("region", { name: "Network graph" });
const node = (page: Page, label: string) => graph(page).locator(`.react-flow__node[aria-label="${label}"]`);

/** Types a command and waits for the prompt to come back (and for `expected` on screen, if given). */
async function run(page: Page, line: string, expected?: string | RegExp) {
  await runToPrompt(page, line);
  if (expected) await expectScreen(page, expected, 15_000);
}

/** Records the label of every packet token shown, in order, from the page itself so no hop is missed. */
async function recordTokens(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { seen: string[] };
    w.seen = [];
    const note = () => {
      const t = document.querySelector('[data-testid="packet-token"]');
      const label = t?.getAttribute("aria-label");
      if (label && w.seen[w.seen.length - 1] !== label) w.seen.push(label);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

/** Step by step, every hop: each output line waits for its packet, and the graph shows the whole way. */
async function stepByStep(page: Page) {
  await page.getByRole("button", { name: "Step by step" }).click();
  await page.getByLabel("Detail").selectOption("all");
  await activeTerminal(page).locator(".xterm").click();
}

async function seenTokens(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { seen: string[] }).seen);
}

/** The index in `seen` of the first label matching each pattern, in order; -1 where the order breaks. */
function inOrder(seen: string[], patterns: RegExp[]): number[] {
  let from = 0;
  return patterns.map((p) => {
    const i = seen.findIndex((s, k) => k >= from && p.test(s));
    if (i >= 0) from = i + 1;
    return i;
  });
}

test.beforeEach(async ({ page }) => {
  await openLab(page);
  await expectTerminal(page, "[root@host1 ~]#");
});

test("typed commands become nodes and cables with their interface names", async ({ page }) => {
  // Eleven commands, one waiting for a container to stop: a loaded machine needs the time.
  test.setTimeout(60_000);
  await run(page, "docker run -d --name busy1 busybox sleep 3600");
  await run(page, "docker run -d --name busy2 busybox sleep 3600");
  const busy1 = node(page, "container busy1 (running)");
  await expect(busy1).toBeVisible();
  await expect(busy1.locator("[data-port]")).toHaveText(["eth0@if5"]);
  await expect(busy1).toContainText("eth0 172.17.0.2/16");
  await expect(node(page, "container busy2 (running)")).toContainText("eth0 172.17.0.3/16");
  const docker0 = node(page, "bridge docker0 (network bridge)");
  await expect(docker0).toContainText("172.17.0.0/16 gw 172.17.0.1");
  await expect(graph(page).locator('[aria-label^="cable veth"][aria-label$="⇄ eth0@if5"]')).toHaveCount(1);
  await expect(graph(page).locator('[aria-label^="cable veth"][aria-label$="⇄ eth0@if7"]')).toHaveCount(1);
  await expect(graph(page).locator(".dnl-cable-label")).toHaveText([
    /^veth[0-9a-f]{7}@if4$/,
    /^veth[0-9a-f]{7}@if6$/,
  ]);

  // A second network: a new bridge, and busy1 gets a second cable to it.
  await run(page, "docker network create mynet");
  await run(page, "docker network connect mynet busy1");
  await expect(busy1.locator("[data-port]")).toHaveText(["eth0@if5", /^eth1@if\d+$/]);
  await expect(graph(page).locator('.react-flow__node[aria-label$="(network mynet)"]')).toContainText(
    "172.18.0.0/16",
  );
  await expect(graph(page).locator('[aria-label^="cable veth"][aria-label*="⇄ eth1@if"]')).toHaveCount(1);

  // --network host is listed in the host namespace; none has only lo; a stopped container stays, greyed.
  await run(page, "docker run -d --name hosty --network host busybox sleep 3600");
  await expect(node(page, "host namespace of host1")).toContainText("--network host hosty");
  await run(page, "docker run -d --name lonely --network none busybox sleep 3600");
  await expect(node(page, "container lonely (running)")).toContainText("lo 127.0.0.1/8");
  // container: mode shares busy1's box; a namespace made with ip netns looks like a container.
  await run(page, "docker run -d --name side --network container:busy1 busybox sleep 3600");
  await expect(busy1).toContainText("shared with side");
  await run(page, "ip netns add red");
  await run(page, "ip link add veth0 type veth peer name veth1");
  await run(page, "ip link set veth1 netns red");
  await run(page, "ip netns exec red ip addr add 10.1.1.2/24 dev veth1");
  await run(page, "ip link set veth0 master docker0");
  await expect(node(page, "ip netns red")).toContainText("veth1 10.1.1.2/24");
  await expect(node(page, "ip netns red").locator("[data-port]")).toHaveText([/^veth1@if\d+$/]);
  await expect(graph(page).locator(".dnl-cable-label", { hasText: /^veth0@if\d+$/ })).toHaveCount(1);
  await run(page, "docker stop -t 1 busy2", "busy2");
  await expect(node(page, "container busy2 (exited (137))")).toContainText("networks: bridge");
});

test("a ping's packets travel hop by hop along the cables, in order", async ({ page }) => {
  await stepByStep(page);
  await run(page, "docker run -d --name busy1 busybox sleep 3600");
  await run(page, "docker run -d --name busy2 busybox sleep 3600");
  await page.getByLabel("Speed").selectOption("4");
  await recordTokens(page);
  await run(page, "docker exec busy1 ping -c 1 172.17.0.3", "1 packets transmitted, 1 packets received");
  const seen = await seenTokens(page);
  const order = inOrder(seen, [
    /^ICMP 172\.17\.0\.2 → 172\.17\.0\.3 echo request at busy1 eth0 \(sent\)/,
    /^ICMP 172\.17\.0\.2 → 172\.17\.0\.3 echo request at docker0 port veth/,
    /^ICMP 172\.17\.0\.2 → 172\.17\.0\.3 echo request at busy2 eth0 /,
    /^ICMP 172\.17\.0\.3 → 172\.17\.0\.2 echo reply at busy2 eth0 /,
    /^ICMP 172\.17\.0\.3 → 172\.17\.0\.2 echo reply at busy1 eth0 /,
  ]);
  expect(order, seen.join("\n")).not.toContain(-1);
  // An ARP broadcast came first, flooded to the bridge's other port.
  expect(
    seen.findIndex((s) => s.startsWith("ARP ")),
    seen.join("\n"),
  ).toBeLessThan(order[0] ?? 0);
  // The event list has every hop and clicking one shows its headers in the inspector.
  await page.getByRole("button", { name: "Event list" }).click();
  const events = page.getByRole("region", { name: "Packet events" }).getByRole("listitem");
  await events.filter({ hasText: "busy2 eth0" }).filter({ hasText: "ICMP" }).first().click();
  const inspector = page.getByTestId("inspector");
  await expect(inspector).toContainText("packet hop");
  await expect(inspector).toContainText(/where\s+busy2 eth0/);
  await expect(inspector).toContainText("IPv4");
  await expect(inspector).not.toContainText("Following the animation");
});

test("a packet's label stays inside the graph pane, also at a container by the pane's edge", async ({
  page,
}) => {
  await run(page, "docker network create mynet");
  await run(page, "docker run -itd --name web --network mynet busybox");
  await run(page, "docker run -itd --name client --network mynet busybox");
  await stepByStep(page);
  await page.getByLabel("Speed").selectOption("4");
  // Every frame, the current label's overflow beyond the pane's left or right side, the worst kept.
  await page.evaluate(() => {
    const w = window as unknown as { overflow: number; labels: number };
    w.overflow = 0;
    w.labels = 0;
    const check = () => {
      const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
      const body = document
        .querySelector('[data-testid="packet-token"] .dnl-token-body')
        ?.getBoundingClientRect();
      if (pane && body) {
        w.labels++;
        w.overflow = Math.max(w.overflow, pane.left - body.left, body.right - pane.right);
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  await run(page, "docker exec client ping -c 1 web", "1 packets transmitted, 1 packets received");
  const { overflow, labels } = await page.evaluate(() => {
    const w = window as unknown as { overflow: number; labels: number };
    return { overflow: w.overflow, labels: w.labels };
  });
  expect(labels).toBeGreaterThan(20);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("pause and step move the packet one step at a time (a flood's copies are one step)", async ({
  page,
}) => {
  await stepByStep(page);
  await run(page, "docker run -d --name busy1 busybox sleep 3600");
  await run(page, "docker run -d --name busy2 busybox sleep 3600");
  await page.getByLabel("Speed").selectOption("0.25");
  await typeLine(page, "docker exec busy1 ping -c 1 172.17.0.3");
  const token = graph(page).getByTestId("packet-token");
  await expect(token).toBeVisible();
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  const hopOf = async () => Number(await token.getAttribute("data-hop"));
  const at = await hopOf();
  await page.getByRole("button", { name: "Step forward one hop" }).click();
  await expect.poll(hopOf).toBeGreaterThan(at);
  const first = await hopOf();
  await page.getByRole("button", { name: "Step forward one hop" }).click();
  await expect.poll(hopOf).toBeGreaterThan(first);
  await page.getByRole("button", { name: "Step back one hop" }).click();
  await expect(token).toHaveAttribute("data-hop", String(first));
  // With nothing selected, the inspector shows the packet the graph shows.
  const inspector = page.getByTestId("inspector");
  await expect(inspector).toHaveAttribute("data-hop", String(first));
  await expect(inspector).toContainText("Following the animation");
  await expect(inspector).toContainText("packet hop");
  await page.waitForTimeout(1500);
  await expect(token).toHaveAttribute("data-hop", String(first));
  await page.getByLabel("Speed").selectOption("4");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expectScreen(page, "1 packets transmitted, 1 packets received", 20_000);
});

test("a packet dropped between two user networks stops where it was dropped, with the rule", async ({
  page,
}) => {
  await run(page, "docker network create net1");
  await run(page, "docker network create net2");
  await run(page, "docker run -d --name alpha --network net1 busybox sleep 3600");
  await run(page, "docker run -d --name beta --network net2 busybox sleep 3600");
  await page.getByLabel("Speed").selectOption("4");
  await recordTokens(page);
  await run(page, "docker exec alpha ping -c 1 -W 1 172.19.0.2", "1 packets transmitted, 0 packets received");
  const seen = await seenTokens(page);
  const drop = seen.find((s) => s.includes("(dropped)"));
  expect(drop, seen.join("\n")).toMatch(
    /^ICMP 172\.18\.0\.2 → 172\.19\.0\.2 echo request at .* \(dropped\), rule -A DOCKER-ISOLATION-STAGE-2 -o br-[0-9a-f]{12} -j DROP$/,
  );
  await expect(graph(page).getByTestId("packet-token")).toHaveAttribute("data-decision", "dropped");
  await expect(graph(page).getByTestId("packet-token")).toContainText(
    "DROPPED by -A DOCKER-ISOLATION-STAGE-2",
  );
});

test("with reduced motion the token jumps from hop to hop instead of gliding", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await stepByStep(page);
  await run(page, "docker run -d --name busy1 busybox sleep 3600");
  await run(page, "docker run -d --name busy2 busybox sleep 3600");
  // Every position the token takes, by hop, as the page draws it.
  await page.evaluate(() => {
    const w = window as unknown as { places: Record<string, string[]> };
    w.places = {};
    new MutationObserver(() => {
      const t = document.querySelector<HTMLElement>('[data-testid="packet-token"]');
      const hop = t?.dataset.hop;
      if (!t || hop === undefined) return;
      const seen = w.places[hop] ?? [];
      if (!seen.includes(t.style.transform)) seen.push(t.style.transform);
      w.places[hop] = seen;
    }).observe(document.body, { subtree: true, attributes: true, childList: true });
  });
  await run(page, "docker exec busy1 ping -c 1 172.17.0.3", "1 packets received");
  const places = await page.evaluate(
    () => (window as unknown as { places: Record<string, string[]> }).places,
  );
  expect(Object.keys(places).length).toBeGreaterThan(8);
  for (const [hop, at] of Object.entries(places)) expect(at.length, `hop ${hop}: ${at.join(" | ")}`).toBe(1);
});

test("a dragged node stays where it was put, across a reload", async ({ page }) => {
  await run(page, "docker run -d --name busy1 busybox sleep 3600");
  const busy1 = node(page, "container busy1 (running)");
  const before = await busy1.boundingBox();
  if (!before) throw new Error("busy1 not drawn");
  await page.mouse.move(before.x + before.width / 2, before.y + 20);
  await page.mouse.down();
  await page.mouse.move(before.x + before.width / 2 + 60, before.y + 60, { steps: 8 });
  await page.mouse.up();
  const moved = await busy1.getAttribute("style");
  expect(moved).not.toBe(null);
  await page.waitForTimeout(700);
  await page.reload();
  await expect(busy1).toBeVisible();
  expect(await busy1.evaluate((el) => (el as HTMLElement).style.transform)).toBe(
    moved?.match(/transform: ([^;]+);/)?.[1],
  );
});

test("selecting a container shows its interfaces in the inspector", async ({ page }) => {
  await run(page, "docker run -d --name busy1 busybox sleep 3600");
  await node(page, "container busy1 (running)").click();
  const inspector = page.getByTestId("inspector");
  await expect(inspector).toContainText("Inspector · container");
  await expect(inspector).toContainText("4: eth0@if5");
  await expect(inspector).toContainText("172.17.0.2/16");
  await expect(inspector).toContainText("default via 172.17.0.1 dev eth0");
});

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  for (const theme of ["light", "dark"] as const) {
    test(`at ${size.width}x${size.height} in the ${theme} theme, tidied up, every node is in view and none half covers another`, async ({
      page,
    }) => {
      // Six commands and a ping, typed: more than the default 30 s on a loaded machine.
      test.setTimeout(60_000);
      await page.setViewportSize(size);
      await page.getByLabel("Theme").selectOption(theme);
      await page.locator(".xterm").first().click();
      await run(page, "docker network create mynet");
      await run(page, "docker run -d --name web --network mynet -p 8081:80 busybox httpd -f -p 80");
      await run(page, "docker run -d --name busy1 busybox sleep 3600");
      await run(page, "docker run -d --name busy2 busybox sleep 3600");
      await run(page, "docker network connect mynet busy1");
      await page.getByLabel("Speed").selectOption("4");
      await run(page, "docker exec busy1 ping -c 1 8.8.8.8", "1 packets transmitted");
      await page.getByRole("button", { name: "Tidy up the layout" }).click();
      await page.waitForTimeout(600);
      await page.screenshot({ path: `test-results/graph-${size.width}x${size.height}-${theme}.png` });
      const view = await graph(page).locator(".react-flow").boundingBox();
      const boxes = await graph(page)
        .locator(".react-flow__node")
        .evaluateAll((nodes) =>
          nodes.map((n) => {
            const r = n.getBoundingClientRect();
            return {
              label: n.getAttribute("aria-label") ?? "",
              x: r.x,
              y: r.y,
              right: r.right,
              bottom: r.bottom,
            };
          }),
        );
      expect(boxes.map((b) => b.label)).toEqual(
        expect.arrayContaining([
          "container web (running)",
          "container busy1 (running)",
          "container busy2 (running)",
        ]),
      );
      if (!view) throw new Error("no graph on the page");
      const outside = boxes.filter(
        (b) =>
          b.x < view.x || b.y < view.y || b.right > view.x + view.width || b.bottom > view.y + view.height,
      );
      expect(outside.map((b) => b.label)).toEqual([]);
      // A host holds its namespaces and bridges; otherwise two nodes do not meet.
      const inside = (a: Box, b: Box) =>
        a.x >= b.x && a.y >= b.y && a.right <= b.right && a.bottom <= b.bottom;
      const apart = (a: Box, b: Box) =>
        a.right <= b.x || b.right <= a.x || a.bottom <= b.y || b.bottom <= a.y;
      const clashes = boxes.flatMap((a, i) =>
        boxes
          .slice(i + 1)
          .flatMap((b) => (apart(a, b) || inside(a, b) || inside(b, a) ? [] : [`${a.label} / ${b.label}`])),
      );
      expect(clashes).toEqual([]);
      // The theme reaches the graph: a dark background in the dark theme, a light one in the light.
      const background = await graph(page)
        .locator(".react-flow")
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      const [r = 0, g = 0, b = 0] = (background.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      if (theme === "dark") expect(luminance).toBeLessThan(0.3);
      else expect(luminance).toBeGreaterThan(0.7);
    });
  }
}
