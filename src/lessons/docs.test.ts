import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runToEnd } from "../shell/lab";
import { readLesson } from "./format";
import { afterCommand, isComplete, moveTo, NEW_PROGRESS, startLab } from "./progress";
import { fillCommand } from "./templates";

const page = readFileSync(new URL("../../docs/lessons.md", import.meta.url), "utf8");

describe("docs/lessons.md", () => {
  it("shows a complete example that the lab reads and a student can finish", () => {
    const example = /```json\n([\s\S]*?)\n```/.exec(page)?.[1];
    const read = readLesson(example ?? "");
    if (!read.ok) throw new Error(read.error);
    const lesson = read.lesson;
    const lab = startLab(lesson, () => undefined);
    let progress = moveTo(NEW_PROGRESS, lesson, 0);
    lesson.steps.forEach((step, i) => {
      progress = moveTo(progress, lesson, i);
      for (const c of step.commands ?? []) {
        runToEnd(lab, fillCommand(lab.world, c));
        progress = afterCommand(progress, lesson, lab);
      }
      expect(progress.done).toContain(i);
    });
    expect(isComplete(progress, lesson)).toBe(true);
  });
});
