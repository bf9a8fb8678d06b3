/** awk and sed against what they must leave alone: programs that copy their input (properties). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLab } from "../lab";
import { sh } from "./net/test-helpers";

/** Lines of printable text without the shell's quote and escape characters. */
const lines = fc.array(fc.stringMatching(/^[a-z0-9 :.,=+-]{0,12}$/), { minLength: 1, maxLength: 8 });

describe("awk and sed copying their input", () => {
  const lab = createLab();
  sh(lab, "docker run -itd --name c1 busybox");

  it("sed -n p, sed '', awk '{ print }' and awk 1 are cat, on the host and in busybox (property)", () => {
    fc.assert(
      fc.property(lines, fc.boolean(), (input, busybox) => {
        const text = `${input.join("\n")}\n`;
        const where = busybox ? "docker exec c1 " : "";
        sh(lab, `${where}sh -c 'printf "${text.replace(/\n/g, "\\n")}" > /tmp/in'`);
        for (const program of ["sed -n p", "sed ''", "awk '{ print }'", "awk 1", "sed -n 'h;x;p'"])
          expect(sh(lab, `${where}${program} /tmp/in`).out).toBe(text);
        expect(sh(lab, `${where}sed -n '$=' /tmp/in`).out).toBe(`${input.length}\n`);
        expect(sh(lab, `${where}awk 'END { print NR }' /tmp/in`).out).toBe(`${input.length}\n`);
        // N;P;D walks a two-line window over the text and prints each line once.
        expect(sh(lab, `${where}sed '$!N;P;D' /tmp/in`).out).toBe(text);
      }),
      { numRuns: 25 },
    );
  });
});
