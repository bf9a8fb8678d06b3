/** IPv4 addresses as unsigned 32-bit numbers, and the CIDR arithmetic the kernel and IPAM need. */

export interface Cidr {
  /** Network address (host bits cleared). */
  net: number;
  prefix: number;
}

export function parseIp(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value >>> 0;
}

export function formatIp(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** "172.17.0.0/16" -> {net, prefix}; host bits must be zero unless `loose`. */
export function parseCidr(text: string, loose = false): Cidr | undefined {
  const [addr, len, extra] = text.split("/");
  if (addr === undefined || len === undefined || extra !== undefined || !/^\d{1,2}$/.test(len))
    return undefined;
  const ip = parseIp(addr);
  const prefix = Number(len);
  if (ip === undefined || prefix > 32) return undefined;
  const net = (ip & maskOf(prefix)) >>> 0;
  if (!loose && net !== ip) return undefined;
  return { net, prefix };
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(c.net)}/${c.prefix}`;
}

export function inCidr(ip: number, c: Cidr): boolean {
  return (ip & maskOf(c.prefix)) >>> 0 === c.net;
}

export function broadcastOf(c: Cidr): number {
  return (c.net | ~maskOf(c.prefix)) >>> 0;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  const p = Math.min(a.prefix, b.prefix);
  return (a.net & maskOf(p)) >>> 0 === (b.net & maskOf(p)) >>> 0;
}

export function dottedMask(prefix: number): string {
  return formatIp(maskOf(prefix));
}

export function ipToHex(value: number): string {
  return value.toString(16).padStart(8, "0");
}
