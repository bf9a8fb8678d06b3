import { build } from "vite";

await build({
  configFile: false,
  publicDir: false,
  logLevel: "error",
  build: { ssr: process.argv[2], outDir: process.argv[3], emptyOutDir: true, target: "node20" },
});
