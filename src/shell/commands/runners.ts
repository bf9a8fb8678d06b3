/**
 * Commands about other commands: `xargs` (runs one with the words it reads) and `which` (where a
 * busybox applet is linked). busybox 1.35's behaviour in busybox, GNU's elsewhere.
 */
import type { Command, Handler } from "../types";
import { APPLET_DIRS } from "./busybox-applets";

/** `xargs [COMMAND [ARG]...]`: the command (echo by default) with every word of stdin after its own. */
const xargs: Handler = (ctx) => {
  const command = ctx.argv.slice(1);
  const words = ctx.stdin.split(/\s+/).filter((w) => w !== "");
  return ctx.exec([...(command.length ? command : ["echo"]), ...words], ctx.frame, ctx.out);
};

/** `which NAME...`: each applet's link (busybox's PATH order: /bin, /sbin, /usr/bin, /usr/sbin); 1 if one is missing. */
const which: Handler = (ctx) => {
  let status = 0;
  for (const name of ctx.argv.slice(1)) {
    const dir = ["bin", "sbin", "usr/bin", "usr/sbin"].find((d) => APPLET_DIRS[d]?.includes(name));
    if (dir && ctx.commands.find(name, ctx.place)) ctx.out.line(`/${dir}/${name}`);
    else status = 1;
  }
  return status;
};

export const commands: Command[] = [
  { name: "xargs", where: ["host", "busybox", "debian"], run: xargs },
  { name: "which", where: ["busybox"], run: which },
];
