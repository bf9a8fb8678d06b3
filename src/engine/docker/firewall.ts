/**
 * The iptables rules Docker programs: its chains at start-up, per-bridge forwarding, isolation and
 * masquerading, and DNAT per published port. Written through the netfilter layer, exactly as
 * dockerd runs iptables on a real host, so that `iptables -S` shows what Docker did.
 */
import {
  appendRule,
  deleteRule,
  ensureChain,
  findChain,
  hasRule,
  insertRule,
  type RuleSpec,
  setPolicy,
} from "../linux/netfilter";
import type { Netns } from "../linux/types";
import type { PublishedPort } from "./types";

export function setupDockerChains(ns: Netns): void {
  const nf = ns.netfilter;
  setPolicy(nf, "filter", "FORWARD", "DROP");
  for (const name of ["DOCKER", "DOCKER-ISOLATION-STAGE-1", "DOCKER-ISOLATION-STAGE-2", "DOCKER-USER"]) {
    ensureChain(nf, "filter", name);
  }
  ensureChain(nf, "nat", "DOCKER");
  appendRule(nf, "filter", "FORWARD", { target: "DOCKER-USER" });
  appendRule(nf, "filter", "FORWARD", { target: "DOCKER-ISOLATION-STAGE-1" });
  appendRule(nf, "filter", "DOCKER-ISOLATION-STAGE-1", { target: "RETURN" });
  appendRule(nf, "filter", "DOCKER-ISOLATION-STAGE-2", { target: "RETURN" });
  appendRule(nf, "filter", "DOCKER-USER", { target: "RETURN" });
  appendRule(nf, "nat", "PREROUTING", { dstTypeLocal: { value: "LOCAL" }, target: "DOCKER" });
  appendRule(nf, "nat", "OUTPUT", {
    dst: { value: "127.0.0.0/8", neg: true },
    dstTypeLocal: { value: "LOCAL" },
    target: "DOCKER",
  });
}

export interface BridgeRules {
  bridge: string;
  subnet: string;
  icc: boolean;
  masquerade: boolean;
  internal: boolean;
}

type Where = "forward" | "top" | "append";

interface OwnedRule {
  table: "filter" | "nat";
  chain: string;
  spec: RuleSpec;
  /** "forward": in FORWARD's block after Docker's two jumps; "top": a block at the head of the chain. */
  where: Where;
}

/**
 * The rules one bridge network owns, in the order Docker leaves them: its FORWARD block goes above
 * older networks' (after DOCKER-USER and DOCKER-ISOLATION-STAGE-1), its isolation and nat rules at
 * the head of their chains, and an ICC "DROP" at the very end of FORWARD.
 */
function bridgeRules(b: BridgeRules): OwnedRule[] {
  const i = { value: b.bridge };
  const notO = { value: b.bridge, neg: true };
  const icc: OwnedRule = b.icc
    ? { table: "filter", chain: "FORWARD", spec: { in: i, out: i, target: "ACCEPT" }, where: "forward" }
    : { table: "filter", chain: "FORWARD", spec: { in: i, out: i, target: "DROP" }, where: "append" };
  if (b.internal) {
    return [
      icc,
      {
        table: "filter",
        chain: "DOCKER-ISOLATION-STAGE-1",
        spec: { src: { value: b.subnet, neg: true }, out: i, target: "DROP" },
        where: "top",
      },
      {
        table: "filter",
        chain: "DOCKER-ISOLATION-STAGE-1",
        spec: { dst: { value: b.subnet, neg: true }, in: i, target: "DROP" },
        where: "top",
      },
    ];
  }
  const rules: OwnedRule[] = [
    {
      table: "filter",
      chain: "FORWARD",
      spec: { out: i, ctstate: "RELATED,ESTABLISHED", target: "ACCEPT" },
      where: "forward",
    },
    { table: "filter", chain: "FORWARD", spec: { out: i, target: "DOCKER" }, where: "forward" },
    { table: "filter", chain: "FORWARD", spec: { in: i, out: notO, target: "ACCEPT" }, where: "forward" },
    icc,
    {
      table: "filter",
      chain: "DOCKER-ISOLATION-STAGE-1",
      spec: { in: i, out: notO, target: "DOCKER-ISOLATION-STAGE-2" },
      where: "top",
    },
    { table: "filter", chain: "DOCKER-ISOLATION-STAGE-2", spec: { out: i, target: "DROP" }, where: "top" },
  ];
  if (b.masquerade) {
    rules.push(
      { table: "nat", chain: "DOCKER", spec: { in: i, target: "RETURN" }, where: "top" },
      {
        table: "nat",
        chain: "POSTROUTING",
        spec: { src: { value: b.subnet }, out: notO, target: "MASQUERADE" },
        where: "top",
      },
    );
  }
  return rules;
}

/** Where a new bridge's FORWARD rules go: after DOCKER-USER and DOCKER-ISOLATION-STAGE-1, above older bridges. */
function forwardInsertPosition(ns: Netns): number {
  const forward = findChain(ns.netfilter, "filter", "FORWARD");
  const isolation = forward?.rules.findIndex((r) => r.target === "DOCKER-ISOLATION-STAGE-1") ?? -1;
  return isolation + 2;
}

export function addBridgeRules(ns: Netns, b: BridgeRules): void {
  const nf = ns.netfilter;
  const next: Record<string, number> = { FORWARD: forwardInsertPosition(ns) };
  for (const r of bridgeRules(b)) {
    if (r.where === "append") {
      appendRule(nf, r.table, r.chain, r.spec);
      continue;
    }
    const key = `${r.table}/${r.chain}`;
    const at = r.where === "forward" ? (next.FORWARD ?? 1) : (next[key] ?? 1);
    insertRule(nf, r.table, r.chain, r.spec, at);
    if (r.where === "forward") next.FORWARD = at + 1;
    else next[key] = at + 1;
  }
}

export function removeBridgeRules(ns: Netns, b: BridgeRules): void {
  for (const r of bridgeRules(b)) {
    if (hasRule(ns.netfilter, r.table, r.chain, r.spec)) deleteRule(ns.netfilter, r.table, r.chain, r.spec);
  }
}

function portRules(p: PublishedPort): { table: "filter" | "nat"; chain: string; spec: RuleSpec }[] {
  const hostDst = p.hostIp === "0.0.0.0" ? {} : { dst: { value: `${p.hostIp}/32` } };
  return [
    {
      table: "filter",
      chain: "DOCKER",
      spec: {
        dst: { value: `${p.containerIp}/32` },
        in: { value: p.bridge, neg: true },
        out: { value: p.bridge },
        proto: p.proto,
        dport: String(p.containerPort),
        target: "ACCEPT",
      },
    },
    {
      table: "nat",
      chain: "POSTROUTING",
      spec: {
        src: { value: `${p.containerIp}/32` },
        dst: { value: `${p.containerIp}/32` },
        proto: p.proto,
        dport: String(p.containerPort),
        target: "MASQUERADE",
      },
    },
    {
      table: "nat",
      chain: "DOCKER",
      spec: {
        ...hostDst,
        in: { value: p.bridge, neg: true },
        proto: p.proto,
        dport: String(p.hostPort),
        target: "DNAT",
        toDest: `${p.containerIp}:${p.containerPort}`,
      },
    },
  ];
}

export function addPortRules(ns: Netns, p: PublishedPort): void {
  for (const r of portRules(p)) appendRule(ns.netfilter, r.table, r.chain, r.spec);
}

export function removePortRules(ns: Netns, p: PublishedPort): void {
  for (const r of portRules(p)) {
    if (hasRule(ns.netfilter, r.table, r.chain, r.spec)) deleteRule(ns.netfilter, r.table, r.chain, r.spec);
  }
}
