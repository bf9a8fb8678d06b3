/**
 * Every flag `docker run` and `docker create` accept in client 28 (cli/command/container/opts.go,
 * run.go, create.go), with their usage texts, so that `--help` lists them exactly and any real flag
 * parses. Flags the simulation has no use for (cgroups, devices, limits) are accepted and kept in
 * the container's configuration only as far as `docker inspect` shows them.
 */
import type { NetworkRequest } from "../../../engine/docker/attachments";
import { canonicalAddr } from "../../../engine/ip";
import { type FlagSpec, flag } from "./flags";

/** opts.ValidateIPAddress: the address in Go's canonical form. */
function validateIp(value: string): string {
  const ip = canonicalAddr(value.trim());
  if (ip === undefined) throw new Error(`IP address is not correctly formatted: ${value}`);
  return ip;
}

/** opts.ValidateExtraHost: `name:ip` or `name=ip` (ip may be bracketed, or host-gateway), sent as `name:ip`. */
function validateExtraHost(value: string): string {
  const eq = value.indexOf("=");
  const at = eq >= 0 ? eq : value.indexOf(":");
  const name = value.slice(0, Math.max(at, 0));
  let ip = value.slice(at + 1);
  if (at < 0 || name === "" || name.includes(":")) throw new Error(`bad format for add-host: "${value}"`);
  if (ip !== "host-gateway") {
    if (ip.length > 2 && ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
    if (canonicalAddr(ip.trim()) === undefined) throw new Error(`invalid IP address in add-host: "${ip}"`);
  }
  return `${name}:${ip}`;
}

/** Client 20.10's opts.ValidateIPAddress: the same check, its own words. */
function validateIp20(value: string): string {
  const ip = canonicalAddr(value.trim());
  if (ip === undefined) throw new Error(`${value} is not an ip address`);
  return ip;
}

/** Client 20.10's opts.ValidateExtraHost: `name:ip` only, split at the first colon, sent as typed. */
function validateExtraHost20(value: string): string {
  const at = value.indexOf(":");
  if (at <= 0) throw new Error(`bad format for add-host: "${value}"`);
  const ip = value.slice(at + 1);
  if (ip !== "host-gateway" && canonicalAddr(ip.trim()) === undefined)
    throw new Error(`invalid IP address in add-host: "${ip}"`);
  return value;
}

/** Client 20.10's NetworkOpt.Set knew no mac-address or gw-priority fields. */
function checkNetworkOpt20(value: string): string {
  const unknown = value
    .split(",")
    .map((f) => f.slice(0, f.indexOf("=")).trim().toLowerCase())
    .find((k) => /\w+=\w+/.test(value) && (k === "mac-address" || k === "gw-priority"));
  if (unknown) throw new Error(`invalid field key ${unknown}`);
  return checkNetworkOpt(value);
}

const CGROUPNS_USAGE = `Cgroup namespace to use (host|private)
'host':    Run the container in the Docker host's cgroup namespace
'private': Run the container in its own private cgroup namespace
'':        Use the cgroup namespace as configured by the
           default-cgroupns-mode option on the daemon (default)`;

/**
 * opts.NetworkOpt.Set: "mynet", or the long form "name=mynet,alias=web,ip=10.0.0.5,driver-opt=k=v"
 * (recognised by a `word=word` anywhere in it; the client lower-cases every field, values too).
 */
export function parseNetworkOpt(value: string): NetworkRequest {
  if (!/\w+=\w+/.test(value)) return { network: value, aliases: [], links: [] };
  const request: NetworkRequest = { network: "", aliases: [], links: [] };
  for (const field of value.split(",")) {
    const lower = field.toLowerCase();
    const eq = lower.indexOf("=");
    if (eq <= 0) throw new Error(`invalid field ${field}`);
    const key = lower.slice(0, eq).trim();
    const v = lower.slice(eq + 1).trim();
    if (key === "name") request.network = v;
    else if (key === "alias") request.aliases.push(v);
    else if (key === "ip") request.ip = v;
    else if (key === "ip6") request.ip6 = v;
    else if (key === "link-local-ip") request.linkLocalIps = [...(request.linkLocalIps ?? []), v];
    else if (key === "mac-address") request.mac = v;
    else if (key === "driver-opt") {
      const at = v.indexOf("=");
      if (at <= 0) throw new Error("invalid key value pair format in driver options");
      request.driverOpts = { ...request.driverOpts, [v.slice(0, at)]: v.slice(at + 1) };
    } else if (key !== "gw-priority") {
      throw new Error(`invalid field key ${key}`);
    }
  }
  if (request.network === "") throw new Error("network name/id is not specified");
  return request;
}

/** The --network flag's own check, at parse time: the value is kept as typed. */
function checkNetworkOpt(value: string): string {
  parseNetworkOpt(value);
  return value;
}

/** opts.go's addFlags: what create and run share. */
const CONTAINER_FLAGS: FlagSpec[] = [
  flag("attach", "Attach to STDIN, STDOUT or STDERR", { short: "a", value: "list" }),
  flag("device-cgroup-rule", "Add a rule to the cgroup allowed devices list", { value: "list" }),
  flag("device", "Add a host device to the container", { value: "list" }),
  flag("gpus", "GPU devices to add to the container ('all' to pass all GPUs)", { value: "gpu-request" }),
  flag("env", "Set environment variables", { short: "e", value: "list" }),
  flag("env-file", "Read in a file of environment variables", { value: "list" }),
  flag("entrypoint", "Overwrite the default ENTRYPOINT of the image", { value: "string" }),
  flag("group-add", "Add additional groups to join", { value: "list" }),
  flag("hostname", "Container host name", { short: "h", value: "string" }),
  flag("domainname", "Container NIS domain name", { value: "string" }),
  flag("interactive", "Keep STDIN open even if not attached", { short: "i" }),
  flag("label", "Set meta data on a container", { short: "l", value: "list" }),
  flag("label-file", "Read in a line delimited file of labels", { value: "list" }),
  flag("read-only", "Mount the container's root filesystem as read only"),
  flag("restart", "Restart policy to apply when a container exits", { value: "string", def: '"no"' }),
  flag("stop-signal", "Signal to stop the container", {
    value: "string",
    usage20: "Signal to stop a container",
    def20: '"SIGTERM"',
  }),
  flag("stop-timeout", "Timeout (in seconds) to stop a container", { value: "int" }),
  flag("sysctl", "Sysctl options", { value: "map", def: "map[]" }),
  flag("tty", "Allocate a pseudo-TTY", { short: "t" }),
  flag("ulimit", "Ulimit options", { value: "ulimit", def: "[]" }),
  flag("user", "Username or UID (format: <name|uid>[:<group|gid>])", { short: "u", value: "string" }),
  flag("workdir", "Working directory inside the container", { short: "w", value: "string" }),
  flag("rm", "Automatically remove the container and its associated anonymous volumes when it exits", {
    usage20: "Automatically remove the container when it exits",
  }),
  flag("cap-add", "Add Linux capabilities", { value: "list" }),
  flag("cap-drop", "Drop Linux capabilities", { value: "list" }),
  flag("privileged", "Give extended privileges to this container"),
  flag("security-opt", "Security Options", { value: "list" }),
  flag("userns", "User namespace to use", { value: "string" }),
  flag("cgroupns", CGROUPNS_USAGE, { value: "string" }),
  flag("add-host", "Add a custom host-to-IP mapping (host:ip)", {
    value: "list",
    validate: validateExtraHost,
    validate20: validateExtraHost20,
  }),
  flag("dns", "Set custom DNS servers", { value: "list", validate: validateIp, validate20: validateIp20 }),
  flag("dns-opt", "Set DNS options", { value: "list", hidden: true }),
  flag("dns-option", "Set DNS options", { value: "list" }),
  flag("dns-search", "Set custom DNS search domains", { value: "list" }),
  flag("expose", "Expose a port or a range of ports", { value: "list" }),
  flag("ip", "IPv4 address (e.g., 172.30.100.104)", { value: "string" }),
  flag("ip6", "IPv6 address (e.g., 2001:db8::33)", { value: "string" }),
  flag("link", "Add link to another container", { value: "list" }),
  flag("link-local-ip", "Container IPv4/IPv6 link-local addresses", { value: "list" }),
  flag("mac-address", "Container MAC address (e.g., 92:d0:c6:0a:29:33)", { value: "string" }),
  flag("publish", "Publish a container's port(s) to the host", { short: "p", value: "list" }),
  flag("publish-all", "Publish all exposed ports to random ports", { short: "P" }),
  flag("net", "Connect a container to a network", {
    value: "network",
    hidden: true,
    validate: checkNetworkOpt,
    validate20: checkNetworkOpt20,
  }),
  flag("network", "Connect a container to a network", {
    value: "network",
    validate: checkNetworkOpt,
    validate20: checkNetworkOpt20,
  }),
  flag("net-alias", "Add network-scoped alias for the container", { value: "list", hidden: true }),
  flag("network-alias", "Add network-scoped alias for the container", { value: "list" }),
  flag("log-driver", "Logging driver for the container", { value: "string" }),
  flag("volume-driver", "Optional volume driver for the container", { value: "string" }),
  flag("log-opt", "Log driver options", { value: "list" }),
  flag("storage-opt", "Storage driver options for the container", { value: "list" }),
  flag("tmpfs", "Mount a tmpfs directory", { value: "list" }),
  flag("volumes-from", "Mount volumes from the specified container(s)", { value: "list" }),
  flag("volume", "Bind mount a volume", { short: "v", value: "list" }),
  flag("mount", "Attach a filesystem mount to the container", { value: "mount" }),
  flag("health-cmd", "Command to run to check health", { value: "string" }),
  flag("health-interval", "Time between running the check (ms|s|m|h) (default 0s)", { value: "duration" }),
  flag("health-retries", "Consecutive failures needed to report unhealthy", { value: "int" }),
  flag("health-timeout", "Maximum time to allow one check to run (ms|s|m|h) (default 0s)", {
    value: "duration",
  }),
  flag(
    "health-start-period",
    "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)",
    { value: "duration" },
  ),
  flag(
    "health-start-interval",
    "Time between running the check during the start period (ms|s|m|h) (default 0s)",
    { value: "duration", after20: true },
  ),
  flag("no-healthcheck", "Disable any container-specified HEALTHCHECK"),
  flag("blkio-weight", "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)", {
    value: "uint16",
  }),
  flag("blkio-weight-device", "Block IO weight (relative device weight)", { value: "list", def: "[]" }),
  flag("cidfile", "Write the container ID to the file", { value: "string" }),
  flag("cpuset-cpus", "CPUs in which to allow execution (0-3, 0,1)", { value: "string" }),
  flag("cpuset-mems", "MEMs in which to allow execution (0-3, 0,1)", { value: "string" }),
  flag("cpu-count", "CPU count (Windows only)", { value: "int", hidden: true }),
  flag("cpu-percent", "CPU percent (Windows only)", { value: "int", hidden: true }),
  flag("cpu-period", "Limit CPU CFS (Completely Fair Scheduler) period", { value: "int" }),
  flag("cpu-quota", "Limit CPU CFS (Completely Fair Scheduler) quota", { value: "int" }),
  flag("cpu-rt-period", "Limit CPU real-time period in microseconds", { value: "int" }),
  flag("cpu-rt-runtime", "Limit CPU real-time runtime in microseconds", { value: "int" }),
  flag("cpu-shares", "CPU shares (relative weight)", { short: "c", value: "int" }),
  flag("cpus", "Number of CPUs", { value: "decimal" }),
  flag("device-read-bps", "Limit read rate (bytes per second) from a device", { value: "list", def: "[]" }),
  flag("device-read-iops", "Limit read rate (IO per second) from a device", { value: "list", def: "[]" }),
  flag("device-write-bps", "Limit write rate (bytes per second) to a device", { value: "list", def: "[]" }),
  flag("device-write-iops", "Limit write rate (IO per second) to a device", { value: "list", def: "[]" }),
  flag("io-maxbandwidth", "Maximum IO bandwidth limit for the system drive (Windows only)", {
    value: "bytes",
    hidden: true,
  }),
  flag("io-maxiops", "Maximum IOps limit for the system drive (Windows only)", {
    value: "uint",
    hidden: true,
  }),
  flag("kernel-memory", "Kernel memory limit", { value: "bytes" }),
  flag("memory", "Memory limit", { short: "m", value: "bytes" }),
  flag("memory-reservation", "Memory soft limit", { value: "bytes" }),
  flag("memory-swap", "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", {
    value: "bytes",
  }),
  flag("memory-swappiness", "Tune container memory swappiness (0 to 100)", { value: "int", def: "-1" }),
  flag("oom-kill-disable", "Disable OOM Killer"),
  flag("oom-score-adj", "Tune host's OOM preferences (-1000 to 1000)", { value: "int" }),
  flag("pids-limit", "Tune container pids limit (set -1 for unlimited)", { value: "int" }),
  flag("cgroup-parent", "Optional parent cgroup for the container", { value: "string" }),
  flag("ipc", "IPC mode to use", { value: "string" }),
  flag("isolation", "Container isolation technology", { value: "string" }),
  flag("pid", "PID namespace to use", { value: "string" }),
  flag("shm-size", "Size of /dev/shm", { value: "bytes" }),
  flag("uts", "UTS namespace to use", { value: "string" }),
  flag("runtime", "Runtime to use for this container", { value: "string" }),
  flag("init", "Run an init inside the container that forwards signals and reaps processes"),
  flag("annotation", "Add an annotation to the container (passed through to the OCI runtime)", {
    value: "map",
    def: "map[]",
    after20: true,
  }),
  flag("help", "Print usage"),
  flag("platform", "Set platform if server is multi-platform capable", { value: "string" }),
  flag("disable-content-trust", "Skip image verification", { def: "true" }),
  flag("name", "Assign a name to the container", { value: "string" }),
  flag("quiet", "Suppress the pull output", { short: "q", after20: true }),
  flag("use-api-socket", "Bind mount Docker API socket and required auth", { after20: true }),
];

export const CREATE_FLAGS: FlagSpec[] = [
  ...CONTAINER_FLAGS,
  flag("pull", 'Pull image before creating ("always", "|missing", "never")', {
    value: "string",
    def: '"missing"',
    usage20: 'Pull image before creating ("always"|"missing"|"never")',
  }),
];

export const RUN_FLAGS: FlagSpec[] = [
  ...CONTAINER_FLAGS,
  flag("detach", "Run container in background and print container ID", { short: "d" }),
  flag("sig-proxy", "Proxy received signals to the process", { def: "true" }),
  flag("detach-keys", "Override the key sequence for detaching a container", { value: "string" }),
  flag("pull", 'Pull image before running ("always", "missing", "never")', {
    value: "string",
    def: '"missing"',
    usage20: 'Pull image before running ("always"|"missing"|"never")',
  }),
];
