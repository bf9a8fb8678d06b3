/**
 * Never losing work: whatever sequence of commands (good and failing), undos, redos, jumps in the
 * history, resets and reloads, the lab on screen is exactly the lab that step had, undo goes back to
 * exactly the lab before, a reload brings back the same lab and the same history, and a share link
 * made at any point opens as the same lab.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLab, type Lab, runToEnd } from "../../src/shell/lab";
import {
  type History,
  labOfSnapshot,
  moveTo,
  readStoredHistory,
  record,
  redoTarget,
  startHistory,
  storedHistory,
  undoTarget,
} from "../../src/store/history";
import { labDocument, packDocument, readLabDocument } from "../../src/store/lab-file";

const LINES = [
  "docker network create app",
  "docker run -d --name web --network app nginx",
  "docker run -itd --name c1 busybox",
  "docker exec c1 ping -c 1 172.17.0.1",
  "docker rm -f web",
  "docker network rm app",
  "docker run --name c1 busybox",
  "ip link add br7 type bridge",
  "ip link set br7 up",
  "dokcer ps",
  "ip link del nothing",
  "docker exec -d c1 ping -c 5 8.8.8.8",
];

type Action =
  | { kind: "command"; line: string }
  | { kind: "undo" }
  | { kind: "redo" }
  | { kind: "jump"; pick: number }
  | { kind: "reset"; seed: number }
  | { kind: "reload" }
  | { kind: "share" };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...LINES).map((line) => ({ kind: "command" as const, line })) },
  { weight: 2, arbitrary: fc.constant({ kind: "undo" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "redo" as const }) },
  { weight: 1, arbitrary: fc.nat(1000).map((pick) => ({ kind: "jump" as const, pick })) },
  { weight: 1, arbitrary: fc.nat(1000).map((seed) => ({ kind: "reset" as const, seed })) },
  { weight: 1, arbitrary: fc.constant({ kind: "reload" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "share" as const }) },
);

/** The lab as canonical JSON: keys sorted (a lab read through the schema has its fields in the schema's order). */
const json = (lab: Lab) =>
  JSON.stringify(lab, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );

function snapshotJson(h: History, id: number): string {
  const snapshot = h.entries.find((e) => e.id === id)?.snapshot;
  const lab = snapshot ? labOfSnapshot(snapshot) : undefined;
  if (!lab) throw new Error(`entry ${id} has no snapshot`);
  return json(lab);
}

describe("undo, redo, autosave and share links", () => {
  it("stay consistent after any sequence of commands, errors, resets and reloads", () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 14 }), (actions) => {
        let lab = createLab({ seed: 1 });
        let history = startHistory();
        /** What each entry's lab was when last seen: the truth the history must give back. */
        const seen = new Map<number, string>([[0, json(lab)]]);

        const go = (id: number | undefined) => {
          if (id === undefined) return;
          const expected = seen.get(id);
          const moved = moveTo(history, json(lab), id);
          if (!moved) return;
          seen.set(history.current, json(lab));
          history = moved.history;
          const restored = labOfSnapshot(moved.snapshot);
          if (!restored) throw new Error("snapshot unreadable");
          lab = restored;
          expect(json(lab)).toBe(expected);
        };

        for (const a of actions) {
          if (a.kind === "command") {
            const before = json(lab);
            runToEnd(lab, a.line);
            seen.set(history.current, before);
            history = record(history, before, { kind: "command", label: a.line });
            seen.set(history.current, json(lab));
            // Undo at once gives back exactly the lab before the command; redo, exactly the one after.
            const after = json(lab);
            go(undoTarget(history));
            expect(json(lab)).toBe(before);
            go(redoTarget(history));
            expect(json(lab)).toBe(after);
          } else if (a.kind === "undo") go(undoTarget(history));
          else if (a.kind === "redo") go(redoTarget(history));
          else if (a.kind === "jump") go(history.entries[a.pick % history.entries.length]?.id);
          else if (a.kind === "reset") {
            seen.set(history.current, json(lab));
            history = record(history, json(lab), { kind: "reset", label: "Reset lab" });
            lab = createLab({ seed: a.seed });
            seen.set(history.current, json(lab));
          } else if (a.kind === "reload") {
            // What autosave writes, read back as a fresh page reads it.
            const savedLab = readLabDocument(packDocument(labDocument(lab)));
            const savedHistory = readStoredHistory(storedHistory(history));
            if (!savedLab.ok || !savedHistory) throw new Error("the save could not be read back");
            expect(json(savedLab.doc.lab)).toBe(json(lab));
            expect(savedHistory.current).toBe(history.current);
            expect(savedHistory.entries.map(({ id, parent, label }) => [id, parent, label])).toEqual(
              history.entries.map(({ id, parent, label }) => [id, parent, label]),
            );
            for (const e of savedHistory.entries)
              if (e.id !== savedHistory.current)
                expect(snapshotJson(savedHistory, e.id)).toBe(seen.get(e.id));
            lab = savedLab.doc.lab;
            history = savedHistory;
          } else {
            const opened = readLabDocument(`https://lab.example/#lab=${packDocument(labDocument(lab))}`);
            if (!opened.ok) throw new Error(opened.error);
            expect(json(opened.doc.lab)).toBe(json(lab));
          }
          // Every entry but the current one can be gone back to, as it was.
          for (const e of history.entries)
            if (e.id !== history.current) expect(snapshotJson(history, e.id)).toBe(seen.get(e.id));
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
