/**
 * Tests written as transcripts, in the ground-truth recordings' own form: `$ command`, what it
 * printed, `[exit N]`. A transcript is replayed in a lab and compared as a whole, so a failing test
 * shows the first line that differs in context.
 */
import { type Lab, printed, runToEnd } from "../shell/lab";
import { normalize } from "./normalize";

export interface Step {
  command: string;
  /** stdout and stderr as a terminal shows them, each line ending in "\n" (a prompt may end without). */
  output: string;
  exit: number;
}

/**
 * `[exit N]` ends a step's output; output without a final newline (a y/N prompt that read end of
 * file) runs into it, so it may stand at the end of a line, which the step's blank line follows.
 */
function exitLine(lines: string[], j: number): RegExpExecArray | null {
  const m = /^(.*)\[exit (\d+)\]$/.exec(lines[j] ?? "");
  return m && (m[1] === "" || lines[j + 1] === "") ? m : null;
}

export function parseTranscript(text: string): Step[] {
  const steps: Step[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (!line.startsWith("$ ")) continue;
    const out: string[] = [];
    let j = i + 1;
    while (j < lines.length && !exitLine(lines, j)) out.push(lines[j++] ?? "");
    const [, unterminated = "", exit = "NaN"] = exitLine(lines, j) ?? [];
    steps.push({
      command: line.slice(2),
      output: (out.length ? `${out.join("\n")}\n` : "") + unterminated,
      exit: Number(exit),
    });
    i = j;
  }
  return steps;
}

export interface ReplayOptions {
  /** The session to type into (the first one by default). */
  session?: string;
  /** Normalise per-run values (IDs, generated names, times …) on both sides. */
  normalise?: boolean;
}

/** Runs every command of the transcript; returns the transcript as written and as the lab printed it. */
export function replay(
  lab: Lab,
  transcript: string,
  options: ReplayOptions = {},
): { expected: string; actual: string } {
  const clean = (text: string, command: string) => (options.normalise ? normalize(text, command) : text);
  let expected = "";
  let actual = "";
  for (const step of parseTranscript(transcript)) {
    const result = runToEnd(lab, step.command, options.session);
    expected += `$ ${step.command}\n${clean(step.output, step.command)}[exit ${step.exit}]\n\n`;
    actual += `$ ${step.command}\n${clean(printed(result), step.command)}[exit ${result.exit}]\n\n`;
  }
  return { expected, actual };
}

/** The same, with per-run values normalised. */
export function play(lab: Lab, transcript: string): { expected: string; actual: string } {
  return replay(lab, transcript, { normalise: true });
}
