/**
 * The browser's figures, on the production build in headless Chromium: what the first screen loads,
 * how soon the prompt is usable, how long a `docker run` takes to reach the graph, and how busy the
 * main thread is while a ping animates or a node is dragged, beside an empty React Flow page of the
 * same geometry measured in the same run (see bench/baseline/main.tsx). Frame rate is not measured:
 * headless Chromium with software compositing holds requestAnimationFrame at 60 fps whatever the load
 * (shared/reference/performance.md); the main thread's busy share and the worst frame interval move.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { measureResponsive } from "./responsive.mjs";
import { measureTempo } from "./tempo.mjs";

const STORAGE_KEY = "docker-network-lab:v2";
const PROMPT = "[root@host1 ~]#";
const VIEWPORT = { width: 1280, height: 720 };
const WINDOW_MS = 3000;

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const gzipSize = (buffer) => gzipSync(buffer, { level: 9 }).length;

/** Files of the build the page asks for before its prompt is usable, and the others. */
function bundle(distDir, requested) {
  const assets = readdirSync(join(distDir, "assets")).map((f) => `assets/${f}`);
  const kind = (f) => (f.endsWith(".js") ? "js" : f.endsWith(".css") ? "css" : "other");
  const sized = (f) => {
    const bytes = readFileSync(join(distDir, f));
    return { file: f, kind: kind(f), bytes: bytes.length, gzip: gzipSize(bytes) };
  };
  const initial = assets.filter((f) => requested.has(f)).map(sized);
  const later = assets.filter((f) => !requested.has(f)).map(sized);
  const sum = (list, k) =>
    list.filter((a) => k === undefined || a.kind === k).reduce((n, a) => n + a.gzip, 0);
  return {
    initial,
    later,
    initialJsGzip: sum(initial, "js"),
    initialCssGzip: sum(initial, "css"),
    laterGzip: sum(later),
  };
}

/** In the page, before any script: note when the prompt is first in the terminal's rows, at the next frame. */
function watchPrompt(prompt) {
  const check = () => {
    const rows = document.querySelector(".xterm-rows");
    if (!rows?.textContent?.includes(prompt)) return;
    observer.disconnect();
    window.__promptInDom = performance.now();
    requestAnimationFrame(() => {
      window.__promptAt = performance.now();
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true });
}

async function openPage(browser, url, saved) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  if (saved !== undefined) {
    await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [STORAGE_KEY, saved]);
  }
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.addInitScript(watchPrompt, PROMPT);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.goto(url);
  await page.waitForFunction(() => window.__promptAt !== undefined, null, { timeout: 120_000 });
  const promptMs = await page.evaluate(() => window.__promptAt);
  // What the page had asked for when the prompt reached the DOM; what the app loads after it is "later".
  const requested = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((e) => e.startTime < window.__promptInDom)
      .map((e) => new URL(e.name).pathname.replace(/^\//, "")),
  );
  return { context, page, cdp, promptMs, requested, errors };
}

/** The terminal's visible rows, the last non-blank one last. */
async function rows(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll(".xterm-rows > div")]
      .map((r) => r.textContent ?? "")
      .filter((t) => t.trim()),
  );
}

/** Whether the prompt came back within `timeout` ms. */
async function promptBack(page, timeout) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    const visible = await rows(page);
    if (visible[visible.length - 1]?.trim() === PROMPT) return true;
    await sleep(50);
  }
  return false;
}

async function waitForPrompt(page, timeout = 30_000) {
  if (!(await promptBack(page, timeout))) {
    throw new Error(`no prompt after ${timeout} ms: ${(await rows(page)).slice(-3).join(" | ")}`);
  }
}

async function focusTerminal(page) {
  await page.locator(".xterm:visible").first().click();
  await waitForPrompt(page);
}

/**
 * In the page: from the Enter keydown to the first frame in which the graph node naming `name` is
 * in the DOM and visible (React Flow hides a node until it has measured it). Gives up after 10 s.
 */
function watchNode(name) {
  window.__nodeSeen = new Promise((resolve) => {
    let enterAt = 0;
    let domAt = 0;
    const onKey = (e) => {
      if (e.key === "Enter") enterAt = performance.now();
    };
    window.addEventListener("keydown", onKey, true);
    const named = (root) =>
      [...root.querySelectorAll(".react-flow__node"), root].find(
        (n) => n.matches?.(".react-flow__node") && n.textContent?.includes(name),
      );
    const done = (result) => {
      observer.disconnect();
      window.removeEventListener("keydown", onKey, true);
      resolve(result);
    };
    // The element found first may be replaced by a re-render; look it up again only then.
    let el;
    const frame = () => {
      if (!el?.isConnected) el = named(document);
      if (el && getComputedStyle(el).visibility === "visible")
        done({ enterAt, domAt, frameAt: performance.now() });
      else if (performance.now() - enterAt > 10_000)
        done({ error: el ? "never visible" : "gone from the DOM" });
      else requestAnimationFrame(frame);
    };
    const observer = new MutationObserver((records) => {
      if (domAt) return;
      for (const record of records) {
        for (const added of record.addedNodes) {
          if (added instanceof Element && named(added)) {
            domAt = performance.now();
            el = named(added);
            requestAnimationFrame(frame);
            return;
          }
        }
      }
    });
    observer.observe(document.body, { subtree: true, childList: true });
    setTimeout(() => domAt || done({ error: "never in the DOM" }), 15_000);
  });
}

async function enterToGraph(page, names) {
  const samples = [];
  for (const name of names) {
    await page.keyboard.type(`docker run -d --name ${name} busybox sleep 3600`);
    await sleep(300);
    await page.evaluate(watchNode, name);
    await page.keyboard.press("Enter");
    const seen = await page.evaluate(() => window.__nodeSeen);
    if (seen.error) throw new Error(`the new node ${name}: ${seen.error}`);
    samples.push({ totalMs: seen.frameAt - seen.enterAt, domMs: seen.domAt - seen.enterAt });
    await waitForPrompt(page);
    await sleep(300);
  }
  return {
    medianMs: median(samples.map((s) => s.totalMs)),
    maxMs: Math.max(...samples.map((s) => s.totalMs)),
    domMedianMs: median(samples.map((s) => s.domMs)),
    samples: samples.length,
  };
}

/**
 * With BENCH_PROFILE=DIR, the page's CPU profile while `action` runs is written to DIR/LABEL.cpuprofile
 * (open it in Chromium's DevTools), for finding the cause of a miss; profiling slows the figures.
 */
async function profiled(cdp, label, action) {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return action();
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.start");
  const result = await action();
  const { profile } = await cdp.send("Profiler.stop");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${label}.cpuprofile`), JSON.stringify(profile));
  return result;
}

/** Runs `action` while counting main-thread task time (CDP) and the longest gap between frames. */
async function measureWindow(page, cdp, action) {
  const metric = (m, name) => m.metrics.find((x) => x.name === name)?.value ?? 0;
  await page.evaluate(() => {
    const f = { last: performance.now(), worst: 0, frames: 0, on: true };
    const loop = (now) => {
      if (!f.on) return;
      f.worst = Math.max(f.worst, now - f.last);
      f.last = now;
      f.frames++;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame((now) => {
      f.last = now;
      requestAnimationFrame(loop);
    });
    window.__frames = f;
  });
  const before = await cdp.send("Performance.getMetrics");
  await action();
  const after = await cdp.send("Performance.getMetrics");
  const frames = await page.evaluate(() => {
    const f = window.__frames;
    f.on = false;
    return { worst: f.worst, frames: f.frames };
  });
  const wall = metric(after, "Timestamp") - metric(before, "Timestamp");
  return {
    busyShare: (metric(after, "TaskDuration") - metric(before, "TaskDuration")) / wall,
    worstFrameMs: frames.worst,
    fps: frames.frames / wall,
  };
}

/**
 * The same action in two windows, keeping the lower busy share and the lower worst frame: other
 * processes on the machine only ever add to them.
 */
async function busy(page, cdp, action) {
  return better(await measureWindow(page, cdp, action), await measureWindow(page, cdp, action));
}

function better(first, second) {
  return {
    busyShare: Math.min(first.busyShare, second.busyShare),
    worstFrameMs: Math.min(first.worstFrameMs, second.worstFrameMs),
    fps: Math.max(first.fps, second.fps),
  };
}

/** The lab graph's geometry, for the baseline page to copy. */
async function geometry(page) {
  return page.evaluate(() => {
    const flow = document.querySelector(".react-flow");
    const box = flow.getBoundingClientRect();
    const matrix = new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport")).transform);
    const nodes = [...document.querySelectorAll(".react-flow__node")].map((n) => {
      const m = new DOMMatrix(getComputedStyle(n).transform);
      return { id: n.dataset.id, x: m.e, y: m.f, width: n.offsetWidth, height: n.offsetHeight };
    });
    const edges = [...document.querySelectorAll(".react-flow__edge")].map((e, i) => {
      const [, source, target] = /^Edge from (.+) to (.+)$/.exec(e.getAttribute("aria-label") ?? "") ?? [];
      return {
        source: source ?? nodes[0].id,
        target: target ?? nodes[(i % (nodes.length - 1)) + 1].id,
        label: e.querySelector(".react-flow__edge-text") !== null,
      };
    });
    return {
      width: box.width,
      height: box.height,
      viewport: { x: matrix.e, y: matrix.f, zoom: matrix.a },
      nodes,
      edges,
      minimap: document.querySelector(".react-flow__minimap") !== null,
      controls: document.querySelector(".react-flow__controls") !== null,
      background: document.querySelector(".react-flow__background") !== null,
    };
  });
}

/** The node to drag: the one whose centre is nearest the middle of the canvas, so it is on screen. */
async function dragTarget(page) {
  return page.evaluate(() => {
    const flow = document.querySelector(".react-flow").getBoundingClientRect();
    const cx = flow.x + flow.width / 2;
    const cy = flow.y + flow.height / 2;
    let best;
    for (const n of document.querySelectorAll(".react-flow__node")) {
      const r = n.getBoundingClientRect();
      const d = Math.hypot(r.x + r.width / 2 - cx, r.y + r.height / 2 - cy);
      if (!best || d < best.d) best = { id: n.dataset.id, d };
    }
    return best.id;
  });
}

/** Drags a node round a small circle for WINDOW_MS, a mouse move every 40 ms as a hand does. */
async function drag(page, id) {
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  const box = await node.boundingBox();
  const x = box.x + Math.min(box.width / 2, 20);
  const y = box.y + Math.min(box.height / 2, 12);
  await page.mouse.move(x, y);
  await page.mouse.down();
  const steps = WINDOW_MS / 40;
  for (let i = 1; i <= steps; i++) {
    const a = (2 * Math.PI * i) / steps;
    await page.mouse.move(x + 60 * Math.sin(a), y + 60 * (1 - Math.cos(a)));
    await sleep(40);
  }
  await page.mouse.up();
}

/**
 * A ping typed into the lab (ARP, echo, reply), measured over the first WINDOW_MS while the player
 * animates its packets, then stopped with Ctrl+C (at 1× a ping's hops take tens of seconds to show).
 * To two containers, so that both start with a cold ARP cache.
 */
async function pingWindows(page, cdp, ips) {
  const windows = [];
  for (const ip of ips) {
    await page.keyboard.type(`docker exec c0 ping -c 1 ${ip}`);
    await sleep(300);
    windows.push(
      await measureWindow(page, cdp, async () => {
        await page.keyboard.press("Enter");
        await sleep(WINDOW_MS);
      }),
    );
    const shown = await rows(page);
    await page.keyboard.press("Control+C");
    if (!(await promptBack(page, 10_000)) || !shown.some((r) => r.startsWith(`PING ${ip}`))) {
      return { missing: `the lab's ping did not run: "${shown.slice(-3).join(" / ").trim()}"` };
    }
    await sleep(500);
  }
  return better(windows[0], windows[1]);
}

async function heapMb(cdp) {
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  return usedSize / 1024 / 1024;
}

async function baselineWindows(browser, baseUrl, g, nodeId) {
  const measure = async (token, action) => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(
      (value) => {
        window.__geometry = value;
      },
      { ...g, token },
    );
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    await page.goto(baseUrl);
    await page.locator(".react-flow__node").first().waitFor();
    await sleep(1000);
    const figures = await busy(page, cdp, () => action(page));
    await context.close();
    return figures;
  };
  return {
    idle: await measure(false, () => sleep(WINDOW_MS)),
    token: await measure(true, () => sleep(WINDOW_MS)),
    drag: await measure(false, (page) => drag(page, nodeId)),
  };
}

/**
 * All browser figures. `labs` are saved labs by container count (JSON text and the first two IPs),
 * `appUrl` serves the production build in `distDir`, `baseUrl` the baseline page.
 */
export async function measureBrowser({ appUrl, baseUrl, distDir, labs, log }) {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const version = browser.version();
    log("browser: time to prompt");
    const prompts = [];
    let requested = new Set();
    for (let i = 0; i < 5; i++) {
      const opened = await openPage(browser, appUrl);
      prompts.push(opened.promptMs);
      if (i === 0) {
        requested = new Set(opened.requested);
        if (opened.errors.length > 0) throw new Error(`the page failed: ${opened.errors.join("; ")}`);
      }
      await opened.context.close();
    }
    const sizes = bundle(distDir, requested);
    log("browser: tempo (Enter to prompt)");
    const tempo = await measureTempo(browser, appUrl, VIEWPORT);
    log("browser: the longest task while typing heavy lines");
    const responsive = await measureResponsive(browser, appUrl, VIEWPORT);

    const enter = {};
    const frames = {};
    let heap;
    let savedPromptMs;
    for (const n of [10, 50, 100, 200, 500]) {
      log(`browser: lab with ${n} containers`);
      const lab = labs[n];
      const opened = await openPage(browser, appUrl, lab.text);
      const { page, cdp } = opened;
      await focusTerminal(page);
      await sleep(1000);
      if ([10, 100, 500].includes(n)) {
        enter[n] = await enterToGraph(page, ["bench1", "bench2", "bench3", "bench4", "bench5"]);
      }
      if (n === 500) {
        heap = await heapMb(cdp);
        savedPromptMs = opened.promptMs;
      }
      if ([50, 200, 500].includes(n)) {
        const g = await geometry(page);
        const target = await dragTarget(page);
        await sleep(500);
        const idle = await busy(page, cdp, () => sleep(WINDOW_MS));
        const ping = await profiled(cdp, `ping-${n}`, () => pingWindows(page, cdp, lab.pingIps));
        await sleep(500);
        const dragging = await profiled(cdp, `drag-${n}`, () => busy(page, cdp, () => drag(page, target)));
        const base = await baselineWindows(browser, baseUrl, g, target);
        frames[n] = { nodes: g.nodes.length, edges: g.edges.length, idle, ping, drag: dragging, base };
      }
      if (opened.errors.length > 0) throw new Error(`the page failed: ${opened.errors.join("; ")}`);
      await opened.context.close();
    }
    return {
      version,
      promptMs: median(prompts),
      prompts,
      sizes,
      tempo,
      responsive,
      enter,
      frames,
      heapMb: heap,
      savedPromptMs,
    };
  } finally {
    await browser.close();
  }
}
