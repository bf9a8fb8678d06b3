/** `docker top`: the container's processes as ps -ef prints them on the host. */
import { notRunning } from "../../../engine/docker/containers";
import { isRunning, requireContainer } from "../../../engine/docker/lookup";
import { tabwrite } from "../../format/tabwriter";
import type { DockerCommand } from "./cli";

function hhmm(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

const top: DockerCommand = {
  top: "top",
  group: ["container", "top"],
  use: "CONTAINER [ps OPTIONS]",
  summary: "Display the running processes of a container",
  aliases: "docker container top, docker top",
  flags: [],
  interspersed: false,
  args: { min: 1 },
  run(ctx, { args }) {
    const c = requireContainer(ctx.host.daemon, args[0] ?? "");
    if (!isRunning(c)) throw notRunning(ctx.host, c);
    const tty = c.config.tty ? "pts/0" : "?";
    const procs = Object.values(ctx.host.machine.procs)
      .filter((p) => p.container === c.id)
      .sort((a, b) => a.pid - b.pid);
    const rows = ["UID\tPID\tPPID\tC\tSTIME\tTTY\tTIME\tCMD"];
    for (const p of procs) {
      const main = p.pid === c.state.pid;
      rows.push(
        [
          "root",
          p.pid,
          c.shimPid,
          "0",
          hhmm(c.state.startedAt),
          main ? tty : "?",
          "00:00:00",
          p.command,
        ].join("\t"),
      );
    }
    ctx.out.write(tabwrite(`${rows.join("\n")}\n`, { minwidth: 20, padding: 3 }));
    return 0;
  },
};

export const subcommands: DockerCommand[] = [top];
