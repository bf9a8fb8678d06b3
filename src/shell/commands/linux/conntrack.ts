/**
 * conntrack-tools 1.4.7 `conntrack`: list (-L), count (-C), flush (-F) and delete (-D) the flows the
 * datapath tracks in this namespace, with the usual tuple filters. The summary goes to stderr and,
 * stderr being unbuffered, ahead of the entries as the recordings show.
 */
import type { ConntrackEntry } from "../../../engine/linux/types";
import { own } from "../../../engine/own";
import { ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Handler } from "../../types";
import { Getopt, type LongOption, type Problem } from "../getopt";
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

const COMMANDS: Record<string, string> = { L: "list", C: "count", F: "flush", D: "delete" };

const LONG: LongOption[] = [
  { name: "dump", key: "L" },
  { name: "count", key: "C" },
  { name: "flush", key: "F" },
  { name: "delete", key: "D" },
  { name: "proto", key: "p", value: "required" },
  { name: "src", key: "s", value: "required" },
  { name: "orig-src", key: "s", value: "required" },
  { name: "dst", key: "d", value: "required" },
  { name: "orig-dst", key: "d", value: "required" },
  { name: "sport", key: "sport", value: "required" },
  { name: "orig-port-src", key: "sport", value: "required" },
  { name: "dport", key: "dport", value: "required" },
  { name: "orig-port-dst", key: "dport", value: "required" },
  { name: "src-nat", key: "n" },
  { name: "dst-nat", key: "g" },
  { name: "version", key: "V" },
];

/** conntrack's words for getopt's problems; an unknown letter it takes for a missing argument (optopt). */
function bad(p: Problem): ToolExit {
  if (p.kind === "unrecognized") return usage(`unknown option \`--${p.option}'`);
  return usage(`option \`${p.kind === "long-missing" ? "--" : "-"}${p.option}' requires an argument`);
}

const conntrack: Handler = (ctx) => {
  let command: string | undefined;
  const f: Filter = {};
  const parsed = new Getopt(ctx.argv.slice(1), "LCFDp:s:d:ngV", bad, LONG);
  for (const { key, value = "" } of parsed) {
    const cmd = own(COMMANDS, key);
    if (cmd) {
      if (command) throw usage("Invalid parameters");
      command = cmd;
    } else if (key === "p") {
      if (own(PROTO_NUMBERS, value) === undefined) throw usage(`proto \`${value}' not found`);
      f.proto = value;
    } else if (key === "s" || key === "d") {
      const ip = parseIpv4(value);
      if (ip === undefined) throw usage(`Bad parameter \`${value}'`);
      if (key === "s") f.src = ip;
      else f.dst = ip;
    } else if (key === "sport") f.sport = Number(value);
    else if (key === "dport") f.dport = Number(value);
    else if (key === "n") f.snat = true;
    else if (key === "g") f.dnat = true;
    else if (key === "V") {
      ctx.out.line(`conntrack v1.4.7 (conntrack-tools)`);
      return 0;
    }
  }
  // A word that is no option: getopt's optopt again, read as a missing argument.
  const [stray] = parsed.operands;
  if (stray !== undefined) throw usage(`option \`${stray}' requires an argument`);
  if (!command) throw new ToolExit(2, `${PREFIX}: no command specified. Please, use -h or --help\n`);
  if (!canAdminister(ctx)) throw new ToolExit(1, `${PREFIX}: Operation failed: Operation not permitted\n`);
  const ns = netnsOf(ctx);
  const now = ctx.world.clock;
  // conntrack looks at IPv4 flows unless asked for another family (-f ipv6, which the lab lacks).
  const live = ns.conntrack.filter((e) => remaining(e, now) >= 0 && !e.orig.src.includes(":"));
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

export const commands: Command[] = [{ name: "conntrack", where: ["host"], addrconf: true, run: conntrack }];
