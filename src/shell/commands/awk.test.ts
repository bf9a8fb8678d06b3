/** awk: fields, patterns, actions and functions; mawk's words on the host, busybox's in a container (30-busybox-applets). */
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
    expect(sh(lab, "echo x | awk '{ getline }'")).toMatchObject({
      out: "awk: getline is not simulated in Docker Network Lab\n",
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
});
