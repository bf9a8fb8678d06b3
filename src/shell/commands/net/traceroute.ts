/**
 * `traceroute [-n] HOST`: UDP probes to ports from 33434 with TTLs from 1, each a walk through the
 * datapath. Routers whose TTL runs out answer with ICMP time exceeded; the destination answers with
 * port unreachable and ends the trace; silence is a `*` after the wait. busybox's form in
 * containers, Linux traceroute's on the host.
 */
import { udpRequest } from "../../../engine/packet/exchange";
import { advanceClock } from "../../../engine/world";
import { ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Ctx, Handler } from "../../types";
import { busyboxBadOption, busyboxUsage } from "../busybox";
import { getopt, problemText } from "../getopt";
import { ms3, senderName, traced } from "./common";
import { resolveHost, reverseName } from "./resolver";

type Probe =
  | { kind: "answer"; from: string; rttUs: number; last: boolean; mark: string }
  | { kind: "silent" }
  | { kind: "error"; text: string };

function probe(
  ctx: Ctx,
  ip: string,
  port: number,
  ttl: number,
  data: number,
  t: number,
  waitMs: number,
): { p: Probe; end: number } {
  const { result, end } = traced(
    ctx,
    t,
    "UDP",
    `${senderName(ctx)} → ${ip}:${port} traceroute probe ttl ${ttl}`,
    (sim) => udpRequest(sim, netnsOf(ctx), ip, port, { dataLength: data }, { ttl }),
    (r) => r.kind === "refused" || r.kind === "icmp",
  );
  const rttUs = Math.round((end - t) * 1000);
  if (result.kind === "refused")
    return { p: { kind: "answer", from: result.from, rttUs, last: true, mark: "" }, end };
  if (result.kind === "icmp") {
    const exceeded = result.type === "time-exceeded";
    const mark = exceeded
      ? ""
      : result.code === 1
        ? " !H"
        : result.code === 0
          ? " !N"
          : result.code === 13
            ? " !X"
            : "";
    return { p: { kind: "answer", from: result.from, rttUs, last: !exceeded, mark }, end };
  }
  if (result.kind === "local") {
    const why = result.errno === "ENETUNREACH" ? "Network is unreachable" : "No route to host";
    return { p: { kind: "error", text: `traceroute: sendto: ${why}` }, end };
  }
  return { p: { kind: "silent" }, end: t + waitMs };
}

const traceroute: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const { flags, values, operands } = getopt(
    ctx.argv.slice(1),
    "46FIlnrvf:m:q:p:t:w:s:i:z:",
    busybox ? busyboxBadOption("traceroute") : (p) => new ToolExit(2, `${problemText("traceroute", p)}\n`),
  );
  const host = operands[0];
  if (!host)
    throw busybox ? busyboxUsage("traceroute") : new ToolExit(2, 'Specify "host" missing argument.\n');
  const found = resolveHost(ctx, host, ctx.world.clock);
  advanceClock(ctx.world, found.end);
  if (found.res.kind !== "found") {
    ctx.out.error(busybox ? `traceroute: bad address '${host}'` : `${host}: Name or service not known`);
    if (!busybox) ctx.out.error(`Cannot handle "host" cmdline arg \`${host}' on position 1 (argc 1)`);
    return busybox ? 1 : 2;
  }
  const ip = found.res.ips[0] ?? host;
  const maxTtl = Number(values.get("m") ?? "30");
  const probes = Number(values.get("q") ?? "3");
  const waitMs = Number(values.get("w") ?? (busybox ? "3" : "5")) * 1000;
  const basePort = Number(values.get("p") ?? "33434");
  const data = busybox ? 18 : 32;
  const header = `traceroute to ${host} (${ip}), ${maxTtl} hops max, ${data + 28} byte packets`;
  if (busybox) ctx.out.error(header);
  else ctx.out.line(header);
  const numeric = flags.has("n");
  const names = new Map<string, string>();
  const label = (addr: string) => {
    if (numeric) return addr;
    if (!names.has(addr)) {
      const r = reverseName(ctx, addr, ctx.world.clock);
      advanceClock(ctx.world, r.end);
      names.set(addr, r.name ?? addr);
    }
    return `${names.get(addr)} (${addr})`;
  };
  let seq = 0;
  for (let ttl = Number(values.get("f") ?? "1"); ttl <= maxTtl; ttl++) {
    let line = String(ttl).padStart(2);
    let last: string | undefined;
    let done = false;
    for (let n = 0; n < probes; n++) {
      const { p, end } = probe(ctx, ip, basePort + seq++, ttl, data, ctx.world.clock, waitMs);
      advanceClock(ctx.world, end);
      if (p.kind === "error") {
        ctx.out.line(line);
        ctx.out.error(p.text);
        return 1;
      }
      if (p.kind === "silent") {
        line += busybox ? "  *" : n === 0 ? "  *" : " *";
        continue;
      }
      if (p.from !== last) {
        line += `  ${label(p.from)}`;
        last = p.from;
      }
      line += `  ${ms3(p.rttUs)} ms${p.mark}`;
      if (p.last) done = true;
    }
    ctx.out.line(line);
    if (done) return 0;
  }
  return 0;
};

export const commands: Command[] = [{ name: "traceroute", where: "installed", run: traceroute }];
