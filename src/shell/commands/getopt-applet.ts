/**
 * busybox's getopt applet (util-linux's, for shell scripts): parses PARAMS by OPTSTRING (-o) and the
 * long options (-l) as glibc's getopt_long does, and prints them back in order, each option's
 * argument after it, `--`, then the operands: quoted for `eval set --` unless -u or the old form
 * (OPTSTRING as the first word). A bad option is reported and skipped; the status is then 1.
 */
import { ToolExit } from "../command";
import type { Command, Handler } from "../types";
import { busyboxBadOption } from "./busybox";
import { getopt as parseOwnOptions } from "./getopt";

interface Spec {
  short: Map<string, "none" | "required" | "optional">;
  long: Map<string, "none" | "required" | "optional">;
  inOrder: boolean;
}

function spec(shorts: string, longs: string[]): Spec {
  const inOrder = shorts.startsWith("+");
  const body = shorts.replace(/^[+-]/, "");
  const short = new Map<string, "none" | "required" | "optional">();
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? "";
    if (c === ":") continue;
    short.set(c, body[i + 1] !== ":" ? "none" : body[i + 2] === ":" ? "optional" : "required");
  }
  const long = new Map<string, "none" | "required" | "optional">();
  for (const l of longs.flatMap((x) => x.split(",")).filter(Boolean)) {
    const name = l.replace(/:+$/, "");
    long.set(name, l.endsWith("::") ? "optional" : l.endsWith(":") ? "required" : "none");
  }
  return { short, long, inOrder };
}

const getoptApplet: Handler = (ctx) => {
  const { flags, values, operands } = parseOwnOptions(
    ctx.argv.slice(1),
    "+al:n:o:qQs:Tu",
    busyboxBadOption("getopt"),
  );
  if (flags.has("T")) return 4;
  const longs: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length && args[i] !== "--"; i++)
    if (args[i] === "-l") longs.push(args[i + 1] ?? "");
  let params = operands;
  let shorts = values.get("o");
  const old = shorts === undefined;
  if (shorts === undefined) {
    if (params.length === 0) throw new ToolExit(1, "getopt: missing optstring argument\n");
    shorts = params[0] ?? "";
    params = params.slice(1);
  }
  const name = values.get("n") ?? "getopt";
  const s = spec(shorts, longs);
  const quote = (v: string) => (old || flags.has("u") ? v : `'${v.replace(/'/g, "'\\''")}'`);
  let out = "";
  let errors = "";
  const rest: string[] = [];
  for (let i = 0; i < params.length; i++) {
    const p = params[i] ?? "";
    if (p === "--") {
      rest.push(...params.slice(i + 1));
      break;
    }
    if (!p.startsWith("-") || p === "-") {
      if (s.inOrder) {
        rest.push(...params.slice(i));
        break;
      }
      rest.push(p);
      continue;
    }
    if (p.startsWith("--") || (flags.has("a") && !s.short.has(p[1] ?? ""))) {
      const body = p.replace(/^--?/, "");
      const eq = body.indexOf("=");
      const key = eq < 0 ? body : body.slice(0, eq);
      const kind = s.long.get(key);
      if (kind === undefined) {
        errors += `${name}: unrecognized option '${p}'\n`;
        continue;
      }
      let value = eq < 0 ? undefined : body.slice(eq + 1);
      if (kind === "required" && value === undefined) value = params[++i];
      if (kind === "required" && value === undefined) {
        errors += `${name}: option '--${key}' requires an argument\n`;
        continue;
      }
      out += ` --${key}${kind === "none" ? "" : ` ${quote(value ?? "")}`}`;
      continue;
    }
    for (let j = 1; j < p.length; j++) {
      const c = p[j] ?? "";
      const kind = s.short.get(c);
      if (kind === undefined) {
        errors += `${name}: invalid option -- '${c}'\n`;
        continue;
      }
      if (kind === "none") {
        out += ` -${c}`;
        continue;
      }
      let value: string | undefined = p.slice(j + 1);
      if (value === "" && kind === "required") value = params[++i];
      if (value === undefined) errors += `${name}: option requires an argument -- '${c}'\n`;
      else out += ` -${c} ${quote(value)}`;
      break;
    }
  }
  out += ` --${rest.map((r) => ` ${quote(r)}`).join("")}\n`;
  const failed = errors !== "";
  if (flags.has("q")) errors = "";
  if (flags.has("Q")) out = "";
  // glibc's complaints come as it parses, the result once it is done.
  ctx.out.writeErr(errors);
  ctx.out.write(out);
  return failed ? 1 : 0;
};

export const commands: Command[] = [{ name: "getopt", where: ["busybox"], run: getoptApplet }];
