import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../i18n/languages";
import { type Lab, printed, runToEnd } from "../shell/lab";
import { CHALLENGES, LESSONS } from "./builtin";
import { type Lesson, readLesson, type Text } from "./format";
import {
  afterCommand,
  isComplete,
  moveTo,
  NEW_PROGRESS,
  type Progress,
  startLab,
  stepStatus,
} from "./progress";
import { fillCommand } from "./templates";

const unpackNothing = () => undefined;

/** Types a command as the student would after clicking it: placeholders filled from the lab, in the tab on `on`. */
function type(lab: Lab, command: string, on = "host1"): void {
  const line = fillCommand(lab.world, command);
  expect(line, "a placeholder the lab could not fill").not.toMatch(/\{\{\w+:/);
  const tab = lab.sessions.find((s) => s.frames[0]?.machine === on);
  expect(tab, `a tab on ${on}`).toBeDefined();
  const e = runToEnd(lab, line, tab?.id);
  expect(printed(e), line).not.toMatch(/command not found|unknown flag|Usage:/);
}

/** Every text of a lesson, for the language checks. */
function texts(lesson: Lesson): Text[] {
  return [
    lesson.title,
    lesson.summary,
    ...(lesson.explanation ? [lesson.explanation] : []),
    ...lesson.steps.flatMap((s) => [
      s.text,
      ...(s.goals ?? []).flatMap((g) => [g.text, ...(g.hints ?? []).map((h) => h.text)]),
    ]),
  ];
}

/** Wrong or incomplete fixes that must not solve each challenge. */
const WRONG_FIXES: Record<string, string[]> = {
  "loopback-bind": ["docker restart web"],
  "localhost-is-container": ["docker network create appnet", "docker network connect appnet client"],
  "names-on-default-bridge": [
    "docker restart alpine3",
    "docker network create appnet",
    "docker network connect appnet alpine3",
  ],
  "two-networks": ["docker restart db", "docker network connect bridge web"],
  "internal-network": ["docker restart worker", "docker network create public"],
  "port-wrong-way": [
    "docker rm -f tomcat81",
    "docker run -d --name tomcat81 -p 80:8080 billygoo/tomcat8-jdk8",
  ],
  "overlapping-subnet": ["docker restart box"],
  "icc-disabled": ["docker restart c2", "docker network create talk", "docker network connect talk c1"],
  "docker-user-drop": ["iptables -I DOCKER-USER -p tcp --dport 8080 -j ACCEPT"],
  "ip-forward-off": ["sysctl -w net.ipv4.conf.all.forwarding=0", "docker restart box"],
};

describe.each([...LESSONS, ...CHALLENGES].map((l) => [l.id, l] as const))("%s", (_, lesson) => {
  it("is a valid lesson file, in every language, citing its tutorial", () => {
    expect(readLesson(JSON.parse(JSON.stringify(lesson)))).toEqual({ ok: true, lesson });
    for (const t of texts(lesson)) {
      for (const language of LANGUAGES) {
        expect(typeof t === "object" && t[language], `${JSON.stringify(t)} in ${language}`).toBeTruthy();
      }
    }
    if (lesson.kind === "lesson") expect(lesson.follows?.length).toBeGreaterThan(0);
    else expect(lesson.explanation && lesson.solution?.length).toBeTruthy();
  });
});

describe.each(LESSONS.map((l) => [l.id, l] as const))("lesson %s, typed step by step", (_, lesson) => {
  it("each step's goals fail before its commands and hold after them", () => {
    const lab = startLab(lesson, unpackNothing);
    let progress: Progress = NEW_PROGRESS;
    lesson.steps.forEach((step, i) => {
      progress = moveTo(progress, lesson, i);
      if (step.goals?.length)
        expect(
          stepStatus(lab, step).every((s) => s.ok),
          `step ${i} done before it started`,
        ).toBe(false);
      for (const command of step.commands ?? []) {
        type(lab, command, step.on);
        progress = afterCommand(progress, lesson, lab);
      }
      if (step.goals?.length) {
        const failing = stepStatus(lab, step).filter((s) => !s.ok);
        expect(
          failing.map((s) => s.goal.text),
          `step ${i}`,
        ).toEqual([]);
        expect(progress.done).toContain(i);
      }
    });
    progress = moveTo(progress, lesson, lesson.steps.length);
    expect(isComplete(progress, lesson)).toBe(true);
  });
});

describe.each(CHALLENGES.map((c) => [c.id, c] as const))("challenge %s", (_, challenge) => {
  const solved = (lab: Lab, progress: Progress) =>
    isComplete(afterCommand(progress, challenge, lab), challenge);

  it("shows its symptom, is not solved by investigating, and is solved by its solution", () => {
    const lab = startLab(challenge, unpackNothing);
    for (const command of challenge.steps.flatMap((s) => s.commands ?? [])) type(lab, command);
    expect(solved(lab, NEW_PROGRESS)).toBe(false);
    // The hint fits what is wrong at the start.
    const status = stepStatus(lab, challenge.steps[0] as Lesson["steps"][number]);
    expect(status.some((s) => !s.ok && (s.hint !== undefined || s.failure !== undefined))).toBe(true);
    let progress = NEW_PROGRESS;
    for (const command of challenge.solution ?? []) {
      type(lab, command);
      progress = afterCommand(progress, challenge, lab);
    }
    expect(isComplete(progress, challenge)).toBe(true);
  });

  it("is not solved by a wrong or incomplete fix", () => {
    const lab = startLab(challenge, unpackNothing);
    const wrong = WRONG_FIXES[challenge.id];
    expect(wrong, "every challenge has a wrong fix to try").toBeDefined();
    let progress = NEW_PROGRESS;
    for (const command of wrong ?? []) {
      type(lab, command);
      progress = afterCommand(progress, challenge, lab);
    }
    expect(isComplete(progress, challenge)).toBe(false);
  });
});
