/** Driving the lab's terminal as a person does, and reading what it printed through xterm's accessibility tree. */
import { expect, type Locator, type Page } from "@playwright/test";

/** The terminal of the selected tab (each tab has its own xterm). */
export function activeTerminal(page: Page): Locator {
  return page.locator('[data-terminal-active="true"]');
}

export async function openLab(page: Page): Promise<void> {
  await page.goto("/");
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
  await expect
    .poll(
      async () => {
        const text = await screenText(page);
        return text.includes(`${prompt} ${line}\n`) && text.split("\n").pop() === prompt;
      },
      { timeout },
    )
    .toBe(true);
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
