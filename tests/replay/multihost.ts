/**
 * The two-host ground truth (tests/ground-truth/multihost): each `NN-name.txt` with its
 * `scenarios/NN-name.cmds`, as steps on host h1 or h2. The recorder writes join tokens into the
 * `$` lines as it typed them; the .cmds keep the placeholders, which the replay resolves in the lab.
 * `@[hN] sleep N` lines were waits on the instrument: the replay lets that much virtual time pass.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTranscript, type Step } from "../../src/testing/transcript";

interface HostStep extends Step {
  host: string;
  /** The command as the .cmds has it (placeholders such as {{WORKER_TOKEN}} unresolved). */
  typed: string;
}

/** A recorded step, or a wait the recorder made between steps. */
type Item = { kind: "step"; step: HostStep } | { kind: "sleep"; host: string; seconds: number };

export interface MultiFixture {
  name: string;
  items: Item[];
}

const MULTIHOST = join(import.meta.dirname, "..", "ground-truth", "multihost");

const HOST_LINE = /^\[(h\d)\] (.*)$/;

export function loadMultiFixtures(): MultiFixture[] {
  return readdirSync(MULTIHOST)
    .filter((f) => /^\d\d-.*\.txt$/.test(f))
    .sort()
    .map((file) => {
      const name = file.replace(/\.txt$/, "");
      const steps = parseTranscript(readFileSync(join(MULTIHOST, file), "utf8"));
      const lines = readFileSync(join(MULTIHOST, "scenarios", `${name}.cmds`), "utf8")
        .split("\n")
        .filter((l) => l !== "" && !l.startsWith("#!"));
      const items: Item[] = [];
      let k = 0;
      for (const line of lines) {
        const silent = line.startsWith("@");
        const m = HOST_LINE.exec(silent ? line.slice(1) : line);
        if (!m) throw new Error(`${name}: not a host line: ${line}`);
        const [, host = "", typed = ""] = m;
        if (silent) {
          const sleep = /^sleep (\d+)$/.exec(typed);
          if (!sleep) throw new Error(`${name}: only sleeps may be silent: ${line}`);
          items.push({ kind: "sleep", host, seconds: Number(sleep[1]) });
          continue;
        }
        const step = steps[k++];
        const pattern = new RegExp(
          `^\\[${host}\\] ${typed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{\\\{(WORKER|WRONG)_TOKEN\\\}\\\}/g, "SWMTKN-1-\\S+")}$`,
        );
        if (!step || !pattern.test(step.command))
          throw new Error(`${name}: the transcript does not match its .cmds at ${line}`);
        items.push({
          kind: "step",
          step: { ...step, host, typed, command: step.command.replace(/^\[h\d\] /, "") },
        });
      }
      if (k !== steps.length) throw new Error(`${name}: the transcript has more steps than its .cmds`);
      return { name, items };
    });
}
