/**
 * The flags of the swarm's commands: `docker service create` and `docker service update` as client
 * 28 lists them (read off tests/ground-truth/multihost/07-help), `service logs`, the `ls` of nodes
 * and services, `swarm update`. The lab acts on the networking ones and the few that shape tasks
 * (mode, replicas, constraints, image, command); the rest parse and are kept out of the way.
 */
import { type FlagSpec, flag } from "./flags";
import { FORMAT_HELP } from "./format";
import { LOG_FLAGS } from "./logs";

/**
 * The flags create and update share (docker/cli's addServiceFlags): create shows the defaults a new
 * service gets, update none, as what it does not name stays as the service has it.
 */
function serviceFlags(defaults: boolean): FlagSpec[] {
  const def = (value: string) => (defaults ? { def: value } : {});
  return [
    flag("cap-add", "Add Linux capabilities", { value: "list" }),
    flag("cap-drop", "Drop Linux capabilities", { value: "list" }),
    flag("credential-spec", "Credential spec for managed service account (Windows only)", {
      value: "credential-spec",
    }),
    flag("detach", "Exit immediately instead of waiting for the service to converge", { short: "d" }),
    flag("endpoint-mode", "Endpoint mode (vip or dnsrr)", { value: "string", ...def(`"vip"`) }),
    flag("entrypoint", "Overwrite the default ENTRYPOINT of the image", { value: "command" }),
    flag("health-cmd", "Command to run to check health", { value: "string" }),
    flag("health-interval", "Time between running the check (ms|s|m|h)", { value: "duration" }),
    flag("health-retries", "Consecutive failures needed to report unhealthy", { value: "int" }),
    flag("health-start-interval", "Time between running the check during the start period (ms|s|m|h)", {
      value: "duration",
    }),
    flag(
      "health-start-period",
      "Start period for the container to initialize before counting retries towards unstable (ms|s|m|h)",
      { value: "duration" },
    ),
    flag("health-timeout", "Maximum time to allow one check to run (ms|s|m|h)", { value: "duration" }),
    flag("hostname", "Container hostname", { value: "string" }),
    flag("init", "Use an init inside each service container to forward signals and reap processes"),
    flag("isolation", "Service container isolation mode", { value: "string" }),
    flag("limit-cpu", "Limit CPUs", { value: "decimal" }),
    flag("limit-memory", "Limit Memory", { value: "bytes" }),
    flag("limit-pids", "Limit maximum number of processes", { value: "int", def: "0 = unlimited" }),
    flag("log-driver", "Logging driver for service", { value: "string" }),
    flag("log-opt", "Logging driver options", { value: "list" }),
    flag("max-concurrent", "Number of job tasks to run concurrently", {
      value: "uint",
      def: "equal to --replicas",
    }),
    flag("no-healthcheck", "Disable any container-specified HEALTHCHECK"),
    flag("no-resolve-image", "Do not query the registry to resolve image digest and supported platforms"),
    flag("quiet", "Suppress progress output", { short: "q" }),
    flag("read-only", "Mount the container's root filesystem as read only"),
    flag("replicas", "Number of tasks", { value: "uint" }),
    flag("replicas-max-per-node", "Maximum number of tasks per node", {
      value: "uint",
      def: "0 = unlimited",
    }),
    flag("reserve-cpu", "Reserve CPUs", { value: "decimal" }),
    flag("reserve-memory", "Reserve Memory", { value: "bytes" }),
    flag("restart-condition", 'Restart when condition is met ("none", "on-failure", "any")', {
      value: "string",
      ...def(`"any"`),
    }),
    flag("restart-delay", "Delay between restart attempts (ns|us|ms|s|m|h)", {
      value: "duration",
      ...def("5s"),
    }),
    flag("restart-max-attempts", "Maximum number of restarts before giving up", { value: "uint" }),
    flag("restart-window", "Window used to evaluate the restart policy (ns|us|ms|s|m|h)", {
      value: "duration",
    }),
    flag("rollback-delay", "Delay between task rollbacks (ns|us|ms|s|m|h)", {
      value: "duration",
      ...def("0s"),
    }),
    flag("rollback-failure-action", 'Action on rollback failure ("pause", "continue")', {
      value: "string",
      ...def(`"pause"`),
    }),
    flag("rollback-max-failure-ratio", "Failure rate to tolerate during a rollback", {
      value: "float",
      ...def("0"),
    }),
    flag("rollback-monitor", "Duration after each task rollback to monitor for failure (ns|us|ms|s|m|h)", {
      value: "duration",
      ...def("5s"),
    }),
    flag("rollback-order", 'Rollback order ("start-first", "stop-first")', {
      value: "string",
      ...def(`"stop-first"`),
    }),
    flag(
      "rollback-parallelism",
      "Maximum number of tasks rolled back simultaneously (0 to roll back all at once)",
      { value: "uint", ...def("1") },
    ),
    flag("stop-grace-period", "Time to wait before force killing a container (ns|us|ms|s|m|h)", {
      value: "duration",
      ...def("10s"),
    }),
    flag("stop-signal", "Signal to stop the container", { value: "string" }),
    flag("tty", "Allocate a pseudo-TTY", { short: "t" }),
    flag("update-delay", "Delay between updates (ns|us|ms|s|m|h)", { value: "duration", ...def("0s") }),
    flag("update-failure-action", 'Action on update failure ("pause", "continue", "rollback")', {
      value: "string",
      ...def(`"pause"`),
    }),
    flag("update-max-failure-ratio", "Failure rate to tolerate during an update", {
      value: "float",
      ...def("0"),
    }),
    flag("update-monitor", "Duration after each task update to monitor for failure (ns|us|ms|s|m|h)", {
      value: "duration",
      ...def("5s"),
    }),
    flag("update-order", 'Update order ("start-first", "stop-first")', {
      value: "string",
      ...def(`"stop-first"`),
    }),
    flag("update-parallelism", "Maximum number of tasks updated simultaneously (0 to update all at once)", {
      value: "uint",
      ...def("1"),
    }),
    flag("user", "Username or UID (format: <name|uid>[:<group|gid>])", { short: "u", value: "string" }),
    flag("with-registry-auth", "Send registry authentication details to swarm agents"),
    flag("workdir", "Working directory inside the container", { short: "w", value: "string" }),
  ];
}

const byName = (a: FlagSpec, b: FlagSpec) => (a.long < b.long ? -1 : a.long > b.long ? 1 : 0);

export const CREATE_FLAGS: FlagSpec[] = [
  ...serviceFlags(true),
  flag("config", "Specify configurations to expose to the service", { value: "config" }),
  flag("constraint", "Placement constraints", { value: "list" }),
  flag("container-label", "Container labels", { value: "list" }),
  flag("dns", "Set custom DNS servers", { value: "list" }),
  flag("dns-option", "Set DNS options", { value: "list" }),
  flag("dns-search", "Set custom DNS search domains", { value: "list" }),
  flag("env", "Set environment variables", { short: "e", value: "list" }),
  flag("env-file", "Read in a file of environment variables", { value: "list" }),
  flag("generic-resource", "User defined resources", { value: "list" }),
  flag("group", "Set one or more supplementary user groups for the container", { value: "list" }),
  flag("host", "Set one or more custom host-to-IP mappings (host:ip)", { value: "list" }),
  flag("label", "Service labels", { short: "l", value: "list" }),
  flag("mode", 'Service mode ("replicated", "global", "replicated-job", "global-job")', {
    value: "string",
    def: `"replicated"`,
  }),
  flag("mount", "Attach a filesystem mount to the service", { value: "mount" }),
  flag("name", "Service name", { value: "string" }),
  flag("network", "Network attachments", { value: "network" }),
  flag("placement-pref", "Add a placement preference", { value: "pref" }),
  flag("publish", "Publish a port as a node port", { short: "p", value: "port" }),
  flag("secret", "Specify secrets to expose to the service", { value: "secret" }),
  flag("sysctl", "Sysctl options", { value: "list" }),
  flag("ulimit", "Ulimit options", { value: "ulimit", def: "[]" }),
].sort(byName);

export const UPDATE_FLAGS: FlagSpec[] = [
  ...serviceFlags(false),
  flag("args", "Service command args", { value: "command" }),
  flag("config-add", "Add or update a config file on a service", { value: "config" }),
  flag("config-rm", "Remove a configuration file", { value: "list" }),
  flag("constraint-add", "Add or update a placement constraint", { value: "list" }),
  flag("constraint-rm", "Remove a constraint", { value: "list" }),
  flag("container-label-add", "Add or update a container label", { value: "list" }),
  flag("container-label-rm", "Remove a container label by its key", { value: "list" }),
  flag("dns-add", "Add or update a custom DNS server", { value: "list" }),
  flag("dns-option-add", "Add or update a DNS option", { value: "list" }),
  flag("dns-option-rm", "Remove a DNS option", { value: "list" }),
  flag("dns-rm", "Remove a custom DNS server", { value: "list" }),
  flag("dns-search-add", "Add or update a custom DNS search domain", { value: "list" }),
  flag("dns-search-rm", "Remove a DNS search domain", { value: "list" }),
  flag("env-add", "Add or update an environment variable", { value: "list" }),
  flag("env-rm", "Remove an environment variable", { value: "list" }),
  flag("force", "Force update even if no changes require it"),
  flag("generic-resource-add", "Add a Generic resource", { value: "list" }),
  flag("generic-resource-rm", "Remove a Generic resource", { value: "list" }),
  flag("group-add", "Add an additional supplementary user group to the container", { value: "list" }),
  flag("group-rm", "Remove a previously added supplementary user group from the container", {
    value: "list",
  }),
  flag("host-add", 'Add a custom host-to-IP mapping ("host:ip")', { value: "list" }),
  flag("host-rm", 'Remove a custom host-to-IP mapping ("host:ip")', { value: "list" }),
  flag("image", "Service image tag", { value: "string" }),
  flag("label-add", "Add or update a service label", { value: "list" }),
  flag("label-rm", "Remove a label by its key", { value: "list" }),
  flag("mount-add", "Add or update a mount on a service", { value: "mount" }),
  flag("mount-rm", "Remove a mount by its target path", { value: "list" }),
  flag("network-add", "Add a network", { value: "network" }),
  flag("network-rm", "Remove a network", { value: "list" }),
  flag("placement-pref-add", "Add a placement preference", { value: "pref" }),
  flag("placement-pref-rm", "Remove a placement preference", { value: "pref" }),
  flag("publish-add", "Add or update a published port", { value: "port" }),
  flag("publish-rm", "Remove a published port by its target port", { value: "port" }),
  flag("rollback", "Rollback to previous specification"),
  flag("secret-add", "Add or update a secret on a service", { value: "secret" }),
  flag("secret-rm", "Remove a secret", { value: "list" }),
  flag("sysctl-add", "Add or update a Sysctl option", { value: "list" }),
  flag("sysctl-rm", "Remove a Sysctl option", { value: "list" }),
  flag("ulimit-add", "Add or update a ulimit option", { value: "ulimit", def: "[]" }),
  flag("ulimit-rm", "Remove a ulimit option", { value: "list" }),
].sort(byName);

/** `docker node ls` and `docker service ls`. */
export const LS_FLAGS: FlagSpec[] = [
  flag("filter", "Filter output based on conditions provided", { short: "f", value: "filter" }),
  flag("format", FORMAT_HELP, { value: "string" }),
  flag("quiet", "Only display IDs", { short: "q" }),
];

export const LOGS_FLAGS: FlagSpec[] = [
  LOG_FLAGS.details,
  LOG_FLAGS.follow,
  flag("no-resolve", "Do not map IDs to Names in output"),
  flag("no-task-ids", "Do not include task IDs in output"),
  flag("no-trunc", "Do not truncate output"),
  flag("raw", "Do not neatly format logs"),
  LOG_FLAGS.since,
  LOG_FLAGS.tail,
  LOG_FLAGS.timestamps,
];

export const SWARM_UPDATE_FLAGS: FlagSpec[] = [
  flag("autolock", "Change manager autolocking setting (true|false)"),
  flag("cert-expiry", "Validity period for node certificates (ns|us|ms|s|m|h)", {
    value: "duration",
    def: "2160h0m0s",
  }),
  flag("dispatcher-heartbeat", "Dispatcher heartbeat period (ns|us|ms|s|m|h)", {
    value: "duration",
    def: "5s",
  }),
  flag("external-ca", "Specifications of one or more certificate signing endpoints", {
    value: "external-ca",
  }),
  flag("max-snapshots", "Number of additional Raft snapshots to retain", { value: "uint" }),
  flag("snapshot-interval", "Number of log entries between Raft snapshots", { value: "uint", def: "10000" }),
  flag("task-history-limit", "Task history retention limit", { value: "int", def: "5" }),
];
