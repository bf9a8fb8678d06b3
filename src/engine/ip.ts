/** IPv4 addresses as unsigned 32-bit numbers, and the CIDR arithmetic the kernel and IPAM need. */

export interface Cidr {
  /** Network address (host bits cleared). */
  net: number;
  prefix: number;
}

/** Dotted quad to number: four decimal octets of one to three digits each, none above 255. */
/** A dotted quad, as the resolver takes a name that needs no lookup. */
export function isIpv4(text: string): boolean {
  return parseIp(text) !== undefined;
}

export function parseIp(text: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return undefined;
      octet = octet * 10 + (c - 48);
      continue;
    }
    if (c !== 46 || digits === 0 || octet > 255) return undefined;
    value = value * 256 + octet;
    octet = 0;
    digits = 0;
    dots++;
  }
  return dots === 4 ? value >>> 0 : undefined;
}

export function formatIp(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** "172.17.0.0/16" -> {net, prefix}; host bits must be zero unless `loose`. */
export function parseCidr(text: string, loose = false): Cidr | undefined {
  const slash = text.indexOf("/");
  const len = slash < 0 ? "" : text.slice(slash + 1);
  if (!/^\d{1,2}$/.test(len)) return undefined;
  const ip = parseIp(text.slice(0, slash));
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
