/**
 * `docker swarm init|join|join-token|leave` as client 28 prints them, and the Swarm section of
 * `docker info`. Joining first opens a TCP connection to the manager's port 2377 through the LAN
 * (a walk the graph animates); a manager that does not answer leaves the node pending.
 */
import { DaemonError } from "../../../engine/docker/errors";
import type { Host } from "../../../engine/docker/host";
import { tcpSession } from "../../../engine/packet/exchange";
import { routeOutput } from "../../../engine/packet/route";
import { randInt } from "../../../engine/rng";
import { CliRoleError, initSwarm, joinCommand, joinSwarm, leaveSwarm } from "../../../engine/swarm/cluster";
import { clusterOf, nodeOf, refreshNodes, requireManager, selfNode } from "../../../engine/swarm/store";
import type { Swarm, SwarmSettings } from "../../../engine/swarm/types";
import { advanceClock } from "../../../engine/world";
import { type GoValue, goBool, goInt, goStr, goStrings, goStruct } from "../../format/go/value";
import { traced } from "../net/common";
import { CliError, type DockerCommand, type DockerCtx, type ListedCommand } from "./cli";
import { bool, flag, str } from "./flags";
import { SWARM_UPDATE_FLAGS } from "./service-flags";
import { humanDuration } from "./units";

const ADVERTISE = flag("advertise-addr", 'Advertised address (format: "<ip|interface>[:port]")', {
  value: "string",
});
const AVAILABILITY = flag("availability", 'Availability of the node ("active", "pause", "drain")', {
  value: "string",
  def: '"active"',
});
const DATA_PATH_ADDR = flag(
  "data-path-addr",
  'Address or interface to use for data path traffic (format: "<ip|interface>")',
  { value: "string" },
);
const LISTEN = flag("listen-addr", 'Listen address (format: "<ip|interface>[:port]")', {
  value: "node-addr",
  def: "0.0.0.0:2377",
});

const init: DockerCommand = {
  group: ["swarm", "init"],
  use: "[OPTIONS]",
  summary: "Initialize a swarm",
  flags: [
    ADVERTISE,
    flag("autolock", "Enable manager autolocking (requiring an unlock key to start a stopped manager)"),
    AVAILABILITY,
    flag("cert-expiry", "Validity period for node certificates (ns|us|ms|s|m|h)", {
      value: "duration",
      def: "2160h0m0s",
    }),
    DATA_PATH_ADDR,
    flag(
      "data-path-port",
      "Port number to use for data path traffic (1024 - 49151). If no value is set or is set to 0, the default port (4789) is used.",
      { value: "uint32" },
    ),
    flag("default-addr-pool", "default address pool in CIDR format", { value: "ipNetSlice", def: "[]" }),
    flag("default-addr-pool-mask-length", "default address pool subnet mask length", {
      value: "uint32",
      def: "24",
    }),
    flag("dispatcher-heartbeat", "Dispatcher heartbeat period (ns|us|ms|s|m|h)", {
      value: "duration",
      def: "5s",
    }),
    flag("external-ca", "Specifications of one or more certificate signing endpoints", {
      value: "external-ca",
    }),
    flag("force-new-cluster", "Force create a new cluster from current state"),
    LISTEN,
    flag("max-snapshots", "Number of additional Raft snapshots to retain", { value: "uint" }),
    flag("snapshot-interval", "Number of log entries between Raft snapshots", {
      value: "uint",
      def: "10000",
    }),
    flag("task-history-limit", "Task history retention limit", { value: "int", def: "5" }),
  ],
  args: { none: true },
  run(ctx, { flags }) {
    const advertiseAddr = str(flags, "advertise-addr");
    const { node, advertise } = initSwarm(ctx.host, advertiseAddr === undefined ? {} : { advertiseAddr });
    const { token } = joinCommand(ctx.host, "worker");
    ctx.out.write(
      `Swarm initialized: current node (${node.id}) is now a manager.\n\n` +
        "To add a worker to this swarm, run the following command:\n\n" +
        `    docker swarm join --token ${token} ${advertise}\n\n` +
        "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n",
    );
    return 0;
  },
};

const join: DockerCommand = {
  group: ["swarm", "join"],
  use: "[OPTIONS] HOST:PORT",
  summary: "Join a swarm as a node and/or manager",
  flags: [
    ADVERTISE,
    AVAILABILITY,
    DATA_PATH_ADDR,
    LISTEN,
    flag("token", "Token for entry into the swarm", { value: "string" }),
  ],
  args: { exact: 1 },
  run(ctx, { flags, args }) {
    const advertiseAddr = str(flags, "advertise-addr");
    const role = joinSwarm(ctx.host, {
      token: str(flags, "token") ?? "",
      remote: args[0] ?? "",
      ...(advertiseAddr !== undefined ? { advertiseAddr } : {}),
      connect: (ip, port) => {
        const { result, end } = traced(
          ctx,
          ctx.world.clock,
          "TCP",
          `${ctx.host.machine.name} → ${ip}:${port} swarm join`,
          (sim) => tcpSession(sim, ctx.host.ns, ip, port),
          (r) => r.kind === "connected",
        );
        advanceClock(ctx.world, end);
        const route = routeOutput(ctx.host.ns, ip);
        return result.kind === "connected" && route.kind !== "unreachable" ? route.src : undefined;
      },
    });
    if (role === "pending") {
      throw new DaemonError(
        'Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.',
        503,
      );
    }
    ctx.out.line(`This node joined a swarm as a ${role}.`);
    return 0;
  },
};

const joinToken: DockerCommand = {
  group: ["swarm", "join-token"],
  use: "[OPTIONS] (worker|manager)",
  summary: "Manage join tokens",
  flags: [flag("quiet", "Only display token", { short: "q" }), flag("rotate", "Rotate join token")],
  args: { exact: 1 },
  run(ctx, { flags, args }) {
    const role = args[0] ?? "";
    let answer: { token: string; command: string };
    try {
      answer = joinCommand(ctx.host, role);
    } catch (error) {
      if (error instanceof CliRoleError) throw new CliError(error.message);
      throw error;
    }
    if (bool(flags, "quiet")) ctx.out.line(answer.token);
    else
      ctx.out.write(
        `To add a ${role} to this swarm, run the following command:\n\n    ${answer.command}\n\n`,
      );
    return 0;
  },
};

const leave: DockerCommand = {
  group: ["swarm", "leave"],
  use: "[OPTIONS]",
  summary: "Leave the swarm",
  flags: [flag("force", "Force this node to leave the swarm, ignoring warnings", { short: "f" })],
  args: { none: true },
  run(ctx, { flags }) {
    leaveSwarm(ctx.host, bool(flags, "force"));
    ctx.out.line("Node left the swarm.");
    return 0;
  },
};

/** Go's time.ParseDuration for the units swarm flags take ("5s", "2160h0m0s", "1m30s", "500ms"). */
function parseDuration(flag: string, text: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text)
    throw new CliError(
      `invalid argument "${text}" for "--${flag}" flag: time: invalid duration "${text}"`,
      125,
    );
  return parts.reduce((sum, p) => sum + Number(p[1]) * (units[p[2] ?? "s"] ?? 0), 0);
}

const update: DockerCommand = {
  group: ["swarm", "update"],
  use: "[OPTIONS]",
  summary: "Update the swarm",
  flags: SWARM_UPDATE_FLAGS,
  args: { none: true },
  run(ctx, { flags }) {
    const swarm = requireManager(ctx.host);
    const before = settingsOf(swarm);
    const number = (name: string, fallback: number) => {
      const value = str(flags, name);
      return value === undefined ? fallback : Number(value);
    };
    const duration = (name: string, fallback: number) => {
      const value = str(flags, name);
      return value === undefined ? fallback : parseDuration(name, value);
    };
    const autolock = flags.autolock === undefined ? before.autolock : flags.autolock === true;
    swarm.settings = {
      taskHistoryLimit: number("task-history-limit", before.taskHistoryLimit),
      heartbeatMs: duration("dispatcher-heartbeat", before.heartbeatMs),
      certExpiryMs: duration("cert-expiry", before.certExpiryMs),
      snapshotInterval: number("snapshot-interval", before.snapshotInterval),
      oldSnapshots: number("max-snapshots", before.oldSnapshots),
      autolock,
      ...(autolock ? { unlockKey: before.unlockKey ?? unlockKey(ctx) } : {}),
    };
    swarm.index += 1;
    ctx.out.line("Swarm updated.");
    if (autolock && !before.autolock)
      ctx.out.write(
        "To unlock a swarm manager after it restarts, run the `docker swarm unlock`\ncommand and provide the following key:\n\n" +
          `    ${swarm.settings.unlockKey}\n\nRemember to store this key in a password manager, since without it you\nwill not be able to restart the manager.\n`,
      );
    return 0;
  },
};

/** SWMKEY-1- and 43 base-64 characters: the key encrypting the managers' raft data at rest. */
function unlockKey(ctx: DockerCtx): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let key = "SWMKEY-1-";
  for (let i = 0; i < 43; i++) key += chars[randInt(ctx.world.rng, 0, 63)];
  return key;
}

/** The cluster's settings: what `docker swarm init` sets unless an update changed them. */
function settingsOf(swarm: Swarm): SwarmSettings {
  return (
    swarm.settings ?? {
      taskHistoryLimit: 5,
      heartbeatMs: 5000,
      certExpiryMs: 2160 * 3_600_000,
      snapshotInterval: 10000,
      oldSnapshots: 0,
      autolock: false,
    }
  );
}

export const subcommands: DockerCommand[] = [init, join, joinToken, leave, update];

/** What else `docker swarm` has, which the lab does not simulate. */
export const listed: ListedCommand[] = [
  { group: ["swarm", "ca"], summary: "Display and rotate the root CA" },
  { group: ["swarm", "unlock"], summary: "Unlock swarm" },
  { group: ["swarm", "unlock-key"], summary: "Manage the unlock key" },
];

/** The subcommands `docker swarm` lists: the client hides what the daemon's state does not allow. */
export function visibleSwarmCommands(host: Host): string[] | undefined {
  if (!host.daemon.swarm) return ["init", "join"];
  return selfNode(host)?.role === "manager" ? undefined : ["init", "join", "leave"];
}

/** `docker info`'s Swarm section, as the client prints it for each state. */
export function swarmInfoText(host: Host): string {
  const m = host.daemon.swarm;
  if (!m) return " Swarm: inactive\n";
  const swarm = clusterOf(host);
  const self = swarm && nodeOf(swarm, m);
  const managers = m.managers.map((a) => `   ${a}\n`).join("");
  if (!swarm || self?.role !== "manager") {
    return (
      ` Swarm: ${m.state}\n  NodeID: ${m.node}\n  Is Manager: false\n  Node Address: ${m.addr}\n` +
      `  Manager Addresses:\n${managers}`
    );
  }
  refreshNodes(swarm, host.world.clock);
  const settings = settingsOf(swarm);
  return ` Swarm: active
  NodeID: ${m.node}
  Is Manager: true
  ClusterID: ${swarm.id}
  Managers: ${swarm.nodes.filter((n) => n.role === "manager").length}
  Nodes: ${swarm.nodes.length}
  Data Path Port: 4789
  Orchestration:
   Task History Retention Limit: ${settings.taskHistoryLimit}
  Raft:
   Snapshot Interval: ${settings.snapshotInterval}
   Number of Old Snapshots to Retain: ${settings.oldSnapshots}
   Heartbeat Tick: 1
   Election Tick: 10
  Dispatcher:
   Heartbeat Period: ${humanDuration(settings.heartbeatMs)}
  CA Configuration:
   Expiry Duration: ${humanDuration(settings.certExpiryMs)}
   Force Rotate: 0
  Autolock Managers: ${settings.autolock}
  Root Rotation In Progress: false
  Node Address: ${m.addr}
  Manager Addresses:
${managers}`;
}

/** `docker info`'s .Swarm for templates (swarm.Info). */
export function swarmInfoValue(host: Host): GoValue {
  const m = host.daemon.swarm;
  const swarm = clusterOf(host);
  const manager = !!swarm && nodeOf(swarm, m)?.role === "manager";
  return goStruct("swarm.Info", [
    ["NodeID", goStr(m?.node ?? "")],
    ["NodeAddr", goStr(m?.addr ?? "")],
    ["LocalNodeState", goStr(m?.state ?? "inactive")],
    ["ControlAvailable", goBool(manager)],
    ["Error", goStr("")],
    ["RemoteManagers", goStrings(m ? m.managers : null)],
    ["Nodes", goInt(manager ? (swarm?.nodes.length ?? 0) : 0)],
    ["Managers", goInt(manager ? (swarm?.nodes.filter((n) => n.role === "manager").length ?? 0) : 0)],
  ]);
}
