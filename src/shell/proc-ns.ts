/**
 * The kernel's /proc/PID/ns/net and /proc/PID/ns/uts links as `readlink` shows them ("net:[4026532247]"):
 * one inode number per namespace, the init ones' fixed, so that a `--net=host` container's net link
 * is the host's and a `--uts=host` one's uts link too. (Other namespace kinds are not modelled.)
 */
import { containerOf } from "./place";
import type { Ctx } from "./types";

/** The initial namespaces' inode numbers (PROC_NET_INIT_INO, PROC_UTS_INIT_INO). */
const INIT = { net: 4026531840, uts: 4026531838 };
/** Where the kernel's numbers for namespaces made after boot begin. */
const FIRST_MADE = 4026532160;

export function procNsLink(ctx: Ctx, path: string): string | undefined {
  const m = /^\/proc\/(self|\d+)\/ns\/(net|uts)$/.exec(path);
  if (!m) return undefined;
  const kind = m[2] === "uts" ? "uts" : "net";
  const pid = m[1] ?? "self";
  const machine = ctx.world.machines[ctx.place.machine];
  if (!machine) return undefined;
  const netns = pid === "self" ? ctx.place.netns : machine.procs[pid]?.netns;
  if (netns === undefined) return undefined;
  const ids = Object.keys(ctx.world.netns);
  const number = (id: string) => (id === machine.rootNs ? INIT.net : FIRST_MADE + 2 * ids.indexOf(id));
  if (kind === "net") return `net:[${number(netns)}]`;
  // A container has its own UTS namespace unless it shares the host's (--uts=host, --net=host).
  const c = pid === "self" ? containerOf(ctx.world, ctx.frame) : undefined;
  const own = c && c.hostConfig.utsMode !== "host" && c.hostConfig.networkMode !== "host";
  return `uts:[${own && c.netns ? number(c.netns) + 1 : INIT.uts}]`;
}
