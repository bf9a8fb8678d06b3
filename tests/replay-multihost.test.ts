/**
 * The two-host ground truth, replayed: each scenario recorded on two real engine-26 daemons (h1 at
 * 192.168.0.101, h2 at 192.168.0.102, alone on a LAN) is typed into a lab built the same way, each
 * command on its host, and must print what the daemons printed after normalising per-run values
 * and applying the listed known differences (replay/multihost-differences.ts, each still in use).
 * Join tokens are the lab's own; the recorder's waits let the same virtual time pass.
 */
import { describe, expect, it } from "vitest";
import { hostOf } from "../src/engine/docker/host";
import { joinCommand } from "../src/engine/swarm/cluster";
import { createLab, hostSession, printed, runToEnd } from "../src/shell/lab";
import { normalize } from "../src/testing/normalize";
import { rewriteRecorded, staleDifferences } from "./replay/differences";
import { loadMultiFixtures } from "./replay/multihost";
import { bothSides, MULTIHOST_DIFFERENCES } from "./replay/multihost-differences";

const WRONG_SECRET = "0123456789abcdefghijklmno";
const FIXTURES = loadMultiFixtures();

it("every known difference still changes a recording it names", () => {
  const steps = FIXTURES.flatMap((fixture) =>
    fixture.items.flatMap((item) =>
      item.kind === "step"
        ? [
            {
              fixture: fixture.name,
              command: item.step.command,
              recorded: normalize(item.step.output, item.step.command),
            },
          ]
        : [],
    ),
  );
  expect(staleDifferences(MULTIHOST_DIFFERENCES, steps)).toEqual([]);
});

for (const fixture of FIXTURES) {
  describe(`multihost ${fixture.name}`, () => {
    const lab = createLab({
      seed: 7,
      images: ["busybox:latest"],
      isolatedHosts: [
        { name: "h1", ip: "192.168.0.101" },
        { name: "h2", ip: "192.168.0.102" },
      ],
    });
    lab.sessions.push(hostSession("s2", "h2"));
    const sessionOf = (host: string) => (host === "h1" ? "s1" : "s2");
    /** The placeholders the recorder substituted, resolved in the lab as it resolved them (on h1). */
    const resolve = (typed: string) =>
      typed.replace(/\{\{(WORKER|WRONG)_TOKEN\}\}/g, (_all, kind: string) => {
        const token = joinCommand(hostOf(lab.world, "h1"), "worker").token;
        return kind === "WORKER" ? token : token.replace(/-[0-9a-z]{25}$/, `-${WRONG_SECRET}`);
      });

    let pending = 0;
    for (const item of fixture.items) {
      if (item.kind === "sleep") {
        pending += item.seconds;
        continue;
      }
      const { step } = item;
      const wait = pending;
      pending = 0;
      it(`[${step.host}] ${step.command}`, () => {
        if (wait > 0) runToEnd(lab, `sleep ${wait}`, sessionOf(step.host));
        const result = runToEnd(lab, resolve(step.typed), sessionOf(step.host));
        const recorded = rewriteRecorded(MULTIHOST_DIFFERENCES, {
          fixture: fixture.name,
          command: step.command,
          recorded: normalize(step.output, step.command),
        });
        expect(bothSides(step.command, normalize(printed(result), step.command))).toBe(
          bothSides(step.command, recorded),
        );
        expect(result.exit).toBe(step.exit);
      });
    }
  });
}
