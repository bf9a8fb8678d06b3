/**
 * The registry mirror this project is developed against lacks some optional platform binaries
 * (Biome's and Tailwind's builds for macOS, Windows, Android...). `npm install` then writes a
 * lockfile without them and `npm ci` refuses it as out of sync. This adds the missing entries,
 * marked with their platform so no machine that cannot run them installs them.
 *
 * Run after any `npm install` that changes the lockfile: node scripts/complete-lockfile.mjs
 */
import { readFileSync, writeFileSync } from "node:fs";

const FILE = new URL("../package-lock.json", import.meta.url);

/** os/cpu/libc from the package name, as these packages declare them (e.g. cli-linux-x64-musl). */
function platformOf(name) {
  const m = name.match(
    /-(android|darwin|freebsd|linux|win32|wasm32)(?:-([a-z0-9]+))?(?:-(gnueabihf|musl|gnu|msvc|wasi))?$/,
  );
  if (!m) throw new Error(`cannot tell the platform of ${name}`);
  const [, os, cpu, abi] = m;
  if (os === "wasm32") return { cpu: ["wasm32"] };
  return { cpu: [cpu], os: [os], ...(abi === "musl" ? { libc: ["musl"] } : {}) };
}

const lock = JSON.parse(readFileSync(FILE, "utf8"));
const added = [];
for (const pkg of Object.values(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const at = `node_modules/${dep}`;
    // fsevents is a macOS-only dependency npm records on its own.
    if (lock.packages[at] || dep === "fsevents") continue;
    lock.packages[at] = { version, dev: pkg.dev, ...platformOf(dep), optional: true };
    added.push(`${dep}@${version}`);
  }
}
const [root, ...rest] = Object.entries(lock.packages);
lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => (a < b ? -1 : 1))]);
writeFileSync(FILE, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.join(", ")}` : "lockfile already complete");
