/**
 * `ip netns`: list the names under /var/run/netns (with the current namespace's id for each), add
 * and delete named namespaces, run a command inside one, identify a process's namespace.
 */
import { createNetns, deleteNetns } from "../../../../engine/linux/kernel";
import type { Machine } from "../../../../engine/world";
import { ToolExit } from "../../../command";
import { netnsOf } from "../../../place";
import type { Ctx } from "../../../types";
import { execIn } from "../exec-in";
import { addedNetnsId, type NamedNetns, NETNS_DIR, namedNetns, namesMachine } from "../netns-names";
import { matches } from "./args";
import { NETNS_USAGE } from "./usage";

/** The names a place sees: none inside a container. */
function namesHere(ctx: Ctx): NamedNetns[] {
  const machine = namesMachine(ctx);
  return machine ? namedNetns(ctx.world, machine) : [];
}

function find(ctx: Ctx, name: string): NamedNetns | undefined {
  return namesHere(ctx).find((n) => n.name === name);
}

/** Where `ip netns add` and `attach` bind-mount: a container may not make /var/run/netns a shared mount. */
function hostMachine(ctx: Ctx): Machine {
  const machine = namesMachine(ctx);
  if (!machine) throw new ToolExit(1, `mount --make-shared ${NETNS_DIR} failed: Operation not permitted\n`);
  return machine;
}

function invalidName(name: string): boolean {
  return name === "" || name.length > 255 || name.includes("/") || name === "." || name === "..";
}

function list(ctx: Ctx): number {
  const view = netnsOf(ctx);
  for (const entry of namesHere(ctx)) {
    const id = entry.netns !== undefined ? view.nsids[entry.netns] : undefined;
    ctx.out.line(id !== undefined ? `${entry.name} (id: ${id})` : entry.name);
  }
  return 0;
}

function add(ctx: Ctx, name: string | undefined): number {
  if (name === undefined) throw new ToolExit(1, "No netns name specified\n");
  const machine = hostMachine(ctx);
  if (find(ctx, name))
    throw new ToolExit(1, `Cannot create namespace file "${NETNS_DIR}/${name}": File exists\n`);
  if (!machine.fs.dirs.includes(NETNS_DIR)) machine.fs.dirs.push(NETNS_DIR);
  createNetns(ctx.world, addedNetnsId(machine, name), machine.name);
  return 0;
}

function del(ctx: Ctx, name: string | undefined): number {
  if (name === undefined) throw new ToolExit(1, "No netns name specified\n");
  const entry = find(ctx, name);
  const machine = namesMachine(ctx);
  if (!entry || !machine)
    throw new ToolExit(1, `Cannot remove namespace file "${NETNS_DIR}/${name}": No such file or directory\n`);
  if (entry.added) deleteNetns(ctx.world, addedNetnsId(machine, name));
  else for (const path of [`${NETNS_DIR}/${name}`, `/run/netns/${name}`]) delete machine.fs.symlinks[path];
  return 0;
}

function exec(ctx: Ctx, words: string[]): number {
  const [name, ...argv] = words;
  if (name === undefined) throw new ToolExit(1, "No netns name specified\n");
  if (argv.length === 0) throw new ToolExit(1, "No command specified\n");
  const netns = find(ctx, name)?.netns;
  if (!netns) throw new ToolExit(255, `Cannot open network namespace "${name}": No such file or directory\n`);
  return execIn(ctx, argv, { ...ctx.frame, netns }, (cmd) => ({
    message: `exec of "${cmd}" failed: No such file or directory\n`,
    code: 1,
  }));
}

function identify(ctx: Ctx, pid: string | undefined): number {
  if (pid !== undefined && !/^\d+$/.test(pid))
    throw new ToolExit(1, `Specified string '${pid}' is not a pid\n`);
  const netns = pid === undefined ? ctx.place.netns : namesMachine(ctx)?.procs[pid]?.netns;
  if (!netns) throw new ToolExit(1, "Cannot open network namespace: No such file or directory\n");
  const names = namesHere(ctx).filter((n) => n.netns === netns);
  ctx.out.line(names[names.length - 1]?.name ?? "");
  return 0;
}

function pids(ctx: Ctx, name: string | undefined): number {
  if (name === undefined) throw new ToolExit(1, "No netns name specified\n");
  const netns = find(ctx, name)?.netns;
  const machine = namesMachine(ctx);
  if (!netns || !machine) throw new ToolExit(1, "Cannot open network namespace: No such file or directory\n");
  for (const p of Object.values(machine.procs).filter((p) => p.netns === netns)) ctx.out.line(String(p.pid));
  return 0;
}

/** `ip netns attach NAME PID`: the process's namespace gets a name, as a link would give it. */
function attach(ctx: Ctx, words: string[]): number {
  const [name, pid] = words;
  if (name === undefined || pid === undefined) throw new ToolExit(1, "No netns name and PID specified\n");
  if (!/^\d+$/.test(pid) || pid === "0") throw new ToolExit(1, `Invalid PID: ${pid}\n`);
  const machine = hostMachine(ctx);
  if (find(ctx, name))
    throw new ToolExit(1, `Cannot create namespace file "${NETNS_DIR}/${name}": File exists\n`);
  if (!machine.procs[pid])
    throw new ToolExit(
      1,
      `Bind /proc/${pid}/ns/net -> ${NETNS_DIR}/${name} failed: No such file or directory\n`,
    );
  if (!machine.fs.dirs.includes(NETNS_DIR)) machine.fs.dirs.push(NETNS_DIR);
  machine.fs.symlinks[`${NETNS_DIR}/${name}`] = `/proc/${pid}/ns/net`;
  return 0;
}

export function ipNetns(ctx: Ctx, words: string[]): number {
  const [sub, ...rest] = words;
  if (sub === undefined) return list(ctx);
  if (rest[0] !== undefined && invalidName(rest[0]))
    throw new ToolExit(255, `Invalid netns name "${rest[0]}"\n`);
  if (matches(sub, "list") || matches(sub, "show") || matches(sub, "lst")) return list(ctx);
  if (matches(sub, "help")) throw new ToolExit(255, NETNS_USAGE);
  if (matches(sub, "add")) return add(ctx, rest[0]);
  if (matches(sub, "delete")) return del(ctx, rest[0]);
  if (matches(sub, "identify")) return identify(ctx, rest[0]);
  if (matches(sub, "pids")) return pids(ctx, rest[0]);
  if (matches(sub, "exec")) return exec(ctx, rest);
  if (matches(sub, "attach")) return attach(ctx, rest);
  throw new ToolExit(255, `Command "${sub}" is unknown, try "ip netns help".\n`);
}
