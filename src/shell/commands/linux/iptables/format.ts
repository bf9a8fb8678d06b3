/**
 * iptables 1.8.9 (nf_tables) listings: `-L` (with -n, -v, -x, --line-numbers) and `-S`, rule by
 * rule as print_firewall and the save functions of each match and target print them.
 */

import { cidr, ruleText } from "../../../../engine/linux/iptables-save";
import { chainsOf, referencesTo } from "../../../../engine/linux/netfilter";
import type { Chain, Match, Netfilter, Rule, Table } from "../../../../engine/linux/types";
import { ICMP_TYPES, SERVICES } from "./parse";

const PROTO_NUMBERS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1 };
const LOG_LEVELS = ["emerg", "alert", "crit", "error", "warning", "notice", "info", "debug"];

// ---- -S ---------------------------------------------------------------------------------------

function chainHeaderSave(c: Chain, counters: boolean): string {
  if (!c.policy) return `-N ${c.name}\n`;
  return `-P ${c.name} ${c.policy}${counters ? ` -c ${c.pkts} ${c.bytes}` : ""}\n`;
}

/** `-S [CHAIN]`: policies and chain declarations first, then every rule. */
export function listRules(nf: Netfilter, table: Table, chain: Chain | undefined, counters: boolean): string {
  const chains = chain ? [chain] : ordered(chainsOf(nf, table));
  let out = chains.map((c) => chainHeaderSave(c, counters)).join("");
  for (const c of chains) for (const r of c.rules) out += `${ruleText(c.name, r, counters)}\n`;
  return out;
}

/** Built-in chains in hook order, then user chains by name, as iptables-nft sorts its cache. */
export function ordered(chains: readonly Chain[]): Chain[] {
  const builtin = chains.filter((c) => c.policy);
  const user = chains
    .filter((c) => !c.policy)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...builtin, ...user];
}

// ---- -L ---------------------------------------------------------------------------------------

export interface ListFormat {
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
}

/** xtables_print_num(): counters in a 5-wide column with K/M/G units, or exact in 8 with -x. */
function num(n: number, f: ListFormat): string {
  if (f.exact) return `${String(n).padStart(8)} `;
  if (n <= 99999) return `${String(n).padStart(5)} `;
  let v = n;
  for (const unit of ["K", "M", "G", "T"]) {
    v = Math.floor((v + 500) / 1000);
    if (v <= 9999 || unit === "T") return `${String(v).padStart(4)}${unit} `;
  }
  return `${n} `;
}

/** ipv4_addr_to_string(): "anywhere" without -n, names for loopback, the mask unless /32. */
function listAddr(m: Match | undefined, numeric: boolean): string {
  const { ip, prefix } = cidr(m?.value ?? "0.0.0.0/0");
  if (prefix === 0 && !numeric) return "anywhere";
  let host = ip;
  if (!numeric && ip === "127.0.0.1") host = "localhost";
  else if (!numeric && ip === "127.0.0.0" && prefix < 32) host = "loopback";
  return prefix === 32 ? host : `${host}/${prefix}`;
}

function port(p: string, numeric: boolean): string {
  if (numeric) return p;
  const name = Object.entries(SERVICES).find(([, n]) => String(n) === p)?.[0];
  return name ?? p;
}

function portMatch(
  name: string,
  value: string | undefined,
  neg: boolean | undefined,
  numeric: boolean,
): string {
  if (value === undefined) return "";
  const inv = neg ? "!" : "";
  if (!value.includes(":")) return ` ${name}:${inv}${port(value, numeric)}`;
  const [a = "", b = ""] = value.split(":");
  return ` ${name}s:${inv}${port(a, numeric)}:${port(b, numeric)}`;
}

/** What the matches and the target print after the addresses. */
function details(r: Rule, numeric: boolean): string {
  let s = "";
  if (r.proto === "icmp" && r.icmpType) {
    const name = Object.entries(ICMP_TYPES).find(
      ([n, v]) => v === r.icmpType?.value && !["pong", "ping"].includes(n),
    )?.[0];
    const inv = r.icmpType.neg ? "!" : "";
    if (!numeric && name) s += ` icmp ${inv}${name}`;
    else {
      const [type, code] = (r.icmpType.value === "any" ? "255" : r.icmpType.value).split("/");
      s += ` icmp${inv ? " !" : ""}type ${type}${code !== undefined ? ` code ${code}` : ""}`;
    }
  } else if ((r.proto === "tcp" || r.proto === "udp") && (r.sport !== undefined || r.dport !== undefined)) {
    s += ` ${r.proto}${portMatch("spt", r.sport, r.sportNeg, numeric)}${portMatch("dpt", r.dport, r.dportNeg, numeric)}`;
  }
  if (r.multiport)
    s += ` multiport ${r.multiport.dir} ${r.multiport.neg ? " !" : ""}${r.multiport.ports
      .split(",")
      .map((p) =>
        p
          .split(":")
          .map((x) => port(x, numeric))
          .join(":"),
      )
      .join(",")}`;
  if (r.srcTypeLocal) s += ` ADDRTYPE match src-type ${r.srcTypeLocal.neg ? "!" : ""}${r.srcTypeLocal.value}`;
  if (r.dstTypeLocal) s += ` ADDRTYPE match dst-type ${r.dstTypeLocal.neg ? "!" : ""}${r.dstTypeLocal.value}`;
  if (r.ipvs) s += " ipvs";
  if (r.ctstate) s += `${r.ctstateNeg ? " !" : ""} ctstate ${r.ctstate}`;
  if (r.state) s += ` state ${r.state}`;
  if (r.comment !== undefined) s += ` /* ${r.comment} */`;
  if (r.toDest) s += ` to:${r.toDest}`;
  if (r.toSource) s += ` to:${r.toSource}`;
  if (r.toPorts) s += ` redir ports ${r.toPorts}`;
  if (r.setMark !== undefined) s += ` MARK set 0x${r.setMark.toString(16)}`;
  if (r.rejectWith) s += ` reject-with ${r.rejectWith}`;
  if (r.target === "LOG") {
    const level = r.logLevel ?? 4;
    s += numeric ? ` LOG flags 0 level ${level}` : ` LOG level ${LOG_LEVELS[level] ?? level}`;
    if (r.logPrefix) s += ` prefix "${r.logPrefix}"`;
  }
  return s;
}

function listRule(r: Rule, n: number, f: ListFormat): string {
  let s = f.lineNumbers ? `${String(n).padEnd(4)} ` : "";
  if (f.verbose) s += num(r.pkts, f) + num(r.bytes, f);
  s += `${r.target.padEnd(9)} `;
  const proto = r.proto ?? "all";
  s += ` ${(f.numeric ? String(PROTO_NUMBERS[proto] ?? 0) : proto).padEnd(4)} `;
  s += "-- ";
  if (f.verbose) {
    const any = f.numeric ? "*" : "any";
    const iface = (m: Match | undefined) => (m ? `${m.neg ? "!" : ""}${m.value}` : any);
    s += ` ${iface(r.in).padEnd(6)} ${iface(r.out).padEnd(6)} `;
  }
  s += `${r.src?.neg ? "!" : " "}${listAddr(r.src, f.numeric).padEnd(19)} `;
  s += `${r.dst?.neg ? "!" : " "}${listAddr(r.dst, f.numeric).padEnd(19)} `;
  return `${s}${details(r, f.numeric)}\n`;
}

function listChain(nf: Netfilter, table: Table, c: Chain, f: ListFormat): string {
  let head = `Chain ${c.name}`;
  if (c.policy) {
    const counts = f.verbose ? ` ${c.pkts} packets, ${c.bytes} bytes` : "";
    head += ` (policy ${c.policy}${counts})\n`;
  } else head += ` (${referencesTo(nf, table, c.name)} references)\n`;
  let columns = f.lineNumbers ? `${"num".padEnd(4)} ` : "";
  if (f.verbose) columns += f.exact ? `${"pkts".padStart(8)} ${"bytes".padStart(10)} ` : " pkts bytes ";
  columns += `${"target".padEnd(9)}  prot opt`;
  if (f.verbose) columns += ` ${"in".padEnd(6)} ${"out".padEnd(6)} `;
  columns += ` ${"source".padEnd(19)}  ${"destination".padEnd(19)} \n`;
  return head + columns + c.rules.map((r, i) => listRule(r, i + 1, f)).join("");
}

/** `-L [CHAIN]`: every chain (or the one asked for), separated by blank lines. */
export function listChains(nf: Netfilter, table: Table, chain: Chain | undefined, f: ListFormat): string {
  const chains = chain ? [chain] : ordered(chainsOf(nf, table));
  return chains.map((c) => listChain(nf, table, c, f)).join("\n");
}
