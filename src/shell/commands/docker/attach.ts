/** `docker attach`: the terminal joins a running container's main process (its shell, or its output). */
import { isRunning, requireContainer } from "../../../engine/docker/lookup";
import { attached } from "./attached";
import { CliError, type DockerCommand } from "./cli";
import { flag } from "./flags";
import { attachTo } from "./lifecycle";

const attach: DockerCommand = {
  processes: [attached],
  top: "attach",
  looksUp: "container",
  group: ["container", "attach"],
  use: "[OPTIONS] CONTAINER",
  summary: "Attach local standard input, output, and error streams to a running container",
  aliases: "docker container attach, docker attach",
  flags: [
    flag("detach-keys", "Override the key sequence for detaching a container", { value: "string" }),
    flag("no-stdin", "Do not attach STDIN"),
    flag("sig-proxy", "Proxy all received signals to the process", { def: "true" }),
  ],
  args: { exact: 1 },
  run(ctx, { args }) {
    const c = requireContainer(ctx.host.daemon, args[0] ?? "");
    if (c.state.status === "paused")
      throw new CliError("You cannot attach to a paused container, unpause it first");
    if (!isRunning(c)) throw new CliError("You cannot attach to a stopped container, start it first");
    return attachTo(ctx, c, true);
  },
};

export const subcommands: DockerCommand[] = [attach];
