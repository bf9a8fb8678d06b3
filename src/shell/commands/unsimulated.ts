/**
 * What the lab says of a program, or a part of one, that it does not simulate: one wording, used by
 * busybox's applets that the lab does not run (so that none of them answers "not found": the
 * image has them).
 */
import type { Command, Handler } from "../types";

export const NOT_SIMULATED = "is not simulated in Docker Network Lab";

/**
 * Applets that make no sense in a browser lab: disks and filesystems, kernel modules, consoles and
 * keyboards, booting and power, logins and passwords, system daemons, package formats, hardware.
 */
const NO_SENSE = [
  ...["blkdiscard", "blockdev", "fatattr", "fdisk", "findfs", "freeramdisk", "fsfreeze", "fstrim", "losetup"],
  ...[
    "mkdosfs",
    "mke2fs",
    "mkswap",
    "partprobe",
    "swapoff",
    "swapon",
    "mdev",
    "mknod",
    "mkfifo",
    "mt",
    "shred",
  ],
  ...["depmod", "insmod", "lsmod", "modinfo", "modprobe", "rmmod", "devmem", "lsscsi", "hwclock", "adjtimex"],
  ...[
    "i2cdetect",
    "i2cdump",
    "i2cget",
    "i2cset",
    "i2ctransfer",
    "microcom",
    "ubirename",
    "uevent",
    "watchdog",
  ],
  ...["chvt", "deallocvt", "dumpkmap", "loadfont", "loadkmap", "openvt", "setkeycodes", "cttyhack", "reset"],
  ...["stty", "tty", "vi", "less", "more", "ed"],
  ...["halt", "poweroff", "reboot", "init", "linuxrc", "pivot_root", "switch_root", "run-init", "resume"],
  ...["nuke", "getty", "login", "nologin", "passwd", "su", "sulogin", "mkpasswd", "last", "w", "who"],
  ...[
    "acpid",
    "crond",
    "crontab",
    "klogd",
    "syslogd",
    "logger",
    "logread",
    "start-stop-daemon",
    "svc",
    "svok",
  ],
  ...["chroot", "setpriv", "unshare", "setsid", "taskset", "ionice", "renice", "chgrp", "chmod", "chown"],
  ...["dpkg", "dpkg-deb", "rpm", "rpm2cpio", "run-parts", "umount", "fallocate"],
  ...["udhcpc", "udhcpd", "dumpleases", "telnetd", "tftp", "ftpget", "ftpput", "ssl_client", "rdate"],
  ...["tc", "tunctl", "vconfig", "nameif", "ifup", "ifdown", "arping"],
];

/** Applets that would make sense in the lab and are not written yet: they say the same. */
const NOT_YET = [
  ...["mim"],
  ...["cpio", "ar", "gzip", "gunzip", "zcat", "bzip2", "bunzip2", "bzcat", "xz", "unxz", "xzcat"],
  ...["lzma", "unlzma", "lzcat", "lzop", "uncompress", "unzip"],
];

/** What an applet the lab does not run says (and busybox nsenter asked to enter a namespace with privilege). */
export const unsimulated: Handler = (ctx) => {
  ctx.out.error(`${ctx.argv[0]}: this applet ${NOT_SIMULATED}`);
  return 1;
};

export const commands: Command[] = [...NO_SENSE, ...NOT_YET].map((name) => ({
  name,
  where: ["busybox"],
  run: unsimulated,
}));
