/**
 * Transcript-style checks for the tests: `$ command`, what it prints (stdout and stderr as the
 * terminal shows them), `[exit N]`, a blank line, exactly like the ground-truth recordings.
 */
import { linkByName } from "../../../engine/linux/kernel";
import type { Link } from "../../../engine/linux/types";
import { type Lab, printed, run } from "../../lab";

interface Step {
  command: string;
  output: string;
}

function steps(transcript: string): Step[] {
  const out: Step[] = [];
  const lines = transcript.replace(/^\n/, "").split("\n");
  let current: { command: string; lines: string[] } | undefined;
  for (const line of lines) {
    if (!current) {
      if (line.startsWith("$ ")) current = { command: line.slice(2), lines: [] };
      continue;
    }
    current.lines.push(line);
    if (/^\[exit \d+\]$/.test(line)) {
      out.push({ command: current.command, output: `${current.lines.join("\n")}\n` });
      current = undefined;
    }
  }
  return out;
}

/** Runs every command of the transcript and returns what the lab printed, in the same form. */
export function replay(lab: Lab, transcript: string, session?: string): { expected: string; actual: string } {
  let expected = "";
  let actual = "";
  for (const step of steps(transcript)) {
    const result = run(lab, step.command, session);
    expected += `$ ${step.command}\n${step.output}\n`;
    actual += `$ ${step.command}\n${printed(result)}[exit ${result.exit}]\n\n`;
  }
  return { expected, actual };
}

/** A link of a namespace, to put its per-run MAC or veth name into an expected transcript. */
export function linkIn(lab: Lab, netns: string, name: string): Link {
  const ns = lab.world.netns[netns];
  const link = ns ? linkByName(ns, name) : undefined;
  if (!link) throw new Error(`no link ${name} in ${netns}`);
  return link;
}
