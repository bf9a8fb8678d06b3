/**
 * Edge cases of the text and number applets beyond what scenario 38 recorded: the algorithms under
 * diff, patch, factor, bc/dc and the hexdump engine, and the shell's `< FILE`.
 */
import { describe, expect, it } from "vitest";
import { createLab } from "../lab";
import { add, decimal, div, format, mod, mul, parse, pow } from "./decimal";
import { primeFactors } from "./factor";
import { editScript, hunks, unifiedRange } from "./line-diff";
import { sh } from "./net/test-helpers";

function busybox() {
  const lab = createLab();
  sh(lab, "docker run -itd --name c1 busybox");
  return lab;
}

describe("line differences", () => {
  it("finds a shortest edit script, deletions before additions in each change", () => {
    const ops = editScript(["a", "b", "c"], ["a", "x", "c"]);
    expect(ops.map((o) => o.kind)).toEqual(["same", "del", "add", "same"]);
    expect(editScript([], ["a"]).map((o) => o.kind)).toEqual(["add"]);
  });

  it("merges changes closer than twice the context into one hunk", () => {
    const a = Array.from({ length: 20 }, (_, i) => String(i + 1));
    const near = a.map((l, i) => (i === 4 || i === 10 ? `${l}!` : l));
    expect(hunks(editScript(a, near), 3)).toHaveLength(1);
    const far = a.map((l, i) => (i === 1 || i === 17 ? `${l}!` : l));
    expect(hunks(editScript(a, far), 3)).toHaveLength(2);
    expect([unifiedRange(0, 1), unifiedRange(3, 0), unifiedRange(0, 0), unifiedRange(4, 2)]).toEqual([
      "1",
      "3,0",
      "0,0",
      "5,2",
    ]);
  });

  it("busybox diff and patch: two hunks out and back in, a new file created", () => {
    const lab = busybox();
    sh(lab, `docker exec c1 sh -c 'seq 20 > /tmp/x; seq 20 | sed "2s/2/two/; 19s/19/nineteen/" > /tmp/y'`);
    expect(sh(lab, "docker exec c1 sh -c 'diff /tmp/x /tmp/y | grep -c ^@@'").out).toBe("2\n");
    expect(
      sh(lab, "docker exec c1 sh -c 'diff /tmp/x /tmp/y > /tmp/p; patch /tmp/x /tmp/p; cmp /tmp/x /tmp/y'"),
    ).toMatchObject({
      out: "patching file /tmp/x\n",
      exit: 0,
    });
    sh(lab, "docker exec c1 sh -c 'cd /tmp && diff -N -L new -L made new y > q'");
    expect(sh(lab, "docker exec c1 sh -c 'cd /tmp && patch < q; wc -l < made'").out).toBe(
      "creating made\n20\n",
    );
    expect(sh(lab, "docker exec c1 sh -c 'cd /tmp && patch < q'")).toMatchObject({
      out: "creating made\npatch: can't open 'made': File exists\n",
      exit: 1,
    });
  });

  it("busybox diff -s names two identical files, and says nothing of a file against itself", () => {
    const lab = busybox();
    sh(lab, "docker exec c1 sh -c 'echo a > /tmp/x; echo a > /tmp/y'");
    expect(sh(lab, "docker exec c1 diff -s /tmp/x /tmp/y")).toMatchObject({
      out: "Files /tmp/x and /tmp/y are identical\n",
      exit: 0,
    });
    expect(sh(lab, "docker exec c1 diff -s /tmp/x /tmp/x")).toMatchObject({ out: "", exit: 0 });
  });

  it("a file without its last newline differs from one with it, and says so", () => {
    const lab = createLab();
    sh(lab, "printf 'a\\nb' > /tmp/u; printf 'a\\nb\\n' > /tmp/v");
    expect(sh(lab, "diff /tmp/u /tmp/v")).toMatchObject({
      out: "2c2\n< b\n\\ No newline at end of file\n---\n> b\n",
      exit: 1,
    });
  });
});

describe("numbers", () => {
  it("factors 64-bit numbers with large prime factors", () => {
    expect(primeFactors(1000000007n * 998244353n)).toEqual([998244353n, 1000000007n]);
    expect(primeFactors(2n ** 64n)).toEqual(Array(64).fill(2n));
    expect(primeFactors(1n)).toEqual([]);
  });

  it("decimals: truncated to each rule's scale, remainders take the dividend's sign", () => {
    expect(format(div(decimal(2n), decimal(3n), 5))).toBe(".66666");
    expect(format(mod(decimal(-7n), decimal(3n), 0))).toBe("-1");
    expect(format(mul(parse("1.25"), parse("1.5"), 0))).toBe("1.87");
    expect(format(add(parse("0.1"), parse("0.20")))).toBe(".30");
    expect(format(pow(decimal(2n), decimal(-2n), 4))).toBe(".2500");
    expect(format(parse("A", 16))).toBe("10");
    expect(format(decimal(10n ** 70n))).toBe(`1${"0".repeat(67)}\\\n000`);
  });

  it("bc and dc in a container", () => {
    const lab = busybox();
    expect(
      sh(
        lab,
        `docker exec c1 sh -c 'echo "define f(n) { if (n < 2) return (1); return (n * f(n - 1)); }; f(20)" | bc'`,
      ).out,
    ).toBe("2432902008176640000\n");
    expect(sh(lab, `docker exec c1 sh -c 'echo "1; 2/0; 3" | bc'`)).toMatchObject({
      out: "1\nbc: divide by zero\n",
      exit: 1,
    });
    expect(sh(lab, "docker exec c1 dc -e '2 k 1 3 / p 3 * p'").out).toBe(".33\n.99\n");
  });
});

describe("dumps", () => {
  it("hexdump folds repeated blocks into one star and drops the last space of a repeated unit", () => {
    const lab = busybox();
    sh(lab, `docker exec c1 sh -c 'printf "%064d" 0 > /tmp/z'`);
    expect(sh(lab, "docker exec c1 hexdump -x /tmp/z").out).toBe(
      "0000000    3030    3030    3030    3030    3030    3030    3030    3030\n*\n0000040\n",
    );
    expect(sh(lab, "docker exec c1 od -A x -t x1 -N 3 /tmp/z").out).toBe("000000 30 30 30\n000003\n");
  });
});

describe("shuf and cal", () => {
  it("shuf draws from the world's seeded generator: the same lab, the same order", () => {
    const order = () => sh(createLab({ seed: 3 }), "shuf -i 1-9").out;
    expect(order()).toBe(order());
    expect(order().split("\n").filter(Boolean).sort()).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  });

  it("cal: the Julian calendar's leap year before 1752, weeks from Monday", () => {
    const lab = busybox();
    expect(sh(lab, "docker exec c1 cal 2 1700").out).toContain("29");
    expect(sh(lab, "docker exec c1 cal 2 1900").out).not.toContain("29");
    expect(sh(lab, "docker exec c1 cal -m 11 2026").out.split("\n").slice(1, 3)).toEqual([
      "Mo Tu We Th Fr Sa Su",
      "                   1",
    ]);
  });
});

describe("the shell's < FILE", () => {
  it("gives the command the file as its stdin, or says the file is not there", () => {
    const lab = createLab();
    sh(lab, "printf '1\\n2\\n3\\n' > /tmp/n");
    expect(sh(lab, "wc -l < /tmp/n").out).toBe("3\n");
    expect(sh(lab, "tail -n +2 < /tmp/n").out).toBe("2\n3\n");
    expect(sh(lab, "cat < /nosuch")).toMatchObject({
      out: "-bash: /nosuch: No such file or directory\n",
      exit: 1,
    });
  });
});

describe("programs that never end", () => {
  it("bc and dc stop a loop or a recursion that does not end, in the words awk uses", () => {
    const lab = busybox();
    const message = "a program that runs this long is not simulated in Docker Network Lab\n";
    expect(sh(lab, `docker exec c1 sh -c 'echo "for (;;) {}" | bc'`)).toMatchObject({
      out: `bc: ${message}`,
      exit: 1,
    });
    expect(sh(lab, `docker exec c1 sh -c 'echo "define f(x) { return (f(x)); }; f(1)" | bc'`).out).toBe(
      `bc: ${message}`,
    );
    expect(sh(lab, "docker exec c1 dc -e '[d x] d x'")).toMatchObject({ out: `dc: ${message}`, exit: 1 });
    expect(sh(lab, `docker exec c1 sh -c 'echo "2^99999" | bc | wc -c'`).out).toBe("30988\n");
  });
});
