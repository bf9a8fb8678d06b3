/**
 * `docker run` and `docker create`: flags as the client parses and checks them (port specs as
 * go-connections parses them, --network attachments, --add-host, --dns), the pull on first use,
 * then create, start, and either print the ID (-d), enter the container's shell (-it), or run its
 * command in the foreground.
 */
import type { NetworkRequest } from "../../../engine/docker/attachments";
import { type CreateOptions, createContainer, hasImage } from "../../../engine/docker/containers";
import type { DockerEra } from "../../../engine/docker/era";
import { DaemonError } from "../../../engine/docker/errors";
import { isValidRef, parseRef } from "../../../engine/docker/images";
import type { PortBinding } from "../../../engine/docker/types";
import { parseIp, parseMac } from "../../../engine/ip";
import { attached } from "./attached";
import { CliError, type DockerCommand, type DockerCtx, eraOf, withHelp } from "./cli";
import { bool, type FlagValues, keyValues, list, str } from "./flags";
import { pullImage } from "./images";
import { attachTo, startAndRun } from "./lifecycle";
import { CREATE_FLAGS, parseNetworkOpt, RUN_FLAGS } from "./run-flags";

class OptionError extends Error {}

/** A bad -p or --expose range: client 28 words it in lower case, client 20.10 said "Invalid …". */
class PortSpecError extends OptionError {
  constructor(
    message: string,
    readonly message20 = message.charAt(0).toUpperCase() + message.slice(1),
  ) {
    super(message);
  }
}

/** nat.ParsePortRange: "80" or "8000-8010", each a 16-bit port. */
function portRange(text: string): [number, number] | undefined {
  const [a = "", b, extra] = text.split("-");
  const parse = (p: string) => (/^\d+$/.test(p) && Number(p) <= 65535 ? Number(p) : undefined);
  const start = parse(a);
  const end = b === undefined ? start : parse(b);
  if (start === undefined || end === undefined || extra !== undefined || end < start) return undefined;
  return [start, end];
}

/** nat.SplitProtoPort: "80/udp" -> ["udp", "80"]. */
function splitProtoPort(raw: string): [string, string] {
  const [port = "", proto] = raw.split("/");
  if (raw === "" || port === "") return ["", ""];
  return [proto ? proto : "tcp", port];
}

/** go-connections' ParsePortSpec: [ip:][hostPort:]containerPort[/proto], with ranges. */
export function parsePortSpec(spec: string): { port: string; binding: PortBinding }[] {
  const parts = spec.split(":");
  const containerText = parts[parts.length - 1] ?? "";
  const hostText = parts.length >= 2 ? (parts[parts.length - 2] ?? "") : "";
  let ip = parts.length >= 3 ? parts.slice(0, parts.length - 2).join(":") : "";
  const [proto, containerPort] = splitProtoPort(containerText);
  if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
  if (ip !== "" && parseIp(ip) === undefined && !/^[0-9a-fA-F:]+$/.test(ip)) {
    throw new PortSpecError(`invalid IP address: ${ip}`, `Invalid ip address: ${ip}`);
  }
  if (containerPort === "") throw new PortSpecError(`no port specified: ${spec}<empty>`);
  const container = portRange(containerPort);
  if (!container) throw new PortSpecError(`invalid containerPort: ${containerPort}`);
  const host = hostText ? portRange(hostText) : undefined;
  if (hostText && !host) throw new PortSpecError(`invalid hostPort: ${hostText}`);
  const [start, end] = container;
  if (host && end - start !== host[1] - host[0] && end !== start) {
    throw new PortSpecError(
      `invalid ranges specified for container and host Ports: ${containerPort} and ${hostText}`,
    );
  }
  if (!["tcp", "udp", "sctp"].includes(proto.toLowerCase()))
    throw new PortSpecError(`invalid proto: ${proto}`);
  const out: { port: string; binding: PortBinding }[] = [];
  for (let i = 0; i <= end - start; i++) {
    let hostPort = host ? String(host[0] + i) : "";
    if (host && start === end && host[0] !== host[1]) hostPort = `${host[0]}-${host[1]}`;
    out.push({ port: `${start + i}/${proto.toLowerCase()}`, binding: { hostIp: ip, hostPort } });
  }
  return out;
}

/** nat.ParsePortRangeToInt's errors for one side of a range, as strconv words them. */
function portError(text: string): string | undefined {
  if (!/^\d+$/.test(text)) return `strconv.ParseUint: parsing "${text}": invalid syntax`;
  if (Number(text) > 65535) return `strconv.ParseUint: parsing "${text}": value out of range`;
  return undefined;
}

/** --expose: a port or range with an optional protocol, which the client does not check. */
function parseExpose(spec: string): string[] {
  if (spec.includes(":")) throw new OptionError(`invalid port format for --expose: ${spec}`);
  const [proto, port] = splitProtoPort(spec);
  const [a = "", b] = port.split("-", 2);
  const problem = portError(a) ?? (b === undefined ? undefined : portError(b));
  if (problem) throw new OptionError(`invalid range format for --expose: ${spec}, error: ${problem}`);
  const range = portRange(port);
  if (!range) {
    throw new PortSpecError(
      `invalid range format for --expose: ${spec}, error: invalid range specified for port: ${port}`,
      `invalid range format for --expose: ${spec}, error: Invalid range specified for the Port: ${port}`,
    );
  }
  return Array.from({ length: range[1] - range[0] + 1 }, (_, i) => `${range[0] + i}/${proto}`);
}

function isUserDefinedMode(name: string): boolean {
  return !["default", "bridge", "host", "none"].includes(name) && !name.startsWith("container:");
}

/**
 * parseNetworkOpts and applyContainerOptions: the container-wide --network-alias, --ip, --mac-address
 * and --link go to the first network, unless its long form already sets them.
 */
function networkRequests(flags: FlagValues, era: DockerEra): NetworkRequest[] {
  const values = [...list(flags, "network"), ...list(flags, "net")].map(parseNetworkOpt);
  const aliases = [...list(flags, "network-alias"), ...list(flags, "net-alias")];
  const links = list(flags, "link");
  const ip = str(flags, "ip");
  const mac = str(flags, "mac-address");
  if (mac && parseMac(mac.trim()) === undefined) throw new OptionError(`${mac} is not a valid mac address`);
  // Client 20.10 sent no endpoint without --network: --network-alias and --ip went nowhere, and
  // --mac-address was the container's own.
  if (values.length === 0 && era === 20)
    return [{ network: "default", aliases: [], links: [], ...(mac ? { mac } : {}) }];
  const requests = values.length > 0 ? values : [{ network: "default", aliases: [], links: [] }];
  const first = requests[0] as NetworkRequest;
  if (first.aliases.length > 0 && aliases.length > 0)
    throw new OptionError("conflicting options: cannot specify both --network-alias and per-network alias");
  if (first.ip && ip)
    throw new OptionError("conflicting options: cannot specify both --ip and per-network IPv4 address");
  const ip6 = str(flags, "ip6");
  const linkLocal = list(flags, "link-local-ip");
  if (first.ip6 && ip6)
    throw new OptionError("conflicting options: cannot specify both --ip6 and per-network IPv6 address");
  if (first.linkLocalIps?.length && linkLocal.length > 0)
    throw new OptionError(
      "conflicting options: cannot specify both --link-local-ip and per-network link-local IP addresses",
    );
  if (ip6) first.ip6 = ip6;
  if (linkLocal.length > 0) first.linkLocalIps = linkLocal;
  if (first.mac && mac)
    throw new OptionError(
      "conflicting options: cannot specify both --mac-address and per-network MAC address",
    );
  if (aliases.length > 0) first.aliases = aliases;
  if (ip) first.ip = ip;
  if (mac) first.mac = mac;
  if (isUserDefinedMode(first.network) && links.length > 0) first.links = links;
  let user = false;
  let predefined = false;
  const seen = new Set<string>();
  for (const r of requests) {
    if (r.mac !== undefined && parseMac(r.mac.trim()) === undefined)
      throw new OptionError(`${r.mac} is not a valid mac address`);
    if (isUserDefinedMode(r.network)) user = true;
    else predefined = true;
    if (!isUserDefinedMode(r.network) && r.aliases.length > 0)
      throw new OptionError("network-scoped aliases are only supported for user-defined networks");
    // Client 20.10 gave --link to the first network too, and refused it on a network of its own kind.
    if (era === 20 && r === first && !isUserDefinedMode(r.network) && links.length > 0)
      throw new OptionError("links are only supported for user-defined networks");
    if (seen.has(r.network)) throw new OptionError(`network "${r.network}" is specified multiple times`);
    seen.add(r.network);
  }
  if (user && predefined)
    throw new OptionError(
      "conflicting options: cannot attach both user-defined and non-user-defined network-modes",
    );
  return requests;
}

/** Builds the daemon's create request from parsed flags; throws OptionError for what the client refuses. */
export function createOptions(
  flags: FlagValues,
  args: string[],
  attach: boolean,
  era: DockerEra,
): CreateOptions {
  const [image = "", ...cmd] = args;
  const portBindings: Record<string, PortBinding[]> = {};
  const expose: string[] = [];
  for (const spec of list(flags, "publish")) {
    for (const { port, binding } of parsePortSpec(spec)) {
      portBindings[port] = [...(portBindings[port] ?? []), binding];
      expose.push(port);
    }
  }
  for (const spec of list(flags, "expose")) expose.push(...parseExpose(spec));
  const uts = str(flags, "uts") ?? "";
  if (uts !== "" && uts !== "host") throw new OptionError("--uts: invalid UTS mode");
  const restart = str(flags, "restart") ?? "no";
  if (bool(flags, "rm") && restart !== "no" && restart !== "") {
    throw new OptionError("conflicting options: cannot specify both --restart and --rm");
  }
  const entrypoint = str(flags, "entrypoint");
  const optional = <K extends string>(key: K, value: string | undefined) =>
    (value !== undefined ? { [key]: value } : {}) as Partial<Record<K, string>>;
  return {
    image,
    cmd,
    ...optional("name", str(flags, "name")),
    ...(entrypoint !== undefined ? { entrypoint: entrypoint === "" ? [] : [entrypoint] } : {}),
    ...optional("stopSignal", str(flags, "stop-signal")),
    ...(str(flags, "stop-timeout") !== undefined ? { stopTimeout: Number(str(flags, "stop-timeout")) } : {}),
    ...optional("hostname", str(flags, "hostname")),
    ...optional("domainname", str(flags, "domainname")),
    ...optional("user", str(flags, "user")),
    ...optional("workdir", str(flags, "workdir")),
    tty: bool(flags, "tty"),
    openStdin: bool(flags, "interactive"),
    attach,
    env: list(flags, "env").map((e) => (e.includes("=") ? e : `${e}=`)),
    expose,
    portBindings,
    publishAll: bool(flags, "publish-all"),
    networks: networkRequests(flags, era),
    links: list(flags, "link"),
    dns: list(flags, "dns"),
    dnsSearch: list(flags, "dns-search"),
    dnsOptions: [...list(flags, "dns-opt"), ...list(flags, "dns-option")],
    extraHosts: list(flags, "add-host"),
    utsMode: uts,
    readOnly: bool(flags, "read-only"),
    autoRemove: bool(flags, "rm"),
    privileged: bool(flags, "privileged"),
    capAdd: list(flags, "cap-add"),
    capDrop: list(flags, "cap-drop"),
    restart: restart || "no",
    labels: keyValues(list(flags, "label")),
  };
}

/** `Unable to find image …` and the pull, when the image is not there yet (as `--pull missing` does). */
function ensureImage(ctx: DockerCtx, image: string): void {
  if (hasImage(ctx.host, image)) return;
  const { repo, tag } = parseRef(image);
  ctx.out.error(`Unable to find image '${repo}:${tag}' locally`);
  pullImage(ctx, image, (line) => ctx.out.error(line));
}

/** The client's checks and the create request; throws CliError (exit 125) as run.go words them. */
function create(ctx: DockerCtx, flags: FlagValues, args: string[], command: string, attach: boolean) {
  let opts: CreateOptions;
  try {
    opts = createOptions(flags, args, attach, eraOf(ctx));
  } catch (error) {
    if (error instanceof OptionError) {
      const message = error instanceof PortSpecError && eraOf(ctx) === 20 ? error.message20 : error.message;
      throw new CliError(withHelp(ctx, message, command), 125);
    }
    throw error;
  }
  if (!isValidRef(opts.image)) {
    const lower = opts.image.toLowerCase();
    const message =
      lower !== opts.image && isValidRef(lower)
        ? `invalid reference format: repository name (library/${opts.image}) must be lowercase`
        : "invalid reference format";
    throw new CliError(withHelp(ctx, message, command), 125);
  }
  ensureImage(ctx, opts.image);
  try {
    const { container, warnings } = createContainer(ctx.host, opts);
    // The client adds its own warning after the daemon's (create.go, localhostDNSWarning); client
    // 20.10 warned of every IPv6 server too, in its own words.
    if (eraOf(ctx) === 20) {
      const local = opts.dns.find((d) => d.startsWith("127.") || d.includes(":"));
      if (local) warnings.push(`Localhost DNS setting (--dns=${local}) may fail in containers.`);
    } else {
      const loopback = opts.dns.find((d) => d.startsWith("127.") || d === "::1");
      if (loopback) warnings.push(`Localhost DNS (${loopback}) may fail in containers.`);
    }
    for (const w of warnings) ctx.out.error(`WARNING: ${w}`);
    ctx.touch(container.name);
    return container;
  } catch (error) {
    if (error instanceof DaemonError) {
      // run wraps the refusal in its help (125); create returns it as it came (1).
      const message = `Error response from daemon: ${error.message}`;
      if (command === "create") throw new CliError(message, 1);
      throw new CliError(withHelp(ctx, message, "run"), 125);
    }
    throw error;
  }
}

/** toStatusError: a failed start exits 127 for a missing executable, 126 for a permission error, else 125. */
function startError(ctx: DockerCtx, error: DaemonError): CliError {
  const message = withHelp(ctx, `Error response from daemon: ${error.message}`, "run", false);
  if (/executable file not found|no such file or directory/.test(error.message))
    return new CliError(message, 127);
  if (/permission denied|is a directory/.test(error.message)) return new CliError(message, 126);
  return new CliError(message, 125);
}

const run: DockerCommand = {
  processes: [attached],
  top: "run",
  common: 1,
  group: ["container", "run"],
  use: "[OPTIONS] IMAGE [COMMAND] [ARG...]",
  summary: "Create and run a new container from an image",
  summary20: "Run a command in a new container",
  aliases: "docker container run, docker run",
  flags: RUN_FLAGS,
  interspersed: false,
  args: { min: 1 },
  run(ctx, { flags, args }) {
    const detach = bool(flags, "detach");
    const c = create(ctx, flags, args, "run", !detach);
    // The client prints the ID of a detached container before asking the daemon to start it.
    if (detach) ctx.out.line(c.id);
    let exit: number | undefined;
    try {
      exit = startAndRun(ctx, ctx.host, c, !detach);
    } catch (error) {
      if (!(error instanceof DaemonError)) throw error;
      const failed = startError(ctx, error);
      // Client 20.10 cancelled its wait for the attached container and logged that too (logrus);
      // with --rm it waited otherwise.
      if (detach || bool(flags, "rm") || eraOf(ctx) === 26) throw failed;
      const time = `${new Date(ctx.world.clock).toISOString().slice(0, 19)}Z`;
      throw new CliError(
        `${failed.message}\ntime="${time}" level=error msg="error waiting for container: context canceled"`,
        failed.code,
      );
    }
    if (detach) return 0;
    if (exit !== undefined) return exit;
    return attachTo(ctx, c);
  },
};

const createCmd: DockerCommand = {
  top: "create",
  group: ["container", "create"],
  use: "[OPTIONS] IMAGE [COMMAND] [ARG...]",
  summary: "Create a new container",
  aliases: "docker container create, docker create",
  flags: CREATE_FLAGS,
  interspersed: false,
  args: { min: 1 },
  run(ctx, { flags, args }) {
    const c = create(ctx, flags, args, "create", true);
    ctx.out.line(c.id);
    return 0;
  },
};

export const subcommands: DockerCommand[] = [run, createCmd];
