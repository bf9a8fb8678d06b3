import { describe, expect, it } from "vitest";
import { complete } from "../terminal/completion";
import { completionSource } from "./completion-source";
import { createLab, run } from "./lab";
import { currentFrame } from "./session";
import type { Frame } from "./types";

function hostFrame(lab: ReturnType<typeof createLab>): Frame {
  const session = lab.sessions[0];
  if (!session) throw new Error("no session");
  return currentFrame(session);
}

const values = (line: string, source: ReturnType<typeof completionSource>) =>
  complete(line, line.length, source).candidates.map((c) => c.value);

describe("what the lab offers to complete", () => {
  it("on the host: its commands, the Docker CLI's table, the daemon's objects and its files", () => {
    const lab = createLab({ seed: 7 });
    run(lab, "docker run -d --name busy1 busybox sleep 3600");
    const source = completionSource(lab.world, hostFrame(lab));
    expect(source.commands).toEqual(expect.arrayContaining(["cat", "docker", "echo", "ip", "ping"]));
    expect(source.containers).toEqual([expect.objectContaining({ name: "busy1", status: "running" })]);
    expect(source.networks).toEqual(["bridge", "host", "none"]);
    expect(source.images).toContain("busybox:latest");
    expect(source.paths).toEqual(
      expect.arrayContaining(["/etc/hosts", "/etc/resolv.conf", "/etc/hostname", "/tmp/"]),
    );
    // The real command table: subcommands, flags, and the names their arguments take.
    expect(values("docker netw", source)).toEqual(["network"]);
    expect(values("docker network l", source)).toEqual(["list", "ls"]);
    expect(values("docker run --netw", source)).toEqual(["--network", "--network-alias"]);
    expect(values("docker run -d --network b", source)).toEqual(["bridge"]);
    expect(values("docker run -itd bu", source)).toEqual(["busybox", "busybox:latest"]);
  });

  it("inside a busybox container: its tools and files, no docker", () => {
    const lab = createLab({ seed: 7 });
    run(lab, "docker run -itd --name busy1 busybox");
    const busy1 = lab.world.machines.host1?.docker?.containers[0];
    const frame: Frame = { machine: "host1", container: busy1?.id, shell: "sh", env: {}, cwd: "/" };
    const source = completionSource(lab.world, frame);
    expect(source.commands).toContain("ping");
    expect(source.commands).not.toContain("docker");
    expect(source.specs.docker).toBeUndefined();
    expect(values("cat /etc/ho", source)).toEqual(["/etc/hostname", "/etc/hosts"]);
  });

  it("names the namespaces `ip netns add` made, and their files under /var/run/netns", () => {
    const lab = createLab({ seed: 7 });
    run(lab, "ip netns add red");
    const source = completionSource(lab.world, hostFrame(lab));
    expect(source.netns).toEqual(["red"]);
    expect(values("ip netns exec ", source)).toEqual(["red"]);
    expect(values("ls /var/run/netns/", source)).toEqual(["/var/run/netns/red"]);
  });
});
