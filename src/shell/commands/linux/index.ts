/**
 * Linux networking tools on hosts and in containers: ip, bridge, brctl, ifconfig, route, arp,
 * netstat, ss, iptables, conntrack, sysctl, nsenter. Which ones a container has is its image's
 * business (shell/place.ts); each prints in the form of the userland it stands in.
 */
import type { Handler } from "../../types";
import { arp } from "./arp";
import { brctl } from "./brctl";
import { bridge } from "./bridge";
import { conntrack } from "./conntrack";
import { ifconfig } from "./ifconfig";
import { ip } from "./ip";
import { iptables } from "./iptables";
import { nsenter } from "./nsenter";
import { route } from "./route";
import { netstat, ss } from "./sockets";
import { sysctl } from "./sysctl";

export const linuxCommands: Record<string, Handler> = {
  ip,
  bridge,
  brctl,
  ifconfig,
  route,
  arp,
  netstat,
  ss,
  iptables,
  conntrack,
  sysctl,
  nsenter,
};
