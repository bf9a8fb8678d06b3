/**
 * Labs with several Docker hosts for the tests: host1 (192.168.0.102, a tab s1) and host2
 * (192.168.0.101), each with a terminal tab, in a swarm managed from host1 when asked, and helpers to type lines on either.
 */
import { createLab, type Lab, printed, runToEnd } from "../shell/lab";
import type { Execution } from "../shell/types";

/** The first tab opened on a machine. */
function tabOn(lab: Lab, machine: string): string {
  const s = lab.sessions.find((x) => x.frames[0]?.machine === machine);
  if (!s) throw new Error(`no tab on ${machine}`);
  return s.id;
}

/** Types a line on a machine's tab and lets it finish, whatever its exit. */
export function type(lab: Lab, line: string, machine = "host1"): Execution {
  return runToEnd(lab, line, tabOn(lab, machine));
}

/** Types a line on a machine's tab, failing the test with the output when it exits non-zero. */
export function ok(lab: Lab, line: string, machine = "host1"): string {
  const e = type(lab, line, machine);
  if (e.exit !== 0) throw new Error(`${line} exited ${e.exit}:\n${printed(e)}`);
  return printed(e);
}

/** host1 and host2 on the LAN, each with its tab (s1, s2). */
function twoHosts(seed = 7): Lab {
  return createLab({ seed, dockerHosts: 2 });
}

/** Two hosts in a swarm: host1 the manager (advertising 192.168.0.102), host2 a worker. */
export function swarmOfTwo(seed = 7): Lab {
  const lab = twoHosts(seed);
  ok(lab, "docker swarm init --advertise-addr 192.168.0.102");
  const token = ok(lab, "docker swarm join-token -q worker").trim();
  ok(lab, `docker swarm join --token ${token} 192.168.0.102:2377`, "host2");
  return lab;
}

/** A swarm of two with an attachable overlay `ov` and a container on it on each host (c1 on host1, c2 on host2). */
export function overlayAcross(seed = 7): Lab {
  const lab = swarmOfTwo(seed);
  ok(lab, "docker network create -d overlay --attachable ov");
  ok(lab, "docker run -dit --name c1 --network ov busybox");
  ok(lab, "docker run -dit --name c2 --network ov busybox", "host2");
  return lab;
}

/** A container's address on a network, by the network's name. */
export function addressOn(lab: Lab, machine: string, name: string, network: string): string {
  return ok(
    lab,
    `docker inspect -f '{{(index .NetworkSettings.Networks "${network}").IPAddress}}' ${name}`,
    machine,
  ).trim();
}
