import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { CSP } from "./csp.config";

/** The built page carries its Content-Security-Policy (csp.config.ts). */
function contentSecurityPolicy(): Plugin {
  return {
    name: "dnl-csp",
    apply: "build",
    transformIndexHtml: () => [
      {
        tag: "meta",
        attrs: { "http-equiv": "Content-Security-Policy", content: CSP },
        injectTo: "head-prepend",
      },
    ],
  };
}

// `base: "./"` makes the built site work from any folder of any static host, and from file:// offline.
export default defineConfig({
  base: "./",
  plugins: [react(), tailwindcss(), contentSecurityPolicy()],
  build: { target: "es2022", chunkSizeWarningLimit: 1200 },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ["src/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    // A test asserts behaviour, not speed (that is npm run bench): on a busy machine the
    // property tests' hundreds of runs may take longer than vitest's default 5 s.
    testTimeout: 30_000,
  },
});
