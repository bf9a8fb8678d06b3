/**
 * The engine's figures, measured in Node through the one command API (createLab, run): `docker run`
 * throughput by world size, the cost of one ping, saving and restoring a large world. It also writes
 * the saved labs the browser benchmarks load. bench/run.mjs bundles this file with Vite (Node cannot
 * import the TypeScript sources) and runs it in a fresh process: `node --expose-gc engine.js OUTDIR`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createLab, type Lab, printed, run } from "../src/shell/lab";
import { labDocument, packDocument, readLabDocument } from "../src/store/lab-file";
import { addressOn, overlayAcross } from "../src/testing/swarm-lab";
import { endpointsOf, matrixCells } from "../src/view/reachability";

/** A figure the engine could not produce, with the reason (a command the lab does not have yet). */
export interface Missing {
  missing: string;
}

export interface RunRate {
  containers: number;
  networks: number;
  /** docker run per second over the whole fill, from an empty daemon to `containers`. */
  fillPerSec: number;
  /** docker run per second over the last tenth of the fill: the rate at this world size. */
  atSizePerSec: number;
  builds: number;
}

export interface PingCost {
  containers: number;
  /** Median of `docker exec cI ping -c 1 IP`, each to a neighbour not yet in the ARP cache. */
  pingUs: number;
  /** Median of `docker exec cI true` in the same world: what exec itself costs. */
  execUs: number;
  traces: number;
  hops: number;
}

export interface SaveCost {
  containers: number;
  jsonBytes: number;
  packedBytes: number;
  stringifyMs: number;
  packMs: number;
  restoreMs: number;
}

export interface ReachCost {
  containers: number;
  networks: number;
  endpoints: number;
  /** Checks walked: a ping per pair and a TCP connection per listening port. */
  checks: number;
  /** The whole matrix, from a fresh world: what the panel shows after a command. */
  matrixMs: number;
  /** The slowest cell (a ping and a connection per port): the least the page can compute between frames. */
  cellMs: number;
}

export interface EngineResults {
  runRates: (RunRate | (Missing & { containers: number; networks: number }))[];
  ping: (PingCost | (Missing & { containers: number }))[];
  overlay: PingCost | Missing;
  save: SaveCost;
  reach: ReachCost;
  /** Saved labs for the browser, by container count: the file name under OUTDIR, and the IPs of c1 and c2. */
  labs: Record<number, { file: string; bytes: number; pingIps: string[] }>;
}

class NotMeasurable extends Error {}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function must(lab: Lab, line: string): string {
  const execution = run(lab, line);
  const text = printed(execution);
  if (execution.exit !== 0) throw new NotMeasurable(`\`${line}\` exits ${execution.exit}: ${text.trim()}`);
  return text;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The networks containers are spread over: the default bridge alone, or user bridges with explicit
 * subnets (Docker's default pools hold only 31 networks, fewer than 50). */
function networkNames(lab: Lab, count: number): string[] {
  if (count === 1) return ["bridge"];
  const names = Array.from({ length: count }, (_, i) => `net${i}`);
  for (const [i, name] of names.entries())
    must(lab, `docker network create --subnet 10.${i + 1}.0.0/16 ${name}`);
  return names;
}

function runLine(i: number, network: string): string {
  const on = network === "bridge" ? "" : `--network ${network} `;
  return `docker run -d --name c${i} ${on}busybox sleep 3600`;
}

/** Fills a fresh lab; returns the lab and each docker run's duration in ms. */
function fill(containers: number, networks: number): { lab: Lab; times: number[] } {
  // Today's clock: a saved lab loaded in the page jumps to Date.now(), and sleeps must not run out.
  const lab = createLab({ now: Date.now() });
  const names = networkNames(lab, networks);
  const times: number[] = [];
  for (let i = 0; i < containers; i++) {
    const line = runLine(i, names[i % names.length] ?? "bridge");
    const t0 = performance.now();
    const execution = run(lab, line);
    times.push(performance.now() - t0);
    if (execution.exit !== 0)
      throw new NotMeasurable(`\`${line}\` exits ${execution.exit}: ${printed(execution)}`);
  }
  return { lab, times };
}

/** Repeats whole fills until about a second has been timed (3 at least) and keeps the fastest:
 * other processes on the machine only ever slow a run down. */
function runRate(containers: number, networks: number): RunRate {
  const fills: number[] = [];
  const tails: number[] = [];
  let spent = 0;
  while (fills.length < 3 || spent < 1000) {
    gc();
    const { times } = fill(containers, networks);
    const total = times.reduce((a, b) => a + b, 0);
    const tail = times.slice(times.length - Math.max(1, Math.floor(containers / 10)));
    fills.push((containers * 1000) / total);
    tails.push((tail.length * 1000) / tail.reduce((a, b) => a + b, 0));
    spent += total;
  }
  return {
    containers,
    networks,
    fillPerSec: Math.max(...fills),
    atSizePerSec: Math.max(...tails),
    builds: fills.length,
  };
}

function ipOf(lab: Lab, name: string): string {
  const c = lab.world.machines.host1?.docker?.containers.find((x) => x.name === name);
  const ip = c?.endpoints[0]?.ip;
  if (!ip) throw new Error(`no address for ${name}`);
  return ip;
}

/**
 * Pings from container cI to cI+1 on the default bridge, each to a neighbour not yet in the ARP cache
 * (ARP, echo, reply), in as many fresh worlds of `containers` as it takes to time 200 of them.
 */
function pingCost(containers: number): PingCost {
  const execs: number[] = [];
  const pings: number[] = [];
  let traces = 0;
  let hops = 0;
  while (pings.length < 200) {
    const { lab } = fill(containers, 1);
    for (let i = 0; i + 1 < containers && pings.length < 200; i++) {
      const t0 = performance.now();
      must(lab, `docker exec c${i} true`);
      const t1 = performance.now();
      const line = `docker exec c${i} ping -c 1 ${ipOf(lab, `c${i + 1}`)}`;
      const execution = run(lab, line);
      const t2 = performance.now();
      if (execution.exit !== 0) {
        throw new NotMeasurable(`\`${line}\` exits ${execution.exit}: ${printed(execution)}`);
      }
      execs.push(t1 - t0);
      pings.push(t2 - t1);
      traces = execution.traces.length;
      hops = execution.traces.reduce((n, t) => n + t.hops.length, 0);
    }
  }
  return { containers, pingUs: median(pings) * 1000, execUs: median(execs) * 1000, traces, hops };
}

/**
 * A ping across an overlay: c1 on host1 to c2 on host2 (a swarm of two, an attachable overlay), so
 * the echo and the reply are each wrapped in VXLAN, carried over the LAN and unwrapped. 200 pings in
 * one world (the neighbour entries are static on an overlay: no ARP leaves the host).
 */
function overlay(): PingCost {
  const lab = overlayAcross();
  const c2 = addressOn(lab, "host2", "c2", "ov");
  const execs: number[] = [];
  const pings: number[] = [];
  let traces = 0;
  let hops = 0;
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    must(lab, "docker exec c1 true");
    const t1 = performance.now();
    const execution = run(lab, `docker exec c1 ping -c 1 ${c2}`);
    const t2 = performance.now();
    if (execution.exit !== 0)
      throw new NotMeasurable(`the overlay ping exits ${execution.exit}: ${printed(execution)}`);
    if (!execution.traces.some((t) => t.hops.some((h) => h.packet.vxlan)))
      throw new NotMeasurable("the overlay ping was not wrapped in VXLAN");
    execs.push(t1 - t0);
    pings.push(t2 - t1);
    traces = execution.traces.length;
    hops = execution.traces.reduce((n, t) => n + t.hops.length, 0);
  }
  return { containers: 2, pingUs: median(pings) * 1000, execUs: median(execs) * 1000, traces, hops };
}

/**
 * The reachability matrix of a lab of `containers` spread over `networks` user bridges, a fifth of
 * them publishing a port: the fastest of three computations, each from the world as it stands.
 */
function reachCost(containers: number, networks: number): ReachCost {
  const lab = createLab({ now: Date.now() });
  const names = networkNames(lab, networks);
  for (let i = 0; i < containers; i++) {
    const network = names[i % names.length] ?? "bridge";
    must(
      lab,
      i % 5 === 0
        ? `docker run -d --name c${i} --network ${network} -p ${8000 + i}:80 nginx`
        : runLine(i, network),
    );
  }
  let best = { matrixMs: Number.POSITIVE_INFINITY, cellMs: 0, checks: 0, endpoints: 0 };
  for (let rep = 0; rep < 3; rep++) {
    gc();
    const t0 = performance.now();
    const endpoints = endpointsOf(lab.world);
    let cellMs = 0;
    let checks = 0;
    let last = performance.now();
    for (const { cell } of matrixCells(lab.world, endpoints)) {
      const now = performance.now();
      cellMs = Math.max(cellMs, now - last);
      last = now;
      checks += 1 + cell.ports.length;
    }
    const matrixMs = performance.now() - t0;
    if (matrixMs < best.matrixMs) best = { matrixMs, cellMs, checks, endpoints: endpoints.length };
  }
  return { containers, networks, ...best };
}

function saveCost(containers: number): SaveCost {
  const { lab } = fill(containers, 1);
  const reference = printed(run(lab, "docker network ls"));
  const reps = 10;
  const stringify: number[] = [];
  const pack: number[] = [];
  const restore: number[] = [];
  let json = "";
  let packed = "";
  for (let i = 0; i < reps; i++) {
    gc();
    const t0 = performance.now();
    json = JSON.stringify(lab);
    const t1 = performance.now();
    packed = packDocument(labDocument(lab));
    const t2 = performance.now();
    const read = readLabDocument(packed);
    const restored = read.ok ? read.doc.lab : undefined;
    const t3 = performance.now();
    stringify.push(t1 - t0);
    pack.push(t2 - t1);
    restore.push(t3 - t2);
    if (!restored || printed(run(restored, "docker network ls")) !== reference)
      throw new Error("the restored lab differs");
  }
  return {
    containers,
    jsonBytes: Buffer.byteLength(json),
    packedBytes: packed.length,
    stringifyMs: median(stringify),
    packMs: median(pack),
    restoreMs: median(restore),
  };
}

function attempt<T>(measure: () => T): T | Missing {
  try {
    return measure();
  } catch (error) {
    if (error instanceof NotMeasurable) return { missing: error.message };
    throw error;
  }
}

/** The labs the browser loads from localStorage, packed as src/store/persist.ts saves them. */
function writeLabs(dir: string, sizes: number[]): EngineResults["labs"] {
  const labs: EngineResults["labs"] = {};
  for (const n of sizes) {
    const { lab } = fill(n, 1);
    const file = `lab-${n}.json`;
    const text = packDocument(labDocument(lab, { activeSession: "s1", positions: {} }));
    writeFileSync(join(dir, file), text);
    labs[n] = { file, bytes: text.length, pingIps: [ipOf(lab, "c1"), ipOf(lab, "c2")] };
  }
  return labs;
}

function main(): void {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: node engine.js OUTDIR");
  // JIT warm-up, not counted: a large fill, and pings if the lab has them.
  fill(1000, 1);
  attempt(() => pingCost(100));
  attempt(overlay);
  const runRates: EngineResults["runRates"] = [];
  for (const networks of [1, 10, 50]) {
    for (const containers of [10, 100, 1000]) {
      const rate = attempt(() => runRate(containers, networks));
      runRates.push({ containers, networks, ...rate });
    }
  }
  const results: EngineResults = {
    runRates,
    ping: [10, 100].map((n) => ({ containers: n, ...attempt(() => pingCost(n)) })),
    overlay: attempt(overlay),
    save: saveCost(1000),
    reach: reachCost(50, 5),
    labs: writeLabs(dir, [10, 50, 100, 200, 500]),
  };
  writeFileSync(join(dir, "engine.json"), JSON.stringify(results, null, 2));
}

main();
