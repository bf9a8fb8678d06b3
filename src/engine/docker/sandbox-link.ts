/** How libnetwork's osl puts an interface into a sandbox (AddInterface): the one way every driver does it. */
import { broadcastOf, formatIp, parseCidr } from "../ip";
import { addAddr, addAddr6, moveLink, renameLink, setIpv6Disabled, setLinkUp } from "../linux/kernel";
import type { Addr, Link, Netns } from "../linux/types";
import type { Host } from "./host";

/** What an endpoint gives its interface besides its IPv4 address: IPv6, and link-local addresses of both families. */
export interface MoreAddresses {
  /** The global IPv6 address, on a network with IPv6 (the interface keeps IPv6 on). */
  ip6?: { ip: string; prefix: number };
  /** `--link-local-ip`: 169.254/16 and fe80::/64 addresses, as canonical text. */
  linkLocal?: string[];
}

/**
 * The link moves from the host into the sandbox, is named, addressed (with the subnet's broadcast)
 * and brought up. IPv6 stays on only on a network that has it: the global address without duplicate
 * address detection, then the link-local ones asked for.
 */
export function intoSandbox(
  host: Host,
  link: Link,
  sandbox: Netns,
  ifname: string,
  ip: string,
  prefix: number,
  more: MoreAddresses = {},
): void {
  moveLink(host.world, host.ns, link, sandbox);
  renameLink(sandbox, link, ifname);
  setIpv6Disabled(host.world, sandbox, link, !more.ip6);
  withBroadcast(addAddr(sandbox, link, ip, prefix));
  if (more.ip6) addAddr6(host.world, link, more.ip6.ip, more.ip6.prefix, { nodad: true });
  for (const ll of more.linkLocal ?? []) {
    if (ll.includes(":")) {
      if (more.ip6) addAddr6(host.world, link, ll, 64);
    } else withBroadcast(addAddr(sandbox, link, ll, 16));
  }
  setLinkUp(host.world, sandbox, link, true);
}

function withBroadcast(addr: Addr): void {
  const cidr = parseCidr(`${addr.ip}/${addr.prefix}`, true);
  if (cidr) addr.brd = formatIp(broadcastOf(cidr));
}
