/**
 * `busybox APPLET ...` on the host (the recordings fetch with `busybox wget`): the network applets
 * run with busybox's behaviour and wording wherever they are called from; other applets are the
 * host's own commands.
 */
import { runCommand } from "../../command";
import type { Command, Handler } from "../../types";
import { BUSYBOX_BANNER } from "./busybox";

/** The applets busybox answers itself when called as `busybox NAME`. */
const APPLETS = new Set(["ping", "nslookup", "wget", "nc", "telnet", "traceroute", "httpd"]);

const busybox: Handler = (ctx) => {
  const [applet, ...args] = ctx.argv.slice(1);
  if (applet === undefined || applet === "--help") {
    ctx.out.line(BUSYBOX_BANNER);
    ctx.out.line("BusyBox is copyrighted by many authors between 1998-2015.");
    ctx.out.line("Licensed under GPLv2. See source distribution for detailed");
    ctx.out.line("copyright notices.");
    ctx.out.line("");
    ctx.out.line("Usage: busybox [function [arguments]...]");
    ctx.out.line("   or: busybox --list[-full]");
    ctx.out.line("   or: function [arguments]...");
    return 0;
  }
  const own = APPLETS.has(applet) ? ctx.commands.named(applet) : undefined;
  if (own)
    return runCommand(own, { ...ctx, argv: [applet, ...args], place: { ...ctx.place, flavor: "busybox" } });
  if (!ctx.commands.find(applet, ctx.place)) {
    ctx.out.error(`${applet}: applet not found`);
    return 127;
  }
  return ctx.exec([applet, ...args], ctx.frame);
};

export const commands: Command[] = [{ name: "busybox", where: "installed", run: busybox }];
