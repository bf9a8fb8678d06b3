/**
 * The built page's Content-Security-Policy: checked on the build itself (one policy, before any
 * script; scripts only from the page's own files; no eval, no inline script, no other origin), then
 * in the browser: the lab's own work (commands, packets, graph, diagram export, presenter mode,
 * undo) violates nothing, and an injected inline handler or eval is refused.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { graphNode, openLab, runAtPrompt } from "./terminal-helpers";

const dist = join(import.meta.dirname, "..", "dist");

function policy(html: string): Map<string, string[]> {
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)];
  expect(metas).toHaveLength(1);
  const text = (metas[0]?.[1] ?? "").replaceAll("&#39;", "'");
  return new Map(
    text
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name = "", ...values]) => [name, values]),
  );
}

test("the built page carries a policy with no inline script, no eval and no other origin", () => {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const csp = policy(html);
  expect(csp.get("script-src")).toEqual(["'self'"]);
  expect(csp.get("default-src")).toEqual(["'self'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'none'"]);
  for (const [name, values] of csp) {
    for (const v of values) {
      expect(v, `${name} names another origin`).not.toMatch(/^(https?:|wss?:|\*|[a-z0-9.-]+\.[a-z]{2,})/i);
      expect(v, `${name} allows eval`).not.toBe("'unsafe-eval'");
    }
  }
  // The policy comes before any script, and every script is a file of the page's own.
  expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<script"));
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attrs = "", body = ""] of scripts) {
    expect(attrs).toMatch(/\bsrc="\.\/assets\/[^"]+\.js"/);
    expect(body.trim()).toBe("");
  }
  // Nor does any of the code the page loads build code from text.
  for (const file of readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js"))) {
    const code = readFileSync(join(dist, "assets", file), "utf8");
    expect(code, file).not.toMatch(/\beval\(|new Function\(/);
  }
});

test("the lab's own work violates nothing, and injected script is refused", async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await openLab(page);
  await runAtPrompt(page, "docker run -dit --name one busybox");
  await runAtPrompt(page, "docker run -dit --name two busybox");
  await runAtPrompt(page, "docker exec one ping -c 1 172.17.0.3", "1 packets received");
  await expect(graphNode(page, "container two (running)")).toBeVisible();
  for (const format of ["PNG", "SVG"]) {
    await page.getByRole("button", { name: "Share ▾" }).click();
    const download = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: `Diagram as ${format}` }).click();
    await download;
  }
  await page.getByRole("button", { name: "↶ Undo" }).click();
  await page.getByRole("button", { name: "Present" }).click();
  await page.getByRole("button", { name: "Exit presenter (P)" }).click();
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);

  const refused = await page.evaluate(async () => {
    const w = window as unknown as Record<string, unknown> & { violations: string[] };
    w.violations = [];
    document.body.insertAdjacentHTML("beforeend", '<img src="data:," onerror="window.byHandler = true">');
    const script = document.createElement("script");
    script.textContent = "window.byScript = true";
    document.body.append(script);
    // Code from text, run by the page itself (the test's own evaluation is exempt from the policy).
    (setTimeout as (code: string, ms: number) => number)("window.byEval = true", 0);
    await new Promise((r) => setTimeout(r, 300));
    return { ran: [w.byHandler, w.byScript, w.byEval].some(Boolean), violations: [...w.violations].sort() };
  });
  expect(refused).toEqual({
    ran: false,
    violations: ["script-src eval", "script-src-attr inline", "script-src-elem inline"],
  });
});
