/**
 * Netfilter tables as data, and the operations `iptables -A/-I/-D/-N/-X/-F` perform on them.
 * Docker programs its chains through these, just as it runs iptables on a real host.
 */
import type { Chain, Netfilter, Rule, Table } from "./types";

const BUILTIN: Record<Table, string[]> = {
  filter: ["INPUT", "FORWARD", "OUTPUT"],
  nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
  mangle: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"],
};

function builtinChains(table: Table): Chain[] {
  return BUILTIN[table].map((name) => ({ name, policy: "ACCEPT", rules: [], pkts: 0, bytes: 0 }));
}

/** What a table nobody has used reads as; frozen, so that a write meant for the real table fails loudly. */
const UNUSED: Record<Table, readonly Chain[]> = {
  filter: Object.freeze(builtinChains("filter").map((c) => Object.freeze(c))),
  nat: Object.freeze(builtinChains("nat").map((c) => Object.freeze(c))),
  mangle: Object.freeze(builtinChains("mangle").map((c) => Object.freeze(c))),
};

/** A table's chains to read: a table not created yet is its built-in chains, empty, policy ACCEPT. */
export function chainsOf(nf: Netfilter, table: Table): readonly Chain[] {
  return nf[table] ?? UNUSED[table];
}

/** A table's chains to change: the kernel creates a table, with its built-in chains, on first use. */
export function ownChains(nf: Netfilter, table: Table): Chain[] {
  nf[table] ??= builtinChains(table);
  return nf[table];
}

export class NetfilterError extends Error {}

export function isBuiltin(table: Table, chain: string): boolean {
  return BUILTIN[table].includes(chain);
}

export function findChain(nf: Netfilter, table: Table, name: string): Chain | undefined {
  return chainsOf(nf, table).find((c) => c.name === name);
}

/** The chain to change (its table created if need be), or the error iptables reports. */
function requireChain(nf: Netfilter, table: Table, name: string): Chain {
  const chain = ownChains(nf, table).find((c) => c.name === name);
  if (!chain) throw new NetfilterError(`Chain '${name}' does not exist`);
  return chain;
}

export function newChain(nf: Netfilter, table: Table, name: string): Chain {
  if (findChain(nf, table, name)) throw new NetfilterError("Chain already exists");
  const chain: Chain = { name, rules: [], pkts: 0, bytes: 0 };
  ownChains(nf, table).push(chain);
  return chain;
}

export function ensureChain(nf: Netfilter, table: Table, name: string): Chain {
  return findChain(nf, table, name) ?? newChain(nf, table, name);
}

export type RuleSpec = Omit<Rule, "pkts" | "bytes">;

function makeRule(spec: RuleSpec): Rule {
  return { ...spec, pkts: 0, bytes: 0 };
}

export function appendRule(nf: Netfilter, table: Table, chain: string, spec: RuleSpec): void {
  requireChain(nf, table, chain).rules.push(makeRule(spec));
}

/** `-I CHAIN [N]`: N counts from 1, as in iptables. */
export function insertRule(nf: Netfilter, table: Table, chain: string, spec: RuleSpec, position = 1): void {
  const c = requireChain(nf, table, chain);
  if (position < 1 || position > c.rules.length + 1) throw new NetfilterError("Index of insertion too big.");
  c.rules.splice(position - 1, 0, makeRule(spec));
}

function sameRule(a: RuleSpec, b: RuleSpec): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete("pkts");
  keys.delete("bytes");
  for (const key of keys) {
    if (
      JSON.stringify((a as Record<string, unknown>)[key]) !==
      JSON.stringify((b as Record<string, unknown>)[key])
    )
      return false;
  }
  return true;
}

export function deleteRule(nf: Netfilter, table: Table, chain: string, spec: RuleSpec): void {
  const c = requireChain(nf, table, chain);
  const index = c.rules.findIndex((r) => sameRule(r, spec));
  if (index < 0) throw new NetfilterError("Bad rule (does a matching rule exist in that chain?).");
  c.rules.splice(index, 1);
}

export function hasRule(nf: Netfilter, table: Table, chain: string, spec: RuleSpec): boolean {
  return findChain(nf, table, chain)?.rules.some((r) => sameRule(r, spec)) ?? false;
}

/** Number of rules, in any chain of the table, that jump to `chain`. */
export function referencesTo(nf: Netfilter, table: Table, chain: string): number {
  return chainsOf(nf, table).reduce((n, c) => n + c.rules.filter((r) => r.target === chain).length, 0);
}

/** `-D CHAIN N`: N counts from 1. */
export function deleteRuleAt(nf: Netfilter, table: Table, chain: string, position: number): void {
  const c = requireChain(nf, table, chain);
  if (position < 1 || position > c.rules.length) throw new NetfilterError("Index of deletion too big.");
  c.rules.splice(position - 1, 1);
}

/** `-R CHAIN N`: the rule at N is replaced, its counters reset. */
export function replaceRule(
  nf: Netfilter,
  table: Table,
  chain: string,
  position: number,
  spec: RuleSpec,
): void {
  const c = requireChain(nf, table, chain);
  if (position < 1 || position > c.rules.length) throw new NetfilterError("Index of replacement too big.");
  c.rules[position - 1] = makeRule(spec);
}

/** `-F [CHAIN]`: every rule of the chain (or of the whole table) goes; chains and policies stay. */
export function flushRules(nf: Netfilter, table: Table, chain?: string): void {
  for (const c of nf[table] ?? []) if (chain === undefined || c.name === chain) c.rules = [];
}

/** `-X CHAIN`: callers check that the chain is a user chain, empty and unreferenced. */
export function removeChain(nf: Netfilter, table: Table, chain: string): void {
  nf[table] = nf[table]?.filter((c) => c.name !== chain);
}

/** `-E OLD NEW`: the chain and every jump to it take the new name. */
export function renameChain(nf: Netfilter, table: Table, from: string, to: string): void {
  requireChain(nf, table, from).name = to;
  for (const c of ownChains(nf, table)) for (const r of c.rules) if (r.target === from) r.target = to;
}

export function setPolicy(nf: Netfilter, table: Table, chain: string, policy: "ACCEPT" | "DROP"): void {
  requireChain(nf, table, chain).policy = policy;
}

/** `-Z [CHAIN]`: packet and byte counters back to zero. */
export function zeroCounters(nf: Netfilter, table: Table, chain?: string): void {
  for (const c of nf[table] ?? []) {
    if (chain !== undefined && c.name !== chain) continue;
    c.pkts = 0;
    c.bytes = 0;
    for (const r of c.rules) {
      r.pkts = 0;
      r.bytes = 0;
    }
  }
}
