import { describe, expect, it } from "vitest";
import { normalizeCaps } from "../../../engine/docker/capabilities";
import { createLab, printed, run } from "../../lab";

describe("capabilities", () => {
  it("normalises names as the daemon does and refuses one the kernel lacks", () => {
    expect(normalizeCaps(["net_admin", "CAP_NET_RAW", "all"], "CapAdd")).toEqual([
      "CAP_NET_ADMIN",
      "CAP_NET_RAW",
      "ALL",
    ]);
    expect(() => normalizeCaps(["bogus"], "CapDrop")).toThrow(
      'invalid CapDrop: unknown capability: "CAP_BOGUS"',
    );
  });

  it("lets --cap-add NET_ADMIN change links and --cap-drop NET_RAW stop busybox's ping", () => {
    const lab = createLab();
    const say = (line: string) => printed(run(lab, line));
    expect(say("docker run --rm busybox ip link set eth0 down")).toBe(
      "ip: SIOCSIFFLAGS: Operation not permitted\n",
    );
    expect(say("docker run --rm --cap-add=net_admin busybox sh -c 'ip link set eth0 down && echo ok'")).toBe(
      "ok\n",
    );
    expect(
      say(
        "docker run --rm --cap-drop=ALL --cap-add=NET_ADMIN busybox sh -c 'ip link set lo down && echo ok'",
      ),
    ).toBe("ok\n");
    expect(say("docker run --rm --cap-drop=NET_RAW busybox ping -c 1 127.0.0.1")).toBe(
      "PING 127.0.0.1 (127.0.0.1): 56 data bytes\nping: permission denied (are you root?)\n",
    );
    expect(say("docker inspect -f '{{.HostConfig.Privileged}}' nosuch")).toContain("No such object");
  });
});

describe("the kernel's views through files", () => {
  it("names namespaces by inode: a host-network container's net link is the host's", () => {
    const lab = createLab();
    const say = (line: string) => printed(run(lab, line));
    const host = say("readlink /proc/self/ns/net");
    expect(host).toBe("net:[4026531840]\n");
    expect(say("docker run --rm --net=host busybox readlink /proc/self/ns/net")).toBe(host);
    const own = say("docker run --rm busybox readlink /proc/self/ns/net");
    expect(own).toMatch(/^net:\[40265321\d\d\]\n$/);
    expect(own).not.toBe(host);
    expect(say("docker run --rm --uts=host busybox readlink /proc/self/ns/uts")).toBe("uts:[4026531838]\n");
    expect(say("docker run --rm busybox readlink /proc/self/ns/uts")).not.toBe("uts:[4026531838]\n");
  });

  it("shows a link's address, MTU and state under /sys/class/net", () => {
    const lab = createLab();
    const say = (line: string) => printed(run(lab, line));
    run(lab, "docker run -d --name m1 --mac-address 92:d0:c6:0a:29:33 busybox top");
    expect(say("docker exec m1 cat /sys/class/net/eth0/address /sys/class/net/eth0/mtu")).toBe(
      "92:d0:c6:0a:29:33\n1500\n",
    );
    expect(say("docker exec m1 cat /sys/class/net/eth0/operstate /sys/class/net/lo/operstate")).toBe(
      "up\nunknown\n",
    );
    expect(say("cat /sys/class/net/docker0/operstate")).toBe("up\n");
    run(lab, "docker stop m1");
    expect(say("cat /sys/class/net/docker0/operstate")).toBe("down\n");
    expect(say("cat /sys/class/net/nosuch/address")).toBe(
      "cat: /sys/class/net/nosuch/address: No such file or directory\n",
    );
  });
});
