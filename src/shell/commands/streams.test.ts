/** seq and yes: their numbers and words, and a long run that never freezes the tab (30-busybox-applets). */
import { describe, expect, it } from "vitest";
import { createLab, printed, run } from "../lab";
import { interruptLive, resumeLive } from "../run";
import { sh } from "./net/test-helpers";

describe("seq", () => {
  it("counts with GNU's options and words on the host", () => {
    const lab = createLab();
    expect(sh(lab, "seq 3").out).toBe("1\n2\n3\n");
    expect(sh(lab, "seq -s , 3").out).toBe("1,2,3\n");
    expect(sh(lab, "seq -w 8 10").out).toBe("08\n09\n10\n");
    expect(sh(lab, "seq 1 3 10").out).toBe("1\n4\n7\n10\n");
    expect(sh(lab, "seq 0.1 0.1 0.5").out).toBe("0.1\n0.2\n0.3\n0.4\n0.5\n");
    expect(sh(lab, "seq -3 -1").out).toBe("-3\n-2\n-1\n");
    expect(sh(lab, "seq 5 1")).toMatchObject({ out: "", exit: 0 });
    expect(sh(lab, "seq -f %03g 2").out).toBe("001\n002\n");
    expect(sh(lab, "seq abc")).toMatchObject({
      out: "seq: invalid floating point argument: ‘abc’\nTry 'seq --help' for more information.\n",
      exit: 1,
    });
    expect(sh(lab, "seq 1 0 3").out).toBe(
      "seq: invalid Zero increment value: ‘0’\nTry 'seq --help' for more information.\n",
    );
    expect(sh(lab, "seq 100000 | tail -n 1").out).toBe("100000\n");
    // Into a pipe a million numbers come at once; more come a million a (virtual) second.
    expect(run(lab, "seq 1000000 | wc -l").live).toBeUndefined();
    expect(sh(lab, "seq 2000001 | tail -n 1").out).toBe("2000001\n");
    // Past 16 MiB into a pipe it stops, as if its reader had gone, and the lab says so.
    expect(sh(lab, "seq 100000000 | tail -n 1").out).toBe(
      "[Docker Network Lab: seq's output into a pipe or a file passed 16 MiB; it stopped there]\n3000000\n",
    );
  });

  it("goes on as time passes when there are many, and stops on Ctrl+C", () => {
    const lab = createLab();
    const session = lab.sessions[0];
    const started = run(lab, "seq 1000000000");
    if (!session || !started.live) throw new Error("a long seq should keep running");
    expect(printed(started).startsWith("1\n2\n3\n")).toBe(true);
    const next = printed(resumeLive(lab.world, session, started.live, lab.world.clock + 1000));
    expect(next.startsWith("\n20001\n")).toBe(true);
    expect(interruptLive(lab.world, session, started.live).exit).toBe(130);
  });

  it("in busybox: its usage for what it cannot read, and an endless run of a zero step", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name c1 busybox");
    expect(sh(lab, "docker exec c1 seq abc")).toMatchObject({ exit: 1 });
    expect(sh(lab, "docker exec c1 seq abc").out).toMatch(/^BusyBox v1\.35\.0 .*\n\nUsage: seq \[-w\]/);
    const started = run(lab, "docker exec -it c1 seq 1 0 3");
    expect(started.live).toBeDefined();
    expect(printed(started).startsWith("1\n1\n1\n")).toBe(true);
  });
});

describe("yes", () => {
  it("into a pipe stops once its reader has what it wants", () => {
    const lab = createLab();
    expect(sh(lab, "yes | head -n 3").out).toBe("y\ny\ny\n");
    expect(sh(lab, "yes ab c | head -n 2").out).toBe("ab c\nab c\n");
  });

  it("at the terminal runs until Ctrl+C", () => {
    const lab = createLab();
    const session = lab.sessions[0];
    const started = run(lab, "yes");
    if (!session || !started.live) throw new Error("yes should keep running");
    expect(printed(started).startsWith("y\ny\n")).toBe(true);
    expect(interruptLive(lab.world, session, started.live).exit).toBe(130);
  });
});
