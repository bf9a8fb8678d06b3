import { describe, expect, it } from "vitest";
import { play } from "../../../testing/transcript";
import { createLab, type Lab, printed, run, runToEnd } from "../../lab";

/** Runs a transcript and expects the lab to print it (IDs, names, times and durations normalised). */
function transcript(lab: Lab, text: string): void {
  const { expected, actual } = play(lab, text);
  expect(actual).toBe(expected);
}

describe("docker container lifecycle", () => {
  it("creates, starts, stops with the 10 s SIGKILL wait, restarts and renames", () => {
    const lab = createLab();
    transcript(
      lab,
      `$ docker create --name c1 busybox sleep 60
<ID>
[exit 0]

$ docker ps -a --format '{{.Names}} {{.State}} {{.Status}}'
c1 created Created
[exit 0]

$ docker start c1 nosuch
c1
Error response from daemon: No such container: nosuch
Error: failed to start containers: nosuch
[exit 1]

$ docker stop -t 2 c1
c1
[exit 0]

$ docker ps -a --format '{{.Names}} {{.Status}}'
c1 Exited (137) <AGO> ago
[exit 0]

$ docker stop c1
c1
[exit 0]

$ docker rename c1 c1
Error response from daemon: Renaming a container with the same name as its current name
Error: failed to rename container named c1
[exit 1]

$ docker rename c1 x
Error response from daemon: Error when allocating new name: Invalid container name (/x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed
Error: failed to rename container named c1
[exit 1]

$ docker rename c1 c2
[exit 0]

$ docker rename c1 c3
Error response from daemon: No such container: c1
Error: failed to rename container named c1
[exit 1]
`,
    );
    const before = lab.world.clock;
    run(lab, "docker restart c2");
    expect(lab.world.clock - before).toBeLessThan(1000);
    const stopAt = lab.world.clock;
    expect(printed(run(lab, "docker restart c2"))).toBe("c2\n");
    expect(lab.world.clock - stopAt).toBeGreaterThanOrEqual(10000);
  });

  it("refuses to remove a running container, removes with -f, and reports each name", () => {
    const lab = createLab();
    run(lab, "docker run -d --name c1 busybox sleep 60");
    run(lab, "docker create --name c2 busybox");
    transcript(
      lab,
      `$ docker rm c1 c2
c2
Error response from daemon: cannot remove container "/c1": container is running: stop the container before removing or force remove
[exit 1]

$ docker rm -f nosuch c1
Error response from daemon: No such container: nosuch
c1
[exit 0]

$ docker rm c1
Error response from daemon: No such container: c1
[exit 1]

$ docker rm ''
container name cannot be empty
[exit 1]

$ docker ps -a -q
[exit 0]
`,
    );
  });

  it("kills with signals as PID 1 handles them", () => {
    const lab = createLab();
    run(lab, "docker run -d --name s1 busybox sleep 600");
    transcript(
      lab,
      `$ docker kill -s TERM s1
s1
[exit 0]

$ docker ps --format '{{.Names}} {{.State}}'
s1 running
[exit 0]

$ docker kill -s BOGUS s1
Error response from daemon: cannot kill container: s1: invalid signal: BOGUS
[exit 1]

$ docker kill s1
s1
[exit 0]

$ docker kill s1
Error response from daemon: cannot kill container: s1: container <ID> is not running
[exit 1]

$ docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' s1
exited 137
[exit 0]
`,
    );
  });

  it("pauses and unpauses, and exec refuses a paused container", () => {
    const lab = createLab();
    run(lab, "docker run -itd --name p1 busybox");
    transcript(
      lab,
      `$ docker pause p1
p1
[exit 0]

$ docker pause p1
Error response from daemon: Container <ID> is already paused
[exit 1]

$ docker ps --format '{{.Status}}'
Up <AGE> (Paused)
[exit 0]

$ docker exec p1 hostname
Error response from daemon: Container p1 is paused, unpause the container before exec
[exit 1]

$ docker attach p1
You cannot attach to a paused container, unpause it first
[exit 1]

$ docker unpause p1
p1
[exit 0]

$ docker unpause p1
Error response from daemon: Container <ID> is not paused
[exit 1]
`,
    );
  });

  it("runs one-shot commands in the foreground with their exit status, and keeps their logs", () => {
    const lab = createLab();
    transcript(
      lab,
      `$ docker run --name lg busybox sh -c 'echo a; echo b; echo c'
a
b
c
[exit 0]

$ docker run --name f2 busybox sh -c 'exit 3'
[exit 3]

$ docker logs --tail 2 lg
b
c
[exit 0]

$ docker logs -n 0 lg
[exit 0]

$ docker wait lg f2
0
3
[exit 0]

$ docker run busybox nosuchcmd
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown

Run 'docker run --help' for more information
[exit 127]

$ docker ps -a -l --format '{{.Status}} {{.Command}}'
Created "nosuchcmd"
[exit 0]

$ docker run --rm busybox echo hi
hi
[exit 0]

$ docker ps -a --format '{{.Names}}' --filter exited=3
f2
[exit 0]
`,
    );
  });

  it("keeps a `sh -c` script running as its last long-running command", () => {
    const lab = createLab();
    transcript(
      lab,
      `$ docker run -d --name l1 busybox sh -c 'echo hello from l1; echo oops >&2; sleep 3600'
<ID>
[exit 0]

$ docker ps --format '{{.Names}} {{.Command}}'
l1 "sh -c 'echo hello f…"
[exit 0]

$ docker logs l1
hello from l1
oops
[exit 0]
`,
    );
  });

  it("ends a sleep by itself and restarts containers whose policy says so", () => {
    const lab = createLab();
    run(lab, "docker run -d --name s5 busybox sleep 5");
    run(lab, "docker run -d --name r5 --restart always busybox sleep 5");
    runToEnd(lab, "sleep 6");
    transcript(
      lab,
      `$ docker ps -a --format '{{.Names}} {{.State}}'
r5 running
s5 exited
[exit 0]

$ docker inspect -f '{{.RestartCount}} {{.HostConfig.RestartPolicy.Name}}' r5
1 always
[exit 0]

$ docker run -d --rm --restart always busybox
docker: conflicting options: cannot specify both --restart and --rm

Run 'docker run --help' for more information
[exit 125]

$ docker run -d --restart sometimes busybox
docker: Error response from daemon: invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'

Run 'docker run --help' for more information
[exit 125]
`,
    );
  });

  it("lists the main process and detached execs in docker top", () => {
    const lab = createLab();
    run(lab, "docker run -itd --name t1 busybox");
    run(lab, "docker exec -d t1 httpd -f -p 8000");
    const out = printed(run(lab, "docker top t1")).split("\n");
    expect(out[0]).toBe(
      "UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD",
    );
    expect(out[1]).toMatch(/^root {16}\d+ +\d+ +0 {19}09:00 {15}pts\/0 {15}00:00:00 {12}sh$/);
    expect(out[2]).toMatch(/^root {16}\d+ +\d+ +0 {19}09:00 {15}\? {19}00:00:00 {12}httpd -f -p 8000$/);
    const ns = lab.world.netns[lab.world.machines.host1?.docker?.containers[0]?.netns ?? ""];
    expect(ns?.sockets.find((s) => s.port === 8000)).toMatchObject({
      ip: "::",
      proto: "tcp",
      program: "httpd",
    });
  });
});

describe("docker exec and attach", () => {
  it("runs commands in the container, and refuses missing and stopped containers and unknown programs", () => {
    const lab = createLab();
    run(lab, "docker run -d --name c1 busybox sleep 3600");
    run(lab, "docker run --name f1 busybox false");
    transcript(
      lab,
      `$ docker exec c1 sh -c 'echo $HOSTNAME; exit 4'
<ID12>
[exit 4]

$ docker exec nosuch ls
Error response from daemon: No such container: nosuch
[exit 1]

$ docker exec f1 ls
Error response from daemon: container <ID> is not running
[exit 1]

$ docker exec c1 bash
OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\r
[exit 126]

$ docker exec c1
docker: 'docker exec' requires at least 2 arguments

Usage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]

See 'docker exec --help' for more information
[exit 1]

$ docker attach f1
You cannot attach to a stopped container, start it first
[exit 1]
`,
    );
  });

  it("enters a shell with -it and the main shell with run -it and attach", () => {
    const lab = createLab();
    const runIt = run(lab, "docker run -it --name b1 busybox");
    expect(runIt.push).toMatchObject({ shell: "sh", main: true, cwd: "/" });
    expect(runIt.push?.env).toEqual({
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      HOSTNAME: runIt.push?.container?.slice(0, 12),
      TERM: "xterm",
      HOME: "/root",
    });
    const session = lab.sessions[0];
    if (!session) throw new Error("no session");
    session.frames.pop();
    const exec = run(lab, "docker exec -it b1 sh");
    expect(exec.push).toMatchObject({ shell: "sh", container: runIt.push?.container });
    expect(exec.push?.main).toBeUndefined();
    session.frames.pop();
    expect(run(lab, "docker attach b1").push).toMatchObject({ main: true });
  });

  it("follows the logs of a running container until it stops", () => {
    const lab = createLab();
    run(lab, "docker run -d --name sl busybox sleep 2");
    const follow = run(lab, "docker logs -f sl");
    expect(follow.live?.kind).toBe("docker-logs");
    const wait = run(lab, "docker wait sl");
    expect(wait.live?.kind).toBe("docker-wait");
  });
});
