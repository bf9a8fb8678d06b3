/**
 * Reading the ground-truth transcripts: each `NN-name.txt` with its `scenarios/NN-name.cmds`, as an
 * ordered list of steps (the command as typed, what the real daemon printed, its exit status).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Step {
  command: string;
  expected: string;
  exit: number;
}

export interface Fixture {
  name: string;
  steps: Step[];
  /** `@` lines of the .cmds: instrument-side workarounds run silently when recording. */
  silent: string[];
}

export const GROUND_TRUTH = join(import.meta.dirname, "..", "ground-truth");

export function parseTranscript(text: string): Step[] {
  const steps: Step[] = [];
  const lines = text.split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (!line.startsWith("$ ")) {
      i++;
      continue;
    }
    const command = line.slice(2);
    const out: string[] = [];
    i++;
    while (i < lines.length && !/^\[exit \d+\]$/.test(lines[i] ?? "")) out.push(lines[i++] ?? "");
    const exit = Number((lines[i] ?? "").slice(6, -1));
    steps.push({ command, expected: out.length ? `${out.join("\n")}\n` : "", exit });
    i++;
  }
  return steps;
}

export function loadFixtures(): Fixture[] {
  return readdirSync(GROUND_TRUTH)
    .filter((f) => /^\d\d-.*\.txt$/.test(f))
    .sort()
    .map((file) => {
      const name = file.replace(/\.txt$/, "");
      const cmds = readFileSync(join(GROUND_TRUTH, "scenarios", `${name}.cmds`), "utf8").split("\n");
      const steps = parseTranscript(readFileSync(join(GROUND_TRUTH, file), "utf8"));
      const recorded = cmds.filter((l) => l !== "" && !l.startsWith("#!") && !l.startsWith("@"));
      if (recorded.length !== steps.length || recorded.some((c, k) => c !== steps[k]?.command)) {
        throw new Error(`${name}: the transcript does not match its .cmds file`);
      }
      return { name, steps, silent: cmds.filter((l) => l.startsWith("@")).map((l) => l.slice(1)) };
    });
}
