/** Driving the lab's terminal as a person does, and reading what it printed through xterm's accessibility tree. */
import { expect, type Locator, type Page } from "@playwright/test";

/** The terminal of the selected tab (each tab has its own xterm). */
export function activeTerminal(page: Page): Locator {
  return page.locator('[data-terminal-active="true"]');
}

/** Opens the lab (or, with `navigate` false, just clicks into its terminal). */
export async function openLab(page: Page, navigate = true): Promise<void> {
  if (navigate) await page.goto("/");
  await activeTerminal(page).locator(".xterm").click();
}

export async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line, { delay: 5 });
  await page.keyboard.press("Enter");
}

/** The selected terminal's text as assistive technology reads it (xterm's screen-reader mode). */
export function terminalText(page: Page): Locator {
  return activeTerminal(page).locator(".xterm-accessibility-tree");
}

export async function expectTerminal(page: Page, text: string | RegExp): Promise<void> {
  await expect(terminalText(page)).toContainText(text, { timeout: 5_000 });
}

/** The rows on screen, one per line, trailing blanks trimmed and empty rows at the bottom dropped. */
export async function screenText(page: Page): Promise<string> {
  const rows = await terminalText(page).evaluate((tree) =>
    [...tree.children].map((row) => (row.textContent ?? "").replace(/\u00a0/g, " ").replace(/\s+$/, "")),
  );
  while (rows.length > 0 && rows[rows.length - 1] === "") rows.pop();
  return rows.join("\n");
}

/** Waits until the rows on screen contain `text` (several lines joined with \n), or match a pattern. */
export async function expectScreen(page: Page, text: string | RegExp, timeout = 5_000): Promise<void> {
  const poll = expect.poll(() => screenText(page), { timeout });
  if (typeof text === "string") await poll.toContain(text);
  else await poll.toMatch(text);
}

/**
 * Types a line and waits for the prompt after it. The screen may not show the typed line yet when
 * Enter is pressed, so the old prompt on the last row is not taken for the new one.
 */
export async function runToPrompt(page: Page, line: string, prompt = "[root@host1 ~]#", timeout = 20_000) {
  await typeLine(page, line);
  await promptAfter(page, line, prompt, timeout);
}

/** Types a command and waits for the host prompt to come back (and for `expected` on screen, if given). */
export async function runAtPrompt(page: Page, line: string, expected?: string | RegExp): Promise<void> {
  await typeLine(page, line);
  if (expected) await expectScreen(page, expected, 15_000);
  await promptAfter(page, line);
}

/** Waits until `line` has run: the line as typed, then (maybe after output) the prompt again at the bottom. */
export async function promptAfter(
  page: Page,
  line: string,
  prompt = "[root@host1 ~]#",
  timeout = 15_000,
): Promise<void> {
  // Compared without white space: a long line wraps over rows, each trimmed at its end.
  const bare = (t: string) => t.replace(/\s+/g, "");
  await expect
    .poll(
      async () => {
        const text = bare(await screenText(page));
        const at = text.lastIndexOf(`${bare(prompt)}${bare(line)}`);
        return at >= 0 && text.slice(at + bare(prompt).length + bare(line).length).endsWith(bare(prompt));
      },
      { timeout },
    )
    .toBe(true);
}

/** A graph node by its accessible name ("container web (running)", "bridge br-… (network app)"). */
export function graphNode(page: Page, label: string | RegExp): Locator {
  return page
    .getByRole("region", { name: "Network graph" })
    .locator(".react-flow__node")
    .and(page.getByLabel(label, { exact: typeof label === "string" }));
}

/** What a command printed and its status, asked through the lab's own message API (the page's own origin may). */
export async function labRun(
  page: Page,
  command: string,
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  return page.evaluate(
    (cmd) =>
      new Promise((resolve) => {
        const id = Math.random().toString(36).slice(2);
        const onReply = (e: MessageEvent) => {
          if (e.data?.id !== id || e.data.type === "lab:run") return;
          removeEventListener("message", onReply);
          resolve(e.data);
        };
        addEventListener("message", onReply);
        postMessage({ type: "lab:run", id, command: cmd }, location.origin);
      }),
    command,
  );
}

/** Pastes text into the terminal as the browser does for Ctrl+V. */
export async function paste(page: Page, text: string): Promise<void> {
  await activeTerminal(page)
    .locator(".xterm-helper-textarea")
    .evaluate((area, data) => {
      const transfer = new DataTransfer();
      transfer.setData("text/plain", data);
      area.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
    }, text);
}
