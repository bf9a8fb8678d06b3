/**
 * What a container sees mounted (its /proc/mounts): what runc mounts for Docker 26 when the
 * container is not privileged, recorded in 37-file-applets: the overlay root over the image's
 * layers, /proc, /dev, /sys and the cgroups, Docker's /etc files bind-mounted from the host's disk,
 * and the paths it masks. df and mount read the same table.
 */
import type { Container } from "./types";

export interface Mount {
  source: string;
  target: string;
  type: string;
  options: string;
  /** statfs of it in 1K blocks: total, used, available; none for what df leaves out (proc, sysfs …). */
  blocks?: [number, number, number];
}

/** tmpfs with runc's 64 MiB, and with the default half of the recording machine's memory. */
const TMPFS_64M: [number, number, number] = [65536, 0, 65536];
const TMPFS_HALF: [number, number, number] = [12341872, 0, 12341872];
/** The host's disk under the overlay (the recording machine's, as its statfs said). */
const HOST_DISK: [number, number, number] = [264212084, 25372076, 81018836];
const RO = "ro,nosuid,nodev,noexec,relatime";
const EXT4 = "rw,relatime,discard,resv_strict,resuid=65534,resgid=65534";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** overlay2's short layer links: 26 base32 characters, here read off the container's ID. */
function layerLink(id: string, k: number): string {
  return Array.from(
    { length: 26 },
    (_, i) => BASE32[Number.parseInt(id[(i * 2 + k) % id.length] ?? "0", 16) * 2 + k] ?? "A",
  ).join("");
}

export function containerMounts(container: Container): Mount[] {
  const layers = "/var/lib/docker/overlay2";
  const upper = `${layers}/${[...container.id].reverse().join("")}`;
  const cgroups = ["cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids"];
  const root = container.hostConfig.readonlyRootfs ? "ro" : "rw";
  return [
    {
      source: "overlay",
      target: "/",
      type: "overlay",
      options: `${root},relatime,lowerdir=${layers}/l/${layerLink(container.id, 0)}:${layers}/l/${layerLink(container.id, 1)},upperdir=${upper}/diff,workdir=${upper}/work`,
      blocks: HOST_DISK,
    },
    { source: "proc", target: "/proc", type: "proc", options: "rw,nosuid,nodev,noexec,relatime" },
    {
      source: "tmpfs",
      target: "/dev",
      type: "tmpfs",
      options: "rw,nosuid,size=65536k,mode=755",
      blocks: TMPFS_64M,
    },
    {
      source: "devpts",
      target: "/dev/pts",
      type: "devpts",
      options: "rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666",
    },
    { source: "sysfs", target: "/sys", type: "sysfs", options: RO },
    {
      source: "tmpfs",
      target: "/sys/fs/cgroup",
      type: "tmpfs",
      options: "rw,nosuid,nodev,noexec,relatime,mode=755",
      blocks: TMPFS_HALF,
    },
    ...cgroups.map((c) => ({
      source: "cgroup",
      target: `/sys/fs/cgroup/${c}`,
      type: "cgroup",
      options: `${RO},${c}`,
    })),
    { source: "cgroup", target: "/sys/fs/cgroup/systemd", type: "cgroup", options: `${RO},name=systemd` },
    { source: "mqueue", target: "/dev/mqueue", type: "mqueue", options: "rw,nosuid,nodev,noexec,relatime" },
    {
      source: "shm",
      target: "/dev/shm",
      type: "tmpfs",
      options: "rw,nosuid,nodev,noexec,relatime,size=65536k",
      blocks: TMPFS_64M,
    },
    ...["/etc/resolv.conf", "/etc/hostname", "/etc/hosts"].map((target) => ({
      source: "/dev/vda",
      target,
      type: "ext4",
      options: container.hostConfig.readonlyRootfs ? EXT4.replace(/^rw/, "ro") : EXT4,
      blocks: HOST_DISK,
    })),
    ...["bus", "fs", "irq", "sys"].map((d) => ({
      source: "proc",
      target: `/proc/${d}`,
      type: "proc",
      options: RO,
    })),
    { source: "tmpfs", target: "/proc/acpi", type: "tmpfs", options: "ro,relatime", blocks: TMPFS_HALF },
    ...["keys", "timer_list"].map((d) => ({
      source: "tmpfs",
      target: `/proc/${d}`,
      type: "tmpfs",
      options: "rw,nosuid,size=65536k,mode=755",
      blocks: TMPFS_64M,
    })),
    { source: "tmpfs", target: "/sys/firmware", type: "tmpfs", options: "ro,relatime", blocks: TMPFS_HALF },
  ];
}

/** /proc/mounts: one line a mount, as the kernel writes it. */
export function procMounts(container: Container): string {
  return containerMounts(container)
    .map((m) => `${m.source} ${m.target} ${m.type} ${m.options} 0 0\n`)
    .join("");
}
