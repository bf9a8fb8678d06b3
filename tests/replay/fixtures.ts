/**
 * Reading the ground-truth transcripts: each `NN-name.txt` with its `scenarios/NN-name.cmds`, as an
 * ordered list of steps (the command as typed, what the real daemon printed, its exit status). The
 * engine-20.10 recordings are in `era/`, made from the same `.cmds` (or one of their own beside them).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DockerEra } from "../../src/engine/docker/era";
import { parseTranscript, type Step } from "../../src/testing/transcript";

export interface Fixture {
  name: string;
  steps: Step[];
  /** When the recording began (its header's minute), for the lab's clock to start there too. */
  recordedAt: number;
}

const GROUND_TRUTH = join(import.meta.dirname, "..", "ground-truth");

/** The recordings made on the engine of that era. */
export function loadFixtures(era: DockerEra): Fixture[] {
  const dir = era === 26 ? GROUND_TRUTH : join(GROUND_TRUTH, "era");
  return readdirSync(dir)
    .filter((f) => /^\d\d-.*\.txt$/.test(f))
    .sort()
    .map((file) => {
      const name = file.replace(/\.txt$/, "");
      const own = join(dir, `${name}.cmds`);
      const cmdsFile = existsSync(own) ? own : join(GROUND_TRUTH, "scenarios", `${name}.cmds`);
      const cmds = readFileSync(cmdsFile, "utf8").split("\n");
      const text = readFileSync(join(dir, file), "utf8");
      const steps = parseTranscript(text);
      const when = /^# Recorded: (\d{4}-\d\d-\d\d) (\d\d:\d\d) UTC$/m.exec(text);
      if (!when) throw new Error(`${name}: the transcript's header has no "# Recorded:" time`);
      // `@` lines are instrument-side workarounds the recorder runs silently: no step of their own.
      const recorded = cmds.filter((l) => l !== "" && !l.startsWith("#!") && !l.startsWith("@"));
      if (recorded.length !== steps.length || recorded.some((c, k) => c !== steps[k]?.command)) {
        throw new Error(`${name}: the transcript does not match its .cmds file`);
      }
      return { name, steps, recordedAt: Date.parse(`${when[1]}T${when[2]}:00Z`) };
    });
}
