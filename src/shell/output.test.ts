import { describe, expect, it } from "vitest";
import { createWorld } from "../engine/create-world";
import { CAPPED, OUTPUT_LIMIT, Output } from "./output";

describe("a command's output", () => {
  it("is capped at 1 MiB on the terminal, with a notice, whatever the command prints", () => {
    const out = new Output(createWorld());
    for (let i = 0; i < 40; i++) out.write("x".repeat(64 * 1024));
    out.error("and an error");
    const text = out.chunks.map((c) => c.text).join("");
    expect(text).toBe(`${"x".repeat(OUTPUT_LIMIT)}\n${CAPPED}\n`);
  });

  it("is not capped where a pipe or a file takes it", () => {
    const out = new Output(createWorld());
    const pipe = out.capture();
    pipe.write("y".repeat(OUTPUT_LIMIT + 10));
    expect(pipe.captured).toHaveLength(OUTPUT_LIMIT + 10);
    expect(out.chunks).toEqual([]);
  });
});
