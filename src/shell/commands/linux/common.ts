/**
 * What every Linux networking tool here shares: the privilege to change the namespace it looks at
 * (the place's, see netnsOf in place.ts, so that `ip netns exec` and `nsenter -n` move it), and an
 * early exit with a message, the way the C tools `exit()` from deep inside their argument parsers.
 */
import { syncAddrconf } from "../../../engine/linux/addrconf";
import { containerOf } from "../../place";
import type { Ctx, Handler } from "../../types";

/** Thrown to end a tool: `stderr` is printed as is (callers add the newline), then `code` is the exit status. */
export class ToolExit extends Error {
  constructor(
    readonly code: number,
    readonly stderr = "",
  ) {
    super(stderr);
  }
}

/** Wraps a tool: IPv6 addresses are brought up to date around it, and a ToolExit becomes its exit status. */
export function tool(body: (ctx: Ctx) => number): Handler {
  return (ctx) => {
    syncAddrconf(ctx.world);
    try {
      return body(ctx);
    } catch (error) {
      if (!(error instanceof ToolExit)) throw error;
      ctx.out.writeErr(error.stderr);
      return error.code;
    } finally {
      syncAddrconf(ctx.world);
    }
  };
}

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
