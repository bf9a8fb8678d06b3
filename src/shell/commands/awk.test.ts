/** awk: fields, patterns, actions and functions; mawk's words on the host, busybox's in a container (30-busybox-applets, 39-awk-sed). */
import { describe, expect, it } from "vitest";
import { createLab } from "../lab";
import { sh } from "./net/test-helpers";

describe("awk", () => {
  it("picks fields, sums, counts and formats", () => {
    const lab = createLab();
    expect(sh(lab, `echo "a b c" | awk '{print $2}'`).out).toBe("b\n");
    expect(sh(lab, `echo "a:b:c" | awk -F: '{print $3, $1}'`).out).toBe("c a\n");
    expect(sh(lab, `awk 'BEGIN { print 1+2, 7/2, 2^10, 0.1+0.2 }'`).out).toBe("3 3.5 1024 0.3\n");
    expect(sh(lab, `printf '1\\n2\\n3\\n' | awk 'END { print NR }'`).out).toBe("3\n");
    expect(sh(lab, `printf '1\\n2\\n3\\n' | awk '$1 > 1'`).out).toBe("2\n3\n");
    expect(sh(lab, `printf 'one\\ntwo\\n' | awk '/tw/'`).out).toBe("two\n");
    expect(sh(lab, `printf '1 x\\n2 y\\n' | awk '{ s += $1 } END { print s }'`).out).toBe("3\n");
    expect(sh(lab, `echo "a 5" | awk '{ printf "%s-%d %5.2f|%-3s|\\n", $1, $2, $2, $1 }'`).out).toBe(
      "a-5  5.00|a  |\n",
    );
    expect(sh(lab, `echo "a b" | awk '{ print $NF; $2 = "z"; print; print NF }'`).out).toBe("b\na z\n2\n");
    expect(
      sh(lab, `printf 'x 1\\ny 2\\nx 3\\n' | awk '{ n[$1] += $2 } END { print n["x"], n["y"] }'`).out,
    ).toBe("4 2\n");
    expect(
      sh(
        lab,
        `echo "Hello World" | awk '{ print length($1), toupper($2), substr($1, 2, 3), index($0, "o") }'`,
      ).out,
    ).toBe("5 WORLD ell 5\n");
    expect(sh(lab, `echo "a b c" | awk '{ for (i = NF; i > 0; i--) printf "%s ", $i; print "" }'`).out).toBe(
      "c b a \n",
    );
    expect(sh(lab, `ip addr show eth0 | awk '/inet / { print $2 }'`).out).toBe("192.168.0.102/24\n");
    expect(sh(lab, `echo "a.b.c" | awk '{ n = gsub(/\\./, "-"); sub(/a/, "[&]"); print n, $0 }'`).out).toBe(
      "2 [a]-b-c\n",
    );
    expect(sh(lab, `echo "x y" | awk '{ sub(/y/, "z", $2); print $2, NF }'`).out).toBe("z 2\n");
  });

  it("says what is wrong in mawk's words on the host and busybox's in a container", () => {
    const lab = createLab();
    expect(sh(lab, "awk '{print}' /nosuch")).toMatchObject({
      out: "awk: cannot open /nosuch (No such file or directory)\n",
      exit: 2,
    });
    expect(sh(lab, "awk").out).toMatch(/^Usage: mawk \[Options\]/);
    expect(sh(lab, "awk 'BEGIN { x[1] = 1; x = 2 }'")).toMatchObject({
      out: "awk: line 1: illegal reference to array x\n",
      exit: 2,
    });
    sh(lab, "docker run -itd --name c1 busybox");
    expect(sh(lab, `docker exec c1 sh -c 'echo x | awk "{ print ("'`)).toMatchObject({
      out: "awk: cmd. line:1: Unexpected token\n",
      exit: 1,
    });
    expect(sh(lab, "docker exec c1 awk '{print}' /nosuch")).toMatchObject({
      out: "awk: /nosuch: No such file or directory\n",
      exit: 1,
    });
  });

  it("reads with getline, calls functions, and writes to files and commands", () => {
    const lab = createLab();
    expect(sh(lab, `printf '1\\n2\\n3\\n' | awk 'NR == 1 { getline; print "got", $0, NR }'`).out).toBe(
      "got 2 2\n",
    );
    expect(
      sh(lab, `awk 'BEGIN { "echo a; echo b" | getline x; "echo a; echo b" | getline y; print x y }'`).out,
    ).toBe("ab\n");
    expect(sh(lab, `awk 'function f(n) { return n < 2 ? 1 : n * f(n - 1) } BEGIN { print f(6) }'`).out).toBe(
      "720\n",
    );
    // Extra parameters are locals: the caller's i is untouched, an array argument is shared.
    expect(
      sh(lab, `awk 'function g(a, i) { i = 9; a["k"] = i } BEGIN { i = 1; g(m); print i, m["k"] }'`).out,
    ).toBe("1 9\n");
    sh(
      lab,
      `awk 'BEGIN { print "x" > "/tmp/o"; print "y" > "/tmp/o"; close("/tmp/o"); print "z" >> "/tmp/o" }'`,
    );
    expect(sh(lab, "cat /tmp/o").out).toBe("x\ny\nz\n");
    expect(
      sh(lab, `printf '3\\n1\\n2\\n' | awk '{ print | "sort" } END { close("sort"); print "end" }'`).out,
    ).toBe("1\n2\n3\nend\n");
    // system() runs in a shell of its own: its exit ends only that shell.
    expect(sh(lab, `awk 'BEGIN { print system("exit 3") }'`).out).toBe("3\n");
    expect(sh(lab, `awk 'BEGIN { print match("foobar", /o+/), RSTART, RLENGTH }'`).out).toBe("2 2 2\n");
    // Paragraph mode: blank lines end records, and newlines part fields.
    expect(sh(lab, `printf 'a b\\nc\\n\\n\\nd\\n' | awk 'BEGIN { RS = "" } { print NR, NF, $3 }'`).out).toBe(
      "1 3 c\n2 1 \n",
    );
    expect(sh(lab, `awk 'BEGIN { print ARGC, ARGV[0], ARGV[2] }' x y`).out).toBe("3 awk y\n");
  });
});
