/**
 * `iptables` (1.8.9, nf_tables) on the host: list (-L, -S) and change (-A -I -D -R -C -N -X -E -F
 * -Z -P) the filter and nat tables of the namespace the shell stands in, refusing as iptables and
 * the kernel do. Containers run without CAP_NET_ADMIN and cannot read the rule set.
 */

import {
  appendRule,
  chainsOf,
  deleteRule,
  deleteRuleAt,
  findChain,
  flushRules,
  hasRule,
  insertRule,
  isBuiltin,
  NetfilterError,
  newChain,
  referencesTo,
  removeChain,
  renameChain,
  replaceRule,
  setPolicy,
  zeroCounters,
} from "../../../../engine/linux/netfilter";
import type { Netfilter, Table } from "../../../../engine/linux/types";
import { own } from "../../../../engine/own";
import { ToolExit } from "../../../command";
import { netnsOf } from "../../../place";
import type { Command, Ctx, Handler } from "../../../types";
import { canAdminister } from "../common";
import { listChains, listRules } from "./format";
import { CMD, type Parsed, paramProblem, parseIptables, type Resolver, VERSION } from "./parse";

/** nft_strerror() wording, exit 1: "iptables: Bad rule (does a matching rule exist in that chain?)." */
function failure(message: string): ToolExit {
  return new ToolExit(1, `iptables: ${message}\n`);
}

const NO_CHAIN = "No chain/target/match by that name.";

/** A change the kernel refused when the batch was committed. */
function commitError(op: string, errno: string, what: string): ToolExit {
  return new ToolExit(4, `${VERSION}:  ${op} failed (${errno}): ${what}\n`);
}

function resolver(ctx: Ctx): Resolver {
  const machine = ctx.world.machines[ctx.place.machine];
  return (name) => {
    if (name === "localhost") return "127.0.0.1";
    return (machine && own(machine.hosts, name)) ?? own(ctx.world.zone, name);
  };
}

function modifyRules(nf: Netfilter, table: Table, p: Parsed): number {
  const chain = p.chain ?? "";
  if (p.jumpChain !== undefined && !findChain(nf, table, p.jumpChain))
    throw paramProblem(`Chain '${p.jumpChain}' does not exist`);
  if (!findChain(nf, table, chain)) throw failure(NO_CHAIN);
  const op =
    p.command === CMD.INSERT ? "RULE_INSERT" : p.command === CMD.REPLACE ? "RULE_REPLACE" : "RULE_APPEND";
  for (const spec of p.specs) {
    const nat = ["DNAT", "SNAT", "MASQUERADE"].includes(spec.target);
    if (nat && table !== "nat") throw commitError(op, "Invalid argument", `rule in chain ${chain}`);
  }
  try {
    switch (p.command) {
      case CMD.APPEND:
        for (const spec of p.specs) appendRule(nf, table, chain, spec);
        return 0;
      case CMD.INSERT:
        for (const spec of p.specs) insertRule(nf, table, chain, spec, p.rulenum ?? 1);
        return 0;
      case CMD.REPLACE: {
        const [spec] = p.specs;
        if (p.specs.length !== 1 || !spec)
          throw paramProblem("Replacement rule does not specify a unique address");
        replaceRule(nf, table, chain, p.rulenum ?? 1, spec);
        return 0;
      }
      case CMD.DELETE_NUM:
        deleteRuleAt(nf, table, chain, p.rulenum ?? 1);
        return 0;
      case CMD.DELETE:
        for (const spec of p.specs) deleteRule(nf, table, chain, spec);
        return 0;
      default:
        if (p.specs.some((spec) => !hasRule(nf, table, chain, spec)))
          throw failure("Bad rule (does a matching rule exist in that chain?).");
        return 0;
    }
  } catch (error) {
    if (error instanceof NetfilterError) throw failure(error.message);
    throw error;
  }
}

function deleteChains(nf: Netfilter, table: Table, chain: string | undefined): number {
  const targets =
    chain === undefined
      ? chainsOf(nf, table)
          .filter((c) => !c.policy)
          .map((c) => c.name)
      : [chain];
  for (const name of targets) {
    const c = findChain(nf, table, name);
    if (!c) throw failure(NO_CHAIN);
    if (c.policy) {
      if (c.rules.length > 0 || c.policy !== "ACCEPT") throw failure("Directory not empty.");
      continue;
    }
    if (c.rules.length > 0 || referencesTo(nf, table, name) > 0)
      throw commitError("CHAIN_DEL", "Device or resource busy", `chain ${name}`);
  }
  for (const name of targets) if (!isBuiltin(table, name)) removeChain(nf, table, name);
  return 0;
}

function noTable(name: string): ToolExit {
  return new ToolExit(
    3,
    `${VERSION}: table '${name}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`,
  );
}

function run(ctx: Ctx, p: Parsed): number {
  if (p.table !== "filter" && p.table !== "nat" && p.table !== "mangle") throw noTable(p.table);
  if (!canAdminister(ctx))
    throw new ToolExit(
      4,
      `${VERSION}: Could not fetch rule set generation id: Permission denied (you must be root)\n`,
    );
  const table: Table = p.table;
  const nf = netnsOf(ctx).netfilter;
  // mangle, unlike filter and nat, is only there once something has used it (nf_tables).
  if (table === "mangle" && !nf.mangle && p.command & (CMD.LIST | CMD.LIST_RULES)) throw noTable(table);
  const chain = p.chain !== undefined ? findChain(nf, table, p.chain) : undefined;
  if (
    p.chain !== undefined &&
    !chain &&
    p.command & (CMD.LIST | CMD.LIST_RULES | CMD.FLUSH | CMD.ZERO | CMD.ZERO_NUM)
  )
    throw failure(NO_CHAIN);
  const o = p.options;
  if (p.command & CMD.LIST) {
    const format = { numeric: o.has("n"), verbose: o.has("v"), exact: o.has("x"), lineNumbers: o.has("0") };
    ctx.out.write(listChains(nf, table, chain, format));
  } else if (p.command & CMD.LIST_RULES) ctx.out.write(listRules(nf, table, chain, o.has("v")));
  if (p.command & (CMD.ZERO | CMD.ZERO_NUM)) zeroCounters(nf, table, p.chain);
  if (p.command & (CMD.LIST | CMD.LIST_RULES | CMD.ZERO | CMD.ZERO_NUM)) return 0;
  switch (p.command) {
    case CMD.FLUSH:
      flushRules(nf, table, p.chain);
      return 0;
    case CMD.NEW_CHAIN:
      if (findChain(nf, table, p.chain ?? "")) throw failure("Chain already exists.");
      newChain(nf, table, p.chain ?? "");
      return 0;
    case CMD.DELETE_CHAIN:
      return deleteChains(nf, table, p.chain);
    case CMD.RENAME_CHAIN:
      if (!chain) throw failure(NO_CHAIN);
      if (findChain(nf, table, p.newname ?? "")) throw failure("File exists.");
      renameChain(nf, table, chain.name, p.newname ?? "");
      return 0;
    case CMD.SET_POLICY:
      if (p.policy !== "ACCEPT" && p.policy !== "DROP")
        throw failure("Bad policy name. Run `dmesg' for more information.");
      if (!chain?.policy) throw failure("Bad built-in chain name.");
      setPolicy(nf, table, chain.name, p.policy);
      return 0;
    default:
      return modifyRules(nf, table, p);
  }
}

const HELP = `${VERSION}

Usage: iptables -[ACD] chain rule-specification [options]
       iptables -I chain [rulenum] rule-specification [options]
       iptables -R chain rulenum rule-specification [options]
       iptables -D chain rulenum [options]
       iptables -[LS] [chain [rulenum]] [options]
       iptables -[FZ] [chain] [options]
       iptables -[NX] chain
       iptables -E old-chain-name new-chain-name
       iptables -P chain target [options]
       iptables -h (print this help information)

Commands:
Either long or short options are allowed.
  --append  -A chain\t\tAppend to chain
  --check   -C chain\t\tCheck for the existence of a rule
  --delete  -D chain\t\tDelete matching rule from chain
  --delete  -D chain rulenum
\t\t\t\tDelete rule rulenum (1 = first) from chain
  --insert  -I chain [rulenum]
\t\t\t\tInsert in chain as rulenum (default 1=first)
  --replace -R chain rulenum
\t\t\t\tReplace rule rulenum (1 = first) in chain
  --list    -L [chain [rulenum]]
\t\t\t\tList the rules in a chain or all chains
  --list-rules -S [chain [rulenum]]
\t\t\t\tPrint the rules in a chain or all chains
  --flush   -F [chain]\t\tDelete all rules in  chain or all chains
  --zero    -Z [chain [rulenum]]
\t\t\t\tZero counters in chain or all chains
  --new     -N chain\t\tCreate a new user-defined chain
  --delete-chain
            -X [chain]\t\tDelete a user-defined chain
  --policy  -P chain target
\t\t\t\tChange policy on chain to target
  --rename-chain
            -E old-chain new-chain
\t\t\t\tChange chain name, (moving any references)

Options:
    --ipv4\t-4\t\tNothing (line is ignored by ip6tables-restore)
    --ipv6\t-6\t\tError (line is ignored by iptables-restore)
[!] --protocol\t-p proto\tprotocol: by number or name, eg. \`tcp'
[!] --source\t-s address[/mask][...]
\t\t\t\tsource specification
[!] --destination -d address[/mask][...]
\t\t\t\tdestination specification
[!] --in-interface -i input name[+]
\t\t\t\tnetwork interface name ([+] for wildcard)
 --jump\t-j target
\t\t\t\ttarget for rule (may load target extension)
  --goto      -g chain
\t\t\t       jump to chain with no return
  --match\t-m match
\t\t\t\textended match (may load extension)
  --numeric\t-n\t\tnumeric output of addresses and ports
[!] --out-interface -o output name[+]
\t\t\t\tnetwork interface name ([+] for wildcard)
  --table\t-t table\ttable to manipulate (default: \`filter')
  --verbose\t-v\t\tverbose mode
  --wait\t-w [seconds]\tmaximum wait to acquire xtables lock before give up
  --line-numbers\t\tprint line numbers when listing
  --exact\t-x\t\texpand numbers (display exact values)
[!] --fragment\t-f\t\tmatch second or further fragments only
  --modprobe=<command>\t\ttry to insert modules using this command
  --set-counters -c PKTS BYTES\tset the counter during insert/append
[!] --version\t-V\t\tprint package version.
`;

const iptables: Handler = (ctx) => {
  const p = parseIptables(ctx.argv.slice(1), resolver(ctx));
  if (p.help) {
    ctx.out.write(HELP);
    return 0;
  }
  if (p.version) {
    ctx.out.line(VERSION);
    return 0;
  }
  return run(ctx, p);
};

/**
 * `ip6tables -S` / `-L`: the IPv6 rule set, which the lab keeps empty (Docker 26 writes none without
 * "ip6tables" and "experimental" in daemon.json; recorded in 41-daemon-ipv6). Changing it is not
 * simulated.
 */
const ip6tables: Handler = (ctx) => {
  const p = parseIptables(ctx.argv.slice(1), resolver(ctx));
  if (p.help || p.version || !(p.command & (CMD.LIST | CMD.LIST_RULES)) || p.chain !== undefined) {
    ctx.out.error(`ip6tables: '${ctx.argv.slice(1).join(" ")}' is not simulated in Docker Network Lab`);
    return 1;
  }
  if (p.table !== "filter" && p.table !== "nat") throw noTable(p.table);
  const empty: Netfilter = {};
  const o = p.options;
  const format = { numeric: o.has("n"), verbose: o.has("v"), exact: o.has("x"), lineNumbers: o.has("0") };
  ctx.out.write(
    p.command & CMD.LIST
      ? listChains(empty, p.table, undefined, format)
      : listRules(empty, p.table, undefined, o.has("v")),
  );
  return 0;
};

export const commands: Command[] = [
  { name: "iptables", where: ["host"], addrconf: true, run: iptables },
  { name: "ip6tables", where: ["host"], addrconf: true, run: ip6tables },
];
