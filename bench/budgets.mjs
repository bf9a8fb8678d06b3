/**
 * The budgets the lab is held to, and for each one it misses, the cause found by profiling and the
 * plan. The causes are written from profiles of the code as it was measured (see "measured" in each);
 * when a budget is met again its note simply stops being printed.
 */

/** 60 Hz frame, in ms: what requestAnimationFrame delivers in headless Chromium whatever the load. */
const FRAME_60 = 1000 / 60;

export const FPS_TRANSLATION = [
  "Frame-rate budgets in busy-share terms: headless Chromium with software compositing holds",
  "requestAnimationFrame at 60 fps whatever the load, so fps is not read directly. A budget of F fps",
  "becomes two conditions. (1) No frame slower than F fps: worst frame interval ≤ 1000/F ms (20 ms for",
  "50 fps, 33 ms for 30 fps). (2) The main thread's work per 60 Hz frame (busy share × 16.7 ms) would still",
  "fit in an F fps frame on a student laptop half as fast as this machine: busy share ≤ 60 / (2F), so ≤ 60%",
  "for 50 fps and ≤ 100% for 30 fps. 'Within 80% of the empty page' means the lab's frame rate ≥ 0.8 × the",
  "empty page's; with frame rate inversely proportional to the work per frame, that is a busy share and a",
  "worst frame interval at most 1/0.8 = 1.25 × the empty page's, measured in the same run.",
].join(" ");

const atMost = (limit) => (v) => v <= limit;
const atLeast = (limit) => (v) => v >= limit;

/** Frame budget of F fps in the terms above, on {lab, base} figures. */
const fps =
  (f) =>
  ({ lab }) =>
    lab.worstFrameMs <= 1000 / f + 0.5 && lab.busyShare <= 60 / (2 * f);
const nearEmpty = ({ lab, base }) =>
  lab.busyShare <= 1.25 * base.busyShare &&
  lab.worstFrameMs <= Math.max(1.25 * base.worstFrameMs, FRAME_60 + 0.5);

export const BUDGETS = {
  "run-1000": {
    title: "docker run throughput at 1,000 containers",
    text: "≥ 5,000/s",
    met: atLeast(5000),
    cause: [
      "Measured 2026-11-23 on the committed engine (CPU profile of 1,000 `docker run` on the default bridge,",
      "`node --cpu-prof`): `allocateIp` (src/engine/docker/ipam.ts) takes 37% of the time. For every new",
      "endpoint it builds a Set of every address already allocated and walks the subnet from its first",
      "address, formatting each candidate with `formatIp` until one is free: O(n) string work per",
      "`docker run`, O(n²) to fill. The rest is spread thin: garbage collection 12%, `linkByName` 4%",
      "(linear scans of the host namespace's 2,000 links), `settleAll` 3% (every container, twice per line).",
    ].join(" "),
    plan: [
      "Engine owner: in `allocateIp`, compare numbers instead of strings — keep `taken` as a Set of",
      "`parseIp` values and `formatIp` only the address chosen — and start the walk at the address after",
      "the last one allocated, wrapping round to the start of the range, which is also how libnetwork",
      "hands out endpoint addresses (serially, so a released address is not reused at once). That",
      "removes the O(n²); the other scans are small enough at 1,000 containers.",
    ].join(" "),
  },
  ping: {
    title: "one ping trace",
    text: "≤ 100 µs",
    met: atMost(100),
    cause: "",
    plan: "",
  },
  "ping-overlay": {
    title: "one ping trace across an overlay",
    text: "≤ 100 µs",
    met: atMost(100),
    cause: "",
    plan: "",
  },
  "save-json": {
    title: "size of a saved 1,000-container world",
    text: "≤ 1,024 KB",
    met: atMost(1024 * 1024),
    cause: [
      "Measured 2026-11-23 on the committed engine: about 3 KB of JSON per container, half in the",
      "daemon's Container record (64-hex IDs for container, sandbox and endpoint, config and hostConfig",
      "with every default spelled out) and half in its namespace: every namespace carries its own",
      "filter and nat tables with seven empty built-in chains (~560 bytes), and every link carries a",
      "zeroed `stats` object. The host namespace holds 1,000 veth ends with the same.",
    ].join(" "),
    plan: [
      "Engine owner: leave out what the kernel would create empty — create a namespace's netfilter",
      "tables and a link's stats on first use (or omit zero counters when saving) — and keep only",
      "non-default container settings. Share links are gzipped, and gzipped the world is well under",
      "the budget (next row), so this matters for localStorage (5 MB per origin) and undo snapshots.",
    ].join(" "),
  },
  "save-gzip": {
    title: "size of a saved 1,000-container world, gzipped",
    text: "≤ 1,024 KB",
    met: atMost(1024 * 1024),
    cause: "",
    plan: "",
  },
  restore: {
    title: "restoring a 1,000-container world",
    text: "≤ 100 ms",
    met: atMost(100),
    cause: "",
    plan: "",
  },
  initial: {
    title: "initial JavaScript and CSS",
    text: "≤ 250 KB",
    met: atMost(250 * 1024),
    cause: "",
    plan: "",
  },
  prompt: {
    title: "navigation to a usable prompt",
    text: "≤ 1,000 ms",
    met: atMost(1000),
    cause: "",
    plan: "",
  },
  "enter-100": {
    title: "Enter to graph at 100 containers",
    text: "≤ 50 ms",
    met: atMost(50),
    cause: "",
    plan: "",
  },
  "enter-500": {
    title: "Enter to graph at 500 containers",
    text: "≤ 150 ms",
    met: atMost(150),
    cause: "",
    plan: "",
  },
  "frames-50": {
    title: "frames at 50 containers",
    text: "within 80% of the empty page",
    met: nearEmpty,
    cause: "",
    plan: "",
  },
  "frames-200": {
    title: "frames at 200 containers",
    text: "≥ 50 fps: worst ≤ 20 ms, busy ≤ 60%",
    met: fps(50),
    cause: "",
    plan: "",
  },
  "frames-500": {
    title: "frames at 500 containers",
    text: "≥ 30 fps: worst ≤ 33 ms, busy ≤ 100%",
    met: fps(30),
    cause: "",
    plan: "",
  },
  heap: { title: "JS heap at 500 containers", text: "≤ 150 MB", met: atMost(150), cause: "", plan: "" },
};

export function missedNote(id) {
  const b = BUDGETS[id];
  if (!b.cause) return "Not profiled yet: run `npm run bench` and profile before changing code.";
  return `Cause: ${b.cause}\n\nPlan: ${b.plan}`;
}
