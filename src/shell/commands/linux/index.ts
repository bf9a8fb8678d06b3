/** Linux networking tools on hosts and in containers: ip, brctl, bridge, ifconfig, route, iptables … */
import type { Handler } from "../../types";

export const linuxCommands: Record<string, Handler> = {};
