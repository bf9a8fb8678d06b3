/**
 * `traceroute [-n] HOST`: UDP probes to ports from 33434 with TTLs from 1 (traceroute-probe.ts).
 * busybox's in containers sends one probe at a time and prints each as it ends; Linux traceroute's
 * on the host keeps up to sixteen in flight (traceroute-parallel.ts). Either ends with the hop that
 * reached the destination; silence is a `*` after the wait. Both trace IPv6 too: as `traceroute6`,
 * with -6, or given an IPv6 address.
 */
import { routeOutput } from "../../../engine/packet/route";
import { advanceClock } from "../../../engine/world";
import { goLive, ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Ctx, Handler, ProcessKind } from "../../types";
import { busyboxBadOption, busyboxUsage, xatouRange } from "../busybox";
import { getopt, problemText } from "../getopt";
import { isIpv4, killedWithContainer, ms3 } from "./common";
import { resolveAddress, reverseName } from "./resolver";
import { advanceParallel, type ParallelTrace, parallelTrace } from "./traceroute-parallel";
import { type Probe, probeSender } from "./traceroute-probe";

/** A running trace, a probe at a time (busybox's); saved with the lab, so plain data. */
interface SerialTrace {
  ip: string;
  numeric: boolean;
  data: number;
  port: number;
  ttl: number;
  maxTtl: number;
  probes: number;
  waitMs: number;
  /** The probe of this hop about to be sent, from 0. */
  n: number;
  /** Probes sent: each goes to the next port. */
  sent: number;
  /** The address the last answer of this hop came from, printed once while it does not change. */
  from?: string;
  /** Some probe of this hop reached the destination or was refused: the trace ends with the hop. */
  done?: boolean;
  /** The probe on its way: when it left, what comes of it, and when. */
  pending?: { p: Probe; sent: number; end: number };
  /** Reverse lookups already made. */
  names: Record<string, string>;
}

/** Validates the numbers as each traceroute does, in its order; the refusal ends the command. */
function traceNumbers(
  busybox: boolean,
  applet: string,
  values: Map<string, string>,
): Record<string, number> | ToolExit {
  if (busybox) {
    // busybox 1.35's xatou_range() calls, in the order it makes them.
    const out: Record<string, number> = {};
    const ranges: [string, number, number, number][] = [
      ["m", 1, 255, 30],
      ["p", 0, 65535, 33434],
      ["q", 1, 2147483647, 3],
      ["t", 0, 255, 0],
      // Its usage says 3, but INIT_G() sets waittime to 5.
      ["w", 1, 86400, 5],
      ["z", 0, 3600000, 0],
    ];
    for (const [opt, min, max, byDefault] of ranges) {
      const text = values.get(opt);
      const n = text === undefined ? byDefault : xatouRange(applet, text, min, max);
      if (typeof n === "string") return new ToolExit(1, `${n}\n`);
      out[opt] = n;
    }
    const first = values.get("f");
    const f = first === undefined ? 1 : xatouRange(applet, first, 1, out.m ?? 30);
    if (typeof f === "string") return new ToolExit(1, `${f}\n`);
    return { ...out, f };
  }
  // traceroute 2.1.2: each number read whole (or refused at once), then checked together.
  const out: Record<string, number> = { f: 1, m: 30, q: 3, w: 5, p: 33434 };
  for (const [opt, text] of values) {
    if (!"fmqwp".includes(opt)) continue;
    const n = opt === "w" ? Number.parseFloat(text) : /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isNaN(n) || (opt === "w" && !/^-?(\d+\.?\d*|\.\d+)$/.test(text)))
      return new ToolExit(2, `Cannot handle \`-${opt}' option with arg \`${text}' (argc 2)\n`);
    out[opt] = n;
  }
  const f = out.f ?? 1;
  const m = out.m ?? 30;
  const q = out.q ?? 3;
  const w = out.w ?? 5;
  if (f < 1 || f > m) return new ToolExit(2, "first hop out of range\n");
  if (m > 255) return new ToolExit(2, "max hops cannot be more than 255\n");
  if (q < 1 || q > 10) return new ToolExit(2, "no more than 10 probes per hop\n");
  if (w < 0) return new ToolExit(2, `bad wait specifications \`${w},0,0' used\n`);
  return out;
}

/**
 * `traceroute HOST`: a live process, a probe at a time, each printed when its answer comes or its
 * wait runs out, so a trace into silence takes as long as it would on a real host and Ctrl+C stops it.
 */
const traceroute: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const applet = ctx.argv[0] === "traceroute6" ? "traceroute6" : "traceroute";
  const { flags, values, operands } = getopt(
    ctx.argv.slice(1),
    busybox && applet === "traceroute6" ? "nrvf:m:q:p:t:w:s:i:z:" : "46FIlnrvf:m:q:p:t:w:s:i:z:",
    busybox ? busyboxBadOption(applet) : (p) => new ToolExit(2, `${problemText("traceroute", p)}\n`),
  );
  const host = operands[0];
  if (!host) throw busybox ? busyboxUsage(applet) : new ToolExit(2, 'Specify "host" missing argument.\n');
  const numbers = traceNumbers(busybox, applet, values);
  if (numbers instanceof ToolExit) throw numbers;
  // Each asks for the family it was told (Debian's traceroute6 is traceroute -6), else takes
  // getaddrinfo's first answer.
  const family = applet === "traceroute6" || flags.has("6") ? 6 : flags.has("4") ? 4 : undefined;
  const found = resolveAddress(ctx, host, family, ctx.world.clock);
  advanceClock(ctx.world, found.end);
  if (found.ip === undefined) {
    if (busybox) {
      ctx.out.error(`${applet}: bad address '${host}'`);
      return 1;
    }
    // getaddrinfo's EAI_ADDRFAMILY for an address of the other family; argc is the word's place.
    const literal = found.literal !== undefined || isIpv4(host);
    ctx.out.error(
      `${host}: ${literal ? "Address family for hostname not supported" : "Name or service not known"}`,
    );
    const argc = ctx.argv.indexOf(host);
    ctx.out.error(`Cannot handle "host" cmdline arg \`${host}' on position 1 (argc ${argc})`);
    return 2;
  }
  const { ip } = found;
  const maxTtl = numbers.m ?? 30;
  // The data after the UDP header: busybox's outdata (24 bytes with IPv6's timestamp), Linux's 32.
  const v6 = ip.includes(":");
  const data = busybox ? (v6 ? 24 : 18) : 32;
  // Both connect their socket first: with no route, that is where they stop (busybox before its header).
  const unroutable = routeOutput(netnsOf(ctx), ip).kind === "unreachable";
  if (unroutable && busybox) {
    // busybox's xconnect() names the address only for IPv4.
    ctx.out.error(`${applet}: can't connect to remote host${v6 ? "" : ` (${ip})`}: Network is unreachable`);
    return 1;
  }
  const header = `traceroute to ${host} (${ip}), ${maxTtl} hops max, ${data + (v6 ? 48 : 28)} byte packets`;
  if (busybox) ctx.out.error(header);
  else if (unroutable) {
    ctx.out.line(header);
    ctx.out.error("connect: Network is unreachable");
    return 1;
  }
  // Linux traceroute ends its header with no newline: each hop's line starts with one.
  else ctx.out.write(header);
  const first = numbers.f ?? 1;
  const common = {
    ip,
    numeric: flags.has("n"),
    data,
    port: numbers.p ?? 33434,
    probes: numbers.q ?? 3,
    waitMs: (numbers.w ?? (busybox ? 3 : 5)) * 1000,
  };
  const state: TraceState = busybox
    ? { ...common, ttl: first, maxTtl, n: 0, sent: 0, names: {} }
    : parallelTrace(common, first, maxTtl);
  const exit = advance(ctx, state, ctx.world.clock);
  if (exit !== undefined) return exit;
  goLive(ctx, traceProcess, state);
  return 0;
};

type TraceState = SerialTrace | ParallelTrace;

/** "name (address)", or the address alone under -n, looking the name up once. */
function labeller(ctx: Ctx, s: TraceState): (addr: string) => string {
  return (addr) => {
    if (s.numeric) return addr;
    if (!Object.hasOwn(s.names, addr)) {
      const r = reverseName(ctx, addr, ctx.world.clock);
      advanceClock(ctx.world, r.end);
      s.names[addr] = r.name ?? addr;
    }
    return `${s.names[addr]} (${addr})`;
  };
}

/** What one probe's outcome adds to its hop's line; an exit status when the trace ends with it. */
function record(ctx: Ctx, s: SerialTrace, p: Probe, rttUs: number): number | undefined {
  if (p.kind === "error") {
    ctx.out.write("\n");
    ctx.out.error(p.text);
    return 1;
  }
  if (p.kind === "silent") ctx.out.write("  *");
  else {
    if (p.from !== s.from) ctx.out.write(`  ${labeller(ctx, s)(p.from)}`);
    s.from = p.from;
    ctx.out.write(`  ${ms3(rttUs)} ms${p.mark}`);
    if (p.last) s.done = true;
  }
  s.n += 1;
  if (s.n < s.probes) return undefined;
  ctx.out.write("\n");
  if (s.done || s.ttl >= s.maxTtl) return 0;
  s.ttl += 1;
  s.n = 0;
  delete s.from;
  return undefined;
}

/**
 * The most probes one stretch of time sends: answered probes take microseconds, so `-q 1000000`
 * would otherwise walk the datapath millions of times in one step; past this the trace falls behind
 * the clock, as a busy process does.
 */
const PROBES_PER_STEP = 50;

/** Runs a trace up to virtual time `until`; an exit status when it ends. */
function advance(ctx: Ctx, s: TraceState, until: number): number | undefined {
  const send = probeSender(ctx, s.ip, s.data);
  if ("parallel" in s) return advanceParallel(ctx, s, until, send, labeller(ctx, s));
  for (let sent = 0; sent < PROBES_PER_STEP; sent++) {
    if (!s.pending) {
      if (s.n === 0) ctx.out.write(String(s.ttl).padStart(2));
      const t = ctx.world.clock;
      const sent = send(s.port + s.sent++, s.ttl, t);
      // busybox polls for an answer to this probe for its wait; one that comes later is not read.
      const p = sent.end - t > s.waitMs ? { kind: "silent" as const } : sent.p;
      s.pending = { p, sent: t, end: p.kind === "silent" ? t + s.waitMs : sent.end };
    }
    if (s.pending.end > until) break;
    advanceClock(ctx.world, s.pending.end);
    const { p, sent: at, end } = s.pending;
    delete s.pending;
    const exit = record(ctx, s, p, (end - at) * 1000);
    if (exit !== undefined) return exit;
  }
  advanceClock(ctx.world, until);
  return undefined;
}

const traceProcess: ProcessKind<TraceState> = {
  name: "traceroute",
  resume(ctx, s, until) {
    if (killedWithContainer(ctx)) return 137;
    return advance(ctx, s, until);
  },
  // Killed by SIGINT: what was printed stays (both write each probe as it ends).
  interrupt: () => 130,
};

export const commands: Command[] = [
  { name: "traceroute", where: ["host", "busybox"], processes: [traceProcess], run: traceroute },
  { name: "traceroute6", where: ["host", "busybox"], run: traceroute },
];
