import { describe, expect, it } from "vitest";
import { play } from "../../../testing/transcript";
import { createLab, type Lab, printed, run } from "../../lab";

function transcript(lab: Lab, text: string): void {
  const { expected, actual } = play(lab, text);
  expect(actual).toBe(expected);
}

function withContainer(privileged = false): Lab {
  const lab = createLab();
  expect(run(lab, `docker run -dit --name c1 ${privileged ? "--privileged " : ""}busybox`).exit).toBe(0);
  return lab;
}

describe("busybox brctl, nsenter and ln in a container", () => {
  it("brctl has only its four bridge commands, and changes nothing without privilege", () => {
    const lab = withContainer();
    transcript(
      lab,
      `$ docker exec c1 brctl showstp docker0
brctl: invalid argument 'showstp' to 'brctl'
[exit 1]

$ docker exec c1 brctl delif br0 eth0
brctl: bridge br0: Operation not permitted
[exit 1]
`,
    );
    expect(printed(run(lab, "docker exec c1 brctl addbr"))).toContain("Usage: brctl COMMAND [BRIDGE [ARGS]]");
  });

  it("brctl in a privileged container makes the bridge", () => {
    const lab = withContainer(true);
    expect(run(lab, "docker exec c1 brctl addbr br9").exit).toBe(0);
    expect(printed(run(lab, "docker exec c1 ip link show br9"))).toContain("br9: <BROADCAST,MULTICAST>");
  });

  it("nsenter refuses the first namespace it would enter, and runs its program without one", () => {
    const lab = withContainer();
    transcript(
      lab,
      `$ docker exec c1 nsenter -t 1 -m -u hostname
nsenter: setns(): can't reassociate to namespace 'uts': Operation not permitted
[exit 1]

$ docker exec c1 nsenter --mount=/proc/1/ns/mnt true
nsenter: setns(): can't reassociate to namespace 'mnt': Operation not permitted
[exit 1]

$ docker exec c1 nsenter -t 1 nosuch
nsenter: can't execute 'nosuch': No such file or directory
[exit 127]
`,
    );
  });

  it("ln makes symbolic links the tools follow, and hard links that copy", () => {
    const lab = withContainer();
    transcript(
      lab,
      `$ docker exec c1 sh -c 'echo hi > /tmp/a; ln -s a /tmp/b; cat /tmp/b; readlink /tmp/b'
hi
a
[exit 0]

$ docker exec c1 sh -c 'mkdir /tmp/d; ln -s /tmp/a /tmp/d; ls /tmp/d'
a
[exit 0]

$ docker exec c1 sh -c 'ln /tmp/a /tmp/h && cat /tmp/h'
hi
[exit 0]

$ docker exec c1 ln -s /x /nodir/y
ln: /nodir/y: No such file or directory
[exit 1]

$ docker exec c1 ln -s /etc/hosts /etc/resolv.conf
ln: /etc/resolv.conf: File exists
[exit 1]
`,
    );
    expect(printed(run(lab, "docker exec c1 ln -x a b"))).toMatch(
      /^ln: invalid option -- 'x'\nBusyBox v1\.35\.0/,
    );
  });

  it("ln in a read-only container fails with EROFS", () => {
    const lab = createLab();
    run(lab, "docker run -dit --name ro --read-only busybox");
    transcript(
      lab,
      `$ docker exec ro ln -s /etc/hosts /tmp/h
ln: /tmp/h: Read-only file system
[exit 1]
`,
    );
  });
});
