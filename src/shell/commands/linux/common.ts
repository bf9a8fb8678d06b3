/**
 * What the Linux networking tools here share: the privilege to change the namespace they look at
 * (the place's, see netnsOf in place.ts, so that `ip netns exec` and `nsenter -n` move it), and
 * byte counts as they print them.
 */

import { ToolExit } from "../../command";
import { containerOf } from "../../place";
import type { Ctx } from "../../types";

/** CAP_NET_ADMIN: root on a machine has it; a container's processes only with `--privileged`. */
export function canAdminister(ctx: Ctx): boolean {
  return ctx.place.kind === "host" || containerOf(ctx.world, ctx.frame)?.hostConfig.privileged === true;
}

export const BUSYBOX_BANNER = "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.";

/** What busybox prints for a usage error: the banner, the applet's usage, exit 1. */
export function busyboxUsage(usage: string): ToolExit {
  return new ToolExit(1, `${BUSYBOX_BANNER}\n\n${usage}\n`);
}

/** getopt's complaint about an unknown option, then the applet's usage, as busybox prints both. */
export function busyboxBadOption(applet: string, option: string, usage: string): ToolExit {
  return new ToolExit(1, `${applet}: invalid option -- '${option}'\n${busyboxUsage(usage).stderr}`);
}

/** Human-readable byte counts as net-tools and busybox print them: "1.4 KiB". */
export function scaledBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let whole = n;
  let tenth = 0;
  let unit = 0;
  while (whole >= 1024 && unit < units.length - 1) {
    tenth = Math.floor(((whole % 1024) * 10) / 1024);
    whole = Math.floor(whole / 1024);
    unit++;
  }
  return `${whole}.${tenth} ${units[unit]}`;
}
