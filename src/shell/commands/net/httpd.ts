/**
 * busybox `httpd [-f] [-p [IP:]PORT] [-h HOME]`: binds its port (IPv6 wildcard, as netstat shows
 * `:::80`) and serves the files under HOME to whoever connects; the datapath finds it by its socket.
 * In the foreground (-f) it runs until Ctrl+C; without -f it daemonises and the shell returns.
 */

import { goLive } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Handler } from "../../types";
import { busyboxUsage } from "../busybox";
import { getopt } from "../getopt";
import { listenerProcess, startListener } from "./listener";

const httpd: Handler = (ctx) => {
  // busybox httpd prints only its usage, whatever is wrong.
  const parsed = getopt(ctx.argv.slice(1), "ifvc:p:u:r:h:m:e:d:", () => busyboxUsage("httpd"));
  if (parsed.operands.length > 0) throw busyboxUsage("httpd");
  const bind = parsed.values.get("p") ?? "80";
  const colon = bind.lastIndexOf(":");
  const ip = colon >= 0 ? bind.slice(0, colon) : "::";
  const port = Number(colon >= 0 ? bind.slice(colon + 1) : bind);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    ctx.out.error(`httpd: invalid port '${bind}'`);
    return 1;
  }
  const command = ["httpd", ...ctx.argv.slice(1)].join(" ");
  const state = startListener(ctx, netnsOf(ctx), { proto: "tcp", ip, port, program: "httpd" }, command);
  if (!state) {
    ctx.out.error("httpd: bind: Address already in use");
    return 1;
  }
  if (parsed.flags.has("f")) goLive(ctx, listenerProcess, state);
  return 0;
};

export const commands: Command[] = [
  { name: "httpd", where: ["host", "busybox"], processes: [listenerProcess], run: httpd },
];
