import { it } from "vitest";
import { createLab, printed, runToEnd } from "./shell/lab";
it("scratch", () => {
  const lab = createLab({ seed: 7, offline: true, era: 26 });
  const lines = require("node:fs").readFileSync("/tmp/s39/try.txt", "utf8").split("\n").filter(Boolean);
  for (const line of lines) {
    const r = runToEnd(lab, line);
    console.log(`$ ${line}\n${printed(r)}[exit ${r.exit}]`);
  }
});
