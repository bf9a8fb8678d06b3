/** ls -l: busybox's fixed columns in a container, GNU's fitted ones on the host (30-busybox-applets). */
import { describe, expect, it } from "vitest";
import { createLab } from "../lab";
import { sh } from "./net/test-helpers";

const TIME = /[A-Z][a-z]{2} [ \d]\d \d\d:\d\d/g;
const timeless = (text: string) => text.replace(TIME, "<MTIME>");

describe("ls -l", () => {
  it("in busybox: mode, links, owner, size and time in its columns, a total for a directory", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name c1 busybox");
    sh(lab, "docker exec c1 sh -c 'echo hello > /tmp/a.txt; mkdir /tmp/d; touch /tmp/e'");
    expect(timeless(sh(lab, "docker exec c1 ls -l /tmp").out)).toBe(
      "total 8\n" +
        "-rw-r--r--    1 root     root             6 <MTIME> a.txt\n" +
        "drwxr-xr-x    2 root     root          4096 <MTIME> d\n" +
        "-rw-r--r--    1 root     root             0 <MTIME> e\n",
    );
    expect(timeless(sh(lab, "docker exec c1 ls -la /tmp/d").out)).toBe(
      "total 8\n" +
        "drwxr-xr-x    2 root     root          4096 <MTIME> .\n" +
        "drwxrwxrwt    1 root     root          4096 <MTIME> ..\n",
    );
    expect(timeless(sh(lab, "docker exec c1 ls -ln /etc/hostname").out)).toBe(
      "-rw-r--r--    1 0        0               13 <MTIME> /etc/hostname\n",
    );
  });

  it("on the host: GNU's columns, the namespaces ip netns made, links made by hand", () => {
    const lab = createLab();
    sh(lab, "mkdir -p /var/run/netns");
    expect(sh(lab, "ls -l /var/run/netns").out).toBe("total 0\n");
    sh(lab, "ip netns add red");
    sh(lab, "ln -s /proc/1/ns/net /var/run/netns/one");
    expect(timeless(sh(lab, "ls -l /var/run/netns").out)).toBe(
      "total 0\nlrwxrwxrwx 1 root root 14 <MTIME> one -> /proc/1/ns/net\n-r--r--r-- 1 root root  0 <MTIME> red\n",
    );
    expect(sh(lab, "ls -l /nosuch")).toMatchObject({
      out: "ls: cannot access '/nosuch': No such file or directory\n",
      exit: 2,
    });
  });
});

describe("rm on the host", () => {
  it("removes the machine's own files as root does; the kernel's stay", () => {
    const lab = createLab();
    expect(sh(lab, "rm /etc/hostname")).toMatchObject({ out: "", exit: 0 });
    expect(sh(lab, "cat /etc/hostname").exit).toBe(1);
    sh(lab, "echo h9 > /etc/hostname");
    expect(sh(lab, "cat /etc/hostname").out).toBe("h9\n");
    expect(sh(lab, "rm /proc/sys/net/ipv4/ip_forward").out).toBe(
      "rm: cannot remove '/proc/sys/net/ipv4/ip_forward': Operation not permitted\n",
    );
  });
});

describe("cp, mv, readlink and realpath", () => {
  it("copy and move files into a directory or onto a name, in busybox's words and GNU's", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name c1 busybox");
    expect(
      sh(
        lab,
        "docker exec c1 sh -c 'echo hello > /tmp/a.txt; cp /tmp/a.txt /tmp/b.txt; mv /tmp/b.txt /tmp/c.txt; ls /tmp; cat /tmp/c.txt'",
      ).out,
    ).toBe("a.txt\nc.txt\nhello\n");
    expect(sh(lab, "docker exec c1 cp /nosuch /tmp/x").out).toBe(
      "cp: can't stat '/nosuch': No such file or directory\n",
    );
    expect(sh(lab, "docker exec c1 mv /nosuch /tmp/x").out).toBe(
      "mv: can't rename '/nosuch': No such file or directory\n",
    );
    expect(sh(lab, "cp /nosuch /tmp/x")).toMatchObject({
      out: "cp: cannot stat '/nosuch': No such file or directory\n",
      exit: 1,
    });
    expect(sh(lab, "cp /tmp /x").out).toBe("cp: -r not specified; omitting directory '/tmp'\n");
    sh(lab, "mkdir /tmp/d; cp /etc/hostname /tmp/d");
    expect(sh(lab, "cat /tmp/d/hostname").out).toBe("host1\n");
  });

  it("follow the host's symbolic links", () => {
    const lab = createLab();
    sh(lab, "echo x > /tmp/h; ln -s /tmp/h /tmp/l");
    expect(sh(lab, "readlink /tmp/l; realpath /tmp/l /tmp/../tmp").out).toBe("/tmp/h\n/tmp/h\n/tmp\n");
    expect(sh(lab, "readlink /tmp/h")).toMatchObject({ out: "", exit: 1 });
    expect(sh(lab, "realpath /nosuch")).toMatchObject({
      out: "realpath: /nosuch: No such file or directory\n",
      exit: 1,
    });
  });
});
