/**
 * `lab host add` and `lab host rm NAME`: the lab's own command for Docker hosts on the LAN (the
 * toolbar's Hosts menu types it too). No real host has it, so it speaks the tab's language, as
 * `help` does; the tabs follow the hosts once the line has run (shell/session.ts followHosts).
 */
import {
  addDockerHost,
  HostError,
  type HostRefusal,
  lanAddress,
  removalBlocker,
  removeDockerHost,
} from "../../engine/hosts";
import { i18n } from "../../i18n";
import type { en } from "../../i18n/en";
import { type Language, matchLanguage } from "../../i18n/languages";
import type { Command, Ctx, Handler } from "../types";

/** The language of the tab's login shell (its `LANG`, set from the page's), also inside a container. */
export function tabLanguage(ctx: Ctx): Language {
  const env = ctx.session.frames[0]?.env ?? ctx.frame.env;
  return matchLanguage(env.LC_ALL || env.LC_MESSAGES || env.LANG) ?? "en";
}

type Say = (key: keyof typeof en.labHost, values?: Record<string, string | number | undefined>) => string;

function refusalText(say: Say, r: HostRefusal): string {
  switch (r.kind) {
    case "full":
      return say("full", { max: r.max });
    case "no-lan":
      return say("noLan");
    case "lan-full":
      return say("lanFull");
    case "containers":
      return say("containers", { name: r.name, containers: r.containers.join(", ") });
    default:
      return say(r.kind, { name: r.name });
  }
}

const lab: Handler = (ctx) => {
  const t = i18n.getFixedT(tabLanguage(ctx));
  const say: Say = (key, values = {}) => t(`labHost.${key}`, values);
  const [, noun, verb, name, ...extra] = ctx.argv;
  const refuse = (text: string) => {
    ctx.out.error(text);
    return 1;
  };
  try {
    if (noun === "host" && verb === "add" && name === undefined) {
      const host = addDockerHost(ctx.world);
      ctx.out.line(say("added", { name: host.name, address: lanAddress(ctx.world, host) }));
      ctx.touch(host.name);
      return 0;
    }
    if (noun === "host" && verb === "rm" && name !== undefined && extra.length === 0) {
      const blocker = removalBlocker(ctx.world, name);
      if (blocker) return refuse(refusalText(say, blocker));
      if (ctx.session.frames[0]?.machine === name) return refuse(say("here", { name }));
      removeDockerHost(ctx.world, name);
      ctx.out.line(say("removed", { name }));
      return 0;
    }
  } catch (error) {
    if (error instanceof HostError) return refuse(refusalText(say, error.refusal));
    throw error;
  }
  const wanted = noun === undefined || noun === "--help" || noun === "-h";
  (wanted ? ctx.out.write.bind(ctx.out) : ctx.out.writeErr.bind(ctx.out))(say("usage"));
  return wanted ? 0 : 2;
};

export const commands: Command[] = [
  {
    name: "lab",
    where: "docker-host",
    completion: { subcommands: { host: { subcommands: { add: {}, rm: {} }, strict: true } }, strict: true },
    run: lab,
  },
];
