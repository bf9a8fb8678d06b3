/**
 * Who a container's process runs as: `--user`/`-u` looked up in the image's /etc/passwd and
 * /etc/group as runc's user.GetExecUser does (a name must be there, a number need not be), with its
 * refusals in runc's words. The busybox userland's files are the instrument's image's (root and
 * nobody), the Debian ones Debian 12's base-passwd.
 */
import { DaemonError } from "./errors";
import { containerSpec, type Flavor } from "./images";
import type { Container } from "./types";

export interface ProcessUser {
  uid: number;
  gid: number;
  /** Supplementary groups: the primary one, then those listing the user as a member. */
  groups: number[];
}

export const ROOT: ProcessUser = { uid: 0, gid: 0, groups: [0] };

const BUSYBOX_PASSWD = `root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/home:/bin/false
`;
const BUSYBOX_GROUP = `root:x:0:
nogroup:x:65534:
`;

const DEBIAN_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;
const DEBIAN_GROUP = `${[
  "root:x:0:",
  "daemon:x:1:",
  "bin:x:2:",
  "sys:x:3:",
  "adm:x:4:",
  "tty:x:5:",
  "disk:x:6:",
  "lp:x:7:",
  "mail:x:8:",
  "news:x:9:",
  "uucp:x:10:",
  "man:x:12:",
  "proxy:x:13:",
  "kmem:x:15:",
  "dialout:x:20:",
  "fax:x:21:",
  "voice:x:22:",
  "cdrom:x:24:",
  "floppy:x:25:",
  "tape:x:26:",
  "sudo:x:27:",
  "audio:x:29:",
  "dip:x:30:",
  "www-data:x:33:",
  "backup:x:34:",
  "operator:x:37:",
  "list:x:38:",
  "irc:x:39:",
  "src:x:40:",
  "shadow:x:42:",
  "utmp:x:43:",
  "video:x:44:",
  "sasl:x:45:",
  "plugdev:x:46:",
  "staff:x:50:",
  "games:x:60:",
  "users:x:100:",
  "nogroup:x:65534:",
].join("\n")}\n`;

/** An image's own /etc/passwd or /etc/group, by its userland. */
export function userFile(flavor: Flavor, path: "/etc/passwd" | "/etc/group"): string {
  if (path === "/etc/passwd") return flavor === "busybox" ? BUSYBOX_PASSWD : DEBIAN_PASSWD;
  return flavor === "busybox" ? BUSYBOX_GROUP : DEBIAN_GROUP;
}

/** A container's /etc/passwd or /etc/group: as it wrote it, else its image's. */
export function containerUserFile(c: Container, path: "/etc/passwd" | "/etc/group"): string | undefined {
  return c.files[path] ?? userFile(containerSpec(c).flavor, path);
}

/** Who a process of the container runs as: `-u` of exec, else the container's --user. */
export function containerUser(c: Container, spec = c.config.user): ProcessUser {
  return resolveUser(spec, containerUserFile(c, "/etc/passwd"), containerUserFile(c, "/etc/group"));
}

/** The entries of a passwd or group file: name, then its numeric fields and members. */
function entries(file: string | undefined): string[][] {
  return (file ?? "")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"))
    .map((l) => l.split(":"));
}

const numeric = (s: string) => /^\d+$/.test(s);

/**
 * `-u name|uid[:group|gid]` against the files, or runc's refusal. A uid not in passwd keeps gid 0;
 * a named user takes its passwd group and the groups listing it.
 */
export function resolveUser(
  spec: string,
  passwd: string | undefined,
  group: string | undefined,
): ProcessUser {
  if (spec === "") return ROOT;
  const [userPart = "", groupPart] = spec.split(":", 2);
  const users = entries(passwd);
  const groups = entries(group);
  const entry = users.find((u) => (numeric(userPart) ? u[2] === userPart : u[0] === userPart));
  if (!entry && !numeric(userPart))
    throw new DaemonError(`unable to find user ${userPart}: no matching entries in passwd file`, 500);
  const uid = entry ? Number(entry[2]) : Number(userPart);
  let gid = entry ? Number(entry[3]) : 0;
  if (groupPart !== undefined && groupPart !== "") {
    const found = groups.find((g) => (numeric(groupPart) ? g[2] === groupPart : g[0] === groupPart));
    if (!found && !numeric(groupPart))
      throw new DaemonError(`unable to find group ${groupPart}: no matching entries in group file`, 500);
    gid = found ? Number(found[2]) : Number(groupPart);
    return { uid, gid, groups: [gid] };
  }
  const name = entry?.[0];
  const member = name
    ? groups.filter((g) => (g[3] ?? "").split(",").includes(name)).map((g) => Number(g[2]))
    : [];
  return { uid, gid, groups: [gid, ...member.filter((g) => g !== gid)] };
}

/** A name for a uid or gid from its file, as id prints it: "65534(nobody)", or the number alone. */
export function named(id: number, file: string | undefined): string {
  const found = entries(file).find((e) => e[2] === String(id));
  return found ? `${id}(${found[0]})` : String(id);
}

/** The name a uid has in passwd, if any (whoami). */
export function userName(uid: number, passwd: string | undefined): string | undefined {
  return entries(passwd).find((e) => e[2] === String(uid))?.[0];
}
