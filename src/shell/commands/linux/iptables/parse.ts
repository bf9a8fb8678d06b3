/**
 * iptables 1.8.9 (nf_tables) command-line parsing, after xshared.c's do_parse(): getopt_long over
 * the base options, match and target options that become known once `-p`, `-m` or `-j` loads them,
 * `!` before what it negates, and the same refusals with the same wording and exit statuses.
 */
import { formatIp, maskOf, parseIp } from "../../../../engine/ip";
import type { RuleSpec } from "../../../../engine/linux/netfilter";
import type { Match } from "../../../../engine/linux/types";
import { ToolExit } from "../../../command";
import { parseIpv4 } from "../ip/addr";

export const VERSION = "iptables v1.8.9 (nf_tables)";

/** PARAMETER_PROBLEM: the message, then the hint, exit 2. */
export function paramProblem(message: string): ToolExit {
  return new ToolExit(
    2,
    `${VERSION}: ${message}\nTry \`iptables -h' or 'iptables --help' for more information.\n`,
  );
}

export const CMD = {
  INSERT: 0x1,
  DELETE: 0x2,
  DELETE_NUM: 0x4,
  REPLACE: 0x8,
  APPEND: 0x10,
  LIST: 0x20,
  FLUSH: 0x40,
  ZERO: 0x80,
  NEW_CHAIN: 0x100,
  DELETE_CHAIN: 0x200,
  SET_POLICY: 0x400,
  RENAME_CHAIN: 0x800,
  LIST_RULES: 0x1000,
  ZERO_NUM: 0x2000,
  CHECK: 0x4000,
} as const;

const CMD_CHARS = "IDDRALFZNXPESZC";

function cmdChar(cmd: number): string {
  for (let i = 0; i < CMD_CHARS.length; i++) if (cmd & (1 << i)) return CMD_CHARS[i] ?? "";
  return "";
}

/** The options the command/option legality table knows, in its column order. */
const OPTION_CHARS = ["n", "s", "d", "p", "j", "v", "x", "i", "o", "0", "c", "f"];
/** xshared.c's commands_v_options: 'x' marks an option a command refuses. */
const LEGAL: Record<number, string> = {
  [CMD.INSERT]: "x     x  x  ",
  [CMD.DELETE]: "x     x  xx ",
  [CMD.DELETE_NUM]: "xxxxx xxxxxx",
  [CMD.REPLACE]: "x     x  x  ",
  [CMD.APPEND]: "x     x  x  ",
  [CMD.LIST]: " xxxx  xx xx",
  [CMD.FLUSH]: "xxxxx xxxxxx",
  [CMD.ZERO]: "xxxxx xxxxxx",
  [CMD.NEW_CHAIN]: "xxxxx xxxxxx",
  [CMD.DELETE_CHAIN]: "xxxxx xxxxxx",
  [CMD.SET_POLICY]: "xxxxx xxxx x",
  [CMD.RENAME_CHAIN]: "xxxxx xxxxxx",
  [CMD.LIST_RULES]: "xxxxx xxxxxx",
  [CMD.ZERO_NUM]: "xxxxx xxxxxx",
  [CMD.CHECK]: "x     x  xx ",
};
const INVERTIBLE = new Set(["s", "d", "p", "i", "o", "f"]);

export const TARGETS = new Set([
  "ACCEPT",
  "DROP",
  "RETURN",
  "QUEUE",
  "DNAT",
  "SNAT",
  "MASQUERADE",
  "REJECT",
  "LOG",
]);
const MATCHES = ["tcp", "udp", "icmp", "multiport", "conntrack", "state", "addrtype", "comment"];

const BASE: Record<string, { short: string; arg: "none" | "required" | "optional" }> = {
  append: { short: "A", arg: "required" },
  check: { short: "C", arg: "required" },
  delete: { short: "D", arg: "required" },
  "delete-chain": { short: "X", arg: "optional" },
  insert: { short: "I", arg: "required" },
  replace: { short: "R", arg: "required" },
  list: { short: "L", arg: "optional" },
  "list-rules": { short: "S", arg: "optional" },
  flush: { short: "F", arg: "optional" },
  zero: { short: "Z", arg: "optional" },
  "new-chain": { short: "N", arg: "required" },
  "rename-chain": { short: "E", arg: "required" },
  policy: { short: "P", arg: "required" },
  source: { short: "s", arg: "required" },
  src: { short: "s", arg: "required" },
  destination: { short: "d", arg: "required" },
  dst: { short: "d", arg: "required" },
  protocol: { short: "p", arg: "required" },
  "in-interface": { short: "i", arg: "required" },
  jump: { short: "j", arg: "required" },
  table: { short: "t", arg: "required" },
  match: { short: "m", arg: "required" },
  numeric: { short: "n", arg: "none" },
  "out-interface": { short: "o", arg: "required" },
  verbose: { short: "v", arg: "none" },
  wait: { short: "w", arg: "optional" },
  exact: { short: "x", arg: "none" },
  fragments: { short: "f", arg: "none" },
  version: { short: "V", arg: "none" },
  help: { short: "h", arg: "optional" },
  "line-numbers": { short: "0", arg: "none" },
  "set-counters": { short: "c", arg: "required" },
  goto: { short: "g", arg: "required" },
  ipv4: { short: "4", arg: "none" },
};
const SHORT_ARG: Record<string, "none" | "required" | "optional"> = Object.fromEntries(
  Object.values(BASE).map((o) => [o.short, o.arg]),
);

/** The long options each match or target adds once loaded (all take a value unless listed as flags). */
const EXTENSION_OPTIONS: Record<string, string[]> = {
  tcp: ["source-port", "sport", "destination-port", "dport"],
  udp: ["source-port", "sport", "destination-port", "dport"],
  icmp: ["icmp-type"],
  multiport: ["source-ports", "sports", "destination-ports", "dports", "ports"],
  conntrack: ["ctstate"],
  state: ["state"],
  addrtype: ["src-type", "dst-type"],
  comment: ["comment"],
  DNAT: ["to-destination"],
  SNAT: ["to-source"],
  MASQUERADE: [],
  REJECT: ["reject-with"],
  LOG: ["log-prefix", "log-level"],
};

export interface Parsed {
  command: number;
  chain?: string;
  rulenum?: number;
  newname?: string;
  policy?: string;
  table: string;
  options: Set<string>;
  /** The rules the line describes (several when -s or -d list addresses). */
  specs: RuleSpec[];
  /** The chain a `-j` jumps to when it names no target extension. */
  jumpChain?: string;
  help?: boolean;
  version?: boolean;
}

const PROTOCOLS: Record<string, "tcp" | "udp" | "icmp" | "all"> = {
  tcp: "tcp",
  "6": "tcp",
  udp: "udp",
  "17": "udp",
  icmp: "icmp",
  "1": "icmp",
  all: "all",
  "0": "all",
};

export const SERVICES: Record<string, number> = {
  ssh: 22,
  domain: 53,
  http: 80,
  https: 443,
  mysql: 3306,
  postgresql: 5432,
  "http-alt": 8080,
};

export const ICMP_TYPES: Record<string, string> = {
  any: "any",
  "echo-reply": "0",
  pong: "0",
  "destination-unreachable": "3",
  "echo-request": "8",
  ping: "8",
  "time-exceeded": "11",
};

const REJECT_TYPES: Record<string, string> = {
  "icmp-net-unreachable": "icmp-net-unreachable",
  "net-unreach": "icmp-net-unreachable",
  "icmp-host-unreachable": "icmp-host-unreachable",
  "host-unreach": "icmp-host-unreachable",
  "icmp-port-unreachable": "icmp-port-unreachable",
  "port-unreach": "icmp-port-unreachable",
  "icmp-proto-unreachable": "icmp-proto-unreachable",
  "proto-unreach": "icmp-proto-unreachable",
  "icmp-net-prohibited": "icmp-net-prohibited",
  "net-prohib": "icmp-net-prohibited",
  "icmp-host-prohibited": "icmp-host-prohibited",
  "host-prohib": "icmp-host-prohibited",
  "tcp-reset": "tcp-reset",
  "tcp-rst": "tcp-reset",
  "icmp-admin-prohibited": "icmp-admin-prohibited",
  "admin-prohib": "icmp-admin-prohibited",
};

const CT_STATES = ["INVALID", "NEW", "RELATED", "ESTABLISHED", "UNTRACKED", "SNAT", "DNAT"];

function parsePort(text: string): number {
  if (/^\d+$/.test(text) && Number(text) <= 65535) return Number(text);
  const port = SERVICES[text];
  if (port === undefined) throw paramProblem(`invalid port/service \`${text}' specified`);
  return port;
}

/** "80", "8000:8080", ":1024", "1024:" as the tcp and udp matches read them. */
function parsePortRange(text: string): string {
  if (!text.includes(":")) return String(parsePort(text));
  const [a = "", b = ""] = text.split(":", 2);
  const min = a === "" ? 0 : parsePort(a);
  const max = b === "" ? 65535 : parsePort(b);
  if (min > max) throw paramProblem("invalid portrange (min > max)");
  return min === max ? String(min) : `${min}:${max}`;
}

/** Names the host can resolve for -s and -d: localhost, the machine's /etc/hosts, public DNS. */
export type Resolver = (name: string) => string | undefined;

/** -s/-d: comma-separated hosts or networks, each "ADDR[/LEN|/MASK]", stored masked as "NET/LEN". */
function parseAddresses(text: string, resolve: Resolver): string[] {
  return text.split(",").map((item) => {
    const [host = "", mask] = item.trim().split("/", 2);
    let prefix = 32;
    if (mask !== undefined) {
      const dotted = parseIpv4(mask);
      const len =
        dotted !== undefined ? [...Array(33).keys()].find((n) => formatIp(maskOf(n)) === dotted) : undefined;
      if (len !== undefined && mask.includes(".")) prefix = len;
      else if (/^\d+$/.test(mask) && Number(mask) <= 32) prefix = Number(mask);
      else throw paramProblem(`invalid mask \`${mask}' specified`);
    }
    const ip = /^[\d.]+$/.test(host) ? parseIpv4(host) : resolve(host);
    if (ip === undefined) throw paramProblem(`host/network \`${host}' not found`);
    const net = (parseIp(ip) ?? 0) & maskOf(prefix);
    return `${formatIp(net >>> 0)}/${prefix}`;
  });
}

function parseInterface(text: string): string {
  if (text.length + 1 > 16)
    throw paramProblem(`interface name \`${text}' must be shorter than IFNAMSIZ (15)`);
  return text;
}

function listOf(what: string, text: string, known: string[]): string {
  const items = text.split(",");
  for (const item of items)
    if (!known.includes(item.toUpperCase())) throw paramProblem(`Bad ${what} "${item}"`);
  return known.filter((k) => items.some((i) => i.toUpperCase() === k)).join(",");
}

/** Reads the words after `iptables`. */
export function parseIptables(words: string[], resolve: Resolver): Parsed {
  const p: Parsed = { command: 0, table: "filter", options: new Set(), specs: [] };
  const spec: Omit<RuleSpec, "target"> & { target?: string } = {};
  let srcs: string[] = [];
  let dsts: string[] = [];
  let invert = false;
  const loaded: string[] = [];
  let target: string | undefined;
  let proto: "tcp" | "udp" | "icmp" | "all" | undefined;
  let i = 0;

  const hasArg = () =>
    i < words.length && !(words[i] ?? "").startsWith("-") && !(words[i] ?? "").startsWith("!");
  const addCommand = (cmd: number, others: number) => {
    if (invert) throw paramProblem("unexpected '!' flag");
    if (p.command & ~others)
      throw paramProblem(`Cannot use -${cmdChar(cmd)} with -${cmdChar(p.command & ~others)}`);
    p.command |= cmd;
  };
  const setOption = (opt: string) => {
    if (p.options.has(opt)) throw paramProblem(`multiple -${opt} flags not allowed`);
    p.options.add(opt);
    if (invert && !INVERTIBLE.has(opt)) throw paramProblem(`cannot have ! before -${opt}`);
  };
  const ruleNumber = (text: string) => {
    if (!/^\d+$/.test(text) || Number(text) < 1) throw paramProblem(`Invalid rule number \`${text}'`);
    return Number(text);
  };
  const match = (value: string): Match => (invert ? { value, neg: true } : { value });

  const base = (c: string, arg: string | undefined) => {
    const need = (): string => arg ?? "";
    switch (c) {
      case "A":
        addCommand(CMD.APPEND, 0);
        p.chain = need();
        return;
      case "C":
        addCommand(CMD.CHECK, 0);
        p.chain = need();
        return;
      case "D":
        addCommand(CMD.DELETE, 0);
        p.chain = need();
        if (hasArg()) {
          p.rulenum = ruleNumber(words[i++] ?? "");
          p.command = CMD.DELETE_NUM;
        }
        return;
      case "R":
        addCommand(CMD.REPLACE, 0);
        p.chain = need();
        if (!hasArg()) throw paramProblem("-R requires a rule number");
        p.rulenum = ruleNumber(words[i++] ?? "");
        return;
      case "I":
        addCommand(CMD.INSERT, 0);
        p.chain = need();
        p.rulenum = hasArg() ? ruleNumber(words[i++] ?? "") : 1;
        return;
      case "L":
      case "S":
        addCommand(c === "L" ? CMD.LIST : CMD.LIST_RULES, CMD.ZERO | CMD.ZERO_NUM);
        if (arg !== undefined) p.chain = arg;
        else if (hasArg()) p.chain = words[i++];
        if (hasArg()) p.rulenum = ruleNumber(words[i++] ?? "");
        return;
      case "F":
      case "X":
        addCommand(c === "F" ? CMD.FLUSH : CMD.DELETE_CHAIN, 0);
        if (arg !== undefined) p.chain = arg;
        else if (hasArg()) p.chain = words[i++];
        return;
      case "Z":
        addCommand(CMD.ZERO, CMD.LIST | CMD.LIST_RULES);
        if (arg !== undefined) p.chain = arg;
        else if (hasArg()) p.chain = words[i++];
        if (hasArg()) {
          p.rulenum = ruleNumber(words[i++] ?? "");
          p.command = (p.command & ~CMD.ZERO) | CMD.ZERO_NUM;
        }
        return;
      case "N": {
        const name = need();
        if (name.length >= 29) throw paramProblem(`chain name \`${name}' too long (must be under 29 chars)`);
        if (name.startsWith("-") || name.startsWith("!"))
          throw paramProblem(`chain name not allowed to start with \`${name[0]}'`);
        if (TARGETS.has(name)) throw paramProblem("chain name may not clash with target name");
        if (/\s/.test(name)) throw paramProblem(`Invalid chain name \`${name}'`);
        addCommand(CMD.NEW_CHAIN, 0);
        p.chain = name;
        return;
      }
      case "E":
        addCommand(CMD.RENAME_CHAIN, 0);
        p.chain = need();
        if (!hasArg()) throw paramProblem("-E requires old-chain-name and new-chain-name");
        p.newname = words[i++];
        return;
      case "P":
        addCommand(CMD.SET_POLICY, 0);
        p.chain = need();
        if (!hasArg()) throw paramProblem("-P requires a chain and a policy");
        p.policy = words[i++];
        return;
      case "h":
        p.help = true;
        return;
      case "V":
        p.version = true;
        return;
      case "p": {
        setOption("p");
        const name = need().toLowerCase();
        const known = PROTOCOLS[name];
        if (!known) throw paramProblem(`unknown protocol "${need()}" specified`);
        if (known === "all" && invert) throw paramProblem("rule would never match protocol");
        proto = known;
        return;
      }
      case "s":
        setOption("s");
        srcs = parseAddresses(need(), resolve).map((a) => (invert ? `!${a}` : a));
        return;
      case "d":
        setOption("d");
        dsts = parseAddresses(need(), resolve).map((a) => (invert ? `!${a}` : a));
        return;
      case "i":
        setOption("i");
        spec.in = match(parseInterface(need()));
        return;
      case "o":
        setOption("o");
        spec.out = match(parseInterface(need()));
        return;
      case "j":
      case "g":
        setOption("j");
        target = need();
        if (!TARGETS.has(target)) p.jumpChain = target;
        else if (EXTENSION_OPTIONS[target]) loaded.push(target);
        return;
      case "m":
        if (!MATCHES.includes(need()))
          throw paramProblem(`Couldn't load match \`${need()}':No such file or directory\n`);
        loaded.push(need());
        return;
      case "t":
        if (invert) throw paramProblem("unexpected ! flag before --table");
        p.table = need();
        return;
      case "n":
      case "v":
      case "x":
      case "0":
      case "f":
        setOption(c);
        return;
      case "c":
        setOption("c");
        return;
      case "w":
      case "4":
        return;
    }
  };

  /** A match or target option: `--dport 80` once tcp is loaded (or implied by `-p tcp`). */
  const extension = (name: string, value: string | undefined): boolean => {
    let owner = [...loaded].reverse().find((m) => EXTENSION_OPTIONS[m]?.includes(name));
    if (!owner && proto && proto !== "all" && EXTENSION_OPTIONS[proto]?.includes(name)) {
      loaded.push(proto);
      owner = proto;
    }
    if (!owner) return false;
    const v = value ?? "";
    switch (name) {
      case "sport":
      case "source-port":
        spec.sport = parsePortRange(v);
        if (invert) spec.sportNeg = true;
        break;
      case "dport":
      case "destination-port":
        spec.dport = parsePortRange(v);
        if (invert) spec.dportNeg = true;
        break;
      case "icmp-type": {
        const type = ICMP_TYPES[v] ?? (/^\d+(\/\d+)?$/.test(v) ? v : undefined);
        if (type === undefined) throw paramProblem(`Invalid ICMP type \`${v}'`);
        spec.icmpType = match(type);
        break;
      }
      case "sports":
      case "source-ports":
      case "dports":
      case "destination-ports":
      case "ports": {
        if (proto !== "tcp" && proto !== "udp")
          throw paramProblem("multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
        const dir = name.startsWith("s") ? "sports" : name.startsWith("d") ? "dports" : "ports";
        const ports = v
          .split(",")
          .map((x) => parsePortRange(x))
          .join(",");
        spec.multiport = { dir, ports, ...(invert ? { neg: true } : {}) };
        break;
      }
      case "ctstate":
        spec.ctstate = listOf("ctstate", v, CT_STATES);
        if (invert) spec.ctstateNeg = true;
        break;
      case "state":
        spec.state = listOf("state", v, CT_STATES.slice(0, 5));
        break;
      case "dst-type":
      case "src-type":
        // The kernel model knows one address type test: is the destination a local address.
        if (name === "src-type" || v.toUpperCase() !== "LOCAL")
          throw paramProblem(`addrtype: invalid type "${v}"`);
        spec.dstTypeLocal = match("LOCAL");
        break;
      case "comment":
        if (v.length > 255) throw paramProblem(`comment: Bad value for "--comment" option: "${v}"`);
        spec.comment = v;
        break;
      case "to-destination":
        spec.toDest = v;
        break;
      case "to-source":
        spec.toSource = v;
        break;
      case "reject-with": {
        const type = REJECT_TYPES[v];
        if (!type) throw paramProblem(`unknown reject type "${v}"`);
        spec.rejectWith = type;
        break;
      }
      case "log-prefix":
        spec.logPrefix = v;
        break;
      case "log-level":
        spec.logLevel = /^\d$/.test(v)
          ? Number(v)
          : ["emerg", "alert", "crit", "error", "warning", "notice", "info", "debug"].indexOf(v);
        if (spec.logLevel < 0) throw paramProblem(`LOG: Bad value for "--log-level" option: "${v}"`);
        break;
    }
    return true;
  };

  const extensionNames = () => [
    ...new Set(
      [...loaded, ...(proto && proto !== "all" ? [proto] : [])].flatMap((m) => EXTENSION_OPTIONS[m] ?? []),
    ),
  ];

  while (i < words.length) {
    const word = words[i++] ?? "";
    if (word === "!") {
      if (invert) throw paramProblem("multiple consecutive ! not allowed");
      invert = true;
      continue;
    }
    if (word.startsWith("--") && word.length > 2) {
      const [rawName = "", inline] = word.slice(2).split(/=(.*)/s, 2);
      const baseNames = Object.keys(BASE).filter((n) => n === rawName || n.startsWith(rawName));
      const extNames = extensionNames().filter((n) => n === rawName || n.startsWith(rawName));
      const exact = [...baseNames, ...extNames].find((n) => n === rawName);
      const candidates = exact ? [exact] : [...new Set([...baseNames, ...extNames])];
      const name = candidates.length === 1 ? candidates[0] : undefined;
      if (name === undefined) throw paramProblem(`unknown option "${word}"`);
      const opt = BASE[name];
      if (opt && !extNames.includes(name)) {
        let arg = inline;
        if (opt.arg === "required" && arg === undefined) {
          arg = words[i++];
          if (arg === undefined) throw paramProblem(`option "${word}" requires an argument`);
        }
        base(opt.short, arg);
      } else {
        const value = inline ?? words[i++];
        if (value === undefined) throw paramProblem(`option "${word}" requires an argument`);
        extension(name, value);
      }
      invert = false;
      continue;
    }
    if (word.startsWith("-") && word.length > 1) {
      for (let j = 1; j < word.length; j++) {
        const c = word[j] ?? "";
        const kind = SHORT_ARG[c];
        if (kind === undefined) throw paramProblem(`unknown option "${word}"`);
        const rest = word.slice(j + 1);
        if (kind === "none") {
          base(c, undefined);
          continue;
        }
        let arg: string | undefined = rest || undefined;
        if (kind === "required" && arg === undefined) {
          arg = words[i++];
          if (arg === undefined) throw paramProblem(`option "-${c}" requires an argument`);
        }
        base(c, arg);
        break;
      }
      invert = false;
      continue;
    }
    throw new ToolExit(
      2,
      `Bad argument \`${word}'\nTry \`iptables -h' or 'iptables --help' for more information.\n`,
    );
  }

  if (p.help || p.version) return p;
  if (p.table === "nat" && (p.policy === "DROP" || target === "DROP"))
    throw paramProblem(
      '\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n',
    );
  if (!p.command) throw paramProblem("no command specified");
  if (invert) throw paramProblem("nothing appropriate following !");
  checkOptions(p.command, p.options);
  if ((p.chain?.length ?? 0) >= 29)
    throw paramProblem(`chain name \`${p.chain}' too long (must be under 29 chars)`);
  const ruleCommands = CMD.APPEND | CMD.DELETE | CMD.DELETE_NUM | CMD.CHECK | CMD.INSERT | CMD.REPLACE;
  if (p.command & ruleCommands) {
    if ((p.chain === "PREROUTING" || p.chain === "INPUT") && p.options.has("o"))
      throw paramProblem(`Can't use -o with ${p.chain}\n`);
    if ((p.chain === "POSTROUTING" || p.chain === "OUTPUT") && p.options.has("i"))
      throw paramProblem(`Can't use -i with ${p.chain}\n`);
  }
  if (proto && proto !== "all") spec.proto = proto;
  if (target === "REJECT" && !spec.rejectWith) spec.rejectWith = "icmp-port-unreachable";
  const finalTarget = target ?? "";
  for (const s of srcs.length ? srcs : [undefined]) {
    for (const d of dsts.length ? dsts : [undefined]) {
      const rule: RuleSpec = { ...spec, target: finalTarget };
      if (s) rule.src = s.startsWith("!") ? { value: s.slice(1), neg: true } : { value: s };
      if (d) rule.dst = d.startsWith("!") ? { value: d.slice(1), neg: true } : { value: d };
      p.specs.push(rule);
    }
  }
  return p;
}

function checkOptions(command: number, options: Set<string>): void {
  OPTION_CHARS.forEach((opt, col) => {
    if (!options.has(opt)) return;
    let legal = 0;
    for (const [cmd, row] of Object.entries(LEGAL)) {
      if (!(command & Number(cmd))) continue;
      if (row[col] !== "x") legal = 1;
      else if (legal === 0) legal = -1;
    }
    if (legal === -1) throw paramProblem(`Illegal option \`-${opt}' with this command`);
  });
}
