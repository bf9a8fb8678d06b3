/** sed's `s` loops against what GNU sed 4.9 and busybox 1.35 printed for the same input (39-awk-sed and by hand). */
import { describe, expect, it } from "vitest";
import { parseScript } from "./script";
import { substitute } from "./substitute";

const run = (script: string, text: string, busybox: boolean) => {
  const [cmd] = parseScript([script], false, busybox);
  if (!cmd?.find) throw new Error(script);
  return substitute(cmd, cmd.find, text, busybox) ?? text;
};

describe("sed s", () => {
  it("GNU skips an empty match where the last match ended", () => {
    expect(run("s/a*/x/g", "baaac", false)).toBe("xbxcx");
    expect(run("s/a*/x/g", "a", false)).toBe("x");
    expect(run("s/[^:]*/<&>/3", "1:2:3", false)).toBe("1:2:<3>");
    expect(run("s/a*/x/3", "baaac", false)).toBe("baaacx");
  });

  it("busybox searches again in what is left, counting an empty match after a non-empty one", () => {
    expect(run("s/a*/x/g", "baaac", true)).toBe("xbxcx");
    expect(run("s/[^:]*/<&>/g", "1:2:3", true)).toBe("<1>:<2>:<3>");
    expect(run("s/[^:]*/<&>/2", "1:2:3", true)).toBe("1<>:2:3");
    expect(run("s/[^:]*/<&>/4", "1:2:3", true)).toBe("1:2<>:3");
    expect(run("s/a*/x/3", "baaac", true)).toBe("baaaxc");
    // Each search starts a new string: \b sees no word before it, and ^ cannot match again.
    expect(run("s/\\b/|/g", "1:2:3", true)).toBe("|1:|2:|3");
    expect(run("s/^a/x/g", "aaa", true)).toBe("xaa");
  });

  it("expands &, \\N and GNU's case escapes; busybox takes \\U as U", () => {
    expect(run("s/\\(a\\)\\(l\\)/[\\2\\1&\\&]/", "alice", false)).toBe("[laal&]ice");
    expect(run("s/\\(\\w*\\) \\(\\w*\\)/\\U\\1\\E \\u\\2/", "ab cd", false)).toBe("AB Cd");
    expect(run("s/\\(\\w*\\) \\(\\w*\\)/\\U\\1\\E \\u\\2/", "ab cd", true)).toBe("UabE ucd");
  });
});
