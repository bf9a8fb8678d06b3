import { describe, expect, it } from "vitest";
import { createLab, printed, run } from "../../lab";
import { currentFrame } from "../../session";

describe("ssh from the Docker host to the laptop", () => {
  it("logs in over TCP 22, runs commands there, and comes back on exit", () => {
    const lab = createLab();
    const login = run(lab, "ssh laptop");
    expect(printed(login)).toMatch(
      /^Last login: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} from 192\.168\.0\.102\n$/,
    );
    expect(login.traces.some((t) => t.protocol === "TCP")).toBe(true);
    const session = lab.sessions[0];
    if (!session) throw new Error("no session");
    expect(currentFrame(session).machine).toBe("laptop");
    expect(printed(run(lab, "hostname"))).toBe("laptop\n");
    expect(printed(run(lab, "docker ps"))).toBe("-bash: docker: command not found\n");
    const back = run(lab, "exit");
    expect(printed(back)).toBe("logout\nConnection to laptop closed.\n");
    expect(currentFrame(session).machine).toBe("host1");
  });

  it("says what OpenSSH says when the name or the port is wrong", () => {
    const lab = createLab();
    const unknown = run(lab, "ssh nosuchhost");
    expect(printed(unknown)).toBe("ssh: Could not resolve hostname nosuchhost: Name or service not known\n");
    expect(unknown.exit).toBe(255);
    const refused = run(lab, "ssh 192.168.0.1");
    expect(printed(refused)).toBe("ssh: connect to host 192.168.0.1 port 22: Connection refused\n");
    expect(refused.exit).toBe(255);
  });
});
