/**
 * The ground truth, replayed: every command recorded from a real Docker daemon is typed, in order,
 * into a fresh lab through the same shell the terminal uses, and what the lab prints must be what
 * the daemon printed, after normalising per-run values and the listed known differences.
 */
import { describe, expect, it } from "vitest";
import { createLab, printed, run } from "../src/shell/lab";
import { differencesFor } from "./replay/differences";
import { loadFixtures } from "./replay/fixtures";
import { normalize } from "./replay/normalize";

const HOST_PREFIX = "ip netns exec dlab ";

for (const fixture of loadFixtures()) {
  describe(fixture.name, () => {
    const lab = createLab({ seed: 7, offline: true });
    const resolved: Record<string, string> = {};
    const labPids: Record<string, string> = {};
    const recordedPids: Record<string, string> = {};
    for (const step of fixture.steps) {
      const m = /^docker inspect -f '\{\{\.State\.Pid\}\}' (\S+)$/.exec(step.command);
      if (m?.[1]) recordedPids[step.expected.trim()] = m[1];
    }

    /** {{ID12 x}}, {{ID x}}, {{PID x}}: resolved once in the lab, as the recorder resolves them. */
    const resolve = (command: string) =>
      command.replace(/\{\{(ID12|ID|PID) ([A-Za-z0-9_.-]+)\}\}/g, (all, kind: string, name: string) => {
        if (resolved[all] === undefined) {
          const c = lab.world.machines.host1?.docker?.containers.find((x) => x.name === name);
          const value = kind === "ID12" ? c?.id.slice(0, 12) : kind === "ID" ? c?.id : String(c?.state.pid);
          resolved[all] = value ?? "";
          if (kind === "PID" && c) labPids[String(c.state.pid)] = name;
        }
        return resolved[all] ?? "";
      });

    for (const step of fixture.steps) {
      it(step.command, () => {
        const line = resolve(
          step.command.startsWith(HOST_PREFIX) ? step.command.slice(HOST_PREFIX.length) : step.command,
        );
        const result = run(lab, line);
        const rules = differencesFor(fixture.name, step.command);
        const clean = (text: string, pids: Record<string, string>) =>
          rules.reduce((t, d) => d.rewrite(t), normalize(text, pids));
        expect(clean(printed(result), labPids)).toBe(clean(step.expected, recordedPids));
        expect(result.exit).toBe(step.exit);
      });
    }
  });
}
