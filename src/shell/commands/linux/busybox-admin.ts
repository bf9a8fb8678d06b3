/**
 * busybox's `brctl` and `nsenter` in a container (recorded in tests/ground-truth/42-ipv6-tools):
 * Debian's build has brctl's four bridge commands only (no show), and a container without
 * --privileged may change no bridge and enter no namespace. nsenter without a namespace to enter
 * just runs its program.
 */
import { ToolExit } from "../../command";
import type { Ctx, Handler } from "../../types";
import { busyboxBadOption, busyboxUsage } from "../busybox";
import { Getopt, type LongOption } from "../getopt";
import { unsimulated } from "../unsimulated";
import { canAdminister } from "./common";
import { execIn } from "./exec-in";

const BRCTL_COMMANDS = ["addbr", "delbr", "addif", "delif"];

/** busybox brctl; with privilege, `host` (bridge-utils' way of doing the same change). */
export function busyboxBrctl(ctx: Ctx, host: Handler): number {
  const [command, bridge] = ctx.argv.slice(1);
  if (command === undefined) throw busyboxUsage("brctl");
  if (!BRCTL_COMMANDS.includes(command))
    throw new ToolExit(1, `brctl: invalid argument '${command}' to 'brctl'\n`);
  if (bridge === undefined) throw busyboxUsage("brctl");
  if (!canAdminister(ctx)) throw new ToolExit(1, `brctl: bridge ${bridge}: Operation not permitted\n`);
  return host(ctx);
}

/** setns()'s namespaces in the order busybox enters them, by option letter. */
const NAMESPACES: [string, string, string][] = [
  ["U", "user", "user"],
  ["i", "ipc", "ipc"],
  ["u", "uts", "uts"],
  ["n", "net", "net"],
  ["p", "pid", "pid"],
  ["m", "mount", "mnt"],
];
const LONG: LongOption[] = [
  ...NAMESPACES.map(([key, name]): LongOption => ({ name, key, value: "optional" })),
  { name: "target", key: "t", value: "required" },
  { name: "setuid", key: "S", value: "required" },
  { name: "setgid", key: "G", value: "required" },
  { name: "root", key: "r", value: "optional" },
  { name: "wd", key: "w", value: "optional" },
  { name: "no-fork", key: "F" },
  { name: "preserve-credentials", key: "P" },
];

/** busybox nsenter in an unprivileged container: refused at the first namespace it would enter. */
export function busyboxNsenter(ctx: Ctx): number {
  const parsed = new Getopt(
    ctx.argv.slice(1),
    "+t:S:G:U::i::u::n::p::m::r::w::F",
    busyboxBadOption("nsenter"),
    LONG,
  );
  const asked = new Set<string>();
  for (const { key } of parsed) asked.add(key);
  const first = NAMESPACES.find(([key]) => asked.has(key));
  if (first && !canAdminister(ctx))
    throw new ToolExit(
      1,
      `nsenter: setns(): can't reassociate to namespace '${first[2]}': Operation not permitted\n`,
    );
  // A privileged container entering another namespace (the host's, through /proc) is not modelled.
  if (first) return unsimulated(ctx);
  // Without a program it runs the shell, which reads the (here empty) input and ends.
  if (parsed.operands.length === 0) return 0;
  return execIn(ctx, parsed.operands, ctx.frame, (name) => ({
    message: `nsenter: can't execute '${name}': No such file or directory\n`,
    code: 127,
  }));
}
