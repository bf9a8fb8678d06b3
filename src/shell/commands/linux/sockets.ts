/**
 * Socket listings: iproute2's `ss` and `netstat` (net-tools on the host and in Debian images,
 * busybox's in busybox containers), read from the namespace's socket table. The lab's sockets are
 * listeners (TCP) and bound ones (UDP); connected ones are not kept, so listings without -l/-a
 * show only their headers.
 */
import type { Socket } from "../../../engine/linux/types";
import { ToolExit } from "../../command";
import { netnsOf } from "../../place";
import type { Command, Ctx, Handler } from "../../types";
import { busyboxBadOption } from "../busybox";
import { Getopt, type LongOption, type Problem, problemText } from "../getopt";
import { interfaceOrder, SHORT_HEADER, shortLine } from "./ifconfig";
import { routingTable } from "./route";
import { SS_USAGE } from "./ss-usage";

/** /etc/services names for the ports the lab's services use, as `ss` and `netstat` print them without -n. */
const SERVICES: Record<string, string> = {
  "22": "ssh",
  "53": "domain",
  "80": "http",
  "443": "https",
  "3306": "mysql",
  "5432": "postgresql",
  "6379": "redis",
  "8080": "http-alt",
};

function port(p: number, numeric: boolean): string {
  return (!numeric && SERVICES[String(p)]) || String(p);
}

const isV6 = (s: Socket) => s.ip.includes(":");

/** Sockets in the kernel's listing order: IPv4 before IPv6, each in the order they were opened. */
function ordered(sockets: Socket[], proto: "tcp" | "udp"): Socket[] {
  const mine = sockets.filter((s) => s.proto === proto);
  return [...mine.filter((s) => !isV6(s)), ...mine.filter(isV6)];
}

interface Flags {
  tcp: boolean;
  udp: boolean;
  listening: boolean;
  all: boolean;
  numeric: boolean;
  processes: boolean;
  route: boolean;
  interfaces: boolean;
  inet4: boolean;
  inet6: boolean;
  header: boolean;
}

/** The long forms both tools accept. */
const LONG: LongOption[] = [
  { name: "tcp", key: "t" },
  { name: "udp", key: "u" },
  { name: "listening", key: "l" },
  { name: "all", key: "a" },
  { name: "numeric", key: "n" },
  { name: "processes", key: "p" },
  { name: "program", key: "p" },
  { name: "route", key: "r" },
  { name: "interfaces", key: "i" },
  { name: "ipv4", key: "4" },
  { name: "ipv6", key: "6" },
  { name: "no-header", key: "H" },
];

/** Short options, clustered (`-tulpn`), and the long forms; `bad` says what an unknown letter (or an operand) does. */
function parseFlags(args: string[], tool: string, letters: string, bad: (option: string) => ToolExit): Flags {
  const f: Flags = {
    tcp: false,
    udp: false,
    listening: false,
    all: false,
    numeric: false,
    processes: false,
    route: false,
    interfaces: false,
    inet4: false,
    inet6: false,
    header: true,
  };
  const problem = (p: Problem) =>
    p.kind === "unrecognized" ? new ToolExit(1, `${problemText(tool, p)}\n`) : bad(p.option);
  const long = LONG.filter((o) => letters.includes(o.key));
  const parsed = new Getopt(args, letters, problem, long);
  for (const { key: c } of parsed) {
    if (c === "t") f.tcp = true;
    else if (c === "u") f.udp = true;
    else if (c === "l") f.listening = true;
    else if (c === "a") f.all = true;
    else if (c === "n") f.numeric = true;
    else if (c === "p") f.processes = true;
    else if (c === "r") f.route = true;
    else if (c === "i") f.interfaces = true;
    else if (c === "4") f.inet4 = true;
    else if (c === "6") f.inet6 = true;
    else if (c === "H") f.header = false;
  }
  // Neither tool takes operands here: one is refused as an unknown option.
  if (parsed.operands.length > 0) throw bad("?");
  if (!f.tcp && !f.udp) f.tcp = f.udp = true;
  return f;
}

/** Whether a socket is shown: listeners with -l or -a; the families asked for. */
function wanted(f: Flags, s: Socket): boolean {
  if (!f.listening && !f.all) return false;
  if (f.inet4 !== f.inet6) return f.inet6 === isV6(s);
  return true;
}

// ---- netstat -------------------------------------------------------------------------------

function netstatAddr(ip: string, p: number | "*", numeric: boolean): string {
  const host = ip.includes(":") ? "::" : !numeric && ip === "127.0.0.1" ? "localhost" : ip;
  return `${host}:${p === "*" ? "*" : port(p, numeric)}`;
}

/** A container sees its own PID namespace: its init process is PID 1 there. */
function pidSeen(ctx: Ctx, pid: number): number {
  const proc = ctx.world.machines[ctx.place.machine]?.procs[String(pid)];
  return ctx.place.kind === "container" && proc?.container ? 1 : pid;
}

function netstatRows(ctx: Ctx, f: Flags): string {
  const bb = ctx.place.flavor === "busybox";
  const ns = netnsOf(ctx);
  let out = "";
  for (const proto of ["tcp", "udp"] as const) {
    if ((proto === "tcp" && !f.tcp) || (proto === "udp" && !f.udp)) continue;
    for (const s of ordered(ns.sockets, proto).filter((s) => wanted(f, s))) {
      const local = netstatAddr(s.ip, s.port, f.numeric);
      const remote = netstatAddr(isV6(s) ? "::" : "0.0.0.0", "*", f.numeric);
      const state = proto === "tcp" ? "LISTEN" : "";
      const prog = `${pidSeen(ctx, s.pid)}/${s.program}`;
      if (bb) {
        out += `${proto}   ${"0".padStart(6)} ${"0".padStart(6)} ${local.padEnd(23)} ${remote.padEnd(23)} ${state.padEnd(12)}`;
        out += `${f.processes ? prog.slice(0, 20) : ""}\n`;
      } else {
        const name = `${proto}${isV6(s) ? "6" : ""}`;
        out += `${name.padEnd(4)}  ${"0".padStart(6)} ${"0".padStart(6)} ${local.padEnd(23)} ${remote.padEnd(23)} ${state.padEnd(11)}`;
        out += `${f.processes ? ` ${prog.slice(0, 20).padEnd(20)}` : ""}\n`;
      }
    }
  }
  return out;
}

const NETSTAT_USAGE = `usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}
       netstat [-vWnNcaeol] [<Socket> ...]
       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }

        -r, --route              display routing table
        -i, --interfaces         display interface table
        -g, --groups             display multicast group memberships
        -s, --statistics         display networking statistics (like SNMP)
        -M, --masquerade         display masqueraded connections

        -v, --verbose            be verbose
        -W, --wide               don't truncate IP addresses
        -n, --numeric            don't resolve names
        --numeric-hosts          don't resolve host names
        --numeric-ports          don't resolve port names
        --numeric-users          don't resolve user names
        -N, --symbolic           resolve hardware names
        -e, --extend             display other/more information
        -p, --programs           display PID/Program name for sockets
        -o, --timers             display timers
        -c, --continuous         continuous listing

        -l, --listening          display listening server sockets
        -a, --all                display all sockets (default: connected)
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB

  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}
           {-x|--unix} --ax25 --ipx --netrom
  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) 
    ddp (Appletalk DDP) x25 (CCITT X.25) 
`;

const netstat: Handler = (ctx) => {
  const bb = ctx.place.flavor === "busybox";
  const args = ctx.argv.slice(1);
  if (!bb && args.some((a) => ["-h", "--help"].includes(a))) {
    ctx.out.write(NETSTAT_USAGE);
    return 0;
  }
  const f = bb
    ? parseFlags(args, "netstat", "laentuwxrWp", (c) =>
        busyboxBadOption("netstat")({ kind: "invalid", option: c }),
      )
    : parseFlags(
        args,
        "netstat",
        "laentuwxrpvWc46i",
        (c) => new ToolExit(3, `netstat: invalid option -- '${c}'\n${NETSTAT_USAGE}`),
      );
  const ns = netnsOf(ctx);
  if (f.route) {
    ctx.out.write(routingTable(ctx, ns, f.numeric, true));
    return 0;
  }
  if (f.interfaces) {
    ctx.out.write(`Kernel Interface table\n${SHORT_HEADER}`);
    for (const link of interfaceOrder(ns.links))
      if (f.all || link.up) ctx.out.write(shortLine(ctx, ns, link));
    return 0;
  }
  const which = f.all ? "(servers and established)" : f.listening ? "(only servers)" : "(w/o servers)";
  let out = `Active Internet connections ${which}\n`;
  const local = "Local Address".padEnd(23);
  const foreign = "Foreign Address".padEnd(23);
  out += bb
    ? `Proto Recv-Q Send-Q ${local} ${foreign} State       ${f.processes ? "PID/Program name    " : ""}\n`
    : `Proto Recv-Q Send-Q ${local} ${foreign} State      ${f.processes ? " PID/Program name    " : ""}\n`;
  ctx.out.write(out + netstatRows(ctx, f));
  return 0;
};

// ---- ss --------------------------------------------------------------------------------------

interface Column {
  header: string;
  right?: boolean;
  /** Spacing printed before the column when it is not the first. */
  delim: string;
}

/**
 * ss's layout when the screen width is unknown: every column as wide as its widest cell (plus its
 * delimiter), address columns right-aligned against their `:port`.
 */
function render(columns: Column[], rows: string[][]): string {
  const widths = columns.map((c, i) => {
    const max = Math.max(c.header.length, ...rows.map((r) => (r[i] ?? "").length));
    return i > 0 && max > 0 ? max + c.delim.length : max;
  });
  return [columns.map((c) => c.header), ...rows]
    .map((cells) => {
      let line = "";
      cells.forEach((cell, i) => {
        const c = columns[i];
        if (!c) return;
        const width = widths[i] ?? 0;
        const delim = i > 0 ? c.delim : "";
        const inner = width - delim.length;
        line += delim + (c.right ? cell.padStart(inner) : cell.padEnd(inner));
      });
      return `${line}\n`;
    })
    .join("");
}

/** ss prints a dual-stack IPv6 wildcard as `*`, a v6-only one as `[::]`, other IPv6 addresses bracketed. */
function ssAddr(s: Socket): { local: string; peer: string } {
  if (!isV6(s)) return { local: `${s.ip}:`, peer: "0.0.0.0:" };
  const any = s.v6only ? "[::]" : "*";
  return { local: `${s.ip === "::" ? any : `[${s.ip}]`}:`, peer: `${any}:` };
}

const ss: Handler = (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.includes("-h") || args.includes("--help")) {
    ctx.out.write(SS_USAGE);
    return 0;
  }
  const f = parseFlags(
    args,
    "ss",
    "tulanp46H",
    (c) => new ToolExit(255, `ss: invalid option -- '${c}'\n${SS_USAGE}`),
  );
  const ns = netnsOf(ctx);
  const both = f.tcp && f.udp;
  const columns: Column[] = [
    ...(both ? [{ header: "Netid", delim: "" }] : []),
    { header: "State", delim: " " },
    { header: "Recv-Q", delim: " " },
    { header: "Send-Q", delim: " " },
    { header: "Local Address:", right: true, delim: " " },
    { header: "Port", delim: "" },
    { header: "Peer Address:", right: true, delim: " " },
    { header: "Port", delim: "" },
    { header: "Process", delim: "" },
  ];
  const rows: string[][] = [];
  for (const proto of ["udp", "tcp"] as const) {
    if ((proto === "tcp" && !f.tcp) || (proto === "udp" && !f.udp)) continue;
    for (const s of ordered(ns.sockets, proto).filter((s) => wanted(f, s))) {
      const { local, peer } = ssAddr(s);
      const listen = proto === "tcp";
      // A socket the kernel holds (a vxlan device's) has no process.
      const process =
        f.processes && s.pid !== 0
          ? ` users:(("${s.program}",pid=${pidSeen(ctx, s.pid)},fd=${s.fd ?? 3}))`
          : "";
      rows.push([
        ...(both ? [proto] : []),
        listen ? "LISTEN" : "UNCONN",
        "0",
        listen ? String(s.backlog ?? 4096) : "0",
        local,
        port(s.port, f.numeric),
        peer,
        "*",
        process,
      ]);
    }
  }
  const text = render(columns, rows);
  ctx.out.write(f.header ? text : text.slice(text.indexOf("\n") + 1));
  return 0;
};

export const commands: Command[] = [
  { name: "netstat", where: ["host", "busybox"], addrconf: true, run: netstat },
  { name: "ss", where: ["host"], addrconf: true, run: ss },
];
