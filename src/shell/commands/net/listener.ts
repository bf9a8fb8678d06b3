/**
 * Servers started from a shell (`httpd`, `nc -l`): a process on the machine and a listening socket
 * in the namespace, so that connections find them as they find any other listener. In the
 * foreground they are live processes until Ctrl+C; daemonised they stay until killed.
 */
import type { Netns } from "../../../engine/linux/types";
import { randInt } from "../../../engine/rng";
import { containerOf } from "../../place";
import type { Ctx, ProcessKind } from "../../types";

export interface ListenerState {
  machine: string;
  netns: string;
  pid: number;
}

/** Spawns the server process and binds its socket; undefined when the port is taken. */
export function startListener(
  ctx: Ctx,
  ns: Netns,
  socket: { proto: "tcp" | "udp"; ip: string; port: number; program: string },
  command: string,
): ListenerState | undefined {
  const wildcard = socket.ip === "0.0.0.0" || socket.ip === "::";
  const taken = ns.sockets.some(
    (s) =>
      s.proto === socket.proto &&
      s.port === socket.port &&
      (wildcard || s.ip === socket.ip || s.ip === "0.0.0.0" || s.ip === "::"),
  );
  if (taken) return undefined;
  const machine = ctx.world.machines[ctx.place.machine];
  if (!machine) return undefined;
  machine.nextPid += randInt(ctx.world.rng, 3, 40);
  const pid = machine.nextPid;
  const container = containerOf(ctx.world, ctx.frame);
  machine.procs[String(pid)] = {
    pid,
    netns: ns.id,
    command,
    ...(container ? { container: container.id } : {}),
  };
  ns.sockets.push({ ...socket, pid });
  return { machine: machine.name, netns: ns.id, pid };
}

function stopListener(ctx: Ctx, s: ListenerState): void {
  delete ctx.world.machines[s.machine]?.procs[String(s.pid)];
  const ns = ctx.world.netns[s.netns];
  if (ns) ns.sockets = ns.sockets.filter((x) => x.pid !== s.pid);
}

/** A server in the foreground: it runs until its process is gone or Ctrl+C kills it (exit 130). */
export const listenerProcess: ProcessKind<ListenerState> = {
  name: "listener",
  resume(ctx, s) {
    return ctx.world.machines[s.machine]?.procs[String(s.pid)] ? undefined : 0;
  },
  interrupt(ctx, s) {
    stopListener(ctx, s);
    return 130;
  },
};
