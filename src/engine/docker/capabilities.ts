/**
 * A container's Linux capabilities: Docker's default set, then `--cap-drop`, then `--cap-add`
 * (ALL in either), or every one with `--privileged`; names as the daemon normalises them
 * ("net_admin" and "NET_ADMIN" are CAP_NET_ADMIN) and its refusal of one the kernel lacks.
 */
import { DaemonError } from "./errors";
import type { Container } from "./types";

const ALL = [
  ...["CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID"],
  ...["SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW"],
  ...["IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT"],
  ...["SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD"],
  ...["LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG"],
  ...["WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE"],
].map((c) => `CAP_${c}`);

/** What runc grants a container that asks for nothing (moby's oci/caps defaults). */
const DEFAULT = [
  ...["CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID", "SETUID"],
  ...["SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE"],
].map((c) => `CAP_${c}`);

/** The daemon's spelling of `--cap-add`/`--cap-drop` values: CAP_ and upper case, ALL as it is. */
export function normalizeCaps(values: string[], flag: "CapAdd" | "CapDrop"): string[] {
  return values.map((v) => {
    const upper = v.toUpperCase();
    if (upper === "ALL") return "ALL";
    const name = upper.startsWith("CAP_") ? upper : `CAP_${upper}`;
    if (!ALL.includes(name)) throw new DaemonError(`invalid ${flag}: unknown capability: "${name}"`, 400);
    return name;
  });
}

/** Whether the container's processes hold `cap` ("CAP_NET_ADMIN"). */
export function hasCapability(c: Container, cap: string): boolean {
  const h = c.hostConfig;
  if (h.privileged) return true;
  const add = h.capAdd ?? [];
  const drop = h.capDrop ?? [];
  if (add.includes("ALL") || add.includes(cap)) return true;
  if (drop.includes("ALL") || drop.includes(cap)) return false;
  return DEFAULT.includes(cap);
}
