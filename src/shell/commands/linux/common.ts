/**
 * What the Linux networking tools here share: the privilege to change the namespace they look at
 * (the place's, see netnsOf in place.ts, so that `ip netns exec` and `nsenter -n` move it), and
 * byte counts as they print them.
 */

import { hasCapability } from "../../../engine/docker/capabilities";
import { containerOf } from "../../place";
import type { Ctx } from "../../types";

/** CAP_NET_ADMIN: root on a machine has it; a container's processes with `--privileged` or `--cap-add`. */
export function canAdminister(ctx: Ctx): boolean {
  const c = containerOf(ctx.world, ctx.frame);
  return ctx.place.kind === "host" || (c !== undefined && hasCapability(c, "CAP_NET_ADMIN"));
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
