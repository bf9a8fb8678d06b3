/**
 * `docker --help` and `docker GROUP` in client 28's layout (cli/cobra.go's usage template), made
 * from the command table: the root lists every command the real client has, management groups
 * list their subcommands, each with its summary.
 */
import type { ListedCommand } from "./cli";
import { type FlagSpec, flag, flagUsages } from "./flags";

/** cobra's NamePadding: a command column as wide as the longest sibling name, at least 11. */
function columns(rows: [string, string][], pad = 0): string[] {
  const width = Math.max(11, ...rows.map(([n]) => n.length)) + pad;
  return rows.map(([n, s]) => `  ${n.padEnd(width)} ${s}`);
}

/** The management groups, with their summaries (swarm is listed in a section of its own). */
export const GROUPS: Record<string, string> = {
  builder: "Manage builds",
  container: "Manage containers",
  context: "Manage contexts",
  image: "Manage images",
  manifest: "Manage Docker image manifests and manifest lists",
  network: "Manage networks",
  plugin: "Manage plugins",
  system: "Manage Docker",
  trust: "Manage trust on Docker images",
  volume: "Manage volumes",
  config: "Manage Swarm configs",
  node: "Manage Swarm nodes",
  secret: "Manage Swarm secrets",
  service: "Manage Swarm services",
  stack: "Manage Swarm stacks",
  swarm: "Manage Swarm",
};

/** The groups `docker --help` lists under Swarm Commands: all but swarm only to a swarm manager. */
const SWARM_GROUPS = ["config", "node", "secret", "service", "stack", "swarm"];

/** The client's own flags, before the command: what `docker --help` lists and `docker` parses. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  flag("config", "Location of client config files", { value: "string", def: `"/root/.docker"` }),
  flag(
    "context",
    'Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with "docker context use")',
    { short: "c", value: "string" },
  ),
  flag("debug", "Enable debug mode", { short: "D" }),
  flag("host", "Daemon socket to connect to", { short: "H", value: "list" }),
  flag("log-level", 'Set the logging level ("debug", "info", "warn", "error", "fatal")', {
    short: "l",
    value: "string",
    def: `"info"`,
  }),
  flag("tls", "Use TLS; implied by --tlsverify"),
  flag("tlscacert", "Trust certs signed only by this CA", { value: "string", def: `"/root/.docker/ca.pem"` }),
  flag("tlscert", "Path to TLS certificate file", { value: "string", def: `"/root/.docker/cert.pem"` }),
  flag("tlskey", "Path to TLS key file", { value: "string", def: `"/root/.docker/key.pem"` }),
  flag("tlsverify", "Use TLS and verify the remote"),
  flag("version", "Print version information and quit", { short: "v" }),
];

const GLOBAL_OPTIONS = `Global Options:\n${flagUsages(GLOBAL_FLAGS)}`;

const byName = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Client 20.10's options: the same flags, two in its older words. */
const GLOBAL_OPTIONS_20 = `Options:\n${flagUsages(
  GLOBAL_FLAGS.map((f) =>
    f.long === "host"
      ? { ...f, usage: "Daemon socket(s) to connect to" }
      : f.long === "log-level"
        ? { ...f, usage: 'Set the logging level ("debug"|"info"|"warn"|"error"|"fatal")' }
        : f,
  ),
)}`;

/** Client 20.10's management groups, where its list and words differ from GROUPS. */
const GROUPS_20: Record<string, string> = {
  ...GROUPS,
  completion: "Generate the autocompletion script for the specified shell",
  config: "Manage Docker configs",
  secret: "Manage Docker secrets",
  service: "Manage services",
  stack: "Manage Docker stacks",
};

/**
 * `docker --help` of client 20.10: options first, every group, then every command by name. Its usage
 * after a flag error has no blank line first and no `completion` (cobra adds that command only to
 * run help).
 */
export function rootHelp20(table: readonly ListedCommand[], forError = false): string {
  const commands = table
    .filter((c) => c.top !== undefined)
    .map((c): [string, string] => [c.top ?? "", c.summary20 ?? c.summary])
    .sort(byName);
  const groups = Object.entries(GROUPS_20)
    .filter(([g]) => !forError || g !== "completion")
    .sort(byName);
  return [
    ...(forError ? [] : [""]),
    "Usage:  docker [OPTIONS] COMMAND",
    "",
    "A self-sufficient runtime for containers",
    "",
    GLOBAL_OPTIONS_20,
    "",
    "Management Commands:",
    ...columns(groups),
    "",
    "Commands:",
    ...columns(commands),
    "",
    "Run 'docker COMMAND --help' for more information on a command.",
    "",
    "To get more help with docker, check out our guides at https://docs.docker.com/go/guides/",
    "",
  ].join("\n");
}

export function rootHelp(table: readonly ListedCommand[], manager: boolean): string {
  const common = table
    .filter((c) => c.top !== undefined && c.common !== undefined)
    .sort((a, b) => (a.common ?? 0) - (b.common ?? 0))
    .map((c): [string, string] => [c.top ?? "", c.summary]);
  const others = table
    .filter((c) => c.top !== undefined && c.common === undefined)
    .map((c): [string, string] => [c.top ?? "", c.summary])
    .sort(byName);
  const groups = Object.entries(GROUPS).filter(([g]) => !SWARM_GROUPS.includes(g));
  const swarm = SWARM_GROUPS.filter((g) => manager || g === "swarm").map((g): [string, string] => [
    g,
    GROUPS[g] ?? "",
  ]);
  return [
    "Usage:  docker [OPTIONS] COMMAND",
    "",
    "A self-sufficient runtime for containers",
    "",
    "Common Commands:",
    ...columns(common),
    "",
    "Management Commands:",
    ...columns(groups),
    "",
    "Swarm Commands:",
    ...columns(swarm),
    "",
    "Commands:",
    ...columns(others),
    "",
    GLOBAL_OPTIONS,
    "",
    "Run 'docker COMMAND --help' for more information on a command.",
    "",
    "For more help on how to use Docker, head to https://docs.docker.com/go/guides/",
    "",
  ].join("\n");
}

/** `docker GROUP`: its usage and subcommands (`only`: those the client shows in the daemon's state). */
export function groupHelp(table: readonly ListedCommand[], group: string, only?: readonly string[]): string {
  const rows = table
    .filter((c) => c.group?.[0] === group && (!only || only.includes(c.group[1])))
    .map((c): [string, string] => [c.group?.[1] ?? "", c.summary])
    .sort(byName);
  return [
    `Usage:  docker ${group} COMMAND`,
    "",
    GROUPS[group] ?? "",
    "",
    "Commands:",
    ...columns(rows),
    "",
    `Run 'docker ${group} COMMAND --help' for more information on a command.`,
    "",
  ].join("\n");
}
