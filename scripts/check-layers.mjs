// The layer rule of ARCHITECTURE.md, checked (`npm run lint` runs this): imports point down only.
// Each row of LAYERS may import the rows below it; folders on one row do not import each other.
// Tests and test support (`*.test.ts`, `test-*.ts`, src/testing/) may import anything; nothing else imports them.
// Within a layer too, no module imports (other than types) go round in a circle.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

const LAYERS = [
  ["app", "embed"], // pages: the lab, and the lab embedded in another page
  ["graph", "terminal", "inspector"], // the React views
  ["store"], // zustand: the Lab and UI state, the player, saving
  ["view", "lessons"], // React-free view-models the views share; lessons (data and checks)
  ["playback"], // the timing rules of output and packets
  ["shell"], // command lines -> engine calls
  ["engine", "i18n"], // the simulation; interface text
];

/** Layers with no React, no DOM framework, no store: plain TypeScript a test or a worker can run. */
const PURE = ["view", "lessons", "playback", "shell", "engine", "i18n"];
const UI_PACKAGES = /^(react|react-dom|zustand|@xyflow\/.*|@xterm\/.*)(\/|$)/;

/**
 * Inside the engine, the kernel is under the daemon and the datapath: linux/ imports neither, the
 * daemon does not send packets, and the datapath reads the daemon only in its docker-*.ts files.
 */
const ENGINE_RULES = [
  {
    from: /^engine\/linux\//,
    to: /^engine\/(docker|packet)\//,
    why: "the kernel model knows no daemon and no datapath",
  },
  { from: /^engine\/docker\//, to: /^engine\/packet\//, why: "the daemon does not send packets" },
  {
    from: /^engine\/packet\/(?!docker-)/,
    to: /^engine\/docker\//,
    why: "only packet/docker-*.ts read the daemon",
  },
];

const ROOT = new URL("../src/", import.meta.url).pathname;

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) ? [relative(ROOT, path)] : [];
  });
}

const isTest = (file) => /(^|\/)(test-[^/]*|[^/]*\.test)(\.tsx?)?$/.test(file) || file.startsWith("testing/");
const layerOf = (file) => (file.includes("/") ? file.split("/")[0] : undefined);
const rowOf = (layer) => LAYERS.findIndex((row) => row.includes(layer));

/** Every module a file imports: static, re-exported, side-effect and dynamic; `types` when only types are. */
function importsOf(file) {
  const text = readFileSync(join(ROOT, file), "utf8");
  const found = [];
  const statement =
    /(?:^|\n)\s*(?:import|export)\s([^;]*?)from\s*"([^"]+)"|import\s*\(\s*"([^"]+)"\s*\)|(?:^|\n)\s*import\s*"([^"]+)"/g;
  for (const m of text.matchAll(statement)) {
    const clause = (m[1] ?? "").trim();
    const names =
      /^\{([^}]*)\}$/
        .exec(clause)?.[1]
        .split(",")
        .filter((n) => n.trim()) ?? [];
    const types =
      clause.startsWith("type ") || (names.length > 0 && names.every((n) => /^\s*type\s/.test(n)));
    found.push({ spec: m[2] ?? m[3] ?? m[4], types });
  }
  // import.meta.glob(["./**/*.ts", "!./index.ts"]): every file its patterns match.
  for (const m of text.matchAll(/import\.meta\.glob(?:<[^>]*>)?\(\s*(\[[^\]]*\]|"[^"]*")/g)) {
    const patterns = [...m[1].matchAll(/"([^"]+)"/g)].map((p) => p[1]);
    const matcher = (p) =>
      new RegExp(
        `^${p
          .replace(/\./g, "\\.")
          .replace(/\*\*\//g, "\0")
          .replace(/\*/g, "[^/]*")
          .replace(/\0/g, "(.*/)?")}$`,
      );
    const yes = patterns.filter((p) => !p.startsWith("!")).map(matcher);
    const no = patterns.filter((p) => p.startsWith("!")).map((p) => matcher(p.slice(1)));
    const dir = dirname(file);
    for (const other of sources(join(ROOT, dir))) {
      const spec = `./${relative(dir, other)}`.replace(/\.tsx?$/, "");
      const path = `./${relative(dir, other)}`;
      if (yes.some((r) => r.test(path)) && !no.some((r) => r.test(path))) found.push({ spec, types: false });
    }
  }
  return found;
}

/** The file a relative import names. */
function resolve(target) {
  return [".ts", ".tsx", "/index.ts"].map((ext) => target + ext).find((f) => existsSync(join(ROOT, f)));
}

const problems = [];
/** Runtime imports between modules, for finding circles. */
const graph = new Map();
for (const file of sources(ROOT)) {
  const from = layerOf(file);
  if (from && from !== "testing" && rowOf(from) < 0)
    problems.push(`${file}: src/${from}/ is in no layer (add it to LAYERS in scripts/check-layers.mjs)`);
  const test = isTest(file);
  const edges = [];
  if (!test) graph.set(file, edges);
  for (const { spec, types } of importsOf(file)) {
    if (!spec.startsWith(".")) {
      if (!test && from && PURE.includes(from) && UI_PACKAGES.test(spec))
        problems.push(`${file}: imports ${spec}, but src/${from}/ is React-free`);
      continue;
    }
    const target = normalize(join(dirname(file), spec));
    if (target.endsWith(".css")) continue;
    if (test) continue;
    const module = resolve(target);
    if (module && !types) edges.push(module);
    if (isTest(target)) {
      problems.push(`${file}: imports test support ${spec}`);
      continue;
    }
    const to = layerOf(target);
    for (const rule of ENGINE_RULES)
      if (rule.from.test(file) && rule.to.test(target))
        problems.push(`${file}: imports ${spec}: ${rule.why}`);
    if (!from || !to || from === to) continue;
    const a = rowOf(from);
    const b = rowOf(to);
    if (b < 0) problems.push(`${file}: imports ${spec}, in no layer`);
    else if (b < a) problems.push(`${file}: imports ${spec}: src/${from}/ is below src/${to}/`);
    else if (b === a) problems.push(`${file}: imports ${spec}: src/${from}/ and src/${to}/ are side by side`);
  }
}

/** Strongly connected components of more than one module (Tarjan). */
function circles() {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const found = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}
for (const circle of circles())
  problems.push(`these modules import each other in a circle: ${circle.sort().join(", ")}`);

if (problems.length > 0) {
  console.error(`Layer rule broken (ARCHITECTURE.md, "Layers"):\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
