/**
 * A rule's one text, as iptables 1.8.9's `-S` (the save functions of each match and target) writes
 * it: for the iptables command, for the note on the hop a rule decided, and for the inspector.
 */
import type { Match, Rule } from "./types";

/** "172.17.0.0/16" as its address and prefix length; a bare address is a /32. */
export function cidr(value: string): { ip: string; prefix: number } {
  const [ip = "", len = "32"] = value.split("/");
  return { ip, prefix: Number(len) };
}

/** xtables_save_string(): plain words as they are, anything else double-quoted with escapes. */
function saveString(value: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(value)) return ` ${value}`;
  return ` "${value.replace(/(["\\'])/g, "\\$1")}"`;
}

function saveAddr(letter: string, m: Match | undefined): string {
  if (!m) return "";
  const { ip, prefix } = cidr(m.value);
  return `${m.neg ? " !" : ""} -${letter} ${ip}/${prefix}`;
}

function saveIface(letter: string, m: Match | undefined): string {
  return m ? `${m.neg ? " !" : ""} -${letter} ${m.value}` : "";
}

function protoMatchSave(r: Rule): string {
  if (r.proto === "icmp") {
    if (!r.icmpType) return "";
    return ` -m icmp${r.icmpType.neg ? " !" : ""} --icmp-type ${r.icmpType.value}`;
  }
  if (!r.proto || (r.sport === undefined && r.dport === undefined)) return "";
  let s = ` -m ${r.proto}`;
  if (r.sport !== undefined) s += `${r.sportNeg ? " !" : ""} --sport ${r.sport}`;
  if (r.dport !== undefined) s += `${r.dportNeg ? " !" : ""} --dport ${r.dport}`;
  return s;
}

/** A rule as `iptables -S` writes it (with `-c PKTS BYTES` when counters are asked for), without the newline. */
export function ruleText(chain: string, r: Rule, counters = false): string {
  let s = `-A ${chain}${saveAddr("s", r.src)}${saveAddr("d", r.dst)}${saveIface("i", r.in)}${saveIface("o", r.out)}`;
  if (r.proto) s += ` -p ${r.proto}`;
  s += protoMatchSave(r);
  if (r.multiport)
    s += ` -m multiport${r.multiport.neg ? " !" : ""} --${r.multiport.dir} ${r.multiport.ports}`;
  if (r.srcTypeLocal) s += ` -m addrtype${r.srcTypeLocal.neg ? " !" : ""} --src-type ${r.srcTypeLocal.value}`;
  if (r.dstTypeLocal) s += ` -m addrtype${r.dstTypeLocal.neg ? " !" : ""} --dst-type ${r.dstTypeLocal.value}`;
  if (r.ipvs) s += " -m ipvs --ipvs";
  if (r.ctstate) s += ` -m conntrack${r.ctstateNeg ? " !" : ""} --ctstate ${r.ctstate}`;
  if (r.state) s += ` -m state --state ${r.state}`;
  if (r.comment !== undefined) s += ` -m comment --comment${saveString(r.comment)}`;
  if (counters) s += ` -c ${r.pkts} ${r.bytes}`;
  if (r.target) s += ` -j ${r.target}`;
  if (r.toDest) s += ` --to-destination ${r.toDest}`;
  if (r.toSource) s += ` --to-source ${r.toSource}`;
  if (r.toPorts) s += ` --to-ports ${r.toPorts}`;
  if (r.setMark !== undefined) s += ` --set-xmark 0x${r.setMark.toString(16)}/0xffffffff`;
  if (r.rejectWith) s += ` --reject-with ${r.rejectWith}`;
  if (r.logPrefix !== undefined) s += ` --log-prefix${saveString(r.logPrefix)}`;
  if (r.logLevel !== undefined && r.logLevel !== 4) s += ` --log-level ${r.logLevel}`;
  return s;
}
