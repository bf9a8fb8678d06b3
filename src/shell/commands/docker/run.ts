/**
 * `docker run` and `docker create`: flags as the client parses them, port specs as go-connections
 * parses them, the pull on first use, then create, start, and either print the ID (-d), enter the
 * container's shell (-it), or run its command in the foreground.
 */
import {
  type CreateOptions,
  createContainer,
  exitContainer,
  hasImage,
  startContainer,
} from "../../../engine/docker/containers";
import { DaemonError } from "../../../engine/docker/errors";
import type { Host } from "../../../engine/docker/host";
import { findSpec, imageId, isValidRef, parseRef } from "../../../engine/docker/images";
import type { Container, PortBinding } from "../../../engine/docker/types";
import { randInt } from "../../../engine/rng";
import type { Frame } from "../../types";
import { type DockerCommand, type DockerCtx, runStyleError } from "./cli";
import { bool, type FlagSpec, type FlagValues, list, str } from "./flags";

export const CREATE_FLAGS: FlagSpec[] = [
  { long: "add-host", type: "list", valueName: "list", help: "Add a custom host-to-IP mapping (host:ip)" },
  { long: "dns", type: "list", valueName: "list", help: "Set custom DNS servers" },
  {
    long: "entrypoint",
    type: "string",
    valueName: "string",
    help: "Overwrite the default ENTRYPOINT of the image",
  },
  { long: "env", short: "e", type: "list", valueName: "list", help: "Set environment variables" },
  { long: "expose", type: "list", valueName: "list", help: "Expose a port or a range of ports" },
  { long: "hostname", short: "h", type: "string", valueName: "string", help: "Container host name" },
  { long: "interactive", short: "i", type: "bool", help: "Keep STDIN open even if not attached" },
  { long: "ip", type: "string", valueName: "string", help: "IPv4 address (e.g., 172.30.100.104)" },
  { long: "label", short: "l", type: "list", valueName: "list", help: "Set meta data on a container" },
  { long: "link", type: "list", valueName: "list", help: "Add link to another container" },
  { long: "name", type: "string", valueName: "string", help: "Assign a name to the container" },
  { long: "network", type: "string", valueName: "network", help: "Connect a container to a network" },
  { long: "net", type: "string", valueName: "network", help: "Connect a container to a network" },
  {
    long: "network-alias",
    type: "list",
    valueName: "list",
    help: "Add network-scoped alias for the container",
  },
  { long: "net-alias", type: "list", valueName: "list", help: "Add network-scoped alias for the container" },
  { long: "privileged", type: "bool", help: "Give extended privileges to this container" },
  {
    long: "publish",
    short: "p",
    type: "list",
    valueName: "list",
    help: "Publish a container's port(s) to the host",
  },
  { long: "publish-all", short: "P", type: "bool", help: "Publish all exposed ports to random ports" },
  {
    long: "restart",
    type: "string",
    valueName: "string",
    help: "Restart policy to apply when a container exits",
    defaultText: 'default "no"',
  },
  {
    long: "rm",
    type: "bool",
    help: "Automatically remove the container and its associated anonymous volumes when it exits",
  },
  { long: "tty", short: "t", type: "bool", help: "Allocate a pseudo-TTY" },
  { long: "volume", short: "v", type: "list", valueName: "list", help: "Bind mount a volume" },
  {
    long: "workdir",
    short: "w",
    type: "string",
    valueName: "string",
    help: "Working directory inside the container",
  },
];

const RUN_FLAGS: FlagSpec[] = [
  ...CREATE_FLAGS,
  { long: "detach", short: "d", type: "bool", help: "Run container in background and print container ID" },
];

export class PortSpecError extends Error {}

function expandRange(text: string, what: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) throw new PortSpecError(`invalid ${what}: ${text}`);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > 65535 || to > 65535 || to < from) throw new PortSpecError(`invalid ${what}: ${text}`);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** go-connections' ParsePortSpec: [ip:][hostPort:]containerPort[/proto], with ranges. */
export function parsePortSpec(spec: string): { port: string; binding: PortBinding }[] {
  const slash = spec.lastIndexOf("/");
  const proto = slash >= 0 ? spec.slice(slash + 1) : "tcp";
  const rest = slash >= 0 ? spec.slice(0, slash) : spec;
  if (!["tcp", "udp", "sctp"].includes(proto)) throw new PortSpecError(`invalid proto: ${proto}`);
  const parts = rest.split(":");
  let ip = "";
  let hostText = "";
  let containerText = "";
  if (parts.length === 1) containerText = parts[0] ?? "";
  else if (parts.length === 2) [hostText = "", containerText = ""] = parts;
  else if (parts.length === 3) [ip = "", hostText = "", containerText = ""] = parts;
  else throw new PortSpecError(`invalid port specification: "${spec}"`);
  if (containerText === "") throw new PortSpecError(`no port specified: ${spec}<empty>`);
  const containerPorts = expandRange(containerText, "containerPort");
  const hostPorts = hostText === "" ? [] : expandRange(hostText, "hostPort");
  if (hostPorts.length > 1 && hostPorts.length !== containerPorts.length) {
    throw new PortSpecError(
      `invalid ranges specified for container and host Ports: ${containerText} and ${hostText}`,
    );
  }
  return containerPorts.map((p, i) => ({
    port: `${p}/${proto}`,
    binding: { hostIp: ip, hostPort: hostPorts.length === 0 ? "" : String(hostPorts[i] ?? hostPorts[0]) },
  }));
}

function parseExpose(spec: string): string[] {
  const slash = spec.indexOf("/");
  const proto = slash >= 0 ? spec.slice(slash + 1) : "tcp";
  const ports = expandRange(slash >= 0 ? spec.slice(0, slash) : spec, "range format for --expose");
  return ports.map((p) => `${p}/${proto}`);
}

function labels(values: string[]): Record<string, string> {
  return Object.fromEntries(
    values.map((v) =>
      v.includes("=") ? [v.slice(0, v.indexOf("=")), v.slice(v.indexOf("=") + 1)] : [v, ""],
    ),
  );
}

/** Builds the daemon's create request from parsed flags; throws PortSpecError for bad -p/--expose. */
export function createOptions(flags: FlagValues, args: string[]): CreateOptions {
  const [image = "", ...cmd] = args;
  const portBindings: Record<string, PortBinding[]> = {};
  for (const spec of list(flags, "publish")) {
    for (const { port, binding } of parsePortSpec(spec))
      portBindings[port] = [...(portBindings[port] ?? []), binding];
  }
  const entrypoint = str(flags, "entrypoint");
  const network = str(flags, "network") ?? str(flags, "net");
  const name = str(flags, "name");
  const hostname = str(flags, "hostname");
  const ip = str(flags, "ip");
  return {
    image,
    cmd,
    ...(name !== undefined ? { name } : {}),
    ...(entrypoint !== undefined ? { entrypoint: entrypoint === "" ? [] : [entrypoint] } : {}),
    ...(hostname !== undefined ? { hostname } : {}),
    ...(network !== undefined ? { network } : {}),
    ...(ip !== undefined ? { ip } : {}),
    tty: bool(flags, "tty"),
    openStdin: bool(flags, "interactive"),
    env: list(flags, "env"),
    expose: list(flags, "expose").flatMap(parseExpose),
    portBindings,
    publishAll: bool(flags, "publish-all"),
    aliases: [...list(flags, "network-alias"), ...list(flags, "net-alias")],
    links: list(flags, "link"),
    dns: list(flags, "dns"),
    extraHosts: list(flags, "add-host"),
    autoRemove: bool(flags, "rm"),
    labels: labels(list(flags, "label")),
  };
}

const LAYERS: Record<string, number> = {
  nginx: 7,
  httpd: 5,
  redis: 6,
  tomcat: 9,
  "billygoo/tomcat8-jdk8": 8,
  registry: 5,
};

/** `docker pull` as `docker run` shows it on first use: layers, digest, status, each after a little time. */
export function pullImage(ctx: DockerCtx, image: string, write: (line: string) => void): void {
  const { repo, tag } = parseRef(image);
  const id = imageId(repo, tag);
  const library = repo.includes("/") ? repo : `library/${repo}`;
  write(`${tag}: Pulling from ${library}`);
  const layers = LAYERS[repo] ?? (findSpec(image) ? 1 : 3);
  for (let i = 0; i < layers; i++) {
    ctx.world.clock += randInt(ctx.world.rng, 300, 1200);
    write(`${id.slice(8 * i + 2, 8 * i + 14).padEnd(12, "0")}: Pull complete`);
  }
  write(`Digest: sha256:${imageId(`${repo}@digest`, tag)}`);
  write(`Status: Downloaded newer image for ${repo}:${tag}`);
  ctx.host.daemon.images.push({ ref: `${repo}:${tag}`, id, created: ctx.world.clock });
}

function ensureImage(ctx: DockerCtx, image: string): void {
  if (hasImage(ctx.host, image)) return;
  const { repo, tag } = parseRef(image);
  ctx.out.error(`Unable to find image '${repo}:${tag}' locally`);
  pullImage(ctx, image, (line) => ctx.out.error(line));
}

/** The shell a container's main process or an exec session runs: bash, ash or sh, by its path. */
export function containerFrame(host: Host, c: Container, main: boolean, path = c.path): Frame {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return {
    machine: host.machine.name,
    container: c.id,
    shell: name === "bash" ? "bash" : name === "ash" ? "ash" : "sh",
    env: {},
    cwd: c.config.workingDir || "/",
    ...(main ? { main: true } : {}),
  };
}

/** Runs a one-shot main process inside the container, recording its output as the container's log. */
export function runOneShot(ctx: DockerCtx, c: Container, attached: boolean): number {
  const frame = containerFrame(ctx.host, c, false);
  const log = (stream: "out" | "err", text: string) =>
    c.logs.push({ t: ctx.world.clock, stream: stream === "out" ? "stdout" : "stderr", text });
  const target = attached ? ctx.out.tee(log) : ctx.out.capture().tee(log);
  const argv = [c.path, ...c.args].filter((a) => a !== "");
  const code = argv.length === 0 || argv[0] === undefined ? 0 : ctx.exec(argv, frame, target);
  exitContainer(ctx.host, c, code);
  return code;
}

function create(ctx: DockerCtx, flags: FlagValues, args: string[], command: string): Container | number {
  let opts: CreateOptions;
  try {
    opts = createOptions(flags, args);
  } catch (error) {
    if (error instanceof PortSpecError) return runStyleError(ctx, command, error.message);
    throw error;
  }
  if (!isValidRef(opts.image)) return runStyleError(ctx, command, "invalid reference format");
  ensureImage(ctx, opts.image);
  try {
    const { container, warnings } = createContainer(ctx.host, opts);
    for (const w of warnings) ctx.out.error(`WARNING: ${w}`);
    ctx.touch(container.name);
    return container;
  } catch (error) {
    if (error instanceof DaemonError)
      return runStyleError(ctx, command, `Error response from daemon: ${error.message}`);
    throw error;
  }
}

const run: DockerCommand = {
  path: ["run"],
  aliases: [["container", "run"]],
  usage: "docker run [OPTIONS] IMAGE [COMMAND] [ARG...]",
  summary: "Create and run a new container from an image",
  flags: RUN_FLAGS,
  interspersed: false,
  args: { min: 1 },
  usageExit: 125,
  run(ctx, { flags, args }) {
    const created = create(ctx, flags, args, "docker run");
    if (typeof created === "number") return created;
    const c = created;
    try {
      startContainer(ctx.host, c);
    } catch (error) {
      if (error instanceof DaemonError)
        return runStyleError(ctx, "docker run", `Error response from daemon: ${error.message}`);
      throw error;
    }
    const detach = bool(flags, "detach");
    if (detach) {
      ctx.out.line(c.id);
      if (c.main.kind === "oneshot") runOneShot(ctx, c, false);
      return 0;
    }
    if (c.main.kind === "shell") {
      ctx.effects.push = containerFrame(ctx.host, c, true);
      return 0;
    }
    if (c.main.kind === "oneshot") return runOneShot(ctx, c, true);
    ctx.effects.live = { kind: "attached", state: { container: c.id }, frame: ctx.frame };
    return 0;
  },
};

const createCmd: DockerCommand = {
  path: ["create"],
  aliases: [["container", "create"]],
  usage: "docker create [OPTIONS] IMAGE [COMMAND] [ARG...]",
  summary: "Create a new container",
  flags: CREATE_FLAGS,
  interspersed: false,
  args: { min: 1 },
  usageExit: 125,
  run(ctx, { flags, args }) {
    const created = create(ctx, flags, args, "docker create");
    if (typeof created === "number") return created;
    ctx.out.line(created.id);
    return 0;
  },
};

export const runCommands: DockerCommand[] = [run, createCmd];
