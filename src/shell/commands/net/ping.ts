/**
 * `ping` as busybox (containers from busybox and alpine) and iputils (the host, Debian images that
 * ship it) print it. Every echo is a walk through the datapath; whether it comes back, and when, is
 * the walk's outcome. Ping is a live process the terminal resumes each virtual second, whatever its
 * count: a `ping -c 100000` prints as time passes and Ctrl+C prints the statistics (a pipe or a
 * file takes its output as it goes, shell/run.ts).
 */

import { hasCapability } from "../../../engine/docker/capabilities";
import { echoRequest } from "../../../engine/packet/exchange";
import { routeOutput } from "../../../engine/packet/route";
import { advanceClock } from "../../../engine/world";
import { goLive, ToolExit } from "../../command";
import { containerOf, netnsOf } from "../../place";
import type { Command, Ctx, Handler, ProcessKind } from "../../types";
import { busyboxBadOption, busyboxUsage } from "../busybox";
import { getopt, problemText } from "../getopt";
import { strerror } from "../strerror";
import { isIpv4, killedWithContainer, ms3, processId, senderName, traced } from "./common";
import { type PingStyle, pingNumbers } from "./ping-options";
import { resolveAddress, reverseName } from "./resolver";

type Style = PingStyle;

/** Something that happens to the running ping at a virtual time, in the order time brings them. */
interface PingEvent {
  t: number;
  kind: "reply" | "error" | "fatal";
  /** What it prints (nothing under -q, except fatal errors). */
  text?: string;
  /** Round-trip time of a reply, microseconds. */
  rtt?: number;
}

interface PingState {
  style: Style;
  /** The name in the PING line and the statistics. */
  title: string;
  ip: string;
  /** iputils: no reverse lookups (the target was an address, or -n). */
  numeric: boolean;
  id: number;
  data: number;
  ttl?: number;
  /** iputils `-M`: path-MTU discovery mode (Don't Fragment). */
  pmtu?: "want" | "do" | "dont";
  /** 0: until interrupted. */
  count: number;
  intervalMs: number;
  waitMs: number;
  /** Absolute virtual time of -w. */
  deadline?: number;
  quiet: boolean;
  start: number;
  nextSend: number;
  lastSend: number;
  sent: number;
  received: number;
  errors: number;
  /** Round-trip times in microseconds. */
  rtts: number[];
  /** When the event that completed -c happened (the last reply, or error for iputils). */
  completedAt?: number;
  lastEvent: number;
  /** A fatal send error: busybox dies printing it. */
  fatal?: number;
  /** Replies and errors computed at send time, waiting for their moment. */
  pending: PingEvent[];
  /** iputils caches the last reverse lookup. */
  lastAddr?: string;
  lastName?: string;
}

function styleOf(ctx: Ctx): Style {
  return ctx.place.flavor === "busybox" ? "busybox" : "iputils";
}

const ping: Handler = (ctx) => {
  const style = styleOf(ctx);
  const { flags, values, operands } = getopt(
    ctx.argv.slice(1),
    style === "busybox" ? "qvAc:s:t:w:W:I:np:i:46" : "46aAbBc:dDfhHi:I:l:Lm:M:nOp:qQ:rRs:S:t:T:UvVw:W:",
    style === "busybox" ? busyboxBadOption("ping") : (p) => new ToolExit(2, `${problemText("ping", p)}\n`),
  );
  if (style === "busybox" && operands.length !== 1) throw busyboxUsage("ping");
  if (style === "iputils" && operands.length === 0) {
    ctx.out.error("ping: usage error: Destination address required");
    return 2;
  }
  const options = pingNumbers(style, values);
  if (!options.ok) {
    ctx.out.error(options.message);
    return options.exit;
  }
  for (const warning of options.warnings) ctx.out.error(warning);
  const { numbers } = options;
  const mtuMode = style === "iputils" ? [...values].filter(([k]) => k === "M").pop()?.[1] : undefined;
  if (mtuMode !== undefined && !["do", "dont", "want", "probe"].includes(mtuMode)) {
    ctx.out.error(`ping: invalid -M argument: ${mtuMode}`);
    return 2;
  }
  const target = operands[operands.length - 1] ?? "";
  const family = ctx.argv[0] === "ping6" || flags.has("6") ? 6 : flags.has("4") ? 4 : undefined;
  const found = resolveAddress(ctx, target, family, ctx.world.clock);
  const { literal } = found;
  advanceClock(ctx.world, found.end);
  if (found.res.kind !== "found" || found.ip === undefined) {
    if (style === "busybox") ctx.out.error(`ping: bad address '${target}'`);
    else
      ctx.out.error(
        `ping: ${target}: ${found.res.kind === "tempfail" ? "Temporary failure in name resolution" : found.res.kind === "nodata" ? "No address associated with hostname" : "Name or service not known"}`,
      );
    return style === "busybox" ? 1 : 2;
  }
  const { ip } = found;
  if (style === "iputils" && numbers.t === 0) {
    ctx.out.error("ping: cannot set unicast time-to-live: Invalid argument");
    return 2;
  }
  const data = numbers.s ?? 56;
  if (style === "iputils" && routeOutput(netnsOf(ctx), ip).kind === "unreachable") {
    ctx.out.error("ping: connect: Network is unreachable");
    return 2;
  }
  const now = ctx.world.clock;
  const state: PingState = {
    style,
    title: style === "busybox" || isIpv4(target) ? target : found.res.name,
    ip,
    numeric: isIpv4(target) || literal !== undefined || flags.has("n"),
    id: processId(ctx),
    data,
    ...(numbers.t !== undefined ? { ttl: numbers.t } : {}),
    ...(mtuMode === "do" || mtuMode === "probe"
      ? { pmtu: "do" as const }
      : mtuMode === "dont"
        ? { pmtu: "dont" as const }
        : {}),
    count: numbers.c ?? 0,
    intervalMs: (numbers.i ?? 1) * 1000,
    waitMs: (numbers.W ?? 10) * 1000,
    ...(numbers.w !== undefined ? { deadline: now + numbers.w * 1000 } : {}),
    quiet: flags.has("q"),
    start: now,
    nextSend: now,
    lastSend: now,
    sent: 0,
    received: 0,
    errors: 0,
    rtts: [],
    lastEvent: now,
    pending: [],
  };
  ctx.out.line(
    style === "busybox"
      ? `PING ${target} (${ip}${literal?.scope ? `%${literal.scope}` : ""}): ${data} data bytes`
      : ip.includes(":")
        ? `PING ${state.title}(${ip}) ${data} data bytes`
        : `PING ${state.title} (${ip}) ${data}(${data + 28}) bytes of data.`,
  );
  // busybox's first send needs CAP_NET_RAW (`--cap-drop NET_RAW` takes it away) after its header.
  const c = containerOf(ctx.world, ctx.frame);
  if (style === "busybox" && c && !hasCapability(c, "CAP_NET_RAW")) {
    ctx.out.error("ping: permission denied (are you root?)");
    return 1;
  }
  // It runs as time passes, whatever its count: the first echo goes out now and its reply is
  // printed as it arrives; the rest as the terminal (or, detached, the clock) moves on.
  run(ctx, state, now);
  const first = state.pending[0];
  const end = first && first.t < state.nextSend ? run(ctx, state, first.t) : endTime(state);
  if (end !== undefined && end <= ctx.world.clock) return finish(ctx, state, end);
  goLive(ctx, pingProcess, state);
  return 0;
};

/** Sends one echo request at state.nextSend and queues what comes of it. */
function sendOne(ctx: Ctx, s: PingState): void {
  const at = s.nextSend;
  const seq = s.sent;
  const shown = s.style === "busybox" ? seq : seq + 1;
  const { result, end } = traced(
    ctx,
    at,
    "ICMP",
    `${senderName(ctx)} → ${s.ip} echo request seq ${seq}`,
    (sim) =>
      echoRequest(sim, netnsOf(ctx), s.ip, {
        id: s.id,
        seq,
        data: s.data,
        cold: seq === 0,
        ...(s.ttl !== undefined ? { ttl: s.ttl } : {}),
        ...(s.pmtu ? { pmtu: s.pmtu } : {}),
      }),
    (r) => r.kind === "reply",
  );
  s.sent += 1;
  s.lastSend = at;
  s.lastEvent = Math.max(s.lastEvent, at);
  s.nextSend = at + s.intervalMs;
  const queue = (e: PingEvent) => {
    s.pending.push(e);
    s.pending.sort((x, y) => x.t - y.t);
  };
  if (result.kind === "reply") {
    const rtt = Math.round((end - at) * 1000);
    let t = end;
    let from = result.from;
    if (s.style === "iputils" && !s.numeric) {
      if (s.lastAddr !== result.from) {
        const r = reverseName(ctx, result.from, end);
        s.lastAddr = result.from;
        if (r.name) s.lastName = r.name;
        else delete s.lastName;
        t = r.end;
      }
      if (s.lastName) from = `${s.lastName} (${result.from})`;
    }
    const text =
      s.style === "busybox"
        ? `${result.bytes} bytes from ${result.from}: seq=${seq} ttl=${result.ttl} time=${ms3(rtt)} ms`
        : `${result.bytes} bytes from ${from}: icmp_seq=${shown} ttl=${result.ttl} time=${iputilsTime(rtt)} ms`;
    queue({ t, kind: "reply", rtt, ...(s.quiet ? {} : { text }) });
    return;
  }
  if (result.kind === "local" && result.errno === "EMSGSIZE") {
    // iputils: the kernel refused the send; it counts an error and goes on.
    queue({ t: at, kind: "error", text: `ping: local error: message too long, mtu=${result.mtu ?? 0}` });
    return;
  }
  if (result.kind === "local" && (result.errno === "ENETUNREACH" || result.errno === "EPERM")) {
    const what = strerror(result.errno);
    if (s.style === "busybox") queue({ t: at, kind: "fatal", text: `ping: sendto: ${what}` });
    else queue({ t: at, kind: "error", text: `ping: sendmsg: ${what}` });
    return;
  }
  // busybox ignores ICMP errors (they do not carry its identifier); iputils reports them.
  if (s.style === "busybox" || result.kind === "timeout") return;
  const text = `From ${result.from} icmp_seq=${shown} ${icmpText(result)}`;
  queue({ t: end, kind: "error", ...(s.quiet ? {} : { text }) });
}

function icmpText(r: { kind: string; type?: string; code?: number }): string {
  if (r.kind === "local" || (r.type === "dest-unreachable" && r.code === 1))
    return "Destination Host Unreachable";
  if (r.type === "time-exceeded") return "Time to live exceeded";
  if (r.code === 0) return "Destination Net Unreachable";
  if (r.code === 3) return "Destination Port Unreachable";
  if (r.code === 13) return "Packet filtered";
  return `Dest Unreachable, Bad Code: ${r.code}`;
}

/** iputils' reply time: three decimals under 1 ms, two under 10 ms, one under 100 ms. */
function iputilsTime(us: number): string {
  if (us >= 100000 - 50) return `${Math.floor((us + 500) / 1000)}`;
  if (us >= 10000 - 5) return `${Math.floor((us + 50) / 1000)}.${Math.floor(((us + 50) % 1000) / 100)}`;
  if (us >= 1000)
    return `${Math.floor((us + 5) / 1000)}.${String(Math.floor(((us + 5) % 1000) / 10)).padStart(2, "0")}`;
  return ms3(us);
}

/** When the process exits on its own, as far as what has happened so far tells. */
function endTime(s: PingState): number | undefined {
  if (s.fatal !== undefined) return s.fatal;
  let end: number | undefined;
  if (s.count > 0 && s.sent >= s.count) {
    const patience = s.style === "busybox" && s.received > 0 ? 1000 : s.waitMs;
    end = Math.min(s.completedAt ?? Number.POSITIVE_INFINITY, s.lastSend + patience);
  } else if (s.completedAt !== undefined) end = s.completedAt;
  if (s.deadline !== undefined) {
    // busybox looks at the deadline when it is time to send; iputils has a timer for it.
    const steps = Math.ceil((s.deadline - s.start) / s.intervalMs);
    const at = s.style === "busybox" ? s.start + steps * s.intervalMs : s.deadline;
    end = end === undefined ? at : Math.min(end, at);
  }
  return end;
}

/** An event's moment has come: count it and print it. */
function happen(ctx: Ctx, s: PingState, e: PingEvent): void {
  advanceClock(ctx.world, e.t);
  if (e.kind === "fatal") {
    s.fatal = e.t;
    if (e.text) ctx.out.error(e.text);
    return;
  }
  if (e.kind === "reply") {
    s.received += 1;
    s.rtts.push(e.rtt ?? 0);
  } else s.errors += 1;
  s.lastEvent = Math.max(s.lastEvent, e.t);
  const done = s.received + (s.style === "iputils" ? s.errors : 0);
  if (s.count > 0 && done >= s.count && s.completedAt === undefined) s.completedAt = e.t;
  if (e.text === undefined) return;
  if (e.kind === "error" && e.text.startsWith("ping:")) ctx.out.error(e.text);
  else ctx.out.line(e.text);
}

/**
 * Runs the process's timeline up to `until`: sends when their time comes (up to `sendUntil`),
 * replies and errors when theirs does. Returns the exit time once it is reached.
 */
function run(ctx: Ctx, s: PingState, until: number, sendUntil = until): number | undefined {
  for (;;) {
    const end = endTime(s);
    const canSend = (s.count === 0 || s.sent < s.count) && s.fatal === undefined;
    const tSend =
      canSend && (end === undefined || s.nextSend < end) && s.nextSend <= sendUntil
        ? s.nextSend
        : Number.POSITIVE_INFINITY;
    const next = s.pending[0];
    const tEvent = next && (end === undefined || next.t <= end) ? next.t : Number.POSITIVE_INFINITY;
    const t = Math.min(tSend, tEvent);
    if (t > until || t === Number.POSITIVE_INFINITY) break;
    if (next && tEvent <= tSend) {
      s.pending.shift();
      happen(ctx, s, next);
    } else sendOne(ctx, s);
  }
  const end = endTime(s);
  if (end !== undefined && end <= until) return end;
  if (until !== Number.POSITIVE_INFINITY) advanceClock(ctx.world, until);
  return undefined;
}

/** The statistics, printed when ping exits (or is interrupted); returns the exit status. */
function finish(ctx: Ctx, s: PingState, at: number): number {
  advanceClock(ctx.world, at);
  if (s.fatal !== undefined) return 1;
  const loss = s.sent ? Math.floor(((s.sent - s.received) * 100) / s.sent) : 0;
  const sum = s.rtts.reduce((a, b) => a + b, 0);
  const min = Math.min(...s.rtts);
  const max = Math.max(...s.rtts);
  if (s.style === "busybox") {
    ctx.out.line(`\n--- ${s.title} ping statistics ---`);
    ctx.out.line(`${s.sent} packets transmitted, ${s.received} packets received, ${loss}% packet loss`);
    if (s.rtts.length)
      ctx.out.line(
        `round-trip min/avg/max = ${ms3(min)}/${ms3(Math.floor(sum / s.rtts.length))}/${ms3(max)} ms`,
      );
    return s.received === 0 || (s.deadline !== undefined && s.count > 0 && s.received < s.count) ? 1 : 0;
  }
  const exact = s.sent ? ((s.sent - s.received) * 100) / s.sent : 0;
  const errors = s.errors ? `, +${s.errors} errors` : "";
  const time = Math.round(Math.max(0, s.lastEvent - s.start));
  ctx.out.line(`\n--- ${s.title} ping statistics ---`);
  ctx.out.line(
    `${s.sent} packets transmitted, ${s.received} received${errors}, ${formatG(exact)}% packet loss, time ${time}ms`,
  );
  if (s.rtts.length) {
    const n = s.rtts.length;
    const sum2 = s.rtts.reduce((a, b) => a + b * b, 0);
    const mdev = Math.floor(Math.sqrt(Math.max(0, Math.floor((sum2 - Math.floor((sum * sum) / n)) / n))));
    ctx.out.line(
      `rtt min/avg/max/mdev = ${ms3(min)}/${ms3(Math.floor(sum / n))}/${ms3(max)}/${ms3(mdev)} ms`,
    );
  } else ctx.out.write("\n"); // finish() ends its last line whether or not it printed round-trip times.
  return s.received === 0 || (s.deadline !== undefined && s.count > 0 && s.received < s.count) ? 1 : 0;
}

/** printf's %g: six significant digits, no trailing zeros. */
function formatG(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return Number(x.toPrecision(6)).toString();
}

const INTERRUPT_GRACE_MS = 50;

const pingProcess: ProcessKind<PingState> = {
  name: "ping",
  resume(ctx, s, until) {
    if (killedWithContainer(ctx)) return 137;
    const end = run(ctx, s, until);
    return end === undefined ? undefined : finish(ctx, s, end);
  },
  settle(ctx, s) {
    // The terminal resumes ping a virtual second at a time, so a request may have just left when
    // Ctrl+C comes; its reply, a fraction of a millisecond away, arrives before a person's keypress.
    const now = ctx.world.clock;
    const end = run(ctx, s, now + INTERRUPT_GRACE_MS, now);
    return end === undefined ? undefined : finish(ctx, s, end);
  },
  interrupt(ctx, s) {
    s.lastEvent = Math.max(s.lastEvent, ctx.world.clock);
    return finish(ctx, s, ctx.world.clock);
  },
};

export const commands: Command[] = [
  { name: "ping", where: ["host", "busybox"], processes: [pingProcess], run: ping },
  // busybox's ping6 applet and iputils' ping6 link: ping -6.
  { name: "ping6", where: ["host", "busybox"], processes: [pingProcess], run: ping },
];
