/** sed: GNU sed 4.9's on the host and busybox 1.35's in a container (30-busybox-applets, 39-awk-sed). */
import { describe, expect, it } from "vitest";
import { createLab } from "../lab";
import { sh } from "./net/test-helpers";

describe("sed", () => {
  it("edits lines: s with its flags, p, d, q, =, y, addresses, ranges and negation", () => {
    const lab = createLab();
    const ed = (input: string, args: string) => sh(lab, `printf '${input}' | sed ${args}`).out;
    expect(ed("hello\\n", "s/l/L/")).toBe("heLlo\n");
    expect(ed("hello\\n", "s/l/L/g")).toBe("heLLo\n");
    expect(ed("hello\\n", "s/l/L/2")).toBe("helLo\n");
    expect(ed("hello\\n", "s/L/x/I")).toBe("hexlo\n");
    expect(ed("hello\\n", `'s/\\(h\\)e/\\1E/'`)).toBe("hEllo\n");
    expect(ed("hello\\n", `-E 's/(l+)/<\\1>/'`)).toBe("he<ll>o\n");
    expect(ed("hello\\n", `'s/l*o/[&]/'`)).toBe("he[llo]\n");
    expect(ed("hello\\n", "'s|h|/|'")).toBe("/ello\n");
    expect(ed("hello\\n", "y/hel/HEL/")).toBe("HELLo\n");
    expect(ed("a  b\\n", `'s/[[:space:]]\\+/_/g'`)).toBe("a_b\n");
    expect(ed("1\\n2\\n3\\n", "-n 2p")).toBe("2\n");
    expect(ed("1\\n2\\n3\\n", "2d")).toBe("1\n3\n");
    expect(ed("1\\n2\\n3\\n", "-n '$p'")).toBe("3\n");
    expect(ed("1\\n2\\n3\\n", "1,2d")).toBe("3\n");
    expect(ed("1\\n2\\n3\\n4\\n", "-n '/2/,/3/p'")).toBe("2\n3\n");
    expect(ed("1\\n2\\n3\\n", "'2!d'")).toBe("2\n");
    expect(ed("1\\n2\\n3\\n", "2q")).toBe("1\n2\n");
    expect(ed("1\\n2\\n", "=")).toBe("1\n1\n2\n2\n");
    expect(ed("one\\ntwo\\nthree\\n", "/o/d")).toBe("three\n");
    expect(ed("hello\\n", "-e s/h/H/ -e s/o/O/")).toBe("HellO\n");
    // A last line without its newline stays so.
    expect(ed("a\\nb", "s/b/c/")).toBe("a\nc");
  });

  it("says what is wrong as GNU sed does", () => {
    const lab = createLab();
    expect(sh(lab, "echo hello | sed s/a/b")).toMatchObject({
      out: "sed: -e expression #1, char 5: unterminated `s' command\n",
      exit: 1,
    });
    expect(sh(lab, "echo hello | sed foo").out).toBe("sed: -e expression #1, char 1: unknown command: `f'\n");
    expect(sh(lab, "echo hello | sed s/x/y/z").out).toBe(
      "sed: -e expression #1, char 7: unknown option to `s'\n",
    );
    expect(sh(lab, "sed p /nosuch")).toMatchObject({
      out: "sed: can't read /nosuch: No such file or directory\n",
      exit: 2,
    });
    expect(sh(lab, "sed").out).toMatch(/^Usage: sed \[OPTION\]/);
    expect(sh(lab, "echo a | sed bx")).toMatchObject({
      out: "sed: can't find label for jump to `x'\n",
      exit: 4,
    });
  });

  it("in busybox: its words; -i edits a container's file", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name c1 busybox");
    expect(sh(lab, "docker exec c1 sh -c 'echo hello | sed s/a/b'").out).toBe("sed: unmatched '/'\n");
    expect(sh(lab, "docker exec c1 sh -c 'echo hello | sed foo'").out).toBe("sed: unsupported command f\n");
    expect(sh(lab, "docker exec c1 sh -c 'echo h | sed s/x/y/z'").out).toBe(
      "sed: bad option in substitution expression\n",
    );
    expect(sh(lab, "docker exec c1 sed p /nosuch")).toMatchObject({
      out: "sed: /nosuch: No such file or directory\n",
      exit: 1,
    });
    expect(
      sh(lab, "docker exec c1 sh -c 'echo hello > /tmp/s; sed -i s/hello/bye/ /tmp/s; cat /tmp/s'").out,
    ).toBe("bye\n");
    expect(sh(lab, "cat /tmp/s").exit).toBe(1);
  });

  it("keeps a hold space, branches, reads on with n and N, and appends, inserts and changes", () => {
    const lab = createLab();
    const ed = (input: string, args: string) => sh(lab, `printf '${input}' | sed ${args}`).out;
    expect(ed("1\\n2\\n3\\n", "'1!G;h;$!d'")).toBe("3\n2\n1\n");
    expect(ed("1\\n2\\n3\\n", "':a;N;$!ba;s/\\n/+/g'")).toBe("1+2+3\n");
    expect(ed("a\\na\\nb\\n", "'$!N;/^\\(.*\\)\\n\\1$/!P;D'")).toBe("a\nb\n");
    expect(ed("1\\n2\\n", "-e '1a after' -e '2i before' -e '$c last'")).toBe("1\nafter\nbefore\nlast\n");
    expect(ed("1\\n2\\n3\\n4\\n", "-n '0~2p'")).toBe("2\n4\n");
    expect(sh(lab, "printf '1\\n2\\n3\\n' | sed 2q5")).toMatchObject({ out: "1\n2\n", exit: 5 });
    expect(ed("ab\\n", "-E 's/(a)(b)/\\U\\1\\E\\2/'")).toBe("Ab\n");
  });
});
