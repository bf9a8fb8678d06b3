/**
 * The custom element <docker-network-lab> as a library: one ES module file, the styles inside it
 * (put into the element's shadow root), every lazy part of the lab bundled in. `npm run build`
 * writes it to dist/element/docker-network-lab.js next to the app.
 */
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/** Takes the CSS the build extracted and puts it into the script, where the element reads __DNL_STYLES__. */
function stylesInScript(): Plugin {
  return {
    name: "dnl-styles-in-script",
    enforce: "post",
    generateBundle(_options, bundle) {
      const sheets = Object.values(bundle).filter((f) => f.type === "asset" && f.fileName.endsWith(".css"));
      const css = sheets.map((f) => (f.type === "asset" ? String(f.source) : "")).join("\n");
      for (const f of sheets) delete bundle[f.fileName];
      for (const f of Object.values(bundle))
        if (f.type === "chunk") f.code = f.code.replaceAll("__DNL_STYLES__", JSON.stringify(css));
    },
  };
}

export default defineConfig({
  base: "./",
  publicDir: false,
  plugins: [react(), tailwindcss(), stylesInScript()],
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    target: "es2022",
    outDir: "dist/element",
    emptyOutDir: true,
    cssCodeSplit: false,
    lib: { entry: "src/element.tsx", formats: ["es"], fileName: () => "docker-network-lab.js" },
    rolldownOptions: { output: { inlineDynamicImports: true } },
  },
});
