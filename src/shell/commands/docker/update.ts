/**
 * `docker update`: a container's restart policy, checked as at create, refused for an --rm
 * container. The resource limits it also updates (CPU, memory, pids) are outside the lab: given
 * one, it says so rather than pretend.
 */
import { checkRestartPolicy } from "../../../engine/docker/containers";
import { DaemonError } from "../../../engine/docker/errors";
import { requireContainer } from "../../../engine/docker/lookup";
import { CliError, type DockerCommand, eachContainer } from "./cli";
import { flag, str } from "./flags";

const RESOURCES = [
  flag("blkio-weight", "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)", {
    value: "uint16",
  }),
  flag("cpu-period", "Limit CPU CFS (Completely Fair Scheduler) period", { value: "int" }),
  flag("cpu-quota", "Limit CPU CFS (Completely Fair Scheduler) quota", { value: "int" }),
  flag("cpu-rt-period", "Limit the CPU real-time period in microseconds", { value: "int" }),
  flag("cpu-rt-runtime", "Limit the CPU real-time runtime in microseconds", { value: "int" }),
  flag("cpu-shares", "CPU shares (relative weight)", { short: "c", value: "int" }),
  flag("cpus", "Number of CPUs", { value: "decimal" }),
  flag("cpuset-cpus", "CPUs in which to allow execution (0-3, 0,1)", { value: "string" }),
  flag("cpuset-mems", "MEMs in which to allow execution (0-3, 0,1)", { value: "string" }),
  flag("memory", "Memory limit", { short: "m", value: "bytes" }),
  flag("memory-reservation", "Memory soft limit", { value: "bytes" }),
  flag("memory-swap", "Swap limit equal to memory plus swap: -1 to enable unlimited swap", {
    value: "bytes",
  }),
  flag("pids-limit", "Tune container pids limit (set -1 for unlimited)", { value: "int" }),
];

const update: DockerCommand = {
  top: "update",
  group: ["container", "update"],
  use: "[OPTIONS] CONTAINER [CONTAINER...]",
  summary: "Update configuration of one or more containers",
  aliases: "docker container update, docker update",
  flags: [
    ...RESOURCES,
    flag("restart", "Restart policy to apply when a container exits", { value: "string" }),
  ],
  args: { min: 1 },
  run(ctx, { flags, args }) {
    const limits = RESOURCES.filter((f) => flags[f.long] !== undefined);
    const restart = str(flags, "restart");
    if (limits.length === 0 && restart === undefined)
      throw new CliError("you must provide one or more flags when using this command");
    const first = limits[0];
    if (first)
      throw new CliError(`docker: 'docker update --${first.long}' is not simulated in Docker Network Lab`);
    return eachContainer(ctx, args, (name) => {
      const c = requireContainer(ctx.host.daemon, name);
      const policy = restart ?? c.hostConfig.restartPolicy;
      checkRestartPolicy(policy);
      if (c.hostConfig.autoRemove && policy !== "no")
        throw new DaemonError(
          `Cannot update container ${c.id}: Restart policy cannot be updated because AutoRemove is enabled for the container`,
          400,
        );
      c.hostConfig.restartPolicy = policy;
    });
  },
};

export const subcommands: DockerCommand[] = [update];
