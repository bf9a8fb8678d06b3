/**
 * `docker --help` and `docker GROUP` in client 28's layout (cli/cobra.go's usage template): the
 * root lists every command the real client has, management groups list their subcommands.
 */

/** cobra's NamePadding: a command column as wide as the longest sibling name, at least 11. */
function table(rows: [string, string][], pad = 0): string[] {
  const width = Math.max(11, ...rows.map(([n]) => n.length)) + pad;
  return rows.map(([n, s]) => `  ${n.padEnd(width)} ${s}`);
}

const COMMON: [string, string][] = [
  ["run", "Create and run a new container from an image"],
  ["exec", "Execute a command in a running container"],
  ["ps", "List containers"],
  ["build", "Build an image from a Dockerfile"],
  ["pull", "Download an image from a registry"],
  ["push", "Upload an image to a registry"],
  ["images", "List images"],
  ["login", "Authenticate to a registry"],
  ["logout", "Log out from a registry"],
  ["search", "Search Docker Hub for images"],
  ["version", "Show the Docker version information"],
  ["info", "Display system-wide information"],
];

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

/** Groups the client lists under "Swarm Commands:", the first five only to a swarm manager. */
const SWARM_GROUPS = ["config", "node", "secret", "service", "stack", "swarm"];

const OTHERS: [string, string][] = [
  ["attach", "Attach local standard input, output, and error streams to a running container"],
  ["commit", "Create a new image from a container's changes"],
  ["cp", "Copy files/folders between a container and the local filesystem"],
  ["create", "Create a new container"],
  ["diff", "Inspect changes to files or directories on a container's filesystem"],
  ["events", "Get real time events from the server"],
  ["export", "Export a container's filesystem as a tar archive"],
  ["history", "Show the history of an image"],
  ["import", "Import the contents from a tarball to create a filesystem image"],
  ["inspect", "Return low-level information on Docker objects"],
  ["kill", "Kill one or more running containers"],
  ["load", "Load an image from a tar archive or STDIN"],
  ["logs", "Fetch the logs of a container"],
  ["pause", "Pause all processes within one or more containers"],
  ["port", "List port mappings or a specific mapping for the container"],
  ["rename", "Rename a container"],
  ["restart", "Restart one or more containers"],
  ["rm", "Remove one or more containers"],
  ["rmi", "Remove one or more images"],
  ["save", "Save one or more images to a tar archive (streamed to STDOUT by default)"],
  ["start", "Start one or more stopped containers"],
  ["stats", "Display a live stream of container(s) resource usage statistics"],
  ["stop", "Stop one or more running containers"],
  ["tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"],
  ["top", "Display the running processes of a container"],
  ["unpause", "Unpause all processes within one or more containers"],
  ["update", "Update configuration of one or more containers"],
  ["wait", "Block until one or more containers stop, then print their exit codes"],
];

/** Every top-level word the real client knows, for telling "not simulated" from "unknown". */
export const KNOWN_TOP = new Set([
  ...COMMON.map(([n]) => n),
  ...OTHERS.map(([n]) => n),
  ...Object.keys(GROUPS),
]);

/** Subcommands of the management groups, by group (the real client's lists, in its order). */
export const GROUP_COMMANDS: Record<string, [string, string][]> = {
  container: [
    ["attach", "Attach local standard input, output, and error streams to a running container"],
    ["commit", "Create a new image from a container's changes"],
    ["cp", "Copy files/folders between a container and the local filesystem"],
    ["create", "Create a new container"],
    ["diff", "Inspect changes to files or directories on a container's filesystem"],
    ["exec", "Execute a command in a running container"],
    ["export", "Export a container's filesystem as a tar archive"],
    ["inspect", "Display detailed information on one or more containers"],
    ["kill", "Kill one or more running containers"],
    ["logs", "Fetch the logs of a container"],
    ["ls", "List containers"],
    ["pause", "Pause all processes within one or more containers"],
    ["port", "List port mappings or a specific mapping for the container"],
    ["prune", "Remove all stopped containers"],
    ["rename", "Rename a container"],
    ["restart", "Restart one or more containers"],
    ["rm", "Remove one or more containers"],
    ["run", "Create and run a new container from an image"],
    ["start", "Start one or more stopped containers"],
    ["stats", "Display a live stream of container(s) resource usage statistics"],
    ["stop", "Stop one or more running containers"],
    ["top", "Display the running processes of a container"],
    ["unpause", "Unpause all processes within one or more containers"],
    ["update", "Update configuration of one or more containers"],
    ["wait", "Block until one or more containers stop, then print their exit codes"],
  ],
  image: [
    ["build", "Build an image from a Dockerfile"],
    ["history", "Show the history of an image"],
    ["import", "Import the contents from a tarball to create a filesystem image"],
    ["inspect", "Display detailed information on one or more images"],
    ["load", "Load an image from a tar archive or STDIN"],
    ["ls", "List images"],
    ["prune", "Remove unused images"],
    ["pull", "Download an image from a registry"],
    ["push", "Upload an image to a registry"],
    ["rm", "Remove one or more images"],
    ["save", "Save one or more images to a tar archive (streamed to STDOUT by default)"],
    ["tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"],
  ],
  network: [
    ["connect", "Connect a container to a network"],
    ["create", "Create a network"],
    ["disconnect", "Disconnect a container from a network"],
    ["inspect", "Display detailed information on one or more networks"],
    ["ls", "List networks"],
    ["prune", "Remove all unused networks"],
    ["rm", "Remove one or more networks"],
  ],
  node: [
    ["demote", "Demote one or more nodes from manager in the swarm"],
    ["inspect", "Display detailed information on one or more nodes"],
    ["ls", "List nodes in the swarm"],
    ["promote", "Promote one or more nodes to manager in the swarm"],
    ["ps", "List tasks running on one or more nodes, defaults to current node"],
    ["rm", "Remove one or more nodes from the swarm"],
    ["update", "Update a node"],
  ],
  service: [
    ["create", "Create a new service"],
    ["inspect", "Display detailed information on one or more services"],
    ["logs", "Fetch the logs of a service or task"],
    ["ls", "List services"],
    ["ps", "List the tasks of one or more services"],
    ["rm", "Remove one or more services"],
    ["rollback", "Revert changes to a service's configuration"],
    ["scale", "Scale one or multiple replicated services"],
    ["update", "Update a service"],
  ],
  swarm: [
    ["ca", "Display and rotate the root CA"],
    ["init", "Initialize a swarm"],
    ["join", "Join a swarm as a node and/or manager"],
    ["join-token", "Manage join tokens"],
    ["leave", "Leave the swarm"],
    ["unlock", "Unlock swarm"],
    ["unlock-key", "Manage the unlock key"],
    ["update", "Update the swarm"],
  ],
  system: [
    ["df", "Show docker disk usage"],
    ["events", "Get real time events from the server"],
    ["info", "Display system-wide information"],
    ["prune", "Remove unused data"],
  ],
};

const GLOBAL_OPTIONS = `Global Options:
      --config string      Location of client config files (default
                           "/root/.docker")
  -c, --context string     Name of the context to use to connect to the
                           daemon (overrides DOCKER_HOST env var and
                           default context set with "docker context use")
  -D, --debug              Enable debug mode
  -H, --host list          Daemon socket to connect to
  -l, --log-level string   Set the logging level ("debug", "info",
                           "warn", "error", "fatal") (default "info")
      --tls                Use TLS; implied by --tlsverify
      --tlscacert string   Trust certs signed only by this CA (default
                           "/root/.docker/ca.pem")
      --tlscert string     Path to TLS certificate file (default
                           "/root/.docker/cert.pem")
      --tlskey string      Path to TLS key file (default
                           "/root/.docker/key.pem")
      --tlsverify          Use TLS and verify the remote
  -v, --version            Print version information and quit`;

export function rootHelp(manager: boolean): string {
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
    ...table(COMMON),
    "",
    "Management Commands:",
    ...table(groups),
    "",
    "Swarm Commands:",
    ...table(swarm),
    "",
    "Commands:",
    ...table(OTHERS),
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
export function groupHelp(group: string, only?: string[]): string {
  const commands = (GROUP_COMMANDS[group] ?? []).filter(([name]) => !only || only.includes(name));
  return [
    `Usage:  docker ${group} COMMAND`,
    "",
    GROUPS[group] ?? "",
    "",
    "Commands:",
    ...table(commands),
    "",
    `Run 'docker ${group} COMMAND --help' for more information on a command.`,
    "",
  ].join("\n");
}
