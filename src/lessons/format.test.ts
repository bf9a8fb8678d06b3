import { describe, expect, it } from "vitest";
import { vethPairs } from "./builtin/l01-veth";
import { inLanguage, readLesson } from "./format";

const valid = () => JSON.parse(JSON.stringify(vethPairs));

describe("reading a lesson file", () => {
  it("takes a valid one as it is, from text or data", () => {
    expect(readLesson(JSON.stringify(vethPairs))).toEqual({ ok: true, lesson: vethPairs });
    expect(readLesson(valid())).toEqual({ ok: true, lesson: vethPairs });
  });

  it("refuses a malformed one with a reason that says where", () => {
    expect(readLesson("{ not json")).toEqual({ ok: false, error: "it is not JSON" });
    expect(readLesson({ ...valid(), format: "something-else" })).toEqual({
      ok: false,
      error: 'its format is not "docker-network-lab/lesson"',
    });
    expect(readLesson({ ...valid(), version: 7 })).toEqual({
      ok: false,
      error: "it is version 7; this lab reads version 1",
    });
    expect(readLesson({ ...valid(), steps: [] })).toEqual({
      ok: false,
      error: "steps: a lesson has at least one step",
    });
    expect(readLesson({ ...valid(), id: "Has Spaces" })).toEqual({
      ok: false,
      error: "id: an id is lowercase letters, digits and dashes",
    });
    const badCheck = valid();
    badCheck.steps[0].goals[0].check = { container: "busy1", state: "sleeping" };
    const refused = readLesson(badCheck);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatch(/^steps\[0\]\.goals\[0\]\.check/);
    expect(readLesson({ ...valid(), start: { commands: ["true"], lab: "lab3:x" } })).toEqual({
      ok: false,
      error: "start: give either commands or a lab, not both",
    });
  });

  it("falls back to English for a language a text does not have", () => {
    expect(inLanguage({ en: "Hello", ru: "Привет" }, "zh-CN")).toBe("Hello");
    expect(inLanguage({ en: "Hello", ru: "Привет" }, "ru")).toBe("Привет");
    expect(inLanguage("Same for all", "ru")).toBe("Same for all");
  });
});
