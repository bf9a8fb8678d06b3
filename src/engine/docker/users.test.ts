import { describe, expect, it } from "vitest";
import { named, ROOT, resolveUser, userFile, userName } from "./users";

const passwd = userFile("busybox", "/etc/passwd");
const group = userFile("busybox", "/etc/group");
const debianPasswd = userFile("debian", "/etc/passwd");
const debianGroup = userFile("debian", "/etc/group");

describe("runc's user lookup", () => {
  it("runs as root when no user is given, and takes a named user's own group", () => {
    expect(resolveUser("", passwd, group)).toEqual(ROOT);
    expect(resolveUser("nobody", passwd, group)).toEqual({ uid: 65534, gid: 65534, groups: [65534] });
    expect(resolveUser("www-data", debianPasswd, debianGroup)).toEqual({ uid: 33, gid: 33, groups: [33] });
  });

  it("accepts a uid or gid that no file names, with gid 0 for an unknown uid", () => {
    expect(resolveUser("1", passwd, group)).toEqual({ uid: 1, gid: 0, groups: [0] });
    expect(resolveUser("5:7", passwd, group)).toEqual({ uid: 5, gid: 7, groups: [7] });
    expect(resolveUser("nobody:root", passwd, group)).toEqual({ uid: 65534, gid: 0, groups: [0] });
  });

  it("adds the groups that list the user as a member", () => {
    const withMembers = "root:x:0:\nwheel:x:10:root,alice\nstaff:x:50:alice\n";
    expect(resolveUser("root", passwd, withMembers).groups).toEqual([0, 10]);
  });

  it("refuses a name that is not there, in runc's words", () => {
    expect(() => resolveUser("nosuch", passwd, group)).toThrow(
      "unable to find user nosuch: no matching entries in passwd file",
    );
    expect(() => resolveUser("0:nosuch", passwd, group)).toThrow(
      "unable to find group nosuch: no matching entries in group file",
    );
  });

  it("names ids as id prints them, and finds whoami's name", () => {
    expect(named(65534, group)).toBe("65534(nogroup)");
    expect(named(7, group)).toBe("7");
    expect(userName(65534, passwd)).toBe("nobody");
    expect(userName(1234, passwd)).toBeUndefined();
  });
});
