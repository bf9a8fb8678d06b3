/**
 * conntrack-tools 1.4.7 `conntrack`: list (-L), count (-C), flush (-F) and delete (-D) the flows the
 * datapath tracks in this namespace, with the usual tuple filters. The summary goes to stderr and,
 * stderr being unbuffered, ahead of the entries as the recordings show.
 */
import type { ConntrackEntry } from "../../../engine/linux/types";
import { ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Handler } from "../../types";
import { canAdminister } from "./common";
import { parseIpv4 } from "./ip/addr";

const PREFIX = "conntrack v1.4.7 (conntrack-tools)";
const PROTO_NUMBERS: Record<string, number> = { icmp: 1, tcp: 6, udp: 17 };

function usage(message: string): ToolExit {
  return new ToolExit(
    2,
    `${PREFIX}: ${message}\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`,
  );
}

/** Seconds left on the entry's timer, as the kernel counts it down. */
function remaining(e: ConntrackEntry, now: number): number {
  return Math.floor((e.seen + (e.timeout ?? 30) * 1000 - now) / 1000);
}

function tuple(e: ConntrackEntry, t: ConntrackEntry["orig"], reply: boolean): string {
  const ends = `src=${t.src} dst=${t.dst} `;
  if (e.proto === "icmp") return `${ends}type=${reply ? 0 : 8} code=0 id=${t.sport} `;
  return `${ends}sport=${t.sport} dport=${t.dport} `;
}

export function formatEntry(e: ConntrackEntry, now: number): string {
  let s = `${e.proto.padEnd(8)} ${PROTO_NUMBERS[e.proto] ?? 0} ${remaining(e, now)} `;
  if (e.state) s += `${e.state} `;
  s += tuple(e, e.orig, false);
  if (!e.replied) s += "[UNREPLIED] ";
  s += tuple(e, e.reply, true);
  if (e.assured) s += "[ASSURED] ";
  return `${s}mark=0 use=1\n`;
}

interface Filter {
  proto?: string;
  src?: string;
  dst?: string;
  sport?: number;
  dport?: number;
  snat?: boolean;
  dnat?: boolean;
}

function selects(e: ConntrackEntry, f: Filter): boolean {
  if (f.proto && e.proto !== f.proto) return false;
  if (f.src && e.orig.src !== f.src) return false;
  if (f.dst && e.orig.dst !== f.dst) return false;
  if (f.sport !== undefined && e.orig.sport !== f.sport) return false;
  if (f.dport !== undefined && e.orig.dport !== f.dport) return false;
  if (f.snat && e.reply.dst === e.orig.src) return false;
  if (f.dnat && e.reply.src === e.orig.dst) return false;
  return true;
}

const COMMANDS: Record<string, string> = {
  "-L": "list",
  "--dump": "list",
  "-C": "count",
  "--count": "count",
  "-F": "flush",
  "--flush": "flush",
  "-D": "delete",
  "--delete": "delete",
};

const conntrack: Handler = (ctx) => {
  const args = ctx.argv.slice(1);
  let command: string | undefined;
  const f: Filter = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw usage(`option \`${arg}' requires an argument`);
      return v;
    };
    const cmd = Object.hasOwn(COMMANDS, arg) ? COMMANDS[arg] : undefined;
    if (cmd) {
      if (command) throw usage("Invalid parameters");
      command = cmd;
    } else if (arg === "-p" || arg === "--proto") {
      const proto = value();
      if (!(proto in PROTO_NUMBERS)) throw usage(`proto \`${proto}' not found`);
      f.proto = proto;
    } else if (
      arg === "-s" ||
      arg === "--src" ||
      arg === "--orig-src" ||
      arg === "-d" ||
      arg === "--dst" ||
      arg === "--orig-dst"
    ) {
      const ip = parseIpv4(value());
      if (ip === undefined) throw usage(`Bad parameter \`${args[i]}'`);
      if (arg.includes("s")) f.src = ip;
      else f.dst = ip;
    } else if (
      arg === "--sport" ||
      arg === "--orig-port-src" ||
      arg === "--dport" ||
      arg === "--orig-port-dst"
    ) {
      const port = Number(value());
      if (arg.includes("sport") || arg.endsWith("src")) f.sport = port;
      else f.dport = port;
    } else if (arg === "-n" || arg === "--src-nat") f.snat = true;
    else if (arg === "-g" || arg === "--dst-nat") f.dnat = true;
    else if (arg === "-V" || arg === "--version") {
      ctx.out.line(`conntrack v1.4.7 (conntrack-tools)`);
      return 0;
    } else if (arg.startsWith("--")) throw usage(`unknown option \`${arg}'`);
    // getopt leaves an unknown letter in optopt, which conntrack takes for a missing argument.
    else throw usage(`option \`${arg}' requires an argument`);
  }
  if (!command) throw new ToolExit(2, `${PREFIX}: no command specified. Please, use -h or --help\n`);
  if (!canAdminister(ctx)) throw new ToolExit(1, `${PREFIX}: Operation failed: Operation not permitted\n`);
  const ns = netnsOf(ctx);
  const now = ctx.world.clock;
  const live = ns.conntrack.filter((e) => remaining(e, now) >= 0);
  const chosen = live.filter((e) => selects(e, f));
  if (command === "count") {
    ctx.out.line(String(live.length));
    return 0;
  }
  if (command === "flush") {
    ns.conntrack = [];
    ctx.out.writeErr(`${PREFIX}: connection tracking table has been emptied.\n`);
    return 0;
  }
  if (command === "delete") {
    ns.conntrack = ns.conntrack.filter((e) => !chosen.includes(e));
    ctx.out.writeErr(`${PREFIX}: ${chosen.length} flow entries have been deleted.\n`);
    return chosen.length > 0 ? 0 : 1;
  }
  ctx.out.writeErr(`${PREFIX}: ${chosen.length} flow entries have been shown.\n`);
  ctx.out.write(chosen.map((e) => formatEntry(e, now)).join(""));
  return 0;
};

export const commands: Command[] = [
  { name: "conntrack", where: "installed", addrconf: true, run: conntrack },
];
