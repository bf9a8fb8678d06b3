/**
 * `docker service create|ls|ps|inspect|scale|rm|update` on a swarm manager, as client 28 prints
 * them; a worker is refused. Without -d the client follows the service until it converges: at a
 * terminal narrower than 110 columns it ends on the last frame of its progress display (task
 * states without bars), which is what the lab prints, as virtual time passes.
 */
import { DaemonError, NotFound } from "../../../engine/docker/errors";
import { findSwarmNetwork } from "../../../engine/swarm/networks";
import {
  createService,
  findService,
  removeService,
  ScaleModeError,
  scaleService,
  taskName,
  tasksOf,
  updateService,
} from "../../../engine/swarm/services";
import { requireManager } from "../../../engine/swarm/store";
import type { PublishedServicePort, Service, ServiceSpec, Swarm, Task } from "../../../engine/swarm/types";
import { advanceClock } from "../../../engine/world";
import {
  type GoValue,
  goBool,
  goInt,
  goSlice,
  goStr,
  goStringMap,
  goStrings,
  goStruct,
} from "../../format/go/value";
import { CliError, type DockerCommand, type DockerCtx, type ListedCommand } from "./cli";
import { bool, flag, list, str } from "./flags";
import { filterMatch, formatRows, naturalLess, OBJECT_FORMAT_HELP, parseFilters } from "./format";
import { inspectAll, TYPED_ONLY } from "./inspect";
import { CREATE_FLAGS, LOGS_FLAGS, LS_FLAGS, UPDATE_FLAGS } from "./service-flags";
import { humanDuration, rfc3339Nano } from "./units";

/** The image as the spec keeps it: a tag always (`busybox` is `busybox:latest`). */
function imageRef(image: string): string {
  return /:[^/]+$/.test(image) || image.includes("@") ? image : `${image}:latest`;
}

/** opts.PortOpt: `8080:80`, `8080:80/udp`, `80` (a port from 30000 up), or `published=8080,target=80[,protocol=…][,mode=…]`. */
function parsePort(value: string): PublishedServicePort {
  if (value.includes("=")) {
    const fields = Object.fromEntries(value.split(",").map((kv) => kv.split("=", 2) as [string, string]));
    const target = Number(fields.target);
    if (!Number.isInteger(target) || target <= 0)
      throw new CliError(
        `invalid argument "${value}" for "-p, --publish" flag: missing mandatory field "target"`,
        125,
      );
    return {
      protocol: fields.protocol === "udp" ? "udp" : "tcp",
      target,
      published: Number(fields.published ?? 0),
      mode: fields.mode === "host" ? "host" : "ingress",
    };
  }
  const m = /^(?:(\d+):)?(\d+)(?:\/(tcp|udp))?$/.exec(value);
  if (!m)
    throw new CliError(
      `invalid argument "${value}" for "-p, --publish" flag: invalid port format ${value}`,
      125,
    );
  return {
    protocol: m[3] === "udp" ? "udp" : "tcp",
    target: Number(m[2]),
    published: Number(m[1] ?? 0),
    mode: "ingress",
  };
}

/** Ingress ports without a published one get the next free port from 30000 (the dynamic range). */
function assignPorts(swarm: Swarm, ports: PublishedServicePort[]): PublishedServicePort[] {
  const used = new Set(swarm.services.flatMap((s) => s.spec.ports.map((p) => p.published)));
  return ports.map((p) => {
    if (p.published || p.mode !== "ingress") return p;
    let port = 30000;
    while (used.has(port)) port++;
    used.add(port);
    return { ...p, published: port };
  });
}

function networkIds(swarm: Swarm, refs: string[]): string[] {
  return refs.map((ref) => {
    const sn = findSwarmNetwork(swarm, ref);
    if (!sn) throw new NotFound(`network ${ref} not found`);
    if (sn.ingress)
      throw new DaemonError(
        'rpc error: code = InvalidArgument desc = Service cannot be explicitly attached to the ingress network "ingress"',
        400,
      );
    return sn.id;
  });
}

/** Prints, as virtual time passes, the last frame of the client's progress display and its verify line. */
function followConvergence(ctx: DockerCtx, service: Service, id: string): void {
  const swarm = requireManager(ctx.host);
  const running = tasksOf(swarm, service).filter((t) => t.desired === "running");
  advanceClock(ctx.world, ctx.world.clock + 1200);
  const total = service.spec.mode === "global" ? running.length : service.spec.replicas;
  ctx.out.write(`overall progress: ${total} out of ${total} tasks \n`);
  const rows =
    service.spec.mode === "global"
      ? running.map((t) => `${t.node.slice(0, 12)}: running   \n`)
      : running
          .filter((t) => (t.slot ?? 0) <= total)
          .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0))
          .map((t) => `${t.slot}/${total}: running   \n`);
  if (total <= 100) ctx.out.write(rows.join(""));
  advanceClock(ctx.world, ctx.world.clock + 5000);
  ctx.out.write(`verify: Service ${id} converged \n`);
}

function specFrom(swarm: Swarm, flags: Record<string, unknown>, args: string[]): ServiceSpec {
  const values = flags as Parameters<typeof str>[0];
  const mode = str(values, "mode") ?? "replicated";
  if (!["replicated", "global"].includes(mode)) {
    if (["replicated-job", "global-job"].includes(mode))
      throw new CliError(`docker: '${mode}' services are not simulated in Docker Network Lab`, 1);
    throw new CliError(
      `invalid argument "${mode}" for "--mode" flag: invalid replicated mode (replicated|global|replicated-job|global-job)`,
      125,
    );
  }
  const replicas = str(values, "replicas");
  if (replicas !== undefined && mode !== "replicated")
    throw new CliError("replicas can only be used with replicated or replicated-job mode", 1);
  const [image = "", ...command] = args;
  return {
    image: imageRef(image),
    args: command,
    mode: mode as "replicated" | "global",
    replicas: replicas === undefined ? 1 : Number(replicas),
    networks: networkIds(swarm, list(values, "network")),
    ports: assignPorts(swarm, list(values, "publish").map(parsePort)),
    constraints: list(values, "constraint"),
    env: list(values, "env"),
    labels: {},
    endpointMode: str(values, "endpoint-mode") === "dnsrr" ? "dnsrr" : "vip",
  };
}

const create: DockerCommand = {
  group: ["service", "create"],
  use: "[OPTIONS] IMAGE [COMMAND] [ARG...]",
  summary: "Create a new service",
  flags: CREATE_FLAGS,
  interspersed: false,
  args: { min: 1 },
  run(ctx, { flags, args }) {
    const swarm = requireManager(ctx.host);
    const name = str(flags, "name");
    const service = createService(ctx.host, {
      ...(name !== undefined ? { name } : {}),
      spec: specFrom(swarm, flags, args),
    });
    ctx.touch(service.name);
    ctx.out.line(service.id);
    if (!bool(flags, "detach") && !bool(flags, "quiet")) followConvergence(ctx, service, service.id);
    return 0;
  },
};

/** `*:8080->80/tcp`, the PORTS column. */
function portsText(s: Service): string {
  return s.spec.ports
    .filter((p) => p.mode === "ingress")
    .map((p) => `*:${p.published}->${p.target}/${p.protocol}`)
    .join(", ");
}

function runningTasks(swarm: Swarm, s: Service): Task[] {
  return tasksOf(swarm, s).filter((t) => t.desired === "running" && t.state === "running");
}

const LS_HEADERS = {
  ID: "ID",
  Name: "NAME",
  Mode: "MODE",
  Replicas: "REPLICAS",
  Image: "IMAGE",
  Ports: "PORTS",
};

const ls: DockerCommand = {
  group: ["service", "ls", "list"],
  use: "[OPTIONS]",
  summary: "List services",
  aliases: "docker service ls, docker service list",
  flags: LS_FLAGS,
  args: { none: true },
  run(ctx, { flags }) {
    const swarm = requireManager(ctx.host);
    const f = parseFilters(list(flags, "filter"), ["id", "label", "mode", "name"]);
    const services = swarm.services
      .filter(
        (s) =>
          filterMatch(f.name ?? [], s.name) &&
          filterMatch(f.id ?? [], s.id) &&
          (!f.mode || f.mode.includes(s.spec.mode)),
      )
      .sort((a, b) => (naturalLess(a.name, b.name) ? -1 : naturalLess(b.name, a.name) ? 1 : 0));
    const rows = services.map((s) => {
      const desired =
        s.spec.mode === "global"
          ? tasksOf(swarm, s).filter((t) => t.desired === "running").length
          : s.spec.replicas;
      return {
        ID: s.id.slice(0, 12),
        Name: s.name,
        Mode: s.spec.mode,
        Replicas: `${runningTasks(swarm, s).length}/${desired}`,
        Image: s.spec.image.replace(/@sha256:.*$/, ""),
        Ports: portsText(s),
      };
    });
    const format = bool(flags, "quiet")
      ? "{{.ID}}"
      : (str(flags, "format") ??
        "table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}");
    ctx.out.write(formatRows(format, "*service.serviceContext", rows, LS_HEADERS, ctx.host.daemon.era));
    return 0;
  },
};

const PS_HEADERS = {
  ID: "ID",
  Name: "NAME",
  Image: "IMAGE",
  Node: "NODE",
  DesiredState: "DESIRED STATE",
  CurrentState: "CURRENT STATE",
  Error: "ERROR",
  Ports: "PORTS",
};

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The tasks as `service ps` lists them: slot by slot (node by node), newest first, older ones marked `\_`. */
function psRows(ctx: DockerCtx, swarm: Swarm, s: Service): Record<string, string>[] {
  const groups = new Map<string, Task[]>();
  for (const t of tasksOf(swarm, s)) {
    const key = taskName(s, t);
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    const [x, y] = [a.split(".").pop() ?? "", b.split(".").pop() ?? ""];
    return /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
  });
  const rows: Record<string, string>[] = [];
  for (const key of keys) {
    const tasks = (groups.get(key) ?? []).sort((a, b) => b.created - a.created);
    tasks.forEach((t, k) => {
      const node = swarm.nodes.find((n) => n.id === t.node);
      rows.push({
        ID: t.id.slice(0, 12),
        Name: k === 0 ? key : ` \\_ ${key}`,
        Image: s.spec.image.replace(/@sha256:.*$/, ""),
        Node: node?.hostname ?? t.node,
        DesiredState: capital(t.desired),
        CurrentState: `${capital(t.state)} ${humanDuration(ctx.world.clock - t.since).toLowerCase()} ago`,
        Error: "",
        Ports: "",
      });
    });
  }
  return rows;
}

const ps: DockerCommand = {
  group: ["service", "ps"],
  use: "[OPTIONS] SERVICE [SERVICE...]",
  summary: "List the tasks of one or more services",
  flags: [
    flag("filter", "Filter output based on conditions provided", { short: "f", value: "filter" }),
    flag("format", "Pretty-print tasks using a Go template", { value: "string" }),
    flag("no-resolve", "Do not map IDs to Names"),
    flag("no-trunc", "Do not truncate output"),
    flag("quiet", "Only display task IDs", { short: "q" }),
  ],
  args: { min: 1 },
  run(ctx, { flags, args }) {
    const swarm = requireManager(ctx.host);
    const services = args.map((ref) => {
      const s = findService(swarm, ref);
      if (!s) throw new CliError(`no such service: ${ref}`);
      return s;
    });
    const rows = services.flatMap((s) => psRows(ctx, swarm, s));
    const format = bool(flags, "quiet")
      ? "{{.ID}}"
      : (str(flags, "format") ??
        "table {{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}\t{{.Ports}}");
    ctx.out.write(formatRows(format, "*task.taskContext", rows, PS_HEADERS, ctx.host.daemon.era));
    return 0;
  },
};

const nanos = (ms: number) => goInt(ms * 1_000_000);

function portValue(p: PublishedServicePort): GoValue {
  return goStruct("swarm.PortConfig", [
    ["Protocol", goStr(p.protocol)],
    ["TargetPort", goInt(p.target)],
    ["PublishedPort", goInt(p.published)],
    ["PublishMode", goStr(p.mode)],
  ]);
}

function updateConfig(): GoValue {
  return goStruct("swarm.UpdateConfig", [
    ["Parallelism", goInt(1)],
    ["FailureAction", goStr("pause")],
    ["Monitor", nanos(5000)],
    ["MaxFailureRatio", goInt(0)],
    ["Order", goStr("stop-first")],
  ]);
}

function specValue(s: Service, spec: ServiceSpec): GoValue {
  return goStruct("swarm.ServiceSpec", [
    ["Name", goStr(s.name)],
    ["Labels", goStringMap({})],
    [
      "TaskTemplate",
      goStruct("swarm.TaskSpec", [
        [
          "ContainerSpec",
          goStruct("swarm.ContainerSpec", [
            ["Image", goStr(spec.image)],
            ["Args", goStrings(spec.args.length ? spec.args : null), { omitempty: true }],
            ["Env", goStrings(spec.env.length ? spec.env : null), { omitempty: true }],
            ["Init", goBool(false)],
            ["StopGracePeriod", nanos(10_000)],
            ["DNSConfig", goStruct("swarm.DNSConfig", [])],
            ["Isolation", goStr("default")],
          ]),
        ],
        [
          "Resources",
          goStruct("swarm.ResourceRequirements", [
            ["Limits", goStruct("swarm.Limit", [])],
            ["Reservations", goStruct("swarm.Resources", [])],
          ]),
        ],
        [
          "RestartPolicy",
          goStruct("swarm.RestartPolicy", [
            ["Condition", goStr("any")],
            ["Delay", nanos(5000)],
            ["MaxAttempts", goInt(0)],
          ]),
        ],
        [
          "Placement",
          goStruct("swarm.Placement", [
            [
              "Constraints",
              goStrings(spec.constraints.length ? spec.constraints : null),
              { omitempty: true },
            ],
          ]),
        ],
        [
          "Networks",
          goSlice(
            "[]swarm.NetworkAttachmentConfig",
            spec.networks.map((id) => goStruct("swarm.NetworkAttachmentConfig", [["Target", goStr(id)]])),
          ),
          { omitempty: true },
        ],
        ["ForceUpdate", goInt(0)],
        ["Runtime", goStr("container")],
      ]),
    ],
    [
      "Mode",
      spec.mode === "global"
        ? goStruct("swarm.ServiceMode", [["Global", goStruct("swarm.GlobalService", [])]])
        : goStruct("swarm.ServiceMode", [
            ["Replicated", goStruct("swarm.ReplicatedService", [["Replicas", goInt(spec.replicas)]])],
          ]),
    ],
    ["UpdateConfig", updateConfig()],
    ["RollbackConfig", updateConfig()],
    [
      "EndpointSpec",
      goStruct("swarm.EndpointSpec", [
        ["Mode", goStr(spec.endpointMode)],
        ["Ports", goSlice("[]swarm.PortConfig", spec.ports.map(portValue)), { omitempty: true }],
      ]),
    ],
  ]);
}

/** The API's Service object (swarm.Service). */
function serviceValue(swarm: Swarm, s: Service): GoValue {
  return goStruct("swarm.Service", [
    ["ID", goStr(s.id)],
    ["Version", goStruct("swarm.Version", [["Index", goInt(s.version)]])],
    ["CreatedAt", goStr(rfc3339Nano(s.created, s.id))],
    ["UpdatedAt", goStr(rfc3339Nano(s.updated, s.id))],
    ["Spec", specValue(s, s.spec)],
    ...(s.previousSpec ? ([["PreviousSpec", specValue(s, s.previousSpec)]] as [string, GoValue][]) : []),
    [
      "Endpoint",
      goStruct("swarm.Endpoint", [
        [
          "Spec",
          goStruct("swarm.EndpointSpec", [
            ["Mode", goStr(s.spec.endpointMode)],
            ["Ports", goSlice("[]swarm.PortConfig", s.spec.ports.map(portValue)), { omitempty: true }],
          ]),
        ],
        ["Ports", goSlice("[]swarm.PortConfig", s.spec.ports.map(portValue)), { omitempty: true }],
        [
          "VirtualIPs",
          goSlice(
            "[]swarm.EndpointVirtualIP",
            s.vips.map((v) => {
              const prefix = swarm.networks.find((n) => n.id === v.network)?.subnet.split("/")[1] ?? "24";
              return goStruct("swarm.EndpointVirtualIP", [
                ["NetworkID", goStr(v.network)],
                ["Addr", goStr(`${v.ip}/${prefix}`)],
              ]);
            }),
          ),
          { omitempty: true },
        ],
      ]),
    ],
  ]);
}

/** `--pretty`: docker/cli's serviceInspectPrettyTemplate for the fields the lab keeps. */
function pretty(swarm: Swarm, s: Service): string {
  const spec = s.spec;
  const lines = ["", `ID:\t\t${s.id}`, `Name:\t\t${s.name}`];
  lines.push(
    spec.mode === "global"
      ? "Service Mode:\tGlobal"
      : `Service Mode:\tReplicated\n Replicas:\t${spec.replicas}`,
  );
  lines.push("Placement:");
  if (spec.constraints.length) lines.push(` Constraints:\t[${spec.constraints.join(" ")}]`);
  const config = (what: "Update" | "Rollback") =>
    `${what}Config:\n Parallelism:\t1\n On failure:\tpause\n Monitoring Period: 5s\n Max failure ratio: 0\n ${what} order:${what === "Update" ? "      " : "    "}stop-first`;
  lines.push(config("Update"), config("Rollback"));
  lines.push("ContainerSpec:", ` Image:\t\t${spec.image}`);
  if (spec.args.length) lines.push(` Args:\t\t${spec.args.map((a) => `${a} `).join("")}`);
  if (spec.env.length) lines.push(` Env:\t\t${spec.env.map((e) => `${e} `).join("")}`);
  lines.push(" Init:\t\tfalse", "Resources:");
  const names = spec.networks.map((id) => swarm.networks.find((n) => n.id === id)?.name ?? id);
  if (names.length) lines.push(`Networks:${names.map((n) => ` ${n}`).join("")} `);
  lines.push(`Endpoint Mode:\t${spec.endpointMode}`);
  if (spec.ports.length) {
    lines.push("Ports:");
    const ports = spec.ports.map(
      (p) =>
        ` PublishedPort = ${p.published}\n  Protocol = ${p.protocol}\n  TargetPort = ${p.target}\n  PublishMode = ${p.mode}`,
    );
    lines.push(`${ports.join("\n")} `);
  }
  return `${lines.join("\n")}\n\n`;
}

const inspect: DockerCommand = {
  group: ["service", "inspect"],
  use: "[OPTIONS] SERVICE [SERVICE...]",
  summary: "Display detailed information on one or more services",
  flags: [
    flag("format", OBJECT_FORMAT_HELP, { short: "f", value: "string" }),
    flag("pretty", "Print the information in a human friendly format"),
  ],
  args: { min: 1 },
  run(ctx, { flags, args }) {
    const swarm = requireManager(ctx.host);
    if (bool(flags, "pretty")) {
      for (const ref of args) {
        const s = findService(swarm, ref);
        if (!s) throw new CliError(`Error: no such service: ${ref}`);
        ctx.out.write(pretty(swarm, s));
      }
      return 0;
    }
    return inspectAll(
      ctx,
      args,
      str(flags, "format") ?? "",
      (ref) => {
        const s = findService(swarm, ref);
        return s ? { view: () => serviceValue(swarm, s) } : `Error: no such service: ${ref}`;
      },
      TYPED_ONLY,
    );
  },
};

/** `svc=N` pairs, as the client checks them. */
function scaleSpecs(args: string[]): [string, number][] {
  return args.map((arg) => {
    const m = /^([^=]+)=(\d+)$/.exec(arg);
    if (!m)
      throw new CliError(
        `invalid scale specifier '${arg}'.\nSee 'docker service scale --help'.\n\nUsage:  docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\nScale one or multiple replicated services`,
      );
    return [m[1] ?? "", Number(m[2])];
  });
}

const scale: DockerCommand = {
  group: ["service", "scale"],
  use: "SERVICE=REPLICAS [SERVICE=REPLICAS...]",
  summary: "Scale one or multiple replicated services",
  flags: [flag("detach", "Exit immediately instead of waiting for the service to converge", { short: "d" })],
  args: { min: 1 },
  run(ctx, { flags, args }) {
    const errors: string[] = [];
    for (const [name, replicas] of scaleSpecs(args)) {
      try {
        const service = scaleService(ctx.host, name, replicas);
        ctx.out.line(`${name} scaled to ${replicas}`);
        if (!bool(flags, "detach")) followConvergence(ctx, service, name);
      } catch (error) {
        if (error instanceof ScaleModeError) errors.push(error.message);
        else if (error instanceof DaemonError)
          errors.push(`${name}: Error response from daemon: ${error.message}`);
        else throw error;
      }
    }
    if (errors.length === 0) return 0;
    throw new CliError(errors.join("\n"));
  },
};

const rm: DockerCommand = {
  group: ["service", "rm", "remove"],
  use: "SERVICE [SERVICE...]",
  summary: "Remove one or more services",
  aliases: "docker service rm, docker service remove",
  flags: [],
  args: { min: 1 },
  run(ctx, { args }) {
    const errors: string[] = [];
    for (const ref of args) {
      try {
        removeService(ctx.host, ref);
        ctx.out.line(ref);
      } catch (error) {
        if (!(error instanceof DaemonError)) throw error;
        errors.push(`Error response from daemon: ${error.message}`);
      }
    }
    if (errors.length === 0) return 0;
    throw new CliError(errors.join("\n"));
  },
};

const update: DockerCommand = {
  group: ["service", "update"],
  use: "[OPTIONS] SERVICE",
  summary: "Update a service",
  flags: UPDATE_FLAGS,
  args: { exact: 1 },
  run(ctx, { flags, args }) {
    const swarm = requireManager(ctx.host);
    const ref = args[0] ?? "";
    const adds = networkIds(swarm, list(flags, "network-add"));
    const removes = list(flags, "network-rm").map((r) => findSwarmNetwork(swarm, r)?.id ?? r);
    const image = str(flags, "image");
    const replicas = str(flags, "replicas");
    const argsFlag = str(flags, "args");
    const service = updateService(ctx.host, ref, (spec) => ({
      ...spec,
      networks: [
        ...spec.networks.filter((n) => !removes.includes(n)),
        ...adds.filter((n) => !spec.networks.includes(n)),
      ],
      ...(image !== undefined ? { image: imageRef(image) } : {}),
      ...(replicas !== undefined ? { replicas: Number(replicas) } : {}),
      ...(argsFlag !== undefined ? { args: argsFlag.split(/\s+/).filter(Boolean) } : {}),
      constraints: [
        ...spec.constraints.filter((c) => !list(flags, "constraint-rm").includes(c)),
        ...list(flags, "constraint-add"),
      ],
    }));
    ctx.out.line(ref);
    if (!bool(flags, "detach") && !bool(flags, "quiet")) followConvergence(ctx, service, service.id);
    return 0;
  },
};

/** `docker service logs`: each task container's output, prefixed `NAME.SLOT.TASK@NODE    | `. */
const logs: DockerCommand = {
  group: ["service", "logs"],
  use: "[OPTIONS] SERVICE|TASK",
  summary: "Fetch the logs of a service or task",
  flags: LOGS_FLAGS,
  args: { exact: 1 },
  run(ctx, { flags, args }) {
    const swarm = requireManager(ctx.host);
    const s = findService(swarm, args[0] ?? "");
    if (!s) throw new CliError(`Error response from daemon: service ${args[0]} not found`);
    const tasks = tasksOf(swarm, s).sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || a.created - b.created);
    const digits = Math.max(...tasks.map((t) => String(t.slot ?? 0).length), 1);
    const lines: { t: number; text: string }[] = [];
    for (const t of tasks) {
      const node = swarm.nodes.find((n) => n.id === t.node);
      const c =
        node && ctx.world.machines[node.machine]?.docker?.containers.find((x) => x.id === t.container);
      const id = bool(flags, "no-trunc") ? t.id : t.id.slice(0, 12);
      const name = `${s.name}.${t.slot ?? 0}${bool(flags, "no-task-ids") ? "" : `.${id}`}`;
      const prefix = `${name}@${node?.hostname ?? t.node}${" ".repeat(digits - String(t.slot ?? 0).length)}`;
      for (const entry of c?.logs ?? []) {
        for (const line of entry.text.replace(/\n$/, "").split("\n"))
          lines.push({ t: entry.t, text: `${prefix}    | ${line}` });
      }
    }
    lines.sort((a, b) => a.t - b.t);
    for (const l of lines) ctx.out.line(l.text);
    return 0;
  },
};

export const subcommands: DockerCommand[] = [create, ls, ps, inspect, scale, rm, update, logs];

/** What else `docker service` has, which the lab does not simulate. */
export const listed: ListedCommand[] = [
  { group: ["service", "rollback"], summary: "Revert changes to a service's configuration" },
];
