import { describe, expect, it } from "vitest";
import { play } from "../../testing/transcript";
import { createLab, type Lab, printed, run } from "../lab";

function transcript(lab: Lab, text: string): void {
  const { expected, actual } = play(lab, text);
  expect(actual).toBe(expected);
}

const STATES =
  "docker inspect -f '{{.Name}} {{.State.Status}} {{.State.ExitCode}} {{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}'";

describe("a daemon restart", () => {
  it("brings back the containers their restart policies name, with new addresses", () => {
    const lab = createLab();
    for (const line of [
      "docker network create rn",
      "docker run -d --name a0 busybox sleep 3600",
      "docker run -d --name a1 --restart always busybox sleep 3600",
      "docker run -d --name u0 --network rn busybox sleep 3600",
      "docker run -d --name u1 --network rn --restart unless-stopped busybox sleep 3600",
      "docker run -d --name f1 --network none --restart on-failure busybox sleep 3600",
      "docker run -d --name f2 --network none --restart on-failure:2 busybox sleep 1",
      "docker run -d --name s1 --network none --restart always busybox sleep 3600",
      "docker run -d --name s2 --network none --restart unless-stopped busybox sleep 3600",
      "docker create --name c1 --network none --restart always busybox sleep 3600",
      "docker run -d --rm --name r1 busybox sleep 3600",
      "docker stop -t 1 s1 s2",
      "sleep 2",
    ])
      expect(run(lab, line).exit).toBe(0);
    transcript(
      lab,
      `$ systemctl restart docker
[exit 0]

$ ${STATES} a0 a1 u0 u1 f1 f2 s1 s2 c1
/a0 exited 137 
/a1 running 0 172.17.0.2
/u0 exited 137 
/u1 running 0 172.18.0.2
/f1 running 0 
/f2 exited 0 
/s1 running 0 
/s2 exited 137 
/c1 created 0 
[exit 0]

$ docker ps -a --filter name=r1
CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES
[exit 0]

$ docker start a0 u0
a0
u0
[exit 0]

$ ${STATES} a0 u0
/a0 running 0 172.17.0.3
/u0 running 0 172.18.0.3
[exit 0]
`,
    );
  });

  it("starts the containers it brings back in the order they were created", () => {
    const lab = createLab();
    for (const line of [
      "docker run -d --name b0 busybox sleep 3600",
      "docker run -d --name b1 --restart always busybox sleep 3600",
      "docker run -d --name b2 --restart always busybox sleep 3600",
    ])
      run(lab, line);
    transcript(
      lab,
      `$ systemctl restart docker
[exit 0]

$ ${STATES} b0 b1 b2
/b0 exited 137 
/b1 running 0 172.17.0.2
/b2 running 0 172.17.0.3
[exit 0]
`,
    );
  });

  it("runs as a new dockerd process after a restart, and as none while stopped", () => {
    const lab = createLab();
    const pidFile = () => printed(run(lab, "dockerd")).match(/process with PID (\d+) is still running/)?.[1];
    expect(pidFile()).toBe("845");
    run(lab, "systemctl restart docker");
    const restarted = pidFile();
    expect(Number(restarted)).toBeGreaterThan(1000);
    expect(printed(run(lab, "ps -ef")).match(/^root +(\d+) +1 .*\/dockerd /m)?.[1]).toBe(restarted);
    run(lab, "systemctl stop docker");
    expect(printed(run(lab, "ps -ef"))).not.toMatch(/dockerd/);
    expect(printed(run(lab, "dockerd"))).toBe(
      "dockerd: running the daemon in the foreground is not simulated in Docker Network Lab\n",
    );
  });

  it("is stopped by systemctl until a client connects, and by service until it is started", () => {
    const lab = createLab();
    run(lab, "docker run -d --name a1 --restart always busybox sleep 3600");
    transcript(
      lab,
      `$ systemctl stop docker
Stopping 'docker.service', but its triggering units are still active:
docker.socket
[exit 0]

$ systemctl is-active docker
inactive
[exit 3]

$ ip -br link show docker0
docker0          DOWN           <MAC> <NO-CARRIER,BROADCAST,MULTICAST,UP> 
[exit 0]

$ docker ps --format '{{.Names}} {{.Status}}'
a1 Up Less than a second
[exit 0]

$ systemctl is-active docker
active
[exit 0]

$ service docker stop
[exit 0]

$ docker ps
Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?
[exit 1]

$ service docker start
[exit 0]

$ docker ps --format '{{.Names}}'
a1
[exit 0]
`,
    );
  });

  it("answers for other units and verbs as systemctl and service do", () => {
    transcript(
      createLab(),
      `$ systemctl restart nginx
Failed to restart nginx.service: Unit nginx.service not found.
[exit 5]

$ systemctl stop nginx.service
Failed to stop nginx.service: Unit nginx.service not loaded.
[exit 5]

$ systemctl status
systemctl: 'status' is not simulated in Docker Network Lab
[exit 1]

$ systemctl status docker.socket
systemctl: 'status docker.socket' is not simulated in Docker Network Lab
[exit 1]

$ service nginx restart
nginx: unrecognized service
[exit 1]

$ systemctl restart
Too few arguments.
[exit 1]

$ systemctl
systemctl: 'list-units' is not simulated in Docker Network Lab
[exit 1]

$ service docker
Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]
[exit 1]
`,
    );
  });

  it("leaves a swarm node's daemon alone", () => {
    const lab = createLab();
    run(lab, "docker swarm init --advertise-addr 192.168.0.102");
    transcript(
      lab,
      `$ systemctl restart docker
systemctl: 'restart on a swarm node' is not simulated in Docker Network Lab
[exit 1]

$ service docker stop
service: 'stop on a swarm node' is not simulated in Docker Network Lab
[exit 1]
`,
    );
  });
});

describe("systemctl status docker", () => {
  it("shows the running unit with dockerd's PID and start, then the stopped one with its run and exit", () => {
    const lab = createLab({ seed: 4 });
    lab.world.clock += 3_725_000;
    const running = run(lab, "systemctl status docker");
    expect(running.exit).toBe(0);
    const pid = /^ {3}Main PID: (\d+) \(dockerd\)$/m.exec(printed(running))?.[1];
    expect(printed(running)).toMatch(
      new RegExp(
        [
          "^● docker\\.service - Docker Application Container Engine",
          " {5}Loaded: loaded \\(/usr/lib/systemd/system/docker\\.service; enabled; preset: enabled\\)",
          " {5}Active: active \\(running\\) since Mon 2026-11-23 09:00:00 UTC; 1h 2min ago",
          " Invocation: [0-9a-f]{32}",
          "TriggeredBy: ● docker\\.socket",
          " {7}Docs: https://docs\\.docker\\.com",
          ` {3}Main PID: ${pid} \\(dockerd\\)`,
        ].join("\n"),
      ),
    );
    expect(printed(running)).toContain(
      `     CGroup: /system.slice/docker.service\n             └─${pid} /usr/bin/dockerd -H fd://`,
    );
    run(lab, "systemctl stop docker");
    lab.world.clock += 42_000;
    const stopped = run(lab, "service docker status");
    expect(stopped.exit).toBe(3);
    const lines = printed(stopped).split("\n");
    expect(lines[0]).toBe("○ docker.service - Docker Application Container Engine");
    expect(lines[2]).toMatch(/^ {5}Active: inactive \(dead\) since Mon 2026-11-23 10:02:05 UTC; 42s ago$/);
    expect(lines[3]).toMatch(/^ {3}Duration: 1h 2min 5\.\d+s$/);
    expect(lines).toContain(`   Main PID: ${pid} (code=exited, status=0/SUCCESS)`);
    expect(printed(run(lab, "systemctl status nosuch"))).toBe("Unit nosuch.service could not be found.\n");
  });
});
