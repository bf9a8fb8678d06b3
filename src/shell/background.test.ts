/**
 * `cmd &` and job control at an interactive prompt. The expected texts are what bash 5.2 and
 * busybox 1.35.0's ash (Debian's build, the image's) printed for the same lines typed at a terminal
 * (run under `script`; a recorder without a terminal cannot show them).
 */
import { describe, expect, it } from "vitest";
import { createLab, type Lab, printed, run, runToEnd } from "./lab";

function typed(lab: Lab, line: string): { out: string; exit: number } {
  const e = run(lab, line);
  return { out: printed(e), exit: e.exit };
}

/** Lets `ms` of virtual time pass at the prompt, as a student who waits before typing. */
function idle(lab: Lab, ms: number): void {
  lab.world.clock += ms;
}

describe("background jobs in the host's bash", () => {
  it("prints [N] PID, lists jobs, reports Done and Terminated before a later prompt", () => {
    const lab = createLab({ seed: 3 });
    const first = typed(lab, "sleep 1 &");
    expect(first.out).toMatch(/^\[1\] \d+\n$/);
    idle(lab, 2000);
    expect(typed(lab, "").out).toBe("[1]+  Done                    sleep 1\n");
    typed(lab, "sleep 1 &");
    typed(lab, "sleep 30 &");
    expect(typed(lab, "jobs").out).toBe(
      "[1]-  Running                 sleep 1 &\n[2]+  Running                 sleep 30 &\n",
    );
    idle(lab, 2000);
    expect(typed(lab, "echo x").out).toBe("x\n[1]-  Done                    sleep 1\n");
    // The shell hears of the job that kill ended only at the prompt after.
    expect(typed(lab, "kill %2")).toEqual({ out: "", exit: 0 });
    expect(typed(lab, "").out).toBe("[2]+  Terminated              sleep 30\n");
    expect(typed(lab, "jobs").out).toBe("");
    expect(typed(lab, "kill %2")).toEqual({ out: "-bash: kill: %2: no such job\n", exit: 1 });
    expect(typed(lab, "fg")).toEqual({ out: "-bash: fg: current: no such job\n", exit: 1 });
    expect(typed(lab, "wait %1; echo $?").out).toBe("-bash: wait: %1: no such job\n127\n");
  });

  it("reports a job that ended at once only after the next prompt, as bash hears of it", () => {
    const lab = createLab({ seed: 3 });
    expect(typed(lab, "echo hi &").out).toMatch(/^\[1\] \d+\nhi\n$/);
    expect(typed(lab, "").out).toBe("[1]+  Done                    echo hi\n");
  });

  it("runs a job in a subshell: its cd and exit change nothing at the prompt", () => {
    const lab = createLab({ seed: 3 });
    typed(lab, "cd /tmp &");
    expect(typed(lab, "exit &").out).toMatch(/^\[2\] \d+\n\[1\]- {2}Done {20}cd \/tmp\n$/);
    expect(typed(lab, "pwd").out).toBe("/root\n[2]+  Done                    exit\n");
    expect(lab.sessions[0]?.frames).toHaveLength(1);
  });

  it("waits for its jobs as a live process, and fg brings one to the foreground", () => {
    const lab = createLab({ seed: 3 });
    const waited = runToEnd(lab, "sleep 2 & wait; echo w$?");
    expect(printed(waited)).toMatch(/^\[1\] \d+\nw0\n\[1\]\+ {2}Done {20}sleep 2\n$/);
    expect(waited.end - waited.start).toBeGreaterThanOrEqual(2000);
    typed(lab, "sleep 30 &");
    const fg = run(lab, "fg");
    expect(printed(fg)).toBe("sleep 30\n");
    expect(fg.live).toBeDefined();
    expect(typed(lab, "jobs").out).toBe("");
  });

  it("runs a capture in the background while a ping runs in front, and kill %1 ends it with its counts", () => {
    const lab = createLab({ seed: 3 });
    runToEnd(lab, "docker run -d --name w1 busybox sleep 100");
    expect(typed(lab, "tcpdump -i docker0 -n &").out).toMatch(
      /^\[1\] \d+\ntcpdump: verbose output suppressed/,
    );
    const ping = printed(runToEnd(lab, "ping -c 1 172.17.0.2"));
    expect(ping).toMatch(/ICMP echo request/);
    expect(ping).toMatch(/1 packets transmitted, 1 received/);
    const killed = typed(lab, "kill %1").out;
    expect(killed).toMatch(
      /^\n4 packets captured\n4 packets received by filter\n0 packets dropped by kernel\n$/,
    );
    expect(typed(lab, "").out).toBe("[1]+  Done                    tcpdump -i docker0 -n\n");
  });

  it("gives ps the shell as the parent of ps and of the jobs, with one PID for the shell", () => {
    const lab = createLab({ seed: 3 });
    const job = /^\[1\] (\d+)$/m.exec(typed(lab, "sleep 30 &").out)?.[1];
    const ef = typed(lab, "ps -ef").out.split("\n");
    const bash = ef.find((l) => l.endsWith(" -bash"))?.split(/\s+/)[1];
    expect(bash).toBeDefined();
    expect(ef.find((l) => l.endsWith(" ps -ef"))?.split(/\s+/)[2]).toBe(bash);
    expect(
      ef
        .find((l) => l.endsWith(" sleep 30"))
        ?.split(/\s+/)
        .slice(1, 3),
    ).toEqual([job, bash]);
    expect(typed(lab, "ps").out).toContain(`${bash?.padStart(7)} pts/0    00:00:00 bash\n`);
    expect(typed(lab, "ps").out).toContain(`${job?.padStart(7)} pts/0    00:00:00 sleep\n`);
  });
});

describe("background jobs in a container's ash", () => {
  it("prints nothing on &, lists the newest job first and reports as ash does", () => {
    const lab = createLab({ seed: 3 });
    runToEnd(lab, "docker run -itd --name c1 busybox");
    typed(lab, "docker exec -it c1 sh");
    expect(typed(lab, "sleep 1 &").out).toBe("");
    typed(lab, "sleep 30 &");
    expect(typed(lab, "jobs").out).toBe(
      "[2]+  Running                    sleep 30\n[1]-  Running                    sleep 1\n",
    );
    expect(typed(lab, "jobs -l").out).toBe(
      "[2]+  3 Running                  sleep 30\n[1]-  2 Running                  sleep 1\n",
    );
    expect(typed(lab, "pidof sleep").out).toBe("3 2\n");
    idle(lab, 2000);
    expect(typed(lab, "echo x").out).toBe("x\n[1]-  Done                       sleep 1\n");
    typed(lab, "kill %2");
    expect(typed(lab, "").out).toBe("[2]+  Terminated                 sleep 30\n");
    expect(typed(lab, "kill %5")).toEqual({ out: "sh: kill: %5: no such job\n", exit: 2 });
    expect(typed(lab, "fg")).toEqual({ out: "sh: fg: No current job\n", exit: 2 });
    expect(typed(lab, "wait %1; echo $?").out).toBe("sh: wait: %1: no such job\n2\n");
  });

  it("lets killall end a job, which the shell then reports as terminated", () => {
    const lab = createLab({ seed: 3 });
    runToEnd(lab, "docker run -itd --name c1 busybox");
    typed(lab, "docker exec -it c1 sh");
    typed(lab, "sleep 30 &");
    expect(typed(lab, "killall sleep")).toEqual({ out: "", exit: 0 });
    expect(typed(lab, "").out).toBe("[1]+  Terminated                 sleep 30\n");
    expect(typed(lab, "killall sleep")).toEqual({ out: "killall: sleep: no process killed\n", exit: 1 });
  });
});

describe("the parser", () => {
  it("refuses & where no command ends", () => {
    const lab = createLab({ seed: 3 });
    expect(typed(lab, "& echo x")).toEqual({
      out: "-bash: syntax error near unexpected token `&'\n",
      exit: 2,
    });
    expect(typed(lab, "sleep 1 &;")).toEqual({
      out: "-bash: syntax error near unexpected token `;'\n",
      exit: 2,
    });
  });
});
