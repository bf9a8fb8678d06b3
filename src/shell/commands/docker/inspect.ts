/**
 * `docker inspect`, `docker container inspect`, `docker network inspect` and `docker image inspect`:
 * the daemon's JSON indented by 4 (an array, `[]` when nothing was found), or a Go template per
 * object run on the client's types, falling back to the raw JSON with missingkey=error as
 * docker/cli's TemplateInspector does. Errors come after the output, one per line.
 */

import { fullRef } from "../../../engine/docker/containers";
import type { DockerEra } from "../../../engine/docker/era";
import { NotFound } from "../../../engine/docker/errors";
import { noSuchImage } from "../../../engine/docker/image-delete";
import { imageSpec, parseRef } from "../../../engine/docker/images";
import { findContainer, findNetwork } from "../../../engine/docker/lookup";
import type { LocalImage } from "../../../engine/docker/types";
import { visibleNetworks } from "../../../engine/swarm/networks";
import { toJson } from "../../format/go/json";
import { Template } from "../../format/go/template";
import { TemplateError } from "../../format/go/template-parse";
import { timeFromRfc3339 } from "../../format/go/time";
import {
  fromJson,
  type GoValue,
  goInt,
  goStr,
  goStringMap,
  goStrings,
  goStruct,
} from "../../format/go/value";
import { CliError, type DockerCommand, type DockerCtx, eraOf, responseError } from "./cli";
import { bool, flag, str } from "./flags";
import { goTemplates, OBJECT_FORMAT_HELP, templateStep } from "./format";
import { lookupNode, prettyNodes } from "./node";
import { rfc3339Nano, sizeBytes } from "./units";
import { containerInspect, type Flavor, networkInspect } from "./views";

/** An object found for a reference: its value as the client types it and as the daemon sent it. */
type Found = { view: (flavor: Flavor) => GoValue };
type Lookup = (ref: string) => Found | string;

function imageInspect(image: LocalImage): GoValue {
  const { repo, tag } = parseRef(image.ref);
  const spec = imageSpec(image.of ?? image.ref);
  const created = rfc3339Nano(image.created - spec.ageDays * 86400000, image.id);
  return goStruct("image.InspectResponse", [
    ["ID", goStr(`sha256:${image.id}`), { json: "Id" }],
    ["RepoTags", goStrings([`${repo}:${tag}`])],
    ["RepoDigests", goStrings([])],
    ["Parent", goStr("")],
    ["Comment", goStr("")],
    ["Created", goStr(created)],
    ["DockerVersion", goStr("")],
    ["Author", goStr("")],
    [
      "Config",
      goStruct("container.Config", [
        ["Env", goStrings(spec.env.length ? spec.env : null)],
        ["Cmd", goStrings(spec.cmd)],
        ["WorkingDir", goStr(spec.workdir === "/" ? "" : spec.workdir)],
        ["Entrypoint", goStrings(spec.entrypoint)],
        // Client 28's image config has Labels (omitted from the JSON when empty, as the daemon does).
        ["Labels", goStringMap(null), { omitempty: true }],
      ]),
    ],
    ["Architecture", goStr("amd64")],
    ["Os", goStr("linux")],
    ["Size", goInt(sizeBytes(spec.size))],
    [
      "GraphDriver",
      goStruct("storage.DriverData", [
        ["Data", goStringMap(null)],
        ["Name", goStr("overlay2")],
      ]),
    ],
    ["RootFS", goStruct("image.RootFS", [["Type", goStr("layers")]])],
    ["Metadata", goStruct("image.Metadata", [["LastTagTime", timeFromRfc3339("0001-01-01T00:00:00Z")]])],
  ]);
}

function lookups(ctx: DockerCtx, sized = false): Record<string, Lookup> {
  const host = ctx.host;
  return {
    container: (ref) => {
      const c = findContainer(host.daemon, ref);
      return c ? { view: (f) => containerInspect(host, c, f, sized) } : `No such container: ${ref}`;
    },
    image: (ref) => {
      const image = host.daemon.images.find(
        (i) => i.ref === fullRef(ref) || i.id.startsWith(ref.replace(/^sha256:/, "")),
      );
      return image ? { view: () => imageInspect(image) } : noSuchImage(ref).message;
    },
    network: (ref) => {
      const n = findNetwork({ ...host.daemon, networks: visibleNetworks(host) }, ref);
      return n ? { view: (f) => networkInspect(host, n, f) } : `network ${ref} not found`;
    },
    node: (ref) => lookupNode(ctx, ref),
  };
}

/**
 * How a command inspects: `docker inspect` and the container, network and image commands keep the
 * raw JSON to fall back on; `node inspect` and `service inspect` do not, and end with status 1 for a
 * template that does not parse (their own formatter wraps inspect's 64).
 */
export interface InspectMode {
  raw: boolean;
  parseStatus: number;
}

const WITH_RAW: InspectMode = { raw: true, parseStatus: 64 };
export const TYPED_ONLY: InspectMode = { raw: false, parseStatus: 1 };

/** Runs a template on the client's typed value, or on the raw JSON with missingkey=error if that fails. */
function renderOne(format: string, found: Found, mode: InspectMode, era: DockerEra): string {
  try {
    return new Template(format, goTemplates(era)).execute(found.view("client"));
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    if (!mode.raw) throw new CliError(`template parsing error: ${error.message}`);
  }
  const raw = fromJson(JSON.parse(toJson(found.view("daemon"))));
  return templateStep(() => new Template(format, goTemplates(era, { missingKeyError: true })).execute(raw));
}

/** inspect.Inspect: every reference, then the output, then the errors. */
export function inspectAll(
  ctx: DockerCtx,
  refs: string[],
  format: string,
  find: (ref: string) => Found | string,
  mode = WITH_RAW,
): number {
  const era = ctx.host.daemon.era;
  // `json` came with client 23; to 20.10 it was a template of plain text.
  const template = format !== "" && (format !== "json" || era === 20);
  if (template) templateStep(() => new Template(format, goTemplates(era)), mode.parseStatus);
  const errors: string[] = [];
  const values: Found[] = [];
  let text = "";
  for (const ref of refs) {
    const found = find(ref);
    if (typeof found === "string") {
      errors.push(found);
      continue;
    }
    if (template) {
      try {
        text += `${renderOne(format, found, mode, era)}\n`;
      } catch (error) {
        if (error instanceof CliError) errors.push(error.message);
        else throw error;
      }
    } else values.push(found);
  }
  if (template) ctx.out.write(text === "" ? "\n" : text);
  else {
    // The daemon's JSON where the client kept it (indented, or compacted for `json`); node and
    // service inspect marshal their typed values instead.
    const flavor: Flavor = mode.raw ? "daemon" : "client";
    const array: GoValue = { k: "slice", type: "[]interface {}", items: values.map((v) => v.view(flavor)) };
    ctx.out.line(toJson(array, format === "json" ? {} : { indent: "    " }));
  }
  if (errors.length === 0) return 0;
  ctx.out.error(errors.join("\n"));
  return 1;
}

const TYPES = [
  "config",
  "container",
  "image",
  "network",
  "node",
  "plugin",
  "secret",
  "service",
  "task",
  "volume",
];

const inspect: DockerCommand = {
  top: "inspect",
  use: "[OPTIONS] NAME|ID [NAME|ID...]",
  summary: "Return low-level information on Docker objects",
  flags: [
    flag("format", OBJECT_FORMAT_HELP, { short: "f", value: "string" }),
    flag("size", "Display total file sizes if the type is container", { short: "s" }),
    flag("type", "Only inspect objects of the given type", { value: "string" }),
  ],
  args: { min: 1 },
  run(ctx, { flags, args }) {
    const type = str(flags, "type") ?? "";
    if (type && !TYPES.includes(type))
      throw new CliError(
        eraOf(ctx) === 20
          ? `"${type}" is not a valid value for --type`
          : `unknown type: "${type}": must be one of ${TYPES.map((t) => `"${t}"`).join(", ")}`,
      );
    const all = lookups(ctx, bool(flags, "size"));
    const order = type ? [type] : ["container", "image", "network"];
    return inspectAll(ctx, args, str(flags, "format") ?? "", (ref) => {
      for (const t of order) {
        const lookup = all[t];
        const found = lookup?.(ref);
        if (found && typeof found !== "string") return found;
      }
      const missing = all[type]?.(ref);
      if (type === "container" || type === "network" || type === "image")
        return responseError(ctx, new NotFound(missing as string), { object: type, name: ref });
      if (missing) return `Error response from daemon: ${missing as string}`;
      return `Error: No such ${type || "object"}: ${ref}`;
    });
  },
};

function typed(
  kind: "container" | "network" | "image" | "node",
  summary: string,
  object: string,
): DockerCommand {
  const flags = [flag("format", OBJECT_FORMAT_HELP, { short: "f", value: "string" })];
  if (kind === "container") flags.push(flag("size", "Display total file sizes", { short: "s" }));
  if (kind === "network") flags.push(flag("verbose", "Verbose output for diagnostics", { short: "v" }));
  if (kind === "node") flags.push(flag("pretty", "Print the information in a human friendly format"));
  if (kind === "image")
    flags.push(
      flag("platform", "Inspect a specific platform of the multi-platform image.", { value: "string" }),
    );
  return {
    group: [kind, "inspect"],
    use: `[OPTIONS] ${object} [${object}...]`,
    summary,
    flags,
    args: { min: 1 },
    run(ctx, { flags: values, args }) {
      if (kind === "node" && values.pretty === true) return prettyNodes(ctx, args);
      const lookup = lookups(ctx, values.size === true)[kind];
      const find = (ref: string) => {
        const found = lookup?.(ref) ?? "";
        if (typeof found !== "string") return found;
        // Every lookup here fails only as a 404, which client 20.10 words itself (cli.ts, responseError).
        return kind === "node"
          ? `Error response from daemon: ${found}`
          : responseError(ctx, new NotFound(found), { object: kind, name: ref });
      };
      return inspectAll(
        ctx,
        args,
        str(values, "format") ?? "",
        find,
        kind === "node" ? TYPED_ONLY : WITH_RAW,
      );
    },
  };
}

export const subcommands: DockerCommand[] = [
  inspect,
  typed("container", "Display detailed information on one or more containers", "CONTAINER"),
  typed("network", "Display detailed information on one or more networks", "NETWORK"),
  typed("image", "Display detailed information on one or more images", "IMAGE"),
  {
    ...typed("node", "Display detailed information on one or more nodes", "NODE"),
    use: "[OPTIONS] self|NODE [NODE...]",
  },
];
