import { describe, expect, it } from "vitest";
import { play, replay } from "../../testing/transcript";
import { createLab, printed, run, runToEnd } from "../lab";
import { interruptLive } from "../run";

describe("shell builtins", () => {
  it("sleep waits the total of its arguments, and says what GNU says about bad ones", () => {
    const lab = createLab();
    const start = lab.world.clock;
    expect(runToEnd(lab, "sleep 1m 30").exit).toBe(0);
    expect(lab.world.clock - start).toBeGreaterThanOrEqual(90_000);
    const { expected, actual } = replay(
      lab,
      `$ sleep
sleep: missing operand
Try 'sleep --help' for more information.
[exit 1]

$ sleep abc
sleep: invalid time interval ‘abc’
Try 'sleep --help' for more information.
[exit 1]
`,
    );
    expect(actual).toBe(expected);
  });

  it("sleep in busybox prints its usage or 'invalid number'", () => {
    const lab = createLab();
    run(lab, "docker run -itd --name b1 busybox");
    expect(printed(run(lab, "docker exec b1 sleep x"))).toBe("sleep: invalid number 'x'\n");
    expect(printed(run(lab, "docker exec b1 sleep"))).toMatch(
      /^BusyBox v1\.35\.0 .*\n\nUsage: sleep \[N\]\.\.\.\n/,
    );
  });

  it("Ctrl+C stops a sleep at once", () => {
    const lab = createLab();
    const started = run(lab, "sleep 3600");
    const session = lab.sessions[0];
    if (!started.live || !session) throw new Error("sleep should be running");
    const stopped = interruptLive(lab.world, session, started.live);
    expect(stopped.exit).toBe(130);
    expect(stopped.live).toBeUndefined();
  });

  it("export, $VAR, env, cd and exit behave as in bash", () => {
    const lab = createLab();
    const { expected, actual } = play(
      lab,
      `$ export pid=18149
[exit 0]

$ echo $pid "\${pid}" '$pid'
18149 18149 $pid
[exit 0]

$ env | grep pid
pid=18149
[exit 0]

$ cd /nosuch
-bash: cd: /nosuch: No such file or directory
[exit 1]

$ false || echo $?
1
[exit 0]
`,
    );
    expect(actual).toBe(expected);
  });

  it("package managers: on the host the seeds' tools are installed already; in a container nothing installs", () => {
    const lab = createLab();
    const host = run(lab, "apt-get install -y bridge-utils");
    expect(printed(host)).toContain("bridge-utils is already the newest version");
    expect(host.exit).toBe(0);
    run(lab, "docker run -itd --name u1 ubuntu");
    const inside = run(lab, "docker exec u1 apt-get install -y iputils-ping");
    expect(printed(inside)).toBe(
      "apt-get: installing packages is not simulated in Docker Network Lab; this container has the tools its image ships with\n",
    );
    expect(inside.exit).toBe(100);
    expect(printed(run(lab, "docker exec u1 ping -c 1 172.17.0.1"))).toContain("executable file not found");
  });
});
