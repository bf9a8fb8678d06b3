/**
 * Shell builtins and the small coreutils a tutorial touches: echo, export, cd, exit, history, clear,
 * help, cat, hostname, ln, sleep, true/false, env, package managers that find bridge-utils
 * already installed. Output follows GNU coreutils on the host and in Debian images, busybox elsewhere.
 */
import { mainExited } from "../../engine/docker/containers";
import { hostOf } from "../../engine/docker/host";
import { sleepMs } from "../../engine/docker/process";
import { userName } from "../../engine/docker/users";
import { advanceClock } from "../../engine/world";
import { helpText } from "../../i18n/help";
import { EVERY_USERLAND, goLive, ToolExit } from "../command";
import { dirExists, readFile, resolvePath } from "../files";
import { containerOf } from "../place";
import type { Command, Ctx, Handler, ProcessKind, Userland } from "../types";
import { busyboxUsage } from "./busybox";
import { busyboxLn } from "./file-tools";
import { tabLanguage } from "./lab";
import { typedAtPrompt } from "./net/common";

const echo: Handler = (ctx) => {
  let args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes("n")) newline = false;
    if (args[0].includes("e")) escapes = true;
    args = args.slice(1);
  }
  let text = args.join(" ");
  if (escapes)
    text = text.replace(/\\([ntr\\])/g, (_, c: string) => ({ n: "\n", t: "\t", r: "\r" })[c] ?? "\\");
  ctx.out.write(newline ? `${text}\n` : text);
  return 0;
};

const exportCmd: Handler = (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0 || args[0] === "-p") {
    for (const [k, v] of Object.entries(ctx.frame.env).sort()) ctx.out.line(`declare -x ${k}="${v}"`);
    return 0;
  }
  for (const arg of args) {
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      ctx.out.error(`${shellPrefix(ctx)}export: \`${arg}': not a valid identifier`);
      return 1;
    }
    if (eq >= 0) ctx.frame.env[name] = arg.slice(eq + 1);
    else ctx.frame.env[name] ??= "";
  }
  return 0;
};

function shellPrefix(ctx: Ctx): string {
  return ctx.frame.container ? `${ctx.frame.shell}: ` : "-bash: ";
}

const unset: Handler = (ctx) => {
  for (const name of ctx.argv.slice(1)) delete ctx.frame.env[name];
  return 0;
};

const cd: Handler = (ctx) => {
  const target = ctx.argv[1] ?? (ctx.frame.container ? "/" : "/root");
  const path = target === "~" ? "/root" : resolvePath(ctx.frame.cwd, target);
  if (!dirExists(ctx.world, ctx.frame, path)) {
    if (ctx.place.flavor === "busybox") {
      // ash: an error in a builtin is status 2; a script (`sh -c`) names its line, a prompt does not.
      const where = typedAtPrompt(ctx) ? "" : "line 0: ";
      ctx.out.error(`${shellPrefix(ctx)}cd: ${where}can't cd to ${target}: No such file or directory`);
      return 2;
    }
    ctx.out.error(`${shellPrefix(ctx)}cd: ${target}: No such file or directory`);
    return 1;
  }
  ctx.frame.cwd = path;
  return 0;
};

const pwd: Handler = (ctx) => {
  ctx.out.line(ctx.frame.cwd);
  return 0;
};

/** Leaves the current shell; leaving a container's main shell stops the container, as in Docker. */
const exit: Handler = (ctx) => {
  const code = ctx.argv[1] !== undefined ? Number(ctx.argv[1]) & 255 : ctx.session.lastExit;
  // Only the shell the user is typing into leaves (and an interactive bash says so); `sh -c 'exit 3'`
  // in a `docker exec`, or `exit &` in a subshell, just ends its script.
  const typedInto = ctx.session.frames[ctx.session.frames.length - 1] === ctx.frame;
  if (ctx.frame.shell === "bash" && typedInto) ctx.out.line(ctx.frame.container ? "exit" : "logout");
  if (ctx.session.frames.length <= 1 || !typedInto) return code;
  const c = containerOf(ctx.world, ctx.frame);
  if (c && ctx.frame.main) mainExited(hostOf(ctx.world, ctx.frame.machine), c, code);
  if (ctx.frame.login) ctx.out.error(`Connection to ${ctx.frame.login} closed.`);
  ctx.effects.pop = true;
  return code;
};

const history: Handler = (ctx) => {
  if (ctx.argv[1] === "-c") {
    ctx.session.history.length = 0;
    return 0;
  }
  const limit = ctx.argv[1] ? Number(ctx.argv[1]) : ctx.session.history.length;
  const start = Math.max(0, ctx.session.history.length - limit);
  ctx.session.history.slice(start).forEach((line, i) => {
    ctx.out.line(`${String(start + i + 1).padStart(5)}  ${line}`);
  });
  return 0;
};

const clear: Handler = (ctx) => {
  ctx.effects.clear = true;
  return 0;
};

/**
 * The lab's own guide, in the language of the tab's login shell (its `LANG`, which the page sets
 * from its own language), also inside a container, whose environment has no `LANG` of its own.
 */
const help: Handler = (ctx) => {
  ctx.out.write(helpText(tabLanguage(ctx)));
  return 0;
};

const cat: Handler = (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => a !== "-");
  if (files.length === 0) {
    ctx.out.write(ctx.stdin);
    return 0;
  }
  let exitCode = 0;
  for (const file of files) {
    const text = readFile(ctx.world, ctx.frame, resolvePath(ctx.frame.cwd, file));
    if (text === undefined) {
      ctx.out.error(
        ctx.place.flavor === "busybox"
          ? `cat: can't open '${file}': No such file or directory`
          : `cat: ${file}: No such file or directory`,
      );
      exitCode = 1;
    } else ctx.out.write(text);
  }
  return exitCode;
};

/**
 * The canonical name the resolver gives `name` from /etc/hosts (the first name of the line that
 * lists it), as `hostname -f` asks gethostbyname; the name itself when no line has it.
 */
function canonicalName(ctx: Ctx, name: string): string {
  const hosts = readFile(ctx.world, ctx.frame, "/etc/hosts") ?? "";
  for (const line of hosts.split("\n")) {
    const names = line.replace(/#.*/, "").trim().split(/\s+/).slice(1);
    if (names.includes(name)) return names[0] ?? name;
  }
  return name;
}

const hostname: Handler = (ctx) => {
  const c = containerOf(ctx.world, ctx.frame);
  const name = c ? c.config.hostname : (ctx.world.machines[ctx.frame.machine]?.hostname ?? "");
  const option = ctx.argv[0] === "dnsdomainname" ? "-d" : ctx.argv[1];
  if (option === "-f" || option === "-s" || option === "-d") {
    const full = canonicalName(ctx, name);
    const dot = full.indexOf(".");
    if (option === "-f") ctx.out.line(full);
    else if (option === "-s") ctx.out.line(dot < 0 ? full : full.slice(0, dot));
    else if (dot >= 0) ctx.out.line(full.slice(dot + 1));
    return 0;
  }
  if (option === "-i" || option === "-I") {
    const ns = ctx.world.netns[ctx.place.netns];
    const addrs = ns?.links.flatMap((l) => (l.kind === "loopback" ? [] : l.addrs.map((a) => a.ip))) ?? [];
    ctx.out.line(option === "-I" ? `${addrs.join(" ")} ` : addrs.join(" "));
    return 0;
  }
  ctx.out.line(name);
  return 0;
};

/** `ln -s TARGET LINK`: the tutorials use it to name a container's namespace for `ip netns`. */
const ln: Handler = (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
  const [target, link] = args;
  if (!ctx.argv.includes("-s") || !target || !link) {
    ctx.out.error("ln: missing file operand");
    ctx.out.error("Try 'ln --help' for more information.");
    return 1;
  }
  const machine = ctx.world.machines[ctx.frame.machine];
  const path = resolvePath(ctx.frame.cwd, link);
  const dir = path.slice(0, path.lastIndexOf("/")) || "/";
  if (!machine || !dirExists(ctx.world, ctx.frame, dir)) {
    ctx.out.error(`ln: failed to create symbolic link '${link}': No such file or directory`);
    return 1;
  }
  if (path in machine.fs.symlinks) {
    ctx.out.error(`ln: failed to create symbolic link '${link}': File exists`);
    return 1;
  }
  machine.fs.symlinks[path] = target;
  return 0;
};

/**
 * `sleep N[smhd]...`: the total of its arguments, as a process the terminal waits on (Ctrl+C stops
 * it). GNU's words on the host and in Debian images, busybox's elsewhere.
 */
const sleep: Handler = (ctx) => {
  const args = ctx.argv.slice(1);
  const busybox = ctx.place.flavor === "busybox";
  if (args.length === 0) {
    throw busybox
      ? busyboxUsage("sleep")
      : new ToolExit(1, "sleep: missing operand\nTry 'sleep --help' for more information.\n");
  }
  let total = 0;
  for (const arg of args) {
    const ms = sleepMs([arg]);
    if (ms === undefined) {
      if (busybox) ctx.out.error(`sleep: invalid number '${arg}'`);
      else {
        ctx.out.error(`sleep: invalid time interval ‘${arg}’`);
        ctx.out.error("Try 'sleep --help' for more information.");
      }
      return 1;
    }
    total += ms;
  }
  sleepFor(ctx, total);
  return 0;
};

/** Waits `ms` of virtual time, as a live process (Ctrl+C ends it). */
export function sleepFor(ctx: Ctx, ms: number): void {
  goLive(ctx, sleepProcess, { end: ctx.world.clock + ms });
}

const sleepProcess: ProcessKind<{ end: number }> = {
  name: "sleep",
  resume(ctx, { end }, until) {
    if (until < end) {
      advanceClock(ctx.world, until);
      return undefined;
    }
    advanceClock(ctx.world, end);
    return 0;
  },
  interrupt() {
    return 130;
  },
};

/** The process environment: a container shell's frame carries its full environment; the host adds its login's. */
const env: Handler = (ctx) => {
  const host = ctx.world.machines[ctx.frame.machine];
  const base: Record<string, string> = ctx.frame.container
    ? {}
    : {
        HOSTNAME: host?.hostname ?? ctx.frame.machine,
        USER: "root",
        HOME: "/root",
        SHELL: "/bin/bash",
        PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/root/bin",
      };
  for (const [k, v] of Object.entries({ ...base, ...ctx.frame.env })) ctx.out.line(`${k}=${v}`);
  return 0;
};

/** The seeds install bridge-utils with apt; on the lab host it is already there. */
const packageManager: Handler = (ctx) => {
  const [cmd, sub, ...rest] = ctx.argv;
  const pkgs = rest.filter((a) => !a.startsWith("-"));
  if (ctx.frame.container) {
    // No package archive in the lab: an image has the tools its catalogue entry lists.
    ctx.out.error(
      `${cmd}: installing packages is not simulated in Docker Network Lab; this container has the tools its image ships with`,
    );
    return cmd === "apk" ? 1 : 100;
  }
  if (sub !== "install" || pkgs.length === 0) {
    ctx.out.error(
      `${cmd}: the lab's host already has every tool it teaches (try: ${cmd} install bridge-utils)`,
    );
    return 1;
  }
  if (cmd === "yum" || cmd === "dnf") {
    ctx.out.line("Last metadata expiration check: 0:12:41 ago.");
    for (const p of pkgs) ctx.out.line(`Package ${p}-1.7.1-3.el9.x86_64 is already installed.`);
    ctx.out.line("Dependencies resolved.");
    ctx.out.line("Nothing to do.");
    ctx.out.line("Complete!");
    return 0;
  }
  ctx.out.line("Reading package lists... Done");
  ctx.out.line("Building dependency tree... Done");
  ctx.out.line("Reading state information... Done");
  for (const p of pkgs) ctx.out.line(`${p} is already the newest version (1.7.1-1).`);
  ctx.out.line("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.");
  return 0;
};

/** The name of the user the process runs as (busybox's and GNU's words for a uid with none). */
const whoami: Handler = (ctx) => {
  const uid = ctx.frame.user?.uid ?? 0;
  const name = userName(uid, readFile(ctx.world, ctx.frame, "/etc/passwd") ?? "root:x:0:0:");
  if (name === undefined) {
    const why = ctx.place.flavor === "busybox" ? `unknown uid ${uid}` : `cannot find name for user ID ${uid}`;
    throw new ToolExit(1, `whoami: ${why}\n`);
  }
  ctx.out.line(name);
  return 0;
};

const trueCmd: Handler = () => 0;
const falseCmd: Handler = () => 1;

/** Builtins every shell has, whatever the image ships; the rest are programs of the userlands named. */
const builtin = (name: string, run: Handler, extra: Partial<Command> = {}): Command => ({
  name,
  where: "builtin",
  run,
  ...extra,
});
const program = (
  name: string,
  where: readonly Userland[],
  run: Handler,
  extra: Partial<Command> = {},
): Command => ({
  name,
  where,
  run,
  ...extra,
});

export const commands: Command[] = [
  builtin("echo", echo, { alsoProgram: true }),
  builtin("export", exportCmd),
  builtin("unset", unset),
  builtin("cd", cd, { completion: { operands: ["dir"], repeat: true } }),
  builtin("pwd", pwd, { alsoProgram: true }),
  builtin("exit", exit, { aliases: ["logout"] }),
  builtin("history", history),
  builtin("help", help),
  builtin("true", trueCmd, { alsoProgram: true }),
  // `:` does nothing and succeeds, a builtin only (`: > FILE` empties a file).
  builtin(":", trueCmd),
  builtin("false", falseCmd, { alsoProgram: true }),
  program("clear", EVERY_USERLAND, clear),
  program("cat", EVERY_USERLAND, cat),
  program("hostname", EVERY_USERLAND, hostname),
  program("dnsdomainname", ["host", "busybox"], hostname),
  // busybox's ln exists; links inside a container are not simulated yet.
  program("ln", ["host", "busybox"], (ctx) => (ctx.place.flavor === "busybox" ? busyboxLn(ctx) : ln(ctx))),
  program("sleep", EVERY_USERLAND, sleep, { processes: [sleepProcess] }),
  program("env", EVERY_USERLAND, env),
  // apt is also what Debian-based images install (their catalogue entries say so).
  program("apt", ["host"], packageManager, { aliases: ["apt-get", "yum", "dnf"] }),
  program("whoami", EVERY_USERLAND, whoami),
];
