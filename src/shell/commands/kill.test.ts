import { describe, expect, it } from "vitest";
import { createLab, type Lab, printed, run, runToEnd } from "../lab";

function typed(lab: Lab, line: string): { out: string; exit: number } {
  const e = runToEnd(lab, line);
  return { out: printed(e), exit: e.exit };
}

describe("kill from the host", () => {
  it("ends a process a container runs beside its main one, and names what it does not simulate", () => {
    const lab = createLab({ seed: 5 });
    typed(lab, "docker run -itd --name c1 busybox");
    typed(lab, "docker exec -d c1 sleep 300");
    const host = Number(typed(lab, "pidof sleep").out.trim());
    expect(host).toBeGreaterThan(1000);
    expect(typed(lab, `kill ${host}`)).toEqual({ out: "", exit: 0 });
    expect(typed(lab, "docker exec c1 pidof sleep").exit).toBe(1);
    expect(typed(lab, "docker ps --format '{{.Names}} {{.Status}}'").out).toMatch(/^c1 Up/);
    const dockerd = typed(lab, "pidof dockerd").out.trim();
    expect(typed(lab, `kill ${dockerd}`)).toEqual({
      out: `-bash: kill: (${dockerd}) - signalling /usr/bin/dockerd is not simulated in Docker Network Lab\n`,
      exit: 1,
    });
    expect(typed(lab, `kill -0 ${dockerd}`).exit).toBe(0);
  });

  it("reads signal numbers as bash does, exit statuses above 128 too", () => {
    const lab = createLab({ seed: 5 });
    expect(typed(lab, "kill -l 137").out).toBe("KILL\n");
    expect(typed(lab, "kill -l rtmin+2").out).toBe("36\n");
    expect(typed(lab, "kill -s")).toEqual({ out: "-bash: kill: -s: option requires an argument\n", exit: 2 });
  });

  it("runs a program under linux32 on a 32-bit machine", () => {
    const lab = createLab({ seed: 5 });
    typed(lab, "docker run -itd --name c1 busybox");
    expect(typed(lab, "docker exec c1 linux32 arch").out).toBe("i686\n");
    expect(printed(run(lab, "docker exec c1 arch"))).toBe("x86_64\n");
  });
});
