/**
 * Switching a lab's era changes what it prints to what the other release printed, as recorded: the
 * same lab, the same containers, before and after the switch, against the engine-26 and the
 * engine-20.10 recordings of the same commands.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readOptions } from "../../../embed/params";
import { eraOfWorld, setEra } from "../../../engine/docker/era";
import { normalize } from "../../../testing/normalize";
import { parseTranscript } from "../../../testing/transcript";
import { createLab, printed, runToEnd } from "../../lab";

const recording = (file: string) =>
  parseTranscript(readFileSync(new URL(`../../../../tests/ground-truth/${file}`, import.meta.url), "utf8"));

/** What the real daemon printed for `command` in that recording (normalised as the replay does). */
function recorded(file: string, command: string): string {
  const step = recording(file).find((s) => s.command === command);
  if (!step) throw new Error(`${file} has no ${command}`);
  return normalize(step.output, command);
}

describe("the era switch", () => {
  it("turns the same lab's output from engine 26's into 20.10's, as recorded", () => {
    const lab = createLab({ seed: 7, offline: true });
    expect(eraOfWorld(lab.world)).toBe(26);
    runToEnd(lab, "docker run -d -p 8081:80 --name w1 busybox sleep 3600");
    const now = (command: string) => normalize(printed(runToEnd(lab, command)), command);
    expect(now("docker port w1")).toBe(recorded("10-ports.txt", "docker port w1"));
    expect(now("docker foo")).toBe(recorded("02-containers.txt", "docker foo"));
    expect(now("docker network create")).toBe(recorded("01-networks.txt", "docker network create"));

    setEra(lab.world, 20);
    expect(now("docker port w1")).toBe(recorded("era/15-engine20.txt", "docker port w1"));
    expect(now("docker foo")).toBe(recorded("era/15-engine20.txt", "docker foo"));
    expect(now("docker network create")).toBe(recorded("era/15-engine20.txt", "docker network create"));
    expect(now("docker version")).toBe(recorded("era/15-engine20.txt", "docker version"));

    setEra(lab.world, 26);
    expect(now("docker port w1")).toBe(recorded("10-ports.txt", "docker port w1"));
  });

  it("is read from the page's address and the element's attributes, and nothing else counts", () => {
    const options = (era: string | null) => readOptions((n) => (n === "era" ? era : null), "https://x.org");
    expect(options("20").era).toBe(20);
    expect(options("26").era).toBe(26);
    expect(options("21").era).toBeUndefined();
    expect(options(null).era).toBeUndefined();
  });

  it("runs every Docker host the lab adds in the lab's era", () => {
    const lab = createLab({ seed: 3, era: 20, dockerHosts: 2 });
    expect(Object.values(lab.world.machines).flatMap((m) => (m.docker ? [m.docker.era] : []))).toEqual([
      20, 20,
    ]);
  });
});
