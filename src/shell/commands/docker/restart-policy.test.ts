import { describe, expect, it } from "vitest";
import { createLab, printed, runToEnd } from "../../lab";

async function lab(...lines: string[]) {
  const l = createLab();
  for (const line of lines) await runToEnd(l, line);
  return { say: async (line: string) => printed(await runToEnd(l, line)), l };
}

describe("restart policies (moby's restart manager)", () => {
  it("restarts an on-failure container after 100 ms, then 200 ms, up to its count, and logs each run", async () => {
    const { say } = await lab(
      "docker create --restart=on-failure:2 --name wr busybox sh -c 'echo hi; exit 11'",
      "docker start -a wr",
    );
    expect(
      await say("docker inspect -f '{{.RestartCount}} {{.State.Status}} {{.State.Restarting}}' wr"),
    ).toBe("1 restarting true\n");
    expect(await say("docker ps --format '{{.Status}}'")).toBe("Restarting (11) Less than a second ago\n");
    await say("sleep 1");
    expect(await say("docker inspect -f '{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}}' wr")).toBe(
      "2 exited 11\n",
    );
    expect(await say("docker logs wr")).toBe("hi\nhi\nhi\n");
  });

  it("does not restart on-failure after a clean exit, nor anything stopped by hand", async () => {
    const { say } = await lab(
      "docker run --name ok --restart on-failure busybox true",
      "docker run -d --name srv --restart always busybox sleep 1000",
      "docker stop -t 1 srv",
      "sleep 2",
    );
    expect(await say("docker ps -a --format '{{.Names}} {{.Status}} {{.State}}'")).toMatch(
      /^srv Exited \(137\) \d+ seconds? ago exited\nok Exited \(0\) \d+ seconds? ago exited\n$/,
    );
  });

  it("keeps restarting `always` with a doubling backoff; exec and rm refuse, stop cancels", async () => {
    const { say } = await lab("docker run -d --name al --restart always busybox sh -c 'exit 3'", "sleep 5");
    // Waits of 100, 200, 400, 800 and 1600 ms, each start taking 200 ms, fit in 5 s; the sixth
    // restart (counted when it is decided) is still waiting its 3.2 s.
    expect(await say("docker inspect -f '{{.RestartCount}} {{.State.Status}}' al")).toBe("6 restarting\n");
    const id = (await say("docker inspect -f '{{.Id}}' al")).trim();
    expect(await say("docker exec al true")).toBe(
      `Error response from daemon: Container ${id} is restarting, wait until the container is running\n`,
    );
    expect(await say("docker rm al")).toBe(
      'Error response from daemon: cannot remove container "/al": container is restarting: stop the container before removing or force remove\n',
    );
    expect(await say("docker top al")).toBe(
      `Error response from daemon: Container ${id} is restarting, wait until the container is running\n`,
    );
    expect(await say("docker stop al")).toBe("al\n");
    expect(
      await say("docker inspect -f '{{.State.Status}} {{.State.Restarting}} {{.State.ExitCode}}' al"),
    ).toBe("exited false 3\n");
  });

  it("honours --stop-signal and --stop-timeout, and refuses a signal that is none", async () => {
    const { say, l } = await lab(
      "docker run -d --name k1 --stop-signal SIGKILL busybox top",
      "docker run -d --name t1 --stop-timeout 1 busybox sleep 100",
    );
    const before = l.world.clock;
    await say("docker stop t1");
    expect(l.world.clock - before).toBeGreaterThanOrEqual(1000);
    expect(l.world.clock - before).toBeLessThan(2000);
    await say("docker stop k1");
    expect(await say("docker ps -a --format '{{.Names}} {{.Status}}'")).toMatch(
      /^t1 Exited \(137\).*\nk1 Exited \(137\)/,
    );
    expect(await say("docker create --stop-signal bogus busybox")).toBe(
      "Error response from daemon: invalid signal: bogus\n",
    );
  });
});
