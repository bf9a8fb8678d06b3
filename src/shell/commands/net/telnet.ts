/**
 * `telnet HOST [PORT]`: busybox's in containers, netkit's on the host. The connection is a real
 * TCP handshake; what the shell pipes in is sent and the answer printed before the server closes.
 * Typed at a prompt, the session stays open until the server's idle timeout or Ctrl+C.
 */
import { advanceClock } from "../../../engine/world";
import { goLive, ToolExit } from "../../command";
import type { Command, Ctx, Handler, ProcessKind } from "../../types";
import { busyboxUsage } from "../busybox";
import { strerror } from "../strerror";
import { killedWithContainer, typedAtPrompt } from "./common";
import { connectTo } from "./nc";

/** Servers close an idle connection after a minute (nginx's client_header_timeout). */
const IDLE_MS = 60_000;

interface TelnetState {
  busybox: boolean;
  closesAt: number;
}

function closed(ctx: Ctx, busybox: boolean): number {
  ctx.out.write(busybox ? "Connection closed by foreign host\r\n" : "Connection closed by foreign host.\n");
  return 1;
}

const telnet: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const [host, portText, extra] = ctx.argv.slice(1);
  if (!host || extra !== undefined || host.startsWith("-")) {
    throw busybox
      ? busyboxUsage("telnet")
      : new ToolExit(
          1,
          "Usage: telnet [-4] [-6] [-8] [-E] [-L] [-a] [-d] [-e char] [-l user] [-n tracefile] [ -b addr ] [-r] [host-name [port]]\n",
        );
  }
  const port = Number(portText ?? "23");
  const r = connectTo(ctx, host, port, ctx.stdin || undefined, 127_000);
  if (r.kind === "bad-address" || r.kind === "tempfail") {
    if (busybox) ctx.out.error(`telnet: bad address '${host}'`);
    else {
      ctx.out.error(
        `telnet: ${host}: ${r.kind === "tempfail" ? "Temporary failure in name resolution" : "Name or service not known"}`,
      );
      ctx.out.error(`${host}: Unknown host`);
    }
    return 1;
  }
  if (!busybox) ctx.out.line(`Trying ${r.ip}...`);
  if (r.kind === "failed") {
    ctx.out.error(
      busybox
        ? `telnet: can't connect to remote host (${r.ip}): ${strerror(r.errno)}`
        : `telnet: Unable to connect to remote host: ${strerror(r.errno)}`,
    );
    return 1;
  }
  ctx.out.line(busybox ? `Connected to ${host}` : `Connected to ${host}.`);
  if (!busybox) ctx.out.line("Escape character is '^]'.");
  if (ctx.stdin) {
    if (r.response !== undefined) ctx.out.write(r.response);
    return closed(ctx, busybox);
  }
  // No terminal to read from (`docker exec c telnet …` without -it): busybox's reads end of file and it leaves.
  if (busybox && !typedAtPrompt(ctx)) return 0;
  const state: TelnetState = { busybox, closesAt: ctx.world.clock + IDLE_MS };
  goLive(ctx, telnetProcess, state);
  return 0;
};

const telnetProcess: ProcessKind<TelnetState> = {
  name: "telnet",
  resume(ctx, s, until) {
    if (killedWithContainer(ctx)) return 137;
    if (until < s.closesAt) {
      advanceClock(ctx.world, until);
      return undefined;
    }
    advanceClock(ctx.world, s.closesAt);
    return closed(ctx, s.busybox);
  },
  interrupt(ctx, s) {
    return closed(ctx, s.busybox);
  },
};

export const commands: Command[] = [
  { name: "telnet", where: ["host", "busybox"], processes: [telnetProcess], run: telnet },
];
