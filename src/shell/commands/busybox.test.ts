/** busybox itself (30-busybox-applets): its help and lists, any applet by name, and no applet of the image "not found". */
import { describe, expect, it } from "vitest";
import { createLab } from "../lab";
import { placeOf } from "../place";
import { APPLET_PATHS, APPLETS } from "./busybox-applets";
import { COMMANDS } from "./index";
import { sh } from "./net/test-helpers";

function withBusybox() {
  const lab = createLab();
  sh(lab, "docker run -itd --name c1 busybox");
  return lab;
}

describe("busybox", () => {
  it("lists its 269 applets, by name and by path, and shows them in its help as busybox wraps them", () => {
    const lab = withBusybox();
    expect(APPLETS).toHaveLength(269);
    expect(sh(lab, "docker exec c1 busybox --list").out).toBe(`${APPLETS.join("\n")}\n`);
    expect(sh(lab, "docker exec c1 busybox --list-full").out).toBe(`${APPLET_PATHS.join("\n")}\n`);
    const help = sh(lab, "docker exec c1 busybox").out;
    expect(help).toContain("Currently defined functions:\n\t[, [[, acpid, adjtimex, ar, arch, arp, arping,");
    expect(help).toContain("\tdepmod, devmem, df, diff, dirname, dmesg, dnsdomainname, dos2unix,\n\tdpkg,");
    expect(help.endsWith("whoami, xargs, xxd, xz, xzcat, yes, zcat\n")).toBe(true);
  });

  it("runs an applet by name with busybox's words, on the host too; refuses what it does not have", () => {
    const lab = withBusybox();
    expect(sh(lab, "docker exec c1 busybox seq 2").out).toBe("1\n2\n");
    expect(sh(lab, "docker exec c1 busybox nosuch")).toMatchObject({
      out: "nosuch: applet not found\n",
      exit: 127,
    });
    expect(sh(lab, "busybox sed s/a/b").out).toBe("sed: unmatched '/'\n");
    expect(sh(lab, "sed s/a/b").out).toBe("sed: -e expression #1, char 5: unterminated `s' command\n");
  });

  it("has every applet of the image in a container: each runs, or says plainly the lab does not simulate it", () => {
    const lab = withBusybox();
    const c1 = lab.world.machines.host1?.docker?.containers.find((c) => c.name === "c1");
    const place = placeOf(lab.world, { machine: "host1", container: c1?.id, shell: "sh", env: {}, cwd: "/" });
    expect(place.flavor).toBe("busybox");
    expect(APPLETS.filter((applet) => !COMMANDS.find(applet, place))).toEqual([]);
    expect(sh(lab, "docker exec c1 sh -c 'i2cdetect; gzip; vi /etc/hosts'").out).toBe(
      ["i2cdetect", "gzip", "vi"]
        .map((a) => `${a}: this applet is not simulated in Docker Network Lab\n`)
        .join(""),
    );
    expect(sh(lab, "docker exec c1 fdisk -l")).toMatchObject({
      out: "fdisk: this applet is not simulated in Docker Network Lab\n",
      exit: 1,
    });
    // A Debian image has no busybox applets of its own.
    sh(lab, "docker run -itd --name d1 debian");
    expect(sh(lab, "docker exec d1 fdisk -l").exit).toBe(126);
  });
});
