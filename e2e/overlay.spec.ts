/**
 * Several hosts: host2 and host3 added from the toolbar, a swarm, overlays across them, and a ping
 * by name that the graph carries through the tunnel between the hosts' eth0s, wrapped in VXLAN
 * (outer UDP 4789, the VNI), with the inspector showing the outer headers around the inner frame.
 */
import { expect, type Page, test } from "@playwright/test";
import { activeTerminal, expectScreen, openLab, runToPrompt, screenText } from "./terminal-helpers";

const graph = (page: Page) => page.getByRole("region", { name: "Network graph" });
const inspector = (page: Page) => page.getByRole("complementary", { name: "Inspector" });

async function tab(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name }).click();
  await activeTerminal(page).locator(".xterm").click();
}

async function addHost(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: "Hosts ▾" }).click();
  await page.getByRole("menuitem", { name: "Add a Docker host" }).click();
  await expect(page.getByRole("tab", { name })).toBeVisible({ timeout: 15_000 });
}

test("hosts side by side, overlays as tunnels, a ping wrapped in VXLAN travelling one", async ({ page }) => {
  test.setTimeout(150_000);
  await openLab(page);
  await addHost(page, "host2");
  await expectScreen(page, "host2 is up at 192.168.0.101");
  await activeTerminal(page).locator(".xterm").click();
  await runToPrompt(page, "docker swarm init --advertise-addr 192.168.0.102");
  await runToPrompt(page, "docker swarm join-token -q worker");
  // The token on a line of its own (the one in swarm init's join command may wrap).
  const token = /^SWMTKN-\S+$/m.exec(await screenText(page))?.[0];
  expect(token).toBeDefined();
  await runToPrompt(page, "docker network create -d overlay --attachable ov");
  await runToPrompt(page, "docker run -dit --name c1 --network ov busybox");
  await tab(page, "host2");
  await runToPrompt(page, `docker swarm join --token ${token} 192.168.0.102:2377`, "[root@host2 ~]#");
  await runToPrompt(page, "docker run -dit --name c2 --network ov busybox", "[root@host2 ~]#");
  await page.getByRole("button", { name: "Tidy up the layout" }).click();
  await expect(graph(page).getByText('overlay "ov" · VXLAN VNI 4097 · UDP 4789')).toBeVisible();

  // The ping, step by step: stop at a wrapped packet on the LAN and look at it.
  await page.getByRole("button", { name: "Step by step" }).click();
  await tab(page, "host1");
  await runToPrompt(page, "docker exec c1 ping -c 1 c2", "[root@host1 ~]#", 60_000);
  await expectScreen(page, "1 packets received");
  const packet = graph(page).getByTestId("packet-token");
  await page
    .getByRole("button", { name: "Pause", exact: true })
    .click()
    .catch(() => undefined);
  let wrapped = false;
  for (let i = 0; i < 60 && !wrapped; i++) {
    await page.getByRole("button", { name: "Step back one hop" }).click();
    wrapped =
      (await packet.getAttribute("data-protocol")) === "VXLAN" &&
      (await packet.getAttribute("data-netns")) === "lan";
  }
  expect(wrapped).toBe(true);
  await expect(packet).toHaveAttribute(
    "aria-label",
    /192\.168\.0\.1\d\d:\d+ → 192\.168\.0\.1\d\d:4789 VNI 4097/,
  );
  await expect(packet).toHaveAttribute("aria-label", /ICMP 10\.0\.1\.\d+ → 10\.0\.1\.\d+ echo/);
  await expect(graph(page).getByTestId("tunnel-ov")).toHaveClass(/dnl-tunnel-busy/);
  // It travels the tunnel's lane, above the hosts, not through the switch on the left.
  await page.waitForTimeout(1500);
  const at = await packet.boundingBox();
  const host1 = await graph(page).getByTestId("node-host:host1").boundingBox();
  const host2 = await graph(page).getByTestId("node-host:host2").boundingBox();
  if (!at || !host1 || !host2) throw new Error("the token and the hosts are on screen");
  expect(at.y + at.height / 2).toBeLessThan(host1.y);
  expect(at.x + at.width / 2).toBeGreaterThan(host1.x);
  // The inspector: outer Ethernet, IPv4 between the hosts, UDP 4789, VXLAN, then the inner frame.
  await packet.click();
  const sections = await inspector(page).locator("h3").allTextContents();
  const order = [
    "Outer Ethernet",
    "Outer IPv4",
    "Outer UDP",
    "VXLAN",
    "Inner Ethernet",
    "Inner IPv4",
    "Inner ICMP",
  ];
  expect(sections.filter((s) => order.includes(s))).toEqual(order);
  await expect(inspector(page)).toContainText("Outer UDPsource port");
  await expect(inspector(page)).toContainText("destination port 4789");
  await expect(inspector(page)).toContainText("VXLANVNI 4097");
  await page.screenshot({ path: "test-results/overlay-tunnel.png" });

  // A third host and a second overlay: three hosts side by side, three lanes (ingress, ov, ov2).
  await page.getByRole("button", { name: "Realtime" }).click();
  await addHost(page, "host3");
  await tab(page, "host3");
  await runToPrompt(page, `docker swarm join --token ${token} 192.168.0.102:2377`, "[root@host3 ~]#");
  await runToPrompt(page, "docker run -dit --name c3 --network ov busybox", "[root@host3 ~]#");
  await tab(page, "host1");
  await runToPrompt(page, "docker network create -d overlay --attachable ov2");
  await runToPrompt(page, "docker run -dit --name c4 --network ov2 busybox");
  await tab(page, "host3");
  await runToPrompt(page, "docker run -dit --name c5 --network ov2 busybox", "[root@host3 ~]#");
  await page.getByRole("button", { name: "Tidy up the layout" }).click();
  await page.waitForTimeout(600);
  await page.screenshot({ path: "test-results/overlay-three-hosts.png" });
  const labels = [
    'overlay "ingress" · VXLAN VNI 4096',
    'overlay "ov" · VXLAN VNI 4097',
    'overlay "ov2" · VXLAN VNI 4098',
  ];
  const boxes = [];
  for (const l of labels) {
    const box = await graph(page).getByText(l).boundingBox();
    if (!box) throw new Error(`${l} is on screen`);
    boxes.push(box);
  }
  // Each lane's label stands clear of the others, and every host is on screen.
  for (let i = 1; i < boxes.length; i++) {
    const [a, b] = [boxes[i - 1], boxes[i]];
    if (a && b) expect(a.y >= b.y + b.height || b.y >= a.y + a.height).toBe(true);
  }
  // Zoomed out to fit three hosts, each host's name and address stay readable over its box.
  await expect(graph(page).locator(".dnl-host-label")).toHaveText([
    "host1 192.168.0.102",
    "host2 192.168.0.101",
    "host3 192.168.0.103",
  ]);
  for (const h of ["host1", "host2", "host3"])
    await expect(graph(page).getByTestId(`node-host:${h}`)).toBeInViewport();
});
