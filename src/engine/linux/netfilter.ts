/**
 * Netfilter tables as data, and the operations `iptables -A/-I/-D/-N/-X/-F` perform on them.
 * Docker programs its chains through these, just as it runs iptables on a real host.
 */
import type { Chain, Netfilter, Rule, Table } from "./types";

const BUILTIN: Record<Table, string[]> = {
  filter: ["INPUT", "FORWARD", "OUTPUT"],
  nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
};

export function defaultNetfilter(): Netfilter {
  const make = (table: Table): Chain[] =>
    BUILTIN[table].map((name) => ({ name, policy: "ACCEPT", rules: [], pkts: 0, bytes: 0 }));
  return { filter: make("filter"), nat: make("nat") };
}

export class NetfilterError extends Error {}

export function isBuiltin(table: Table, chain: string): boolean {
  return BUILTIN[table].includes(chain);
}

export function findChain(nf: Netfilter, table: Table, name: string): Chain | undefined {
  return nf[table].find((c) => c.name === name);
}

export function requireChain(nf: Netfilter, table: Table, name: string): Chain {
  const chain = findChain(nf, table, name);
  if (!chain) throw new NetfilterError(`Chain '${name}' does not exist`);
  return chain;
}

export function newChain(nf: Netfilter, table: Table, name: string): Chain {
  if (findChain(nf, table, name)) throw new NetfilterError("Chain already exists");
  const chain: Chain = { name, rules: [], pkts: 0, bytes: 0 };
  nf[table].push(chain);
  return chain;
}

export function ensureChain(nf: Netfilter, table: Table, name: string): Chain {
  return findChain(nf, table, name) ?? newChain(nf, table, name);
}

export type RuleSpec = Omit<Rule, "pkts" | "bytes">;

export function makeRule(spec: RuleSpec): Rule {
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

export function sameRule(a: RuleSpec, b: RuleSpec): boolean {
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
  return nf[table].reduce((n, c) => n + c.rules.filter((r) => r.target === chain).length, 0);
}
