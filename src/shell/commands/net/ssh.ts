/**
 * `ssh [user@]HOST` from the Docker host to another machine on the LAN (the laptop): a real TCP
 * connection to port 22 through the datapath, then a login shell there; `exit` comes back with
 * "Connection to HOST closed." as OpenSSH says. Keys are set up, so no password is asked.
 */
import type { Command, Handler } from "../../types";
import { strerror } from "../strerror";
import { connectTo } from "./nc";

const SSH_TIMEOUT_MS = 75_000;

function machineWithAddress(ctx: Parameters<Handler>[0], ip: string): string | undefined {
  return Object.values(ctx.world.machines).find((m) =>
    ctx.world.netns[m.rootNs]?.links.some((l) => l.addrs.some((a) => a.ip === ip)),
  )?.name;
}

function lastLogin(t: number, from: string): string {
  const d = new Date(t);
  const day = d.toUTCString().slice(0, 3);
  const month = d.toUTCString().slice(8, 11);
  const time = d.toISOString().slice(11, 19);
  return `Last login: ${day} ${month} ${String(d.getUTCDate()).padStart(2, " ")} ${time} ${d.getUTCFullYear()} from ${from}`;
}

const ssh: Handler = (ctx) => {
  const target = ctx.argv.slice(1).find((a) => !a.startsWith("-"));
  if (!target) {
    ctx.out.error("usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]");
    ctx.out.error("           [-c cipher_spec] [-D [bind_address:]port] [-E log_file] [-e escape_char]");
    ctx.out.error("           destination [command [argument ...]]");
    return 255;
  }
  const host = target.slice(target.indexOf("@") + 1);
  const r = connectTo(ctx, host, 22, undefined, SSH_TIMEOUT_MS);
  if (r.kind === "bad-address" || r.kind === "tempfail") {
    const why = r.kind === "tempfail" ? "Temporary failure in name resolution" : "Name or service not known";
    ctx.out.error(`ssh: Could not resolve hostname ${host}: ${why}`);
    return 255;
  }
  if (r.kind === "failed") {
    ctx.out.error(`ssh: connect to host ${host} port 22: ${strerror(r.errno)}`);
    return 255;
  }
  const machine = machineWithAddress(ctx, r.ip);
  if (!machine) return 255;
  const here = ctx.world.netns[ctx.place.netns]?.links.find((l) => l.kind === "ether")?.addrs[0]?.ip ?? "";
  ctx.out.line(lastLogin(ctx.world.clock - 3_600_000, here));
  ctx.effects.push = { machine, shell: "bash", env: {}, cwd: "/root", login: host };
  return 0;
};

export const commands: Command[] = [{ name: "ssh", where: ["host"], run: ssh }];
