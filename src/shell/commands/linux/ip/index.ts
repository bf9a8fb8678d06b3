/**
 * `ip`: iproute2 on hosts and in Debian images, busybox's applet in busybox and alpine containers.
 * Leading options, then the object chosen by prefix (`ip a`, `ip r`, `ip n`), each looking at the
 * namespace the place stands in (or `-n NAME`).
 */

import { ToolExit } from "../../../command";
import { netnsOf } from "../../../place";
import type { Command, Ctx, Handler } from "../../../types";
import { busyboxUsage } from "../../busybox";
import { findNamedNetns, namesMachine } from "../netns-names";
import { ipAddr } from "./addr";
import { Args, matches, styleOf } from "./args";
import { type Globals, IPROUTE2_USAGE, IPROUTE2_VERSION, parseGlobals } from "./globals";
import { ipLink } from "./link";
import { ipNeigh } from "./neigh";
import { ipNetns } from "./netns";
import { ipRoute } from "./route";
import type { View } from "./show";

type ObjectHandler = (ctx: Ctx, view: View, args: Args, g: Globals) => number;

/** The three rules every namespace starts with; the lab models no policy routing beyond them. */
function ipRule(ctx: Ctx, view: View, args: Args): number {
  const sub = args.done ? "list" : args.take();
  const listing = ["list", "show", "lst"].some((k) =>
    view.style === "busybox" ? k.startsWith(sub) : matches(sub, k),
  );
  if (!listing)
    throw new ToolExit(
      2,
      `${view.style === "busybox" ? "ip: " : ""}RTNETLINK answers: Operation not supported\n`,
    );
  const end = view.style === "busybox" ? " " : "";
  for (const [prio, table] of [
    [0, "local"],
    [32766, "main"],
    [32767, "default"],
  ])
    ctx.out.write(`${prio}:\tfrom all lookup ${table}${end}\n`);
  return 0;
}

/** iproute2's objects in its own lookup order: the first one the word is a prefix of wins. */
const OBJECTS: [string, ObjectHandler | undefined][] = [
  ["address", ipAddr],
  ["addrlabel", undefined],
  ["maddress", undefined],
  ["route", ipRoute],
  ["rule", ipRule],
  ["neighbor", (ctx, v, args, g) => ipNeigh(ctx, v, args, g.family)],
  ["neighbour", (ctx, v, args, g) => ipNeigh(ctx, v, args, g.family)],
  ["ntable", undefined],
  ["ntbl", undefined],
  ["link", ipLink],
  ["netns", (ctx, _v, args) => ipNetns(ctx, args.rest())],
];

const BUSYBOX_OBJECTS: [string, ObjectHandler | undefined][] = [
  ["address", ipAddr],
  ["route", ipRoute],
  ["r", ipRoute],
  ["link", ipLink],
  ["tunnel", undefined],
  ["tunl", undefined],
  ["rule", ipRule],
  ["neigh", (ctx, v, args, g) => ipNeigh(ctx, v, args, g.family)],
];

const ip: Handler = (ctx) => {
  const style = styleOf(ctx);
  const { g, rest } = parseGlobals(ctx.argv.slice(1), style);
  if (g.version) {
    ctx.out.write(IPROUTE2_VERSION);
    return 0;
  }
  const machine = namesMachine(ctx);
  let ns = netnsOf(ctx);
  if (g.netns !== undefined) {
    const id = machine ? findNamedNetns(ctx.world, machine, g.netns)?.netns : undefined;
    const target = id ? ctx.world.netns[id] : undefined;
    if (!target)
      throw new ToolExit(255, `Cannot open network namespace "${g.netns}": No such file or directory\n`);
    ns = target;
  }
  const view: View = { world: ctx.world, ns, machine, style };
  const [object, ...words] = rest;
  if (style === "busybox") {
    const found =
      object === undefined ? undefined : BUSYBOX_OBJECTS.find(([name]) => name.startsWith(object));
    if (!found?.[1]) throw busyboxUsage("ip");
    return found[1](ctx, view, new Args(words, style), g);
  }
  if (object === undefined || matches(object, "help")) throw new ToolExit(255, IPROUTE2_USAGE);
  const found = OBJECTS.find(([name]) => matches(object, name));
  if (!found?.[1]) throw new ToolExit(1, `Object "${object}" is unknown, try "ip help".\n`);
  return found[1](ctx, view, new Args(words, style), g);
};

/** busybox's `ipneigh [show|flush] …`: its `ip neigh`. */
const ipneigh: Handler = (ctx) => {
  const view: View = { world: ctx.world, ns: netnsOf(ctx), machine: namesMachine(ctx), style: "busybox" };
  return ipNeigh(ctx, view, new Args(ctx.argv.slice(1), "busybox"), "any");
};

export const commands: Command[] = [
  { name: "ipneigh", where: ["busybox"], addrconf: true, run: ipneigh },
  {
    name: "ip",
    where: ["host", "busybox"],
    addrconf: true,
    // Of ip's objects only netns completes (its subcommands, then a namespace, then a command).
    completion: {
      subcommands: {
        netns: {
          subcommands: {
            add: {},
            attach: { operands: ["netns"] },
            delete: { operands: ["netns"] },
            del: { operands: ["netns"] },
            exec: { operands: ["netns", "command"] },
            identify: {},
            list: {},
            "list-id": {},
            monitor: {},
            pids: { operands: ["netns"] },
            set: { operands: ["netns"] },
          },
          hidden: ["del"],
        },
      },
      hidden: ["netns"],
    },
    run: ip,
  },
];
