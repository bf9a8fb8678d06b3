/**
 * `docker ps` / `docker container ls`: the daemon's list (newest first, filters, -a, -n, -l) and the
 * client's formatter (CONTAINER ID, COMMAND ellipsized and quoted, CREATED and STATUS as go-units
 * durations, PORTS as DisplayablePorts groups them, NAMES with link names when not truncated).
 */
import { fullRef } from "../../../engine/docker/containers";
import type { DockerEra } from "../../../engine/docker/era";
import { NotFound } from "../../../engine/docker/errors";
import type { Host } from "../../../engine/docker/host";
import { containerSpec } from "../../../engine/docker/images";
import { findContainer, isRunning, isTaskContainer, writtenBytes } from "../../../engine/docker/lookup";
import type { Container } from "../../../engine/docker/types";
import { Template } from "../../format/go/template";
import {
  type GoValue,
  goInt,
  goMap,
  goPtr,
  goSlice,
  goStr,
  goStringMap,
  goStrings,
  goStruct,
} from "../../format/go/value";
import { CliError, type DockerCommand } from "./cli";
import { bool, flag, list, str } from "./flags";
import {
  context,
  contextStruct,
  FORMAT_HELP,
  filterMatch,
  formatRows,
  goTemplates,
  labelMatch,
  labelMethods,
  parseFilters,
  templateStep,
} from "./format";
import { goTimeString, humanDuration, humanSize, rfc3339Nano, sizeBytes } from "./units";
import { livePorts } from "./views";

/** State.String(): "Up 3 seconds", "Exited (137) 2 minutes ago", "Created", "Up … (Paused)". */
export function statusText(c: Container, now: number): string {
  const s = c.state;
  if (isRunning(c)) {
    const up = `Up ${humanDuration(now - s.startedAt)}`;
    return s.status === "paused" ? `${up} (Paused)` : up;
  }
  if (s.status === "restarting") return `Restarting (${s.exitCode}) ${humanDuration(now - s.finishedAt)} ago`;
  if (s.startedAt === 0) return "Created";
  return `Exited (${s.exitCode}) ${humanDuration(now - s.finishedAt)} ago`;
}

/** The daemon's Summary.Command: the path and the arguments, those with a space in single quotes. */
export function commandText(c: Container): string {
  if (c.args.length === 0) return c.path;
  return `${c.path} ${c.args.map((a) => (a.includes(" ") ? `'${a}'` : a)).join(" ")}`;
}

/** formatter.Ellipsis for ASCII text: at most `width` characters, the last one "…". */
function ellipsis(s: string, width: number): string {
  const chars = [...s];
  return chars.length <= width ? s : `${chars.slice(0, width - 1).join("")}…`;
}

interface Port {
  ip: string;
  privatePort: number;
  publicPort: number;
  type: string;
}

function summaryPorts(host: Host, c: Container): Port[] {
  const out: Port[] = [];
  for (const [port, bindings] of Object.entries(livePorts(host, c))) {
    const [num = "0", type = "tcp"] = port.split("/");
    if (!bindings || bindings.length === 0)
      out.push({ ip: "", privatePort: Number(num), publicPort: 0, type });
    else
      for (const b of bindings)
        out.push({ ip: b.hostIp, privatePort: Number(num), publicPort: Number(b.hostPort), type });
  }
  return out;
}

/** net.JoinHostPort of client 28; client 20.10 joined with a bare colon (":::8081"). */
export function joinHostPort(ip: string, port: string, era: DockerEra): string {
  return ip.includes(":") && era === 26 ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** formatter.DisplayablePorts: "0.0.0.0:8081->80/tcp, [::]:8081->80/tcp", ranges grouped. */
export function displayablePorts(ports: Port[], era: DockerEra): string {
  const sorted = [...ports].sort(
    (a, b) =>
      a.privatePort - b.privatePort ||
      (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0) ||
      a.publicPort - b.publicPort ||
      (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
  );
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [];
  const hostMappings: string[] = [];
  const form = (key: string, first: number, last: number) => {
    const [a = "", b] = key.split("/");
    const [ip, type] = b === undefined ? ["", a] : [a, b];
    let group = String(first);
    if (first !== last) group += `-${last}`;
    if (ip) group = `${joinHostPort(ip, group, era)}->${group}`;
    return `${group}/${type}`;
  };
  for (const p of sorted) {
    let key = p.type;
    if (p.ip) {
      if (p.publicPort !== p.privatePort) {
        hostMappings.push(`${joinHostPort(p.ip, String(p.publicPort), era)}->${p.privatePort}/${p.type}`);
        continue;
      }
      key = `${p.ip}/${p.type}`;
    }
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { first: p.privatePort, last: p.privatePort });
      continue;
    }
    if (p.privatePort === g.last + 1) {
      g.last = p.privatePort;
      continue;
    }
    result.push(form(key, g.first, g.last));
    groups.set(key, { first: p.privatePort, last: p.privatePort });
  }
  for (const [key, g] of groups) result.push(form(key, g.first, g.last));
  return [...result, ...hostMappings].join(", ");
}

/** The image as ps names it: the name it was made from while that still names its image, else the ID. */
function imageShown(host: Host, c: Container): string {
  const named = host.daemon.images.some((i) => i.ref === fullRef(c.image) && i.id === c.imageId);
  return named || c.image.startsWith("sha256:") ? c.image : c.imageId.slice(0, 12);
}

/** Names of a container: its own, then the link names other containers gave it ("busy2/busy1"). */
function names(host: Host, c: Container): string[] {
  const linked = host.daemon.containers.flatMap((o) =>
    o.hostConfig.links.filter((l) => l.container === c.id).map((l) => `${o.name}/${l.alias}`),
  );
  return [c.name, ...linked];
}

function row(host: Host, c: Container, trunc: boolean, now: number, size: boolean) {
  const created = rfc3339Nano(c.created, c.id);
  const allNames = names(host, c);
  const networks = c.endpoints.map((e) => e.network).sort();
  const spec = containerSpec(c);
  const fields = {
    ID: trunc ? c.id.slice(0, 12) : c.id,
    Image: imageShown(host, c),
    Command: JSON.stringify(trunc ? ellipsis(commandText(c), 20) : commandText(c)),
    CreatedAt: goTimeString(`${created.slice(0, 19)}Z`),
    RunningFor: `${humanDuration(now - c.created)} ago`,
    Ports: displayablePorts(summaryPorts(host, c), host.daemon.era),
    State: c.state.status,
    Status: statusText(c, now),
    // The daemon computes sizes only when asked (-s, or a format that uses .Size).
    Size: size
      ? `${humanSize(writtenBytes(c))} (virtual ${humanSize(sizeBytes(spec.size) + writtenBytes(c))})`
      : "0B",
    Names: trunc ? c.name : allNames.join(","),
    Labels: Object.entries(c.config.labels)
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join(","),
    Mounts: "",
    LocalVolumes: "0",
    Networks: networks.join(","),
  };
  return containerContext(
    fields,
    c.config.labels,
    host.daemon.era,
    summary(host, c, allNames, { trunc, size, now }),
  );
}

/** The API's container.Summary (client 28), as {{.}} prints the context's unexported `c`. */
function summary(
  host: Host,
  c: Container,
  allNames: string[],
  opts: { trunc: boolean; size: boolean; now: number },
): GoValue {
  const { trunc, size, now } = opts;
  const era = host.daemon.era;
  return contextStruct(
    "formatter.ContainerContext",
    trunc,
    [
      "c",
      goStruct(
        "container.Summary",
        [
          ["ID", goStr(c.id)],
          ["Names", goStrings(allNames.map((n) => `/${n}`))],
          ["Image", goStr(imageShown(host, c))],
          ["ImageID", goStr(`sha256:${c.imageId}`)],
          ["ImageManifestDescriptor", goPtr("*v1.Descriptor", null)],
          ["Command", goStr(commandText(c))],
          ["Created", goInt(Math.floor(c.created / 1000), "int64")],
          [
            "Ports",
            goSlice(
              "[]container.Port",
              summaryPorts(host, c).map((p) =>
                goStruct("container.Port", [
                  ["IP", goStr(p.ip)],
                  ["PrivatePort", goInt(p.privatePort, "uint16")],
                  ["PublicPort", goInt(p.publicPort, "uint16")],
                  ["Type", goStr(p.type)],
                ]),
              ),
            ),
          ],
          ["SizeRw", goInt(size ? writtenBytes(c) : 0, "int64")],
          ["SizeRootFs", goInt(size ? sizeBytes(containerSpec(c).size) + writtenBytes(c) : 0, "int64")],
          ["Labels", goStringMap(c.config.labels)],
          ["State", goStr(c.state.status)],
          ["Status", goStr(statusText(c, now))],
          [
            "HostConfig",
            goStruct("struct { NetworkMode string; Annotations map[string]string }", [
              ["NetworkMode", goStr(c.hostConfig.networkMode)],
              ...(era === 26 ? [["Annotations", goStringMap(null)] as [string, GoValue]] : []),
            ]),
          ],
          // A pointer inside the struct prints as its address.
          [
            "NetworkSettings",
            goPtr("*container.NetworkSettingsSummary", goStruct("NetworkSettingsSummary", [])),
          ],
          ["Mounts", goSlice("[]container.MountPoint", [])],
        ].filter(([name]) => era === 26 || name !== "ImageManifestDescriptor") as [string, GoValue][],
      ),
    ],
    [{ name: "FieldsUsed", v: goMap("map[string]interface {}", null) }],
  );
}

/**
 * A ContainerContext: the methods, `.Label`, the exported FieldsUsed and the fields a template may
 * not read. API 1.45 sends no image manifest descriptor, so Platform is a nil pointer (client 20.10
 * had no such method).
 */
function containerContext(
  fields: Record<string, string>,
  labels: Record<string, string>,
  era: DockerEra,
  printed?: GoValue,
) {
  const ctx = context("*formatter.ContainerContext", fields, labelMethods(labels), printed);
  if (ctx.k === "object") {
    if (era === 26) ctx.fields.Platform = goPtr("*formatter.Platform", null);
    ctx.exported = { ...ctx.exported, FieldsUsed: goMap("map[string]interface {}", null) };
  }
  return ctx;
}

/**
 * buildContainerListOptions: the client runs a --format once on an empty context, which refuses a
 * template that fails there too and tells whether it reads .Size (then the daemon is asked for
 * sizes). Client 20.10 did this only without -s.
 */
function preFormat(format: string, era: DockerEra): boolean {
  let used = false;
  const empty: Record<string, string> = {
    ID: "",
    Image: "<no image>",
    Command: '""',
    CreatedAt: "1970-01-01 00:00:00 +0000 UTC",
    RunningFor: "56 years ago",
    Ports: "",
    State: "",
    Status: "",
    Names: "",
    Labels: "",
    Mounts: "",
    LocalVolumes: "0",
    Networks: "",
  };
  // (printed as a struct of its own, so that {{.}} does not read .Size)
  const ctx = containerContext(empty, {}, era, goStruct("formatter.ContainerContext", []));
  if (ctx.k === "object")
    Object.defineProperty(ctx.fields, "Size", {
      enumerable: true,
      get: () => {
        used = true;
        return goStr("0B");
      },
    });
  const tmpl = templateStep(() => new Template(format, goTemplates(era)), 1, "failed to parse template");
  templateStep(() => tmpl.execute(ctx), 1, "failed to execute template");
  return used;
}

const HEADERS = {
  ID: "CONTAINER ID",
  Names: "NAMES",
  Image: "IMAGE",
  Command: "COMMAND",
  CreatedAt: "CREATED AT",
  RunningFor: "CREATED",
  Ports: "PORTS",
  State: "STATE",
  Status: "STATUS",
  Size: "SIZE",
  Labels: "LABELS",
  Mounts: "MOUNTS",
  LocalVolumes: "LOCAL VOLUMES",
  Networks: "NETWORKS",
  Platform: "PLATFORM",
};

const DEFAULT_TABLE =
  "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

const STATES = ["created", "restarting", "running", "removing", "paused", "exited", "dead"];

const FILTERS = [
  "ancestor",
  "before",
  "expose",
  "exited",
  "health",
  "id",
  "is-task",
  "label",
  "name",
  "network",
  "publish",
  "since",
  "status",
  "volume",
];

function matches(host: Host, c: Container, f: Record<string, string[]>): boolean {
  const has = (key: string) => (f[key]?.length ?? 0) > 0;
  if (!filterMatch(f.name ?? [], `/${c.name}`) && !filterMatch(f.name ?? [], c.name)) return false;
  if (has("id") && !(f.id ?? []).some((v) => c.id.startsWith(v) || filterMatch([v], c.id))) return false;
  if (!labelMatch(f.label ?? [], c.config.labels)) return false;
  // The lab runs no health checks: every container's health is "none".
  if (has("health") && !(f.health ?? []).includes("none")) return false;
  if (has("is-task") && (f["is-task"] ?? []).includes("true") !== isTaskContainer(c)) return false;
  if (has("status") && !(f.status ?? []).includes(c.state.status)) return false;
  if (has("exited") && !isExitedWith(c, f.exited ?? [])) return false;
  if (
    has("ancestor") &&
    !(f.ancestor ?? []).some((a) => a === c.image || `${a}:latest` === c.image || a === `${c.image}:latest`)
  )
    return false;
  if (has("network")) {
    const ok = (f.network ?? []).some((v) =>
      c.endpoints.some((e) => e.network === v || e.networkId?.startsWith(v)),
    );
    if (!ok) return false;
  }
  if (has("publish") || has("expose")) {
    const publish = portSet("publish", f.publish ?? []);
    const expose = portSet("expose", f.expose ?? []);
    const ok = summaryPorts(host, c).some(
      (p) => publish.has(`${p.publicPort}/${p.type}`) || expose.has(`${p.privatePort}/${p.type}`),
    );
    if (!ok) return false;
  }
  return true;
}

/** The daemon's portOp: each `port[-port][/proto]` value as the set of "port/proto" it names. */
function portSet(key: string, values: string[]): Set<string> {
  const set = new Set<string>();
  for (const value of values) {
    if (value.includes(":"))
      throw new CliError(`Error response from daemon: filter for '${key}' should not contain ':': ${value}`);
    const [port = "", proto = "tcp"] = value.split("/", 2);
    const [a = "", b = a] = port.split("-");
    const bad = [a, b].find((x) => !/^\d+$/.test(x) || Number(x) > 65535);
    if (bad !== undefined) {
      const why = /^\d+$/.test(bad) ? "value out of range" : "invalid syntax";
      throw new CliError(
        `Error response from daemon: error while looking up for ${key} ${value}: strconv.ParseUint: parsing "${bad}": ${why}`,
      );
    }
    if (Number(b) < Number(a))
      throw new CliError(
        `Error response from daemon: error while looking up for ${key} ${value}: invalid range specified for port: ${port}`,
      );
    for (let n = Number(a); n <= Number(b); n++) set.add(`${n}/${proto || "tcp"}`);
  }
  return set;
}

function isExitedWith(c: Container, codes: string[]): boolean {
  return !isRunning(c) && c.state.startedAt !== 0 && codes.some((v) => Number(v) === c.state.exitCode);
}

/** The daemon's list: newest first; stopped ones with -a, a status filter, or -n/-l. */
function listContainers(
  host: Host,
  all: boolean,
  last: number,
  filters: Record<string, string[]>,
): Container[] {
  for (const v of filters.status ?? []) {
    if (!STATES.includes(v))
      throw new CliError(
        `Error response from daemon: ${host.daemon.era === 20 ? "Invalid" : "invalid"} filter 'status=${v}'`,
      );
  }
  // The daemon reads the port filters before it lists anything.
  portSet("publish", filters.publish ?? []);
  portSet("expose", filters.expose ?? []);
  for (const v of filters.exited ?? []) {
    if (!/^-?\d+$/.test(v))
      throw new CliError(
        `Error response from daemon: ${host.daemon.era === 20 ? "" : `invalid filter 'exited=${v}': `}strconv.Atoi: parsing "${v}": invalid syntax`,
      );
  }
  const era = host.daemon.era;
  for (const v of filters.health ?? []) {
    if (!["starting", "healthy", "unhealthy", "none"].includes(v))
      throw new CliError(
        `Error response from daemon: ${era === 20 ? "Unrecognised" : "unrecognized"} filter value for health: ${v}`,
      );
  }
  const isTask = filters["is-task"];
  if (isTask && !(isTask.includes("true") || isTask.includes("false")))
    throw new CliError(`Error response from daemon: invalid filter 'is-task=[${isTask.join(" ")}]'`);
  const showAll = all || (filters.status?.length ?? 0) > 0 || last > 0;
  const byNewest = [...host.daemon.containers].reverse();
  // The daemon looks the bounds up as it looks up any container: `before` first.
  const bound = (key: "before" | "since") => {
    const ref = filters[key]?.[0];
    if (ref === undefined) return undefined;
    const found = findContainer(host.daemon, ref);
    if (!found) throw new NotFound(era === 20 ? `no such container ${ref}` : `No such container: ${ref}`);
    return found;
  };
  const before = bound("before");
  const since = bound("since");
  let list = byNewest;
  if (before) list = byNewest.slice(byNewest.indexOf(before) + 1);
  if (since) {
    const at = list.indexOf(since);
    list = at < 0 ? [] : list.slice(0, at);
  }
  // A restarting container counts as running (State.Running), as the daemon lists it.
  const shown = list.filter(
    (c) => (showAll || isRunning(c) || c.state.status === "restarting") && matches(host, c, filters),
  );
  return last > 0 ? shown.slice(0, last) : shown;
}

const ps: DockerCommand = {
  top: "ps",
  common: 3,
  group: ["container", "ls", "ps", "list"],
  use: "[OPTIONS]",
  summary: "List containers",
  aliases: "docker container ls, docker container list, docker container ps, docker ps",
  flags: [
    flag("all", "Show all containers (default shows just running)", { short: "a" }),
    flag("filter", "Filter output based on conditions provided", { short: "f", value: "filter" }),
    flag("format", FORMAT_HELP, { value: "string", usage20: "Pretty-print containers using a Go template" }),
    flag("last", "Show n last created containers (includes all states)", {
      short: "n",
      value: "int",
      def: "-1",
    }),
    flag("latest", "Show the latest created container (includes all states)", { short: "l" }),
    flag("no-trunc", "Don't truncate output"),
    flag("quiet", "Only display container IDs", { short: "q" }),
    flag("size", "Display total file sizes", { short: "s" }),
  ],
  args: { none: true },
  run(ctx, { flags }) {
    const era = ctx.host.daemon.era;
    let format = str(flags, "format") ?? "";
    // Client 20.10 let a custom format win over -q, without a word.
    const custom = format !== "" && format !== "table" && format !== "raw";
    const quiet = bool(flags, "quiet") && !(era === 20 && custom);
    if (format && quiet)
      ctx.out.error("WARNING: Ignoring custom format, because both --format and --quiet are set.");
    const sizeFlag = bool(flags, "size");
    const usesSize = format !== "" && (era === 26 || !sizeFlag) && preFormat(format, era);
    const size = sizeFlag || (!quiet && usesSize);
    const last = Number(str(flags, "last") ?? "-1");
    const filters = parseFilters(list(flags, "filter"), FILTERS);
    const containers = listContainers(
      ctx.host,
      bool(flags, "all"),
      bool(flags, "latest") && last === -1 ? 1 : last,
      filters,
    );

    if (format === "" || format === "table")
      format = quiet ? "{{.ID}}" : size ? `${DEFAULT_TABLE}\t{{.Size}}` : DEFAULT_TABLE;
    else if (format === "raw") format = quiet ? "container_id: {{.ID}}" : RAW;
    else if (quiet) format = "{{.ID}}";
    const trunc = !bool(flags, "no-trunc");
    const rows = containers.map((c) => row(ctx.host, c, trunc, ctx.world.clock, size));
    // Client 20.10's context had no Platform.
    const { Platform, ...headers20 } = HEADERS;
    const headers = era === 26 ? HEADERS : headers20;
    ctx.out.write(formatRows(format, "*formatter.ContainerContext", rows, headers, era));
    return 0;
  },
};

const RAW = `container_id: {{.ID}}
image: {{.Image}}
command: {{.Command}}
created_at: {{.CreatedAt}}
state: {{- pad .State 1 0}}
status: {{- pad .Status 1 0}}
names: {{.Names}}
labels: {{- pad .Labels 1 0}}
ports: {{- pad .Ports 1 0}}
`;

export const subcommands: DockerCommand[] = [ps];
