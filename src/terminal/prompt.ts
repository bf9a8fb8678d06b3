/** The prompt a shell shows: `[root@host1 ~]# ` on the host, `/ # ` in busybox, `root@<id>:/# ` in Debian. */
import { containerSpec } from "../engine/docker/images";
import type { World } from "../engine/world";
import { containerOf } from "../shell/place";
import type { Frame } from "../shell/types";

export function promptFor(world: World, frame: Frame): string {
  const c = containerOf(world, frame);
  if (!c) {
    const host = world.machines[frame.machine]?.hostname ?? frame.machine;
    const dir = frame.cwd === "/root" ? "~" : frame.cwd.slice(frame.cwd.lastIndexOf("/") + 1) || "/";
    return `[root@${host} ${dir}]# `;
  }
  if (containerSpec(c).flavor === "busybox") return `${frame.cwd === "/root" ? "~" : frame.cwd} # `;
  return `root@${c.config.hostname}:${frame.cwd === "/root" ? "~" : frame.cwd}# `;
}
