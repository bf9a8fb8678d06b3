import { describe, expect, it } from "vitest";
import { createLab, printed, run } from "./lab";

describe("the first slice: networks and a container", () => {
  it("lists the three predefined networks in Docker's columns", () => {
    const lab = createLab();
    const out = printed(run(lab, "docker network ls"));
    const lines = out.split("\n");
    expect(lines[0]).toBe("NETWORK ID     NAME      DRIVER    SCOPE");
    expect(lines.slice(1, 4).map((l) => l.replace(/^[0-9a-f]{12}/, "ID"))).toEqual([
      "ID   bridge    bridge    local",
      "ID   host      host      local",
      "ID   none      null      local",
    ]);
  });

  it("runs a container on docker0 with a veth pair and the next address", () => {
    const lab = createLab();
    const first = run(lab, "docker run -d --name busy1 busybox sleep 3600");
    expect(printed(first)).toMatch(/^[0-9a-f]{64}\n$/);
    run(lab, "docker run -d --name busy2 busybox sleep 3600");
    const daemon = lab.world.machines.host1?.docker;
    const busy1 = daemon?.containers.find((c) => c.name === "busy1");
    const busy2 = daemon?.containers.find((c) => c.name === "busy2");
    expect(busy1?.endpoints[0]?.ip).toBe("172.17.0.2");
    expect(busy2?.endpoints[0]?.ip).toBe("172.17.0.3");
    const ns = lab.world.netns[busy1?.netns ?? ""];
    const eth0 = ns?.links.find((l) => l.name === "eth0");
    expect(eth0?.ifindex).toBe(4);
    expect(eth0?.addrs).toEqual([{ ip: "172.17.0.2", prefix: 16, scope: "global", brd: "172.17.255.255" }]);
    const hostNs = lab.world.netns.host1;
    const peer = hostNs?.links.find((l) => l.ifindex === eth0?.peer?.ifindex);
    expect(peer?.name).toMatch(/^veth[0-9a-f]{7}$/);
    expect(peer?.ifindex).toBe(5);
    const docker0 = hostNs?.links.find((l) => l.name === "docker0");
    expect(peer?.master).toBe(docker0?.ifindex);
    expect(hostNs?.routes.length).toBe(1);
    expect(ns?.routes).toEqual([
      { dst: "default", via: "172.17.0.1", dev: 4, proto: "static", scope: "global" },
    ]);
  });

  it("answers unknown commands as bash and docker do", () => {
    const lab = createLab();
    const bash = run(lab, "dokcer ps");
    expect(printed(bash)).toBe("-bash: dokcer: command not found\n");
    expect(bash.exit).toBe(127);
    const docker = run(lab, "docker frobnicate");
    expect(printed(docker)).toBe(
      "docker: unknown command: docker frobnicate\n\nRun 'docker --help' for more information\n",
    );
    expect(docker.exit).toBe(1);
  });
});
