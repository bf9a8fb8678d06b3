import { beforeAll, describe, expect, it } from "vitest";
import { dockerHosts, lanAddress } from "../../engine/hosts";
import { loadLanguage } from "../../i18n";
import { ok, type } from "../../testing/swarm-lab";
import { createLab, printed } from "../lab";

const machines = (lab: ReturnType<typeof createLab>) => lab.sessions.map((s) => s.frames[0]?.machine);

describe("lab host", () => {
  // The page loads every language once it is up (store/runtime.ts).
  beforeAll(() => loadLanguage("ru"));

  it("adds host2 and host3 on the LAN, each a fresh daemon with its own tab", () => {
    const lab = createLab({ seed: 3 });
    expect(ok(lab, "lab host add")).toContain("host2 is up at 192.168.0.101");
    expect(ok(lab, "lab host add")).toContain("host3 is up at 192.168.0.103");
    expect(machines(lab)).toEqual(["host1", "host2", "host3"]);
    expect(dockerHosts(lab.world).map((m) => lanAddress(lab.world, m))).toEqual([
      "192.168.0.102",
      "192.168.0.101",
      "192.168.0.103",
    ]);
    expect(ok(lab, "ip -4 addr show docker0", "host3")).toContain("inet 172.17.0.1/16");
    expect(ok(lab, "ping -c 1 host3", "host2")).toContain("1 received");
  });

  it("removes a host nothing depends on, and says what holds one back", () => {
    const lab = createLab({ seed: 3 });
    ok(lab, "lab host add");
    ok(lab, "docker run -d --name pinned busybox sleep 1000", "host2");
    const refused = type(lab, "lab host rm host2");
    expect([refused.exit, printed(refused)]).toEqual([
      1,
      "host2 still has containers (pinned): remove them first (docker rm -f).\n",
    ]);
    ok(lab, "docker rm -f pinned", "host2");
    ok(lab, "docker swarm init --advertise-addr 192.168.0.101", "host2");
    expect(printed(type(lab, "lab host rm host2"))).toContain("host2 is in a swarm");
    ok(lab, "docker swarm leave --force", "host2");
    expect(printed(type(lab, "lab host rm host2", "host2"))).toContain("this tab is on it");
    expect(printed(type(lab, "lab host rm host1"))).toBe("host1 is the lab's first host and stays.\n");
    expect(printed(type(lab, "lab host rm host9"))).toBe("host9: no such Docker host.\n");
    expect(ok(lab, "lab host rm host2")).toBe("host2 is off the LAN; its tabs are closed.\n");
    expect(machines(lab)).toEqual(["host1"]);
    expect(type(lab, "ping -c 1 -W 1 192.168.0.101").exit).toBe(1);
  });

  it("speaks the tab's language, prints its usage, and exists only where a daemon runs", () => {
    const lab = createLab({ seed: 3 });
    const frame = lab.sessions[0]?.frames[0];
    if (frame) frame.env.LANG = "ru_RU.UTF-8";
    expect(ok(lab, "lab host add")).toContain("host2 запущен, адрес 192.168.0.101");
    const wrong = type(lab, "lab host start");
    expect(wrong.exit).toBe(2);
    expect(printed(wrong)).toContain("lab host rm ИМЯ");
    expect(printed(type(lab, "docker run --rm busybox lab host add"))).toContain(
      'exec: "lab": executable file not found',
    );
  });
});
