/** How libnetwork's osl puts an interface into a sandbox (AddInterface): the one way every driver does it. */
import { broadcastOf, formatIp, parseCidr } from "../ip";
import { addAddr, moveLink, renameLink, setIpv6Disabled, setLinkUp } from "../linux/kernel";
import type { Link, Netns } from "../linux/types";
import type { Host } from "./host";

/** The link moves from the host into the sandbox, is named, addressed (with the subnet's broadcast) and brought up. */
export function intoSandbox(
  host: Host,
  link: Link,
  sandbox: Netns,
  ifname: string,
  ip: string,
  prefix: number,
): void {
  moveLink(host.world, host.ns, link, sandbox);
  renameLink(sandbox, link, ifname);
  setIpv6Disabled(host.world, sandbox, link, true);
  const addr = addAddr(sandbox, link, ip, prefix);
  const cidr = parseCidr(`${ip}/${prefix}`, true);
  if (cidr) addr.brd = formatIp(broadcastOf(cidr));
  setLinkUp(host.world, sandbox, link, true);
}
