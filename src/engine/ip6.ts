/**
 * IPv6 addresses as 128-bit numbers and the CIDR arithmetic the kernel and IPAM need for them. Text
 * in and out is ip.ts's (RFC 4291 in, RFC 5952 out); the numbers never leave the engine's functions,
 * so the world keeps addresses as text.
 */
import { formatIpv6, parseIpv6 } from "./ip";

export interface Cidr6 {
  /** Network address (host bits cleared). */
  net: bigint;
  prefix: number;
}

const ALL = (1n << 128n) - 1n;

/** IPv6 text to its 128-bit value; undefined for anything else (a dotted quad too). */
export function parseIp6(text: string): bigint | undefined {
  const groups = parseIpv6(text);
  if (!groups) return undefined;
  return groups.reduce((v, g) => (v << 16n) | BigInt(g), 0n);
}

function groupsOf(value: bigint): number[] {
  return Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
}

/** RFC 5952 text, as the kernel's tools print it. */
export function formatIp6(value: bigint): string {
  return formatIpv6(groupsOf(value));
}

/** Whether the address is an IPv4-mapped one (::ffff:a.b.c.d), which Go takes for an IPv4 address. */
export function isV4Mapped(value: bigint): boolean {
  return value >> 32n === 0xffffn;
}

/** Go's net.IP.String of an IPv6 address: RFC 5952, but an IPv4-mapped address as its dotted quad. */
export function goIp6String(value: bigint): string {
  if (!isV4Mapped(value)) return formatIp6(value);
  const v4 = Number(value & 0xffffffffn);
  return `${v4 >>> 24}.${(v4 >>> 16) & 255}.${(v4 >>> 8) & 255}.${v4 & 255}`;
}

function maskOf6(prefix: number): bigint {
  return prefix === 0 ? 0n : (ALL << BigInt(128 - prefix)) & ALL;
}

/** "2001:db8::/64" -> {net, prefix}; host bits must be zero unless `loose`. */
export function parseCidr6(text: string, loose = false): Cidr6 | undefined {
  const slash = text.indexOf("/");
  const len = slash < 0 ? "" : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(len)) return undefined;
  const ip = parseIp6(text.slice(0, slash));
  const prefix = Number(len);
  if (ip === undefined || prefix > 128) return undefined;
  const net = ip & maskOf6(prefix);
  if (!loose && net !== ip) return undefined;
  return { net, prefix };
}

export function formatCidr6(c: Cidr6): string {
  return `${formatIp6(c.net)}/${c.prefix}`;
}

export function inCidr6(ip: bigint, c: Cidr6): boolean {
  return (ip & maskOf6(c.prefix)) === c.net;
}

/** The last address of the block. */
export function lastOf6(c: Cidr6): bigint {
  return c.net | (~maskOf6(c.prefix) & ALL);
}

export function cidrs6Overlap(a: Cidr6, b: Cidr6): boolean {
  const mask = maskOf6(Math.min(a.prefix, b.prefix));
  return (a.net & mask) === (b.net & mask);
}

/** The address in canonical text, or undefined when it is no IPv6 address. */
export function canonicalIp6(text: string): string | undefined {
  const value = parseIp6(text);
  return value === undefined ? undefined : formatIp6(value);
}

/** fe80::/10, the link-local unicast block. */
export function isLinkLocal6(value: bigint): boolean {
  return value >> 118n === 0x3fan;
}

/** ff02::1:ffXX:XXXX, the solicited-node multicast group a neighbour solicitation for the address goes to. */
export function solicitedNode(ip: string): string {
  return formatIp6(0xff020000000000000000000000000000n | 0x1ff000000n | ((parseIp6(ip) ?? 0n) & 0xffffffn));
}
