/**
 * `nslookup HOST [SERVER]`: busybox's (A and AAAA for a name, PTR for an address, each reply printed
 * as it arrives, SERVFAIL retried, five seconds per server) and bind's on the host. The queries are
 * real UDP packets to the servers of /etc/resolv.conf (or the one given), traced hop by hop.
 */
import { udpRequest } from "../../../engine/packet/exchange";
import { query } from "../../../engine/packet/resolver";
import type { DnsMessage, DnsType } from "../../../engine/packet/types";
import { randInt } from "../../../engine/rng";
import { advanceClock } from "../../../engine/world";
import { ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Ctx, Handler } from "../../types";
import { busyboxUsage } from "../busybox";
import { isIpv4, senderName, traced } from "./common";
import { nameservers, ptrName, resolveHost } from "./resolver";

const TIMEOUT_MS = 5000;
const RETRIES = 2;

type Answer =
  | { kind: "reply"; message: DnsMessage; t: number }
  | { kind: "refused"; t: number }
  | { kind: "none" };

/** One question to one server, once, as its own trace. */
function askOnce(ctx: Ctx, server: string, q: DnsMessage, sport: number, t: number): Answer {
  const { result, end } = traced(
    ctx,
    t,
    "DNS",
    `${senderName(ctx)}: DNS ${q.question.type}? ${q.question.name} to ${server}`,
    (sim) => udpRequest(sim, netnsOf(ctx), server, 53, { dns: q }, { sport }),
    (r) => r.kind === "reply",
  );
  if (result.kind === "reply" && result.packet.dns)
    return { kind: "reply", message: result.packet.dns, t: end };
  if (result.kind === "refused") return { kind: "refused", t: end };
  return { kind: "none" };
}

function recordLines(m: DnsMessage, style: "busybox" | "bind"): string[] {
  return m.answers.map((r) => {
    const owner = r.name.replace(/\.$/, "");
    if (r.type === "PTR")
      return `${owner}\tname = ${style === "bind" ? `${r.data.replace(/\.$/, "")}.` : r.data}`;
    if (r.type === "CNAME") return `${owner}\tcanonical name = ${r.data}`;
    return `Name:\t${owner}\nAddress: ${r.data}`;
  });
}

interface Server {
  /** As the user named it (or the resolv.conf address). */
  name: string;
  ip: string;
}

interface Conversation {
  /** Something came back (busybox prints the Server header at the first packet, even a SERVFAIL). */
  heard: boolean;
  /** The replies taken as answers, in the order they came. */
  replies: DnsMessage[];
}

/**
 * Sends every question to one server and takes the replies as they come: a SERVFAIL is asked again
 * at once (busybox, a few times), silence is asked again after half the timeout.
 */
function converse(ctx: Ctx, server: Server, questions: DnsMessage[], busybox: boolean): Conversation {
  const sport = randInt(ctx.world.rng, 32768, 60999);
  const start = ctx.world.clock;
  const deadline = start + TIMEOUT_MS;
  const talk: Conversation = { heard: false, replies: [] };
  const inTime = (a: Answer) => a.kind !== "none" && a.t <= deadline;
  let waiting = [...questions];
  for (let round = 0; round < RETRIES && waiting.length; round++) {
    // Every question goes out at once, and again at the retry interval if still unanswered.
    const sendAt = start + (round * TIMEOUT_MS) / RETRIES;
    let servfailRetries = busybox ? 2 * questions.length : 0;
    const still: DnsMessage[] = [];
    for (const q of waiting) {
      let answer = askOnce(ctx, server.ip, q, sport, sendAt);
      while (
        answer.kind === "reply" &&
        inTime(answer) &&
        answer.message.rcode === "SERVFAIL" &&
        servfailRetries > 0
      ) {
        talk.heard = true;
        servfailRetries -= 1;
        answer = askOnce(ctx, server.ip, q, sport, answer.t);
      }
      if (answer.kind === "reply" && inTime(answer)) {
        advanceClock(ctx.world, answer.t);
        talk.heard = true;
        talk.replies.push(answer.message);
        continue;
      }
      if (answer.kind === "refused" && inTime(answer) && busybox) {
        advanceClock(ctx.world, answer.t);
        ctx.out.error("nslookup: read: Connection refused");
      }
      still.push(q);
    }
    waiting = still;
  }
  if (waiting.length) advanceClock(ctx.world, deadline);
  return talk;
}

const nslookup: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  // busybox's -type=QUERY_TYPE, for the record types the lab's servers hold.
  const typeArg = busybox ? ctx.argv.slice(1).find((a) => /^-type=(a|aaaa|ptr)$/i.test(a)) : undefined;
  const args = ctx.argv.slice(1).filter((a) => a !== typeArg);
  const [host, serverArg] = args;
  if (!host || host.startsWith("-") || args.length > 2) {
    throw busybox ? busyboxUsage("nslookup") : new ToolExit(1, "Usage: nslookup [-opt ...] host [server]\n");
  }
  let servers: Server[] = nameservers(ctx).map((ip) => ({ name: ip, ip }));
  if (serverArg !== undefined) {
    const found = resolveHost(ctx, serverArg, ctx.world.clock);
    advanceClock(ctx.world, found.end);
    if (found.res.kind !== "found") {
      ctx.out.error(
        busybox
          ? `nslookup: bad address '${serverArg}'`
          : `nslookup: couldn't get address for '${serverArg}': not found`,
      );
      return 1;
    }
    servers = [{ name: serverArg, ip: found.res.ips[0] ?? serverArg }];
  }
  const id = randInt(ctx.world.rng, 1, 65535);
  const asked = typeArg?.slice("-type=".length).toUpperCase() as DnsType | undefined;
  const types: DnsType[] = asked ? [asked] : isIpv4(host) ? ["PTR"] : ["A", "AAAA"];
  const name = isIpv4(host) ? ptrName(host) : host;
  const questions = types.map((type, i) => query((id + i) & 0xffff, name, type));
  for (const server of servers) {
    const talk = converse(ctx, server, questions, busybox);
    if (talk.heard) {
      ctx.out.line(`Server:\t\t${server.name}`);
      ctx.out.line(`Address:\t${server.ip}${busybox ? ":53" : "#53"}`);
      ctx.out.line("");
    }
    if (talk.replies.length)
      return busybox ? printBusybox(ctx, questions, talk.replies) : printBind(ctx, talk.replies);
  }
  ctx.out.line(";; connection timed out; no servers could be reached");
  ctx.out.line("");
  return 1;
};

/** busybox: each reply in turn, a blank line after each, then the questions left unanswered. */
function printBusybox(ctx: Ctx, questions: DnsMessage[], replies: DnsMessage[]): number {
  let exit = 0;
  for (const m of replies) {
    if (m.rcode !== "NOERROR") {
      ctx.out.line(`** server can't find ${m.question.name}: ${m.rcode}`);
      exit = 1;
    } else {
      if (!m.authoritative) ctx.out.line("Non-authoritative answer:");
      for (const line of recordLines(m, "busybox")) ctx.out.line(line);
    }
    ctx.out.line("");
  }
  const unanswered = questions.filter((q) => !replies.some((r) => r.id === q.id));
  for (const q of unanswered) ctx.out.line(`*** Can't find ${q.question.name}: No answer`);
  if (unanswered.length) ctx.out.line("");
  return exit;
}

/** bind: the first answer's failure, or every record under one header, then a blank line. */
function printBind(ctx: Ctx, replies: DnsMessage[]): number {
  const first = replies[0];
  if (first && first.rcode !== "NOERROR") {
    ctx.out.line(`** server can't find ${first.question.name}: ${first.rcode}`);
    ctx.out.line("");
    return 1;
  }
  const records = replies.filter((m) => m.rcode === "NOERROR" && m.answers.length);
  if (records.length && !records.every((m) => m.authoritative)) ctx.out.line("Non-authoritative answer:");
  for (const m of records) for (const line of recordLines(m, "bind")) ctx.out.line(line);
  ctx.out.line("");
  return 0;
}

export const commands: Command[] = [{ name: "nslookup", where: ["host", "busybox"], run: nslookup }];
