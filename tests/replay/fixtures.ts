/**
 * Reading the ground-truth transcripts: each `NN-name.txt` with its `scenarios/NN-name.cmds`, as an
 * ordered list of steps (the command as typed, what the real daemon printed, its exit status).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTranscript, type Step } from "../../src/testing/transcript";

export interface Fixture {
  name: string;
  steps: Step[];
}

export const GROUND_TRUTH = join(import.meta.dirname, "..", "ground-truth");

export function loadFixtures(): Fixture[] {
  return readdirSync(GROUND_TRUTH)
    .filter((f) => /^\d\d-.*\.txt$/.test(f))
    .sort()
    .map((file) => {
      const name = file.replace(/\.txt$/, "");
      const cmds = readFileSync(join(GROUND_TRUTH, "scenarios", `${name}.cmds`), "utf8").split("\n");
      const steps = parseTranscript(readFileSync(join(GROUND_TRUTH, file), "utf8"));
      // `@` lines are instrument-side workarounds the recorder runs silently: no step of their own.
      const recorded = cmds.filter((l) => l !== "" && !l.startsWith("#!") && !l.startsWith("@"));
      if (recorded.length !== steps.length || recorded.some((c, k) => c !== steps[k]?.command)) {
        throw new Error(`${name}: the transcript does not match its .cmds file`);
      }
      return { name, steps };
    });
}
