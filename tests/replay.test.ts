/**
 * The ground truth, replayed: every command recorded from a real Docker daemon is typed, in order,
 * into a fresh lab through the same shell the terminal uses and, as the recorder did, waited on until
 * it ends (`docker wait`, `tcpdump -c 4` run on in virtual time), and what the lab prints must be what
 * the daemon printed, after normalising per-run values (replay/normalize.ts) and applying the listed
 * known differences (replay/differences.ts, each still in use). The lab runs as the instrument's
 * host (offline: its eth0 discards every packet, so 192.168.0.1 never answers), and starts with
 * busybox and alpine present. Both eras: the engine-26 recordings in a lab of era 26, the
 * engine-20.10 ones (ground-truth/era/) in a lab of era 20.
 */
import { describe, expect, it } from "vitest";
import { ERAS } from "../src/engine/docker/era";
import { createLab, printed, runToEnd } from "../src/shell/lab";
import { normalize } from "../src/testing/normalize";
import { DIFFERENCES, rewriteExit, rewriteRecorded, staleDifferences } from "./replay/differences";
import { type Fixture, loadFixtures } from "./replay/fixtures";

const HOST_PREFIX = "ip netns exec dlab ";
const FIXTURES = ERAS.flatMap((era) => loadFixtures(era).map((fixture) => ({ era, fixture })));

/** The recorded PIDs, read off the `docker inspect -f '{{.State.Pid}}' NAME` steps. */
function recordedPidsOf(fixture: Fixture): Record<string, string> {
  const pids: Record<string, string> = {};
  for (const step of fixture.steps) {
    const m = /^docker inspect -f '\{\{\.State\.Pid\}\}' (\S+)$/.exec(step.command);
    if (m?.[1]) pids[step.output.trim()] = m[1];
  }
  return pids;
}

it("every known difference still changes a recording it names", () => {
  const steps = FIXTURES.flatMap(({ era, fixture }) => {
    const pids = recordedPidsOf(fixture);
    return fixture.steps.map((step) => ({
      fixture: fixture.name,
      command: step.command,
      recorded: normalize(step.output, step.command, pids),
      era,
    }));
  });
  expect(staleDifferences(DIFFERENCES, steps)).toEqual([]);
});

for (const { era, fixture } of FIXTURES) {
  describe(`${fixture.name} (engine ${era})`, () => {
    const lab = createLab({ seed: 7, offline: true, era, now: fixture.recordedAt });
    const resolved: Record<string, string> = {};
    const containers = () => lab.world.machines.host1?.docker?.containers ?? [];
    const recordedPids = recordedPidsOf(fixture);
    const labPids = () => {
      const names = new Set(Object.values(recordedPids));
      return Object.fromEntries(
        containers()
          .filter((c) => names.has(c.name) && c.state.pid)
          .map((c) => [String(c.state.pid), c.name]),
      );
    };

    /** {{ID12 x}}, {{ID x}}, {{PID x}}: resolved once in the lab, as the recorder resolves them. */
    const resolve = (command: string) =>
      command.replace(/\{\{(ID12|ID|PID) ([A-Za-z0-9_.-]+)\}\}/g, (all, kind: string, name: string) => {
        if (resolved[all] === undefined) {
          const c = containers().find((x) => x.name === name);
          // `docker inspect -f '{{.Id}}' NAME` finds an image or a network when no container has that name.
          const daemon = lab.world.machines.host1?.docker;
          const image = daemon?.images.find((i) => i.ref === `${name}:latest`);
          const network = daemon?.networks.find((n) => n.name === name);
          const id = c?.id ?? (image ? `sha256:${image.id}` : network?.id);
          resolved[all] =
            (kind === "ID12" ? id?.slice(0, 12) : kind === "ID" ? id : String(c?.state.pid)) ?? "";
        }
        return resolved[all] ?? "";
      });

    for (const step of fixture.steps) {
      it(step.command, () => {
        const line = resolve(
          step.command.startsWith(HOST_PREFIX) ? step.command.slice(HOST_PREFIX.length) : step.command,
        );
        const result = runToEnd(lab, line);
        const named = {
          fixture: fixture.name,
          command: step.command,
          recorded: normalize(step.output, step.command, recordedPids),
          era,
        };
        expect(normalize(printed(result), step.command, labPids())).toBe(rewriteRecorded(DIFFERENCES, named));
        expect(result.exit).toBe(rewriteExit(DIFFERENCES, named, step.exit));
      });
    }
  });
}
