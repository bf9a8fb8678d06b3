/** cut, tr, uniq, rev, nl, fold, tac, base64, expr, test and the system's facts (30-busybox-applets). */
import { describe, expect, it } from "vitest";
import { createLab } from "../lab";
import { sh } from "./net/test-helpers";

describe("line filters", () => {
  it("cut, tr, uniq, rev, nl, fold, tac, base64 on the host", () => {
    const lab = createLab();
    expect(sh(lab, "echo a:b:c | cut -d: -f1,3").out).toBe("a:c\n");
    expect(sh(lab, "echo a:b:c | cut -d: -f2-").out).toBe("b:c\n");
    expect(sh(lab, "echo abcdef | cut -c2-4").out).toBe("bcd\n");
    expect(sh(lab, "printf 'abc\\na:b\\n' | cut -s -d: -f1").out).toBe("a\n");
    expect(sh(lab, "cut")).toMatchObject({
      out: "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n",
      exit: 1,
    });
    expect(sh(lab, "cut -f0 /etc/hostname").out).toBe(
      "cut: fields are numbered from 1\nTry 'cut --help' for more information.\n",
    );
    expect(sh(lab, "echo Hello | tr a-z A-Z").out).toBe("HELLO\n");
    expect(sh(lab, "echo heello | tr -s e").out).toBe("hello\n");
    expect(sh(lab, "echo hello | tr -d l").out).toBe("heo\n");
    expect(sh(lab, "printf 'a\\na\\nb\\na\\n' | uniq -c").out).toBe("      2 a\n      1 b\n      1 a\n");
    expect(sh(lab, "echo abc | rev").out).toBe("cba\n");
    expect(sh(lab, "printf 'a\\n\\nb\\n' | nl").out).toBe("     1\ta\n       \n     2\tb\n");
    expect(sh(lab, "echo abcdefghij | fold -w 4").out).toBe("abcd\nefgh\nij\n");
    expect(sh(lab, "printf '1\\n2\\n' | tac").out).toBe("2\n1\n");
    expect(sh(lab, "echo hi | base64").out).toBe("aGkK\n");
    expect(sh(lab, "echo aGkK | base64 -d").out).toBe("hi\n");
  });

  it("in busybox: its words", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name c1 busybox");
    expect(sh(lab, "docker exec c1 cut -d: /etc/hostname")).toMatchObject({
      out: "cut: expected a list of bytes, characters, or fields\n",
      exit: 1,
    });
    expect(sh(lab, "docker exec c1 tr").out).toMatch(/\n\nUsage: tr \[-cds\] STRING1 \[STRING2\]\n/);
  });
});

describe("expr", () => {
  it("computes, compares and matches, and exits 1 for a null result", () => {
    const lab = createLab();
    expect(sh(lab, "expr 1 + 2").out).toBe("3\n");
    expect(sh(lab, "expr 5 '*' 3").out).toBe("15\n");
    expect(sh(lab, "expr 7 / 2").out).toBe("3\n");
    expect(sh(lab, "expr 3 '<' 10").out).toBe("1\n");
    expect(sh(lab, "expr length hello").out).toBe("5\n");
    expect(sh(lab, "expr abc : 'a\\(.\\)'").out).toBe("b\n");
    expect(sh(lab, "expr 0")).toMatchObject({ out: "0\n", exit: 1 });
    expect(sh(lab, "expr 1 / 0")).toMatchObject({ out: "expr: division by zero\n", exit: 2 });
    expect(sh(lab, "expr")).toMatchObject({
      out: "expr: missing operand\nTry 'expr --help' for more information.\n",
      exit: 2,
    });
    sh(lab, "docker run -itd --name c1 busybox");
    expect(sh(lab, "docker exec c1 expr")).toMatchObject({ out: "expr: too few arguments\n", exit: 2 });
    expect(sh(lab, "docker exec c1 expr a + 1")).toMatchObject({
      out: "expr: non-numeric argument\n",
      exit: 2,
    });
  });
});

describe("test and [", () => {
  it("tests files, strings and numbers", () => {
    const lab = createLab();
    expect(
      sh(lab, "[ -f /etc/hosts ] && echo file; [ -d /tmp ] && echo dir; [ -e /nosuch ] || echo none").out,
    ).toBe("file\ndir\nnone\n");
    expect(sh(lab, "test 1 -lt 2; echo $?; [ a = b ]; echo $?; [ -z '' ]; echo $?").out).toBe("0\n1\n0\n");
    expect(sh(lab, "[ 1 -lt x ]")).toMatchObject({
      out: "-bash: [: x: integer expression expected\n",
      exit: 2,
    });
    expect(sh(lab, "[ 1 = 1")).toMatchObject({ out: "-bash: [: missing ']'\n", exit: 2 });
  });
});

describe("the system's facts", () => {
  it("id, uname, nproc, hostid, which, xargs and dmesg in a busybox container", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name c1 busybox");
    expect(sh(lab, "docker exec c1 id").out).toBe("uid=0(root) gid=0(root) groups=0(root)\n");
    expect(sh(lab, "docker exec c1 uname").out).toBe("Linux\n");
    expect(sh(lab, "docker exec c1 uname -m").out).toBe("x86_64\n");
    expect(sh(lab, "docker exec c1 nproc").out).toBe("2\n");
    // gethostid(): 172.17.0.2 with its halves swapped.
    expect(sh(lab, "docker exec c1 hostid").out).toBe("11ac0200\n");
    expect(sh(lab, "docker exec c1 which ls").out).toBe("/bin/ls\n");
    expect(sh(lab, "docker exec c1 which nosuch")).toMatchObject({ out: "", exit: 1 });
    expect(sh(lab, "docker exec c1 sh -c 'echo a b c | xargs echo x'").out).toBe("x a b c\n");
    expect(sh(lab, "docker exec c1 dmesg")).toMatchObject({
      out: "dmesg: klogctl: Operation not permitted\n",
      exit: 1,
    });
    expect(sh(lab, "date +%Y").out).toMatch(/^\d{4}\n$/);
  });
});
