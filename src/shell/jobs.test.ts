/** Background jobs: what runs on in a container after the command that started it returned. */
import { describe, expect, it } from "vitest";
import { createLab, printed, run, runToEnd } from "./lab";

describe("background jobs", () => {
  it("keep a detached container running until its script's last command, which sets its status", () => {
    const lab = createLab({ seed: 3 });
    expect(run(lab, "docker run -d --name s1 busybox sh -c 'sleep 2; echo done; exit 3'").exit).toBe(0);
    expect(printed(run(lab, "docker ps --format '{{.Names}} {{.State}}'"))).toBe("s1 running\n");
    const waited = runToEnd(lab, "docker wait s1");
    expect(printed(waited)).toBe("3\n");
    expect(printed(run(lab, "docker logs s1"))).toBe("done\n");
  });

  it("send a detached ping's packets as time passes, for a capture started after it", () => {
    const lab = createLab({ seed: 3 });
    run(lab, "docker run -itd --name b1 busybox");
    run(lab, "docker exec -d b1 ping -c 3 172.17.0.1");
    const capture = runToEnd(lab, "tcpdump -i docker0 -n -c 2 icmp");
    expect(printed(capture)).toMatch(
      /ICMP echo request, id \d+, seq 1,[^\n]*\n[^\n]*ICMP echo reply, id \d+, seq 1,/,
    );
    expect(capture.exit).toBe(0);
  });

  it("run the rest of a container's script inside the container, then the rest of the typed line", () => {
    const lab = createLab({ seed: 3 });
    run(lab, "docker run -itd --name b1 -h box busybox");
    const line = runToEnd(lab, "docker exec b1 sh -c 'sleep 1; hostname'; hostname");
    expect(printed(line)).toBe("box\nhost1\n");
  });
});
