/**
 * `docker node ls|inspect|rm`: the cluster's nodes as a manager sees them (a worker is refused), in
 * client 28's table and the API's Node object.
 */

import { DaemonError } from "../../../engine/docker/errors";
import { findNode, listNodes, removeNode } from "../../../engine/swarm/cluster";
import { nodeOf } from "../../../engine/swarm/store";
import type { Swarm, SwarmNode } from "../../../engine/swarm/types";
import { type GoValue, goBool, goInt, goStr, goStringMap, goStruct } from "../../format/go/value";
import { type DockerCommand, type DockerCtx, eachContainer, type ListedCommand } from "./cli";
import { bool, flag, list, str } from "./flags";
import { context, filterMatch, formatRows, naturalLess, parseFilters } from "./format";
import { LS_FLAGS } from "./service-flags";
import { SERVER_VERSION } from "./system";
import { goTimeString, rfc3339Nano } from "./units";

const HEADERS = {
  ID: "ID",
  Self: "",
  Hostname: "HOSTNAME",
  Status: "STATUS",
  Availability: "AVAILABILITY",
  ManagerStatus: "MANAGER STATUS",
  EngineVersion: "ENGINE VERSION",
  TLSStatus: "TLS STATUS",
};

const TABLE =
  "table {{.ID}} {{if .Self}}*{{else}} {{ end }}\t{{.Hostname}}\t{{.Status}}\t{{.Availability}}\t{{.ManagerStatus}}\t{{.EngineVersion}}";

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function managerStatus(n: SwarmNode): string {
  if (n.role !== "manager") return "";
  if (n.leader && n.state === "ready") return "Leader";
  return n.state === "ready" ? "Reachable" : "Unreachable";
}

function row(swarm: Swarm, ctx: DockerCtx, n: SwarmNode): GoValue {
  const self = nodeOf(swarm, ctx.host.daemon.swarm) === n;
  const value = context("*node.nodeContext", {
    ID: n.id,
    Hostname: n.hostname,
    Status: capital(n.state),
    Availability: capital(n.availability),
    ManagerStatus: managerStatus(n),
    EngineVersion: SERVER_VERSION,
    TLSStatus: "Ready",
  });
  if (value.k === "object") value.fields.Self = goBool(self);
  return value;
}

const ls: DockerCommand = {
  group: ["node", "ls", "list"],
  use: "[OPTIONS]",
  summary: "List nodes in the swarm",
  aliases: "docker node ls, docker node list",
  flags: LS_FLAGS,
  args: { none: true },
  run(ctx, { flags }) {
    const { swarm, nodes } = listNodes(ctx.host);
    const f = parseFilters(list(flags, "filter"), [
      "id",
      "label",
      "membership",
      "name",
      "node.label",
      "role",
    ]);
    const shown = nodes
      .filter(
        (n) =>
          (!f.role || f.role.includes(n.role)) &&
          filterMatch(f.id ?? [], n.id) &&
          filterMatch(f.name ?? [], n.hostname) &&
          (!f.membership || f.membership.includes("accepted")),
      )
      .sort((a, b) =>
        naturalLess(a.hostname, b.hostname) ? -1 : naturalLess(b.hostname, a.hostname) ? 1 : 0,
      );
    const format = bool(flags, "quiet") ? "{{.ID}}" : (str(flags, "format") ?? TABLE);
    ctx.out.write(
      formatRows(
        format,
        "*node.nodeContext",
        shown.map((n) => row(swarm, ctx, n)),
        HEADERS,
        ctx.host.daemon.era,
      ),
    );
    return 0;
  },
};

/** The API's Node object (swarm.Node), the fields a student looks at. */
export function nodeView(swarm: Swarm, n: SwarmNode): GoValue {
  const created = rfc3339Nano(n.created, n.id);
  return goStruct("swarm.Node", [
    ["ID", goStr(n.id)],
    ["Version", goStruct("swarm.Version", [["Index", goInt(swarm.index)]])],
    ["CreatedAt", goStr(created)],
    ["UpdatedAt", goStr(created)],
    [
      "Spec",
      goStruct("swarm.NodeSpec", [
        ["Labels", goStringMap({})],
        ["Role", goStr(n.role)],
        ["Availability", goStr(n.availability)],
      ]),
    ],
    [
      "Description",
      goStruct("swarm.NodeDescription", [
        ["Hostname", goStr(n.hostname)],
        [
          "Platform",
          goStruct("swarm.Platform", [
            ["Architecture", goStr("x86_64")],
            ["OS", goStr("linux")],
          ]),
        ],
        [
          "Resources",
          goStruct("swarm.Resources", [
            ["NanoCPUs", goInt(2000000000)],
            ["MemoryBytes", goInt(25329729536)],
          ]),
        ],
        ["Engine", goStruct("swarm.EngineDescription", [["EngineVersion", goStr(SERVER_VERSION)]])],
      ]),
    ],
    [
      "Status",
      goStruct("swarm.NodeStatus", [
        ["State", goStr(n.state)],
        ["Addr", goStr(n.addr)],
      ]),
    ],
    ...(n.role === "manager"
      ? ([
          [
            "ManagerStatus",
            goStruct("swarm.ManagerStatus", [
              ["Leader", goBool(n.leader === true)],
              ["Reachability", goStr(n.state === "ready" ? "reachable" : "unreachable")],
              ["Addr", goStr(n.managerAddr ?? "")],
            ]),
          ],
        ] as [string, GoValue][])
      : []),
  ]);
}

/** For the inspect commands: a node by reference, or the daemon's error. */
export function lookupNode(ctx: DockerCtx, ref: string): { view: () => GoValue } | string {
  try {
    const { swarm } = listNodes(ctx.host);
    const n = findNode(ctx.host, swarm, ref);
    return { view: () => nodeView(swarm, n) };
  } catch (error) {
    if (error instanceof DaemonError) return error.message;
    throw error;
  }
}

/** `docker node inspect --pretty`: docker/cli's nodeInspectPrettyTemplate, strings lowercased by PrettyPrint. */
export function prettyNodes(ctx: DockerCtx, refs: string[]): number {
  const { swarm } = listNodes(ctx.host);
  for (const ref of refs) {
    const n = findNode(ctx.host, swarm, ref);
    const joined = goTimeString(rfc3339Nano(n.created, n.id)).toLowerCase();
    const manager =
      n.role === "manager"
        ? `Manager Status:\n Address:\t\t${n.managerAddr ?? ""}\n Raft Status:\t\t${n.state === "ready" ? "Reachable" : "Unreachable"}\n Leader:\t\t${n.leader ? "Yes" : "No"}\n`
        : "";
    const pem = swarm.caCert.match(/.{1,64}/g)?.join("\n") ?? "";
    ctx.out.write(
      `ID:\t\t\t${n.id}\nHostname:              \t${n.hostname}\nJoined at:             \t${joined}\n` +
        `Status:\n State:\t\t\t${capital(n.state)}\n Availability:         \t${capital(n.availability)}\n Address:\t\t${n.addr}\n` +
        manager +
        "Platform:\n Operating System:\tlinux\n Architecture:\t\tx86_64\n" +
        "Resources:\n CPUs:\t\t\t2\n Memory:\t\t23.54GiB\n" +
        "Plugins:\n Log:\t\tawslogs, fluentd, gcplogs, gelf, journald, json-file, local, splunk, syslog\n" +
        " Network:\t\tbridge, host, ipvlan, macvlan, null, overlay\n Volume:\t\tlocal\n" +
        `Engine Version:\t\t${SERVER_VERSION}\n` +
        `TLS Info:\n TrustRoot:\n-----BEGIN CERTIFICATE-----\n${pem}\n-----END CERTIFICATE-----\n\n` +
        ` Issuer Subject:\tMBMxETAPBgNVBAMTCHN3YXJtLWNh\n Issuer Public Key:\t${swarm.caKey}\n`,
    );
  }
  return 0;
}

const rm: DockerCommand = {
  group: ["node", "rm", "remove"],
  use: "[OPTIONS] NODE [NODE...]",
  summary: "Remove one or more nodes from the swarm",
  aliases: "docker node rm, docker node remove",
  flags: [flag("force", "Force remove a node from the swarm", { short: "f" })],
  args: { min: 1 },
  run(ctx, { flags, args }) {
    return eachContainer(ctx, args, (ref) => removeNode(ctx.host, ref, bool(flags, "force")));
  },
};

export const subcommands: DockerCommand[] = [ls, rm];

/** What else `docker node` has, which the lab does not simulate. */
export const listed: ListedCommand[] = [
  { group: ["node", "demote"], summary: "Demote one or more nodes from manager in the swarm" },
  { group: ["node", "promote"], summary: "Promote one or more nodes to manager in the swarm" },
  { group: ["node", "ps"], summary: "List tasks running on one or more nodes, defaults to current node" },
  { group: ["node", "update"], summary: "Update a node" },
];
