/**
 * procps `sysctl` for the kernel settings the lab models, per network namespace: IP forwarding,
 * the default TTL, the local port range, bridge netfilter, and IPv6 disabled per device.
 */
import { type NetnsTable, setIpv6Disabled } from "../../../engine/linux/kernel";
import type { Netns } from "../../../engine/linux/types";
import { ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Handler } from "../../types";
import { canAdminister } from "./common";

interface Setting {
  read(ns: Netns): string;
  write?(ns: Netns, value: string): boolean;
}

function flag(get: (ns: Netns) => boolean, set: (ns: Netns, on: boolean) => void): Setting {
  return {
    read: (ns) => (get(ns) ? "1" : "0"),
    write: (ns, value) => {
      if (value !== "0" && value !== "1") return false;
      set(ns, value === "1");
      return true;
    },
  };
}

const forwarding = flag(
  (ns) => ns.ipForward,
  (ns, on) => {
    ns.ipForward = on;
  },
);

function settings(world: NetnsTable, ns: Netns): Record<string, Setting> {
  const table: Record<string, Setting> = {
    "net.bridge.bridge-nf-call-ip6tables": { read: () => "1" },
    "net.bridge.bridge-nf-call-iptables": { read: () => "1" },
    "net.ipv4.conf.all.forwarding": forwarding,
    "net.ipv4.ip_default_ttl": {
      read: (n) => String(n.ipDefaultTtl ?? 64),
      write: (n, value) => {
        if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 255) return false;
        n.ipDefaultTtl = Number(value);
        return true;
      },
    },
    "net.ipv4.ip_forward": forwarding,
    "net.ipv4.ip_local_port_range": { read: () => "32768\t60999" },
    "net.ipv6.conf.all.disable_ipv6": { read: () => "0" },
  };
  for (const link of ns.links) {
    table[`net.ipv6.conf.${link.name}.disable_ipv6`] = flag(
      () => link.noIpv6 === true,
      (n, on) => setIpv6Disabled(world, n, link, on),
    );
  }
  return table;
}

const sysctl: Handler = (ctx) => {
  const ns = netnsOf(ctx);
  const table = settings(ctx.world, ns);
  let valuesOnly = false;
  let write = false;
  const keys: string[] = [];
  for (const arg of ctx.argv.slice(1)) {
    if (arg === "-n" || arg === "--values") valuesOnly = true;
    else if (arg === "-w" || arg === "--write") write = true;
    else if (arg === "-a" || arg === "-A" || arg === "-X" || arg === "--all")
      keys.push(...Object.keys(table).sort());
    else if (arg === "-q" || arg === "--quiet") continue;
    else if (arg.startsWith("-")) throw new ToolExit(1, `sysctl: unknown option -- '${arg.slice(1)}'\n`);
    else keys.push(arg);
  }
  if (keys.length === 0)
    throw new ToolExit(255, "sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
  let code = 0;
  for (const arg of keys) {
    const eq = arg.indexOf("=");
    const key = (eq < 0 ? arg : arg.slice(0, eq)).trim().replace(/\//g, ".");
    const setting = table[key];
    const path = `/proc/sys/${key.replace(/\./g, "/")}`;
    if (eq < 0 && write) {
      ctx.out.writeErr(`sysctl: "${arg}" must be of the form name=value\n`);
      code = 255;
      continue;
    }
    if (!setting) {
      // procps-ng 4 (Debian 12) exits 1 here; 3.3 exited 255.
      ctx.out.writeErr(`sysctl: cannot stat ${path}: No such file or directory\n`);
      code = 1;
      continue;
    }
    if (eq >= 0) {
      const value = arg.slice(eq + 1).trim();
      if (!canAdminister(ctx) || !setting.write) {
        ctx.out.writeErr(`sysctl: permission denied on key "${key}"\n`);
        code = 255;
        continue;
      }
      if (!setting.write(ns, value)) {
        ctx.out.writeErr(`sysctl: setting key "${key}": Invalid argument\n`);
        code = 255;
        continue;
      }
    }
    const value = setting.read(ns);
    ctx.out.line(valuesOnly ? value : `${key} = ${value}`);
  }
  return code;
};

export const commands: Command[] = [{ name: "sysctl", where: "installed", addrconf: true, run: sysctl }];
