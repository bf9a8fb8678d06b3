/** time and timeout: bash's report on the host, busybox's in a container (30-busybox-applets' exploration), over live commands too. */
import { describe, expect, it } from "vitest";
import { createLab, printed, run } from "../lab";
import { interruptLive } from "../run";
import { sh } from "./net/test-helpers";

describe("time", () => {
  it("reports the lab's time a command took, as bash and busybox print it", () => {
    const lab = createLab();
    expect(sh(lab, "time true").out).toBe("\nreal\t0m0.000s\nuser\t0m0.000s\nsys\t0m0.000s\n");
    expect(sh(lab, "time sleep 2").out).toBe("\nreal\t0m2.000s\nuser\t0m0.000s\nsys\t0m0.000s\n");
    sh(lab, "docker run -itd --name c1 busybox");
    expect(sh(lab, "docker exec c1 sh -c 'time sleep 0'").out).toBe(
      "real\t0m 0.00s\nuser\t0m 0.00s\nsys\t0m 0.00s\n",
    );
  });

  it("reports when Ctrl+C stops what it times", () => {
    const lab = createLab();
    const session = lab.sessions[0];
    const started = run(lab, "time sleep 100");
    if (!session || !started.live) throw new Error("time sleep should keep running");
    const stopped = interruptLive(lab.world, session, started.live);
    expect(printed(stopped)).toMatch(/^\^C\n\nreal\t0m0\.\d{3}s\nuser\t0m0\.000s\nsys\t0m0\.000s\n$/);
    expect(stopped.exit).toBe(130);
  });
});

describe("timeout", () => {
  it("stops a command that outlives its time: 124 from GNU's, 143 from busybox's (30-busybox-applets)", () => {
    const lab = createLab();
    expect(sh(lab, "timeout 1 sleep 5")).toMatchObject({ out: "", exit: 124 });
    expect(sh(lab, "time timeout 1 sleep 3").out).toBe("\nreal\t0m1.000s\nuser\t0m0.000s\nsys\t0m0.000s\n");
    expect(sh(lab, "timeout 5 echo ok")).toMatchObject({ out: "ok\n", exit: 0 });
    expect(sh(lab, "timeout")).toMatchObject({
      out: "Try 'timeout --help' for more information.\n",
      exit: 125,
    });
    expect(sh(lab, "timeout x sleep 1").exit).toBe(125);
    sh(lab, "docker run -itd --name c1 busybox");
    expect(sh(lab, "docker exec c1 timeout 1 sleep 5")).toMatchObject({ out: "", exit: 143 });
    expect(sh(lab, "docker exec c1 timeout").out).toMatch(/\n\nUsage: timeout \[-s SIG\]/);
  });
});
