/** Driving the lab's terminal as a person does, and reading what it printed through xterm's accessibility tree. */
import { expect, type Page } from "@playwright/test";

export async function openLab(page: Page): Promise<void> {
  await page.goto("/");
  await page.locator(".xterm").click();
}

export async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line, { delay: 5 });
  await page.keyboard.press("Enter");
}

/** The terminal's text as assistive technology reads it (xterm's screen-reader mode). */
export function terminalText(page: Page) {
  return page.locator(".xterm-accessibility-tree");
}

export async function expectTerminal(page: Page, text: string | RegExp): Promise<void> {
  await expect(terminalText(page)).toContainText(text, { timeout: 5_000 });
}
