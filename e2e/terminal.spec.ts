/**
 * The terminal driven by keyboard as a student drives it: line editing, history (also across a
 * reload), reverse search, completion, Ctrl+C/D/L, Ctrl+P Ctrl+Q, paste, tabs, font size, clear.
 * What it printed is read from xterm's accessibility tree, row by row.
 */
import { expect, type Page, test } from "@playwright/test";
import { activeTerminal, expectScreen, openLab, paste, screenText, typeLine } from "./terminal-helpers";

const HOST = "[root@host1 ~]# ";

async function press(page: Page, ...keys: string[]): Promise<void> {
  for (const key of keys) await page.keyboard.press(key);
}

/** The screen ends with the prompt, waiting for input: the previous command has been shown in full. */
async function expectPrompt(page: Page, prompt = HOST.trimEnd()): Promise<void> {
  await expect.poll(() => screenText(page), { timeout: 10_000 }).toMatch(new RegExp(`${literal(prompt)}$`));
}

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const tabs = (page: Page) => page.getByRole("tablist", { name: "Terminal sessions" }).getByRole("tab");

test.beforeEach(async ({ page }) => {
  await openLab(page);
  await expectPrompt(page);
});

test("edits a line with arrows, Home/End, Backspace/Delete and Ctrl+A/E/U/K/W as bash does", async ({
  page,
}) => {
  await page.keyboard.type("cho 2 4");
  await press(page, "Home");
  await page.keyboard.type("e");
  await press(page, "ArrowRight", "ArrowRight", "ArrowRight", "ArrowRight", "ArrowRight");
  await page.keyboard.type(" 3");
  await press(page, "End");
  await page.keyboard.type(" 5");
  await press(page, "Enter");
  await expectScreen(page, `${HOST}echo 2 3 4 5\n2 3 4 5\n`);

  await page.keyboard.type("B");
  await press(page, "Control+a");
  await page.keyboard.type("echo A ");
  await press(page, "Control+e");
  await page.keyboard.type(" C");
  await press(page, "Enter");
  await expectScreen(page, `${HOST}echo A B C\nA B C\n`);

  await page.keyboard.type("rm -rf everything");
  await press(page, "Control+u");
  await typeLine(page, "echo kept");
  await expectScreen(page, `${HOST}echo kept\nkept\n`);

  await page.keyboard.type("echo keep cut");
  await press(page, "ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowLeft", "Control+k");
  await press(page, "Enter");
  await expectScreen(page, `${HOST}echo keep\nkeep\n`);

  await page.keyboard.type("echo one two");
  await press(page, "Control+w");
  await typeLine(page, "three");
  await expectScreen(page, `${HOST}echo one three\none three\n`);

  await page.keyboard.type("echo abXYc");
  await press(page, "ArrowLeft", "Backspace", "ArrowLeft", "Delete", "Enter");
  await expectScreen(page, `${HOST}echo abc\nabc\n`);

  // Output without a final newline: the prompt follows it on the same row, and editing still works there.
  await typeLine(page, "echo -n no-newline");
  await page.keyboard.type("cho x");
  await press(page, "Home");
  await page.keyboard.type("e");
  await expectScreen(page, `${HOST}echo -n no-newline\nno-newline${HOST}echo x`);
  await press(page, "End", "Backspace", "Enter");
  await expectScreen(page, `no-newline${HOST}echo\n\n${HOST.trimEnd()}`);
});

test("edits a line longer than the terminal is wide", async ({ page }) => {
  const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");
  await page.keyboard.type(`cho ${words}`);
  await press(page, "Home");
  await page.keyboard.type("e");
  // Back across the wrap from the end, and insert there.
  await press(page, "End", ...Array.from({ length: 6 }, () => "ArrowLeft"));
  await page.keyboard.type("X");
  await press(page, "Enter");
  const expected = words.replace(/word29$/, "Xword29");
  await expect
    .poll(async () => (await screenText(page)).replace(/\n/g, ""), { timeout: 5_000 })
    .toContain(`${HOST}echo ${expected}${expected}${HOST.trimEnd()}`);
});

test("recalls history with Up and Down, also after a reload", async ({ page }) => {
  await typeLine(page, "echo first");
  await typeLine(page, "echo second");
  await expectPrompt(page);
  await press(page, "ArrowUp", "ArrowUp");
  await expectScreen(page, `${HOST}echo first`);
  await press(page, "Enter");
  await expectScreen(page, `second\n${HOST}echo first\nfirst\n`);
  await press(page, "ArrowUp", "ArrowUp", "ArrowDown", "ArrowDown");
  await typeLine(page, "echo third");
  await expectScreen(page, `${HOST}echo third\nthird\n`);

  // The lab, sessions and their history are saved: a reload brings them back.
  await page.waitForTimeout(800);
  await page.reload();
  await activeTerminal(page).locator(".xterm").click();
  await expectPrompt(page);
  await press(page, "ArrowUp");
  await expectScreen(page, `${HOST}echo third`);
  await press(page, "ArrowUp", "ArrowUp", "Enter");
  await expectScreen(page, `${HOST}echo second\nsecond\n`);
});

test("searches history backwards with Ctrl+R", async ({ page }) => {
  await typeLine(page, "echo alpha");
  await typeLine(page, "echo beta");
  await typeLine(page, "echo gamma");
  await expectPrompt(page);
  await press(page, "Control+r");
  await page.keyboard.type("alp");
  await expectScreen(page, "(reverse-i-search)`alp': echo alpha");
  await press(page, "Enter");
  await expectScreen(page, `${HOST}echo alpha\nalpha\n${HOST.trimEnd()}`);

  await press(page, "Control+r");
  await page.keyboard.type("echo");
  await expectScreen(page, "(reverse-i-search)`echo': echo alpha");
  await press(page, "Control+r");
  await expectScreen(page, "(reverse-i-search)`echo': echo gamma");
  await page.keyboard.type("zz");
  await expectScreen(page, "(failed reverse-i-search)`echozz': echo gamma");
  await press(page, "Control+g");
  await expectPrompt(page);
});

test("completes commands, subcommands, flag values, images and files with Tab, and lists with a double Tab", async ({
  page,
}) => {
  await page.keyboard.type("docker netw");
  await press(page, "Tab");
  await expectScreen(page, `${HOST}docker network`);
  await typeLine(page, "ls");
  await expectScreen(page, /NETWORK ID +NAME +DRIVER +SCOPE/);

  await page.keyboard.type("docker ");
  await press(page, "Tab", "Tab");
  // The candidates in columns under the line (network and run among them), then the prompt and the line again.
  await expectScreen(
    page,
    /\[root@host1 ~\]# docker\n(?=[\s\S]*\bnetwork\b)(?=[\s\S]*\brun\b)(.*\n)+\[root@host1 ~\]# docker$/,
  );
  await press(page, "Control+u");

  await typeLine(page, "docker run -d --name busy1 busybox sleep 3600");
  await expectScreen(page, /\n[0-9a-f]{64}\n/, 10_000);
  await page.keyboard.type("docker run -d --network brid");
  await press(page, "Tab");
  await page.keyboard.type("bus");
  await press(page, "Tab");
  await expectScreen(page, `${HOST}docker run -d --network bridge busybox`);
  await press(page, "Tab", "Tab");
  await expectScreen(page, `busybox         busybox:latest\n${HOST}docker run -d --network bridge busybox`);
  await press(page, "Control+u");

  await page.keyboard.type("cat /etc/hostn");
  await press(page, "Tab");
  await press(page, "Enter");
  await expectScreen(page, `${HOST}cat /etc/hostname\nhost1\n`);
});

test("Ctrl+C drops the line at the prompt and stops a command in the foreground", async ({ page }) => {
  await page.keyboard.type("echo never");
  await press(page, "Control+c");
  await expectScreen(page, `${HOST}echo never^C\n${HOST.trimEnd()}`);
  await typeLine(page, "echo $?");
  await expectScreen(page, `${HOST}echo $?\n130\n`);

  await typeLine(page, "docker run --name fg busybox sleep 30");
  await expectScreen(page, `${HOST}docker run --name fg busybox sleep 30`, 10_000);
  // Still running: no prompt after it.
  await page.waitForTimeout(1500);
  expect(await screenText(page)).toMatch(/docker run --name fg busybox sleep 30$/);
  await press(page, "Control+c");
  await expectScreen(page, `${HOST}docker run --name fg busybox sleep 30\n^C\n${HOST.trimEnd()}`);
  await typeLine(page, "echo $?");
  await expectScreen(page, `${HOST}echo $?\n130\n`);
});

test("Ctrl+C stops an endless ping, which prints its statistics", async ({ page }) => {
  await typeLine(page, "ping 172.17.0.1");
  await expectScreen(page, /64 bytes from 172\.17\.0\.1: icmp_seq=2 /, 15_000);
  await press(page, "Control+c");
  await expectScreen(
    page,
    // The numbers are ping's to get right (src/shell/commands/net); the terminal's part is ^C on its own
    // line where the cursor was, the statistics after it, and the prompt back.
    /\n\^C\n--- 172\.17\.0\.1 ping statistics ---\n\d+ packets transmitted, \d+ received, [\d.]+% packet loss, time \d+ms\n/,
  );
  await expectPrompt(page);
});

test("runs a pasted script line by line, and asks for the rest of an unfinished line with >", async ({
  page,
}) => {
  await paste(page, "echo one\necho two\necho three\n");
  await expectScreen(
    page,
    `${HOST}echo one\none\n${HOST}echo two\ntwo\n${HOST}echo three\nthree\n${HOST.trimEnd()}`,
  );

  await typeLine(page, "echo 'x");
  await expectScreen(page, `${HOST}echo 'x\n>`);
  await typeLine(page, "y'");
  await expectScreen(page, `${HOST}echo 'x\n> y'\nx\ny\n`);
});

test("copies the selection to the clipboard and pastes with Ctrl+V", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await typeLine(page, "echo copyme");
  await expectScreen(page, "\ncopyme\n");
  const row = activeTerminal(page)
    .locator(".xterm-rows > div")
    .filter({ hasText: /^copyme\s*$/ });
  const box = await row.boundingBox();
  if (!box) throw new Error("the output row is not on screen");
  await page.mouse.dblclick(box.x + 10, box.y + box.height / 2);
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe("copyme");

  await page.evaluate(() => navigator.clipboard.writeText("echo pasted-one\necho pasted-two\n"));
  await activeTerminal(page).locator(".xterm").click();
  await press(page, "Control+v");
  await expectScreen(page, `${HOST}echo pasted-one\npasted-one\n${HOST}echo pasted-two\npasted-two\n`);
});

test("Ctrl+L and clear empty the screen", async ({ page }) => {
  await typeLine(page, "echo before");
  await expectScreen(page, "before\n");
  await page.keyboard.type("echo after");
  await press(page, "Control+l");
  await expect.poll(() => screenText(page)).toBe(`${HOST}echo after`);
  await press(page, "Enter");
  await expectScreen(page, `${HOST}echo after\nafter\n`);
  await typeLine(page, "clear");
  await expect.poll(() => screenText(page)).toBe(HOST.trimEnd());
});

test("enters a container with docker exec, the tab titled after it, and leaves with exit", async ({
  page,
}) => {
  await typeLine(page, "docker run -d --name busy1 busybox sleep 3600");
  await expectScreen(page, /\n[0-9a-f]{64}\n/, 10_000);
  await page.keyboard.type("docker exec -it bu");
  await press(page, "Tab");
  await page.keyboard.type("sh");
  await press(page, "Enter");
  await expectScreen(page, `${HOST}docker exec -it busy1 sh\n/ #`, 10_000);
  await expect(tabs(page).first()).toHaveAccessibleName("busy1");
  await typeLine(page, "cat /etc/hostname");
  await expectScreen(page, /\/ # cat \/etc\/hostname\n[0-9a-f]{12}\n\/ #$/);
  await typeLine(page, "exit");
  await expectScreen(page, `/ # exit\n${HOST.trimEnd()}`);
  await expect(tabs(page).first()).toHaveAccessibleName("host1");
});

test("returns a tab to the host when its container is stopped from another tab", async ({ page }) => {
  await typeLine(page, "docker run -itd --name busy2 busybox");
  await expectScreen(page, /\n[0-9a-f]{64}\n/, 10_000);
  await typeLine(page, "docker exec -it busy2 sh");
  await expectScreen(page, "/ #", 10_000);
  await press(page, "Alt+t");
  await expectPrompt(page);
  await typeLine(page, "docker stop busy2");
  await expectScreen(page, `${HOST}docker stop busy2\nbusy2\n`, 15_000);
  await press(page, "Alt+1");
  await expectScreen(page, `${HOST}docker exec -it busy2 sh\n/ #\n${HOST.trimEnd()}`);
  await expect(tabs(page).first()).toHaveAccessibleName("host1");
});

test("leaves a container's shell with Ctrl+D, and detaches from a main shell with Ctrl+P Ctrl+Q", async ({
  page,
}) => {
  await typeLine(page, "docker run -it --name a2 busybox sh");
  await expectScreen(page, `${HOST}docker run -it --name a2 busybox sh\n/ #`, 10_000);
  await expect(tabs(page).first()).toHaveAccessibleName("a2");
  await press(page, "Control+d");
  await expectScreen(page, `/ #\n${HOST.trimEnd()}`);
  await expect(tabs(page).first()).toHaveAccessibleName("host1");

  await typeLine(page, "docker run -it --name a1 alpine /bin/sh");
  await expectScreen(page, `${HOST}docker run -it --name a1 alpine /bin/sh\n/ #`, 10_000);
  await typeLine(page, "hostname");
  await expectScreen(page, /\/ # hostname\n[0-9a-f]{12}\n\/ #$/);
  await press(page, "Control+p", "Control+q");
  await expectScreen(page, `/ #\n${HOST.trimEnd()}`);
  await typeLine(page, "docker ps");
  await expectScreen(page, /alpine +"\/bin\/sh" +.* Up .* a1\n/);
});

test("opens, switches, renames and closes tabs, each with its own shell and scrollback", async ({ page }) => {
  await typeLine(page, "echo in-one");
  await page.getByRole("button", { name: "New terminal tab" }).click();
  await expect(tabs(page)).toHaveCount(2);
  await expect(tabs(page).nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(tabs(page).nth(1)).toHaveAccessibleName("host1 (2)");
  await expectPrompt(page);
  await typeLine(page, "echo in-two");
  await expectScreen(page, `${HOST}echo in-two\nin-two\n`);

  await press(page, "Alt+1");
  await expect(tabs(page).first()).toHaveAttribute("aria-selected", "true");
  await expectScreen(page, `${HOST}echo in-one\nin-one\n`);
  expect(await screenText(page)).not.toContain("in-two");
  await typeLine(page, "echo back-in-one");
  await expectScreen(page, "back-in-one\n");
  await press(page, "Alt+2");
  await expectScreen(page, "in-two\n");
  expect(await screenText(page)).not.toContain("in-one");
  // History is per session.
  await press(page, "ArrowUp");
  await expectScreen(page, `${HOST}echo in-two`);
  await press(page, "Control+u");

  await tabs(page).nth(1).dblclick();
  const name = page.getByRole("textbox", { name: "New name for the tab" });
  await name.fill("build");
  await name.press("Enter");
  await expect(tabs(page).nth(1)).toHaveAccessibleName("build");

  // The tab list by keyboard: Shift+Tab leaves the terminal, arrows move between tabs.
  await activeTerminal(page).locator(".xterm").click();
  await expect(activeTerminal(page).locator(".xterm-helper-textarea")).toBeFocused();
  await press(page, "Shift+Tab");
  await expect(activeTerminal(page).locator(".xterm-helper-textarea")).not.toBeFocused();
  await tabs(page).nth(1).focus();
  await press(page, "ArrowLeft");
  await expect(tabs(page).first()).toHaveAttribute("aria-selected", "true");
  await expect(tabs(page).first()).toBeFocused();
  await press(page, "ArrowRight");
  await expect(tabs(page).nth(1)).toHaveAttribute("aria-selected", "true");

  await activeTerminal(page).locator(".xterm").click();
  await press(page, "Alt+t");
  await expect(tabs(page)).toHaveCount(3);
  await expect(tabs(page).nth(2)).toHaveAttribute("aria-selected", "true");
  await expectPrompt(page);
  await press(page, "Alt+w");
  await expect(tabs(page)).toHaveCount(2);

  await page.locator('[data-close-tab="s2"]').click();
  await expect(tabs(page)).toHaveCount(1);
  await expect(page.locator("[data-close-tab]")).toHaveCount(0);
  await expectScreen(page, "back-in-one\n");
});

test("changes the font size with Ctrl+= / Ctrl+- / Ctrl+0 and remembers it", async ({ page }) => {
  const fontSize = () =>
    activeTerminal(page)
      .locator(".xterm-rows")
      .evaluate((e) => getComputedStyle(e).fontSize);
  await expect.poll(fontSize).toBe("14px");
  await press(page, "Control+Equal", "Control+Equal");
  await expect.poll(fontSize).toBe("18px");
  await page.reload();
  await expect.poll(fontSize).toBe("18px");
  await activeTerminal(page).locator(".xterm").click();
  await press(page, "Control+Minus");
  await expect.poll(fontSize).toBe("16px");
  await press(page, "Control+0");
  await expect.poll(fontSize).toBe("14px");
  await page.getByRole("button", { name: "Larger terminal text" }).click();
  await expect.poll(fontSize).toBe("16px");
});

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  for (const theme of ["light", "dark"] as const) {
    test(`looks right at ${width}×${height} in the ${theme} theme`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.getByRole("combobox", { name: "Theme" }).selectOption(theme);
      await activeTerminal(page).locator(".xterm").click();
      await press(page, "Alt+t", "Alt+1");
      await typeLine(page, "docker network ls");
      await typeLine(page, "docker run --bogus busybox");
      await typeLine(page, "echo 'WARNING: this line is a warning'");
      await page.keyboard.type("docker ");
      await press(page, "Tab", "Tab");
      await expectScreen(page, /\[root@host1 ~\]# docker$/);
      await page.screenshot({ path: `test-results/terminal-${width}x${height}-${theme}.png` });
    });
  }
}
