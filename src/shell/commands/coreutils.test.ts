/**
 * touch, rm, tee, basename, dirname and printf: their words as GNU coreutils 9.1 and bash 5.2 (the
 * host) and busybox 1.35 (containers) print them, run on Debian bookworm, the same builds.
 */
import { describe, expect, it } from "vitest";
import { createLab, type Lab } from "../lab";
import { sh } from "./net/test-helpers";

function withBusybox(): Lab {
  const lab = createLab();
  sh(lab, "docker run -itd --name c1 busybox");
  return lab;
}

describe("touch and rm", () => {
  it("make and remove files on the host, in GNU's words", () => {
    const lab = createLab();
    expect(sh(lab, "touch /tmp/a /tmp/b").exit).toBe(0);
    expect(sh(lab, "ls /tmp").out).toBe("a  b\n");
    expect(sh(lab, "rm /tmp/a")).toMatchObject({ out: "", exit: 0 });
    expect(sh(lab, "rm /tmp/a")).toMatchObject({
      out: "rm: cannot remove '/tmp/a': No such file or directory\n",
      exit: 1,
    });
    expect(sh(lab, "rm -f /tmp/a")).toMatchObject({ out: "", exit: 0 });
    expect(sh(lab, "touch /nope/a")).toMatchObject({
      out: "touch: cannot touch '/nope/a': No such file or directory\n",
      exit: 1,
    });
    expect(sh(lab, "touch")).toMatchObject({
      out: "touch: missing file operand\nTry 'touch --help' for more information.\n",
      exit: 1,
    });
    expect(sh(lab, "rm")).toMatchObject({
      out: "rm: missing operand\nTry 'rm --help' for more information.\n",
      exit: 1,
    });
    expect(sh(lab, "rm /tmp")).toMatchObject({ out: "rm: cannot remove '/tmp': Is a directory\n", exit: 1 });
  });

  it("in a busybox container, in busybox's words; Docker's bind-mounted files stay", () => {
    const lab = withBusybox();
    expect(sh(lab, "docker exec c1 touch /tmp/f").exit).toBe(0);
    expect(sh(lab, "docker exec c1 ls /tmp").out).toBe("f\n");
    expect(sh(lab, "docker exec c1 rm /tmp/f /tmp/g")).toMatchObject({
      out: "rm: can't remove '/tmp/g': No such file or directory\n",
      exit: 1,
    });
    expect(sh(lab, "docker exec c1 ls /tmp").out).toBe("");
    expect(sh(lab, "docker exec c1 touch /nope/a")).toMatchObject({
      out: "touch: /nope/a: No such file or directory\n",
      exit: 1,
    });
    expect(sh(lab, "docker exec c1 rm /tmp")).toMatchObject({ out: "rm: '/tmp' is a directory\n", exit: 1 });
    expect(sh(lab, "docker exec c1 rm /etc/hosts")).toMatchObject({
      out: "rm: can't remove '/etc/hosts': Resource busy\n",
      exit: 1,
    });
    expect(sh(lab, "docker exec c1 cat /etc/hosts").out).toContain("localhost");
    const usage = sh(lab, "docker exec c1 rm");
    expect(usage.exit).toBe(1);
    expect(usage.out.split("\n").slice(0, 3)).toEqual([
      "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.",
      "",
      "Usage: rm [-irf] FILE...",
    ]);
  });
});

describe("tee, basename and dirname", () => {
  it("tee copies its input to the terminal and to each file it can open", () => {
    const lab = createLab();
    expect(sh(lab, "echo hi | tee /tmp/t /nope/x")).toMatchObject({
      out: "tee: /nope/x: No such file or directory\nhi\n",
      exit: 1,
    });
    expect(sh(lab, "echo again | tee -a /tmp/t >/dev/null; cat /tmp/t").out).toBe("hi\nagain\n");
  });

  it("strip paths as POSIX says", () => {
    const lab = withBusybox();
    expect(sh(lab, "basename /a/b.txt .txt").out).toBe("b\n");
    expect(sh(lab, "basename /a/b/").out).toBe("b\n");
    expect(sh(lab, "basename /").out).toBe("/\n");
    expect(sh(lab, "dirname /a/b/").out).toBe("/a\n");
    expect(sh(lab, "dirname b").out).toBe(".\n");
    expect(sh(lab, "dirname /b").out).toBe("/\n");
    expect(sh(lab, "dirname")).toMatchObject({
      out: "dirname: missing operand\nTry 'dirname --help' for more information.\n",
      exit: 1,
    });
    expect(sh(lab, "docker exec c1 basename /a/b.txt .txt").out).toBe("b\n");
    expect(sh(lab, "docker exec c1 dirname").out).toContain("Usage: dirname FILENAME");
  });
});

describe("printf", () => {
  it("formats as bash's builtin on the host, reusing the format while arguments remain", () => {
    const lab = createLab();
    expect(sh(lab, `printf '%s|%5d|%x|%%\\n' ab 42 255`).out).toBe("ab|   42|ff|%\n");
    expect(sh(lab, `printf '%5s|%-5s|%05d|%c|%o\\n' a b 42 xyz 8`).out).toBe("    a|b    |00042|x|10\n");
    expect(sh(lab, `printf '%s\\n' a b c`).out).toBe("a\nb\nc\n");
    expect(sh(lab, `printf '\\101|%b\\n' 'a\\tb'`).out).toBe("A|a\tb\n");
    expect(sh(lab, `printf '%d\\n' x`)).toMatchObject({
      out: "-bash: printf: x: invalid number\n0\n",
      exit: 1,
    });
    expect(sh(lab, "printf")).toMatchObject({
      out: "-bash: printf: usage: printf [-v var] format [arguments]\n",
      exit: 2,
    });
  });

  it("as busybox's ash in a container", () => {
    const lab = withBusybox();
    expect(sh(lab, `docker exec c1 sh -c "printf '%d\\n' x"`)).toMatchObject({
      out: "sh: invalid number 'x'\n0\n",
      exit: 1,
    });
    expect(sh(lab, `docker exec c1 sh -c printf`)).toMatchObject({
      out: "sh: usage: printf FORMAT [ARGUMENT...]\n",
      exit: 2,
    });
  });
});

describe("mkdir", () => {
  it("on the host: GNU's words, quoting as a UTF-8 locale does; -p makes the way; rm -r takes it back", () => {
    const lab = createLab();
    expect(sh(lab, "mkdir /nope/x")).toMatchObject({
      out: "mkdir: cannot create directory ‘/nope/x’: No such file or directory\n",
      exit: 1,
    });
    expect(sh(lab, "mkdir /tmp")).toMatchObject({
      out: "mkdir: cannot create directory ‘/tmp’: File exists\n",
      exit: 1,
    });
    expect(sh(lab, "mkdir")).toMatchObject({
      out: "mkdir: missing operand\nTry 'mkdir --help' for more information.\n",
      exit: 1,
    });
    expect(sh(lab, "mkdir -p /tmp/a/b").exit).toBe(0);
    expect(sh(lab, "ls /tmp/a").out).toBe("b\n");
    expect(sh(lab, "rm -r /tmp/a").exit).toBe(0);
    expect(sh(lab, "ls /tmp").out).toBe("");
  });

  it("in a container: busybox's words, and the directory is there for its other commands", () => {
    const lab = withBusybox();
    expect(sh(lab, "docker exec c1 mkdir /data").exit).toBe(0);
    expect(sh(lab, "docker exec c1 ls /").out).toContain("data");
    expect(sh(lab, "docker exec c1 mkdir /data")).toMatchObject({
      out: "mkdir: can't create directory '/data': File exists\n",
      exit: 1,
    });
    expect(sh(lab, "docker exec c1 mkdir /x/y")).toMatchObject({
      out: "mkdir: can't create directory '/x/y': No such file or directory\n",
      exit: 1,
    });
    expect(sh(lab, "docker exec c1 mkdir -p /x/y").exit).toBe(0);
    expect(sh(lab, "docker exec c1 touch /x/y/f").exit).toBe(0);
    expect(sh(lab, "docker exec c1 ls /x/y").out).toBe("f\n");
    expect(sh(lab, "docker exec c1 rm -r /x").exit).toBe(0);
    expect(sh(lab, "docker exec c1 ls /x")).toMatchObject({
      out: "ls: /x: No such file or directory\n",
      exit: 1,
    });
    // Another container has its own filesystem.
    sh(lab, "docker run -itd --name c2 busybox");
    expect(sh(lab, "docker exec c2 ls /data").exit).toBe(1);
  });
});
