/**
 * Netfilter as the datapath meets it: a hook runs a built-in chain over a packet, following jumps into
 * user chains and RETURNs back, counting packets and bytes on every rule that matched and on the
 * policy when it decided. Matches: addresses and interfaces (with `!`), protocol and port, addrtype
 * LOCAL, and conntrack state.
 */

import { ruleText } from "../linux/iptables-save";
import { findChain } from "../linux/netfilter";
import type { Chain, Match, Netns, Rule, Table } from "../linux/types";
import { ports } from "./headers";
import { inSubnet, isLocalAddress } from "./route";
import type { Packet } from "./types";

export type CtState = "NEW" | "ESTABLISHED" | "RELATED" | "UNTRACKED";

export interface HookContext {
  /** Input and output interface names where the hook has them. */
  in?: string;
  out?: string;
  ctstate: CtState;
  /** IPVS handled the flow (for `-m ipvs --ipvs`). */
  ipvs?: boolean;
  /** The packet's mark as MARK rules leave it (mangle). */
  mark?: number;
}

export interface Verdict {
  /** ACCEPT, DROP, REJECT, DNAT, SNAT, MASQUERADE: what finally happened to the packet. */
  target: string;
  /** The chain whose rule (or policy) decided. */
  chain: string;
  rule?: Rule;
}

function matchValue(m: Match | undefined, test: (value: string) => boolean): boolean {
  if (!m) return true;
  return test(m.value) !== (m.neg === true);
}

function ifaceMatches(pattern: string, name: string | undefined): boolean {
  if (name === undefined) return false;
  return pattern.endsWith("+") ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

function portMatches(spec: string, port: number): boolean {
  const [lo, hi = lo] = spec.split(":").map(Number);
  return lo !== undefined && hi !== undefined && port >= lo && port <= hi;
}

function matches(ns: Netns, rule: Rule, p: Packet, ctx: HookContext): boolean {
  const ip = p.ip;
  if (!ip) return false;
  if (!matchValue(rule.src, (v) => inSubnet(ip.src, v))) return false;
  if (!matchValue(rule.dst, (v) => inSubnet(ip.dst, v))) return false;
  if (!matchValue(rule.in, (v) => ifaceMatches(v, ctx.in))) return false;
  if (!matchValue(rule.out, (v) => ifaceMatches(v, ctx.out))) return false;
  if (rule.proto && rule.proto !== ip.proto) return false;
  if (rule.dport && !((p.tcp || p.udp) && portMatches(rule.dport, ports(p).dport))) return false;
  if (!matchValue(rule.dstTypeLocal, () => isLocalAddress(ns, ip.dst))) return false;
  if (!matchValue(rule.srcTypeLocal, () => isLocalAddress(ns, ip.src))) return false;
  if (rule.ipvs && !ctx.ipvs) return false;
  if (rule.ctstate && !rule.ctstate.split(",").includes(ctx.ctstate)) return false;
  return true;
}

const FINAL = new Set(["ACCEPT", "DROP", "REJECT", "DNAT", "SNAT", "MASQUERADE", "REDIRECT"]);

/** Walks one chain; undefined means the packet fell off its end (or hit RETURN). */
function walkChain(
  ns: Netns,
  table: Table,
  chain: Chain,
  p: Packet,
  ctx: HookContext,
  depth: number,
): Verdict | undefined {
  const bytes = p.ip?.length ?? 0;
  for (const rule of chain.rules) {
    if (!matches(ns, rule, p, ctx)) continue;
    rule.pkts += 1;
    rule.bytes += bytes;
    if (FINAL.has(rule.target)) return { target: rule.target, chain: chain.name, rule };
    if (rule.target === "MARK") {
      ctx.mark = rule.setMark;
      continue;
    }
    if (rule.target === "RETURN") return undefined;
    const next = findChain(ns.netfilter, table, rule.target);
    if (!next || depth > 16) continue;
    const verdict = walkChain(ns, table, next, p, ctx, depth + 1);
    if (verdict) return verdict;
  }
  return undefined;
}

/**
 * Runs a hook's built-in chain: the verdict of the first final target, else the chain's policy.
 * The policy's own counters stay at zero, as with iptables 1.8 on nf_tables (the recorded host).
 */
export function runHook(ns: Netns, table: Table, hookChain: string, p: Packet, ctx: HookContext): Verdict {
  // IPv6 goes through ip6tables, which the lab does not model: Docker 26 adds no rules there unless
  // the daemon is started with ip6tables on.
  if (p.ip?.dst.includes(":")) return { target: "ACCEPT", chain: hookChain };
  // A table nobody has used accepts everything (its built-in chains are empty, policy ACCEPT).
  if (!ns.netfilter[table]) return { target: "ACCEPT", chain: hookChain };
  const chain = findChain(ns.netfilter, table, hookChain);
  if (!chain) return { target: "ACCEPT", chain: hookChain };
  return walkChain(ns, table, chain, p, ctx, 0) ?? { target: chain.policy ?? "ACCEPT", chain: hookChain };
}

/** Does the namespace track connections at all (any rule or a DROP policy loads conntrack)? */
export function tracksConnections(ns: Netns): boolean {
  const loaded = (c: Chain) => c.rules.length > 0 || c.policy === "DROP";
  const { filter, nat } = ns.netfilter;
  return (filter?.some(loaded) ?? false) || (nat?.some(loaded) ?? false) || (ns.ipvs?.length ?? 0) > 0;
}

/** "the policy of FORWARD" or the rule's text, for hop notes. */
export function verdictText(v: Verdict): string {
  return v.rule ? ruleText(v.chain, v.rule) : `-P ${v.chain} ${v.target}`;
}
