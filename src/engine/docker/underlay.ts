/**
 * The underlay drivers (libnetwork/drivers/macvlan and ipvlan): a container's interface is a
 * sub-interface of the host's NIC (`-o parent=eth0`), so it sits on the LAN itself with an address
 * of the LAN's subnet. A macvlan has a MAC of its own (02:42 and its address); an ipvlan (L2 mode)
 * shares its parent's. In bridge/L2 mode the sub-interfaces of one parent reach each other, and the
 * LAN through the parent's wire, but never the parent's own stack: the host cannot reach them.
 */
import { addLink, getNs, linkByName } from "../linux/kernel";
import type { Link } from "../linux/types";
import { randHex } from "../rng";
import { DaemonError } from "./errors";
import { type Host, macForIp } from "./host";
import { intoSandbox } from "./sandbox-link";
import type { Container, Endpoint, Network } from "./types";

export type UnderlayDriver = "macvlan" | "ipvlan";

const MODES: Record<UnderlayDriver, { key: string; modes: string[]; fallback: string }> = {
  macvlan: { key: "macvlan_mode", modes: ["bridge", "private", "vepa", "passthru"], fallback: "bridge" },
  ipvlan: { key: "ipvlan_mode", modes: ["l2", "l3", "l3s"], fallback: "l2" },
};

/** The driver's checks of `-o` options at creation: its mode, then the parent interface. */
export function validateUnderlay(host: Host, driver: UnderlayDriver, options: Record<string, string>): void {
  const { key, modes, fallback } = MODES[driver];
  const mode = options[key];
  if (mode !== undefined && !modes.includes(mode))
    throw new DaemonError(
      `requested ${driver} mode '${mode}' is not valid, '${fallback}' mode is the ${driver} driver default`,
      400,
    );
  const parent = options.parent;
  if (parent !== undefined && !linkByName(host.ns, parent))
    throw new DaemonError(`invalid subinterface vlan name ${parent}, example formatting is eth0.10`, 400);
}

/** A running container joins: its sub-interface of the parent, addressed, with the default route. */
export function joinUnderlay(
  host: Host,
  c: Container,
  ep: Endpoint,
  n: Network,
  ip: string,
  prefix: number,
): Link {
  const driver = n.driver as UnderlayDriver;
  const parent = linkByName(host.ns, n.options.parent ?? "eth0");
  if (!parent || !c.netns) throw new DaemonError(`failed to create the ${driver} port: no such device`, 500);
  const sandbox = getNs(host.world, c.netns);
  const mode = n.options[MODES[driver].key] ?? MODES[driver].fallback;
  const link = addLink(host.ns, {
    name: `${driver === "macvlan" ? "mv" : "iv"}${randHex(host.world.rng, 6)}`,
    kind: driver,
    mac: driver === "macvlan" ? macForIp(ip) : parent.mac,
    mtu: parent.mtu,
  });
  link.lower = { netns: host.ns.id, ifindex: parent.ifindex };
  link.mode = mode as NonNullable<Link["mode"]>;
  const ifname = `eth${c.nextIfIndex++}`;
  intoSandbox(host, link, sandbox, ifname, ip, prefix);
  Object.assign(ep, { ip, prefix, gateway: n.ipam.config[0]?.gateway ?? "", mac: link.mac, ifname });
  return link;
}
