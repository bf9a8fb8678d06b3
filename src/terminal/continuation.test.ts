import { describe, expect, it } from "vitest";
import { joinContinued, unfinished } from "./continuation";

describe("commands over several lines", () => {
  it("needs more after an open quote, a trailing pipe, && or backslash", () => {
    expect(unfinished("echo 'a")).toBe(true);
    expect(unfinished('echo "a')).toBe(true);
    expect(unfinished("docker ps |")).toBe(true);
    expect(unfinished("true &&")).toBe(true);
    expect(unfinished("echo a \\")).toBe(true);
    expect(unfinished("echo 'a' b")).toBe(false);
    expect(unfinished("")).toBe(false);
  });

  it("is not unfinished when the line is wrong rather than short", () => {
    expect(unfinished("| grep x")).toBe(false);
  });

  it("keeps the newline inside quotes and drops an escaped one", () => {
    expect(joinContinued("echo 'a", "b'")).toBe("echo 'a\nb'");
    expect(joinContinued("docker run -d \\", "--name web nginx")).toBe("docker run -d --name web nginx");
    expect(joinContinued("echo 'a\\", "b'")).toBe("echo 'a\\\nb'");
    expect(joinContinued("docker ps |", "grep web")).toBe("docker ps |\ngrep web");
  });
});
