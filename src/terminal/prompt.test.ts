import { describe, expect, it } from "vitest";
import { createLab, run } from "../shell/lab";
import { currentFrame } from "../shell/session";
import { promptFor } from "./prompt";

function promptAfter(...lines: string[]): string {
  const lab = createLab({ seed: 11 });
  for (const line of lines) run(lab, line);
  const session = lab.sessions[0];
  if (!session) throw new Error("no session");
  return promptFor(lab.world, currentFrame(session));
}

describe("the prompt", () => {
  it("is bash's on the host, with the directory's last part", () => {
    expect(promptAfter()).toBe("[root@host1 ~]# ");
    expect(promptAfter("cd /tmp")).toBe("[root@host1 tmp]# ");
    expect(promptAfter("cd /")).toBe("[root@host1 /]# ");
  });

  it("is busybox's `/ # ` in busybox and alpine containers", () => {
    expect(promptAfter("docker run -itd --name b1 busybox", "docker exec -it b1 sh")).toBe("/ # ");
    expect(promptAfter("docker run -it alpine sh")).toBe("/ # ");
  });

  it("is `root@<hostname>:<cwd># ` in Debian-based images, in the image's working directory", () => {
    const ubuntu = promptAfter("docker run -it --hostname box ubuntu");
    expect(ubuntu).toBe("root@box:/# ");
    expect(promptAfter("docker run -d --name cat tomcat", "docker exec -it cat bash")).toMatch(
      /^root@[0-9a-f]{12}:\/usr\/local\/tomcat# $/,
    );
  });
});
