/**
 * `nc`: busybox's (no -z in Debian's 1.35 build: `nc -zv` is an invalid option there) and OpenBSD
 * netcat's on the host (`-z` scans, `-v` reports). Connecting is a real TCP handshake; what the
 * shell piped in is sent and the answer printed. `-l` listens until Ctrl+C.
 */
import { tcpSession } from "../../../engine/packet/exchange";
import { advanceClock } from "../../../engine/world";
import { goLive, ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Ctx, Handler } from "../../types";
import { busyboxBadOption, busyboxUsage } from "../busybox";
import { getopt, problemText } from "../getopt";
import { strerror } from "../strerror";
import { senderName, traced } from "./common";
import { connectErrno } from "./http-client";
import { listenerProcess, startListener } from "./listener";
import { resolveAddress } from "./resolver";

/** /etc/services names OpenBSD nc prints in its -v lines. */
const SERVICES: Record<number, string> = {
  21: "ftp",
  22: "ssh",
  23: "telnet",
  25: "smtp",
  53: "domain",
  80: "http",
  443: "https",
  3306: "mysql",
  5432: "postgresql",
  6379: "redis",
  8080: "http-alt",
};

export function serviceName(port: number): string | undefined {
  return SERVICES[port];
}

interface Connected {
  kind: "connected";
  ip: string;
  response?: string;
}

type Attempt =
  | Connected
  | { kind: "bad-address" }
  | { kind: "tempfail" }
  | { kind: "failed"; ip: string; errno: string };

/** Resolves and connects, sending `data` if any; waits `timeoutMs` when nothing answers. */
export function connectTo(
  ctx: Ctx,
  host: string,
  port: number,
  data: string | undefined,
  timeoutMs: number,
): Attempt {
  const found = resolveAddress(ctx, host, undefined, ctx.world.clock);
  advanceClock(ctx.world, found.end);
  if (found.res.kind === "tempfail") return { kind: "tempfail" };
  const { ip } = found;
  if (ip === undefined) return { kind: "bad-address" };
  const start = ctx.world.clock;
  const { result, end } = traced(
    ctx,
    start,
    "TCP",
    `${senderName(ctx)} → ${ip}:${port} connect`,
    (sim) => tcpSession(sim, netnsOf(ctx), ip, port, data),
    (r) => r.kind === "connected",
  );
  if (result.kind === "connected") {
    advanceClock(ctx.world, end);
    return result.response === undefined
      ? { kind: "connected", ip }
      : { kind: "connected", ip, response: result.response };
  }
  // The tool's own timeout wins over a failure that comes later (an ARP that gives up after 3 s).
  const late = end - start > timeoutMs;
  const errno = late ? "ETIMEDOUT" : connectErrno(result);
  advanceClock(ctx.world, errno === "ETIMEDOUT" ? start + timeoutMs : end);
  return { kind: "failed", ip, errno };
}

function busyboxNc(ctx: Ctx): number {
  const parsed = getopt(ctx.argv.slice(1), "lp:ei:w:f:", busyboxBadOption("nc"));
  const port = parsed.values.get("p");
  if (parsed.flags.has("l")) return listen(ctx, Number(port ?? "0"), `nc ${ctx.argv.slice(1).join(" ")}`);
  const [host, service] = parsed.operands;
  if (!host || !service) throw busyboxUsage("nc");
  const wait = parsed.values.has("w") ? Number(parsed.values.get("w")) * 1000 : 127_000;
  const r = connectTo(ctx, host, Number(service), ctx.stdin || undefined, wait);
  if (r.kind === "bad-address" || r.kind === "tempfail") {
    ctx.out.error(`nc: bad address '${host}'`);
    return 1;
  }
  if (r.kind === "failed") {
    if (r.errno === "ETIMEDOUT" && parsed.values.has("w")) ctx.out.error("nc: timed out");
    // xconnect() names the address only for IPv4.
    else
      ctx.out.error(
        `nc: can't connect to remote host${r.ip.includes(":") ? "" : ` (${r.ip})`}: ${strerror(r.errno)}`,
      );
    return 1;
  }
  if (r.response !== undefined) ctx.out.write(r.response);
  return 0;
}

const OPENBSD_USAGE = `usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]
\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]
\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]
\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]
\t  [destination] [port]
`;

function openbsdNc(ctx: Ctx): number {
  const { flags, values, operands } = getopt(
    ctx.argv.slice(1),
    "46DdhklnNrStUuvzC:w:p:s:q:",
    (p) => new ToolExit(1, `${problemText("nc", p)}\n${OPENBSD_USAGE}`),
  );
  if (flags.has("l"))
    return listen(ctx, Number(values.get("p") ?? operands[0] ?? "0"), `nc ${ctx.argv.slice(1).join(" ")}`);
  const [host, service] = operands;
  if (!host || !service) {
    ctx.out.writeErr(OPENBSD_USAGE);
    return 1;
  }
  const ports = service.split("-").map(Number);
  const [from = 0, to = from] = ports;
  const wait = values.has("w") ? Number(values.get("w")) * 1000 : 127_000;
  const verbose = flags.has("v");
  let exit = 1;
  for (let port = from; port <= to; port++) {
    const r = connectTo(ctx, host, port, flags.has("z") ? undefined : ctx.stdin || undefined, wait);
    if (r.kind === "bad-address" || r.kind === "tempfail") {
      const why =
        r.kind === "tempfail" ? "Temporary failure in name resolution" : "Name or service not known";
      ctx.out.error(`nc: getaddrinfo for host "${host}" port ${port}: ${why}`);
      return 1;
    }
    if (r.kind === "failed") {
      if (!verbose && !flags.has("z")) continue;
      if (verbose) {
        const what =
          r.errno === "ETIMEDOUT" ? "timed out: Operation now in progress" : `failed: ${strerror(r.errno)}`;
        ctx.out.error(`nc: connect to ${host} port ${port} (tcp) ${what}`);
      }
      continue;
    }
    exit = 0;
    if (verbose) {
      const named = host === r.ip ? host : `${host} (${r.ip})`;
      ctx.out.error(`Connection to ${named} ${port} port [tcp/${serviceName(port) ?? "*"}] succeeded!`);
    }
    if (r.response !== undefined) ctx.out.write(r.response);
  }
  return exit;
}

/** `nc -l -p PORT`: a listening socket until Ctrl+C. */
function listen(ctx: Ctx, port: number, command: string): number {
  const busybox = ctx.place.flavor === "busybox";
  const state = startListener(
    ctx,
    netnsOf(ctx),
    { proto: "tcp", ip: busybox ? "::" : "0.0.0.0", port, program: "nc" },
    command,
  );
  if (!state) {
    ctx.out.error(busybox ? "nc: bind: Address already in use" : "nc: Address already in use");
    return 1;
  }
  goLive(ctx, listenerProcess, state);
  return 0;
}

const nc: Handler = (ctx) => (ctx.place.flavor === "busybox" ? busyboxNc(ctx) : openbsdNc(ctx));

export const commands: Command[] = [
  { name: "nc", where: ["host", "busybox"], processes: [listenerProcess], run: nc },
];
