/**
 * util-linux `nsenter`: run a program (or a shell) in the namespaces of a process, found by PID in
 * the machine's process table (a container's State.Pid). The network namespace is what the lab
 * models; with the mount namespace (`-m`, `-a`) the program comes from the container's image.
 */

import { own } from "../../../engine/own";
import type { Machine, World } from "../../../engine/world";
import { ToolExit } from "../../command";
import type { Command, Frame, Handler } from "../../types";
import { Getopt, type LongOption, type Problem, problemText } from "../getopt";
import { busyboxNsenter } from "./busybox-admin";
import { execIn } from "./exec-in";
import { DOCKER_NETNS_DIR, dockerNetnsFiles, findNamedNetns, NETNS_DIR } from "./netns-names";

const USAGE = `
Usage:
 nsenter [options] [<program> [<argument>...]]

Run a program with namespaces of other processes.

Options:
 -a, --all              enter all namespaces
 -t, --target <pid>     target process to get namespaces from
 -m, --mount[=<file>]   enter mount namespace
 -u, --uts[=<file>]     enter UTS namespace (hostname etc)
 -i, --ipc[=<file>]     enter System V IPC namespace
 -n, --net[=<file>]     enter network namespace
 -p, --pid[=<file>]     enter pid namespace
 -C, --cgroup[=<file>]  enter cgroup namespace
 -U, --user[=<file>]    enter user namespace
     --user-parent      enter parent user namespace
 -T, --time[=<file>]    enter time namespace
 -S, --setuid[=<uid>]   set uid in entered namespace
 -G, --setgid[=<gid>]   set gid in entered namespace
     --preserve-credentials do not touch uids or gids
     --keep-caps        retain capabilities granted in user namespaces
 -r, --root[=<dir>]     set the root directory
 -w, --wd[=<dir>]       set the working directory
 -W, --wdns <dir>       set the working directory in namespace
 -e, --env              inherit environment variables from target process
 -F, --no-fork          do not fork before exec'ing <program>
 -c, --join-cgroup      join the cgroup of the target process

 -h, --help             display this help
 -V, --version          display version

For more details see nsenter(1).
`;

const NAMESPACES: Record<string, string> = {
  m: "mount",
  u: "uts",
  i: "ipc",
  n: "net",
  p: "pid",
  C: "cgroup",
  U: "user",
  T: "time",
};
/** getopt_long's view: "+" (options stop at the program), namespaces' files glued on (`-n/path`, `--net=path`). */
const SHORT = `+t:S:G:W:${[...Object.keys(NAMESPACES), "r", "w"].map((k) => `${k}::`).join("")}aeFcZhV`;
const LONG: LongOption[] = [
  { name: "all", key: "a" },
  { name: "target", key: "t", value: "required" },
  ...Object.entries(NAMESPACES).map(([key, name]): LongOption => ({ name, key, value: "optional" })),
  { name: "setuid", key: "S", value: "required" },
  { name: "setgid", key: "G", value: "required" },
  { name: "root", key: "r", value: "optional" },
  { name: "wd", key: "w", value: "optional" },
  { name: "wdns", key: "W", value: "required" },
  { name: "env", key: "e" },
  { name: "no-fork", key: "F" },
  { name: "join-cgroup", key: "c" },
  { name: "help", key: "h" },
  { name: "version", key: "V" },
];

interface Options {
  target?: string;
  /** Namespaces asked for, with a file when one was given (`--net=/var/run/netns/red`). */
  enter: Map<string, string | undefined>;
  all: boolean;
  command: string[];
}

function tryHelp(problem: Problem): ToolExit {
  return new ToolExit(1, `${problemText("nsenter", problem)}\nTry 'nsenter --help' for more information.\n`);
}

function parse(words: string[]): Options | "help" | "version" {
  const opts: Options = { enter: new Map(), all: false, command: [] };
  const parsed = new Getopt(words, SHORT, tryHelp, LONG);
  for (const { key, value } of parsed) {
    if (key === "h") return "help";
    if (key === "V") return "version";
    if (key === "t") {
      if (opts.target !== undefined)
        throw new ToolExit(1, "nsenter: option --target may be given only once\n");
      opts.target = value;
    } else if (key === "a") opts.all = true;
    else if (own(NAMESPACES, key)) opts.enter.set(key, value);
  }
  opts.command = parsed.operands;
  return opts;
}

const nsenter: Handler = (ctx) => {
  const opts = parse(ctx.argv.slice(1));
  if (opts === "help") {
    ctx.out.write(USAGE);
    return 0;
  }
  if (opts === "version") {
    ctx.out.line("nsenter from util-linux 2.38.1");
    return 0;
  }
  const machine = ctx.world.machines[ctx.place.machine];
  if (!machine) throw new Error(`no machine ${ctx.place.machine}`);
  const needsTarget = opts.all || [...opts.enter.values()].some((file) => file === undefined);
  if (needsTarget && opts.target === undefined) throw new ToolExit(1, "nsenter: no target PID specified\n");
  if (opts.target !== undefined && !/^\d+$/.test(opts.target))
    throw new ToolExit(1, `nsenter: failed to parse pid: '${opts.target}'\n`);
  const proc = opts.target !== undefined ? machine.procs[opts.target] : undefined;
  if (opts.target !== undefined && !proc) {
    const ns = opts.all ? "cgroup" : (NAMESPACES[[...opts.enter.keys()][0] ?? "n"] ?? "net");
    throw new ToolExit(1, `nsenter: cannot open /proc/${opts.target}/ns/${ns}: No such file or directory\n`);
  }
  if (!opts.all && opts.enter.size === 0) throw new ToolExit(1, "nsenter: no namespace specified\n");
  if (ctx.place.kind !== "host")
    throw new ToolExit(1, "nsenter: reassociate to namespace 'ns/net' failed: Operation not permitted\n");

  const frame: Frame = { ...ctx.frame, env: { ...ctx.frame.env } };
  if (opts.all || opts.enter.has("n")) {
    const file = opts.enter.get("n");
    const netns = file === undefined ? proc?.netns : netnsAt(ctx.world, machine, file);
    if (!netns) throw new ToolExit(1, `nsenter: cannot open ${file}: No such file or directory\n`);
    frame.netns = netns;
  }
  // In the target's mount namespace the programs are the container's own.
  if ((opts.all || opts.enter.has("m")) && proc?.container) {
    frame.container = proc.container;
    frame.shell = "sh";
  }
  if (opts.command.length === 0) {
    ctx.effects.push = frame;
    return 0;
  }
  return execIn(ctx, opts.command, frame, (name) => ({
    message: `nsenter: failed to execute ${name}: No such file or directory\n`,
    code: 127,
  }));
};

/** `--net=FILE`: a /var/run/netns entry, one of dockerd's (/var/run/docker/netns), or /proc/PID/ns/net. */
function netnsAt(world: World, machine: Machine, file: string): string | undefined {
  const proc = /^\/proc\/(\d+)\/ns\/net$/.exec(file);
  if (proc) return machine.procs[proc[1] ?? ""]?.netns;
  for (const dir of [`${DOCKER_NETNS_DIR}/`, "/run/docker/netns/"])
    if (file.startsWith(dir))
      return dockerNetnsFiles(world, machine).find((f) => f.name === file.slice(dir.length))?.netns;
  for (const dir of [`${NETNS_DIR}/`, "/run/netns/"])
    if (file.startsWith(dir)) return findNamedNetns(world, machine, file.slice(dir.length))?.netns;
  return undefined;
}

export const commands: Command[] = [
  {
    name: "nsenter",
    where: ["host", "busybox"],
    addrconf: true,
    run: (ctx) => (ctx.place.flavor === "busybox" ? busyboxNsenter(ctx) : nsenter(ctx)),
  },
];
