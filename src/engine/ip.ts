/** IPv4 addresses as unsigned 32-bit numbers, the CIDR arithmetic the kernel and IPAM need, and IPv6 text. */

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

/**
 * An IPv6 address in RFC 4291 text (groups of up to four hex digits, at most one "::", an optional
 * dotted-quad tail) as its eight 16-bit groups.
 */
export function parseIpv6(text: string): number[] | undefined {
  let body = text;
  const tail: number[] = [];
  if (body.includes(".")) {
    const at = body.lastIndexOf(":");
    const v4 = at < 0 ? undefined : parseIp(body.slice(at + 1));
    if (v4 === undefined) return undefined;
    tail.push(v4 >>> 16, v4 & 0xffff);
    body = body.slice(0, at + 1);
    if (!body.endsWith("::")) body = body.slice(0, -1);
  }
  const halves = body.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const head = groups(halves[0] ?? "");
  const rest = halves.length === 2 ? groups(halves[1] ?? "") : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const hex = (g: string) => Number.parseInt(g, 16);
  const fill = halves.length === 2 ? Array<number>(8 - known).fill(0) : [];
  return [...head.map(hex), ...fill, ...rest.map(hex), ...tail];
}

/** RFC 5952 text for eight 16-bit groups: lower-case hex, the longest run of zero groups as "::". */
export function formatIpv6(groups: number[]): string {
  let best = { start: -1, len: 0 };
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > best.len && j - i > 1) best = { start: i, len: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.len).join(":")}`;
}

/** Go's net.ParseIP and IP.String: the address in canonical text, or undefined. */
export function canonicalAddr(text: string): string | undefined {
  if (parseIp(text) !== undefined) return text;
  const groups = parseIpv6(text);
  return groups ? formatIpv6(groups) : undefined;
}

/**
 * Go's net.ParseMAC: six, eight or twenty bytes as `aa:bb:…`, `aa-bb-…` or `aabb.ccdd.…`; the bytes in
 * the kernel's lower-case colon form, or undefined.
 */
export function parseMac(text: string): string | undefined {
  if (text.length < 14) return undefined;
  const sep = text[2] === ":" || text[2] === "-" ? text[2] : text[4] === "." ? "." : undefined;
  if (!sep) return undefined;
  const width = sep === "." ? 4 : 2;
  const groups = text.split(sep);
  const bytes = (groups.length * width) / 2;
  if (![6, 8, 20].includes(bytes) || groups.some((g) => !new RegExp(`^[0-9a-fA-F]{${width}}$`).test(g)))
    return undefined;
  return (groups.join("").toLowerCase().match(/../g) ?? []).join(":");
}
