/**
 * `sysctl` for the kernel settings the lab models, per network namespace: IP forwarding, the
 * default TTL, the ICMP error rate limit, the local port range, bridge netfilter, and IPv6 disabled
 * per device; procps-ng's on hosts, busybox's in containers, each with its options and its words
 * for what goes wrong.
 */
import { type NetnsTable, setIpv6Disabled } from "../../../engine/linux/kernel";
import type { Netns } from "../../../engine/linux/types";
import { ICMP_RATELIMIT_MS } from "../../../engine/packet/icmp-limit";
import { ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Ctx, Handler } from "../../types";
import { busyboxBadOption } from "../busybox";
import { Getopt, type LongOption, type Problem, problemText } from "../getopt";
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

const forwarding6 = flag(
  (ns) => ns.ipv6Forward === true,
  (ns, on) => {
    ns.ipv6Forward = on;
  },
);

/** An integer as the kernel's proc handlers read one (base 0: `0x` hex, a leading 0 octal). */
function kernelInt(text: string): number | undefined {
  const m = /^(-?)(?:0x([0-9a-f]+)|(0[0-7]*)|([1-9]\d*))$/i.exec(text);
  if (!m) return undefined;
  const [, sign, hex, octal, decimal] = m;
  const n = hex ? Number.parseInt(hex, 16) : octal ? Number.parseInt(octal, 8) : Number(decimal);
  return sign ? -n : n;
}

function settings(world: NetnsTable, ns: Netns): Record<string, Setting> {
  const table: Record<string, Setting> = {
    "net.bridge.bridge-nf-call-ip6tables": { read: () => "1" },
    "net.bridge.bridge-nf-call-iptables": { read: () => "1" },
    "net.ipv4.conf.all.forwarding": forwarding,
    "net.ipv4.ip_default_ttl": {
      read: (n) => String(n.ipDefaultTtl ?? 64),
      write: (n, value) => {
        const ttl = kernelInt(value);
        if (ttl === undefined || ttl < 1 || ttl > 255) return false;
        n.ipDefaultTtl = ttl;
        return true;
      },
    },
    "net.ipv4.icmp_ratelimit": {
      read: (n) => String(n.icmpRatelimit ?? ICMP_RATELIMIT_MS),
      // Kept in jiffies (this kernel's HZ is 250): read back rounded up to 4 ms.
      write: (n, value) => {
        const ms = kernelInt(value);
        if (ms === undefined || ms < 0 || ms > 2147483647) return false;
        n.icmpRatelimit = Math.ceil(ms / 4) * 4;
        return true;
      },
    },
    "net.ipv4.ip_forward": forwarding,
    "net.ipv4.ip_local_port_range": { read: () => "32768\t60999" },
    "net.ipv6.conf.all.disable_ipv6": { read: () => "0" },
    "net.ipv6.conf.all.forwarding": forwarding6,
    "net.ipv6.conf.default.forwarding": forwarding6,
  };
  for (const link of ns.links) {
    // Setting "all" sets every link's; the lab keeps one value for them.
    table[`net.ipv6.conf.${link.name}.forwarding`] = forwarding6;
    table[`net.ipv6.conf.${link.name}.disable_ipv6`] = flag(
      () => link.noIpv6 === true,
      (n, on) => setIpv6Disabled(world, n, link, on),
    );
  }
  return table;
}

/** procps-ng 4's usage, as `sysctl` with no word and an unknown option print it. */
const USAGE = `
Usage:
 sysctl [options] [variable[=value] ...]

Options:
  -a, --all            display all variables
  -A                   alias of -a
  -X                   alias of -a
      --deprecated     include deprecated parameters to listing
      --dry-run        Print the key and values but do not write
  -b, --binary         print value without new line
  -e, --ignore         ignore unknown variables errors
  -N, --names          print variable names without values
  -n, --values         print only values of the given variable(s)
  -p, --load[=<file>]  read values from file
  -f                   alias of -p
      --system         read values from all system directories
  -r, --pattern <expression>
                       select setting that match expression
  -q, --quiet          do not echo variable set
  -w, --write          enable writing a value to variable
  -o                   does nothing
  -x                   does nothing
  -d                   alias of -h

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see sysctl(8).
`;

/** procps-ng's long options (sysctl.c's longopts). */
const LONG: LongOption[] = [
  { name: "all", key: "a" },
  { name: "deprecated", key: "deprecated" },
  { name: "dry-run", key: "dry-run" },
  { name: "binary", key: "b" },
  { name: "ignore", key: "e" },
  { name: "names", key: "N" },
  { name: "values", key: "n" },
  { name: "load", key: "p", value: "optional" },
  { name: "quiet", key: "q" },
  { name: "write", key: "w" },
  { name: "system", key: "system" },
  { name: "pattern", key: "r", value: "required" },
  { name: "help", key: "h" },
  { name: "version", key: "V" },
];

interface Options {
  valuesOnly: boolean;
  write: boolean;
  quiet: boolean;
  all: boolean;
  keys: string[];
}

/**
 * getopt_long over procps-ng's "bneNwfp::qoxaAXr:Vdh" (an unknown option: glibc's complaint, then
 * the usage, successfully), or busybox's "+neAapwq" (options end at the first key; its getopt32
 * goes through getopt_long too, with no long options).
 */
function parseOptions(ctx: Ctx, busybox: boolean): Options {
  const args = ctx.argv.slice(1);
  if (!busybox && args.length === 0) throw new ToolExit(1, USAGE);
  const usage = () => {
    ctx.out.write(USAGE);
    return new ToolExit(0);
  };
  const bad = busybox
    ? busyboxBadOption("sysctl")
    : (problem: Problem) => {
        ctx.out.writeErr(`${problemText("sysctl", problem)}\n`);
        return usage();
      };
  const parsed = new Getopt(args, busybox ? "+neAapwq" : "bneNwfp::qoxaAXr:Vdh", bad, busybox ? [] : LONG);
  const o: Options = { valuesOnly: false, write: false, quiet: false, all: false, keys: [] };
  for (const { key } of parsed) {
    if (key === "n") o.valuesOnly = true;
    else if (key === "q") o.quiet = true;
    else if (key === "w") o.write = true;
    else if (key === "a" || key === "A" || key === "X") o.all = true;
    else if (!busybox && (key === "h" || key === "d")) throw usage();
  }
  o.keys = parsed.operands;
  return o;
}

const sysctl: Handler = (ctx) => {
  const busybox = ctx.place.flavor === "busybox";
  const ns = netnsOf(ctx);
  const table = settings(ctx.world, ns);
  const o = parseOptions(ctx, busybox);
  const keys = o.all ? Object.keys(table).sort() : o.keys;
  if (keys.length === 0 && !busybox)
    throw new ToolExit(1, "sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
  let code = 0;
  for (const arg of keys) {
    const eq = arg.indexOf("=");
    const key = (eq < 0 ? arg : arg.slice(0, eq)).trim().replace(/\//g, ".");
    const setting = table[key];
    const path = `/proc/sys/${key.replace(/\./g, "/")}`;
    if (eq < 0 && o.write) {
      ctx.out.writeErr(
        busybox
          ? `sysctl: error: '${arg}' must be of the form name=value\n`
          : "sysctl: command line(0): invalid syntax, continuing...\n",
      );
      code = 1;
      continue;
    }
    if (!setting) {
      // procps-ng 4 (Debian 12) exits 1 here; 3.3 exited 255.
      ctx.out.writeErr(
        busybox
          ? `sysctl: error: '${key}' is an unknown key\n`
          : `sysctl: cannot stat ${path}: No such file or directory\n`,
      );
      code = 1;
      continue;
    }
    let value: string;
    if (eq >= 0) {
      value = arg.slice(eq + 1).trim();
      if (busybox && !canAdminister(ctx)) {
        // Docker mounts /proc/sys read-only in a container that is not --privileged.
        ctx.out.writeErr(`sysctl: error setting key '${key}': Read-only file system\n`);
        code = 1;
        continue;
      }
      if (!canAdminister(ctx) || !setting.write) {
        ctx.out.writeErr(`sysctl: permission denied on key "${key}"\n`);
        code = 255;
        continue;
      }
      if (!setting.write(ns, value)) {
        ctx.out.writeErr(`sysctl: setting key "${key}": Invalid argument\n`);
        code = 1;
        continue;
      }
      // A write echoes the value as given (the kernel may keep it otherwise: 064 is octal).
      if (o.quiet) continue;
    } else value = setting.read(ns);
    ctx.out.line(o.valuesOnly ? value : `${key} = ${value}`);
  }
  return code;
};

export const commands: Command[] = [
  { name: "sysctl", where: ["host", "busybox"], addrconf: true, run: sysctl },
];
