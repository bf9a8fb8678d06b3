/**
 * `getent hosts [NAME|ADDRESS...]` (glibc): the address and names the resolver finds, /etc/hosts
 * first then DNS; exit 2 when a key is not found. Other databases are not networking.
 */
import { advanceClock } from "../../../engine/world";
import type { Command, Ctx, Handler } from "../../types";
import { isIpv4 } from "./common";
import { hostsEntries, resolveHost, reverseName } from "./resolver";

function line(ip: string, names: string[]): string {
  return `${ip.padEnd(15)} ${names.join(" ")}`;
}

/**
 * A name is looked up for IPv6 first, then IPv4 (getent's gethostbyname2(AF_INET6) before AF_INET),
 * so `localhost` finds the `::1` line where /etc/hosts has one; an address finds its own line.
 */
function lookup(ctx: Ctx, key: string): string | undefined {
  const lower = key.toLowerCase();
  const entries = hostsEntries(ctx, true);
  const named = entries.filter((e) => e.names.some((n) => n.toLowerCase() === lower));
  const entry =
    key.includes(":") || isIpv4(key)
      ? entries.find((e) => e.ip === key)
      : (named.find((e) => e.ip.includes(":")) ?? named[0]);
  if (entry) return line(entry.ip, entry.names);
  if (key.includes(":")) return undefined;
  if (isIpv4(key)) {
    const r = reverseName(ctx, key, ctx.world.clock);
    advanceClock(ctx.world, r.end);
    return r.name ? line(key, [r.name]) : undefined;
  }
  const found = resolveHost(ctx, key, ctx.world.clock);
  advanceClock(ctx.world, found.end);
  return found.res.kind === "found" ? line(found.res.ips[0] ?? key, [found.res.name]) : undefined;
}

/** A command line getent refuses: the complaint and where to read more, exit 1. */
function usageError(ctx: Ctx, message: string): number {
  ctx.out.error(message);
  ctx.out.error("Try `getent --help' or `getent --usage' for more information.");
  return 1;
}

const getent: Handler = (ctx) => {
  const [database, ...keys] = ctx.argv.slice(1);
  if (database === undefined) return usageError(ctx, "getent: wrong number of arguments");
  if (database !== "hosts") return usageError(ctx, `Unknown database: ${database}`);
  if (keys.length === 0) {
    for (const e of hostsEntries(ctx, true)) ctx.out.line(line(e.ip, e.names));
    return 0;
  }
  let exit = 0;
  for (const key of keys) {
    const found = lookup(ctx, key);
    if (found === undefined) exit = 2;
    else ctx.out.line(found);
  }
  return exit;
};

export const commands: Command[] = [{ name: "getent", where: ["host", "debian"], run: getent }];
