import { describe, expect, it } from "vitest";
import { createLab, printed, run } from "../../lab";

describe("docker update", () => {
  it("changes the restart policy the daemon then applies, with the daemon's refusals", () => {
    const lab = createLab();
    const say = (line: string) => {
      const r = run(lab, line);
      return [printed(r), r.exit] as const;
    };
    run(lab, "docker run -d --name u1 busybox top");
    run(lab, "docker run -d --rm --name u2 busybox top");
    expect(say("docker update --restart on-failure:3 u1")).toEqual(["u1\n", 0]);
    expect(printed(run(lab, "docker inspect -f '{{.HostConfig.RestartPolicy}}' u1"))).toBe(
      "{on-failure 3}\n",
    );
    expect(say("docker update --restart bogus u1")[0]).toBe(
      "Error response from daemon: invalid restart policy: unknown policy 'bogus'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'\n",
    );
    const id = printed(run(lab, "docker inspect -f '{{.Id}}' u2")).trim();
    expect(say("docker update --restart always nosuch u2")).toEqual([
      `Error response from daemon: No such container: nosuch\nError response from daemon: Cannot update container ${id}: Restart policy cannot be updated because AutoRemove is enabled for the container\n`,
      1,
    ]);
    expect(say("docker update u1")).toEqual([
      "you must provide one or more flags when using this command\n",
      1,
    ]);
    expect(say("docker update -m 64m u1")[0]).toBe(
      "docker: 'docker update --memory' is not simulated in Docker Network Lab\n",
    );
  });
});
