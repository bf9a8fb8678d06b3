/**
 * Reading the ground-truth transcripts (tests/ground-truth/NN-*.txt) and replaying them in a fresh
 * lab: each `$ command` with its recorded output and exit status, placeholders such as
 * {{ID12 busy2}} filled from the lab's own containers, and the per-run values (IDs, times,
 * durations, PIDs, the recording machine's paths) normalised on both sides before comparing.
 */
import { hostOf } from "../../../engine/docker/host";
import { findContainer } from "../../../engine/docker/lookup";
import { isGeneratedName } from "../../../engine/docker/names";
import { type Lab, printed, run } from "../../lab";

export interface Step {
  command: string;
  output: string;
  exit: number;
}

export function parseTranscript(text: string): Step[] {
  const steps: Step[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (!line.startsWith("$ ")) continue;
    const out: string[] = [];
    let j = i + 1;
    while (j < lines.length && !/^\[exit \d+\]$/.test(lines[j] ?? "")) out.push(lines[j++] ?? "");
    const exit = Number((lines[j] ?? "").match(/\d+/)?.[0] ?? "0");
    steps.push({ command: line.slice(2), output: out.length ? `${out.join("\n")}\n` : "", exit });
    i = j;
  }
  return steps;
}

/** The command as the lab runs it: host commands lose the recorder's `ip netns exec dlab`. */
export function labCommand(lab: Lab, command: string): string {
  const host = hostOf(lab.world, "host1");
  return command
    .replace(/^ip netns exec dlab /, "")
    .replace(/\{\{(ID12|ID|PID) ([^}]+)\}\}/g, (_, kind: string, name: string) => {
      const c = findContainer(host.daemon, name);
      if (!c) return name;
      return kind === "ID12" ? c.id.slice(0, 12) : kind === "ID" ? c.id : String(c.state.pid);
    });
}

/** JSON maps keyed by container IDs come sorted by ID, which differs per run: key them by name instead. */
function byName(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(byName);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, byName(v)] as const);
  if (entries.length > 0 && entries.every(([k]) => /^[0-9a-f]{64}$/.test(k))) {
    entries.sort(([, a], [, b]) =>
      String((a as { Name?: string }).Name).localeCompare(String((b as { Name?: string }).Name)),
    );
  }
  return Object.fromEntries(entries);
}

/** Per-run values replaced by placeholders, so that two runs of the same commands compare equal. */
export function normalise(raw: string): string {
  let text = raw;
  if (/^\[\n/.test(raw)) {
    const end = raw.lastIndexOf("\n]\n") + 3;
    try {
      text = `${JSON.stringify(byName(JSON.parse(raw.slice(0, end))), null, 4)}\n${raw.slice(end)}`;
    } catch {
      text = raw;
    }
  }
  return text
    .replace(/\b[a-z]+_[a-z]+\d?\b/g, (w) => (isGeneratedName(w) ? "<NAME>" : w))
    .replace(/\/var\/lib\/dlab-docker-26\//g, "/var/lib/docker/")
    .replace(/\/run\/dlab\/exec\/netns\/[0-9a-f]{12}|\/var\/run\/docker\/netns\/[0-9a-f]{12}/g, "<SANDBOX>")
    .replace(/[0-9a-f]{64}/g, "<ID>")
    .replace(/\b[0-9a-f]{12}\b/g, "<ID12>")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<TIME>")
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC/g, "<TIME>")
    .replace(/"Pid": \d+/g, '"Pid": <PID>')
    .replace(
      /(Less than a second|\d+ seconds?|About a minute|\d+ minutes|About an hour|\d+ hours)( ago)?/g,
      "<DUR>$2",
    );
}

export function replay(lab: Lab, step: Step): { output: string; exit: number } {
  const e = run(lab, labCommand(lab, step.command));
  return { output: printed(e), exit: e.exit };
}

/**
 * Runs a transcript (`$ command`, output, `[exit N]`) in the lab and returns the transcript the lab
 * produces, normalised; tests compare it with the normalised expected text, so a failure shows a diff.
 */
export function play(lab: Lab, transcript: string): { expected: string; actual: string } {
  const steps = parseTranscript(transcript);
  const render = (command: string, output: string, exit: number) => `$ ${command}\n${output}[exit ${exit}]\n`;
  let expected = "";
  let actual = "";
  for (const step of steps) {
    const got = replay(lab, step);
    expected += render(step.command, normalise(step.output), step.exit);
    actual += render(step.command, normalise(got.output), got.exit);
  }
  return { expected, actual };
}
