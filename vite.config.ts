import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// `base: "./"` makes the built site work from any folder of any static host, and from file:// offline.
export default defineConfig({
  base: "./",
  plugins: [react(), tailwindcss()],
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
