/**
 * The busybox multi-call binary: `busybox APPLET ...` in its image and on the host (the recordings
 * fetch with `busybox wget`), its list of applets; and its face, the banner and the usage texts its
 * applets print on bad usage (busybox 1.35 as Debian builds it, which the recordings show).
 */

import { runCommand, ToolExit } from "../command";
import type { Command, Ctx, Handler } from "../types";
import { APPLET_PATHS, APPLETS } from "./busybox-applets";
import { FILE_USAGE } from "./busybox-file-usage";
import { Getopt, type LongOption, type Problem, problemText } from "./getopt";
import { TEXT_USAGE } from "./text-usage";

export const BUSYBOX_BANNER = "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.";

const USAGE: Record<string, string> = {
  pidof: `Usage: pidof [NAME]...

List PIDs of all processes with names that match NAMEs`,
  killall: `Usage: killall [-lq] [-SIG] PROCESS_NAME...

Send a signal (default: TERM) to given processes

	-l	List all signal names and numbers
	-q	Don't complain if no processes were killed`,
  usleep: `Usage: usleep N

Pause for N microseconds`,
  free: `Usage: free [-bkmgh]

Display free and used memory`,
  top: `Usage: top [-bH] [-n COUNT] [-d SECONDS]

Show a view of process activity in real time.
Read the status of all processes from /proc each SECONDS
and show a screenful of them.
Keys:
	N/M/P/T: sort by pid/mem/cpu/time
	R: reverse sort
	H: toggle threads
	Q,^C: exit
Options:
	-b	Batch mode
	-n N	Exit after N iterations
	-d SEC	Delay between updates
	-H	Show threads`,
  uptime: `Usage: uptime 

Display the time since the last boot`,
  ...FILE_USAGE,
  ...TEXT_USAGE,
  seq: `Usage: seq [-w] [-s SEP] [FIRST [INC]] LAST

Print numbers from FIRST to LAST, in steps of INC.
FIRST, INC default to 1.

	-w	Pad to last with leading zeros
	-s SEP	String separator`,
  sed: `Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...
or: sed [-i[SFX]] [-nrE] CMD [FILE]...

	-e CMD	Add CMD to sed commands to be executed
	-f FILE	Add FILE contents to sed commands to be executed
	-i[SFX]	Edit files in-place (otherwise write to stdout)
		Optionally back files up, appending SFX
	-n	Suppress automatic printing of pattern space
	-r,-E	Use extended regex syntax

If no -e or -f, the first non-option argument is the sed command string.
Remaining arguments are input files (stdin if none).`,
  awk: `Usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...

	-v VAR=VAL	Set variable
	-F SEP		Use SEP as field separator
	-f FILE		Read program from FILE
	-e AWK_PROGRAM`,
  tr: `Usage: tr [-cds] STRING1 [STRING2]

Translate, squeeze, or delete characters from stdin, writing to stdout

	-c	Take complement of STRING1
	-d	Delete input characters coded STRING1
	-s	Squeeze multiple output characters of STRING2 into one character`,
  timeout: `Usage: timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS

Run PROG. Send SIG to it if it is not gone in SECS seconds.
Default SIG: TERM.If it still exists in KILL_SECS seconds, send KILL.
`,
  mkdir: `Usage: mkdir [-m MODE] [-p] DIRECTORY...

Create DIRECTORY

	-m MODE	Mode
	-p	No error if exists; make parent directories as needed`,
  touch: `Usage: touch [-cham] [-d DATE] [-t DATE] [-r FILE] FILE...

Update mtime of FILEs

	-c	Don't create files
	-h	Don't follow links
	-a	Change only atime
	-m	Change only mtime
	-d DT	Date/time to use
	-t DT	Date/time to use
	-r FILE	Use FILE's date/time`,
  rm: `Usage: rm [-irf] FILE...

Remove (unlink) FILEs

	-i	Always prompt before removing
	-f	Never prompt
	-R,-r	Recurse`,
  tee: `Usage: tee [-ai] [FILE]...

Copy stdin to each FILE, and also to stdout

	-a	Append to the given FILEs, don't overwrite
	-i	Ignore interrupt signals (SIGINT)`,
  basename: `Usage: basename FILE [SUFFIX] | -a FILE... | -s SUFFIX FILE...

Strip directory path and SUFFIX from FILE

	-a		All arguments are FILEs
	-s SUFFIX	Remove SUFFIX (implies -a)`,
  dirname: `Usage: dirname FILENAME

Strip non-directory suffix from FILENAME`,
  sleep: `Usage: sleep [N]...

Pause for a time equal to the total of the args given, where each arg can
have an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays`,
  ping: `Usage: ping [OPTIONS] HOST

Send ICMP ECHO_REQUESTs to HOST

	-4,-6		Force IP or IPv6 name resolution
	-c CNT		Send only CNT pings
	-s SIZE		Send SIZE data bytes in packets (default 56)
	-i SECS		Interval
	-A		Ping as soon as reply is received
	-t TTL		Set TTL
	-I IFACE/IP	Source interface or IP address
	-W SEC		Seconds to wait for the first response (default 10)
			(after all -c CNT packets are sent)
	-w SEC		Seconds until ping exits (default:infinite)
			(can exit earlier with -c CNT)
	-q		Quiet, only display output at start/finish
	-p HEXBYTE	Payload pattern`,
  nc: `Usage: nc [-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]

Open a pipe to IP:PORT or FILE

	-l	Listen mode, for inbound connects
		(use -ll with -e for persistent server)
	-p PORT	Local port
	-w SEC	Connect timeout
	-i SEC	Delay interval for lines sent
	-f FILE	Use file (ala /dev/ttyS0) instead of network
	-e PROG	Run PROG after connect`,
  nslookup: `Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]

Query DNS about HOST

QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any`,
  wget: `Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
	[--post-data STR | --post-file FILE] [-Y on/off]
	[-P DIR] [-U AGENT] [-T SEC] URL...

Retrieve files via HTTP or FTP

	--spider	Only check URL existence: $? is 0 if exists
	--header STR	Add STR (of form 'header: value') to headers
	--post-data STR	Send STR using POST method
	--post-file FILE	Send FILE using POST method
	-c		Continue retrieval of aborted transfer
	-q		Quiet
	-P DIR		Save to DIR (default .)
	-S    		Show server response
	-T SEC		Network read timeout is SEC seconds
	-O FILE		Save to FILE ('-' for stdout)
	-o LOGFILE	Log messages to FILE
	-U STR		Use STR for User-Agent header
	-Y on/off	Use proxy`,
  telnet: `Usage: telnet [-a] [-l USER] HOST [PORT]

Connect to telnet server

	-a	Automatic login with $USER variable
	-l USER	Automatic login as USER`,
  traceroute: `Usage: traceroute [-46IFlnrv] [-f 1ST_TTL] [-m MAXTTL] [-q PROBES] [-p PORT]
	[-t TOS] [-w WAIT_SEC] [-s SRC_IP] [-i IFACE]
	[-z PAUSE_MSEC] HOST [BYTES]

Trace the route to HOST

	-4,-6	Force IP or IPv6 name resolution
	-F	Set don't fragment bit
	-I	Use ICMP ECHO instead of UDP datagrams
	-l	Display TTL value of the returned packet
	-n	Print numeric addresses
	-r	Bypass routing tables, send directly to HOST
	-v	Verbose
	-f N	First number of hops (default 1)
	-m N	Max number of hops
	-q N	Number of probes per hop (default 3)
	-p N	Base UDP port number used in probes
		(default 33434)
	-s IP	Source address
	-i IFACE Source interface
	-t N	Type-of-service in probe packets (default 0)
	-w SEC	Wait for a response (default 3)
	-z MSEC	Wait before each send`,
  brctl: `Usage: brctl COMMAND [BRIDGE [ARGS]]

Manage ethernet bridges
Commands:
	addbr BRIDGE		Create BRIDGE
	delbr BRIDGE		Delete BRIDGE
	addif BRIDGE IFACE	Add IFACE to BRIDGE
	delif BRIDGE IFACE	Delete IFACE from BRIDGE`,
  ln: `Usage: ln [-sfnbtv] [-S SUF] TARGET... LINK|DIR

Create a link LINK or DIR/TARGET to the specified TARGET(s)

	-s	Make symlinks instead of hardlinks
	-f	Remove existing destinations
	-n	Don't dereference symlinks - treat like normal file
	-b	Make a backup of the target (if exists) before link operation
	-S SUF	Use suffix instead of ~ when making backup files
	-T	Treat LINK as a file, not DIR
	-v	Verbose`,
  nsenter: `Usage: nsenter [OPTIONS] [PROG ARGS]

	-t PID		Target process to get namespaces from
	-m[FILE]	Enter mount namespace
	-u[FILE]	Enter UTS namespace (hostname etc)
	-i[FILE]	Enter System V IPC namespace
	-n[FILE]	Enter network namespace
	-p[FILE]	Enter pid namespace
	-U[FILE]	Enter user namespace
	-S UID		Set uid in entered namespace
	-G GID		Set gid in entered namespace
	--preserve-credentials	Don't touch uids or gids
	-r[DIR]		Set root directory
	-w[DIR]		Set working directory
	-F		Don't fork before exec'ing PROG`,
  httpd: `Usage: httpd [-ifv[v]] [-c CONFFILE] [-p [IP:]PORT] [-u USER[:GRP]] [-r REALM] [-h HOME]
or httpd -d/-e/-m STRING

Listen for incoming HTTP requests

	-i		Inetd mode
	-f		Run in foreground
	-v[v]		Verbose
	-p [IP:]PORT	Bind to IP:PORT (default *:80)
	-u USER[:GRP]	Set uid/gid after binding to port
	-r REALM	Authentication Realm for Basic Authentication
	-h HOME		Home directory (default .)
	-c FILE		Configuration file (default {/etc,HOME}/httpd.conf)
	-m STRING	MD5 crypt STRING
	-e STRING	HTML encode STRING
	-d STRING	URL decode STRING`,
  arp: `Usage: arp
[-vn]	[-H HWTYPE] [-i IF] -a [HOSTNAME]
[-v]		    [-i IF] -d HOSTNAME [pub]
[-v]	[-H HWTYPE] [-i IF] -s HOSTNAME HWADDR [temp]
[-v]	[-H HWTYPE] [-i IF] -s HOSTNAME HWADDR [netmask MASK] pub
[-v]	[-H HWTYPE] [-i IF] -Ds HOSTNAME IFACE [netmask MASK] pub

Manipulate ARP cache

	-a		Display (all) hosts
	-d		Delete ARP entry
	-s		Set new entry
	-v		Verbose
	-n		Don't resolve names
	-i IF		Network interface
	-D		Read HWADDR from IFACE
	-A,-p AF	Protocol family
	-H HWTYPE	Hardware address type`,
  ifconfig: `Usage: ifconfig [-a] [IFACE] [ADDRESS]

Configure a network interface

\t[add ADDRESS[/PREFIXLEN]]
\t[del ADDRESS[/PREFIXLEN]]
\t[[-]broadcast [ADDRESS]] [[-]pointopoint [ADDRESS]]
\t[netmask ADDRESS] [dstaddr ADDRESS]
\t[outfill NN] [keepalive NN]
\t[hw ether|infiniband ADDRESS] [metric NN] [mtu NN]
\t[[-]trailers] [[-]arp] [[-]allmulti]
\t[multicast] [[-]promisc] [txqueuelen NN] [[-]dynamic]
\t[mem_start NN] [io_addr NN] [irq NN]
\t[up|down] ...`,
  ip: `Usage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]

OPTIONS := -f[amily] inet|inet6|link | -o[neline]

ip addr add|del IFADDR dev IFACE | show|flush [dev IFACE] [to PREFIX]
ip route list|flush|add|del|change|append|replace|test ROUTE
ip link set IFACE [up|down] [arp on|off] [multicast on|off]
	[promisc on|off] [mtu NUM] [name NAME] [qlen NUM] [address MAC]
	[master IFACE | nomaster] [netns PID]
ip tunnel add|change|del|show [NAME]
	[mode ipip|gre|sit] [remote ADDR] [local ADDR] [ttl TTL]
ip neigh show|flush [to PREFIX] [dev DEV] [nud STATE]
ip rule [list] | add|del SELECTOR ACTION`,
  netstat: `Usage: netstat [-ral] [-tuwx] [-enWp]

Display networking information

\t-r\tRouting table
\t-a\tAll sockets
\t-l\tListening sockets
\t\tElse: connected sockets
\t-t\tTCP sockets
\t-u\tUDP sockets
\t-w\tRaw sockets
\t-x\tUnix sockets
\t\tElse: all socket types
\t-e\tOther/more information
\t-n\tDon't resolve names
\t-W\tWide display
\t-p\tShow PID/program name for sockets`,
  watch: `Usage: watch [-n SEC] [-t] PROG ARGS

Run PROG periodically

\t-n SEC\tPeriod (default 2)
\t-t\tDon't print header`,
  route: `Usage: route [-ne] [-A inet[6]] [{add|del} [-net|-host] TARGET [netmask MASK]
	[gw GATEWAY] [metric N] [mss BYTES] [window BYTES] [reject] [IFACE]]

Show or edit kernel routing tables

	-n	Don't resolve names
	-e	Display other/more information
	-A inet[6]	Select address family`,
  sysctl: `Usage: sysctl [-enq] { -a | -p [FILE]... | [-w] [KEY[=VALUE]]... }

Show/set kernel parameters

	-e	Don't warn about unknown keys
	-n	Don't show key names
	-q      Quiet
	-a	Show all values
	-p	Set values from FILEs (default /etc/sysctl.conf)
	-w	Set values`,
};

/** busybox's traceroute6: traceroute's usage without the options only IPv4 has. */
USAGE.traceroute6 = (USAGE.traceroute ?? "")
  .replace("traceroute [-46IFlnrv]", "traceroute6 [-nrv]")
  .replace(/\t-(4,-6|F|I|l)\t.*\n/g, "");

/** What `bb_show_usage()` writes to stderr: the banner, a blank line and the applet's usage; exit 1. */
export function busyboxUsage(applet: string): ToolExit {
  return new ToolExit(
    1,
    `${BUSYBOX_BANNER}\n\n${Object.hasOwn(USAGE, applet) ? USAGE[applet] : `Usage: ${applet}`}\n`,
  );
}

/**
 * busybox's xatou_range(): digits only, within an unsigned int, then within [min, max]; the
 * refusal in the applet's words otherwise.
 */
export function xatouRange(applet: string, text: string, min: number, max: number): number | string {
  if (!/^\d+$/.test(text) || Number(text) > 4294967295) return `${applet}: invalid number '${text}'`;
  const n = Number(text);
  return n < min || n > max ? `${applet}: number ${n} is not in ${min}..${max} range` : n;
}

/** What a bad option gets where the tool runs: busybox's complaint and usage, or GNU's pointer to --help. */
export function badOption(ctx: Ctx, tool: string): (problem: Problem) => ToolExit {
  return ctx.place.flavor === "busybox"
    ? busyboxBadOption(tool)
    : (p) => new ToolExit(1, `${problemText(tool, p)}\nTry '${tool} --help' for more information.\n`);
}

/** A tool's options where it runs: busybox's letters alone, or GNU's with its long options too. */
export function toolOptions(ctx: Ctx, tool: string, letters: string, long?: readonly LongOption[]): Getopt {
  return new Getopt(
    ctx.argv.slice(1),
    letters,
    badOption(ctx, tool),
    ctx.place.flavor === "busybox" ? undefined : long,
  );
}

/** getopt's complaint about an option, then the applet's usage, as busybox prints both. */
export function busyboxBadOption(applet: string): (problem: Problem) => ToolExit {
  return (problem) => new ToolExit(1, `${problemText(applet, problem)}\n${busyboxUsage(applet).stderr}`);
}

const HELP = `${BUSYBOX_BANNER}
BusyBox is copyrighted by many authors between 1998-2015.
Licensed under GPLv2. See source distribution for detailed
copyright notices.

Usage: busybox [function [arguments]...]
   or: busybox --list[-full]
   or: busybox --install [-s] [DIR]
   or: function [arguments]...

\tBusyBox is a multi-call binary that combines many common Unix
\tutilities into a single executable.  The shell in this build
\tis configured to run built-in utilities without $PATH search.
\tYou don't need to install a link to busybox for each utility.
\tTo run external program, use full path (/sbin/ip instead of ip).

Currently defined functions:
`;

/** busybox's list of functions: comma-separated, each line a tab and as many as fit (its width 80, less one). */
function functionList(): string {
  let out = "";
  let col = 0;
  for (const name of APPLETS) {
    const len = name.length + 2;
    if (col >= 79 - len) {
      out += ",\n";
      col = 0;
    }
    if (col === 0) {
      out += "\t";
      col = 6;
    } else out += ", ";
    out += name;
    col += len;
  }
  return `${out}\n`;
}

/**
 * `busybox`, `busybox --list[-full]`, and `busybox APPLET ...`: any applet runs with busybox's
 * behaviour and wording, wherever busybox is typed (the host has it too, as the recordings'
 * `busybox wget` shows).
 */
const busybox: Handler = (ctx) => {
  const [applet, ...args] = ctx.argv.slice(1);
  if (applet === undefined || applet === "--help") {
    ctx.out.write(HELP + functionList());
    return 0;
  }
  if (applet === "--list" || applet === "--list-full") {
    for (const path of applet === "--list" ? APPLETS : APPLET_PATHS) ctx.out.line(path);
    return 0;
  }
  const place = { ...ctx.place, flavor: "busybox" as const, programs: undefined };
  const command = APPLETS.includes(applet) ? ctx.commands.find(applet, place) : undefined;
  if (!command) {
    ctx.out.error(`${applet}: applet not found`);
    return 127;
  }
  return runCommand(command, { ...ctx, argv: [applet, ...args], place });
};

export const commands: Command[] = [{ name: "busybox", where: ["host", "busybox"], run: busybox }];
