/**
 * The file applets beyond what 37-file-applets replays: file times kept apart and saved, hard links
 * written together, mktemp's names from the world's generator, truncate's and dd's bytes, and the
 * errors of the host's GNU forms.
 */

import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { labSchema } from "../../store/lab-schema";
import { createLab } from "../lab";
import { sh } from "./net/test-helpers";

describe("file times", () => {
  it("a file written later is newer; touch -d dates it, and ls -l shows the year of an old one", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name c1 busybox");
    sh(lab, "docker exec c1 sh -c 'echo a > /tmp/a'");
    sh(lab, "sleep 61");
    sh(lab, "docker exec c1 sh -c 'echo b > /tmp/b'");
    expect(sh(lab, "docker exec c1 find /tmp -newer /tmp/a").out).toBe("/tmp\n/tmp/b\n");
    expect(sh(lab, "docker exec c1 stat -c '%Y' /tmp/b").out).toBe(`${(lab.world.clock / 1000) | 0}\n`);
    sh(lab, "docker exec c1 touch -d '2020-02-29 12:00' /tmp/b");
    expect(sh(lab, "docker exec c1 ls -l /tmp/b").out).toMatch(/ 2 Feb 29 {2}2020 \/tmp\/b\n$/);
    expect(sh(lab, "docker exec c1 find /tmp -newer /tmp/b -type f").out).toBe("/tmp/a\n");
    // touch -r copies another file's time.
    sh(lab, "docker exec c1 touch -r /tmp/b /tmp/a");
    expect(sh(lab, "docker exec c1 stat -c %Y /tmp/a").out).toBe(`${Date.UTC(2020, 1, 29, 12) / 1000}\n`);
  });

  it("are saved with the lab and load again", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name c1 busybox");
    sh(lab, "docker exec c1 sh -c 'touch -t 202001010000 /tmp/x; mktemp'");
    const saved = JSON.parse(JSON.stringify(lab));
    expect(v.safeParse(labSchema, saved).success).toBe(true);
  });
});

describe("link and unlink", () => {
  it("two names are one file: written through either, counted together, one left after unlink", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name c1 busybox");
    sh(lab, "docker exec c1 sh -c 'echo one > /tmp/a; link /tmp/a /tmp/b; echo two >> /tmp/b'");
    expect(sh(lab, "docker exec c1 cat /tmp/a").out).toBe("one\ntwo\n");
    expect(sh(lab, "docker exec c1 stat -c '%h %n' /tmp/a /tmp/b").out).toBe("2 /tmp/a\n2 /tmp/b\n");
    expect(sh(lab, "docker exec c1 du -a /tmp").out).toBe("4\t/tmp/a\n8\t/tmp\n");
    sh(lab, "docker exec c1 unlink /tmp/a");
    expect(sh(lab, "docker exec c1 stat -c '%h %s' /tmp/b").out).toBe("1 8\n");
  });

  it("on the host in GNU's words", () => {
    const lab = createLab();
    expect(sh(lab, "link /tmp/a")).toMatchObject({
      out: "link: missing operand after '/tmp/a'\nTry 'link --help' for more information.\n",
      exit: 1,
    });
    expect(sh(lab, "unlink /tmp/a /tmp/b")).toMatchObject({
      out: "unlink: extra operand ‘/tmp/b’\nTry 'unlink --help' for more information.\n",
      exit: 1,
    });
  });
});

describe("mktemp", () => {
  it("takes its names from the world's generator: the same seed, the same names", () => {
    const names = [1, 2].map(() => {
      const lab = createLab({ seed: 3 });
      return sh(lab, "mktemp").out;
    });
    expect(names[0]).toMatch(/^\/tmp\/tmp\.[A-Za-z0-9]{10}\n$/);
    expect(names[1]).toBe(names[0]);
  });

  it("makes a private file or directory", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name c1 busybox");
    const file = sh(lab, "docker exec c1 mktemp -p /tmp fooXXXXXX").out.trim();
    expect(file).toMatch(/^\/tmp\/foo[A-Za-z0-9]{6}$/);
    expect(sh(lab, `docker exec c1 stat -c %A ${file}`).out).toBe("-rw-------\n");
    const dir = sh(lab, "docker exec c1 mktemp -d").out.trim();
    expect(sh(lab, `docker exec c1 stat -c %A ${dir}`).out).toBe("drwx------\n");
  });
});

describe("truncate and dd", () => {
  it("truncate pads with NUL bytes and dd copies the blocks asked for", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name c1 busybox");
    sh(lab, "docker exec c1 sh -c 'printf abcdefgh > /tmp/f; truncate -s 10 /tmp/f'");
    expect(sh(lab, "docker exec c1 md5sum /tmp/f").out).toBe("08aa02b485b3c02ab0c4cdabf2039b9a  /tmp/f\n");
    expect(sh(lab, "docker exec c1 dd if=/tmp/f bs=2 skip=1 count=2").out).toBe(
      "cdef2+0 records in\n2+0 records out\n",
    );
  });

  it("the host's dd adds GNU's bytes line", () => {
    const lab = createLab();
    const r = sh(lab, "dd if=/dev/zero of=/tmp/z bs=1k count=2");
    expect(r.out).toMatch(/^2\+0 records in\n2\+0 records out\n2048 bytes \(2\.0 kB, 2\.0 KiB\) copied, /);
    expect(sh(lab, "stat -c %s /tmp/z").out).toBe("2048\n");
  });
});

describe("checksums on the host", () => {
  it("GNU's -c: a list without a proper line, a file it cannot read", () => {
    const lab = createLab();
    sh(lab, "echo junk > /tmp/s");
    expect(sh(lab, "md5sum -c /tmp/s")).toMatchObject({
      out: "md5sum: /tmp/s: no properly formatted checksum lines found\n",
      exit: 1,
    });
    sh(lab, "echo 'b1946ac92492d2347c6235b4d2611184  /tmp/gone' > /tmp/s");
    expect(sh(lab, "md5sum -c /tmp/s")).toMatchObject({
      out:
        "md5sum: /tmp/gone: No such file or directory\n/tmp/gone: FAILED open or read\n" +
        "md5sum: WARNING: 1 listed file could not be read\n",
      exit: 1,
    });
  });
});

describe("tar", () => {
  it("packs and unpacks text that is not ASCII, keeps modes and times, and refuses compression", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name c1 busybox");
    sh(lab, "docker exec c1 sh -c 'mkdir /s; echo héllo > /s/u; mktemp -p /s; touch -t 202001020304 /s/u'");
    expect(sh(lab, "docker exec c1 sh -c 'tar cf /a.tar /s && ls -l /a.tar'").out).toMatch(
      /^tar: removing leading '\/' from member names\n-rw-r--r-- +1 root +root +3072 /,
    );
    sh(lab, "docker exec c1 sh -c 'mkdir /o; tar xf /a.tar -C /o'");
    expect(sh(lab, "docker exec c1 cat /o/s/u").out).toBe("héllo\n");
    expect(sh(lab, "docker exec c1 md5sum /s/u /o/s/u").out).toBe(
      "1082e4bdaee22cfa4057c4f6a5e4c3da  /s/u\n1082e4bdaee22cfa4057c4f6a5e4c3da  /o/s/u\n",
    );
    expect(sh(lab, "docker exec c1 stat -c '%Y' /o/s/u").out).toBe(`${Date.UTC(2020, 0, 2, 3, 4) / 1000}\n`);
    expect(sh(lab, "docker exec c1 find /o/s -name 'tmp.*' -exec stat -c %A {} \\;").out).toBe(
      "-rw-------\n",
    );
    expect(sh(lab, "docker exec c1 tar czf /b.tgz /s")).toMatchObject({
      out: "tar: -z: compression is not simulated in Docker Network Lab\n",
      exit: 1,
    });
  });
});

describe("a place's own files", () => {
  it("the host lists and finds its /etc files until root removes one", () => {
    const lab = createLab();
    expect(sh(lab, "find /etc -name 'host*'").out).toBe("/etc/hostname\n/etc/hosts\n");
    sh(lab, "rm /etc/hostname");
    expect(sh(lab, "ls -1 /etc").out).toBe("hosts\nresolv.conf\n");
  });

  it("a container reads its mount table through /proc/mounts and /etc/mtab, as mount lists it", () => {
    const lab = createLab();
    sh(lab, "docker run -itd --name c1 busybox");
    const table = sh(lab, "docker exec c1 cat /proc/mounts").out;
    expect(sh(lab, "docker exec c1 cat /etc/mtab").out).toBe(table);
    const listed = sh(lab, "docker exec c1 mount").out;
    expect(listed.split("\n").length).toBe(table.split("\n").length);
    expect(table).toContain("/dev/vda /etc/hosts ext4 rw,relatime,");
  });
});

describe("GNU's words on the host", () => {
  it("touch -d reads yesterday and 2 hours ago; link, mktemp, dd and md5sum -w say what GNU says", () => {
    const lab = createLab();
    sh(lab, "touch -d yesterday /tmp/y");
    expect(sh(lab, "stat -c %Y /tmp/y").out).toBe(`${Math.floor((lab.world.clock - 86400000) / 1000)}\n`);
    sh(lab, "touch -d '2 hours ago' /tmp/h");
    expect(sh(lab, "stat -c %Y /tmp/h").out).toBe(`${Math.floor((lab.world.clock - 7200000) / 1000)}\n`);
    expect(sh(lab, "touch -d junk /tmp/y")).toMatchObject({
      out: "touch: invalid date format ‘junk’\n",
      exit: 1,
    });
    expect(sh(lab, "link a b c").out).toBe(
      "link: extra operand ‘c’\nTry 'link --help' for more information.\n",
    );
    expect(sh(lab, "mktemp -p /nosuch").out).toBe(
      "mktemp: failed to create file via template ‘/nosuch/tmp.XXXXXXXXXX’: No such file or directory\n",
    );
    expect(sh(lab, "dd foo=1").out).toBe(
      "dd: unrecognized operand ‘foo=1’\nTry 'dd --help' for more information.\n",
    );
    sh(lab, "printf 'junk\\n\\nb1946ac92492d2347c6235b4d2611184  /nonexist\\n' > /tmp/s");
    expect(sh(lab, "md5sum -c -w /tmp/s")).toMatchObject({
      out:
        "md5sum: /tmp/s: 1: improperly formatted MD5 checksum line\n" +
        "md5sum: /nonexist: No such file or directory\n/nonexist: FAILED open or read\n" +
        "md5sum: WARNING: 1 line is improperly formatted\nmd5sum: WARNING: 1 listed file could not be read\n",
      exit: 1,
    });
  });
});
